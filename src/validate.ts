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
import { compiledCallV1, compiledCallV2, compiledNcco } from './generated/validators.js'
import { CollectedFindings, FAILED } from './internal/compiled.js'
import type { CompiledValidator } from './internal/compiled.js'
import { MAX_JSON_DEPTH, runCheck } from './internal/node.js'
import type { AnyNode, Node } from './internal/node.js'
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
export const validatorFor = <A>(node: Node<A>): Validator<A> => {
  const compiled = compiledValidators.get(node)
  return ((input: unknown, options: ValidateOptions = {}) => {
    const profile = options.profile ?? 'strict'
    if (compiled !== undefined) {
      const found = compiled(input, profile)
      if (found instanceof CollectedFindings) {
        return E.left(found.issues as unknown as ReadonlyNonEmptyArray<Issue>)
      }
      if (found !== FAILED && !(found.some(isUnknownKey) && mayCycle(input))) {
        return E.right({ value: input as A, warnings: found })
      }
    }
    return interpret(node, input, profile)
  }) as Validator<A>
}

const isUnknownKey = (issue: Issue): boolean => issue.code === 'unknown-key'

/**
 * Whether a value may refer to itself. The compiled validators do not walk the values under
 * unknown keys (a warning in the lenient profile), so a document they pass with such warnings
 * is walked once more here, and a cycle (or anything unusual: too deep, a getter that throws)
 * sends it to the interpreter, which reports it. Only documents with unknown keys pay for it.
 */
const mayCycle = (input: unknown): boolean => {
  const ancestors = new Set<object>()
  const walk = (value: unknown, depth: number): boolean => {
    if (typeof value !== 'object' || value === null) return false
    if (ancestors.has(value) || depth >= MAX_JSON_DEPTH) return true
    ancestors.add(value)
    for (const key of Object.keys(value)) {
      if (walk((value as Readonly<Record<string, unknown>>)[key], depth + 1)) return true
    }
    ancestors.delete(value)
    return false
  }
  try {
    return walk(input, 0)
  } catch {
    return true
  }
}

/**
 * The interpreter's reading: every finding, by walking the field descriptions. The compiled
 * validators hand a document over to it when they meet an error.
 */
const interpret = <A>(
  node: Node<A>,
  input: unknown,
  profile: Profile
): E.Either<ReadonlyNonEmptyArray<Issue>, Validated<A>> => {
  const issues = runCheck(node.check, input, profile)
  return issues.some((i) => i.severity === 'error')
    ? E.left(issues as unknown as ReadonlyNonEmptyArray<Issue>)
    : E.right({ value: input as A, warnings: issues })
}

/** The generated validators (src/generated/validators.ts), by the node they compile. */
const compiledValidators: ReadonlyMap<AnyNode, CompiledValidator> = new Map<
  AnyNode,
  CompiledValidator
>([
  [Ncco, compiledNcco],
  [CreateCallV1Request, compiledCallV1],
  [CreateCallV2Request, compiledCallV2]
])

/**
 * A validator that never takes the compiled road: the reference the compiled validators are
 * tested against, and the baseline of `npm run bench`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const interpretedValidatorFor = <A>(node: Node<A>): Validator<A> =>
  ((input: unknown, options: ValidateOptions = {}) =>
    interpret(node, input, options.profile ?? 'strict')) as Validator<A>

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
 * @example
 * import { validateCallV1 } from 'ncco-kit'
 * import * as E from 'fp-ts/lib/Either.js'
 *
 * const result = validateCallV1({
 *   to: [{ type: 'phone', number: '447700900001' }],
 *   answer_url: ['https://example.com/answer']
 * })
 * assert.ok(E.isLeft(result))
 * assert.deepStrictEqual(
 *   result.left.map((issue) => [issue.code, issue.path]),
 *   [['missing-caller', '/from']]
 * )
 *
 * @category validators
 * @since 0.1.0
 */
export const validateCallV1: Validator<CreateCallV1Request> = validatorFor(CreateCallV1Request)

/**
 * Validates a v2 create-call request (`POST /v2/calls`).
 *
 * @example
 * import { validateCallV2 } from 'ncco-kit'
 * import * as E from 'fp-ts/lib/Either.js'
 *
 * const result = validateCallV2({
 *   to: [{ type: 'app', user: 'alice' }],
 *   from: { type: 'phone', number: '447700900000' },
 *   ncco: [{ action: 'talk', text: 'Hello Alice' }]
 * })
 * assert.ok(E.isRight(result))
 * assert.deepStrictEqual(result.right.warnings, [])
 *
 * @category validators
 * @since 0.1.0
 */
export const validateCallV2: Validator<CreateCallV2Request> = validatorFor(CreateCallV2Request)
