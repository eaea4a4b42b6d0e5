/**
 * What the sandbox tests share: a small application on 127.0.0.1 that answers with an NCCO
 * and records every webhook it gets, requests signed with the test application's key, and a
 * sandbox per test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { createClient, type Client } from '../../src/sender/client.js'
import { parsePrivateKey, signVoiceJwt } from '../../src/sender/jwt.js'
import { applicationId, keys } from '../sender/keys.js'

// -------------------------------------------------------------------------------------
// the application
// -------------------------------------------------------------------------------------

export interface Received {
  readonly method: string
  /** The path without the query. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** The JSON body of a POST (undefined for a GET or an empty body). */
  readonly body: unknown
  readonly signed: boolean
}

export interface TestApp {
  readonly url: string
  readonly received: ReadonlyArray<Received>
  /** `METHOD /path` and, for an event, its `status` (or its kind's key), in arrival order. */
  readonly summary: () => ReadonlyArray<string>
  /** Holds the answer webhook until `release()` (to keep a call running). */
  readonly holdAnswer: () => void
  readonly release: () => void
  /** Resolves when the answer webhook has arrived. */
  readonly answered: Promise<void>
  readonly close: () => Promise<void>
}

/** A request's body as text, at most 1 MiB (more destroys the request). */
export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > 1_048_576) req.destroy(new Error('body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

/** The app answers `ncco` (default: one talk), and 200 with no body to everything else. */
export const startTestApp = async (
  ncco: unknown = [{ action: 'talk', text: 'Hello from the test app.' }]
): Promise<TestApp> => {
  const received: Received[] = []
  let held: Promise<void> | undefined
  let release = (): void => undefined
  let markAnswered = (): void => undefined
  const answered = new Promise<void>((resolve) => {
    markAnswered = resolve
  })
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const text = await readBody(req)
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = text
    }
    received.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      signed: req.headers.authorization !== undefined
    })
    if (url.pathname === '/answer') {
      markAnswered()
      if (held !== undefined) await held
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(ncco))
      return
    }
    res.writeHead(200)
    res.end()
  }
  const server = createServer((req, res) => {
    answer(req, res).catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    received,
    summary: () =>
      received.map((r) => {
        const payload = (r.method === 'GET' ? r.query : r.body) as
          Readonly<Record<string, unknown>> | undefined
        const status = payload?.['status']
        return `${r.method} ${r.path}${typeof status === 'string' ? ` ${status}` : ''}`
      }),
    holdAnswer: () => {
      held = new Promise((resolve) => {
        release = resolve
      })
    },
    release: () => release(),
    answered,
    close: () =>
      new Promise((resolve) => {
        release()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

// -------------------------------------------------------------------------------------
// requests
// -------------------------------------------------------------------------------------

/** What the app of `requestFor` receives for a call that is answered and runs its NCCO. */
export const outboundCallSummary: ReadonlyArray<string> = [
  'POST /event started',
  'POST /event ringing',
  'POST /event answered',
  'GET /answer',
  'POST /event completed'
]

/** A v1 request to the app's answer and event URLs. */
export const requestFor = (
  app: { readonly url: string },
  extra: Readonly<Record<string, unknown>> = {}
): Readonly<Record<string, unknown>> => ({
  to: [{ type: 'phone', number: '447700900001' }],
  from: { type: 'phone', number: '447700900000' },
  answer_url: [`${app.url}/answer`],
  event_url: [`${app.url}/event`],
  ...extra
})

/** The sender, pointed at the sandbox, with no client-side rate limit and no retries. */
export const clientFor = (
  sandboxUrl: string,
  privateKey: string = keys.pkcs8,
  retry = false
): Client => {
  const client = createClient({
    applicationId,
    privateKey,
    baseUrl: sandboxUrl,
    limiter: false,
    timeoutMs: 5_000,
    ...(retry ? {} : { retry: { maxAttempts: 1 } })
  })
  if (E.isLeft(client)) throw new Error(client.left.map((p) => p.message).join('\n'))
  return client.right
}

const key = parsePrivateKey(keys.pkcs8)

/** A fresh, valid `Authorization` header for the test application. */
export const authorization = async (): Promise<string> => {
  if (E.isLeft(key)) throw new Error(key.left)
  const token = await signVoiceJwt(key.right, {
    applicationId,
    issuedAt: Math.floor(Date.now() / 1000),
    ttlSeconds: 300,
    jti: randomUUID()
  })
  return `Bearer ${token}`
}

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: unknown
}

/** One request to the sandbox with fetch; the body is read and parsed when it is JSON. */
export const send = async (
  url: string,
  init: { readonly method?: string; readonly body?: string; readonly auth?: string | null } = {}
): Promise<Answer> => {
  const auth = init.auth === undefined ? await authorization() : init.auth
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth === null ? {} : { authorization: auth })
    },
    ...(init.body === undefined ? {} : { body: init.body }),
    signal: AbortSignal.timeout(5_000)
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}
