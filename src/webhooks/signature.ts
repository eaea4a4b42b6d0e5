/**
 * Signed webhooks. The Voice API sends each webhook with `Authorization: Bearer <JWT>`: an
 * HS256 token made with the account's signature secret, whose `payload_hash` claim ties it to
 * the payload of that one request. `verifyWebhookSignature` checks such a request and
 * `signWebhook` makes one, hashing exactly the same way (the simulator signs with it, so an
 * application can be tested with verification switched on).
 *
 * Platform-neutral: Web Crypto (`globalThis.crypto.subtle`) and `TextEncoder` only, no Node
 * module and no `Buffer`, so the same code runs on Node 20, Cloudflare Workers, Deno and Bun.
 * The token's compact form is read by compact-jwt.ts, what `payload_hash` covers is
 * payload-hash.ts, and the hashing and HMAC are web-crypto.ts; this module is the checks.
 * Verification never throws and never rejects: every failure is a `WebhookSignatureFailure`
 * value, and its message never contains the secret, the token or its signature.
 * See docs/webhooks.md, "Verifying signatures".
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { base64UrlEncode, parseCompactJwt, signingInputOf } from './compact-jwt.js'
import { bodyBytes, jsonOfEntries, queryEntries, webhookPayloadHash } from './payload-hash.js'
import type { SignablePayload, WebhookQuery } from './payload-hash.js'
import {
  constantTimeEqual,
  hmacSha256,
  noWebCrypto,
  sha256Hex,
  verifyHmacSha256,
  webCrypto
} from './web-crypto.js'
import type { Subtle } from './web-crypto.js'

export { queryPayloadJson, webhookPayloadHash } from './payload-hash.js'
export type { SignablePayload, WebhookQuery } from './payload-hash.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Why a request was not accepted as signed by Vonage, one code per check, in the order the
 * checks run (see `webhookSignatureFailureMeanings`).
 *
 * @category model
 * @since 0.2.0
 */
export type WebhookSignatureFailureCode =
  | 'missing-signature'
  | 'bad-scheme'
  | 'malformed-token'
  | 'unsupported-algorithm'
  | 'bad-signature'
  | 'bad-issuer'
  | 'stale-token'
  | 'payload-mismatch'
  | 'raw-body-required'

/**
 * @category model
 * @since 0.2.0
 */
export interface WebhookSignatureFailure {
  readonly code: WebhookSignatureFailureCode
  /** For people: what was wrong. Never contains the secret, the token or its signature. */
  readonly message: string
}

/**
 * The claims of a verified token. `iss` is `"Vonage"` and `iat` lies within the tolerance;
 * any other claim is kept as received.
 *
 * @category model
 * @since 0.2.0
 */
export interface SignedWebhookClaims {
  readonly iss: string
  /** Issued-at, Unix seconds. */
  readonly iat: number
  readonly jti?: string
  readonly api_key?: string
  readonly application_id?: string
  /** SHA-256 (hex) of the raw body (POST) or of the query as compact JSON (GET). */
  readonly payload_hash?: string
  readonly [claim: string]: unknown
}

/**
 * What verification needs from a request. For a POST, `rawBody` is the body exactly as
 * received (the bytes, or their UTF-8 text), read before any JSON parsing; for a GET, `query`
 * is its query parameters in order.
 *
 * @category model
 * @since 0.2.0
 */
export interface WebhookRequestToVerify {
  readonly method: 'GET' | 'POST'
  /** The `Authorization` header's value, `undefined` when there is none. */
  readonly authorization: string | undefined
  readonly rawBody?: string | Uint8Array
  readonly query?: WebhookQuery
}

/**
 * @category model
 * @since 0.2.0
 */
export interface VerifyWebhookOptions {
  /**
   * The signature secret, or several of them keyed by `api_key`: the token's `api_key` claim
   * chooses one (for an application that receives webhooks for more than one account).
   */
  readonly secret: string | Readonly<Record<string, string>>
  /** How far `iat` may be from now, either way, in seconds. Default 300. */
  readonly toleranceSeconds?: number
  /** The clock: milliseconds since the Unix epoch. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * @category model
 * @since 0.2.0
 */
export interface SignWebhookOptions {
  /** The signature secret: a non-empty string. */
  readonly secret: string
  /** The `api_key` claim, which tells a receiver with several secrets which one to use. */
  readonly apiKey?: string
  /** The `application_id` claim. */
  readonly applicationId?: string
  /** The clock for `iat`: milliseconds since the Unix epoch. Default `Date.now`. */
  readonly now?: () => number
  /** The `jti` claim. Default a random UUID. */
  readonly jti?: string
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The default tolerance on `iat`, either way. Vonage's tokens carry no `exp`, so without a
 * bound on `iat` a captured request could be replayed for ever; 300 seconds absorbs ordinary
 * clock skew and delivery delay.
 *
 * @category constants
 * @since 0.2.0
 */
export const defaultSignatureToleranceSeconds = 300

/**
 * The longest `Authorization` value that is examined (8 KiB). A Vonage token is a few hundred
 * characters; anything longer is refused as `malformed-token` before it is decoded.
 *
 * @category constants
 * @since 0.2.0
 */
export const maxAuthorizationLength = 8192

/**
 * Each failure code with its meaning, in the order the checks run. The first check that fails
 * gives the code.
 *
 * @category constants
 * @since 0.2.0
 */
export const webhookSignatureFailureMeanings = {
  'missing-signature': 'The request has no Authorization header, or it is empty.',
  'bad-scheme': 'The Authorization header uses a scheme other than Bearer (Basic, for example).',
  'malformed-token':
    'The Bearer token is not a JWT: not three base64url parts, a header or claims that are not JSON objects, or longer than 8 KiB.',
  'unsupported-algorithm':
    'The token header does not say HS256 (alg "none", RS256, no alg at all), or it lists critical extensions.',
  'bad-signature':
    'The HMAC-SHA256 signature does not match the secret, or no secret is configured for the token (unknown or missing api_key).',
  'bad-issuer': 'The iss claim is not "Vonage".',
  'stale-token': 'The iat claim is missing, not a number, or further from now than the tolerance.',
  'payload-mismatch':
    'The payload_hash claim does not match the raw body (POST) or the query in the order received (GET).',
  'raw-body-required':
    'The token has a payload_hash but the raw body (POST) or the query (GET) was not given, so it cannot be checked.'
} as const satisfies Record<WebhookSignatureFailureCode, string>

/**
 * The failure codes, in the order the checks run.
 *
 * @category constants
 * @since 0.2.0
 */
export const webhookSignatureFailureCodes = Object.keys(
  webhookSignatureFailureMeanings
) as ReadonlyArray<WebhookSignatureFailureCode>

// -------------------------------------------------------------------------------------
// verification
// -------------------------------------------------------------------------------------

type Verified<A> = E.Either<WebhookSignatureFailure, A>

const encoder = new TextEncoder()

const fail = (code: WebhookSignatureFailureCode, message: string): Verified<never> =>
  E.left({ code, message })

/** Schemes named in messages; any other word might be a credential and is never shown. */
const knownSchemes = ['Basic', 'Digest', 'Negotiate', 'NTLM', 'Token', 'DPoP', 'HOBA', 'Mutual']

const bearerExpected = 'a signed webhook carries "Authorization: Bearer <JWT>"'

/** Step 1: the header's scheme, then the token it carries. */
const bearerToken = (authorization: unknown): Verified<string> => {
  if (authorization === undefined || authorization === null) {
    return fail('missing-signature', `the request has no Authorization header; ${bearerExpected}`)
  }
  if (typeof authorization !== 'string') {
    return fail('missing-signature', 'the Authorization value is not a string')
  }
  const value = authorization.trim()
  if (value === '') {
    return fail('missing-signature', `the Authorization header is empty; ${bearerExpected}`)
  }
  const space = value.search(/\s/)
  const scheme = space === -1 ? value : value.slice(0, space)
  if (scheme.toLowerCase() !== 'bearer') {
    if (space === -1) {
      return fail('bad-scheme', `the Authorization header has no scheme; ${bearerExpected}`)
    }
    const known = knownSchemes.find((s) => s.toLowerCase() === scheme.toLowerCase())
    return fail(
      'bad-scheme',
      `the Authorization header uses ${known === undefined ? 'a scheme other than Bearer' : `the ${known} scheme`}; ${bearerExpected}`
    )
  }
  if (authorization.length > maxAuthorizationLength) {
    return fail(
      'malformed-token',
      `the Authorization header is ${authorization.length} characters long, more than the ${maxAuthorizationLength} accepted`
    )
  }
  const token = space === -1 ? '' : value.slice(space + 1).trimStart()
  if (token === '') return fail('malformed-token', 'the Bearer token is empty')
  return E.right(token)
}

/** Step 2: the algorithm is pinned to HS256, whatever the token asks for. */
const checkAlgorithm = (header: Readonly<Record<string, unknown>>): Verified<void> => {
  const alg = header['alg']
  if (alg !== 'HS256') {
    const shown =
      alg === undefined
        ? 'the token header has no alg'
        : alg === 'none'
          ? 'the token is unsigned (alg "none")'
          : typeof alg === 'string' && /^[A-Za-z0-9+_-]{1,16}$/.test(alg)
            ? `the token is signed with ${alg}`
            : 'the token header names an unknown alg'
    return fail(
      'unsupported-algorithm',
      `${shown}; signed webhooks use HS256 and only HS256 is accepted`
    )
  }
  // RFC 7515 §4.1.11: a header that lists critical extensions must be refused when they are
  // not understood, and this verifier understands none.
  if (header['crit'] !== undefined) {
    return fail(
      'unsupported-algorithm',
      'the token header lists critical extensions (crit), which are not supported'
    )
  }
  return E.right(undefined)
}

/**
 * The api_key as a message shows it: as sent when it is short and of the usual characters,
 * unless it is one of the secrets, which a message never contains. It is read before the
 * signature is checked, so anyone can choose it: the wording must not depend on the secrets
 * in any other way, or a guess could learn whether it is part of one. (Learning that a guess
 * is a whole secret teaches nothing that signing with the guess would not.)
 */
const showApiKey = (apiKey: string, secrets: ReadonlyArray<unknown>): string => {
  let isSecret = false
  for (const s of secrets)
    if (typeof s === 'string' && constantTimeEqual(s, apiKey)) isSecret = true
  return /^[A-Za-z0-9_-]{1,64}$/.test(apiKey) && !isSecret
    ? `api_key "${apiKey}"`
    : "the token's api_key"
}

/** Step 2, continued: the secret to check against, chosen by `api_key` from a map. */
const chooseSecret = (
  secret: unknown,
  claims: Readonly<Record<string, unknown>>
): Verified<string> => {
  if (typeof secret === 'string') {
    return secret === ''
      ? fail('bad-signature', 'the configured signature secret is empty')
      : E.right(secret)
  }
  if (typeof secret !== 'object' || secret === null || Array.isArray(secret)) {
    return fail(
      'bad-signature',
      'no signature secret is configured (the secret option must be a string or a map from api_key to secret)'
    )
  }
  const secrets = secret as Readonly<Record<string, unknown>>
  const apiKey = claims['api_key']
  if (typeof apiKey !== 'string') {
    return fail(
      'bad-signature',
      'the token has no api_key claim, and the signature secrets are configured by api_key: no secret is configured for it'
    )
  }
  const values = Object.values(secrets)
  if (!Object.hasOwn(secrets, apiKey)) {
    return fail(
      'bad-signature',
      `no signature secret is configured for ${showApiKey(apiKey, values)}`
    )
  }
  const chosen = secrets[apiKey]
  return typeof chosen === 'string' && chosen !== ''
    ? E.right(chosen)
    : fail(
        'bad-signature',
        `the signature secret configured for ${showApiKey(apiKey, values)} is empty or not a string`
      )
}

/** Steps 3 and 4: the claims the signature vouches for. */
const checkIssuer = (claims: Readonly<Record<string, unknown>>): Verified<void> => {
  const iss = claims['iss']
  if (iss === 'Vonage') return E.right(undefined)
  const shown =
    iss === undefined
      ? 'the token has no iss claim'
      : typeof iss === 'string'
        ? `the token's iss is ${JSON.stringify(iss.length > 40 ? iss.slice(0, 37) + '...' : iss)}`
        : "the token's iss is not a string"
  return fail('bad-issuer', `${shown}; signed webhooks are issued by "Vonage"`)
}

const checkIssuedAt = (
  claims: Readonly<Record<string, unknown>>,
  options: Readonly<Record<string, unknown>>
): Verified<void> => {
  const iat = claims['iat']
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    return fail(
      'stale-token',
      'the token has no numeric iat claim, so its age cannot be checked (its tokens never expire otherwise)'
    )
  }
  const tolerance = options['toleranceSeconds'] ?? defaultSignatureToleranceSeconds
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    return fail('stale-token', 'the toleranceSeconds option is not a non-negative number')
  }
  const clock = options['now']
  const now: unknown = typeof clock === 'function' ? clock() : Date.now()
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    return fail('stale-token', 'the clock (the now option) did not return a finite number')
  }
  // Whole seconds, like iat itself: a token issued during second t has iat t.
  const age = Math.floor(now / 1000) - iat
  if (age > tolerance) {
    return fail(
      'stale-token',
      `the token was issued ${age} s ago, more than the ${tolerance} s tolerance: a replayed request, or a slow clock`
    )
  }
  if (-age > tolerance) {
    return fail(
      'stale-token',
      `the token was issued ${-age} s in the future, more than the ${tolerance} s tolerance: check this machine's clock`
    )
  }
  return E.right(undefined)
}

/** What `payload_hash` is over, as given: the bytes, or why they cannot be had. */
const signedPayload = (
  request: Readonly<Record<string, unknown>>
): Verified<{ readonly bytes: Uint8Array; readonly mismatch: string }> => {
  const method = request['method']
  if (typeof method === 'string' && method.toUpperCase() === 'GET') {
    const query = request['query']
    if (query === undefined) {
      return fail(
        'raw-body-required',
        'the token has a payload_hash, so a GET needs its query parameters in the order received (a URLSearchParams or [name, value] pairs)'
      )
    }
    const entries = queryEntries(query)
    if (entries === undefined) {
      return fail(
        'raw-body-required',
        'the query must be a URLSearchParams or a list of [name, value] pairs in the order received (a plain object loses the order)'
      )
    }
    return E.right({
      bytes: encoder.encode(jsonOfEntries(entries)),
      mismatch:
        'the payload_hash claim does not match the query parameters (as compact JSON, in the order received): one was changed, added, removed or reordered'
    })
  }
  const rawBody = request['rawBody']
  if (rawBody === undefined) {
    return fail(
      'raw-body-required',
      'the token has a payload_hash, so the raw body is needed: the bytes as received, read before any JSON parsing (a parsed body is never re-serialised)'
    )
  }
  const bytes = bodyBytes(rawBody)
  if (bytes === undefined) {
    return fail('raw-body-required', 'the raw body must be a string or a Uint8Array')
  }
  return E.right({
    bytes,
    mismatch:
      'the payload_hash claim does not match the raw body: the body was changed, or what was given is not the bytes as received (a parsed and re-serialised body differs)'
  })
}

/** Step 5: `payload_hash`, over bytes as received, never over a re-serialised value. */
const checkPayload = async (
  subtle: Subtle,
  claims: Readonly<Record<string, unknown>>,
  request: Readonly<Record<string, unknown>>
): Promise<Verified<void>> => {
  if (!Object.hasOwn(claims, 'payload_hash')) return E.right(undefined)
  const claimed = claims['payload_hash']
  if (typeof claimed !== 'string') {
    return fail('payload-mismatch', 'the payload_hash claim is not a string')
  }
  const payload = signedPayload(request)
  if (E.isLeft(payload)) return payload
  const actual = await sha256Hex(subtle, payload.right.bytes)
  return constantTimeEqual(actual, claimed.toLowerCase())
    ? E.right(undefined)
    : fail('payload-mismatch', payload.right.mismatch)
}

const asRecord = (u: unknown): Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null ? (u as Readonly<Record<string, unknown>>) : {}

const verifySteps = async (
  request: unknown,
  options: unknown,
  progress: { stage: WebhookSignatureFailureCode }
): Promise<Verified<SignedWebhookClaims>> => {
  const req = asRecord(request)
  const opts = asRecord(options)

  const token = bearerToken(req['authorization'])
  if (E.isLeft(token)) return token

  progress.stage = 'malformed-token'
  const decoded = parseCompactJwt(token.right)
  if (E.isLeft(decoded)) return fail('malformed-token', decoded.left)
  const { header, claims, signature, signingInput } = decoded.right

  progress.stage = 'unsupported-algorithm'
  const algorithm = checkAlgorithm(header)
  if (E.isLeft(algorithm)) return algorithm

  progress.stage = 'bad-signature'
  const secret = chooseSecret(opts['secret'], claims)
  if (E.isLeft(secret)) return secret
  const subtle = webCrypto()
  if (subtle === undefined) return fail('bad-signature', noWebCrypto)
  if (!(await verifyHmacSha256(subtle, secret.right, signature, signingInput))) {
    return fail(
      'bad-signature',
      'the signature does not match: the token was not made with the configured signature secret, or it was altered'
    )
  }

  progress.stage = 'bad-issuer'
  const issuer = checkIssuer(claims)
  if (E.isLeft(issuer)) return issuer

  progress.stage = 'stale-token'
  const issuedAt = checkIssuedAt(claims, opts)
  if (E.isLeft(issuedAt)) return issuedAt

  progress.stage = 'payload-mismatch'
  const payload = await checkPayload(subtle, claims, req)
  if (E.isLeft(payload)) return payload

  return E.right(claims as SignedWebhookClaims)
}

/**
 * Checks that a webhook request was signed by Vonage with the signature secret and that its
 * payload is the one signed. The checks run in this order and the first that fails gives the
 * code: the `Bearer` scheme (`missing-signature`, `bad-scheme`); a JWT of three base64url parts
 * (`malformed-token`); `alg` exactly `HS256` (`unsupported-algorithm`); the HMAC-SHA256
 * signature, compared in constant time (`bad-signature`); `iss` `"Vonage"` (`bad-issuer`);
 * `iat` within `toleranceSeconds` of now (`stale-token`); and, when the token has
 * `payload_hash`, the SHA-256 of the raw body of a POST or of the query of a GET
 * (`payload-mismatch`, or `raw-body-required` when that was not given).
 *
 * Never rejects and never throws, whatever it is given; messages never contain the secret,
 * the token or its signature.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { signWebhook, verifyWebhookSignature } from 'ncco-kit'
 *
 * const secret = 'a signature secret'
 * const rawBody = '{"status": "answered", "uuid": "63f61863a4b0d2f1d3e1e2a8b8fa7c7d"}'
 * const authorization = await signWebhook({ method: 'POST', body: rawBody }, { secret })
 *
 * const verified = await verifyWebhookSignature({ method: 'POST', authorization, rawBody }, { secret })
 * assert.ok(E.isRight(verified) && verified.right.iss === 'Vonage')
 *
 * // A parsed and re-serialised body is not the body that was signed.
 * const reserialised = JSON.stringify(JSON.parse(rawBody))
 * const refused = await verifyWebhookSignature(
 *   { method: 'POST', authorization, rawBody: reserialised },
 *   { secret }
 * )
 * assert.ok(E.isLeft(refused) && refused.left.code === 'payload-mismatch')
 *
 * @category verification
 * @since 0.2.0
 */
export const verifyWebhookSignature = async (
  request: WebhookRequestToVerify,
  options: VerifyWebhookOptions
): Promise<E.Either<WebhookSignatureFailure, SignedWebhookClaims>> => {
  const progress: { stage: WebhookSignatureFailureCode } = { stage: 'missing-signature' }
  try {
    return await verifySteps(request, options, progress)
  } catch {
    // Only hostile values (a throwing getter, a clock that throws) get here. The request is
    // refused with the code of the check that was running; the error is not shown, since it
    // could quote what it was given.
    return fail(
      progress.stage,
      'the request could not be checked (an unexpected error), so it is refused'
    )
  }
}

// -------------------------------------------------------------------------------------
// signing
// -------------------------------------------------------------------------------------

/**
 * Signs a webhook as the Voice API does and returns the `Authorization` value,
 * `Bearer <JWT>`: header `{"alg":"HS256","typ":"JWT"}`, claims `iat` (whole seconds from
 * `now`), `jti`, `iss: "Vonage"`, `payload_hash` (see `webhookPayloadHash`), then `api_key`
 * and `application_id` when given.
 *
 * Rejects with a `TypeError` (whose message never contains the secret) when the secret is not
 * a non-empty string, the clock gives no finite number, the payload has not the declared
 * shape, or Web Crypto is missing.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { signWebhook, verifyWebhookSignature } from 'ncco-kit'
 *
 * const query = new URLSearchParams('to=447700900000&from=447700900001&uuid=aaaa&conversation_uuid=CON-1')
 * const authorization = await signWebhook(
 *   { method: 'GET', query },
 *   { secret: 'shh', apiKey: 'abcd1234', applicationId: 'app-1', now: () => 1_700_000_000_000, jti: 'j-1' }
 * )
 * assert.ok(authorization.startsWith('Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.'))
 *
 * const verified = await verifyWebhookSignature(
 *   { method: 'GET', authorization, query },
 *   { secret: { abcd1234: 'shh' }, now: () => 1_700_000_000_000 }
 * )
 * assert.ok(E.isRight(verified) && verified.right.application_id === 'app-1')
 *
 * @category signing
 * @since 0.2.0
 */
export const signWebhook = async (
  payload: SignablePayload,
  options: SignWebhookOptions
): Promise<string> => {
  if (typeof options.secret !== 'string' || options.secret === '') {
    throw new TypeError('signWebhook: the secret must be a non-empty string')
  }
  const subtle = webCrypto()
  if (subtle === undefined) throw new TypeError(noWebCrypto)
  const now = options.now === undefined ? Date.now() : options.now()
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new TypeError('signWebhook: now() must return a finite number of milliseconds')
  }
  const claims: Record<string, unknown> = {
    iat: Math.floor(now / 1000),
    jti: options.jti ?? globalThis.crypto.randomUUID(),
    iss: 'Vonage',
    payload_hash: await webhookPayloadHash(payload)
  }
  if (options.apiKey !== undefined) claims['api_key'] = options.apiKey
  if (options.applicationId !== undefined) claims['application_id'] = options.applicationId
  const signingInput = signingInputOf({ alg: 'HS256', typ: 'JWT' }, claims)
  const signature = await hmacSha256(subtle, options.secret, signingInput)
  return `Bearer ${signingInput}.${base64UrlEncode(signature)}`
}
