/**
 * The Node adapter, over real loopback servers (127.0.0.1, port 0): plain node:http, and
 * Express 5 with and without body parsers in front.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import type { Ncco } from '../../src/index.js'
import { toNodeListener, type NodeListenerError } from '../../src/node/listener.js'
import { webhookHandler, type WebhookHandlerError } from '../../src/webhooks/handler.js'
import { signWebhook } from '../../src/webhooks/signature.js'
import { closeServers, listen } from './loopback.js'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const secret = 'listener-test-secret-77c2e9d0a1'
const uuid = '63f61863a4b0d2f1d3e1e2a8b8fa7c7d'
const conversationUuid = 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22'
const inputBody = `{"uuid": "${uuid}", "conversation_uuid": "${conversationUuid}", "dtmf": {"digits": "1", "timed_out": false}}`
const menu = [{ action: 'talk', text: 'Press 1.' }] as const satisfies Ncco

afterEach(closeServers)

/** What the handler saw of a request. */
interface Seen {
  url: string
  method: string
  headers: Record<string, string>
  body: string
}

const echo =
  (seen: Seen[]) =>
  async (request: Request): Promise<Response> => {
    seen.push({
      url: request.url,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text()
    })
    return new Response('{"ok":true}', {
      status: 201,
      headers: [
        ['content-type', 'application/json'],
        ['x-one', 'a'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2']
      ]
    })
  }

/** A raw HTTP/1.1 request, for what fetch will not send (a Host header, TRACE, an abort). */
const rawRequest = (
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string }
): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(url)
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {}
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })

/**
 * A bare TCP connection that sends `text`, for requests no HTTP client sends (a body that never
 * ends, one that trickles). `closed` tells whether the server closed it within `waitMs`.
 */
const rawConnection = (url: string, text: string, waitMs: number) => {
  const socket = connect(Number(new URL(url).port), '127.0.0.1')
  let received = ''
  socket.setEncoding('latin1')
  socket.on('data', (chunk: string) => (received += chunk))
  socket.on('error', () => undefined)
  const closed = new Promise<boolean>((resolve) => {
    socket.on('close', () => resolve(true))
    setTimeout(() => resolve(false), waitMs)
  }).finally(() => socket.destroy())
  socket.write(text)
  return { socket, closed, received: () => received }
}

// -------------------------------------------------------------------------------------
// node:http
// -------------------------------------------------------------------------------------

describe('toNodeListener on node:http', () => {
  it('builds the Request (absolute URL, method, headers, body) and writes the Response back', async () => {
    const seen: Seen[] = []
    const url = await listen(toNodeListener(echo(seen)))
    const response = await fetch(`${url}/event?a=1&b=2`, {
      method: 'POST',
      body: 'héllo',
      headers: { 'content-type': 'text/plain', 'x-custom': 'yes' }
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('x-one')).toBe('a')
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(await response.text()).toBe('{"ok":true}')
    expect(seen).toEqual([
      {
        url: `${url}/event?a=1&b=2`,
        method: 'POST',
        headers: expect.objectContaining({
          'content-type': 'text/plain',
          'x-custom': 'yes',
          host: new URL(url).host
        }),
        body: 'héllo'
      }
    ])
  })

  it('a Host header that is not a plain host is not trusted into the URL', async () => {
    const seen: Seen[] = []
    const url = await listen(toNodeListener(echo(seen)))
    await rawRequest(url, { path: '/answer?x=1', headers: { host: 'evil.example@attacker' } })
    await rawRequest(url, { path: '//double/slash', headers: { host: 'example.com:8080' } })
    expect(seen.map((s) => s.url)).toEqual([
      'http://localhost/answer?x=1',
      'http://example.com:8080//double/slash'
    ])
  })

  it('an absolute-form target gives its host, path and query, never its scheme or credentials', async () => {
    const seen: Seen[] = []
    const url = await listen(toNodeListener(echo(seen)))
    const statuses = [
      await rawRequest(url, {
        path: 'https://example.com:8443/answer?x=1',
        headers: { host: 'other.example' }
      }),
      await rawRequest(url, { path: 'http://user:pass@example.com/event' }),
      await rawRequest(url, { path: 'http://evil.example@attacker/event' })
    ].map((r) => r.status)
    expect(statuses).toEqual([201, 201, 201])
    expect(seen.map((s) => s.url)).toEqual([
      'http://example.com:8443/answer?x=1',
      'http://example.com/event',
      'http://attacker/event'
    ])
  })

  it('a request target that is neither a path nor an http URL gets 400', async () => {
    const seen: Seen[] = []
    const url = await listen(toNodeListener(echo(seen)))
    for (const [method, path] of [
      ['GET', 'file:///answer'],
      ['GET', 'ftp://example.com/answer'],
      ['OPTIONS', '*']
    ] as const) {
      const response = await rawRequest(url, { method, path })
      expect([path, response.status, response.body]).toEqual([
        path,
        400,
        '{"error":"bad-request-target"}'
      ])
    }
    expect(seen).toEqual([])
  })

  it('a request whose body was not all received when answered has its connection closed', async () => {
    // A GET that announces a chunked body and never ends it: the answer must not wait for it,
    // and the connection must not be kept for a body nobody reads.
    const url = await listen(toNodeListener(webhookHandler({ answer: () => menu })))
    const connection = rawConnection(
      url,
      `GET /answer?uuid=${uuid}&conversation_uuid=${conversationUuid} HTTP/1.1\r\nHost: x\r\n` +
        'Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n',
      1500
    )
    const wasClosed = await connection.closed
    const received = connection.received()
    expect(received.split('\r\n')[0]).toBe('HTTP/1.1 200 OK')
    expect(received.toLowerCase()).toContain('connection: close')
    expect(wasClosed).toBe(true)
  })

  it('a handler that rejects is answered 500 and reported; the server stays up', async () => {
    const errors: NodeListenerError[] = []
    const boom = new Error('boom')
    const url = await listen(
      toNodeListener(() => Promise.reject(boom), { onError: (e) => errors.push(e) })
    )
    const response = await fetch(`${url}/answer`)
    expect([response.status, await response.text()]).toEqual([500, '{"error":"internal"}'])
    expect(errors).toEqual([{ kind: 'handler-rejected', error: boom }])
    expect((await fetch(`${url}/answer`)).status).toBe(500)
  })

  it('a body over maxBodyBytes gets 413 and the connection is closed', async () => {
    let read: unknown
    const url = await listen(
      toNodeListener(
        async (request) => {
          read = await request.text().catch((e: unknown) => (e as Error).name)
          return new Response('read')
        },
        { maxBodyBytes: 64 }
      )
    )
    const response = await rawRequest(url, {
      method: 'POST',
      path: '/event',
      body: 'z'.repeat(5000)
    })
    expect([response.status, response.body, response.headers.connection]).toEqual([
      413,
      '{"error":"body-too-large"}',
      'close'
    ])
    expect(read).toBe('BodyTooLarge')
  })

  it("the webhook handler's own limit ends the upload early", async () => {
    const url = await listen(
      toNodeListener(webhookHandler({ event: () => undefined }, { maxBodyBytes: 64 }))
    )
    // 50 MB offered in 1 kB chunks; the server stops reading at 64 bytes and answers, and the
    // client stops sending once the answer arrives (a few MB sit in the socket buffers).
    let sent = 0
    const response = await fetch(`${url}/event`, {
      method: 'POST',
      body: new ReadableStream({
        pull(controller) {
          sent++
          if (sent > 50_000) controller.close()
          else controller.enqueue(new Uint8Array(1000))
        }
      }),
      duplex: 'half',
      signal: AbortSignal.timeout(5000)
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(sent).toBeLessThan(50_000)
  })

  it('TRACE, which the Fetch API cannot express, gets 405', async () => {
    const url = await listen(toNodeListener(webhookHandler({})))
    const response = await rawRequest(url, { method: 'TRACE', path: '/event' })
    expect([response.status, response.body]).toEqual([405, '{"error":"method-not-allowed"}'])
  })

  it('a client that goes away aborts the request signal; the server survives', async () => {
    let resolveAborted: (value: boolean) => void = () => undefined
    const aborted = new Promise<boolean>((resolve) => (resolveAborted = resolve))
    const url = await listen(
      toNodeListener(async (request) => {
        if (new URL(request.url).pathname !== '/slow') return new Response(null, { status: 404 })
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000)
          request.signal.addEventListener('abort', () => {
            clearTimeout(timer)
            resolveAborted(true)
            resolve()
          })
        })
        return new Response('too late')
      })
    )
    const controller = new AbortController()
    const pending = fetch(`${url}/slow`, { signal: controller.signal }).catch(
      (e: unknown) => (e as Error).name
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    controller.abort()
    expect(await pending).toBe('AbortError')
    expect(
      await Promise.race([aborted, new Promise((r) => setTimeout(() => r(false), 1000))])
    ).toBe(true)
    expect((await fetch(`${url}/other`)).status).toBe(404)
  }, 10_000)

  it("a body that trickles in is bounded by the server's requestTimeout: 408, no function runs", async () => {
    let calls = 0
    const url = await listen(toNodeListener(webhookHandler({ event: () => void calls++ })), {
      requestTimeout: 200,
      connectionsCheckingInterval: 50
    })
    const connection = rawConnection(
      url,
      'POST /event HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{',
      3000
    )
    const trickle = setInterval(() => connection.socket.write(' '), 40)
    const closed = await connection.closed
    clearInterval(trickle)
    const received = connection.received()
    expect([closed, received.split('\r\n')[0], calls]).toEqual([
      true,
      'HTTP/1.1 408 Request Timeout',
      0
    ])
  })

  it('a function that never resolves holds its request until the client goes away; the signal tells it', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    let resolveAborted: (value: boolean) => void = () => undefined
    const aborted = new Promise<boolean>((resolve) => (resolveAborted = resolve))
    try {
      const url = await listen(
        toNodeListener(
          webhookHandler({
            answer: () => menu,
            input: (_webhook, { request }) =>
              new Promise<undefined>((_resolve, reject) => {
                request.signal.addEventListener('abort', () => {
                  resolveAborted(true)
                  reject(new Error('the Voice API stopped waiting'))
                })
              })
          })
        )
      )
      const controller = new AbortController()
      const pending = fetch(`${url}/input`, {
        method: 'POST',
        body: inputBody,
        signal: controller.signal
      }).catch((e: unknown) => (e as Error).name)
      await new Promise((resolve) => setTimeout(resolve, 50))
      controller.abort()
      expect(await pending).toBe('AbortError')
      expect(
        await Promise.race([aborted, new Promise((r) => setTimeout(() => r(false), 1000))])
      ).toBe(true)
      expect(
        (await fetch(`${url}/answer?uuid=${uuid}&conversation_uuid=${conversationUuid}`)).status
      ).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('an upload cut mid-body makes the body read fail, not the server', async () => {
    let outcome: unknown
    let done: () => void = () => undefined
    const finished = new Promise<void>((resolve) => (done = resolve))
    const url = await listen(
      toNodeListener(async (request) => {
        outcome = await request.text().then(
          () => 'read',
          () => 'failed'
        )
        done()
        return new Response('x')
      })
    )
    const { port } = new URL(url)
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/event',
      headers: { 'content-length': '1000' }
    })
    req.on('error', () => undefined)
    req.write('{"partial":')
    await new Promise((resolve) => setTimeout(resolve, 50))
    req.destroy()
    await finished
    expect(outcome).toBe('failed')
  })

  it('maxBodyBytes is checked', () => {
    expect(() =>
      toNodeListener(async () => new Response(), { maxBodyBytes: -1 })
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: toNodeListener: maxBodyBytes must be a positive whole number of bytes, got -1.]`
    )
  })
})

// -------------------------------------------------------------------------------------
// Express
// -------------------------------------------------------------------------------------

const signedInput = async (url: string): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    body: inputBody,
    headers: {
      'content-type': 'application/json',
      authorization: await signWebhook({ method: 'POST', body: inputBody }, { secret })
    }
  })

const webhooks = (errors: WebhookHandlerError[] = []) =>
  toNodeListener(
    webhookHandler(
      { answer: () => menu, input: (webhook) => (webhook.dtmf?.digits === '1' ? menu : undefined) },
      { signatureSecret: secret, onError: (e) => errors.push(e) }
    )
  )

describe('toNodeListener in Express', () => {
  it('mounted at a path, it serves the default routes below it; other paths go on to next()', async () => {
    const app = express()
    app.use('/webhooks', webhooks())
    app.get('/health', (_req, res) => {
      res.send('ok')
    })
    app.use(webhooks()) // at the root too: a path it does not know must reach the route after it
    app.post('/orders', express.json(), (req, res) => {
      res.json({ got: req.body as unknown })
    })
    const url = await listen(app)
    const reply = await signedInput(`${url}/webhooks/input`)
    expect([reply.status, await reply.text()]).toEqual([200, JSON.stringify(menu)])
    expect(await (await fetch(`${url}/health`)).text()).toBe('ok')
    const orders = await fetch(`${url}/orders`, {
      method: 'POST',
      body: '{"n":1}',
      headers: { 'content-type': 'application/json' }
    })
    expect(await orders.json()).toEqual({ got: { n: 1 } })
    expect((await fetch(`${url}/webhooks/answer`)).status).toBe(401)
  })

  it('after express.json(), without a raw body, it answers 500 saying why', async () => {
    const errors: NodeListenerError[] = []
    const app = express()
    app.use(express.json())
    app.use(
      toNodeListener(webhookHandler({ input: () => menu }, { signatureSecret: secret }), {
        onError: (e) => errors.push(e)
      })
    )
    const url = await listen(app)
    const reply = await signedInput(`${url}/input`)
    expect(reply.status).toBe(500)
    expect(await reply.json()).toMatchInlineSnapshot(`
      {
        "error": "raw-body-required",
        "message": "A body parser read the request before the webhook handler and kept no raw body. The handler needs the bytes as sent (signatures cover them). Mount it before express.json(), use express.raw({ type: '*/*' }) for its paths, or store the bytes in req.rawBody (express.json({ verify: (req, res, buf) => { req.rawBody = buf } })).",
      }
    `)
    expect(errors.map((e) => e.kind)).toEqual(['raw-body-consumed'])
  })

  it('after express.json() that keeps req.rawBody, the signature is verified', async () => {
    const app = express()
    app.use(
      express.json({
        verify: (req, _res, buf) => {
          ;(req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf
        }
      })
    )
    app.use(webhooks())
    const url = await listen(app)
    const reply = await signedInput(`${url}/input`)
    expect([reply.status, await reply.text()]).toEqual([200, JSON.stringify(menu)])
  })

  it('after express.raw(), the Buffer in req.body is the raw body', async () => {
    const errors: WebhookHandlerError[] = []
    const app = express()
    app.use(express.raw({ type: '*/*' }))
    app.use(webhooks(errors))
    const url = await listen(app)
    const reply = await signedInput(`${url}/input`)
    expect([reply.status, await reply.text()]).toEqual([200, JSON.stringify(menu)])
    const tampered = await fetch(`${url}/input`, {
      method: 'POST',
      body: inputBody.replace('"1"', '"2"'),
      headers: {
        'content-type': 'application/json',
        authorization: await signWebhook({ method: 'POST', body: inputBody }, { secret })
      }
    })
    expect(await tampered.json()).toEqual({ error: 'payload-mismatch' })
    expect(errors.map((e) => e.kind)).toEqual(['bad-signature'])
  })
})
