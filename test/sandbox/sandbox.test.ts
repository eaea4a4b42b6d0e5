import { createPrivateKey, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { SignJWT, UnsecuredJWT } from 'jose'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, startSandboxTask, type Sandbox } from '../../src/node/sandbox.js'
import { describeFailure, httpFailure } from '../../src/sender/failure.js'
import { ProblemDetails } from '../../src/sender/problem.js'
import { applicationId, keys } from '../sender/keys.js'
import {
  authorization,
  clientFor,
  outboundCallSummary,
  requestFor,
  send,
  startTestApp,
  type TestApp
} from './helpers.js'

let app: TestApp
let sandbox: Sandbox

const start = async (
  options: Partial<Parameters<typeof startSandbox>[0]> = {},
  ncco?: unknown
): Promise<void> => {
  app = await startTestApp(ncco)
  sandbox = await startSandbox({ publicKey: keys.publicPem, ...options } as Parameters<
    typeof startSandbox
  >[0])
}

afterEach(async () => {
  await sandbox?.close()
  await app?.close()
})

/** The application's private key, for tokens the sender would never make. */
const privateKey = createPrivateKey(keys.pkcs8)

const rightOf = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected Right, got ${JSON.stringify(result.left)}`)
  return result.right
}

const leftOf = <L>(result: E.Either<L, unknown>): L => {
  if (E.isRight(result)) throw new Error(`expected Left, got ${JSON.stringify(result.right)}`)
  return result.left
}

describe('POST /v1/calls', () => {
  beforeEach(() => start())

  it('answers 201 with the call, then plays it through the app in outbound order', async () => {
    const created = rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
    expect(created.status).toBe(201)
    const [call] = sandbox.calls()
    expect(created.call).toEqual({
      uuid: call?.uuid,
      status: 'started',
      direction: 'outbound',
      conversation_uuid: call?.conversationUuid
    })
    expect(call?.uuid).toMatch(/^[0-9a-f]{32}$/)
    expect(call?.conversationUuid).toMatch(
      /^CON-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    )
    expect(call?.applicationId).toBe(applicationId)
    expect(call?.request).toEqual(requestFor(app))
    const transcript = await call!.transcript
    expect(call?.result()).toBe(transcript)
    expect(call?.status()).toBe('completed')
    expect(transcript.ok).toBe(true)
    expect(transcript.call).toMatchObject({
      uuid: call?.uuid,
      conversation_uuid: call?.conversationUuid,
      from: '447700900000',
      to: '447700900001',
      direction: 'outbound'
    })
    expect(app.summary()).toEqual(outboundCallSummary)
    // The answer webhook carries the call's identifiers, as the app would read them.
    expect(app.received[3]?.query).toMatchObject({
      uuid: call?.uuid,
      conversation_uuid: call?.conversationUuid,
      from: '447700900000',
      to: '447700900001'
    })
    expect(app.received.every((r) => !r.signed)).toBe(true)
  })

  it('plays an inline ncco, with the methods the request asks for', async () => {
    const { answer_url: _answerUrl, ...rest } = requestFor(app)
    const request = { ...rest, ncco: [{ action: 'talk', text: 'Inline.' }], event_method: 'GET' }
    rightOf(await clientFor(sandbox.url).createCall('v1', request)())
    const transcript = await sandbox.calls()[0]!.transcript
    expect(transcript.steps.flatMap((s) => (s.type === 'talk' ? [s.text] : []))).toEqual([
      'Inline.'
    ])
    expect(app.summary()).toEqual([
      'GET /event started',
      'GET /event ringing',
      'GET /event answered',
      'GET /event completed'
    ])
  })

  it('answers with POST when answer_method says so, and calls random_from_number from a reserved number', async () => {
    const { from: _from, ...request } = requestFor(app, { answer_method: 'POST' })
    rightOf(
      await clientFor(sandbox.url).createCall('v1', { ...request, random_from_number: true })()
    )
    const transcript = await sandbox.calls()[0]!.transcript
    expect(transcript.call.from).toBe('447700900000')
    expect(app.summary()[3]).toBe('POST /answer')
  })

  it('honours ringing_timer: an unanswered call rings that long', async () => {
    await sandbox.close()
    sandbox = await startSandbox({ publicKey: keys.publicPem, script: { answer: 'unanswered' } })
    rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app), { ringingTimer: 20 })())
    const transcript = await sandbox.calls()[0]!.transcript
    expect(transcript.outcome).toMatchObject({ answered: false, reason: 'not-answered' })
    expect(transcript.outcome.endTime).toBe(20)
    expect(app.summary()).toEqual([
      'POST /event started',
      'POST /event ringing',
      'POST /event unanswered',
      'POST /event completed'
    ])
  })

  it('honours machine_detection and length_timer', async () => {
    await sandbox.close()
    sandbox = await startSandbox({ publicKey: keys.publicPem, script: { answer: 'machine' } })
    const client = clientFor(sandbox.url)
    rightOf(await client.createCall('v1', requestFor(app), { machineDetection: 'hangup' })())
    const machine = await sandbox.calls()[0]!.transcript
    expect(machine.outcome.reason).toBe('machine-detected')
    await sandbox.close()
    sandbox = await startSandbox({ publicKey: keys.publicPem })
    const { answer_url: _answerUrl, ...rest } = requestFor(app)
    const forever = { ...rest, ncco: [{ action: 'talk', text: 'Hold.', loop: 0 }] }
    rightOf(await clientFor(sandbox.url).createCall('v1', forever, { lengthTimer: 5 })())
    const timed = await sandbox.calls()[0]!.transcript
    expect(timed.outcome).toMatchObject({ reason: 'length-timer', disconnectedBy: 'platform' })
  })

  it('signs every webhook when given a secret', async () => {
    await sandbox.close()
    sandbox = await startSandbox({ publicKey: keys.publicPem, signatureSecret: 'sandbox-secret' })
    rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
    const transcript = await sandbox.calls()[0]!.transcript
    expect(transcript.requests.map((r) => r.signed)).toEqual([true, true, true, true, true])
    expect(app.received.map((r) => r.signed)).toEqual([true, true, true, true, true])
  })

  it('is deterministic with a seed', async () => {
    await sandbox.close()
    const ids = async (): Promise<ReadonlyArray<string>> => {
      const seeded = await startSandbox({ noAuth: true, seed: 7 })
      try {
        const client = clientFor(seeded.url)
        rightOf(await client.createCall('v1', requestFor(app))())
        rightOf(await client.createCall('v1', requestFor(app))())
        await Promise.all(seeded.calls().map((c) => c.transcript))
        return seeded.calls().flatMap((c) => [c.uuid, c.conversationUuid])
      } finally {
        await seeded.close()
      }
    }
    const first = await ids()
    expect(await ids()).toEqual(first)
    expect(new Set(first).size).toBe(4)
  })
})

describe('POST /v2/calls', () => {
  beforeEach(() => start())

  it('answers 202 {} and sends the call-placed webhook first', async () => {
    const accepted = rightOf(await clientFor(sandbox.url).createCall('v2', requestFor(app))())
    expect(accepted).toEqual({ status: 202, call: {}, attempts: 1, warnings: [] })
    const [call] = sandbox.calls()
    expect(call?.api).toBe('v2')
    const transcript = await call!.transcript
    expect(transcript.requests.map((r) => r.kind)).toEqual([
      'call-placed',
      'ringing',
      'answered',
      'answer',
      'completed'
    ])
    expect(app.received[0]?.body).toMatchObject({
      uuid: call?.uuid,
      conversation_uuid: call?.conversationUuid,
      status: 'started'
    })
  })
})

describe('400: a request that is not a valid create-call request', () => {
  beforeEach(() => start())

  it('lists every finding in invalid_parameters, which the sender reports', async () => {
    const answer = await send(`${sandbox.url}/v1/calls`, {
      body: JSON.stringify({
        to: [{ type: 'phone', number: '+44 7700' }],
        random_from_number: true,
        ncco: [{ action: 'talk' }]
      })
    })
    expect(answer.status).toBe(400)
    expect(answer.headers.get('content-type')).toBe('application/problem+json')
    const traceId = answer.headers.get('x-nexmo-trace-id')
    expect(traceId).toMatch(/^[0-9a-f]{32}$/)
    expect(answer.json).toEqual({
      type: 'https://developer.nexmo.com/api-errors#bad-request',
      title: 'Bad Request',
      detail: 'The request failed validation: 2 errors.',
      instance: traceId,
      invalid_parameters: [
        {
          name: '/to/0/number',
          reason: expect.stringContaining('"+44 7700"') as unknown,
          code: 'invalid-phone-number'
        },
        {
          name: '/ncco/0/text',
          reason: 'The talk action requires "text", which is missing.',
          code: 'missing-required'
        }
      ]
    })
    const problem = rightOf(ProblemDetails.decode(answer.json))
    const message = describeFailure(
      httpFailure({ status: 400, attempts: 1, problem, traceId: traceId ?? '' })
    )
    expect(message).toContain(
      'Vonage said: Bad Request: The request failed validation: 2 errors. (invalid parameters: /to/0/number: '
    )
    expect(message).toContain('/ncco/0/text: The talk action requires "text", which is missing.)')
    expect(sandbox.calls()).toEqual([])
  })

  it('a body that is not JSON, is empty, has a duplicate key, or is not UTF-8', async () => {
    const post = (body: string) => send(`${sandbox.url}/v1/calls`, { body })
    const broken = await post('{"to": [')
    expect(broken.status).toBe(400)
    expect(broken.json).toMatchObject({
      detail: expect.stringMatching(/^The body is not JSON: .* at line 1, column 9\.$/) as unknown
    })
    expect((await post('')).json).toMatchObject({ detail: 'The body is empty; expected JSON.' })
    const duplicate = await post('{"to": [], "to": []}')
    expect(duplicate.json).toMatchObject({
      detail: 'The body has a duplicate key; which value counts would be a guess.',
      invalid_parameters: [{ name: '/to', code: 'duplicate-key' }]
    })
    const latin1 = await fetch(`${sandbox.url}/v1/calls`, {
      method: 'POST',
      headers: { authorization: await authorization(), 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0xe9, 0x7d])
    })
    expect(latin1.status).toBe(400)
    expect(await latin1.json()).toMatchObject({
      detail: 'The body is not UTF-8 text; expected JSON.'
    })
  })

  it('v2 is validated as v2: no random_from_number', async () => {
    const { from: _from, ...request } = requestFor(app)
    const answer = await send(`${sandbox.url}/v2/calls`, {
      body: JSON.stringify({ ...request, random_from_number: true })
    })
    expect(answer.status).toBe(400)
    expect(
      (answer.json as { invalid_parameters: ReadonlyArray<{ name: string; code: string }> })
        .invalid_parameters
    ).toEqual([
      expect.objectContaining({ name: '/random_from_number', code: 'unknown-key' }),
      expect.objectContaining({ name: '/from', code: 'missing-required' })
    ])
  })

  it('413 for a body over the limit', async () => {
    await sandbox.close()
    sandbox = await startSandbox({ noAuth: true, maxBodyBytes: 1_024 })
    const answer = await send(`${sandbox.url}/v1/calls`, {
      body: JSON.stringify({ ...requestFor(app), padding: 'x'.repeat(2_000) })
    })
    expect(answer.status).toBe(413)
    expect(answer.json).toMatchObject({
      title: 'Payload Too Large',
      detail: "The body is over the sandbox's limit of 1024 bytes."
    })
  })
})

describe('401: a token the Voice API would refuse', () => {
  beforeEach(() => start())

  const refused = async (auth: string | null): Promise<string> => {
    const answer = await send(`${sandbox.url}/v1/calls`, {
      body: JSON.stringify(requestFor(app)),
      auth
    })
    expect(answer.status).toBe(401)
    expect(answer.json).toMatchObject({
      type: 'https://developer.nexmo.com/api-errors#unauthorized',
      title: 'Unauthorized'
    })
    return (answer.json as { detail: string }).detail
  }

  const now = (): number => Math.floor(Date.now() / 1000)

  it('a token signed with another key: the sender reports it as unauthorized', async () => {
    const failure = leftOf(
      await clientFor(sandbox.url, keys.strangerPkcs8).createCall('v1', requestFor(app))()
    )
    expect(failure.kind).toBe('unauthorized')
    expect(describeFailure(failure)).toContain(
      "Vonage said: Unauthorized: You did not provide correct credentials: the token's signature does not match the application's public key."
    )
    expect(sandbox.calls()).toEqual([])
    expect(app.received).toEqual([])
  })

  it('alg none, no header, another scheme, not a JWT', async () => {
    const unsecured = new UnsecuredJWT({ application_id: applicationId })
      .setIssuedAt()
      .setJti(randomUUID())
      .encode()
    expect(await refused(`Bearer ${unsecured}`)).toBe(
      'You did not provide correct credentials: the token is not signed with RS256 (the algorithm is pinned).'
    )
    expect(await refused(null)).toBe(
      'You did not provide correct credentials: the request has no Authorization header.'
    )
    expect(await refused('Basic YWJjOmRlZg==')).toBe(
      'You did not provide correct credentials: the Authorization header is not "Bearer <JWT>".'
    )
    expect(await refused('Bearer abc')).toBe(
      'You did not provide correct credentials: the bearer token is not a JWT.'
    )
  })

  it('an HS256 token made with the public key as its secret (algorithm confusion)', async () => {
    const token = await new SignJWT({ application_id: applicationId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setJti(randomUUID())
      .sign(new TextEncoder().encode(keys.publicPem))
    expect(await refused(`Bearer ${token}`)).toBe(
      'You did not provide correct credentials: the token is not signed with RS256 (the algorithm is pinned).'
    )
  })

  const signed = (claims: Record<string, unknown>, times: { iat?: number; exp?: number }) => {
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat)
    if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp)
    return jwt.sign(privateKey)
  }

  it('expired, issued in the future, a lifetime Vonage refuses, claims missing', async () => {
    const base = { application_id: applicationId }
    const t = now()
    const cases: ReadonlyArray<
      readonly [Record<string, unknown>, { iat?: number; exp?: number }, string]
    > = [
      [{ ...base, jti: randomUUID() }, { iat: t - 600, exp: t - 300 }, 'the token has expired'],
      [
        { ...base, jti: randomUUID() },
        { iat: t - 3_600 },
        'the token has expired (no "exp": 15 minutes after "iat")'
      ],
      [
        { ...base, jti: randomUUID() },
        { iat: t + 600, exp: t + 900 },
        'the token is issued in the future'
      ],
      [
        { ...base, jti: randomUUID() },
        { iat: t, exp: t + 10 },
        'the token lives 10 s ("exp" - "iat"); Vonage accepts 30 s to 24 h'
      ],
      [
        { ...base, jti: randomUUID() },
        { iat: t, exp: t + 90_000 },
        'the token lives 90000 s ("exp" - "iat"); Vonage accepts 30 s to 24 h'
      ],
      [{ ...base }, { iat: t, exp: t + 300 }, 'the token has no "jti" claim'],
      [{ jti: randomUUID() }, { iat: t, exp: t + 300 }, 'the token has no "application_id" claim'],
      [{ ...base, jti: randomUUID() }, { exp: t + 300 }, 'the token has no numeric "iat" claim']
    ]
    for (const [claims, times, reason] of cases) {
      expect(await refused(`Bearer ${await signed(claims, times)}`)).toBe(
        `You did not provide correct credentials: ${reason}.`
      )
    }
    expect(sandbox.calls()).toEqual([])
  })

  it('a token used twice (the same jti)', async () => {
    const auth = await authorization()
    const body = JSON.stringify(requestFor(app))
    expect((await send(`${sandbox.url}/v1/calls`, { body, auth })).status).toBe(201)
    expect(await refused(auth)).toBe(
      'You did not provide correct credentials: the token was used before (its "jti" is not new).'
    )
  })

  it("a token for another application, when the sandbox knows the application's id", async () => {
    await sandbox.close()
    sandbox = await startSandbox({ publicKey: keys.publicKey, applicationId: randomUUID() })
    expect(await refused(await authorization())).toBe(
      "You did not provide correct credentials: the token's application_id is not the sandbox's application."
    )
  })

  it('GET and PUT need the token too', async () => {
    for (const method of ['GET', 'PUT']) {
      const answer = await send(`${sandbox.url}/v1/calls/abc`, {
        method,
        body: method === 'PUT' ? '{"action":"hangup"}' : undefined,
        auth: null
      } as Parameters<typeof send>[1])
      expect(answer.status).toBe(401)
    }
  })
})

describe('429: over the limits', () => {
  // Requests sent together arrive within the same second, however slow the machine.
  it('more than cps new calls in one second: 429 with Retry-After', async () => {
    await start({ cps: 1 })
    const body = JSON.stringify(requestFor(app))
    const answers = await Promise.all([
      send(`${sandbox.url}/v1/calls`, { body }),
      send(`${sandbox.url}/v1/calls`, { body })
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 429])
    const limited = answers.find((a) => a.status === 429)!
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(limited.json).toMatchObject({
      type: 'https://developer.nexmo.com/api-errors#rate-limit',
      title: 'Rate Limit Hit',
      detail: 'Please wait, then retry your request: the sandbox accepts 1 new call per second.'
    })
    expect(sandbox.calls()).toHaveLength(1)
  })

  it('the sender reports the 429 without retries, and with them waits and is accepted', async () => {
    await start({ cps: 1 })
    const once = clientFor(sandbox.url)
    const results = await Promise.all([
      once.createCall('v1', requestFor(app))(),
      once.createCall('v1', requestFor(app))()
    ])
    const failures = results.filter(E.isLeft).map((r) => r.left)
    expect(failures).toMatchObject([{ kind: 'rate-limited', status: 429, retryAfterMs: 1_000 }])
    await sandbox.close()
    sandbox = await startSandbox({ publicKey: keys.publicPem, cps: 1 })
    const patient = clientFor(sandbox.url, keys.pkcs8, true)
    const created = await Promise.all([
      patient.createCall('v1', requestFor(app))(),
      patient.createCall('v1', requestFor(app))()
    ])
    expect(created.map((r) => rightOf(r).attempts).sort()).toEqual([1, 2])
    expect(sandbox.calls()).toHaveLength(2)
  })

  it('more calls running than maxConcurrentCalls: 429', async () => {
    await start({ maxConcurrentCalls: 1, cps: 10 })
    app.holdAnswer()
    const client = clientFor(sandbox.url)
    rightOf(await client.createCall('v1', requestFor(app))())
    await app.answered
    const answer = await send(`${sandbox.url}/v1/calls`, { body: JSON.stringify(requestFor(app)) })
    expect(answer.status).toBe(429)
    expect(answer.json).toMatchObject({
      detail: 'Please wait, then retry your request: the sandbox is running 1 call, its limit.'
    })
    app.release()
    await sandbox.calls()[0]!.transcript
    rightOf(await client.createCall('v1', requestFor(app))())
  })
})

describe('GET and PUT /v1/calls/{uuid}', () => {
  beforeEach(() => start())

  it("GET: the call's state, while it runs and when it has ended", async () => {
    app.holdAnswer()
    const created = rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
    const uuid = created.call.uuid
    await app.answered
    const running = await send(`${sandbox.url}/v1/calls/${uuid}`, { method: 'GET' })
    expect(running.status).toBe(200)
    expect(running.json).toEqual({
      _links: { self: { href: `${sandbox.url}/v1/calls/${uuid}` } },
      uuid,
      conversation_uuid: created.call.conversation_uuid,
      to: { type: 'phone', number: '447700900001' },
      from: { type: 'phone', number: '447700900000' },
      status: 'answered',
      direction: 'outbound',
      start_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) as unknown
    })
    app.release()
    await sandbox.calls()[0]!.transcript
    const ended = await send(`${sandbox.url}/v1/calls/${uuid}`, { method: 'GET' })
    expect(ended.json).toMatchObject({
      status: 'completed',
      duration: '2',
      end_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) as unknown
    })
    const unknown = await send(`${sandbox.url}/v1/calls/nope`, { method: 'GET' })
    expect(unknown.status).toBe(404)
    expect(unknown.json).toMatchObject({ detail: 'There is no call with the uuid "nope".' })
  })

  it('PUT hangup: 204, and the call ends', async () => {
    app.holdAnswer()
    const { call } = rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
    await app.answered
    const answer = await send(`${sandbox.url}/v1/calls/${call.uuid}`, {
      method: 'PUT',
      body: '{"action":"hangup"}'
    })
    expect(answer.status).toBe(204)
    expect(answer.text).toBe('')
    app.release()
    const transcript = await sandbox.calls()[0]!.transcript
    expect(transcript.outcome.reason).toBe('hung-up-by-api')
    expect(transcript.steps.some((s) => s.type === 'talk')).toBe(false)
    const again = await send(`${sandbox.url}/v1/calls/${call.uuid}`, {
      method: 'PUT',
      body: '{"action":"hangup"}'
    })
    expect(again.status).toBe(400)
    expect(again.json).toMatchObject({
      detail: 'The call has ended; it can no longer be modified.'
    })
  })

  it('PUT transfer to an inline NCCO: 204, and the NCCO replaces the flow', async () => {
    app.holdAnswer()
    const { call } = rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
    await app.answered
    const answer = await send(`${sandbox.url}/v1/calls/${call.uuid}`, {
      method: 'PUT',
      body: JSON.stringify({
        action: 'transfer',
        destination: { type: 'ncco', ncco: [{ action: 'talk', text: 'Transferred.' }] }
      })
    })
    expect(answer.status).toBe(204)
    app.release()
    const transcript = await sandbox.calls()[0]!.transcript
    expect(transcript.steps.flatMap((s) => (s.type === 'talk' ? [s.text] : []))).toEqual([
      'Transferred.'
    ])
  })

  it('PUT with a bad body: 400 with invalid_parameters; an unknown uuid: 404', async () => {
    app.holdAnswer()
    const { call } = rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
    await app.answered
    const put = (body: string, uuid = call.uuid) =>
      send(`${sandbox.url}/v1/calls/${uuid}`, { method: 'PUT', body })
    const params = async (body: string): Promise<unknown> => {
      const answer = await put(body)
      expect(answer.status).toBe(400)
      return (answer.json as { invalid_parameters?: unknown }).invalid_parameters
    }
    expect(await params('[]')).toEqual([
      { name: '(root)', reason: 'Expected an object, got an array.', code: 'invalid-type' }
    ])
    expect(await params('{}')).toEqual([
      expect.objectContaining({ name: '/action', code: 'missing-required' })
    ])
    expect(await params('{"action":"explode"}')).toEqual([
      expect.objectContaining({ name: '/action', code: 'invalid-enum' })
    ])
    expect(await params('{"action":"hangup","now":true}')).toEqual([
      expect.objectContaining({ name: '/now', code: 'unknown-key' })
    ])
    expect(
      await params('{"action":"transfer","destination":{"type":"ncco","ncco":[{"action":"talk"}]}}')
    ).toEqual([
      {
        name: '/destination/ncco/0/text',
        reason: 'The talk action requires "text", which is missing.',
        code: 'missing-required'
      }
    ])
    const byUrl = await put(
      '{"action":"transfer","destination":{"type":"ncco","url":["https://example.com/ncco"]}}'
    )
    expect(byUrl.json).toMatchObject({
      detail:
        'The sandbox transfers to an inline NCCO only: give destination.ncco instead of destination.url.'
    })
    expect((await put('{"action":"hangup"}', 'nope')).status).toBe(404)
    app.release()
    const transcript = await sandbox.calls()[0]!.transcript
    expect(transcript.outcome.reason).toBe('ncco-ended')
  })
})

describe('other requests, and malformed input', () => {
  beforeEach(() => start())

  it('404 for another path, 405 for another method', async () => {
    const unknown = await send(`${sandbox.url}/v1/conversations`, { method: 'GET' })
    expect(unknown.status).toBe(404)
    expect(unknown.json).toMatchObject({
      title: 'Not Found',
      detail:
        'The sandbox serves POST /v1/calls, POST /v2/calls, GET and PUT /v1/calls/{uuid}; not GET /v1/conversations.'
    })
    const list = await send(`${sandbox.url}/v1/calls`, { method: 'GET' })
    expect(list.status).toBe(405)
    expect(list.headers.get('allow')).toBe('POST')
    const remove = await send(`${sandbox.url}/v1/calls/abc`, { method: 'DELETE' })
    expect(remove.status).toBe(405)
    expect(remove.headers.get('allow')).toBe('GET, PUT')
  })

  it('no body makes it crash or accept a call (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 })),
        fc.constantFrom('/v1/calls', '/v2/calls', '/v1/calls/x'),
        async (body, path) => {
          const answer = await send(`${sandbox.url}${path}`, {
            method: path === '/v1/calls/x' ? 'PUT' : 'POST',
            body
          })
          return [400, 404].includes(answer.status)
        }
      ),
      { numRuns: 60 }
    )
    expect(sandbox.calls()).toEqual([])
    // still serving
    rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
  })

  it('415 for a body that is not sent as JSON: a web page cannot post without a preflight', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await fetch(`${sandbox.url}/v1/calls`, {
        method: 'POST',
        headers: { authorization: await authorization(), 'content-type': type },
        body: JSON.stringify(requestFor(app))
      })
      expect(answer.status).toBe(415)
      expect(await answer.json()).toMatchObject({
        title: 'Unsupported Media Type',
        detail: `The body must be JSON, sent with "content-type: application/json", not "${type}".`
      })
    }
    expect(sandbox.calls()).toEqual([])
  })

  it('403 for a request addressed to another host (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = (host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const req = request(`${sandbox.url}/v1/calls/abc`, { method: 'GET', headers: { host } })
        req.on('response', (res) => {
          res.resume()
          resolve(res.statusCode)
        })
        req.on('error', reject)
        req.end()
      })
    expect(await status('evil.example')).toBe(403)
    expect(await status(`evil.example:${sandbox.port}`)).toBe(403)
    expect(await status(`localhost:${sandbox.port}`)).toBe(401)
  })

  it('a deeply nested body is a 400, not a stack overflow', async () => {
    const answer = await send(`${sandbox.url}/v1/calls`, { body: '['.repeat(50_000) })
    expect(answer.status).toBe(400)
  })

  it('a client that goes away mid-body does not stop the sandbox', async () => {
    const { request } = await import('node:http')
    await new Promise<void>((resolve) => {
      const req = request(`${sandbox.url}/v1/calls`, {
        method: 'POST',
        headers: { 'content-length': '1000', authorization: 'Bearer x.y.z' }
      })
      req.on('error', () => resolve())
      req.write('{"to":')
      setTimeout(() => {
        req.destroy()
        resolve()
      }, 50)
    })
    rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
  })
})

describe('close()', () => {
  it('hangs up running calls, resolves their transcripts and stops listening', async () => {
    await start()
    app.holdAnswer()
    rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
    await app.answered
    const closing = sandbox.close()
    app.release()
    await closing
    const [call] = sandbox.calls()
    expect(call?.result()?.outcome.reason).toBe('hung-up-by-api')
    await expect(fetch(`${sandbox.url}/v1/calls`, { method: 'POST' })).rejects.toThrow()
    expect(sandbox.close()).toBe(closing)
  })
})

describe('starting', () => {
  it('refuses to start without a public key or noAuth, and reports every bad option', async () => {
    const failure = leftOf(
      await startSandboxTask({ cps: 0, port: 70_000 } as unknown as Parameters<
        typeof startSandbox
      >[0])()
    )
    expect(failure).toEqual({
      kind: 'invalid-options',
      problems: [
        { option: 'port', message: 'port must be an integer from 0 to 65535, got 70000.' },
        {
          option: 'publicKey',
          message:
            "The sandbox checks every request's token with the application's public key: give publicKey, or noAuth: true to accept requests without a token."
        },
        { option: 'cps', message: 'cps must be an integer from 1 to 1000, got 0.' }
      ]
    })
    await expect(startSandbox({} as Parameters<typeof startSandbox>[0])).rejects.toThrow(
      "The sandbox checks every request's token with the application's public key"
    )
  })

  it('refuses simulator options its calls could not use: fetch and timeouts', async () => {
    const failure = leftOf(
      await startSandboxTask({
        noAuth: true,
        fetch: 'http://127.0.0.1',
        timeouts: { answerMs: 0 }
      } as unknown as Parameters<typeof startSandbox>[0])()
    )
    expect(failure).toEqual({
      kind: 'invalid-options',
      problems: [
        {
          option: 'fetch',
          message: 'fetch must be a function: (request: Request) => Promise<Response>.'
        },
        { option: 'timeouts', message: 'timeouts.answerMs must be a positive number, got 0.' }
      ]
    })
  })

  it('a key that is not an RSA public key, and a bad script', async () => {
    const notAKey = leftOf(await startSandboxTask({ publicKey: 'hello' })())
    expect(notAKey).toEqual({
      kind: 'invalid-options',
      problems: [
        {
          option: 'publicKey',
          message: 'publicKey is not a PEM key (expected "-----BEGIN PUBLIC KEY-----").'
        }
      ]
    })
    const badScript = leftOf(
      await startSandboxTask({ noAuth: true, script: { caller: [{ press: '1' }] } as never })()
    )
    expect(badScript).toMatchObject({ kind: 'invalid-options', problems: [{ option: 'script' }] })
  })

  it('a private key works as the public key (its public half is used)', async () => {
    await start({ publicKey: keys.pkcs8 })
    rightOf(await clientFor(sandbox.url).createCall('v1', requestFor(app))())
  })

  it('a port in use', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const failure = leftOf(await startSandboxTask({ noAuth: true, port })())
      expect(failure).toEqual({
        kind: 'listen-failed',
        code: 'EADDRINUSE',
        detail: `port ${port} on 127.0.0.1 is already in use`
      })
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('binds to 127.0.0.1 only', async () => {
    await start()
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`)
  })
})
