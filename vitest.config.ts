import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The campaign at scale measures calls per second at the sandbox: it runs on its own,
    // after the rest, so that the other test files do not load the machine while it measures
    // (vitest.scale.config.ts).
    exclude: [...configDefaults.exclude, 'test/campaign/scale.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
    globalSetup: ['test/campaign/global-setup.ts']
  }
})
