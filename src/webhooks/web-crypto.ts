/**
 * Web Crypto as signed webhooks use it: found at run time on `globalThis.crypto.subtle` (never a
 * Node module, so the same code runs on Node 20, Workers, Deno and Bun), SHA-256 as lowercase
 * hex, HMAC-SHA256 signing and verifying, and a string comparison whose time does not depend on
 * where the strings differ.
 *
 * @since 0.2.0
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.2.0
 */
export type Subtle = NonNullable<typeof globalThis.crypto>['subtle']

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * What a message says when the platform has no Web Crypto.
 *
 * @category constants
 * @since 0.2.0
 */
export const noWebCrypto = 'Web Crypto (globalThis.crypto.subtle) is not available on this platform'

const encoder = new TextEncoder()

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The platform's `crypto.subtle`, or `undefined` when it has none.
 *
 * @category constructors
 * @since 0.2.0
 */
export const webCrypto = (): Subtle | undefined => {
  const crypto: unknown = (globalThis as { readonly crypto?: unknown }).crypto
  if (typeof crypto !== 'object' || crypto === null) return undefined
  const subtle: unknown = (crypto as { readonly subtle?: unknown }).subtle
  return typeof subtle === 'object' && subtle !== null ? (subtle as Subtle) : undefined
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * @category destructors
 * @since 0.2.0
 */
export const toHex = (bytes: Uint8Array): string => {
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out
}

/**
 * SHA-256 of the bytes, as lowercase hex.
 *
 * @category destructors
 * @since 0.2.0
 */
export const sha256Hex = async (subtle: Subtle, bytes: Uint8Array): Promise<string> =>
  toHex(new Uint8Array(await subtle.digest('SHA-256', bytes)))

const hmacKey = (subtle: Subtle, secret: string, usage: 'sign' | 'verify') =>
  subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage])

/**
 * HMAC-SHA256 of `text` (UTF-8) with `secret` (UTF-8): 32 bytes.
 *
 * @category destructors
 * @since 0.2.0
 */
export const hmacSha256 = async (
  subtle: Subtle,
  secret: string,
  text: string
): Promise<Uint8Array> =>
  new Uint8Array(
    await subtle.sign('HMAC', await hmacKey(subtle, secret, 'sign'), encoder.encode(text))
  )

/**
 * Whether `signature` is the HMAC-SHA256 of `text` with `secret`. Web Crypto's `verify`
 * compares in constant time; a signature of another length than 32 bytes is refused first.
 *
 * @category destructors
 * @since 0.2.0
 */
export const verifyHmacSha256 = async (
  subtle: Subtle,
  secret: string,
  signature: Uint8Array,
  text: string
): Promise<boolean> =>
  signature.length === 32 &&
  subtle.verify('HMAC', await hmacKey(subtle, secret, 'verify'), signature, encoder.encode(text))

/**
 * Equal strings, in a time that depends on their length only, never on where they differ.
 *
 * @category destructors
 * @since 0.2.0
 */
export const constantTimeEqual = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}
