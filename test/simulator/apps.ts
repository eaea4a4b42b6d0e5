/**
 * Scripted Voice applications for the simulator's tests: plain Fetch handlers (so the tests
 * depend on no other part of ncco-kit) that record every request they receive, and a real
 * `node:http` server on 127.0.0.1 that serves such a handler.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly body: string
  /** The JSON body of a POST, or the query of a GET as an object. */
  readonly payload: Record<string, unknown>
  readonly authorization: string | null
  readonly contentType: string | null
}

/** What a route answers: a Response, an NCCO (as JSON), or undefined (200, empty body). */
export type RouteReply = Response | ReadonlyArray<unknown> | undefined

export type Route = (request: Received) => RouteReply | Promise<RouteReply>

export interface ScriptedApp {
  readonly fetch: (request: Request) => Promise<Response>
  readonly received: Received[]
  /** `path kind-or-status` for every request: `/event started`, `/answer`. */
  readonly log: () => ReadonlyArray<string>
}

export const base = 'http://app.test'

const toReply = (reply: RouteReply): Response =>
  reply instanceof Response
    ? reply
    : reply === undefined
      ? new Response(null, { status: 200 })
      : Response.json(reply)

/** An app whose routes are keyed by path; a path it does not know answers 404. */
export const scriptedApp = (routes: Readonly<Record<string, Route>>): ScriptedApp => {
  const received: Received[] = []
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const body = await request.text()
    const payload: Record<string, unknown> =
      request.method === 'GET'
        ? Object.fromEntries(url.searchParams)
        : body === ''
          ? {}
          : (JSON.parse(body) as Record<string, unknown>)
    const entry: Received = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body,
      payload,
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type')
    }
    received.push(entry)
    const route = routes[url.pathname]
    if (route === undefined) return new Response('not found', { status: 404 })
    return toReply(await route(entry))
  }
  return {
    fetch,
    received,
    log: () =>
      received.map((r) => {
        const status = r.payload['status']
        return typeof status === 'string' ? `${r.path} ${status}` : r.path
      })
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export interface LoopbackServer {
  readonly url: string
  readonly close: () => Promise<void>
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

/** Serves a Fetch handler on 127.0.0.1 (port 0), with a minimal adapter of its own. */
export const serve = async (
  handler: (request: Request) => Promise<Response>
): Promise<LoopbackServer> => {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req)
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string') headers.set(k, v)
      }
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body })
      })
      const response = await handler(request)
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    })().catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A port on 127.0.0.1 that nothing listens on (it was just closed). */
export const closedPort = async (): Promise<string> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
