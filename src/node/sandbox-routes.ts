/**
 * The sandbox's routes, checked the way the Voice API checks them: `POST /v1/calls` (201) and
 * `POST /v2/calls` (202) place a call; `GET /v1/calls/{uuid}` shows it; `PUT /v1/calls/{uuid}`
 * hangs it up or transfers it to an inline NCCO (204). Every route needs the token (unless
 * the sandbox runs with `noAuth`); bodies must be `application/json`, within the size limit,
 * and valid; new calls are limited per second and in number. Every refusal is a
 * problem-details answer, reported to the log hook with its reason.
 *
 * Only requests addressed to 127.0.0.1 or localhost are served, and only JSON bodies (which a
 * browser cannot send across origins without a preflight the sandbox does not grant), so a
 * web page the developer visits cannot place calls through it.
 *
 * @since 0.2.0
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import { validateCallV1, validateCallV2 } from '../validate.js'
import type { SandboxCall, SandboxLogEntry } from './sandbox.js'
import { decodeModification, failedValidation, parseBody, type Refusal } from './sandbox-bodies.js'
import type { RateWindow } from './sandbox-calls.js'
import {
  newTraceId,
  readBody,
  sendJson,
  sendProblem,
  type InvalidParameterBody,
  type ProblemStatus
} from './sandbox-http.js'
import type { SandboxConfig } from './sandbox-options.js'
import { callResource, type CallRecord, type CallRegistry } from './sandbox-registry.js'
import { plural } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What the routes work with. The address is known once the server listens.
 *
 * @category model
 * @since 0.2.0
 */
export interface RouteContext {
  readonly config: SandboxConfig
  readonly registry: CallRegistry
  readonly window: RateWindow
  /** Whether `close()` has begun: new calls are refused (503). */
  readonly closing: () => boolean
  readonly address: () => { readonly url: string; readonly port: number }
  /** The hooks, already made safe: an exception in them is ignored. */
  readonly onResponse: (entry: SandboxLogEntry) => void
  readonly onCall: (call: SandboxCall) => void
}

/**
 * A request handler; it never rejects (a failure of the sandbox itself is a 500).
 *
 * @category model
 * @since 0.2.0
 */
export type Router = (req: IncomingMessage, res: ServerResponse) => Promise<void>

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

const callPath = /^\/v1\/calls\/([^/]+)$/

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The request handler of a sandbox.
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeRouter = (ctx: RouteContext): Router => {
  const { config, registry } = ctx

  const refuse = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    status: ProblemStatus,
    detail: string,
    extra: {
      readonly invalidParameters?: ReadonlyArray<InvalidParameterBody>
      readonly headers?: Readonly<Record<string, string>>
    } = {}
  ): void => {
    sendProblem(res, status, detail, { traceId: newTraceId(), ...extra })
    ctx.onResponse({ method: req.method ?? '', path, status, detail })
  }

  const badRequest = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    refusal: Refusal
  ): void =>
    refuse(
      req,
      res,
      path,
      400,
      refusal.detail,
      refusal.invalidParameters === undefined
        ? {}
        : { invalidParameters: refusal.invalidParameters }
    )

  /** The token's application (`undefined` without checks); on failure the 401 is sent. */
  const authenticate = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string
  ): Promise<E.Either<void, string | undefined>> => {
    if (config.verify === undefined) return E.right(undefined)
    const checked = await config.verify(req.headers.authorization, Date.now())
    if (E.isRight(checked)) return E.right(checked.right.applicationId)
    refuse(req, res, path, 401, `You did not provide correct credentials: ${checked.left}.`, {
      headers: { connection: 'close' }
    })
    return E.left(undefined)
  }

  /** The body as JSON; on failure the answer is sent. */
  const jsonBody = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string
  ): Promise<E.Either<void, unknown>> => {
    // JSON only, as the Voice API: it also makes a browser ask first (a CORS preflight, which
    // the sandbox does not grant), so a web page cannot place calls through it.
    const type = req.headers['content-type']
    if (type === undefined || !/^application\/json\s*(;|$)/i.test(type)) {
      refuse(
        req,
        res,
        path,
        415,
        `The body must be JSON, sent with "content-type: application/json"${type === undefined ? '' : `, not ${JSON.stringify(type.slice(0, 100))}`}.`,
        { headers: { connection: 'close' } }
      )
      return E.left(undefined)
    }
    const bytes = await readBody(req, config.maxBodyBytes)
    if (E.isLeft(bytes)) {
      if (bytes.left === 'aborted') req.socket.destroy()
      else {
        refuse(
          req,
          res,
          path,
          413,
          `The body is over the sandbox's limit of ${config.maxBodyBytes} bytes.`,
          { headers: { connection: 'close' } }
        )
      }
      return E.left(undefined)
    }
    const parsed = parseBody(bytes.right)
    if (E.isLeft(parsed)) {
      badRequest(req, res, path, parsed.left)
      return E.left(undefined)
    }
    return E.right(parsed.right)
  }

  /** The token's application and the JSON body; on failure the answer is sent. */
  const authorizedBody = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string
  ): Promise<
    E.Either<void, { readonly applicationId: string | undefined; readonly body: unknown }>
  > => {
    const auth = await authenticate(req, res, path)
    if (E.isLeft(auth)) return auth
    const body = await jsonBody(req, res, path)
    if (E.isLeft(body)) return body
    return E.right({ applicationId: auth.right, body: body.right })
  }

  /** The call at `/v1/calls/{uuid}`; when there is none, the 404 is sent. */
  const knownCall = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    uuid: string
  ): CallRecord | undefined => {
    const record = registry.find(uuid)
    if (record === undefined) {
      refuse(req, res, path, 404, `There is no call with the uuid ${JSON.stringify(uuid)}.`)
    }
    return record
  }

  const create = async (
    api: 'v1' | 'v2',
    req: IncomingMessage,
    res: ServerResponse,
    path: string
  ): Promise<void> => {
    const given = await authorizedBody(req, res, path)
    if (E.isLeft(given)) return
    const { applicationId, body } = given.right
    const validated = (api === 'v1' ? validateCallV1 : validateCallV2)(body)
    if (E.isLeft(validated)) {
      badRequest(req, res, path, failedValidation(validated.left))
      return
    }
    if (ctx.closing()) {
      refuse(req, res, path, 503, 'The sandbox is stopping.', { headers: { connection: 'close' } })
      return
    }
    const active = registry.running().length
    if (active >= config.maxConcurrentCalls) {
      refuse(
        req,
        res,
        path,
        429,
        `Please wait, then retry your request: the sandbox is running ${plural(active, 'call')}, its limit.`,
        { headers: { 'retry-after': '1' } }
      )
      return
    }
    const admitted = ctx.window.admit(Date.now())
    if (E.isLeft(admitted)) {
      refuse(
        req,
        res,
        path,
        429,
        `Please wait, then retry your request: the sandbox accepts ${plural(config.cps, 'new call')} per second.`,
        { headers: { 'retry-after': String(admitted.left) } }
      )
      return
    }
    const { call } = registry.place(api, body as Readonly<Record<string, unknown>>, applicationId)
    if (api === 'v1') {
      sendJson(res, 201, {
        uuid: call.uuid,
        status: 'started',
        direction: 'outbound',
        conversation_uuid: call.conversationUuid
      })
    } else {
      sendJson(res, 202, {})
    }
    ctx.onResponse({ method: 'POST', path, status: api === 'v1' ? 201 : 202 })
    ctx.onCall(call)
  }

  const getCall = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    uuid: string
  ): Promise<void> => {
    const auth = await authenticate(req, res, path)
    if (E.isLeft(auth)) return
    const record = knownCall(req, res, path, uuid)
    if (record === undefined) return
    sendJson(res, 200, callResource(record, ctx.address().url))
    ctx.onResponse({ method: 'GET', path, status: 200 })
  }

  const modifyCall = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    uuid: string
  ): Promise<void> => {
    const given = await authorizedBody(req, res, path)
    if (E.isLeft(given)) return
    const record = knownCall(req, res, path, uuid)
    if (record === undefined) return
    const modification = decodeModification(given.right.body)
    if (E.isLeft(modification)) {
      badRequest(req, res, path, modification.left)
      return
    }
    if (record.endedAt() !== undefined) {
      refuse(req, res, path, 400, 'The call has ended; it can no longer be modified.')
      return
    }
    const change = modification.right
    if (change.action === 'hangup') record.running.hangup()
    else if (change.action === 'transfer') record.running.transfer(change.ncco)
    res.writeHead(204)
    res.end()
    ctx.onResponse({ method: 'PUT', path, status: 204 })
  }

  const route: Router = async (req, res) => {
    let path: string
    try {
      path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    } catch {
      path = req.url ?? '/'
    }
    const method = req.method ?? ''
    // A page whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own name
    // as the Host: only requests addressed to this machine are served.
    const { url, port } = ctx.address()
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      refuse(
        req,
        res,
        path,
        403,
        `The sandbox serves requests to ${url} (or localhost:${port}) only, not to ${JSON.stringify(host.slice(0, 100))}.`,
        { headers: { connection: 'close' } }
      )
      return
    }
    const notAllowed = (allow: string): void =>
      refuse(req, res, path, 405, `${method} is not allowed here; use ${allow}.`, {
        headers: { allow, connection: 'close' }
      })
    if (path === '/v1/calls' || path === '/v2/calls') {
      if (method !== 'POST') return notAllowed('POST')
      return create(path === '/v1/calls' ? 'v1' : 'v2', req, res, path)
    }
    const match = callPath.exec(path)
    if (match !== null) {
      let uuid: string
      try {
        uuid = decodeURIComponent(match[1]!)
      } catch {
        uuid = match[1]!
      }
      if (method === 'GET') return getCall(req, res, path, uuid)
      if (method === 'PUT') return modifyCall(req, res, path, uuid)
      return notAllowed('GET, PUT')
    }
    refuse(
      req,
      res,
      path,
      404,
      `The sandbox serves POST /v1/calls, POST /v2/calls, GET and PUT /v1/calls/{uuid}; not ${method} ${path}.`,
      { headers: { connection: 'close' } }
    )
  }

  return (req, res) =>
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      const reason = error instanceof Error ? error.message : String(error)
      refuse(
        req,
        res,
        req.url ?? '',
        500,
        `The sandbox failed: ${reason}. This is a bug in ncco-kit, please report it.`,
        { headers: { connection: 'close' } }
      )
    })
}
