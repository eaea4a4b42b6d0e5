/**
 * How the sandbox checks the bearer token of each request, as the Voice API does: an RS256 JWT
 * signed with the application's private key and verified with its public key, carrying
 * `application_id`, `iat` and a `jti` never used before; `exp`, when given, no more than 24
 * hours after `iat` and at least 30 seconds, and not passed (Vonage's default lifetime, 15
 * minutes, applies when `exp` is absent).
 *
 * A refusal names what is wrong with the token in a few words, never the token itself: the
 * real API only says "You did not provide correct credentials", but a local tool can say why.
 *
 * @since 0.2.0
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { errors, jwtVerify, type JWTPayload } from 'jose'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The claims of a token the sandbox accepted.
 *
 * @category model
 * @since 0.2.0
 */
export interface AcceptedToken {
  readonly applicationId: string
  readonly jti: string
  readonly iat: number
  readonly exp?: number
}

/**
 * Checks the `Authorization` header of one request. `Left` is the reason, a sentence without
 * the token.
 *
 * @category model
 * @since 0.2.0
 */
export type TokenVerifier = (
  authorization: string | undefined,
  nowMs: number
) => Promise<E.Either<string, AcceptedToken>>

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/** Vonage's bounds for `exp - iat` (seconds) and the lifetime when `exp` is absent. */
const lifetime = { min: 30, max: 86_400, byDefault: 900 } as const

/** Clock difference allowed between the sender's machine and the sandbox, in seconds. */
const clockToleranceSeconds = 60

/** How many `jti` values are remembered; the oldest are forgotten first. */
const maxRememberedTokens = 100_000

// -------------------------------------------------------------------------------------
// key
// -------------------------------------------------------------------------------------

/**
 * The RSA public key to verify tokens with, from PEM text (`BEGIN PUBLIC KEY`, `BEGIN RSA
 * PUBLIC KEY`, a certificate, or the private key itself, whose public half is used) or a
 * `KeyObject`. On failure the sentence says what was found, never the text.
 *
 * @category key
 * @since 0.2.0
 */
export const parsePublicKey = (key: string | KeyObject): E.Either<string, KeyObject> => {
  let parsed: KeyObject
  if (typeof key === 'string') {
    if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(key)) {
      return E.left('is an encrypted private key; give the public key')
    }
    if (!/-----BEGIN [A-Z ]+-----/.test(key)) {
      return E.left('is not a PEM key (expected "-----BEGIN PUBLIC KEY-----")')
    }
    try {
      parsed = createPublicKey({ key, format: 'pem' })
    } catch {
      return E.left('could not be parsed as a PEM public key')
    }
  } else {
    try {
      parsed = key.type === 'public' ? key : createPublicKey(key)
    } catch {
      return E.left('is a key object that holds no public key')
    }
  }
  if (parsed.asymmetricKeyType !== 'rsa') {
    return E.left(
      `is not an RSA key (its type is ${parsed.asymmetricKeyType ?? 'unknown'}); the Voice API signs with RS256`
    )
  }
  const bits = parsed.asymmetricKeyDetails?.modulusLength ?? 0
  if (bits < 2048) return E.left(`is a ${bits}-bit RSA key; RS256 needs at least 2048 bits`)
  return E.right(parsed)
}

// -------------------------------------------------------------------------------------
// verifying
// -------------------------------------------------------------------------------------

const bearer = /^Bearer +([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*)$/

/** What a jose failure means, in words for the person who made the token. */
const describeJoseError = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'the token has expired'
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return 'the token is not signed with RS256 (the algorithm is pinned)'
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return "the token's signature does not match the application's public key"
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'nbf'
      ? 'the token is not valid yet (nbf)'
      : `the token's "${error.claim}" claim is invalid`
  }
  return 'the token is not a well-formed signed JWT'
}

const nonEmptyString = (u: unknown): u is string => typeof u === 'string' && u !== ''

const isNumericDate = (u: unknown): u is number => typeof u === 'number' && Number.isFinite(u)

const checkClaims = (payload: JWTPayload, nowSeconds: number): E.Either<string, AcceptedToken> => {
  const applicationId = payload['application_id']
  if (!nonEmptyString(applicationId)) return E.left('the token has no "application_id" claim')
  const { iat, exp, jti } = payload
  if (!isNumericDate(iat)) return E.left('the token has no numeric "iat" claim')
  if (iat > nowSeconds + clockToleranceSeconds) return E.left('the token is issued in the future')
  if (!nonEmptyString(jti)) return E.left('the token has no "jti" claim')
  if (exp === undefined) {
    if (nowSeconds - clockToleranceSeconds > iat + lifetime.byDefault) {
      return E.left('the token has expired (no "exp": 15 minutes after "iat")')
    }
    return E.right({ applicationId, jti, iat })
  }
  if (!isNumericDate(exp)) return E.left('the token\'s "exp" claim is not a number')
  const ttl = exp - iat
  if (ttl < lifetime.min || ttl > lifetime.max) {
    return E.left(`the token lives ${ttl} s ("exp" - "iat"); Vonage accepts 30 s to 24 h`)
  }
  return E.right({ applicationId, jti, iat, exp })
}

/**
 * A verifier for one public key. It remembers every `jti` it accepted (until the token
 * expires, at most 100,000 of them), so a replayed token is refused. With `applicationId`,
 * a token for another application is refused too.
 *
 * @category verifying
 * @since 0.2.0
 */
export const makeTokenVerifier = (
  publicKey: KeyObject,
  options: { readonly applicationId?: string } = {}
): TokenVerifier => {
  /** jti → the second after which it can be forgotten; insertion order is age order. */
  const seen = new Map<string, number>()
  const forgetExpired = (nowSeconds: number): void => {
    for (const [jti, until] of seen) {
      if (until < nowSeconds || seen.size > maxRememberedTokens) seen.delete(jti)
      else break
    }
  }
  return async (authorization, nowMs) => {
    if (authorization === undefined || authorization.trim() === '') {
      return E.left('the request has no Authorization header')
    }
    const token = bearer.exec(authorization.trim())?.[1]
    if (token === undefined) {
      return E.left(
        /^Bearer /i.test(authorization.trim())
          ? 'the bearer token is not a JWT'
          : 'the Authorization header is not "Bearer <JWT>"'
      )
    }
    const nowSeconds = Math.floor(nowMs / 1000)
    let payload: JWTPayload
    try {
      payload = (
        await jwtVerify(token, publicKey, {
          algorithms: ['RS256'],
          currentDate: new Date(nowMs),
          clockTolerance: clockToleranceSeconds
        })
      ).payload
    } catch (error) {
      return E.left(describeJoseError(error))
    }
    const claims = checkClaims(payload, nowSeconds)
    if (E.isLeft(claims)) return claims
    const { applicationId, jti, iat, exp } = claims.right
    if (options.applicationId !== undefined && applicationId !== options.applicationId) {
      return E.left("the token's application_id is not the sandbox's application")
    }
    forgetExpired(nowSeconds)
    if (seen.has(jti)) return E.left('the token was used before (its "jti" is not new)')
    seen.set(jti, (exp ?? iat + lifetime.byDefault) + clockToleranceSeconds)
    return claims
  }
}
