/**
 * The JWT that authenticates Voice API requests (Vonage authentication guide): RS256, signed
 * with the application's private key, claims `application_id`, `iat`, `exp` and a `jti` unique
 * to each attempt. Signed with Web Crypto (`crypto.subtle`), so it runs on every runtime with
 * `fetch`: Node.js, Deno, Bun, Workers, browsers.
 *
 * Neither the key nor a token is ever put into a message: the problems below name the option
 * and what is wrong with it, never its content.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { SignJWT } from 'jose'
import { readRsaPrivateKey } from './rsa-key.js'

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
 * An application key that passed every check, ready to sign. It holds no key material a
 * reader could print: the key itself is kept out of reach, imported into Web Crypto on the
 * first signature and reused.
 *
 * @category model
 * @since 0.2.0
 */
export interface SigningKey {
  readonly algorithm: 'RS256'
  /** Bits of the RSA modulus. */
  readonly modulusLength: number
}

type Subtle = NonNullable<typeof globalThis.crypto>['subtle']
type WebCryptoKey = Awaited<ReturnType<Subtle['importKey']>>

/** Each key's import into Web Crypto, started on first use. */
const imports = new WeakMap<SigningKey, () => Promise<WebCryptoKey>>()

const webCrypto = (): NonNullable<typeof globalThis.crypto> | undefined => {
  const crypto: unknown = (globalThis as { readonly crypto?: unknown }).crypto
  return typeof crypto === 'object' && crypto !== null && 'subtle' in crypto
    ? (crypto as NonNullable<typeof globalThis.crypto>)
    : undefined
}

const noWebCrypto = 'Web Crypto (globalThis.crypto.subtle) is not available on this platform'

/** The import, made once: later calls share its promise. */
const importOnce = (pkcs8: Uint8Array): (() => Promise<WebCryptoKey>) => {
  let imported: Promise<WebCryptoKey> | undefined
  return () => {
    if (imported === undefined) {
      const crypto = webCrypto()
      imported =
        crypto === undefined
          ? Promise.reject(new Error(noWebCrypto))
          : crypto.subtle.importKey(
              'pkcs8',
              pkcs8,
              { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
              false,
              ['sign']
            )
    }
    return imported
  }
}

/**
 * Reads an RSA private key from PEM text, PKCS#8 (`BEGIN PRIVATE KEY`, what the Vonage
 * dashboard downloads) or PKCS#1 (`BEGIN RSA PRIVATE KEY`), on any runtime: see
 * `rsa-key.ts` for the checks. On failure the message says what kind of text was found, never
 * the text.
 *
 * @category key
 * @since 0.1.0
 */
export const parsePrivateKey = (pem: string): E.Either<string, SigningKey> =>
  pipe(
    readRsaPrivateKey(pem),
    E.map(({ pkcs8, modulusLength }) => {
      const key: SigningKey = Object.freeze({ algorithm: 'RS256', modulusLength })
      imports.set(key, importOnce(pkcs8))
      return key
    })
  )

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
 * Signs one token, with Web Crypto. Rejects only if the runtime has no Web Crypto or refuses
 * the key, which the checks of `parsePrivateKey` rule out for a well-formed key.
 *
 * @category signing
 * @since 0.1.0
 */
export const signVoiceJwt = async (key: SigningKey, claims: VoiceJwtClaims): Promise<string> => {
  const cryptoKey = imports.get(key)
  if (cryptoKey === undefined) throw new Error('the key was not made by parsePrivateKey')
  const crypto = webCrypto()
  if (crypto === undefined) throw new Error(noWebCrypto)
  return new SignJWT({ application_id: claims.applicationId })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuedAt(claims.issuedAt)
    .setExpirationTime(claims.issuedAt + claims.ttlSeconds)
    .setJti(claims.jti ?? crypto.randomUUID())
    .sign(await cryptoKey())
}
