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
 * returned promise never rejects. See docs/webhooks.md.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { NccoValidationError } from '../builders/builder.js'
import type { Buildable } from '../builders/builder.js'
import { formatIssues, makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import type { Ncco } from '../ncco/ncco.js'
import { validateNcco } from '../validate.js'
import { decodeWebhook } from './decode.js'
import type { RouteWebhook, Webhook, WebhookRoute } from './decode.js'
import { verifyWebhookSignature } from './signature.js'
import type {
  SignedWebhookClaims,
  VerifyWebhookOptions,
  WebhookSignatureFailure
} from './signature.js'

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
export interface WebhookHandlerOptions {
  /** The application's signature secret (or a map from API key to secret, for several
   * accounts). When given, every request must carry a valid signed token (401 otherwise). */
  readonly signatureSecret?: string | Readonly<Record<string, string>>
  /** The NCCO to answer with, instead of 500, when a function throws or returns an invalid
   * NCCO, or an answer/fallback function returns nothing. Validated when the handler is made. */
  readonly fallbackNcco?: Ncco | Buildable<Ncco>
  /** Told about every request that was refused or failed. It may throw; that is ignored. */
  readonly onError?: (error: WebhookHandlerError) => void
  /** The path of each route (default `/answer`, `/event`, `/fallback`, `/input`, `/record`,
   * `/transcription`, `/notify`). */
  readonly paths?: Partial<Record<WebhookRoute, string>>
  /** The largest request body read, in bytes (default 1 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number
  /** How far a token's `iat` may lie from now, in seconds (default 300). */
  readonly toleranceSeconds?: number
  /** The clock, in milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number
}

/**
 * What every error report says about the request and the answer given.
 *
 * @category model
 * @since 0.2.0
 */
export interface WebhookErrorContext {
  readonly route: WebhookRoute
  readonly method: 'GET' | 'POST'
  /** The URL's path (the query is left out). */
  readonly path: string
  /** The status the handler answered with. */
  readonly status: number
}

/**
 * The signature check failed (missing, malformed, wrong secret, stale, payload mismatch).
 * Answered 401; no function ran.
 *
 * @category model
 * @since 0.2.0
 */
export interface BadSignatureError extends WebhookErrorContext {
  readonly kind: 'bad-signature'
  readonly failure: WebhookSignatureFailure
}

/**
 * The body is not JSON (a `parse-error` finding) or the payload does not decode for its
 * route (the decoder's findings). Answered 400 with the findings; no function ran.
 *
 * @category model
 * @since 0.2.0
 */
export interface BadPayloadError extends WebhookErrorContext {
  readonly kind: 'bad-payload'
  readonly issues: ReadonlyNonEmptyArray<Issue>
}

/**
 * What every failure of an application's function carries.
 *
 * @category model
 * @since 0.2.0
 */
export interface FunctionFailureContext extends WebhookErrorContext {
  /** The decoded webhook the function was given. */
  readonly webhook: Webhook
  /** Whether `fallbackNcco` was answered (status 200) instead of 500. */
  readonly usedFallbackNcco: boolean
}

/**
 * The function returned an NCCO that fails validation (strict profile). It was not sent.
 *
 * @category model
 * @since 0.2.0
 */
export interface InvalidNccoError extends FunctionFailureContext {
  readonly kind: 'invalid-ncco'
  /** Every finding, errors and warnings, with JSON Pointers into the returned NCCO. */
  readonly issues: ReadonlyNonEmptyArray<Issue>
}

/**
 * The function threw or its promise rejected (or reading the NCCO it returned threw).
 *
 * @category model
 * @since 0.2.0
 */
export interface HandlerThrewError extends FunctionFailureContext {
  readonly kind: 'handler-threw'
  readonly error: unknown
}

/**
 * An answer or fallback function returned nothing: the Voice API needs an NCCO there.
 *
 * @category model
 * @since 0.2.0
 */
export interface MissingNccoError extends FunctionFailureContext {
  readonly kind: 'missing-ncco'
}

/**
 * The body is larger than `maxBodyBytes`. Answered 413; the rest was not read.
 *
 * @category model
 * @since 0.2.0
 */
export interface BodyTooLargeError extends WebhookErrorContext {
  readonly kind: 'body-too-large'
  readonly limit: number
}

/**
 * ncco-kit itself failed while handling the request: a bug, please report it. Answered 500.
 *
 * @category model
 * @since 0.2.0
 */
export interface HandlerInternalError {
  readonly kind: 'internal'
  readonly path: string
  readonly status: 500
  readonly error: unknown
}

/**
 * Everything `onError` is told about, tagged by `kind`. None of it holds a secret or a token.
 *
 * @category model
 * @since 0.2.0
 */
export type WebhookHandlerError =
  | BadSignatureError
  | BadPayloadError
  | InvalidNccoError
  | HandlerThrewError
  | MissingNccoError
  | BodyTooLargeError
  | HandlerInternalError

/**
 * @category model
 * @since 0.2.0
 */
export type WebhookHandler = (request: Request) => Promise<Response>

// -------------------------------------------------------------------------------------
// configuration
// -------------------------------------------------------------------------------------

/** Whether a route's reply is an NCCO the Voice API needs, may take, or ignores. */
const replyKinds = {
  answer: 'required',
  fallback: 'required',
  event: 'optional',
  input: 'optional',
  notify: 'optional',
  record: 'ignored',
  transcription: 'ignored'
} as const satisfies Record<WebhookRoute, 'required' | 'optional' | 'ignored'>

const defaultPaths: Readonly<Record<WebhookRoute, string>> = {
  answer: '/answer',
  event: '/event',
  fallback: '/fallback',
  input: '/input',
  record: '/record',
  transcription: '/transcription',
  notify: '/notify'
}

const allRoutes = Object.keys(defaultPaths) as ReadonlyArray<WebhookRoute>

/** 1 MiB: a webhook is a few hundred bytes; an answer webhook with SIP headers a few KiB. */
const defaultMaxBodyBytes = 1024 * 1024

interface Config {
  readonly routes: WebhookRoutes
  readonly routeByPath: ReadonlyMap<string, WebhookRoute>
  readonly maxBodyBytes: number
  readonly verify: VerifyWebhookOptions | undefined
  /** The fallback NCCO as JSON text, validated. */
  readonly fallbackText: string | undefined
  readonly onError: ((error: WebhookHandlerError) => void) | undefined
}

/** Options are checked once, here; a mistake in them is the programmer's and throws. */
const configure = (routes: WebhookRoutes, options: WebhookHandlerOptions): Config => {
  const routeByPath = new Map<string, WebhookRoute>()
  for (const route of allRoutes) {
    const path = options.paths?.[route] ?? defaultPaths[route]
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(
        `webhookHandler: paths.${route} must be a path starting with "/", got ${JSON.stringify(path)}.`
      )
    }
    const pathname = new URL(path, 'http://localhost').pathname
    const taken = routeByPath.get(pathname)
    if (taken !== undefined) {
      throw new TypeError(
        `webhookHandler: the ${taken} and ${route} routes both have the path ${JSON.stringify(pathname)}.`
      )
    }
    routeByPath.set(pathname, route)
  }
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError(
      `webhookHandler: maxBodyBytes must be a positive whole number of bytes, got ${String(maxBodyBytes)}.`
    )
  }
  let fallbackText: string | undefined
  if (options.fallbackNcco !== undefined) {
    const checked = checkNcco(options.fallbackNcco)
    if (E.isLeft(checked)) {
      if (checked.left.type === 'threw') throw checked.left.error
      throw new NccoValidationError('The fallbackNcco option', checked.left.issues)
    }
    fallbackText = checked.right
  }
  const secret = options.signatureSecret
  if (
    secret !== undefined &&
    (typeof secret === 'string' ? secret === '' : typeof secret !== 'object' || secret === null)
  ) {
    // An empty secret is most often an unset environment variable: refuse to start rather
    // than refuse every call.
    throw new TypeError(
      'webhookHandler: signatureSecret must be a non-empty string or a map from API key to secret.'
    )
  }
  const verify: VerifyWebhookOptions | undefined =
    secret === undefined
      ? undefined
      : {
          secret,
          ...(options.toleranceSeconds === undefined
            ? {}
            : { toleranceSeconds: options.toleranceSeconds }),
          ...(options.now === undefined ? {} : { now: options.now })
        }
  return {
    routes,
    routeByPath,
    maxBodyBytes,
    verify,
    fallbackText,
    onError: options.onError
  }
}

// -------------------------------------------------------------------------------------
// replies
// -------------------------------------------------------------------------------------

/** The answer to a refused request: a short JSON object whose `error` names the reason. */
const refusal = (
  status: number,
  error: string,
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {}
): Response =>
  new Response(JSON.stringify({ error, ...extra }), {
    status,
    headers: { 'content-type': 'application/json', ...headers }
  })

const acknowledged = (): Response => new Response(null, { status: 200 })

const nccoResponse = (text: string): Response =>
  new Response(text, { status: 200, headers: { 'content-type': 'application/json' } })

type NccoProblem =
  | { readonly type: 'invalid'; readonly issues: ReadonlyNonEmptyArray<Issue> }
  | { readonly type: 'threw'; readonly error: unknown }

const isBuildable = (x: unknown): x is Buildable<unknown> =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as { readonly build?: unknown }).build === 'function'

/**
 * The NCCO as the JSON text to send, when it is valid. The text itself is parsed back and
 * validated too, so that what leaves is exactly what was checked (a `toJSON` or a getter
 * cannot slip anything past the validator).
 */
const checkNcco = (reply: unknown): E.Either<NccoProblem, string> => {
  try {
    let value: unknown = reply
    if (isBuildable(reply)) {
      const built = reply.build()
      if (E.isLeft(built)) return E.left({ type: 'invalid', issues: built.left })
      value = built.right.value
    }
    const given = validateNcco(value)
    if (E.isLeft(given)) return E.left({ type: 'invalid', issues: given.left })
    const text = JSON.stringify(value)
    const sent = validateNcco(text === undefined ? undefined : JSON.parse(text))
    if (E.isLeft(sent)) return E.left({ type: 'invalid', issues: sent.left })
    return E.right(text)
  } catch (error) {
    return E.left({ type: 'threw', error })
  }
}

// -------------------------------------------------------------------------------------
// body
// -------------------------------------------------------------------------------------

type BodyRead =
  | { readonly type: 'bytes'; readonly bytes: Uint8Array }
  | { readonly type: 'too-large' }
  | { readonly type: 'unreadable' }

/**
 * Reads the body chunk by chunk and stops at the first byte over `limit`, so that no more than
 * `limit` bytes and one chunk are ever held. A `Content-Length` over the limit is refused
 * without reading; one under it is not trusted.
 */
const readBody = async (request: Request, limit: number): Promise<BodyRead> => {
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > limit) {
    request.body?.cancel().catch(() => undefined)
    return { type: 'too-large' }
  }
  const body = request.body
  if (body === null) return { type: 'bytes', bytes: new Uint8Array(0) }
  let reader: ReadableStreamDefaultReader<unknown>
  try {
    reader = body.getReader()
  } catch {
    return { type: 'unreadable' }
  }
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!(value instanceof Uint8Array)) {
        reader.cancel().catch(() => undefined)
        return { type: 'unreadable' }
      }
      total += value.byteLength
      if (total > limit) {
        reader.cancel().catch(() => undefined)
        return { type: 'too-large' }
      }
      chunks.push(value)
    }
  } catch {
    return { type: 'unreadable' }
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { type: 'bytes', bytes }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The POST payload: JSON, or a form (tolerated; the Voice API sends JSON). */
const parsePayload = (
  bytes: Uint8Array,
  contentType: string | null
): E.Either<ReadonlyNonEmptyArray<Issue>, unknown> => {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return E.left([
      makeIssue('parse-error', '', { format: 'JSON', reason: 'the body is not UTF-8 text' })
    ])
  }
  if (contentType !== null && /^application\/x-www-form-urlencoded\b/i.test(contentType.trim())) {
    return E.right(new URLSearchParams(text))
  }
  try {
    return E.right(JSON.parse(text))
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the body is not JSON'
    return E.left([makeIssue('parse-error', '', { format: 'JSON', reason })])
  }
}

// -------------------------------------------------------------------------------------
// handling
// -------------------------------------------------------------------------------------

const report = (config: Config, error: WebhookHandlerError): void => {
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

const handle = async (config: Config, request: Request): Promise<Response> => {
  const url = new URL(request.url)
  const route = config.routeByPath.get(url.pathname)
  const fn = route === undefined ? undefined : config.routes[route]
  if (route === undefined || (fn === undefined && replyKinds[route] === 'required')) {
    return refusal(404, 'not-found')
  }
  const method = request.method
  if (method !== 'GET' && method !== 'POST') {
    return refusal(405, 'method-not-allowed', {}, { allow: 'GET, POST' })
  }
  const at = { route, method, path: url.pathname } as const

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
  const config = configure(routes, options)
  return async (request) => {
    try {
      return await handle(config, request)
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

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

const errorText = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  try {
    return String(error)
  } catch {
    return 'a value that cannot be shown'
  }
}

/**
 * One readable report of a handler error, for a log. It holds no secret or token (the
 * signature failure's message never does); a thrown error is shown by its name and message.
 *
 * @example
 * import { describeWebhookHandlerError } from 'ncco-kit'
 *
 * assert.strictEqual(
 *   describeWebhookHandlerError({
 *     kind: 'body-too-large', route: 'event', method: 'POST', path: '/event', status: 413, limit: 1024
 *   }),
 *   'POST /event (event): the body is larger than 1024 bytes; answered 413.'
 * )
 *
 * @category destructors
 * @since 0.2.0
 */
export const describeWebhookHandlerError = (error: WebhookHandlerError): string => {
  if (error.kind === 'internal') {
    return `${error.path}: ncco-kit failed (${errorText(error.error)}); answered 500. This is a bug in ncco-kit, please report it.`
  }
  const where = `${error.method} ${error.path} (${error.route})`
  const answered = `answered ${error.status}`
  const instead = (e: FunctionFailureContext): string =>
    e.usedFallbackNcco ? 'answered the fallback NCCO' : 'answered 500'
  switch (error.kind) {
    case 'bad-signature':
      return `${where}: signature refused (${error.failure.code}: ${error.failure.message}); ${answered}.`
    case 'bad-payload':
      return `${where}: the payload does not decode; ${answered}.\n${formatIssues(error.issues)}`
    case 'body-too-large':
      return `${where}: the body is larger than ${error.limit} bytes; ${answered}.`
    case 'invalid-ncco':
      return `${where}: the returned NCCO is invalid and was not sent; ${instead(error)}.\n${formatIssues(error.issues)}`
    case 'handler-threw':
      return `${where}: the function threw (${errorText(error.error)}); ${instead(error)}.`
    case 'missing-ncco':
      return `${where}: the function returned no NCCO, which this route needs; ${instead(error)}.`
  }
}
