/**
 * The webhook handler: one Fetch API function (`Request` → `Promise<Response>`) that serves
 * every URL the Voice API calls, so that it runs unchanged on Node (through
 * `ncco-kit/node`'s `toNodeListener`), Deno, Bun, Hono and Cloudflare Workers.
 *
 * For each request it routes by path, reads the body within a size limit, verifies the
 * signature when a secret is configured (before anything else looks at the payload), decodes
 * the payload for its route, calls the application's function with the typed webhook, and
 * validates any NCCO the function returns **before** it answers: an invalid NCCO never leaves.
 * The Voice API goes to the application's fallback URL when the answer URL fails, so a broken
 * NCCO is answered 500 (or with `fallbackNcco`, when given) and reported to `onError`.
 *
 * Every answer has one of the statuses 200, 400, 401, 404, 405, 413 and 500, and the
 * returned promise never rejects. See docs/webhooks.md. The options are checked in
 * handler-options.ts, the body is read by request-body.ts, replies are validated in
 * replies.ts, and what `onError` is told is handler-errors.ts.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { Buildable } from '../builders/builder.js'
import type { Issue } from '../issue.js'
import type { Ncco } from '../ncco/ncco.js'
import { decodeWebhook } from './decode.js'
import type { RouteWebhook, WebhookRoute } from './decode.js'
import type { WebhookHandlerError } from './handler-errors.js'
import { configure } from './handler-options.js'
import type { HandlerConfig, WebhookHandlerOptions } from './handler-options.js'
import { acknowledged, checkNcco, nccoResponse, refusal, replyKinds } from './replies.js'
import { parsePayload, readBody } from './request-body.js'
import { verifyWebhookSignature } from './signature.js'
import type { SignedWebhookClaims } from './signature.js'

export { describeWebhookHandlerError } from './handler-errors.js'
export type {
  BadPayloadError,
  BadSignatureError,
  BodyTooLargeError,
  FunctionFailureContext,
  HandlerInternalError,
  HandlerThrewError,
  InvalidNccoError,
  MissingNccoError,
  WebhookErrorContext,
  WebhookHandlerError
} from './handler-errors.js'
export type { WebhookHandlerOptions } from './handler-options.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What an application's function may return where the Voice API accepts an NCCO: an NCCO, an
 * NCCO builder, or nothing.
 *
 * @category model
 * @since 0.2.0
 */
export type NccoReply = Ncco | Buildable<Ncco> | undefined | void

/**
 * What a function gets beside the webhook: the request as received (its URL keeps any query
 * parameters the application put in an `eventUrl`) and, when signatures are verified, the
 * token's claims.
 *
 * @category model
 * @since 0.2.0
 */
export interface WebhookContext {
  readonly request: Request
  readonly claims?: SignedWebhookClaims
}

/** A function whose return value, if any, is the NCCO to answer with. */
type NccoFunction<R extends WebhookRoute> = (
  webhook: RouteWebhook<R>,
  context: WebhookContext
) => NccoReply | Promise<NccoReply>

/** A function for a webhook the Voice API only wants acknowledged: what it returns (or its
 * promise resolves to) is ignored, a promise is awaited. */
type AckFunction<R extends WebhookRoute> = (
  webhook: RouteWebhook<R>,
  context: WebhookContext
) => unknown

/**
 * The application's functions, one per route, all optional. A route without a function:
 * `answer` and `fallback` answer 404; the others are acknowledged (200) after the signature
 * check, without decoding.
 *
 * @category model
 * @since 0.2.0
 */
export interface WebhookRoutes {
  /** The answer URL. Must return the call's NCCO. */
  readonly answer?: NccoFunction<'answer'>
  /** The application's event URL. An NCCO returned replaces the rest of the call's NCCO where
   * the Voice API takes one (`disconnected`, machine detection, synchronous connect events);
   * nothing means "continue". */
  readonly event?: NccoFunction<'event'>
  /** The fallback answer URL. Must return an NCCO. */
  readonly fallback?: NccoFunction<'fallback'>
  /** An input action's `eventUrl`. An NCCO returned replaces the rest of the flow; nothing
   * means "continue". */
  readonly input?: NccoFunction<'input'>
  /** A notify action's `eventUrl`. Like `input`. */
  readonly notify?: NccoFunction<'notify'>
  /** A record action's `eventUrl`. Acknowledged; a return value is ignored. */
  readonly record?: AckFunction<'record'>
  /** A record transcription's `eventUrl`. Acknowledged; a return value is ignored. */
  readonly transcription?: AckFunction<'transcription'>
}

/**
 * @category model
 * @since 0.2.0
 */
export type WebhookHandler = (request: Request) => Promise<Response>

// -------------------------------------------------------------------------------------
// handling
// -------------------------------------------------------------------------------------

const report = (config: HandlerConfig, error: WebhookHandlerError): void => {
  const onError = config.onError
  if (onError === undefined) return
  try {
    const result: unknown = onError(error)
    // A JavaScript caller may pass an async function: its rejection must not go unhandled.
    if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
      ;(result as Promise<unknown>).then(undefined, () => undefined)
    }
  } catch {
    // The error hook is the caller's; its failure must not change the answer.
  }
}

const handle = async (
  routes: WebhookRoutes,
  config: HandlerConfig,
  request: Request
): Promise<Response> => {
  // 1. Route by path; the query is not part of the route.
  const url = new URL(request.url)
  const route = config.routeByPath.get(url.pathname)
  const fn = route === undefined ? undefined : routes[route]
  if (route === undefined || (fn === undefined && replyKinds[route] === 'required')) {
    return refusal(404, 'not-found')
  }
  const method = request.method
  if (method !== 'GET' && method !== 'POST') {
    return refusal(405, 'method-not-allowed', {}, { allow: 'GET, POST' })
  }
  const at = { route, method, path: url.pathname } as const

  // 2. Read the body, within the limit.
  let rawBody: Uint8Array | undefined
  if (method === 'POST') {
    const read = await readBody(request, config.maxBodyBytes)
    if (read.type === 'too-large') {
      report(config, { kind: 'body-too-large', ...at, status: 413, limit: config.maxBodyBytes })
      return refusal(413, 'body-too-large')
    }
    if (read.type === 'unreadable') return refusal(400, 'unreadable-body')
    rawBody = read.bytes
  }

  // 3. Verify the signature, before anything else looks at the payload.
  let claims: SignedWebhookClaims | undefined
  if (config.verify !== undefined) {
    const authorization = request.headers.get('authorization') ?? undefined
    const verified = await verifyWebhookSignature(
      rawBody === undefined
        ? { method: 'GET', authorization, query: url.searchParams }
        : { method: 'POST', authorization, rawBody },
      config.verify
    )
    if (E.isLeft(verified)) {
      report(config, { kind: 'bad-signature', ...at, status: 401, failure: verified.left })
      return refusal(401, verified.left.code)
    }
    claims = verified.right
  }

  if (fn === undefined) return acknowledged()

  // 4. Decode the payload for its route.
  const payload =
    rawBody === undefined
      ? E.right<ReadonlyNonEmptyArray<Issue>, unknown>(url.searchParams)
      : parsePayload(rawBody, request.headers.get('content-type'))
  const decoded = E.isLeft(payload) ? payload : decodeWebhook(route, payload.right)
  if (E.isLeft(decoded)) {
    report(config, { kind: 'bad-payload', ...at, status: 400, issues: decoded.left })
    return refusal(400, 'bad-payload', { issues: decoded.left })
  }
  const webhook = decoded.right
  const context: WebhookContext = claims === undefined ? { request } : { request, claims }
  const replyKind = replyKinds[route]

  const failed = (
    problem:
      | { readonly kind: 'invalid-ncco'; readonly issues: ReadonlyNonEmptyArray<Issue> }
      | { readonly kind: 'handler-threw'; readonly error: unknown }
      | { readonly kind: 'missing-ncco' }
  ): Response => {
    const fallbackText = replyKind === 'ignored' ? undefined : config.fallbackText
    const usedFallbackNcco = fallbackText !== undefined
    const status = usedFallbackNcco ? 200 : 500
    report(config, { ...problem, ...at, status, webhook, usedFallbackNcco })
    return fallbackText === undefined ? refusal(500, problem.kind) : nccoResponse(fallbackText)
  }

  // 5. Call the function, and 6. validate what it returns before it is sent.
  let reply: unknown
  try {
    reply = await (fn as (w: typeof webhook, c: WebhookContext) => unknown)(webhook, context)
  } catch (error) {
    return failed({ kind: 'handler-threw', error })
  }
  if (replyKind === 'ignored') return acknowledged()
  if (reply === undefined || reply === null) {
    return replyKind === 'required' ? failed({ kind: 'missing-ncco' }) : acknowledged()
  }
  const checked = checkNcco(reply)
  if (E.isRight(checked)) return nccoResponse(checked.right)
  return checked.left.type === 'invalid'
    ? failed({ kind: 'invalid-ncco', issues: checked.left.issues })
    : failed({ kind: 'handler-threw', error: checked.left.error })
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A Fetch API handler for the Voice API's webhooks. Throws (a `TypeError`, or a
 * `NccoValidationError` for an invalid `fallbackNcco`) only when it is made, for a mistake in
 * the options; the handler it returns never rejects.
 *
 * @example
 * import { input, ncco, talk, webhookHandler } from 'ncco-kit'
 *
 * const handler = webhookHandler({
 *   answer: () => ncco(talk('For sales press 1.').bargeIn(true), input.dtmf({ maxDigits: 1 }))
 * })
 * const response = await handler(
 *   new Request('https://example.com/answer?to=447700900000&from=447700900001&uuid=aaaa&conversation_uuid=CON-1')
 * )
 * assert.strictEqual(response.status, 200)
 * assert.deepStrictEqual(await response.json(), [
 *   { action: 'talk', text: 'For sales press 1.', bargeIn: true },
 *   { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } }
 * ])
 *
 * @category constructors
 * @since 0.2.0
 */
export const webhookHandler = (
  routes: WebhookRoutes,
  options: WebhookHandlerOptions = {}
): WebhookHandler => {
  const config = configure(options)
  return async (request) => {
    try {
      return await handle(routes, config, request)
    } catch (error) {
      let path = ''
      try {
        path = new URL(request.url).pathname
      } catch {
        // an unreadable request URL: reported without a path
      }
      report(config, { kind: 'internal', path, status: 500, error })
      return refusal(500, 'internal')
    }
  }
}
