/**
 * One POST, and an exact account of how it ended. This is where "nothing was sent" and "the
 * request was sent, the answer was lost" are told apart, because the retry policy rests on it:
 *
 * - the request never reached the wire: fetch was not called, or the connection failed while
 *   being set up (refused, DNS, unreachable host, TLS certificate refused) ⇒ `not-sent`;
 * - the request may have reached Vonage: a timeout, or the connection closed before the answer
 *   was complete (`ECONNRESET`, "other side closed") ⇒ `lost`. An error this module does not
 *   recognise counts as `lost`: calling a sent request unsent could dial twice, the reverse
 *   only costs a check.
 *
 * - fetch refused the URL without trying it (a port on the Fetch standard's blocked list, such
 *   as 9) ⇒ `not-sent`: that port is checked here before fetch is called, so every runtime
 *   reports it the same way.
 *
 * ky is used with its own retries and timeout off (`retry: 0`, `timeout: false`) and HTTP
 * errors as values (`throwHttpErrors: false`): the retry loop in `send.ts` decides, and one
 * timer here covers the whole attempt, answer body included (ky's timeout stops at the
 * headers). Redirects are not followed: a 3xx is reported, not silently re-sent elsewhere.
 * The body is read with a limit (`response-body.ts`), and of the headers only the few the
 * client reads are kept, so nothing else a server sends can reach a failure.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import ky from 'ky'
import { maxResponseBytes, readBody, type ReadBody } from './response-body.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface Lost {
  /** `aborted`: the caller's signal aborted the attempt. */
  readonly reason: 'timeout' | 'connection-lost' | 'aborted'
  readonly code?: string
  readonly detail: string
}

/**
 * The response headers the client reads: for Vonage support, a redirect's target, a 429's
 * wait.
 *
 * @category model
 * @since 0.2.0
 */
export const keptHeaders = ['x-nexmo-trace-id', 'location', 'retry-after'] as const

/**
 * @category model
 * @since 0.2.0
 */
export type KeptHeaders = Readonly<Partial<Record<(typeof keptHeaders)[number], string>>>

/**
 * @category model
 * @since 0.1.0
 */
export type AttemptOutcome =
  | {
      readonly type: 'answered'
      readonly status: number
      /** Only the `keptHeaders` that were present. */
      readonly headers: KeptHeaders
      /** The body (read up to its limit), or how it was lost after the status line had arrived. */
      readonly body: E.Either<Lost, ReadBody>
    }
  | { readonly type: 'not-sent'; readonly code?: string; readonly detail: string }
  | ({ readonly type: 'lost' } & Lost)

/**
 * @category model
 * @since 0.1.0
 */
export interface PostRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly timeoutMs: number
  /** The caller's signal: aborting it aborts the attempt. */
  readonly signal?: AbortSignal
  /** The most of the answer's body that is read. Default 1 MiB. */
  readonly maxBodyBytes?: number
}

// -------------------------------------------------------------------------------------
// classification
// -------------------------------------------------------------------------------------

/**
 * Error codes raised while a connection is being set up, before any byte of the request is
 * written: DNS, TCP connect, TLS certificate checks.
 *
 * @category classification
 * @since 0.1.0
 */
export const connectPhaseCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EAI_NODATA',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
])

/**
 * The ports fetch refuses to connect to, from the Fetch standard ("bad port"). A request to
 * one of them never leaves the machine.
 *
 * @category classification
 * @since 0.2.0
 */
export const blockedPorts: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080
])

/**
 * Why fetch would refuse `url` without trying it, or `undefined`.
 *
 * @category classification
 * @since 0.2.0
 */
export const refusedByFetch = (url: string): string | undefined => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'the URL is not valid'
  }
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port)
  return blockedPorts.has(port)
    ? `fetch refuses to connect to port ${port}, which the Fetch standard blocks`
    : undefined
}

const field = (u: unknown, key: string): unknown =>
  typeof u === 'object' && u !== null ? (u as Record<string, unknown>)[key] : undefined

/** The errors along `cause` links, the outermost first (fetch wraps the socket error). */
const causeChain = (error: unknown): unknown[] => {
  const chain: unknown[] = []
  for (let e = error; e !== undefined && e !== null && chain.length < 8; e = field(e, 'cause')) {
    chain.push(e)
  }
  return chain
}

/**
 * The first system or undici error code along the cause chain. An `AggregateError` (one
 * error per address tried) has a code only when all its errors share one.
 *
 * @category classification
 * @since 0.1.0
 */
export const errorCode = (error: unknown): string | undefined => {
  for (const e of causeChain(error)) {
    const code = field(e, 'code')
    if (typeof code === 'string') return code
    const inner = field(e, 'errors')
    if (Array.isArray(inner) && inner.length > 0) {
      const codes = new Set(inner.map(errorCode))
      const [only] = codes
      return codes.size === 1 && typeof only === 'string' ? only : undefined
    }
  }
  return undefined
}

/**
 * The messages along the cause chain: `fetch failed: connect ECONNREFUSED 127.0.0.1:9`.
 *
 * @category classification
 * @since 0.1.0
 */
export const errorDetail = (error: unknown): string => {
  const messages = causeChain(error).map((e) => {
    const message = field(e, 'message')
    return typeof message === 'string' && message !== '' ? message : String(e)
  })
  return messages.filter((m, i) => messages.indexOf(m) === i).join(': ')
}

/** Why the attempt's controller aborted, if it did. */
type Stopped = 'timeout' | 'caller' | undefined

const lostBy = (error: unknown, stopped: Stopped, timeoutMs: number): Lost => {
  if (stopped === 'timeout') {
    return { reason: 'timeout', detail: `no complete answer within ${timeoutMs} ms` }
  }
  if (stopped === 'caller') return { reason: 'aborted', detail: 'aborted by the caller' }
  const code = errorCode(error)
  return {
    reason: 'connection-lost',
    ...(code === undefined ? {} : { code }),
    detail: errorDetail(error)
  }
}

/** undici's word for a blocked port, should a port slip past `blockedPorts`. */
const refusedPortMessage = 'bad port'

/**
 * How an attempt that threw ended. `dispatched`: fetch had been called; `timedOut`: the
 * attempt's timer fired; `aborted`: the caller's signal aborted it.
 *
 * @category classification
 * @since 0.1.0
 */
export const classifyError = (
  error: unknown,
  state: {
    readonly dispatched: boolean
    readonly timedOut: boolean
    readonly aborted?: boolean
    readonly timeoutMs: number
  }
): Exclude<AttemptOutcome, { readonly type: 'answered' }> => {
  const code = errorCode(error)
  const connectPhase = code !== undefined && connectPhaseCodes.has(code)
  const refusedPort = causeChain(error).some((e) => field(e, 'message') === refusedPortMessage)
  const stopped: Stopped = state.timedOut
    ? 'timeout'
    : state.aborted === true
      ? 'caller'
      : undefined
  if (!state.dispatched || refusedPort || (connectPhase && stopped === undefined)) {
    return { type: 'not-sent', ...(code === undefined ? {} : { code }), detail: errorDetail(error) }
  }
  return { type: 'lost', ...lostBy(error, stopped, state.timeoutMs) }
}

const pickHeaders = (headers: Headers): KeptHeaders =>
  Object.fromEntries(
    keptHeaders.flatMap((name) => {
      const value = headers.get(name)
      return value === null ? [] : [[name, value] as const]
    })
  )

// -------------------------------------------------------------------------------------
// sending
// -------------------------------------------------------------------------------------

/**
 * Sends one POST and reads the answer, its body up to `maxBodyBytes`, within `timeoutMs`.
 * Never throws.
 *
 * @category sending
 * @since 0.1.0
 */
export const post = async (request: PostRequest): Promise<AttemptOutcome> => {
  const refused = refusedByFetch(request.url)
  if (refused !== undefined) return { type: 'not-sent', detail: refused }
  const controller = new AbortController()
  let stopped: Stopped
  const stop = (why: Exclude<Stopped, undefined>): void => {
    if (stopped !== undefined) return
    stopped = why
    controller.abort()
  }
  const onAbort = (): void => stop('caller')
  const timer = setTimeout(() => stop('timeout'), request.timeoutMs)
  const callerSignal = request.signal
  if (callerSignal?.aborted === true) stop('caller')
  else callerSignal?.addEventListener('abort', onAbort, { once: true })
  let dispatched = false
  try {
    let response: Response
    try {
      response = await ky.post(request.url, {
        body: request.body,
        headers: request.headers,
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        redirect: 'manual',
        signal: controller.signal,
        fetch: (input, init) => {
          dispatched = true
          return globalThis.fetch(input, init)
        }
      })
    } catch (error) {
      return classifyError(error, {
        dispatched,
        timedOut: stopped === 'timeout',
        aborted: stopped === 'caller',
        timeoutMs: request.timeoutMs
      })
    }
    const answer = {
      type: 'answered',
      status: response.status,
      headers: pickHeaders(response.headers)
    } as const
    try {
      return {
        ...answer,
        body: E.right(await readBody(response, request.maxBodyBytes ?? maxResponseBytes))
      }
    } catch (error) {
      return { ...answer, body: E.left(lostBy(error, stopped, request.timeoutMs)) }
    }
  } finally {
    clearTimeout(timer)
    callerSignal?.removeEventListener('abort', onAbort)
  }
}
