/**
 * Vonage's error bodies, decoded leniently. Vonage documents RFC 7807 problem details in
 * general but no error body for the Voice API (OpenAPI 1.10), and the bodies seen in the wild
 * differ (the legacy Voice API reference, a 400 body quoted in vonage-node-sdk issue #133, the
 * SDKs' test fixtures): `type` a URI or the number `400`, `title` or `error_title`,
 * `invalid_parameters` an array of `{name, reason}` or an object map `{field: reason}`.
 *
 * So every field is optional, a field of an unexpected type is left out rather than failing
 * the whole body, and the two `invalid_parameters` shapes become one array.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts/lib/index.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface InvalidParameter {
  readonly name?: string
  readonly reason?: string
}

/**
 * @category model
 * @since 0.1.0
 */
export interface ProblemDetails {
  /** A URI such as `https://developer.nexmo.com/api-errors#unauthorized`, or a number (`400`). */
  readonly type?: string | number
  /** `title`, or the legacy `error_title` when `title` is absent. */
  readonly title?: string
  readonly detail?: string
  /** A trace id for Vonage support. */
  readonly instance?: string
  /** Vonage's error code, where given (`code` or `error-code`). */
  readonly code?: string | number
  /** `invalid_parameters`, always as an array (an object map becomes `{name, reason}` items). */
  readonly invalid_parameters?: ReadonlyArray<InvalidParameter>
}

// -------------------------------------------------------------------------------------
// codec
// -------------------------------------------------------------------------------------

const StringOrNumber = t.union([t.string, t.number])

const decodeField = <A>(codec: t.Decoder<unknown, A>, u: unknown): A | undefined => {
  const result = codec.decode(u)
  return E.isRight(result) ? result.right : undefined
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const decodeInvalidParameter = (u: unknown): InvalidParameter | undefined => {
  if (typeof u === 'string') return { name: u }
  if (!isRecord(u)) return undefined
  const name = decodeField(t.string, u['name'])
  const reason = decodeField(t.string, u['reason'])
  return {
    ...(name === undefined ? {} : { name }),
    ...(reason === undefined ? {} : { reason })
  }
}

const decodeInvalidParameters = (u: unknown): ReadonlyArray<InvalidParameter> | undefined => {
  if (Array.isArray(u)) {
    return u.flatMap((item) => {
      const p = decodeInvalidParameter(item)
      return p === undefined ? [] : [p]
    })
  }
  if (isRecord(u)) {
    return Object.entries(u).map(([name, reason]) =>
      typeof reason === 'string' ? { name, reason } : { name }
    )
  }
  return undefined
}

const toProblem = (body: Readonly<Record<string, unknown>>): ProblemDetails => {
  const fields: { -readonly [K in keyof ProblemDetails]: ProblemDetails[K] } = {}
  const type = decodeField(StringOrNumber, body['type'])
  if (type !== undefined) fields.type = type
  const title = decodeField(t.string, body['title']) ?? decodeField(t.string, body['error_title'])
  if (title !== undefined) fields.title = title
  const detail = decodeField(t.string, body['detail'])
  if (detail !== undefined) fields.detail = detail
  const instance = decodeField(t.string, body['instance'])
  if (instance !== undefined) fields.instance = instance
  const code =
    decodeField(StringOrNumber, body['code']) ?? decodeField(StringOrNumber, body['error-code'])
  if (code !== undefined) fields.code = code
  const invalid = decodeInvalidParameters(body['invalid_parameters'])
  if (invalid !== undefined) fields.invalid_parameters = invalid
  return fields
}

/**
 * Decodes any JSON object into `ProblemDetails` (unknown fields and fields of the wrong type
 * are dropped); fails only for a value that is not an object.
 *
 * @category codec
 * @since 0.1.0
 */
export const ProblemDetails: t.Decoder<unknown, ProblemDetails> = new t.Type<
  ProblemDetails,
  ProblemDetails,
  unknown
>(
  'ProblemDetails',
  (u): u is ProblemDetails => isRecord(u),
  (u, c) => (isRecord(u) ? t.success(toProblem(u)) : t.failure(u, c, 'not a JSON object')),
  t.identity
)

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The problem as one line: `Bad Request: … (invalid parameters: to: …)`, or `undefined` when
 * the body said nothing usable.
 *
 * @category destructors
 * @since 0.1.0
 */
export const summarizeProblem = (problem: ProblemDetails): string | undefined => {
  const head = [problem.title, problem.detail].filter((s) => s !== undefined && s !== '')
  const params = (problem.invalid_parameters ?? []).map((p) =>
    p.reason === undefined ? (p.name ?? '?') : `${p.name ?? '?'}: ${p.reason}`
  )
  const text =
    head.join(': ') + (params.length === 0 ? '' : ` (invalid parameters: ${params.join('; ')})`)
  return text.trim() === '' ? undefined : text.trim()
}
