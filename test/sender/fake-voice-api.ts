/**
 * A loopback server that plays the Voice API's create-call endpoints, scripted per test.
 *
 * Every POST is recorded with its JWT check: RS256 with the application's public key, the
 * `application_id`, `iat`, `exp` and `jti` claims, `exp` in the future, a lifetime Vonage
 * accepts (30 s to 24 h), and a `jti` never seen before. A request whose token fails the check
 * is answered 401 like the real API, without using up a scripted step.
 *
 * "Connection refused" cannot be played by a listening server, so a `refuse` step closes the
 * listener (the port stays reserved by nobody, on 127.0.0.1) and `betweenAttempts()`, called
 * from the client's injected sleep, opens it again when the script moves past it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose'
import { applicationId, keys } from './keys.js'

// -------------------------------------------------------------------------------------
// steps
// -------------------------------------------------------------------------------------

export type Step =
  | {
      readonly type: 'respond'
      readonly status: number
      readonly body?: string
      readonly headers?: Readonly<Record<string, string>>
    }
  /** Reads the request, then destroys the socket without answering. */
  | { readonly type: 'destroy' }
  /** Reads the request and never answers. */
  | { readonly type: 'hang' }
  /** Answers the status line and half the body, then destroys the socket. */
  | { readonly type: 'cut-body'; readonly status: number }
  /** Answers with the request's Authorization header in the body (a leaking server). */
  | { readonly type: 'echo-authorization'; readonly status: number }
  /** The listener is closed for this attempt: the connection is refused. */
  | { readonly type: 'refuse' }
  /**
   * Streams `bytes` bytes of body (without a Content-Length unless `declare`), with
   * back-pressure, and stops when the client goes away. Records what was written.
   */
  | {
      readonly type: 'huge-body'
      readonly status: number
      readonly bytes: number
      readonly declare?: boolean
    }
  /**
   * Echoes the Authorization header everywhere a client might look: in `x-nexmo-trace-id`
   * and `location`, and in the body the whole token, each segment alone, and the signature
   * cut in two over a line break. A 2xx body is a valid v1 answer whose fields carry them.
   */
  | { readonly type: 'echo-secrets'; readonly status: number }
  /** Sends the status line, then one byte of body every `intervalMs`, until the client leaves. */
  | { readonly type: 'trickle'; readonly status: number; readonly intervalMs: number }

export const exampleCall = {
  uuid: '63f61863-4a51-4f6b-86e1-46edebcf9356',
  status: 'started',
  direction: 'outbound',
  conversation_uuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22'
} as const

const json = (
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {}
): Step => ({
  type: 'respond',
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers }
})

export const steps = {
  created: (call: unknown = exampleCall): Step =>
    json(201, call, { 'x-nexmo-trace-id': 'trace-201' }),
  accepted: (): Step => json(202, {}),
  rateLimited: (retryAfter?: string): Step =>
    json(
      429,
      {
        type: 'https://developer.nexmo.com/api-errors#rate-limit',
        title: 'Rate Limit Hit',
        detail: 'Please wait, then retry your request',
        instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf'
      },
      retryAfter === undefined ? {} : { 'retry-after': retryAfter }
    ),
  unauthorized: (): Step =>
    json(401, {
      type: 'https://developer.nexmo.com/api-errors#unauthorized',
      title: 'Unauthorized',
      detail: 'You did not provide correct credentials.',
      instance: '798b8f199c45014ab7b08bfe9cc1c12c'
    }),
  badRequest: (): Step =>
    json(
      400,
      {
        type: 400,
        title: 'Bad Request',
        invalid_parameters: [{ name: 'to', reason: 'Number is not valid' }]
      },
      { 'content-type': 'application/problem+json', 'x-nexmo-trace-id': 'trace-400' }
    ),
  serverError: (status = 500): Step =>
    json(
      status,
      { type: 'https://developer.nexmo.com/api-errors#internal', title: 'Internal Server Error' },
      status === 503 ? { 'retry-after': '1' } : {}
    ),
  malformed: (): Step => ({
    type: 'respond',
    status: 201,
    body: '{"uuid":"63f61863-4a51',
    headers: { 'content-type': 'application/json' }
  }),
  destroy: (): Step => ({ type: 'destroy' }),
  hang: (): Step => ({ type: 'hang' }),
  refuse: (): Step => ({ type: 'refuse' })
} as const

// -------------------------------------------------------------------------------------
// server
// -------------------------------------------------------------------------------------

export interface ReceivedPost {
  readonly path: string
  readonly contentType: string | undefined
  readonly authorization: string | undefined
  /** Why the JWT was refused, or `undefined` when it passed every check. */
  readonly jwtError: string | undefined
  readonly claims: JWTPayload | undefined
  readonly body: unknown
  /** The step that answered (`undefined` when the JWT was refused). */
  readonly step: Step['type'] | undefined
}

export interface FakeVoiceApi {
  readonly url: string
  readonly posts: ReadonlyArray<ReceivedPost>
  /** Body bytes written by `huge-body` and `trickle` steps, summed. */
  readonly bodyBytesWritten: () => number
  /** Replaces the script (and forgets the recorded posts). */
  readonly script: (...steps: ReadonlyArray<Step>) => Promise<void>
  /** Moves past a refused attempt; wire it into the client's sleep. */
  readonly betweenAttempts: () => Promise<void>
  readonly close: () => Promise<void>
}

const exhausted: Step = {
  type: 'respond',
  status: 500,
  body: '{"title":"the test script is exhausted"}'
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const checkJwt = async (
  authorization: string | undefined,
  seenJti: Set<string>
): Promise<{ error: string } | { claims: JWTPayload }> => {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1]
  if (token === undefined) return { error: 'no bearer token' }
  try {
    const header = decodeProtectedHeader(token)
    if (header.typ !== 'JWT') return { error: `typ is ${String(header.typ)}` }
    const { payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: ['RS256'],
      requiredClaims: ['iat', 'exp', 'jti']
    })
    if (payload['application_id'] !== applicationId) return { error: 'wrong application_id' }
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0)
    if (lifetime < 30 || lifetime > 86_400) return { error: `lifetime ${lifetime} s` }
    if (typeof payload.jti !== 'string' || seenJti.has(payload.jti)) return { error: 'jti reused' }
    seenJti.add(payload.jti)
    return { claims: payload }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/** The pieces a leaking server sends back, from the request's Authorization header. */
export const echoedPieces = (authorization: string): ReadonlyArray<string> => {
  const token = authorization.replace(/^Bearer /, '')
  const segments = token.split('.')
  const signature = segments[2] ?? token
  const half = Math.floor(signature.length / 2)
  return [
    authorization,
    token,
    ...segments,
    `${signature.slice(0, half)}\n${signature.slice(half)}`
  ]
}

const chunk = new Uint8Array(64 * 1024).fill(0x61)

/** Writes `bytes` bytes of `a`, waiting for the socket to drain; stops if it closes. */
const stream = async (
  res: ServerResponse,
  bytes: number,
  written: (n: number) => void
): Promise<void> => {
  let left = bytes
  let closed = false
  res.on('close', () => (closed = true))
  while (left > 0 && !closed) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left)
    left -= part.length
    written(part.length)
    if (!res.write(part)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done)
          res.off('close', done)
          resolve()
        }
        res.on('drain', done)
        res.on('close', done)
      })
    }
  }
  if (!closed) res.end()
}

export const startFakeVoiceApi = async (): Promise<FakeVoiceApi> => {
  let queue: Step[] = []
  let bodyBytes = 0
  const posts: ReceivedPost[] = []
  const seenJti = new Set<string>()

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req)
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // recorded as text
    }
    const authorization = req.headers.authorization
    const jwt = await checkJwt(authorization, seenJti)
    const record = {
      path: req.url ?? '',
      contentType: req.headers['content-type'],
      authorization,
      body
    }
    if ('error' in jwt) {
      posts.push({ ...record, jwtError: jwt.error, claims: undefined, step: undefined })
      res.writeHead(401, { 'content-type': 'application/json', connection: 'close' })
      res.end(JSON.stringify({ title: 'Unauthorized', detail: jwt.error }))
      return
    }
    const step = queue.shift() ?? exhausted
    posts.push({ ...record, jwtError: undefined, claims: jwt.claims, step: step.type })
    switch (step.type) {
      case 'respond':
        res.writeHead(step.status, { ...step.headers, connection: 'close' })
        res.end(step.body)
        return
      case 'destroy':
      case 'refuse':
        req.socket.destroy()
        return
      case 'hang':
        return
      case 'cut-body':
        res.writeHead(step.status, {
          'content-type': 'application/json',
          'content-length': '200',
          connection: 'close'
        })
        res.write('{"uuid":"63f6')
        setTimeout(() => req.socket.destroy(), 20)
        return
      case 'echo-authorization':
        res.writeHead(step.status, { 'content-type': 'application/json', connection: 'close' })
        res.end(JSON.stringify({ title: 'Echo', detail: `You sent ${authorization ?? ''}` }))
        return
      case 'echo-secrets': {
        const pieces = echoedPieces(authorization ?? '')
        const body =
          step.status >= 200 && step.status < 300
            ? {
                ...exampleCall,
                uuid: pieces[1],
                conversation_uuid: pieces.slice(2).join(' '),
                echoed: pieces
              }
            : { title: pieces.slice(2).join(' '), detail: pieces.join(' | '), echoed: pieces }
        res.writeHead(step.status, {
          'content-type': 'application/json',
          'x-nexmo-trace-id': authorization ?? '',
          location: `https://example.com/?token=${pieces[1] ?? ''}`,
          connection: 'close'
        })
        res.end(JSON.stringify(body))
        return
      }
      case 'huge-body':
        res.writeHead(step.status, {
          'content-type': 'application/json',
          ...(step.declare === true ? { 'content-length': String(step.bytes) } : {}),
          connection: 'close'
        })
        await stream(res, step.bytes, (n) => (bodyBytes += n))
        return
      case 'trickle': {
        res.writeHead(step.status, { 'content-type': 'application/json', connection: 'close' })
        res.write('{')
        const timer = setInterval(() => {
          bodyBytes++
          res.write(' ')
        }, step.intervalMs)
        res.on('close', () => clearInterval(timer))
        return
      }
    }
  }

  const server = createServer((req, res) => {
    answer(req, res).catch(() => req.socket.destroy())
  })
  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })

  await listen(0)
  const port = (server.address() as AddressInfo).port
  let listening = true
  const setListening = async (on: boolean): Promise<void> => {
    if (on === listening) return
    listening = on
    await (on ? listen(port) : stop())
  }

  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    bodyBytesWritten: () => bodyBytes,
    script: async (...next) => {
      queue = [...next]
      posts.length = 0
      bodyBytes = 0
      await setListening(queue[0]?.type !== 'refuse')
    },
    betweenAttempts: async () => {
      if (!listening) queue.shift()
      await setListening(queue[0]?.type !== 'refuse')
    },
    close: () => setListening(false)
  }
}
