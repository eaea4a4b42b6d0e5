/**
 * What a signed webhook's `payload_hash` claim is computed over: the body's bytes as sent for a
 * POST, and for a GET (which has no body) its query parameters, in the order they arrived, as
 * one compact JSON object. Signing and verification both hash through here, so they cannot
 * disagree.
 *
 * @since 0.2.0
 */
import { noWebCrypto, sha256Hex, webCrypto } from './web-crypto.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The query parameters of a GET webhook, **in the order they arrived**: a `URLSearchParams`
 * (e.g. `new URL(request.url).searchParams`) or a list of `[name, value]` pairs. A plain object
 * will not do: it would put integer-like names first and lose the order the hash depends on.
 *
 * @category model
 * @since 0.2.0
 */
export type WebhookQuery = URLSearchParams | ReadonlyArray<readonly [string, string]>

/**
 * The payload a signature is made over: the body of a POST (a string is UTF-8 encoded) or
 * the query of a GET.
 *
 * @category model
 * @since 0.2.0
 */
export type SignablePayload =
  | { readonly method: 'POST'; readonly body: string | Uint8Array }
  | { readonly method: 'GET'; readonly query: WebhookQuery }

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

const encoder = new TextEncoder()

/**
 * The entries of a query, or `undefined` when it is neither a URLSearchParams nor pairs of
 * strings. A URLSearchParams is read by its own `entries`, never by an iterator a subclass may
 * override (which could yield anything, for ever); an object that only looks like one, or an
 * array whose items throw when read, makes it throw.
 *
 * @category destructors
 * @since 0.2.0
 */
export const queryEntries = (
  query: unknown
): ReadonlyArray<readonly [string, string]> | undefined => {
  if (query instanceof URLSearchParams) return [...URLSearchParams.prototype.entries.call(query)]
  if (!Array.isArray(query)) return undefined
  const entries: Array<readonly [string, string]> = []
  for (let i = 0; i < query.length; i++) {
    const entry: unknown = query[i]
    if (!Array.isArray(entry) || entry.length !== 2) return undefined
    const [name, value]: ReadonlyArray<unknown> = entry
    if (typeof name !== 'string' || typeof value !== 'string') return undefined
    entries.push([name, value])
  }
  return entries
}

/**
 * The compact JSON object of query entries (see `queryPayloadJson`).
 *
 * @category destructors
 * @since 0.2.0
 */
export const jsonOfEntries = (entries: ReadonlyArray<readonly [string, string]>): string => {
  // A Map keeps the position of a name's first occurrence when a later one replaces its value,
  // as building an object from the parameters one by one does; and unlike an object it keeps
  // integer-like names ("1", "42") where they arrived.
  const merged = new Map<string, string>()
  for (const [name, value] of entries) merged.set(name, value)
  let out = ''
  for (const [name, value] of merged) {
    out += (out === '' ? '' : ',') + JSON.stringify(name) + ':' + JSON.stringify(value)
  }
  return '{' + out + '}'
}

/**
 * The text a GET webhook's `payload_hash` is computed over: the query parameters as one
 * compact JSON object (no whitespace), names in the order they arrived, every value a string.
 * A name that occurs more than once keeps the position of its first occurrence and takes its
 * last value. Strings are escaped as `JSON.stringify` escapes them.
 *
 * Throws a `TypeError` only when `query` is not a `WebhookQuery` (the types rule that out).
 *
 * @example
 * import { queryPayloadJson } from 'ncco-kit'
 *
 * const query = new URLSearchParams('to=447700900000&2=b&from=447700900001&1=a&to=x')
 * assert.equal(queryPayloadJson(query), '{"to":"x","2":"b","from":"447700900001","1":"a"}')
 *
 * @category payload
 * @since 0.2.0
 */
export const queryPayloadJson = (query: WebhookQuery): string => {
  const entries = queryEntries(query)
  if (entries === undefined) {
    throw new TypeError('the query must be a URLSearchParams or a list of [name, value] pairs')
  }
  return jsonOfEntries(entries)
}

/**
 * The bytes of a POST body, or `undefined` when it is neither text nor bytes.
 *
 * @category destructors
 * @since 0.2.0
 */
export const bodyBytes = (body: unknown): Uint8Array | undefined =>
  typeof body === 'string' ? encoder.encode(body) : body instanceof Uint8Array ? body : undefined

/**
 * The `payload_hash` for a payload, as signing writes it and verification expects it: the
 * SHA-256 (lowercase hex) of the body's bytes for a POST (a string is UTF-8 encoded), or of
 * `queryPayloadJson(query)` for a GET.
 *
 * Rejects with a `TypeError` only when the payload does not have the declared shape or Web
 * Crypto is missing.
 *
 * @example
 * import { webhookPayloadHash } from 'ncco-kit'
 *
 * assert.equal(
 *   await webhookPayloadHash({ method: 'POST', body: '' }),
 *   'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 * )
 *
 * @category payload
 * @since 0.2.0
 */
export const webhookPayloadHash = async (payload: SignablePayload): Promise<string> => {
  const subtle = webCrypto()
  if (subtle === undefined) throw new TypeError(noWebCrypto)
  if (payload.method === 'GET') {
    return sha256Hex(subtle, encoder.encode(queryPayloadJson(payload.query)))
  }
  const bytes = bodyBytes(payload.body)
  if (bytes === undefined) throw new TypeError('the body must be a string or a Uint8Array')
  return sha256Hex(subtle, bytes)
}
