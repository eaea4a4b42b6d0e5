/**
 * The JWT that authenticates Voice API requests (Vonage authentication guide): RS256, signed
 * with the application's private key, claims `application_id`, `iat`, `exp` and a `jti` unique
 * to each attempt.
 *
 * Neither the key nor a token is ever put into a message: the problems below name the option
 * and what is wrong with it, never its content.
 *
 * @since 0.1.0
 */
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { SignJWT } from 'jose'

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * Default lifetime of a token. Each attempt gets a new token that is used at once, so the
 * lifetime only has to cover the request and the clock difference with Vonage.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultJwtTtlSeconds = 300

/**
 * Vonage's bounds for `exp - iat`: at least 30 seconds, at most 24 hours (Vonage authentication
 * guide).
 *
 * @category constants
 * @since 0.1.0
 */
export const jwtTtlBounds = { min: 30, max: 86_400 } as const

// -------------------------------------------------------------------------------------
// key
// -------------------------------------------------------------------------------------

/**
 * Reads an RSA private key from PEM text, PKCS#8 (`BEGIN PRIVATE KEY`, what the Vonage
 * dashboard downloads) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). The result is imported once and
 * reused for every token. On failure the message says what kind of text was found, never
 * the text.
 *
 * @category key
 * @since 0.1.0
 */
export const parsePrivateKey = (pem: string): E.Either<string, KeyObject> => {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem)) {
    return E.left('is encrypted with a passphrase; give the decrypted key')
  }
  if (/-----BEGIN (?:RSA )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(pem)) {
    return E.left('is a public key or certificate; give the private key')
  }
  if (!/-----BEGIN (?:RSA )?PRIVATE KEY-----/.test(pem)) {
    return E.left(
      'is not a PEM private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")'
    )
  }
  let key: KeyObject
  try {
    key = createPrivateKey({ key: pem, format: 'pem' })
  } catch {
    return E.left('could not be parsed as a PEM private key')
  }
  if (key.asymmetricKeyType !== 'rsa') {
    return E.left(
      `is not an RSA key (its type is ${key.asymmetricKeyType ?? 'unknown'}); Vonage signs with RS256, which needs an RSA key`
    )
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
  if (bits < 2048) {
    return E.left(`is a ${bits}-bit RSA key; RS256 needs at least 2048 bits`)
  }
  return E.right(key)
}

// -------------------------------------------------------------------------------------
// signing
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface VoiceJwtClaims {
  readonly applicationId: string
  /** Issued-at, Unix seconds. */
  readonly issuedAt: number
  readonly ttlSeconds: number
  /** Unique per attempt; a fresh UUID when omitted. */
  readonly jti?: string
}

/**
 * Signs one token. Rejects only if the key cannot sign, which `parsePrivateKey` rules out.
 *
 * @category signing
 * @since 0.1.0
 */
export const signVoiceJwt = (key: KeyObject, claims: VoiceJwtClaims): Promise<string> =>
  new SignJWT({ application_id: claims.applicationId })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuedAt(claims.issuedAt)
    .setExpirationTime(claims.issuedAt + claims.ttlSeconds)
    .setJti(claims.jti ?? randomUUID())
    .sign(key)
