import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { app, callV1, callV2, ncco, phone, talk } from '../../src/builders/index.js'
import { createClient, createClientOrThrow, prepareCall } from '../../src/sender/client.js'
import { ClientConfigError } from '../../src/sender/config.js'
import { CreateCallError, describeFailure } from '../../src/sender/failure.js'
import {
  createClient as createNodeClient,
  createClientOrThrow as createNodeClientOrThrow
} from '../../src/sender/key-file.js'
import { createLimiter } from '../../src/sender/limiter.js'
import { parsePrivateKey, signVoiceJwt } from '../../src/sender/jwt.js'
import {
  exampleCall,
  startFakeVoiceApi,
  steps,
  type FakeVoiceApi,
  type Step
} from './fake-voice-api.js'
import { clientFor, leftOf, requestV1, requestV2, rightOf } from './helpers.js'
import { applicationId, keys } from './keys.js'

let api: FakeVoiceApi

beforeEach(async () => {
  api = await startFakeVoiceApi()
})

afterEach(async () => {
  await api.close()
})

/** Every POST carried a JWT that passed the fake API's checks. */
const expectValidJwts = (): void => {
  expect(api.posts.map((p) => p.jwtError)).toEqual(api.posts.map(() => undefined))
}

const rateLimitProblem = {
  type: 'https://developer.nexmo.com/api-errors#rate-limit',
  title: 'Rate Limit Hit',
  detail: 'Please wait, then retry your request',
  instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf'
}

const bodyOf = (step: Step): string => (step.type === 'respond' ? (step.body ?? '') : '')

describe('createCallV1 / createCallV2: success', () => {
  it('v1: POST /v1/calls, 201, the decoded call', async () => {
    await api.script(steps.created())
    const { client } = clientFor(api)
    const result = await client.createCallV1(requestV1)()
    expect(rightOf(result)).toEqual({ status: 201, call: exampleCall, attempts: 1, warnings: [] })
    expect(api.posts).toHaveLength(1)
    const [sent] = api.posts
    expect(sent?.path).toBe('/v1/calls')
    expect(sent?.contentType).toBe('application/json')
    expect(sent?.body).toEqual(requestV1)
    expect(sent?.claims?.['application_id']).toBe(applicationId)
    expect((sent?.claims?.exp ?? 0) - (sent?.claims?.iat ?? 0)).toBe(300)
    expectValidJwts()
  })

  it('v2: POST /v2/calls, 202 Accepted, the body as given', async () => {
    await api.script(steps.accepted())
    const { client } = clientFor(api)
    const result = await client.createCallV2(requestV2)()
    expect(rightOf(result)).toEqual({ status: 202, call: {}, attempts: 1, warnings: [] })
    expect(api.posts.map((p) => p.path)).toEqual(['/v2/calls'])
    expect(api.posts[0]?.body).toEqual(requestV2)
    expectValidJwts()
  })

  it('v2: an empty 202 body is an empty call', async () => {
    await api.script({ type: 'respond', status: 202 })
    const { client } = clientFor(api)
    expect(rightOf(await client.createCallV2(requestV2)())).toMatchObject({ status: 202, call: {} })
  })

  it('takes a builder from callV1() / callV2() as its request, merged with the options', async () => {
    await api.script(steps.created(), steps.accepted())
    const { client } = clientFor(api)
    const v1 = callV1()
      .to(phone('+44 7700 900001'))
      .from('447700900000')
      .ncco(ncco(talk('Hello from a builder')))
    expect(rightOf(await client.createCallV1(v1, { ringingTimer: 30 })()).call).toEqual(exampleCall)
    const v2 = callV2().to(app('alice')).from('447700900000').answerUrl('https://example.com/a')
    expect(rightOf(await client.createCallV2(v2)()).status).toBe(202)
    expect(api.posts.map((p) => p.body)).toEqual([
      {
        to: [{ type: 'phone', number: '447700900001' }],
        from: { type: 'phone', number: '447700900000' },
        ncco: [{ action: 'talk', text: 'Hello from a builder' }],
        ringing_timer: 30
      },
      {
        to: [{ type: 'app', user: 'alice' }],
        from: { type: 'phone', number: '447700900000' },
        answer_url: ['https://example.com/a']
      }
    ])
  })

  it('createCall(api, request) takes a request of unknown shape', async () => {
    await api.script(steps.created())
    const { client } = clientFor(api)
    const fromFile: unknown = JSON.parse(JSON.stringify(requestV1))
    expect(rightOf(await client.createCall('v1', fromFile)()).call).toEqual(exampleCall)
  })

  it('signs with a PKCS#1 key, and (ncco-kit/node) with a key read from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncco-kit-key-'))
    try {
      const path = join(dir, 'private.key')
      writeFileSync(path, keys.pkcs1)
      await api.script(steps.created(), steps.created(), steps.created())
      expect(
        E.isRight(await clientFor(api, { privateKey: keys.pkcs1 }).client.createCallV1(requestV1)())
      ).toBe(true)
      const options = { applicationId, privateKey: path, baseUrl: api.url, limiter: false } as const
      const fromFile = rightOf(createNodeClient(options))
      expect(E.isRight(await fromFile.createCallV1(requestV1)())).toBe(true)
      expect((await createNodeClientOrThrow(options).createCallV1OrThrow(requestV1)).status).toBe(
        201
      )
      expect(api.posts).toHaveLength(3)
      expectValidJwts()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('asks a token function once per attempt', async () => {
    const key = rightOf(parsePrivateKey(keys.pkcs8))
    let calls = 0
    const made = createClient({
      token: () => {
        calls++
        return signVoiceJwt(key, {
          applicationId,
          issuedAt: Math.floor(Date.now() / 1000),
          ttlSeconds: 60
        })
      },
      baseUrl: api.url,
      limiter: false,
      clock: { sleep: () => Promise.resolve() }
    })
    await api.script(steps.rateLimited('0'), steps.created())
    const result = await rightOf(made).createCallV1(requestV1)()
    expect(rightOf(result).attempts).toBe(2)
    expect(calls).toBe(2)
    expectValidJwts()
  })
})

describe('per-call options', () => {
  it('are merged into the request, replacing its own values, before validation', async () => {
    await api.script(steps.created())
    const { client } = clientFor(api)
    const result = await client.createCallV1(
      { ...requestV1, length_timer: 100 },
      {
        lengthTimer: 60,
        ringingTimer: 30,
        machineDetection: 'continue',
        advancedMachineDetection: { behavior: 'continue', mode: 'detect' }
      }
    )()
    expect(rightOf(result).warnings.map((w) => [w.code, w.path])).toEqual([
      ['both-machine-detections', '/machine_detection']
    ])
    expect(api.posts[0]?.body).toEqual({
      ...requestV1,
      length_timer: 60,
      ringing_timer: 30,
      machine_detection: 'continue',
      advanced_machine_detection: { behavior: 'continue', mode: 'detect' }
    })
  })

  it('an option that makes the request invalid stops it before sending', async () => {
    await api.script(steps.created())
    const { client } = clientFor(api)
    const failure = leftOf(await client.createCallV1(requestV1, { lengthTimer: 0 })())
    expect(failure).toEqual({
      kind: 'invalid-request',
      issues: [
        {
          code: 'out-of-range',
          severity: 'error',
          path: '/length_timer',
          message: '"length_timer" must be between 1 and 86400, got 0.'
        }
      ]
    })
    expect(api.posts).toHaveLength(0)
  })

  it('v2 has its own limits: length_timer at most 7200', async () => {
    await api.script(steps.accepted())
    const { client } = clientFor(api)
    const failure = leftOf(await client.createCallV2(requestV2, { lengthTimer: 7201 })())
    expect(failure.kind).toBe('invalid-request')
    expect(api.posts).toHaveLength(0)
  })
})

describe('invalid requests are never sent', () => {
  it('reports every finding, strict profile by default', async () => {
    await api.script(steps.created())
    const { client } = clientFor(api)
    const failure = leftOf(
      await client.createCall('v1', { to: [], ncco: [{ action: 'talk', txt: 'Hi' }] })()
    )
    expect(
      failure.kind === 'invalid-request' && failure.issues.map((i) => [i.code, i.path])
    ).toEqual([
      ['empty-array', '/to'],
      ['unknown-key', '/ncco/0/txt'],
      ['missing-required', '/ncco/0/text'],
      ['missing-caller', '/from']
    ])
    expect(api.posts).toHaveLength(0)
  })

  it('the lenient profile lets a stringly scalar through with a warning', async () => {
    await api.script(steps.created(), steps.created())
    const request = { ...requestV1, ringing_timer: '30' }
    const strict = leftOf(await clientFor(api).client.createCall('v1', request)())
    expect(strict.kind).toBe('invalid-request')
    const lenient = await clientFor(api, { profile: 'lenient' }).client.createCall('v1', request)()
    expect(rightOf(lenient).warnings.map((w) => w.code)).toEqual(['stringly-scalar'])
    expect(api.posts).toHaveLength(1)
  })
})

describe('429: retried, because Vonage created nothing', () => {
  it('honours Retry-After, then succeeds; each attempt has a fresh jti', async () => {
    await api.script(steps.rateLimited('2'), steps.created())
    const { client, sleeps } = clientFor(api)
    const result = await client.createCallV1(requestV1)()
    expect(rightOf(result)).toMatchObject({ status: 201, attempts: 2 })
    expect(sleeps).toEqual([2000])
    expect(api.posts).toHaveLength(2)
    expect(new Set(api.posts.map((p) => p.claims?.jti)).size).toBe(2)
    expectValidJwts()
  })

  it('waits one second when there is no Retry-After', async () => {
    await api.script(steps.rateLimited(), steps.created())
    const { client, sleeps } = clientFor(api)
    expect(E.isRight(await client.createCallV1(requestV1)())).toBe(true)
    expect(sleeps).toEqual([1000])
  })

  it('gives up after maxAttempts with the last Retry-After', async () => {
    await api.script(steps.rateLimited('1'), steps.rateLimited('1'), steps.rateLimited('3'))
    const { client, sleeps } = clientFor(api)
    const failure = leftOf(await client.createCallV1(requestV1)())
    expect(failure).toEqual({
      kind: 'rate-limited',
      status: 429,
      attempts: 3,
      retryAfterMs: 3000,
      problem: rateLimitProblem,
      body: JSON.stringify(rateLimitProblem)
    })
    expect(sleeps).toEqual([1000, 1000])
    expect(api.posts).toHaveLength(3)
  })

  it('stops at once when Retry-After exceeds the wait budget', async () => {
    await api.script(steps.rateLimited('30'), steps.created())
    const { client, sleeps } = clientFor(api, { retry: { maxTotalWaitMs: 10_000 } })
    const failure = leftOf(await client.createCallV1(requestV1)())
    expect(failure).toMatchObject({ kind: 'rate-limited', attempts: 1, retryAfterMs: 30_000 })
    expect(sleeps).toEqual([])
    expect(api.posts).toHaveLength(1)
  })

  it('maxAttempts: 1 never retries', async () => {
    await api.script(steps.rateLimited('0'), steps.created())
    const failure = leftOf(
      await clientFor(api, { retry: { maxAttempts: 1 } }).client.createCallV1(requestV1)()
    )
    expect(failure).toMatchObject({ kind: 'rate-limited', attempts: 1, retryAfterMs: 0 })
    expect(api.posts).toHaveLength(1)
  })

  it('really waits a short Retry-After (1 s) with the system clock', async () => {
    await api.script(steps.rateLimited('1'), steps.created())
    const client = rightOf(
      createClient({ applicationId, privateKey: keys.pkcs8, baseUrl: api.url, limiter: false })
    )
    const started = Date.now()
    const result = await client.createCallV1(requestV1)()
    const elapsed = Date.now() - started
    expect(rightOf(result).attempts).toBe(2)
    expect(elapsed).toBeGreaterThanOrEqual(990)
    expect(elapsed).toBeLessThan(5_000)
    expect(api.posts).toHaveLength(2)
  })

  it('retries pass through the limiter too', async () => {
    let takes = 0
    const limiter = rightOf(createLimiter({ callsPerSecond: 100 }))
    await api.script(steps.rateLimited('0'), steps.created())
    const { client } = clientFor(api, {
      limiter: {
        take: () => {
          takes++
          return limiter.take()
        }
      }
    })
    expect(E.isRight(await client.createCallV1(requestV1)())).toBe(true)
    expect(takes).toBe(2)
  })
})

describe('refusals are returned, never retried', () => {
  it('401: unauthorized, with the problem details', async () => {
    await api.script(steps.unauthorized(), steps.created())
    const { client } = clientFor(api)
    const failure = leftOf(await client.createCallV1(requestV1)())
    const body = bodyOf(steps.unauthorized())
    expect(failure).toEqual({
      kind: 'unauthorized',
      status: 401,
      attempts: 1,
      problem: JSON.parse(body) as unknown,
      body
    })
    expect(api.posts).toHaveLength(1)
  })

  it('a key of another application is refused by the API (401)', async () => {
    await api.script(steps.created())
    const { client } = clientFor(api, { privateKey: keys.strangerPkcs8 })
    const failure = leftOf(await client.createCallV1(requestV1)())
    expect(failure).toMatchObject({ kind: 'unauthorized', status: 401, attempts: 1 })
    expect(api.posts).toHaveLength(1)
    expect(api.posts[0]?.jwtError).toBe('signature verification failed')
  })

  it('400: rejected, with problem details decoded leniently (numeric type)', async () => {
    await api.script(steps.badRequest())
    const { client } = clientFor(api)
    const failure = leftOf(await client.createCallV1(requestV1)())
    expect(failure).toEqual({
      kind: 'rejected',
      status: 400,
      attempts: 1,
      traceId: 'trace-400',
      problem: {
        type: 400,
        title: 'Bad Request',
        invalid_parameters: [{ name: 'to', reason: 'Number is not valid' }]
      },
      body: bodyOf(steps.badRequest())
    })
    expect(api.posts).toHaveLength(1)
  })

  it('403: forbidden; a non-JSON body is kept as text', async () => {
    await api.script({ type: 'respond', status: 403, body: 'Forbidden' })
    const failure = leftOf(await clientFor(api).client.createCallV1(requestV1)())
    expect(failure).toEqual({ kind: 'forbidden', status: 403, attempts: 1, body: 'Forbidden' })
  })
})

describe('the call may exist: never retried', () => {
  it('500: server error', async () => {
    await api.script(steps.serverError(500), steps.created())
    const { client, sleeps } = clientFor(api)
    const failure = leftOf(await client.createCallV1(requestV1)())
    const body = bodyOf(steps.serverError(500))
    expect(failure).toEqual({
      kind: 'server-error',
      status: 500,
      attempts: 1,
      problem: JSON.parse(body) as unknown,
      body
    })
    expect(sleeps).toEqual([])
    expect(api.posts).toHaveLength(1)
  })

  it('503 with Retry-After: still not retried', async () => {
    await api.script(steps.serverError(503), steps.created())
    const failure = leftOf(await clientFor(api).client.createCallV1(requestV1)())
    expect(failure).toMatchObject({ kind: 'server-error', status: 503, attempts: 1 })
    expect(api.posts).toHaveLength(1)
  })

  it('a socket destroyed after the body was read: outcome unknown', async () => {
    await api.script(steps.destroy(), steps.created())
    const failure = leftOf(await clientFor(api).client.createCallV1(requestV1)())
    expect(failure).toEqual({
      kind: 'outcome-unknown',
      reason: 'connection-lost',
      attempts: 1,
      code: 'UND_ERR_SOCKET',
      detail: 'fetch failed: other side closed'
    })
    expect(api.posts).toHaveLength(1)
  })

  it('a response that never comes: outcome unknown after the timeout', async () => {
    await api.script(steps.hang(), steps.created())
    const started = Date.now()
    const failure = leftOf(
      await clientFor(api, { timeoutMs: 300 }).client.createCallV1(requestV1)()
    )
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(failure).toEqual({
      kind: 'outcome-unknown',
      reason: 'timeout',
      attempts: 1,
      timeoutMs: 300,
      detail: 'no complete answer within 300 ms'
    })
    expect(api.posts).toHaveLength(1)
  })

  it('a 201 whose body is cut off: outcome unknown, with the status', async () => {
    await api.script({ type: 'cut-body', status: 201 })
    const failure = leftOf(await clientFor(api).client.createCallV1(requestV1)())
    expect(failure).toMatchObject({
      kind: 'outcome-unknown',
      reason: 'connection-lost',
      status: 201,
      attempts: 1
    })
    expect(api.posts).toHaveLength(1)
  })

  it('a 201 with malformed JSON: unexpected response, the call probably exists', async () => {
    await api.script(steps.malformed(), steps.created())
    const failure = leftOf(await clientFor(api).client.createCallV1(requestV1)())
    expect(failure).toMatchObject({
      kind: 'unexpected-response',
      status: 201,
      attempts: 1,
      callMayExist: true,
      body: '{"uuid":"63f61863-4a51'
    })
    expect(failure.kind === 'unexpected-response' && failure.errors[0]).toMatch(
      /^the body is not JSON \(/
    )
    expect(api.posts).toHaveLength(1)
  })

  it('a 201 of the wrong shape: unexpected response naming each field', async () => {
    await api.script(steps.created({ ...exampleCall, direction: 'sideways', uuid: undefined }))
    const failure = leftOf(await clientFor(api).client.createCallV1(requestV1)())
    expect(failure).toMatchObject({ kind: 'unexpected-response', status: 201, callMayExist: true })
    // The messages are the validator's; here only where they point matters.
    const paths =
      failure.kind === 'unexpected-response' ? failure.errors.map((e) => e.split(':')[0]) : []
    expect(paths.sort()).toEqual(['/direction', '/uuid'])
  })

  it('a redirect is not followed (the POST is not sent again elsewhere)', async () => {
    await api.script(
      { type: 'respond', status: 307, headers: { location: `${api.url}/v1/calls` } },
      steps.created()
    )
    const failure = leftOf(await clientFor(api).client.createCallV1(requestV1)())
    expect(failure).toMatchObject({ kind: 'unexpected-response', status: 307, callMayExist: false })
    expect(api.posts).toHaveLength(1)
  })
})

describe('connection refused: nothing was sent, so it is retried', () => {
  it('refused, then answered', async () => {
    await api.script(steps.refuse(), steps.created())
    const { client, sleeps } = clientFor(api)
    const result = await client.createCallV1(requestV1)()
    expect(rightOf(result)).toMatchObject({ status: 201, attempts: 2 })
    expect(sleeps).toEqual([250])
    expect(api.posts).toHaveLength(1)
  })

  it('refused on every attempt: a network failure, with backoff between attempts', async () => {
    await api.script(steps.refuse(), steps.refuse(), steps.refuse())
    const { client, sleeps } = clientFor(api)
    const failure = leftOf(await client.createCallV1(requestV1)())
    expect(failure).toMatchObject({ kind: 'network', attempts: 3, code: 'ECONNREFUSED' })
    expect(failure.kind === 'network' && failure.detail).toMatch(
      /^fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/
    )
    expect(sleeps).toEqual([250, 500])
    expect(api.posts).toHaveLength(0)
  })
})

describe('the token function', () => {
  const withToken = (token: () => unknown) =>
    rightOf(
      createClient({
        token: token as () => string,
        baseUrl: api.url,
        limiter: false
      })
    )

  it('throwing: a local failure, nothing sent', async () => {
    await api.script(steps.created())
    const failure = leftOf(
      await withToken(() => {
        throw new Error('vault sealed')
      }).createCallV1(requestV1)()
    )
    expect(failure).toEqual({
      kind: 'local-failure',
      source: 'token',
      attempts: 0,
      detail: 'vault sealed'
    })
    expect(api.posts).toHaveLength(0)
  })

  it('returning something a header cannot carry: a local failure, nothing sent', async () => {
    await api.script(steps.created())
    const spaced = leftOf(await withToken(() => 'two words').createCallV1(requestV1)())
    const missing = leftOf(await withToken(() => undefined).createCallV1(requestV1)())
    expect([spaced.kind, missing.kind]).toEqual(['local-failure', 'local-failure'])
    expect(missing.kind === 'local-failure' && missing.detail).toBe(
      'the token function returned undefined, not a string'
    )
    expect(api.posts).toHaveLength(0)
  })
})

describe('prepareCall (what --dry-run prints)', () => {
  it('is the request as it would be sent, token redacted', () => {
    const prepared = rightOf(
      prepareCall('v2', requestV2, { ringingTimer: 20 }, { baseUrl: 'https://api-eu.vonage.com/' })
    )
    expect(prepared).toEqual({
      api: 'v2',
      method: 'POST',
      url: 'https://api-eu.vonage.com/v2/calls',
      headers: {
        authorization: 'Bearer [redacted]',
        'content-type': 'application/json',
        accept: 'application/json'
      },
      request: { ...requestV2, ringing_timer: 20 },
      body: JSON.stringify({ ...requestV2, ringing_timer: 20 }),
      warnings: []
    })
  })
})

describe('for code without fp-ts: Promises and thrown errors', () => {
  it('createCallV1OrThrow / createCallV2OrThrow / createCallOrThrow resolve to the result', async () => {
    await api.script(steps.created(), steps.accepted(), steps.created())
    const { client } = clientFor(api)
    expect(await client.createCallV1OrThrow(requestV1, { ringingTimer: 30 })).toEqual({
      status: 201,
      call: exampleCall,
      attempts: 1,
      warnings: []
    })
    expect(await client.createCallV2OrThrow(requestV2)).toEqual({
      status: 202,
      call: {},
      attempts: 1,
      warnings: []
    })
    expect((await client.createCallOrThrow('v1', requestV1)).call).toEqual(exampleCall)
    expect(api.posts.map((p) => [p.path, p.body])).toEqual([
      ['/v1/calls', { ...requestV1, ringing_timer: 30 }],
      ['/v2/calls', requestV2],
      ['/v1/calls', requestV1]
    ])
    expectValidJwts()
  })

  it('reject with a CreateCallError carrying the failure the TaskEither returns', async () => {
    await api.script(steps.unauthorized(), steps.unauthorized())
    const { client } = clientFor(api)
    const returned = leftOf(await client.createCallV1(requestV1)())
    const thrown: unknown = await client.createCallV1OrThrow(requestV1).then(
      () => undefined,
      (error: unknown) => error
    )
    expect(thrown).toBeInstanceOf(CreateCallError)
    const error = thrown as CreateCallError
    expect(error.name).toBe('CreateCallError')
    expect(error.failure).toEqual(returned)
    expect(error.message).toBe(describeFailure(returned))
    expect(api.posts).toHaveLength(2)
  })

  it('an invalid request rejects before anything is sent', async () => {
    const { client } = clientFor(api)
    const error = await client
      .createCallOrThrow('v2', { ...requestV2, length_timer: 9000 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CreateCallError)
    expect((error as CreateCallError).failure.kind).toBe('invalid-request')
    expect(api.posts).toHaveLength(0)
  })

  it('createClientOrThrow throws a ClientConfigError with every problem', () => {
    const attempt = (make: typeof createClientOrThrow) => {
      try {
        make({ applicationId: '', privateKey: 'private.key', timeoutMs: 0 })
      } catch (error) {
        return error
      }
      return undefined
    }
    const root = attempt(createClientOrThrow)
    expect(root).toBeInstanceOf(ClientConfigError)
    expect((root as ClientConfigError).problems.map((p) => p.option)).toEqual([
      'timeoutMs',
      'applicationId',
      'privateKey'
    ])
    expect((root as ClientConfigError).message).toBe(
      [
        'The client options are not valid:',
        '  timeoutMs must be an integer from 1 to 2147483647, got 0.',
        '  applicationId is required (the Vonage application id), unless token is given.',
        '  privateKey must be PEM text, got what looks like a file path ("private.key"); to read a key file, use createClient from "ncco-kit/node", or pass the file\'s text.'
      ].join('\n')
    )
    const node = attempt(createNodeClientOrThrow) as ClientConfigError
    expect(node.problems[2]?.message).toMatch(
      /^Cannot read the private key file "private.key" \(ENOENT\)/
    )
    expect(rightOf(createClient({ applicationId, privateKey: keys.pkcs8 }))).toBeDefined()
  })
})
