/**
 * The Node adapter: turns a Fetch API handler (such as `webhookHandler`'s) into a
 * `node:http` request listener that Express, Connect and Fastify (through `reply.raw`) can
 * mount too.
 *
 * The request body is handed to the handler as a stream that reads the socket only when the
 * handler asks for more, and stops at `maxBodyBytes`, so memory stays bounded whatever the
 * client sends or says in `Content-Length`. When a body parser has already read the stream
 * (Express's `express.json()`), the raw bytes must have been kept (`req.rawBody`, or a Buffer
 * in `req.body` from `express.raw()`): a signature covers the bytes as sent, and a parsed body
 * cannot be turned back into them. Without them the answer is 500 with a message that says so.
 *
 * Nothing the client or the handler does makes the listener throw: a rejected handler is
 * answered 500, a client that goes away cancels the request's `signal`, a request target that
 * is not a path or an http(s) URL is answered 400. How long a slow body may take is the
 * server's `requestTimeout`. See docs/webhooks.md.
 *
 * @since 0.2.0
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { pipeline } from 'node:stream/promises'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A Fetch API handler, as `webhookHandler` returns.
 *
 * @category model
 * @since 0.2.0
 */
export type FetchHandler = (request: Request) => Promise<Response>

/**
 * A `node:http` request listener that is also Express/Connect middleware: with `next`, a 404
 * from the handler for a request whose body it did not read is passed on to the next
 * middleware instead of being answered.
 *
 * @category model
 * @since 0.2.0
 */
export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void
) => void

/**
 * What went wrong in the adapter (client aborts are not reported: nobody is left to answer).
 *
 * - `raw-body-consumed`: a body parser read the request before the handler, and kept no raw
 *   bytes; answered 500.
 * - `handler-rejected`: the handler's promise rejected (a `webhookHandler` never does); answered 500.
 * - `response-failed`: writing the handler's response failed after it began.
 *
 * @category model
 * @since 0.2.0
 */
export type NodeListenerError =
  | { readonly kind: 'raw-body-consumed'; readonly message: string }
  | { readonly kind: 'handler-rejected'; readonly error: unknown }
  | { readonly kind: 'response-failed'; readonly error: unknown }

/**
 * @category model
 * @since 0.2.0
 */
export interface NodeListenerOptions {
  /** The largest request body passed on, in bytes (default 1 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number
  /** Told about failures of the adapter itself. It may throw; that is ignored. */
  readonly onError?: (error: NodeListenerError) => void
}

// -------------------------------------------------------------------------------------
// request
// -------------------------------------------------------------------------------------

const defaultMaxBodyBytes = 1024 * 1024

/** Thrown into the body stream when the client sends more than the limit. */
class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge'
}

/** How the body stream is doing, for what the adapter answers afterwards. */
interface BodyState {
  /** The handler asked for the body. */
  touched: boolean
  /** The whole body was read. */
  ended: boolean
  /** The client sent more than the limit. */
  tooLarge: boolean
}

/**
 * The request body as a web stream that pulls from the socket on demand (high-water mark 0:
 * nothing is read before the handler asks) and errors at the first byte over `limit`.
 */
const bodyStream = (
  req: IncomingMessage,
  limit: number,
  state: BodyState
): ReadableStream<Uint8Array> => {
  let total = 0
  let attached = false
  let settled = false
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined

  const detach = (): void => {
    req.off('data', onData)
    req.off('end', onEnd)
    req.off('error', onFailure)
    req.off('close', onClose)
  }
  const settle = (finish: (c: ReadableStreamDefaultController<Uint8Array>) => void): void => {
    if (settled || controller === undefined) return
    settled = true
    detach()
    req.pause()
    finish(controller)
  }
  const onData = (chunk: Buffer | string): void => {
    const bytes =
      typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk)
    total += bytes.byteLength
    if (total > limit) {
      state.tooLarge = true
      settle((c) => c.error(new BodyTooLarge(`The request body is larger than ${limit} bytes.`)))
      return
    }
    controller?.enqueue(bytes)
    if ((controller?.desiredSize ?? 0) <= 0) req.pause()
  }
  const onEnd = (): void => {
    state.ended = true
    settle((c) => c.close())
  }
  const onFailure = (error: unknown): void => settle((c) => c.error(error))
  const onClose = (): void => {
    if (!state.ended) {
      settle((c) =>
        c.error(new Error('The client closed the connection before the body was complete.'))
      )
    }
  }

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c
      },
      pull() {
        state.touched = true
        if (settled) return
        if (!attached) {
          attached = true
          if (req.destroyed) {
            onClose()
            return
          }
          req.on('data', onData)
          req.once('end', onEnd)
          req.once('error', onFailure)
          req.once('close', onClose)
        }
        req.resume()
      },
      cancel() {
        settled = true
        detach()
        req.pause()
      }
    },
    { highWaterMark: 0 }
  )
}

type BodySource =
  | { readonly type: 'none' }
  | { readonly type: 'bytes'; readonly bytes: Uint8Array }
  | { readonly type: 'stream' }
  | { readonly type: 'consumed' }

const rawBodyMissing =
  'A body parser read the request before the webhook handler and kept no raw body. The handler ' +
  'needs the bytes as sent (signatures cover them). Mount it before express.json(), use ' +
  "express.raw({ type: '*/*' }) for its paths, or store the bytes in req.rawBody " +
  '(express.json({ verify: (req, res, buf) => { req.rawBody = buf } })).'

const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array

/** Where the body comes from: the socket, or what a body parser kept of it. */
const bodySource = (req: IncomingMessage): BodySource => {
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') return { type: 'none' }
  const kept = req as IncomingMessage & { readonly rawBody?: unknown; readonly body?: unknown }
  if (isBytes(kept.rawBody)) return { type: 'bytes', bytes: kept.rawBody }
  if (typeof kept.rawBody === 'string') {
    return { type: 'bytes', bytes: new TextEncoder().encode(kept.rawBody) }
  }
  if (isBytes(kept.body)) return { type: 'bytes', bytes: kept.body }
  if (req.readableEnded || req.listenerCount('data') > 0) {
    return { type: 'consumed' }
  }
  return { type: 'stream' }
}

/** Host names and addresses, with a port; anything else is not trusted into the URL. */
const hostPattern = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * The absolute URL: the scheme of the socket, a host, and the path and query of the request
 * target. The host is the `Host` header's or, for an absolute-form target (`GET http://host/path`,
 * as a client talking to a proxy sends), the target's (RFC 9112 §3.2.2), when it is a plain
 * host; `localhost` otherwise. Credentials in a target are dropped, and its scheme is not
 * believed. Under an Express mount point `req.url` is the path below it, so the handler's
 * default paths work under `app.use('/webhooks', …)`. `undefined` for a target that is neither
 * a path nor an http(s) URL (`*`, `file:///answer`).
 */
const urlOf = (req: IncomingMessage): string | undefined => {
  const encrypted = (req.socket as { readonly encrypted?: unknown } | undefined)?.encrypted
  const scheme = encrypted === true ? 'https' : 'http'
  const target = req.url ?? '/'
  let host = req.headers.host
  let path = target
  if (!target.startsWith('/')) {
    let absolute: URL
    try {
      absolute = new URL(target)
    } catch {
      return undefined
    }
    if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') return undefined
    host = absolute.host
    path = absolute.pathname + absolute.search
  }
  const base = `${scheme}://${host !== undefined && hostPattern.test(host) ? host : 'localhost'}`
  try {
    return new URL(base + path).href
  } catch {
    return undefined
  }
}

const headersOf = (req: IncomingMessage): Headers => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue
    for (const one of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, one)
      } catch {
        // a header value the Fetch API refuses is left out
      }
    }
  }
  return headers
}

// -------------------------------------------------------------------------------------
// response
// -------------------------------------------------------------------------------------

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const discard = (response: Response): void => {
  response.body?.cancel().catch(() => undefined)
}

/**
 * Writes status, headers and body. `unreadBody` when the request body was not read to its
 * end: then, or when the request has not even arrived in full, the socket is closed after the
 * answer rather than left to drain an upload nobody reads.
 */
const writeResponse = async (
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
  unreadBody: boolean
): Promise<void> => {
  if (res.destroyed || res.headersSent) {
    discard(response)
    return
  }
  res.statusCode = response.status
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue
    try {
      res.setHeader(name, value)
    } catch {
      // a header Node refuses is left out
    }
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  if (unreadBody || !req.complete) res.setHeader('connection', 'close')
  if (response.body === null) {
    res.end()
    return
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res)
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const serve = async (
  handler: FetchHandler,
  limit: number,
  tell: (error: NodeListenerError) => void,
  req: IncomingMessage,
  res: ServerResponse,
  next: ((error?: unknown) => void) | undefined
): Promise<void> => {
  const aborted = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) aborted.abort()
  })
  const state: BodyState = { touched: false, ended: false, tooLarge: false }
  const source = bodySource(req)
  /** An answer given before the handler runs; an upload it leaves unread is not drained. */
  const refuse = (status: number, body: Readonly<Record<string, string>>): Promise<void> =>
    writeResponse(json(status, body), req, res, source.type === 'stream')

  if (source.type === 'consumed') {
    tell({ kind: 'raw-body-consumed', message: rawBodyMissing })
    return refuse(500, { error: 'raw-body-required', message: rawBodyMissing })
  }
  if (source.type === 'bytes' && source.bytes.byteLength > limit) {
    return refuse(413, { error: 'body-too-large' })
  }
  const url = urlOf(req)
  if (url === undefined) return refuse(400, { error: 'bad-request-target' })
  let request: Request
  try {
    request = new Request(url, {
      method: req.method ?? 'GET',
      headers: headersOf(req),
      signal: aborted.signal,
      ...(source.type === 'stream'
        ? { body: bodyStream(req, limit, state), duplex: 'half' }
        : source.type === 'bytes'
          ? { body: source.bytes }
          : {})
    } as RequestInit)
  } catch {
    // e.g. a method the Fetch API forbids (CONNECT, TRACE)
    return refuse(405, { error: 'method-not-allowed' })
  }

  let response: Response
  try {
    response = await handler(request)
  } catch (error) {
    tell({ kind: 'handler-rejected', error })
    response = json(500, { error: 'internal' })
  }
  if (next !== undefined && response.status === 404 && !state.touched) {
    discard(response)
    next()
    return
  }
  if (state.tooLarge) {
    discard(response)
    response = json(413, { error: 'body-too-large' })
  }
  try {
    await writeResponse(response, req, res, source.type === 'stream' && !state.ended)
  } catch (error) {
    if (!aborted.signal.aborted) tell({ kind: 'response-failed', error })
    res.destroy()
  }
}

/**
 * A `node:http` listener (and Express/Connect middleware) over a Fetch API handler:
 * `createServer(toNodeListener(webhookHandler(routes)))`, or `app.use(toNodeListener(…))`.
 * Throws only for an invalid `maxBodyBytes`.
 *
 * @example
 * import { createServer } from 'node:http'
 * import type { AddressInfo } from 'node:net'
 * import { ncco, talk, webhookHandler } from 'ncco-kit'
 * import { toNodeListener } from 'ncco-kit/node'
 *
 * const server = createServer(
 *   toNodeListener(webhookHandler({ answer: () => ncco(talk('Thanks for calling.')) }))
 * )
 * await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
 * try {
 *   // what the Voice API does when a call comes in
 *   const { port } = server.address() as AddressInfo
 *   const answer = await fetch(
 *     `http://127.0.0.1:${port}/answer?to=447700900000&from=447700900001&uuid=aaaa&conversation_uuid=CON-1`
 *   )
 *   assert.deepStrictEqual(await answer.json(), [{ action: 'talk', text: 'Thanks for calling.' }])
 * } finally {
 *   await new Promise((closed) => server.close(closed))
 * }
 *
 * @category constructors
 * @since 0.2.0
 */
export const toNodeListener = (
  handler: FetchHandler,
  options: NodeListenerOptions = {}
): NodeListener => {
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new TypeError(
      `toNodeListener: maxBodyBytes must be a positive whole number of bytes, got ${String(limit)}.`
    )
  }
  const onError = options.onError
  const tell = (error: NodeListenerError): void => {
    try {
      const result: unknown = onError?.(error)
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
        ;(result as Promise<unknown>).then(undefined, () => undefined)
      }
    } catch {
      // the error hook is the caller's; its failure changes nothing here
    }
  }
  return (req, res, next) => {
    serve(handler, limit, tell, req, res, next).catch(() => {
      // Only a failure to write even the error answer gets here; the socket is dropped.
      try {
        res.destroy()
      } catch {
        // already gone
      }
    })
  }
}
