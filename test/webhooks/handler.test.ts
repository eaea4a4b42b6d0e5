/**
 * The webhook handler. The cases a Voice API request can hit go over real HTTP (a node:http
 * server on 127.0.0.1, port 0, through `toNodeListener`); the body-limit internals and the
 * property test call the handler with Request objects.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import {
  NccoValidationError,
  formatIssues,
  input,
  ncco,
  talk,
  validateNcco
} from '../../src/index.js'
import type { Issue, Ncco } from '../../src/index.js'
import { toNodeListener } from '../../src/node/listener.js'
import { decodeWebhook } from '../../src/webhooks/decode.js'
import {
  describeWebhookHandlerError,
  webhookHandler,
  type WebhookHandler,
  type WebhookHandlerError,
  type WebhookHandlerOptions,
  type WebhookRoutes
} from '../../src/webhooks/handler.js'
import { signWebhook } from '../../src/webhooks/signature.js'
import { closeServers, listen } from '../node/loopback.js'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const secret = 'handler-test-secret-4f1d9b27c0'
const uuid = '63f61863a4b0d2f1d3e1e2a8b8fa7c7d'
const conversationUuid = 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22'

const answerQuery = new URLSearchParams([
  ['to', '447700900000'],
  ['from', '447700900001'],
  ['uuid', uuid],
  ['conversation_uuid', conversationUuid],
  ['region_url', 'https://api-eu-1.vonage.com']
])

/** An input result as sent, spacing and a non-ASCII character included: the hash is over bytes. */
const inputBody = (digits: string): string =>
  `{"uuid": "${uuid}", "conversation_uuid": "${conversationUuid}", "timestamp": "2024-05-01T10:00:00.000Z", "dtmf": {"digits": "${digits}", "timed_out": false}, "note": "café"}`

const menu = [
  { action: 'talk', text: 'For sales press 1.', bargeIn: true },
  { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } }
] as const satisfies Ncco

const invalidNcco = [{ action: 'talk', text: 'Hello', level: 2 }] as unknown as Ncco

const fallback = [{ action: 'talk', text: 'Sorry, something went wrong. Goodbye.' }] as const

// -------------------------------------------------------------------------------------
// a loopback server per test
// -------------------------------------------------------------------------------------

afterEach(closeServers)

const serve = (handler: WebhookHandler): Promise<string> => listen(toNodeListener(handler))

/** A server for these routes, and the errors reported. */
const app = async (
  routes: WebhookRoutes,
  options: WebhookHandlerOptions = {}
): Promise<{ url: string; errors: WebhookHandlerError[] }> => {
  const errors: WebhookHandlerError[] = []
  const url = await serve(
    webhookHandler(routes, { ...options, onError: (error) => errors.push(error) })
  )
  return { url, errors }
}

const signedGet = async (url: string, path: string, query: URLSearchParams): Promise<Response> =>
  fetch(`${url}${path}?${query}`, {
    headers: { authorization: await signWebhook({ method: 'GET', query }, { secret }) }
  })

const signedPost = async (url: string, path: string, body: string): Promise<Response> =>
  fetch(`${url}${path}`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      authorization: await signWebhook({ method: 'POST', body }, { secret, apiKey: 'abcd1234' })
    }
  })

const post = (url: string, body: string, contentType = 'application/json'): Promise<Response> =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': contentType } })

const replyOf = async (response: Response) => ({
  status: response.status,
  type: response.headers.get('content-type'),
  body: await response.text()
})

// -------------------------------------------------------------------------------------
// over HTTP
// -------------------------------------------------------------------------------------

describe('signatures', () => {
  it('a signed answer GET gets the NCCO, and the function sees the claims', async () => {
    const seen: unknown[] = []
    const { url, errors } = await app(
      {
        answer: (webhook, { claims }) => {
          seen.push({
            from: webhook.from,
            to: webhook.to,
            iss: claims?.iss,
            hash: claims?.payload_hash
          })
          return menu
        }
      },
      { signatureSecret: secret }
    )
    const reply = await replyOf(await signedGet(url, '/answer', answerQuery))
    expect(reply).toEqual({ status: 200, type: 'application/json', body: JSON.stringify(menu) })
    expect(seen).toEqual([
      {
        from: '447700900001',
        to: '447700900000',
        iss: 'Vonage',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/)
      }
    ])
    expect(errors).toEqual([])
  })

  it('an unsigned answer request gets 401 and the function never runs', async () => {
    let calls = 0
    const { url, errors } = await app(
      { answer: () => (calls++, menu) },
      { signatureSecret: secret }
    )
    const reply = await replyOf(await fetch(`${url}/answer?${answerQuery}`))
    expect(reply).toEqual({
      status: 401,
      type: 'application/json',
      body: '{"error":"missing-signature"}'
    })
    expect(calls).toBe(0)
    expect(errors).toEqual([
      {
        kind: 'bad-signature',
        route: 'answer',
        method: 'GET',
        path: '/answer',
        status: 401,
        failure: { code: 'missing-signature', message: expect.any(String) }
      }
    ])
  })

  it('a request signed with another secret, or with its query changed, is refused', async () => {
    let calls = 0
    const { url, errors } = await app(
      { answer: () => (calls++, menu) },
      { signatureSecret: secret }
    )
    const wrongSecret = await fetch(`${url}/answer?${answerQuery}`, {
      headers: {
        authorization: await signWebhook(
          { method: 'GET', query: answerQuery },
          { secret: 'other-secret' }
        )
      }
    })
    expect(wrongSecret.status).toBe(401)
    expect(await wrongSecret.json()).toEqual({ error: 'bad-signature' })
    const authorization = await signWebhook({ method: 'GET', query: answerQuery }, { secret })
    const changed = await fetch(`${url}/answer?${answerQuery}&from=447700900666`, {
      headers: { authorization }
    })
    expect(await changed.json()).toEqual({ error: 'payload-mismatch' })
    expect(calls).toBe(0)
    expect(errors.map((e) => (e.kind === 'bad-signature' ? e.failure.code : e.kind))).toEqual([
      'bad-signature',
      'payload-mismatch'
    ])
  })

  it('a signed POST is verified over the raw bytes (spacing and UTF-8 as sent)', async () => {
    const seen: unknown[] = []
    const { url } = await app(
      { input: (webhook, { claims }) => void seen.push([webhook.dtmf, claims?.api_key]) },
      { signatureSecret: secret }
    )
    const reply = await replyOf(await signedPost(url, '/input', inputBody('1')))
    expect(reply).toEqual({ status: 200, type: null, body: '' })
    expect(seen).toEqual([[{ digits: '1', timed_out: false }, 'abcd1234']])
  })

  it('no response or error report holds the secret or the token', async () => {
    const { url, errors } = await app({ answer: () => menu }, { signatureSecret: secret })
    const authorization = await signWebhook({ method: 'GET', query: answerQuery }, { secret: 'x' })
    const response = await fetch(`${url}/answer?${answerQuery}`, { headers: { authorization } })
    const text = await response.text()
    const reported = JSON.stringify(errors) + errors.map(describeWebhookHandlerError).join('\n')
    for (const leaked of [secret, authorization.slice('Bearer '.length)]) {
      expect(text).not.toContain(leaked)
      expect(reported).not.toContain(leaked)
    }
    expect(errors).toHaveLength(1)
  })
})

describe('the NCCO a function returns', () => {
  it('an invalid NCCO is not sent: 500, and onError gets the exact findings', async () => {
    const { url, errors } = await app({ answer: () => invalidNcco })
    const reply = await replyOf(await fetch(`${url}/answer?${answerQuery}`))
    expect(reply).toEqual({
      status: 500,
      type: 'application/json',
      body: '{"error":"invalid-ncco"}'
    })
    const expected = validateNcco(invalidNcco)
    if (E.isRight(expected)) throw new Error('the fixture should be invalid')
    expect(errors).toEqual([
      {
        kind: 'invalid-ncco',
        route: 'answer',
        method: 'GET',
        path: '/answer',
        status: 500,
        usedFallbackNcco: false,
        webhook: expect.objectContaining({ kind: 'answer', uuid }),
        issues: expected.left
      }
    ])
    expect(describeWebhookHandlerError(errors[0]!)).toMatchInlineSnapshot(`
      "GET /answer (answer): the returned NCCO is invalid and was not sent; answered 500.
      error out-of-range at /0/level: "level" must be between -1 and 1, got 2."
    `)
  })

  it('a throwing function gets 500, and onError gets the error', async () => {
    const boom = new Error('the database is down')
    const { url, errors } = await app({
      answer: () => {
        throw boom
      }
    })
    const reply = await replyOf(await fetch(`${url}/answer?${answerQuery}`))
    expect(reply).toEqual({
      status: 500,
      type: 'application/json',
      body: '{"error":"handler-threw"}'
    })
    expect(errors).toEqual([
      {
        kind: 'handler-threw',
        route: 'answer',
        method: 'GET',
        path: '/answer',
        status: 500,
        usedFallbackNcco: false,
        webhook: expect.objectContaining({ kind: 'answer' }),
        error: boom
      }
    ])
    expect(describeWebhookHandlerError(errors[0]!)).toMatchInlineSnapshot(
      `"GET /answer (answer): the function threw (Error: the database is down); answered 500."`
    )
  })

  it('describeWebhookHandlerError shows any thrown value, even one that fights back, cut short', () => {
    const hostile = new Error('x')
    Object.defineProperty(hostile, 'message', {
      get: () => {
        throw new Error('no message')
      }
    })
    const context = {
      kind: 'handler-threw',
      route: 'input',
      method: 'POST',
      path: '/input',
      status: 500,
      usedFallbackNcco: false,
      webhook: { kind: 'unknown', raw: {} }
    } as const
    const describe = (error: unknown) => describeWebhookHandlerError({ ...context, error })
    expect(describe(hostile)).toBe(
      'POST /input (input): the function threw (a value that cannot be shown); answered 500.'
    )
    expect(
      describe(
        new Proxy(
          {},
          {
            getPrototypeOf: () => {
              throw new Error('no')
            }
          }
        )
      )
    ).toBe('POST /input (input): the function threw (a value that cannot be shown); answered 500.')
    expect(describe(new Error('y'.repeat(1000)))).toBe(
      `POST /input (input): the function threw (Error: ${'y'.repeat(190)}...); answered 500.`
    )
  })

  it('a rejected promise is the same as a throw', async () => {
    const { url, errors } = await app({ answer: async () => Promise.reject(new Error('late')) })
    expect((await fetch(`${url}/answer?${answerQuery}`)).status).toBe(500)
    expect(errors.map((e) => e.kind)).toEqual(['handler-threw'])
  })

  it('fallbackNcco is answered instead of 500, for throws, invalid NCCOs and missing ones', async () => {
    let mode = 'throw'
    const { url, errors } = await app(
      {
        answer: () => {
          if (mode === 'throw') throw new Error('boom')
          return mode === 'invalid' ? invalidNcco : undefined
        }
      },
      { fallbackNcco: ncco(...fallback.map((a) => talk(a.text))) }
    )
    for (mode of ['throw', 'invalid', 'missing']) {
      const reply = await replyOf(await fetch(`${url}/answer?${answerQuery}`))
      expect(reply).toEqual({
        status: 200,
        type: 'application/json',
        body: JSON.stringify(fallback)
      })
    }
    expect(
      errors.map((e) => [e.kind, e.status, 'usedFallbackNcco' in e && e.usedFallbackNcco])
    ).toEqual([
      ['handler-threw', 200, true],
      ['invalid-ncco', 200, true],
      ['missing-ncco', 200, true]
    ])
  })

  it("an input webhook's NCCO is validated: valid → 200 with it, invalid → 500", async () => {
    const { url, errors } = await app({
      input: (webhook) => (webhook.dtmf?.digits === '1' ? menu : invalidNcco)
    })
    const valid = await replyOf(await post(`${url}/input`, inputBody('1')))
    expect(valid).toEqual({ status: 200, type: 'application/json', body: JSON.stringify(menu) })
    const invalid = await replyOf(await post(`${url}/input`, inputBody('2')))
    expect(invalid).toEqual({
      status: 500,
      type: 'application/json',
      body: '{"error":"invalid-ncco"}'
    })
    expect(errors).toEqual([
      expect.objectContaining({
        kind: 'invalid-ncco',
        route: 'input',
        method: 'POST',
        path: '/input',
        webhook: expect.objectContaining({ kind: 'input', dtmf: { digits: '2', timed_out: false } })
      })
    ])
  })

  it('a builder is built and validated; an async function is awaited', async () => {
    const { url } = await app({
      answer: async (webhook) => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        return ncco(
          talk(`Hello ${webhook.from ?? 'caller'}`).bargeIn(true),
          input.dtmf({ maxDigits: 1 })
        )
      },
      fallback: () => ncco(talk('Hi').level(2))
    })
    const reply = await replyOf(await fetch(`${url}/answer?${answerQuery}`))
    expect(JSON.parse(reply.body)).toEqual([
      { action: 'talk', text: 'Hello 447700900001', bargeIn: true },
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } }
    ])
    const fallbackQuery = new URLSearchParams(answerQuery)
    fallbackQuery.set('reason', 'Socket timeout.')
    fallbackQuery.set(
      'original_request',
      JSON.stringify({ url: 'https://x/answer', type: 'answer' })
    )
    expect((await fetch(`${url}/fallback?${fallbackQuery}`)).status).toBe(500)
  })

  it('answer and fallback need an NCCO; event, input and notify may return nothing', async () => {
    const { url, errors } = await app({ answer: () => undefined, event: () => undefined })
    expect((await fetch(`${url}/answer?${answerQuery}`)).status).toBe(500)
    expect(errors.map((e) => e.kind)).toEqual(['missing-ncco'])
    const event = await replyOf(
      await post(
        `${url}/event`,
        JSON.stringify({ uuid, conversation_uuid: conversationUuid, status: 'ringing' })
      )
    )
    expect(event).toEqual({ status: 200, type: null, body: '' })
  })

  it('record and transcription are acknowledged whatever the function returns', async () => {
    const seen: unknown[] = []
    const { url, errors } = await app({
      record: (webhook) => {
        seen.push([webhook.kind, webhook.size])
        return invalidNcco
      },
      transcription: (webhook) => {
        seen.push([webhook.kind, webhook.transcription_url])
        return menu
      }
    })
    const record = JSON.stringify({
      recording_url: 'https://api.nexmo.com/v1/files/aaaa',
      recording_uuid: 'bbbb',
      conversation_uuid: conversationUuid,
      size: '12345'
    })
    const transcription = JSON.stringify({
      conversation_uuid: conversationUuid,
      recording_uuid: 'bbbb',
      status: 'transcribed',
      transcription_url: 'https://api.nexmo.com/v1/files/cccc',
      type: 'record'
    })
    for (const [path, body] of [
      ['/record', record],
      ['/transcription', transcription]
    ] as const) {
      expect(await replyOf(await post(`${url}${path}`, body))).toEqual({
        status: 200,
        type: null,
        body: ''
      })
    }
    expect(seen).toEqual([
      ['record', 12345],
      ['transcription', 'https://api.nexmo.com/v1/files/cccc']
    ])
    expect(errors).toEqual([])
  })
})

describe('requests', () => {
  it('a GET answer webhook is decoded from its query', async () => {
    const seen: unknown[] = []
    const { url } = await app({ answer: (webhook) => (seen.push(webhook), menu) })
    const query = new URLSearchParams(answerQuery)
    query.set('SipHeader_X-Account', '42')
    await fetch(`${url}/answer?${query}`)
    expect(seen).toEqual([
      expect.objectContaining({
        kind: 'answer',
        to: '447700900000',
        from: '447700900001',
        uuid,
        conversation_uuid: conversationUuid,
        region_url: 'https://api-eu-1.vonage.com',
        sipHeaders: { 'X-Account': '42' }
      })
    ])
  })

  it('a POST answer webhook is decoded from its JSON body', async () => {
    const seen: unknown[] = []
    const { url } = await app({ answer: (webhook) => (seen.push(webhook.kind), menu) })
    const body = JSON.stringify(Object.fromEntries(answerQuery))
    expect((await post(`${url}/answer`, body)).status).toBe(200)
    expect(seen).toEqual(['answer'])
  })

  it('a body over maxBodyBytes gets 413, with or without Content-Length', async () => {
    let calls = 0
    const { url, errors } = await app({ event: () => void calls++ }, { maxBodyBytes: 100 })
    const declared = await replyOf(await post(`${url}/event`, 'x'.repeat(1000)))
    expect(declared).toEqual({
      status: 413,
      type: 'application/json',
      body: '{"error":"body-too-large"}'
    })
    const chunks = Array.from({ length: 20 }, () => new TextEncoder().encode('y'.repeat(50)))
    const streamed = await fetch(`${url}/event`, {
      method: 'POST',
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift()
          if (next === undefined) controller.close()
          else controller.enqueue(next)
        }
      }),
      duplex: 'half'
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(calls).toBe(0)
    expect(errors).toEqual([
      {
        kind: 'body-too-large',
        route: 'event',
        method: 'POST',
        path: '/event',
        status: 413,
        limit: 100
      },
      {
        kind: 'body-too-large',
        route: 'event',
        method: 'POST',
        path: '/event',
        status: 413,
        limit: 100
      }
    ])
  })

  it('a body of exactly maxBodyBytes is read', async () => {
    const body = JSON.stringify({ uuid, conversation_uuid: conversationUuid, status: 'ringing' })
    const { url } = await app({ event: () => undefined }, { maxBodyBytes: body.length })
    expect((await post(`${url}/event`, body)).status).toBe(200)
  })

  it('invalid JSON gets 400 with a parse-error finding, reported', async () => {
    let calls = 0
    const { url, errors } = await app({ event: () => void calls++ })
    const reply = await replyOf(await post(`${url}/event`, '{"status": "ringing",'))
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toMatchInlineSnapshot(`
      {
        "error": "bad-payload",
        "issues": [
          {
            "code": "parse-error",
            "message": "Invalid JSON: Expected double-quoted property name in JSON at position 21.",
            "path": "",
            "severity": "error",
          },
        ],
      }
    `)
    expect(calls).toBe(0)
    expect(errors).toEqual([
      expect.objectContaining({
        kind: 'bad-payload',
        route: 'event',
        status: 400,
        issues: JSON.parse(reply.body).issues
      })
    ])
  })

  it('a body that is not UTF-8 gets 400', async () => {
    const { url } = await app({ event: () => undefined })
    const response = await fetch(`${url}/event`, {
      method: 'POST',
      body: new Uint8Array([0x7b, 0xff, 0x7d])
    })
    expect(await response.json()).toEqual({
      error: 'bad-payload',
      issues: [
        {
          code: 'parse-error',
          severity: 'error',
          path: '',
          message: 'Invalid JSON: the body is not UTF-8 text.'
        }
      ]
    })
  })

  it('a payload that does not decode gets 400 with the findings, reported', async () => {
    let calls = 0
    const { url, errors } = await app({ answer: () => (calls++, menu) })
    const payload = { to: 447700900000, uuid, conversation_uuid: conversationUuid }
    const reply = await replyOf(await post(`${url}/answer`, JSON.stringify(payload)))
    const expected = decodeWebhook('answer', payload)
    if (E.isRight(expected)) throw new Error('the fixture should not decode')
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toEqual({ error: 'bad-payload', issues: expected.left })
    expect(formatIssues(expected.left)).toMatchInlineSnapshot(
      `"error invalid-type at /to: Expected a string, got a number (447700900000)."`
    )
    expect(calls).toBe(0)
    expect(errors).toEqual([
      {
        kind: 'bad-payload',
        route: 'answer',
        method: 'POST',
        path: '/answer',
        status: 400,
        issues: expected.left
      }
    ])
  })

  it('a JSON body that is an array, null or a string gets 400 at the root', async () => {
    let calls = 0
    const { url } = await app({ event: () => void calls++ })
    for (const body of ['[]', 'null', '"started"']) {
      const reply = await replyOf(await post(`${url}/event`, body))
      expect([
        reply.status,
        JSON.parse(reply.body).issues.map((i: Issue) => [i.code, i.path])
      ]).toEqual([400, [['invalid-type', '']]])
    }
    expect(calls).toBe(0)
  })

  it('paths are matched as the URL spells them: no decoding, no merging of slashes', async () => {
    const { url } = await app({ answer: () => menu })
    const status = async (path: string) => (await fetch(`${url}${path}?${answerQuery}`)).status
    expect([
      await status('/answer'),
      await status('/%61nswer'),
      await status('//answer'),
      await status('/answer/'),
      await status('/x/../answer')
    ]).toEqual([200, 404, 404, 404, 200])
  })

  it('HEAD and OPTIONS get 405 with Allow', async () => {
    const { url } = await app({ answer: () => menu })
    for (const method of ['HEAD', 'OPTIONS']) {
      const response = await fetch(`${url}/answer?${answerQuery}`, { method })
      expect([method, response.status, response.headers.get('allow')]).toEqual([
        method,
        405,
        'GET, POST'
      ])
    }
  })

  it('a POST signature covers the body, not the query: a changed query still verifies', async () => {
    // Vonage hashes the body only, so state an eventUrl carries in its query is not vouched for.
    const seen: string[] = []
    const { url } = await app(
      { input: (_w, context) => void seen.push(new URL(context.request.url).search) },
      { signatureSecret: secret }
    )
    const body = inputBody('1')
    const authorization = await signWebhook({ method: 'POST', body }, { secret })
    for (const query of ['?menu=main', '?menu=admin']) {
      const response = await fetch(`${url}/input${query}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', authorization }
      })
      expect(response.status).toBe(200)
    }
    expect(seen).toEqual(['?menu=main', '?menu=admin'])
  })

  it('a signed GET whose query a proxy reordered is refused with payload-mismatch', async () => {
    const { url, errors } = await app({ answer: () => menu }, { signatureSecret: secret })
    const authorization = await signWebhook({ method: 'GET', query: answerQuery }, { secret })
    const reordered = new URLSearchParams([...answerQuery].reverse())
    const response = await fetch(`${url}/answer?${reordered}`, { headers: { authorization } })
    expect([response.status, await response.text()]).toEqual([401, '{"error":"payload-mismatch"}'])
    expect(errors.map((e) => (e.kind === 'bad-signature' ? e.failure.message : e.kind))).toEqual([
      'the payload_hash claim does not match the query parameters (as compact JSON, in the order received): one was changed, added, removed or reordered'
    ])
    // The same parameters percent-encoded differently are the same query.
    const reencoded = `${answerQuery}`.replace('CON-', 'CON%2D')
    const same = await fetch(`${url}/answer?${reencoded}`, { headers: { authorization } })
    expect(same.status).toBe(200)
  })

  it('unknown paths get 404, other methods 405, answer without a function 404', async () => {
    const { url, errors } = await app({ event: () => undefined })
    const unknown = await replyOf(await fetch(`${url}/nothing-here`))
    expect(unknown).toEqual({
      status: 404,
      type: 'application/json',
      body: '{"error":"not-found"}'
    })
    expect((await fetch(`${url}/answer?${answerQuery}`)).status).toBe(404)
    const put = await fetch(`${url}/event`, { method: 'PUT', body: '{}' })
    expect([put.status, put.headers.get('allow'), await put.text()]).toEqual([
      405,
      'GET, POST',
      '{"error":"method-not-allowed"}'
    ])
    expect((await fetch(`${url}/event`, { method: 'DELETE' })).status).toBe(405)
    expect(errors).toEqual([])
  })

  it('routes without a function are acknowledged after the signature check', async () => {
    const { url } = await app({ answer: () => menu }, { signatureSecret: secret })
    expect((await post(`${url}/event`, 'not even JSON')).status).toBe(401)
    expect((await signedPost(url, '/event', 'not even JSON')).status).toBe(200)
    expect((await signedPost(url, '/notify', '{}')).status).toBe(200)
  })

  it('paths can be changed per route', async () => {
    const { url } = await app(
      { answer: () => menu, event: () => undefined },
      { paths: { answer: '/webhooks/answer', event: '/webhooks/events' } }
    )
    expect((await fetch(`${url}/webhooks/answer?${answerQuery}`)).status).toBe(200)
    expect((await fetch(`${url}/answer?${answerQuery}`)).status).toBe(404)
    const body = JSON.stringify({ uuid, conversation_uuid: conversationUuid, status: 'ringing' })
    expect((await post(`${url}/webhooks/events`, body)).status).toBe(200)
    expect((await post(`${url}/input`, body)).status).toBe(200) // the default path of a route without a function
  })

  it('an onError that throws changes nothing', async () => {
    const url = await serve(
      webhookHandler(
        { answer: () => invalidNcco },
        {
          onError: () => {
            throw new Error('the logger is broken')
          }
        }
      )
    )
    expect((await fetch(`${url}/answer?${answerQuery}`)).status).toBe(500)
  })

  it('an async onError that rejects leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const url = await serve(
        webhookHandler(
          { answer: () => invalidNcco },
          {
            onError: (async () =>
              Promise.reject(new Error('async logger'))) as unknown as () => void
          }
        )
      )
      expect((await fetch(`${url}/answer?${answerQuery}`)).status).toBe(500)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

// -------------------------------------------------------------------------------------
// construction
// -------------------------------------------------------------------------------------

describe('options', () => {
  it('an invalid fallbackNcco throws when the handler is made, with the findings', () => {
    let thrown: unknown
    try {
      webhookHandler({}, { fallbackNcco: invalidNcco })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(NccoValidationError)
    const expected = validateNcco(invalidNcco)
    expect((thrown as NccoValidationError).issues).toEqual(E.isLeft(expected) ? expected.left : [])
    expect((thrown as Error).message).toMatchInlineSnapshot(`
      "The fallbackNcco option is not valid (1 error):
        error out-of-range at /0/level: "level" must be between -1 and 1, got 2."
    `)
  })

  it('paths and maxBodyBytes are checked', () => {
    expect(() =>
      webhookHandler({}, { paths: { input: '/event' } })
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: webhookHandler: the event and input routes both have the path "/event".]`
    )
    expect(() =>
      webhookHandler({}, { paths: { answer: 'answer' } })
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: webhookHandler: paths.answer must be a path starting with "/", got "answer".]`
    )
    expect(() => webhookHandler({}, { signatureSecret: '' })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: webhookHandler: signatureSecret must be a non-empty string or a map from API key to secret.]`
    )
    expect(() => webhookHandler({}, { maxBodyBytes: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: webhookHandler: maxBodyBytes must be a positive whole number of bytes, got 0.]`
    )
  })

  it('a path is a path: "//answer" is not the root, and a query or fragment is refused', async () => {
    const handler = webhookHandler({ answer: () => menu }, { paths: { answer: '//answer' } })
    const status = async (path: string): Promise<number> =>
      (await handler(new Request(`http://localhost${path}?${answerQuery}`))).status
    expect([await status('//answer'), await status('/'), await status('/answer')]).toEqual([
      200, 404, 404
    ])
    expect(() =>
      webhookHandler({}, { paths: { answer: '/answer?menu=main' } })
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: webhookHandler: paths.answer must be a path without a query or fragment (the route is the path alone), got "/answer?menu=main".]`
    )
    expect(() =>
      webhookHandler({}, { paths: { event: '/event#x' } })
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: webhookHandler: paths.event must be a path without a query or fragment (the route is the path alone), got "/event#x".]`
    )
  })

  it('a map of secrets must be non-empty, each secret a non-empty string', () => {
    expect(() => webhookHandler({}, { signatureSecret: {} })).toThrow(
      new TypeError(
        'webhookHandler: signatureSecret must be a non-empty string or a map from API key to secret.'
      )
    )
    const unset = undefined as unknown as string
    expect(() =>
      webhookHandler({}, { signatureSecret: { e5f6a7b8: secret, a1b2c3d4: unset } })
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: webhookHandler: signatureSecret["a1b2c3d4"] is empty or not a string (an unset environment variable?).]`
    )
    expect(() =>
      webhookHandler({}, { signatureSecret: { a1b2c3d4: '', e5f6a7b8: secret } })
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: webhookHandler: signatureSecret["a1b2c3d4"] is empty or not a string (an unset environment variable?).]`
    )
  })
})

// -------------------------------------------------------------------------------------
// the body limit, from the inside
// -------------------------------------------------------------------------------------

describe('reading the body', () => {
  it('reads no more than the limit and one chunk, whatever Content-Length says', async () => {
    let pulled = 0
    let cancelled = false
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++
          controller.enqueue(new Uint8Array(40))
        },
        cancel() {
          cancelled = true
        }
      },
      { highWaterMark: 0 }
    )
    const handler = webhookHandler({ event: () => undefined }, { maxBodyBytes: 100 })
    const response = await handler(
      new Request('http://localhost/event', {
        method: 'POST',
        body,
        headers: { 'content-length': '10' },
        duplex: 'half'
      } as RequestInit)
    )
    expect(response.status).toBe(413)
    expect(pulled).toBe(3) // 40 + 40 + 40 > 100: the third chunk is the one over
    expect(cancelled).toBe(true)
  })

  it('a body stream that fails gets 400', async () => {
    const handler = webhookHandler({ event: () => undefined })
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection reset'))
      }
    })
    const response = await handler(
      new Request('http://localhost/event', { method: 'POST', body, duplex: 'half' } as RequestInit)
    )
    expect([response.status, await response.text()]).toEqual([400, '{"error":"unreadable-body"}'])
  })
})

// -------------------------------------------------------------------------------------
// property
// -------------------------------------------------------------------------------------

const documentedStatuses = [200, 400, 401, 404, 405, 413, 500]

type Behaviour =
  'valid' | 'invalid' | 'throw' | 'reject' | 'nothing' | 'builder' | 'garbage' | 'bad-builder'

const behave = (behaviour: Behaviour): unknown => {
  switch (behaviour) {
    case 'valid':
      return menu
    case 'invalid':
      return invalidNcco
    case 'throw':
      throw new Error('boom')
    case 'reject':
      return Promise.reject(new Error('boom'))
    case 'nothing':
      return undefined
    case 'builder':
      return ncco(talk('Hi'))
    case 'garbage':
      return { toJSON: () => [{ action: 'talk', txt: 1 }] }
    case 'bad-builder':
      return {
        build: () => {
          throw new Error('bad builder')
        }
      }
  }
}

describe('what is validated is what is sent', () => {
  const answerRequest = (): Request => new Request(`http://localhost/answer?${answerQuery}`)

  it('the value as returned: an undefined field is a finding, not silently dropped', async () => {
    const errors: WebhookHandlerError[] = []
    const handler = webhookHandler(
      { answer: () => [{ action: 'talk', text: 'Hi', level: undefined }] as unknown as Ncco },
      { onError: (e) => errors.push(e) }
    )
    expect((await handler(answerRequest())).status).toBe(500)
    expect(errors.flatMap((e) => (e.kind === 'invalid-ncco' ? formatIssues(e.issues) : [e.kind])))
      .toMatchInlineSnapshot(`
        [
          "error invalid-type at /0/level: Expected a number, got undefined (not a JSON value).",
        ]
      `)
  })

  it('and the JSON text sent: a getter that changes its mind is caught', async () => {
    const errors: WebhookHandlerError[] = []
    let reads = 0
    const fickle = {
      action: 'talk',
      get text(): unknown {
        return reads++ === 0 ? 'Hi' : 42
      }
    }
    const handler = webhookHandler(
      { answer: () => [fickle] as unknown as Ncco },
      { onError: (e) => errors.push(e) }
    )
    expect((await handler(answerRequest())).status).toBe(500)
    expect(errors.flatMap((e) => (e.kind === 'invalid-ncco' ? formatIssues(e.issues) : [e.kind])))
      .toMatchInlineSnapshot(`
        [
          "error invalid-type at /0/text: Expected a string, got a number (42).",
        ]
      `)
  })
})

describe('property', () => {
  const header = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 40
  })

  it('no request makes the handler reject or answer a status outside the documented set', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom(
            'GET',
            'POST',
            'PUT',
            'DELETE',
            'PATCH',
            'OPTIONS',
            'HEAD',
            'FOO'
          ),
          path: fc.oneof(
            fc.constantFrom(
              '/answer',
              '/event',
              '/fallback',
              '/input',
              '/record',
              '/transcription',
              '/notify'
            ),
            fc.webPath(),
            header.map((s) => `/${s}`)
          ),
          query: fc.array(fc.tuple(header, header), { maxLength: 4 }),
          body: fc.oneof(
            fc.uint8Array({ maxLength: 200 }),
            fc.json().map((j) => new TextEncoder().encode(j)),
            fc
              .constantFrom(inputBody('1'), JSON.stringify(Object.fromEntries(answerQuery)))
              .map((s) => new TextEncoder().encode(s))
          ),
          authorization: fc.option(
            fc.oneof(
              header,
              header.map((s) => `Bearer ${s}`)
            ),
            { nil: undefined }
          ),
          contentType: fc.option(
            fc.constantFrom(
              'application/json',
              'application/x-www-form-urlencoded',
              'text/plain',
              'x'
            ),
            { nil: undefined }
          ),
          contentLength: fc.option(header, { nil: undefined }),
          withSecret: fc.boolean(),
          behaviour: fc.constantFrom<Behaviour>(
            'valid',
            'invalid',
            'throw',
            'reject',
            'nothing',
            'builder',
            'garbage',
            'bad-builder'
          ),
          withFallback: fc.boolean(),
          onErrorThrows: fc.boolean()
        }),
        async (r) => {
          let url: URL
          let request: Request
          try {
            url = new URL(`http://localhost${r.path}`)
            for (const [k, v] of r.query) url.searchParams.append(k, v)
            const headers = new Headers()
            if (r.authorization !== undefined) headers.set('authorization', r.authorization)
            if (r.contentType !== undefined) headers.set('content-type', r.contentType)
            if (r.contentLength !== undefined) headers.set('content-length', r.contentLength)
            request = new Request(url, {
              method: r.method,
              headers,
              ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { body: r.body })
            })
          } catch {
            return // not a request the Fetch API can express
          }
          let calls = 0
          const fn = (): unknown => {
            calls++
            return behave(r.behaviour)
          }
          const routes = Object.fromEntries(
            ['answer', 'event', 'fallback', 'input', 'record', 'transcription', 'notify'].map(
              (k) => [k, fn]
            )
          ) as unknown as WebhookRoutes
          const handler = webhookHandler(routes, {
            maxBodyBytes: 150,
            ...(r.withSecret ? { signatureSecret: secret } : {}),
            ...(r.withFallback ? { fallbackNcco: fallback } : {}),
            onError: () => {
              if (r.onErrorThrows) throw new Error('logger')
            }
          })
          const response = await handler(request)
          expect(documentedStatuses).toContain(response.status)
          await response.arrayBuffer()
          if (r.withSecret) expect(calls).toBe(0)
        }
      ),
      { numRuns: 300 }
    )
  })
})
