/**
 * Signed webhooks. Tokens are made independently of `signWebhook` (jose for the JWT,
 * node:crypto for `payload_hash`) wherever a test checks verification, so that a mistake
 * shared by the signer and the verifier cannot pass; and the signer is checked by jose.
 */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { SignJWT, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  defaultSignatureToleranceSeconds,
  maxAuthorizationLength,
  queryPayloadJson,
  signWebhook,
  verifyWebhookSignature,
  webhookPayloadHash,
  webhookSignatureFailureCodes,
  type SignedWebhookClaims,
  type VerifyWebhookOptions,
  type WebhookRequestToVerify,
  type WebhookSignatureFailure
} from '../../src/webhooks/signature.js'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const secret = 'test-signature-secret-9d41a7c3e5'
const otherSecret = 'another-signature-secret-51be02'
const nowMs = 1_750_000_000_000
const iat = nowMs / 1000
const jti = '6f0c3c8e-2a41-4d7b-9a55-0f3d1c2b4e6a'

/** The body as the Voice API sent it, spacing included. */
const rawBody =
  '{"uuid": "63f61863a4b0d2f1d3e1e2a8b8fa7c7d", "conversation_uuid": "CON-f972836a-550f-45fa-956c-12a2ab5b7d22", "status": "answered", "direction": "inbound"}'

const queryText =
  'to=447700900000&from=447700900001&uuid=63f61863a4b0d2f1d3e1e2a8b8fa7c7d&conversation_uuid=CON-f972836a-550f-45fa-956c-12a2ab5b7d22&2=two&1=one'
/** The JSON the GET hash is over, written out by hand: integer-like names stay where they were. */
const queryJson =
  '{"to":"447700900000","from":"447700900001","uuid":"63f61863a4b0d2f1d3e1e2a8b8fa7c7d","conversation_uuid":"CON-f972836a-550f-45fa-956c-12a2ab5b7d22","2":"two","1":"one"}'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const sha256 = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex')
const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url')

const claimsFor = (payloadHash: string | undefined, extra: Record<string, unknown> = {}) => ({
  iat,
  jti,
  iss: 'Vonage',
  ...(payloadHash === undefined ? {} : { payload_hash: payloadHash }),
  ...extra
})

/** An HS256 token made by jose, not by the module under test. */
const joseToken = (
  claims: Record<string, unknown>,
  key: string = secret,
  header: { alg: string; typ?: string } = { alg: 'HS256' }
): Promise<string> => new SignJWT(claims).setProtectedHeader(header).sign(utf8(key))

const verify = (
  request: WebhookRequestToVerify,
  options: Partial<VerifyWebhookOptions> = {}
): Promise<E.Either<WebhookSignatureFailure, SignedWebhookClaims>> =>
  verifyWebhookSignature(request, { secret, now: () => nowMs, ...options })

/** A POST request; `null` leaves the raw body out. */
const post = (token: string, body: string | Uint8Array | null = rawBody) =>
  ({
    method: 'POST',
    authorization: `Bearer ${token}`,
    ...(body === null ? {} : { rawBody: body })
  }) as const

const get = (token: string, query: URLSearchParams | ReadonlyArray<readonly [string, string]>) =>
  ({ method: 'GET', authorization: `Bearer ${token}`, query }) as const

const failure = (code: WebhookSignatureFailure['code'], message: string) =>
  E.left({ code, message })

// -------------------------------------------------------------------------------------
// accepted
// -------------------------------------------------------------------------------------

describe('verifyWebhookSignature accepts real tokens', () => {
  it('a POST whose payload_hash is the SHA-256 of the raw body (jose token)', async () => {
    const claims = claimsFor(sha256(rawBody), { api_key: 'a1b2c3d4', application_id: 'app-1' })
    const token = await joseToken(claims)
    expect(await verify(post(token))).toEqual(E.right(claims))
    expect(await verify(post(token, utf8(rawBody)))).toEqual(E.right(claims))
  })

  it('a GET whose payload_hash is over the query as compact JSON in order (jose token)', async () => {
    const claims = claimsFor(sha256(queryJson))
    const token = await joseToken(claims)
    const params = new URL(`https://app.example/answer?${queryText}`).searchParams
    expect(await verify(get(token, params))).toEqual(E.right(claims))
    expect(await verify(get(token, [...params]))).toEqual(E.right(claims))
  })

  it('a URLSearchParams subclass is hashed by its own entries, not by an iterator it overrides', async () => {
    class OtherQuery extends URLSearchParams {
      override *[Symbol.iterator](): IterableIterator<[string, string]> {
        yield ['to', 'from the iterator']
      }
    }
    const claims = claimsFor(sha256(queryJson))
    const token = await joseToken(claims)
    expect(await verify(get(token, new OtherQuery(queryText)))).toEqual(E.right(claims))
    expect(queryPayloadJson(new OtherQuery(queryText))).toBe(queryJson)
  })

  it('a token without payload_hash needs neither body nor query', async () => {
    const claims = claimsFor(undefined)
    const token = await joseToken(claims)
    expect(await verify(post(token, null))).toEqual(E.right(claims))
    expect(await verify({ method: 'GET', authorization: `Bearer ${token}` })).toEqual(
      E.right(claims)
    )
  })

  it('the scheme in any case, and spaces around the value', async () => {
    const token = await joseToken(claimsFor(sha256(rawBody)))
    for (const authorization of [`bearer ${token}`, `BEARER ${token}`, `  Bearer   ${token}  `]) {
      expect(E.isRight(await verify({ ...post(token), authorization }))).toBe(true)
    }
  })

  it('an uppercase payload_hash', async () => {
    const token = await joseToken(claimsFor(sha256(rawBody).toUpperCase()))
    expect(E.isRight(await verify(post(token)))).toBe(true)
  })

  it('iat exactly 300 s old and 300 s ahead, the default tolerance', async () => {
    expect(defaultSignatureToleranceSeconds).toBe(300)
    for (const offset of [-300, 300]) {
      const token = await joseToken(claimsFor(sha256(rawBody), { iat: iat + offset }))
      expect(E.isRight(await verify(post(token)))).toBe(true)
    }
  })

  it('a tolerance of its own', async () => {
    const token = await joseToken(claimsFor(sha256(rawBody), { iat: iat - 3600 }))
    expect(E.isRight(await verify(post(token), { toleranceSeconds: 3600 }))).toBe(true)
    expect(E.isLeft(await verify(post(token), { toleranceSeconds: 3599 }))).toBe(true)
  })

  it('the secret chosen by api_key from a map', async () => {
    const secrets = { a1b2c3d4: otherSecret, e5f6a7b8: secret }
    const claims = claimsFor(sha256(rawBody), { api_key: 'e5f6a7b8' })
    const token = await joseToken(claims)
    expect(await verify(post(token), { secret: secrets })).toEqual(E.right(claims))
    // The other key's token with the other secret.
    const other = claimsFor(sha256(rawBody), { api_key: 'a1b2c3d4' })
    expect(await verify(post(await joseToken(other, otherSecret)), { secret: secrets })).toEqual(
      E.right(other)
    )
  })
})

describe('known answers (tokens computed once by jose)', () => {
  const katSecret = 'kat-signature-secret-2f9c1e7a'
  const katBody =
    '{"uuid":"63f61863a4b0d2f1d3e1e2a8b8fa7c7d", "conversation_uuid":"CON-f972836a-550f-45fa-956c-12a2ab5b7d22", "status":"answered"}'
  const katClaims = {
    iat: 1_700_000_000,
    jti: 'c5b1d3e2-8f4a-4b6c-9d7e-0a1b2c3d4e5f',
    iss: 'Vonage',
    payload_hash: 'cbd92aaf482fb0109130dbbc94ccad4e76e986da82d974a1013eedeb3d69e940',
    api_key: 'a1b2c3d4',
    application_id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
  }
  const katPost =
    'eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE3MDAwMDAwMDAsImp0aSI6ImM1YjFkM2UyLThmNGEtNGI2Yy05ZDdlLTBhMWIyYzNkNGU1ZiIsImlzcyI6IlZvbmFnZSIsInBheWxvYWRfaGFzaCI6ImNiZDkyYWFmNDgyZmIwMTA5MTMwZGJiYzk0Y2NhZDRlNzZlOTg2ZGE4MmQ5NzRhMTAxM2VlZGViM2Q2OWU5NDAiLCJhcGlfa2V5IjoiYTFiMmMzZDQiLCJhcHBsaWNhdGlvbl9pZCI6ImFhYWFhYWFhLWJiYmItNGNjYy04ZGRkLWVlZWVlZWVlZWVlZSJ9.mKgwAVcqlPiMO3KEOqKbzK7mdCqLEPX-Q6vL166pRdE'
  /** The same claims with header {"alg":"HS256","typ":"JWT"}, the header signWebhook writes. */
  const katPostTyp =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImp0aSI6ImM1YjFkM2UyLThmNGEtNGI2Yy05ZDdlLTBhMWIyYzNkNGU1ZiIsImlzcyI6IlZvbmFnZSIsInBheWxvYWRfaGFzaCI6ImNiZDkyYWFmNDgyZmIwMTA5MTMwZGJiYzk0Y2NhZDRlNzZlOTg2ZGE4MmQ5NzRhMTAxM2VlZGViM2Q2OWU5NDAiLCJhcGlfa2V5IjoiYTFiMmMzZDQiLCJhcHBsaWNhdGlvbl9pZCI6ImFhYWFhYWFhLWJiYmItNGNjYy04ZGRkLWVlZWVlZWVlZWVlZSJ9.8HenlNPrNFaJl6m9t6_sszsipFi6Z58PZShFh0N3LWs'
  const katGetQuery =
    'to=447700900000&from=447700900001&uuid=63f61863a4b0d2f1d3e1e2a8b8fa7c7d&2=b&1=a'
  const katGet =
    'eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE3MDAwMDAwMDAsImp0aSI6IjBiOGU1ZDdjLTFhMmItNGMzZC04ZTlmLWEwYjFjMmQzZTRmNSIsImlzcyI6IlZvbmFnZSIsInBheWxvYWRfaGFzaCI6IjgyYTFjMjlkZmZmMmE3NTIyNjMyNTQwZmJkMDZiMjhkNTFiYzJlMmM4NWQyNjA5MDM1MWU3N2ZkZDE0ZTk2YzMifQ.x6cFKYjs9ukppR2z9T6S1I1yaNI-JD3Z12Ryke_Eu8I'
  const at = (seconds: number) => () => seconds * 1000

  it('the POST token verifies at its iat, 300 s later, and not 301 s later', async () => {
    const request = {
      method: 'POST',
      authorization: `Bearer ${katPost}`,
      rawBody: katBody
    } as const
    expect(
      await verifyWebhookSignature(request, { secret: katSecret, now: at(1_700_000_000) })
    ).toEqual(E.right(katClaims))
    expect(
      E.isRight(
        await verifyWebhookSignature(request, { secret: katSecret, now: at(1_700_000_300) })
      )
    ).toBe(true)
    expect(
      await verifyWebhookSignature(request, { secret: katSecret, now: at(1_700_000_301) })
    ).toEqual(
      failure(
        'stale-token',
        'the token was issued 301 s ago, more than the 300 s tolerance: a replayed request, or a slow clock'
      )
    )
  })

  it('the GET token verifies with its query, integer-like names in place', async () => {
    const result = await verifyWebhookSignature(
      { method: 'GET', authorization: `Bearer ${katGet}`, query: new URLSearchParams(katGetQuery) },
      { secret: katSecret, now: at(1_700_000_000) }
    )
    expect(result).toEqual(
      E.right({
        iat: 1_700_000_000,
        jti: '0b8e5d7c-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
        iss: 'Vonage',
        payload_hash: '82a1c29dfff2a7522632540fbd06b28d51bc2e2c85d26090351e77fdd14e96c3'
      })
    )
  })

  it('signWebhook writes exactly the token jose wrote for the same header and claims', async () => {
    const authorization = await signWebhook(
      { method: 'POST', body: katBody },
      {
        secret: katSecret,
        apiKey: 'a1b2c3d4',
        applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
        jti: 'c5b1d3e2-8f4a-4b6c-9d7e-0a1b2c3d4e5f',
        now: () => 1_700_000_000_999
      }
    )
    expect(authorization).toBe(`Bearer ${katPostTyp}`)
  })
})

// -------------------------------------------------------------------------------------
// refused: one case per failure
// -------------------------------------------------------------------------------------

interface FailureCase {
  readonly name: string
  readonly make: () => Promise<{
    request: WebhookRequestToVerify
    options?: Partial<VerifyWebhookOptions>
  }>
  readonly expected: WebhookSignatureFailure
}

let rsaKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']
beforeAll(async () => {
  rsaKey = (await generateKeyPair('RS256')).privateKey
})

const hashOfBody = sha256(rawBody)
const bearerExpected = 'a signed webhook carries "Authorization: Bearer <JWT>"'
const signedPost = async (extra: Record<string, unknown> = {}, key = secret) =>
  post(await joseToken(claimsFor(hashOfBody, extra), key))

const failureCases: ReadonlyArray<FailureCase> = [
  {
    name: 'no Authorization header',
    make: async () => ({ request: { method: 'POST', authorization: undefined, rawBody } }),
    expected: {
      code: 'missing-signature',
      message: `the request has no Authorization header; ${bearerExpected}`
    }
  },
  {
    name: 'an empty Authorization header',
    make: async () => ({ request: { method: 'POST', authorization: '  ', rawBody } }),
    expected: {
      code: 'missing-signature',
      message: `the Authorization header is empty; ${bearerExpected}`
    }
  },
  {
    name: 'the Basic scheme',
    make: async () => ({
      request: {
        method: 'POST',
        authorization: `Basic ${Buffer.from(`a1b2c3d4:${secret}`).toString('base64')}`,
        rawBody
      }
    }),
    expected: {
      code: 'bad-scheme',
      message: `the Authorization header uses the Basic scheme; ${bearerExpected}`
    }
  },
  {
    name: 'an unknown scheme word, never shown',
    make: async () => ({
      request: { ...(await signedPost()), authorization: `${secret} whatever` }
    }),
    expected: {
      code: 'bad-scheme',
      message: `the Authorization header uses a scheme other than Bearer; ${bearerExpected}`
    }
  },
  {
    name: 'a bare token without a scheme',
    make: async () => {
      const request = await signedPost()
      return { request: { ...request, authorization: request.authorization.slice(7) } }
    },
    expected: {
      code: 'bad-scheme',
      message: `the Authorization header has no scheme; ${bearerExpected}`
    }
  },
  {
    name: 'Bearer with no token',
    make: async () => ({ request: { method: 'POST', authorization: 'Bearer', rawBody } }),
    expected: { code: 'malformed-token', message: 'the Bearer token is empty' }
  },
  {
    name: 'a two-part token',
    make: async () => {
      const token = await joseToken(claimsFor(hashOfBody))
      return { request: post(token.split('.').slice(0, 2).join('.')) }
    },
    expected: {
      code: 'malformed-token',
      message: 'the token has 2 parts separated by dots; a JWT has 3'
    }
  },
  {
    name: 'a header that is not JSON',
    make: async () => {
      const [, claims, signature] = (await joseToken(claimsFor(hashOfBody))).split('.')
      return { request: post(`${b64url('{"alg":"HS256"')}.${claims}.${signature}`) }
    },
    expected: { code: 'malformed-token', message: "the token's header is not UTF-8 JSON" }
  },
  {
    name: 'claims that are a JSON array',
    make: async () => {
      const [header, , signature] = (await joseToken(claimsFor(hashOfBody))).split('.')
      return { request: post(`${header}.${b64url('[1,2]')}.${signature}`) }
    },
    expected: { code: 'malformed-token', message: "the token's claims is not a JSON object" }
  },
  {
    name: 'standard base64 (padding) in a part',
    make: async () => {
      const [header, claims, signature] = (await joseToken(claimsFor(hashOfBody))).split('.')
      return { request: post(`${header}.${claims}=.${signature}`) }
    },
    expected: { code: 'malformed-token', message: "the token's claims is not base64url" }
  },
  {
    name: 'a signature with non-zero unused bits (the same bytes, another spelling)',
    make: async () => {
      const token = await joseToken(claimsFor(hashOfBody))
      // 43 characters carry 258 bits for 32 bytes: the last character's 2 low bits are unused.
      const last = token.at(-1)!
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      const twin = alphabet[alphabet.indexOf(last) ^ 1]!
      return { request: post(token.slice(0, -1) + twin) }
    },
    expected: { code: 'malformed-token', message: "the token's signature is not base64url" }
  },
  {
    name: 'an Authorization value over 8 KiB',
    make: async () => {
      const token = await joseToken(claimsFor(hashOfBody, { padding: 'x'.repeat(7000) }))
      return { request: post(token) }
    },
    expected: {
      code: 'malformed-token',
      message: `the Authorization header is 9636 characters long, more than the ${maxAuthorizationLength} accepted`
    }
  },
  {
    name: 'alg "none"',
    make: async () => {
      const token = `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url(JSON.stringify(claimsFor(hashOfBody)))}.`
      return { request: post(token) }
    },
    expected: {
      code: 'unsupported-algorithm',
      message:
        'the token is unsigned (alg "none"); signed webhooks use HS256 and only HS256 is accepted'
    }
  },
  {
    name: 'RS256, signed with a real RSA key',
    make: async () => {
      const token = await new SignJWT(claimsFor(hashOfBody))
        .setProtectedHeader({ alg: 'RS256' })
        .sign(rsaKey)
      return { request: post(token) }
    },
    expected: {
      code: 'unsupported-algorithm',
      message:
        'the token is signed with RS256; signed webhooks use HS256 and only HS256 is accepted'
    }
  },
  {
    name: 'a header without alg',
    make: async () => {
      const [, claims, signature] = (await joseToken(claimsFor(hashOfBody))).split('.')
      return { request: post(`${b64url('{"typ":"JWT"}')}.${claims}.${signature}`) }
    },
    expected: {
      code: 'unsupported-algorithm',
      message: 'the token header has no alg; signed webhooks use HS256 and only HS256 is accepted'
    }
  },
  {
    name: 'HS512',
    make: async () => ({
      request: post(await joseToken(claimsFor(hashOfBody), secret, { alg: 'HS512' }))
    }),
    expected: {
      code: 'unsupported-algorithm',
      message:
        'the token is signed with HS512; signed webhooks use HS256 and only HS256 is accepted'
    }
  },
  {
    name: 'a critical extension',
    make: async () => {
      const [, claims] = (await joseToken(claimsFor(hashOfBody))).split('.')
      return { request: post(`${b64url('{"alg":"HS256","crit":["exp"]}')}.${claims}.`) }
    },
    expected: {
      code: 'unsupported-algorithm',
      message: 'the token header lists critical extensions (crit), which are not supported'
    }
  },
  {
    name: 'the wrong secret',
    make: async () => ({ request: await signedPost({}, otherSecret) }),
    expected: {
      code: 'bad-signature',
      message:
        'the signature does not match: the token was not made with the configured signature secret, or it was altered'
    }
  },
  {
    name: 'claims changed after signing',
    make: async () => {
      const [header, , signature] = (await joseToken(claimsFor(hashOfBody))).split('.')
      const changed = b64url(JSON.stringify(claimsFor(hashOfBody, { iat: iat + 1 })))
      return { request: post(`${header}.${changed}.${signature}`) }
    },
    expected: {
      code: 'bad-signature',
      message:
        'the signature does not match: the token was not made with the configured signature secret, or it was altered'
    }
  },
  {
    name: 'a map of secrets and an unknown api_key',
    make: async () => ({
      request: await signedPost({ api_key: 'ffff0000' }),
      options: { secret: { a1b2c3d4: secret, e5f6a7b8: otherSecret } }
    }),
    expected: {
      code: 'bad-signature',
      message: 'no signature secret is configured for api_key "ffff0000"'
    }
  },
  {
    name: 'a map of secrets and no api_key',
    make: async () => ({
      request: await signedPost(),
      options: { secret: { a1b2c3d4: secret } }
    }),
    expected: {
      code: 'bad-signature',
      message:
        'the token has no api_key claim, and the signature secrets are configured by api_key: no secret is configured for it'
    }
  },
  {
    name: 'a map of secrets and api_key "__proto__"',
    make: async () => ({
      request: await signedPost({ api_key: '__proto__' }),
      options: { secret: { a1b2c3d4: secret } }
    }),
    expected: {
      code: 'bad-signature',
      message: 'no signature secret is configured for api_key "__proto__"'
    }
  },
  {
    name: 'an empty secret',
    make: async () => ({ request: await signedPost(), options: { secret: '' } }),
    expected: { code: 'bad-signature', message: 'the configured signature secret is empty' }
  },
  {
    name: 'the wrong iss',
    make: async () => ({ request: await signedPost({ iss: 'Nexmo' }) }),
    expected: {
      code: 'bad-issuer',
      message: `the token's iss is "Nexmo"; signed webhooks are issued by "Vonage"`
    }
  },
  {
    name: 'iat 301 s old',
    make: async () => ({ request: await signedPost({ iat: iat - 301 }) }),
    expected: {
      code: 'stale-token',
      message:
        'the token was issued 301 s ago, more than the 300 s tolerance: a replayed request, or a slow clock'
    }
  },
  {
    name: 'iat 301 s ahead',
    make: async () => ({ request: await signedPost({ iat: iat + 301 }) }),
    expected: {
      code: 'stale-token',
      message:
        "the token was issued 301 s in the future, more than the 300 s tolerance: check this machine's clock"
    }
  },
  {
    name: 'iat as a string',
    make: async () => ({ request: await signedPost({ iat: String(iat) }) }),
    expected: {
      code: 'stale-token',
      message:
        'the token has no numeric iat claim, so its age cannot be checked (its tokens never expire otherwise)'
    }
  },
  {
    name: 'a tampered body',
    make: async () => ({
      request: { ...(await signedPost()), rawBody: rawBody.replace('answered', 'completed') }
    }),
    expected: {
      code: 'payload-mismatch',
      message:
        'the payload_hash claim does not match the raw body: the body was changed, or what was given is not the bytes as received (a parsed and re-serialised body differs)'
    }
  },
  {
    name: 'JSON.stringify of the parsed body (the raw body had other spacing)',
    make: async () => ({
      request: {
        ...(await signedPost()),
        rawBody: JSON.stringify(JSON.parse(rawBody) as unknown)
      }
    }),
    expected: {
      code: 'payload-mismatch',
      message:
        'the payload_hash claim does not match the raw body: the body was changed, or what was given is not the bytes as received (a parsed and re-serialised body differs)'
    }
  },
  {
    name: 'a reordered query',
    make: async () => {
      const token = await joseToken(claimsFor(sha256(queryJson)))
      const entries = [...new URLSearchParams(queryText)]
      return { request: get(token, [entries[1]!, entries[0]!, ...entries.slice(2)]) }
    },
    expected: {
      code: 'payload-mismatch',
      message:
        'the payload_hash claim does not match the query parameters (as compact JSON, in the order received): one was changed, added, removed or reordered'
    }
  },
  {
    name: 'a POST without its raw body',
    make: async () => ({ request: post(await joseToken(claimsFor(hashOfBody)), null) }),
    expected: {
      code: 'raw-body-required',
      message:
        'the token has a payload_hash, so the raw body is needed: the bytes as received, read before any JSON parsing (a parsed body is never re-serialised)'
    }
  },
  {
    name: 'a GET without its query',
    make: async () => {
      const token = await joseToken(claimsFor(sha256(queryJson)))
      return { request: { method: 'GET', authorization: `Bearer ${token}` } }
    },
    expected: {
      code: 'raw-body-required',
      message:
        'the token has a payload_hash, so a GET needs its query parameters in the order received (a URLSearchParams or [name, value] pairs)'
    }
  },
  {
    name: 'a GET with a plain object as query',
    make: async () => {
      const token = await joseToken(claimsFor(sha256(queryJson)))
      const query = Object.fromEntries(new URLSearchParams(queryText))
      return { request: { method: 'GET', authorization: `Bearer ${token}`, query } as never }
    },
    expected: {
      code: 'raw-body-required',
      message:
        'the query must be a URLSearchParams or a list of [name, value] pairs in the order received (a plain object loses the order)'
    }
  }
]

describe('verifyWebhookSignature refuses, one code per check', () => {
  it.each(failureCases)('$name', async ({ make, expected }) => {
    const { request, options } = await make()
    expect(await verify(request, options)).toEqual(E.left(expected))
  })

  it('every failure code has a case', () => {
    const covered = new Set(failureCases.map((c) => c.expected.code))
    expect([...covered].sort()).toEqual([...webhookSignatureFailureCodes].sort())
  })

  it('no message contains a secret, the token or its signature', async () => {
    for (const { make, name } of failureCases) {
      const { request, options } = await make()
      const result = await verify(request, options)
      if (E.isRight(result)) throw new Error(`${name}: expected a failure`)
      const { message } = result.left
      const authorization = request.authorization ?? ''
      const token = authorization.replace(/^\s*\S+\s+/, '').trim()
      const forbidden = [secret, otherSecret, token, token.split('.')[2] ?? '', authorization]
      for (const piece of forbidden.filter((p) => p.length >= 8)) {
        expect(message, name).not.toContain(piece)
      }
    }
  })

  it('no message depends on a secret: an unsigned api_key guess learns nothing about one', async () => {
    // The api_key is read before the signature is checked, so anyone can choose it. If the
    // message were worded differently when a guess is part of a secret, a log that shows
    // messages would give the secret away one character at a time.
    const configured = { a1b2c3d4: secret }
    const messageFor = async (apiKey: string): Promise<string> => {
      const unsigned = `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify(claimsFor(undefined, { api_key: apiKey })))}.`
      const result = await verify(post(unsigned), { secret: configured })
      return E.isLeft(result) ? result.left.message : 'accepted'
    }
    for (const guess of [secret.slice(0, 4), secret.slice(5, 14), secret.slice(0, -1)]) {
      expect(await messageFor(guess)).toBe(
        `no signature secret is configured for api_key "${guess}"`
      )
    }
    expect(await messageFor('zzzz')).toBe('no signature secret is configured for api_key "zzzz"')
    // A message never contains a secret, not even one the token itself quotes.
    expect(await messageFor(secret)).toBe(
      "no signature secret is configured for the token's api_key"
    )
  })

  it('the first failing check gives the code: a wrong secret beats a stale iat and a bad body', async () => {
    const token = await joseToken(
      claimsFor(hashOfBody, { iat: iat - 10_000, iss: 'x' }),
      otherSecret
    )
    const result = await verify(post(token, 'changed'))
    expect(E.isLeft(result) && result.left.code).toBe('bad-signature')
  })

  it('a throwing getter or clock is refused with the code of the running check', async () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error(secret)
        }
      }
    ) as WebhookRequestToVerify
    expect(await verify(hostile)).toEqual(
      failure(
        'missing-signature',
        'the request could not be checked (an unexpected error), so it is refused'
      )
    )
    const token = await joseToken(claimsFor(hashOfBody))
    const throwingClock = () => {
      throw new Error(secret)
    }
    expect(await verify(post(token), { now: throwingClock })).toEqual(
      failure(
        'stale-token',
        'the request could not be checked (an unexpected error), so it is refused'
      )
    )
  })
})

// -------------------------------------------------------------------------------------
// signing, checked by jose
// -------------------------------------------------------------------------------------

describe('signWebhook', () => {
  it('a Bearer HS256 JWT that jose verifies, with every claim', async () => {
    const authorization = await signWebhook(
      { method: 'POST', body: rawBody },
      { secret, apiKey: 'a1b2c3d4', applicationId: 'app-1', jti, now: () => nowMs + 999 }
    )
    expect(authorization.startsWith('Bearer ')).toBe(true)
    const token = authorization.slice(7)
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' })
    const { payload } = await jwtVerify(token, utf8(secret), { algorithms: ['HS256'] })
    expect(payload).toEqual({
      iat,
      jti,
      iss: 'Vonage',
      payload_hash: sha256(rawBody),
      api_key: 'a1b2c3d4',
      application_id: 'app-1'
    })
  })

  it('a GET hashes the query JSON, and a fresh UUID jti when none is given', async () => {
    const query = new URLSearchParams(queryText)
    const tokens = await Promise.all([
      signWebhook({ method: 'GET', query }, { secret }),
      signWebhook({ method: 'GET', query }, { secret })
    ])
    const payloads = await Promise.all(
      tokens.map(async (t) => (await jwtVerify(t.slice(7), utf8(secret))).payload)
    )
    for (const payload of payloads) {
      expect(payload.payload_hash).toBe(sha256(queryJson))
      expect(payload.jti).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      )
      expect(Object.keys(payload)).toEqual(['iat', 'jti', 'iss', 'payload_hash'])
    }
    expect(payloads[0]!.jti).not.toBe(payloads[1]!.jti)
  })

  it('rejects an empty secret with a TypeError', async () => {
    await expect(signWebhook({ method: 'POST', body: '' }, { secret: '' })).rejects.toThrow(
      new TypeError('signWebhook: the secret must be a non-empty string')
    )
  })
})

// -------------------------------------------------------------------------------------
// payload helpers
// -------------------------------------------------------------------------------------

describe('queryPayloadJson and webhookPayloadHash', () => {
  it('names in the order received, integer-like ones included', () => {
    expect(queryPayloadJson(new URLSearchParams(queryText))).toBe(queryJson)
  })

  it('a repeated name keeps its first position and takes its last value', () => {
    expect(
      queryPayloadJson([
        ['a', '1'],
        ['b', '2'],
        ['a', '3']
      ])
    ).toBe('{"a":"3","b":"2"}')
  })

  it('escapes as JSON.stringify does, compact; an empty query is {}', () => {
    expect(
      queryPayloadJson([
        ['q"\\', 'line\nbreak\ttab'],
        ['é', '€ 😀 /'],
        ['ctl', '\u0001']
      ])
    ).toBe('{"q\\"\\\\":"line\\nbreak\\ttab","é":"€ 😀 /","ctl":"\\u0001"}')
    expect(queryPayloadJson([])).toBe('{}')
    expect(queryPayloadJson(new URLSearchParams())).toBe('{}')
  })

  it('the hashes node:crypto gives', async () => {
    expect(await webhookPayloadHash({ method: 'POST', body: rawBody })).toBe(sha256(rawBody))
    expect(await webhookPayloadHash({ method: 'POST', body: Uint8Array.of(0, 255, 7) })).toBe(
      sha256(Uint8Array.of(0, 255, 7))
    )
    expect(await webhookPayloadHash({ method: 'GET', query: new URLSearchParams(queryText) })).toBe(
      sha256(queryJson)
    )
  })
})

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

const bodies: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.uint8Array({ maxLength: 1024 })
)

const entryLists = (unit: 'binary' | 'grapheme') =>
  fc.array(fc.tuple(fc.string({ unit, maxLength: 12 }), fc.string({ unit, maxLength: 24 })), {
    maxLength: 10
  })

describe('properties', () => {
  it('sign then verify round-trips any body, and the hash is what node:crypto gives', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const authorization = await signWebhook(
          { method: 'POST', body },
          { secret, now: () => nowMs }
        )
        const result = await verify({ method: 'POST', authorization, rawBody: body })
        expect(E.isRight(result) && result.right.payload_hash).toBe(sha256(body))
      }),
      { numRuns: 100 }
    )
  })

  it('sign then verify round-trips any list of query entries', async () => {
    await fc.assert(
      fc.asyncProperty(entryLists('binary'), async (entries) => {
        const authorization = await signWebhook(
          { method: 'GET', query: entries },
          { secret, now: () => nowMs }
        )
        expect(E.isRight(await verify({ method: 'GET', authorization, query: entries }))).toBe(true)
      }),
      { numRuns: 100 }
    )
  })

  it('and through a URL: the query as the app parses it verifies', async () => {
    await fc.assert(
      fc.asyncProperty(entryLists('grapheme'), async (entries) => {
        const authorization = await signWebhook(
          { method: 'GET', query: entries },
          { secret, now: () => nowMs }
        )
        const url = new URL(`https://app.example/answer?${new URLSearchParams(entries)}`)
        const result = await verify({ method: 'GET', authorization, query: url.searchParams })
        expect(E.isRight(result)).toBe(true)
      }),
      { numRuns: 60 }
    )
  })

  it('any single-byte change of the body fails with payload-mismatch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (body, at, flip) => {
          const authorization = await signWebhook(
            { method: 'POST', body },
            { secret, now: () => nowMs }
          )
          const changed = Uint8Array.from(body)
          const index = at % body.length
          changed[index] = changed[index]! ^ flip
          const result = await verify({ method: 'POST', authorization, rawBody: changed })
          expect(E.isLeft(result) && result.left.code).toBe('payload-mismatch')
        }
      ),
      { numRuns: 100 }
    )
  })

  it('any one-character change of a valid token is refused, and the message leaks nothing', async () => {
    const authorization = await signWebhook(
      { method: 'POST', body: rawBody },
      { secret, now: () => nowMs }
    )
    const token = authorization.slice(7)
    const signature = token.split('.')[2]!
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...'ABCXYZabcxyz0189-_.=+/ '),
        async (at, replacement) => {
          fc.pre(token[at] !== replacement)
          const changed = token.slice(0, at) + replacement + token.slice(at + 1)
          const result = await verify({
            method: 'POST',
            authorization: `Bearer ${changed}`,
            rawBody
          })
          if (E.isRight(result)) throw new Error(`accepted a changed token at ${at}`)
          for (const piece of [secret, token, changed, signature]) {
            expect(result.left.message).not.toContain(piece)
          }
        }
      ),
      { numRuns: 200 }
    )
  })

  it('never rejects on anything, as the request, the options or the authorization', async () => {
    const base64url = fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/)
    const authorizations = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.string().map((s) => `Bearer ${s}`),
      fc.tuple(base64url, base64url, base64url).map((parts) => `Bearer ${parts.join('.')}`),
      fc
        .tuple(fc.jsonValue(), fc.jsonValue(), base64url)
        .map(
          ([h, c, s]) => `Bearer ${b64url(JSON.stringify(h))}.${b64url(JSON.stringify(c))}.${s}`
        ),
      fc
        .tuple(
          fc.dictionary(fc.string(), fc.jsonValue()),
          fc.dictionary(fc.string(), fc.jsonValue())
        )
        .map(
          ([h, c]) =>
            `Bearer ${b64url(JSON.stringify({ alg: 'HS256', ...h }))}.${b64url(JSON.stringify(c))}.${'A'.repeat(43)}`
        )
    )
    await fc.assert(
      fc.asyncProperty(
        fc.anything(),
        fc.anything(),
        authorizations,
        fc.anything(),
        async (request, options, authorization, rawBodyValue) => {
          const results = await Promise.all([
            verifyWebhookSignature(request as never, options as never),
            verify({ method: 'POST', authorization, rawBody: rawBodyValue } as never),
            verify({ method: 'GET', authorization, query: rawBodyValue } as never),
            verifyWebhookSignature(
              { method: 'POST', authorization, rawBody: rawBodyValue } as never,
              options as never
            )
          ])
          for (const result of results) {
            if (E.isRight(result)) throw new Error('accepted an arbitrary value')
            expect(webhookSignatureFailureCodes).toContain(result.left.code)
            expect(result.left.message).not.toContain(secret)
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})
