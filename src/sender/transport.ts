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
 * ky is used with its own retries and timeout off (`retry: 0`, `timeout: false`) and HTTP
 * errors as values (`throwHttpErrors: false`): the retry loop in `client.ts` decides, and one
 * timer here covers the whole attempt, answer body included (ky's timeout stops at the
 * headers). Redirects are not followed: a 3xx is reported, not silently re-sent elsewhere.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import ky from 'ky'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface Lost {
  readonly reason: 'timeout' | 'connection-lost'
  readonly code?: string
  readonly detail: string
}

/**
 * @category model
 * @since 0.1.0
 */
export type AttemptOutcome =
  | {
      readonly type: 'answered'
      readonly status: number
      readonly headers: Headers
      /** The body, or how it was lost after the status line had arrived. */
      readonly body: E.Either<Lost, string>
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

const lostBy = (error: unknown, timedOut: boolean, timeoutMs: number): Lost => {
  if (timedOut) return { reason: 'timeout', detail: `no complete answer within ${timeoutMs} ms` }
  const code = errorCode(error)
  return {
    reason: 'connection-lost',
    ...(code === undefined ? {} : { code }),
    detail: errorDetail(error)
  }
}

/**
 * How an attempt that threw ended. `dispatched`: fetch had been called; `timedOut`: the
 * attempt's timer fired.
 *
 * @category classification
 * @since 0.1.0
 */
export const classifyError = (
  error: unknown,
  state: { readonly dispatched: boolean; readonly timedOut: boolean; readonly timeoutMs: number }
): Exclude<AttemptOutcome, { readonly type: 'answered' }> => {
  const code = errorCode(error)
  const connectPhase = code !== undefined && connectPhaseCodes.has(code)
  if (!state.dispatched || (connectPhase && !state.timedOut)) {
    return { type: 'not-sent', ...(code === undefined ? {} : { code }), detail: errorDetail(error) }
  }
  return { type: 'lost', ...lostBy(error, state.timedOut, state.timeoutMs) }
}

// -------------------------------------------------------------------------------------
// sending
// -------------------------------------------------------------------------------------

/**
 * Sends one POST and reads the whole answer within `timeoutMs`. Never throws.
 *
 * @category sending
 * @since 0.1.0
 */
export const post = async (request: PostRequest): Promise<AttemptOutcome> => {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), request.timeoutMs)
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
        timedOut: controller.signal.aborted,
        timeoutMs: request.timeoutMs
      })
    }
    const answer = { type: 'answered', status: response.status, headers: response.headers } as const
    try {
      return { ...answer, body: E.right(await response.text()) }
    } catch (error) {
      return {
        ...answer,
        body: E.left(lostBy(error, controller.signal.aborted, request.timeoutMs))
      }
    }
  } finally {
    clearTimeout(timer)
  }
}
