import { defineConfig } from 'vitest/config'

/** The campaign at scale, alone on the machine (see vitest.config.ts). */
export default defineConfig({
  test: {
    include: ['test/campaign/scale.test.ts'],
    testTimeout: 200_000,
    globalSetup: ['test/campaign/global-setup.ts']
  }
})
