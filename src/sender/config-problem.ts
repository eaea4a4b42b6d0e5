/**
 * What is wrong with an option, as the client's options and the limiter's report it: the
 * option's name and a plain sentence. A module of its own so that `config.ts` (which makes a
 * limiter) and `limiter.ts` (which reports its own options) both depend on it and not on
 * each other.
 *
 * @since 0.2.0
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One thing wrong with the options: the option's name and a plain sentence. Never contains
 * the key or a token.
 *
 * @category model
 * @since 0.1.0
 */
export interface ConfigProblem {
  readonly option: string
  readonly message: string
}

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/**
 * Thrown by `createClientOrThrow` only: carries every problem with the options, and a message
 * that lists them. Like the problems, it never holds the key or a token.
 *
 * @category errors
 * @since 0.2.0
 */
export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError'
  readonly problems: ReadonlyNonEmptyArray<ConfigProblem>
  constructor(problems: ReadonlyNonEmptyArray<ConfigProblem>) {
    super(`The client options are not valid:\n${problems.map((p) => `  ${p.message}`).join('\n')}`)
    this.problems = problems
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The problems as lines, for a CLI message or a thrown error.
 *
 * @category destructors
 * @since 0.1.0
 */
export const formatConfigProblems = (problems: ReadonlyArray<ConfigProblem>): string =>
  problems.map((p) => p.message).join('\n')
