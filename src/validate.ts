/**
 * The validator: takes anything, returns every finding or the value as given.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { CreateCallV1Request } from './call/v1.js'
import { CreateCallV2Request } from './call/v2.js'
import type { Issue, Profile } from './issue.js'
import { runCheck } from './internal/node.js'
import type { Node } from './internal/node.js'
import { Ncco } from './ncco/ncco.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A value that passed validation (the very value given, not a copy) with its warnings.
 *
 * @category model
 * @since 0.1.0
 */
export interface Validated<A> {
  readonly value: A
  readonly warnings: ReadonlyArray<Issue>
}

/**
 * @category model
 * @since 0.1.0
 */
export interface ValidateOptions {
  /** `strict` (default) or `lenient` (docs/rules.md §1). */
  readonly profile?: Profile
}

/**
 * What a lenient validation passes: the document may still hold stringly scalars or stand-in
 * spellings (reported as warnings), so only its outline is typed.
 *
 * @category model
 * @since 0.1.0
 */
export type Loose<A> =
  A extends ReadonlyArray<unknown>
    ? ReadonlyArray<{ readonly action: string; readonly [key: string]: unknown }>
    : { readonly [key: string]: unknown }

/**
 * @category model
 * @since 0.1.0
 */
export interface Validator<A> {
  (
    input: unknown,
    options?: { readonly profile?: 'strict' }
  ): E.Either<ReadonlyNonEmptyArray<Issue>, Validated<A>>
  (
    input: unknown,
    options: ValidateOptions
  ): E.Either<ReadonlyNonEmptyArray<Issue>, Validated<A | Loose<A>>>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A validator for any of the project's codecs. Left: every finding (errors and warnings, in
 * document order as far as the rules allow). Right: the input itself and its warnings.
 *
 * @category constructors
 * @since 0.1.0
 */
export const validatorFor = <A>(node: Node<A>): Validator<A> =>
  ((input: unknown, options: ValidateOptions = {}) => {
    const issues = runCheck(node.check, input, options.profile ?? 'strict')
    return issues.some((i) => i.severity === 'error')
      ? E.left(issues as unknown as ReadonlyNonEmptyArray<Issue>)
      : E.right({ value: input as A, warnings: issues })
  }) as Validator<A>

/**
 * Validates an NCCO.
 *
 * @example
 * import { validateNcco } from 'ncco-kit'
 * import * as E from 'fp-ts/lib/Either.js'
 *
 * const result = validateNcco([{ action: 'talk', text: 'Hello' }])
 * assert.ok(E.isRight(result))
 *
 * @category validators
 * @since 0.1.0
 */
export const validateNcco: Validator<Ncco> = validatorFor(Ncco)

/**
 * Validates a v1 create-call request (`POST /v1/calls`).
 *
 * @category validators
 * @since 0.1.0
 */
export const validateCallV1: Validator<CreateCallV1Request> = validatorFor(CreateCallV1Request)

/**
 * Validates a v2 create-call request (`POST /v2/calls`).
 *
 * @category validators
 * @since 0.1.0
 */
export const validateCallV2: Validator<CreateCallV2Request> = validatorFor(CreateCallV2Request)
