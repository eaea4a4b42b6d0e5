/**
 * Reading what the Voice API answered, once the body has been read within its limit and
 * redacted: the success bodies of v1 and v2, Vonage's problem details, and the short excerpts
 * of a body or a header that a failure quotes.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { CreateCallV1Response } from '../call/response.js'
import { isPlainObject } from '../internal/text.js'
import { ProblemDetails } from './problem.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A success body's decoder: the value, or what did not match, in a few words per path.
 *
 * @category model
 * @since 0.2.0
 */
export type Decode<A> = (body: string) => E.Either<ReadonlyArray<string>, A>

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/** How much of a body a failure quotes. */
const bodyExcerptLength = 2_000

/** How much of a header a failure quotes: a trace id is a few dozen characters. */
const headerExcerptLength = 200

// -------------------------------------------------------------------------------------
// decoders
// -------------------------------------------------------------------------------------

const describeThrown = (error: unknown): string =>
  error instanceof Error && error.message !== '' ? error.message : String(error)

const parseJson = (body: string): E.Either<ReadonlyArray<string>, unknown> =>
  E.tryCatch(
    () => JSON.parse(body) as unknown,
    (error) => [`the body is not JSON (${describeThrown(error)})`]
  )

/**
 * v1's `201 Created` body: `{uuid, status, direction, conversation_uuid}`.
 *
 * @category decoders
 * @since 0.2.0
 */
export const decodeV1: Decode<CreateCallV1Response> = (body) =>
  pipe(
    parseJson(body),
    E.chain((json) =>
      pipe(
        CreateCallV1Response.decode(json),
        E.mapLeft((errors): ReadonlyArray<string> =>
          errors.map((e) => e.message ?? 'the body does not match')
        )
      )
    )
  )

/**
 * v2's `202 Accepted` body: any JSON object, `{}` when empty.
 *
 * @category decoders
 * @since 0.2.0
 */
export const decodeV2: Decode<Readonly<Record<string, unknown>>> = (body) =>
  body.trim() === ''
    ? E.right({})
    : pipe(
        parseJson(body),
        E.chain((json) =>
          isPlainObject(json)
            ? E.right(json)
            : E.left<ReadonlyArray<string>>(['the body is not a JSON object'])
        )
      )

/**
 * Vonage's problem details in an error body, or `undefined` when it is not a JSON object.
 *
 * @category decoders
 * @since 0.2.0
 */
export const decodeProblem = (body: string | undefined): ProblemDetails | undefined =>
  body === undefined
    ? undefined
    : pipe(
        parseJson(body),
        E.chainW((json) => ProblemDetails.decode(json)),
        E.getOrElseW(() => undefined)
      )

// -------------------------------------------------------------------------------------
// excerpts
// -------------------------------------------------------------------------------------

const cut = (text: string | undefined, length: number): string | undefined =>
  text === undefined || text === ''
    ? undefined
    : text.length > length
      ? `${text.slice(0, length)}…`
      : text

/**
 * A body as a failure quotes it: `undefined` when empty, cut at 2,000 characters.
 *
 * @category excerpts
 * @since 0.2.0
 */
export const bodyExcerpt = (body: string | undefined): string | undefined =>
  cut(body, bodyExcerptLength)

/**
 * A header value as a failure quotes it: `undefined` when absent or empty, cut at 200
 * characters.
 *
 * @category excerpts
 * @since 0.2.0
 */
export const headerExcerpt = (value: string | undefined): string | undefined =>
  cut(value, headerExcerptLength)
