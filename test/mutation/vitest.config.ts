/**
 * The tests `npm run mutate` runs against each mutant: the ones that exercise the sampled
 * modules in-process. Tests that build the package or spawn the CLI are left out (they take
 * seconds per run and cover the same code through the same in-process paths), and so is the
 * equivalence of the compiled and interpreted validators over thousands of generated documents
 * (minutes per mutant once instrumented; `npm test` runs it).
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'test/validator/**/*.test.ts',
      'test/compiled/text.test.ts',
      'test/builders/*.test.ts',
      'test/mutation/**/*.test.ts',
      'test/sender/retry.test.ts',
      'test/sender/limiter.test.ts',
      'test/sender/clock-step.test.ts',
      'test/sender/withdraw.test.ts',
      'test/cli/formats.test.ts',
      'test/cli/locate.test.ts',
      'test/cli/locate-text.test.ts',
      'test/cli/workflow-commands.test.ts',
      'test/cli/lone-cr.test.ts',
      'test/cli/slips.test.ts'
    ],
    // The staleness check of src/generated would kill every mutant of a description without
    // telling whether a test notices what it changes; it stays in `npm test`.
    exclude: ['test/builders/examples.test.ts', 'test/compiled/generated.test.ts'],
    // Instrumented code runs several times slower.
    testTimeout: 60_000
  }
})
