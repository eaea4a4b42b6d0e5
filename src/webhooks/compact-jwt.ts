/**
 * JSON Web Tokens in compact form (RFC 7519), as signed webhooks carry them: three base64url
 * parts, `header.claims.signature`, the first two JSON objects. Decoding is strict, so that a
 * token has exactly one spelling and cannot be altered without changing its bytes; no
 * cryptography happens here (see web-crypto.ts).
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { isPlainObject } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A token taken apart: its header and claims as received, the signature's bytes, and the text
 * the signature is over (`header.claims`, as sent).
 *
 * @category model
 * @since 0.2.0
 */
export interface CompactJwt {
  readonly signingInput: string
  readonly header: Readonly<Record<string, unknown>>
  readonly claims: Readonly<Record<string, unknown>>
  readonly signature: Uint8Array
}

// -------------------------------------------------------------------------------------
// base64url
// -------------------------------------------------------------------------------------

const encoder = new TextEncoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const valueOf: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i
  return table
})()

/**
 * base64url without padding (RFC 7515 §2).
 *
 * @category base64url
 * @since 0.2.0
 */
export const base64UrlEncode = (bytes: Uint8Array): string => {
  const digit = (n: number): string => alphabet[n & 63]!
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += digit(n >> 18) + digit(n >> 12) + digit(n >> 6) + digit(n)
  }
  if (bytes.length - i === 1) {
    const n = bytes[i]! << 16
    out += digit(n >> 18) + digit(n >> 12)
  } else if (bytes.length - i === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += digit(n >> 18) + digit(n >> 12) + digit(n >> 6)
  }
  return out
}

/**
 * Strict base64url (RFC 7515 §2): the URL-safe alphabet, no padding, and unused trailing bits
 * zero, so that each byte string has exactly one encoding. `undefined` for anything else.
 *
 * @category base64url
 * @since 0.2.0
 */
export const base64UrlDecode = (text: string): Uint8Array | undefined => {
  if (text.length % 4 === 1) return undefined
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let buffer = 0
  let bits = 0
  let j = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const value = code < 128 ? valueOf[code]! : -1
    if (value < 0) return undefined
    buffer = (buffer << 6) | value
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[j++] = (buffer >> bits) & 0xff
      buffer &= (1 << bits) - 1
    }
  }
  return buffer === 0 ? out : undefined
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const jsonPart = (value: unknown): string => base64UrlEncode(encoder.encode(JSON.stringify(value)))

/**
 * The text a signature is made over: `base64url(JSON header).base64url(JSON claims)`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const signingInputOf = (
  header: Readonly<Record<string, unknown>>,
  claims: Readonly<Record<string, unknown>>
): string => `${jsonPart(header)}.${jsonPart(claims)}`

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

const jsonObjectPart = (
  part: string,
  name: 'header' | 'claims'
): E.Either<string, Readonly<Record<string, unknown>>> => {
  const bytes = part === '' ? undefined : base64UrlDecode(part)
  if (bytes === undefined) return E.left(`the token's ${name} is not base64url`)
  let parsed: unknown
  try {
    parsed = JSON.parse(strictUtf8.decode(bytes))
  } catch {
    return E.left(`the token's ${name} is not UTF-8 JSON`)
  }
  return isPlainObject(parsed)
    ? E.right(parsed)
    : E.left(`the token's ${name} is not a JSON object`)
}

/**
 * Takes a compact token apart. Left: why it is not a JWT, in words that quote nothing of it.
 * An empty signature is well-formed: it is what an unsigned (`alg: "none"`) token has, which a
 * verifier then refuses by its algorithm.
 *
 * @category destructors
 * @since 0.2.0
 */
export const parseCompactJwt = (token: string): E.Either<string, CompactJwt> => {
  const parts = token.split('.')
  if (parts.length !== 3) {
    return E.left(
      `the token has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by dots; a JWT has 3`
    )
  }
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string]
  const header = jsonObjectPart(headerPart, 'header')
  if (E.isLeft(header)) return header
  const claims = jsonObjectPart(claimsPart, 'claims')
  if (E.isLeft(claims)) return claims
  const signature = base64UrlDecode(signaturePart)
  if (signature === undefined) return E.left("the token's signature is not base64url")
  return E.right({
    signingInput: `${headerPart}.${claimsPart}`,
    header: header.right,
    claims: claims.right,
    signature
  })
}
