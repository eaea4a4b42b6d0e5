/**
 * What every builder is: an immutable wrapper around a frozen plain wire value, with
 * `build()` (the validator's `Either`), `buildOrThrow()` and `toJSON()`.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { formatIssues } from '../issue.js'
import type { Issue } from '../issue.js'
import type { Validated } from '../validate.js'
import { frozenCopy, frozenWith } from './internal.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What `build()` returns: every finding (errors and warnings, with JSON Pointers into the
 * built value), or the built value and its warnings.
 *
 * @category model
 * @since 0.1.0
 */
export type BuildResult<A> = E.Either<ReadonlyNonEmptyArray<Issue>, Validated<A>>

/**
 * What a finished builder offers. Every builder whose required parts are given has this
 * shape, so functions that take "an action or its builder" can say so.
 *
 * @category model
 * @since 0.1.0
 */
export interface Buildable<A> {
  /** The wire value, deeply frozen. */
  readonly value: A
  /** Validates the value (strict profile): all findings, or the value and its warnings. */
  build(): BuildResult<A>
  /** The value when it has no errors; otherwise throws a `NccoValidationError`. */
  buildOrThrow(): A
  /** The wire value, so that `JSON.stringify(builder)` is the wire format. */
  toJSON(): A
}

/**
 * Thrown by `buildOrThrow()` only: carries every finding, and a message that lists them.
 *
 * @example
 * import { talk, NccoValidationError } from 'ncco-kit'
 *
 * try {
 *   talk('Hello').level(2).buildOrThrow()
 * } catch (e) {
 *   if (e instanceof NccoValidationError) console.error(e.issues)
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class NccoValidationError extends Error {
  override readonly name = 'NccoValidationError'
  /** Every finding, errors and warnings, in document order. */
  readonly issues: ReadonlyNonEmptyArray<Issue>
  constructor(what: string, issues: ReadonlyNonEmptyArray<Issue>) {
    const errors = issues.filter((i) => i.severity === 'error').length
    const warnings = issues.length - errors
    const counts = [
      `${errors} error${errors === 1 ? '' : 's'}`,
      ...(warnings === 0 ? [] : [`${warnings} warning${warnings === 1 ? '' : 's'}`])
    ].join(', ')
    super(`${what} is not valid (${counts}):\n` + formatIssues(issues).replace(/^/gm, '  '))
    this.issues = issues
  }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The base of every builder. `value` is frozen all the way down and never changes; each
 * method returns a new builder of the same class over a new value.
 */
export abstract class Builder<A extends object> implements Buildable<A> {
  readonly value: A
  /** `value` must already be a frozen copy; the factories and `with` make sure of it. */
  constructor(value: A) {
    this.value = value
  }
  /** How `buildOrThrow`'s message names the value: "The talk action". */
  protected abstract readonly what: string
  protected abstract validate(value: A): BuildResult<A>

  build(): BuildResult<A> {
    return this.validate(this.value)
  }

  buildOrThrow(): A {
    const result = this.build()
    if (E.isLeft(result)) throw new NccoValidationError(this.what, result.left)
    return result.right.value
  }

  toJSON(): A {
    return this.value
  }

  /** A new builder of the same class over `value` with `patch` written over it. */
  protected with(patch: Partial<A>): this {
    return this.over(frozenWith(this.value, patch))
  }

  /** A new builder of the same class over `value` (a frozen copy). */
  protected over(value: A): this {
    const Self = this.constructor as new (value: A) => this
    return new Self(value)
  }
}

/** The wire value of a builder, or a frozen copy of a plain value. */
export const plainOf = <A>(x: A | Buildable<A>): A =>
  x instanceof Builder ? (x.value as A) : frozenCopy(x as A)
