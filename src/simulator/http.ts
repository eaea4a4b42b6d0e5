/**
 * One webhook attempt as the Voice API makes it: a real `Request` through an injected fetch
 * (a URL, or an in-process Fetch handler with no network), a time limit over the whole
 * exchange (a handler that ignores the abort signal is raced, not awaited), a reply read with
 * a size limit, and the real latency measured. Never throws: every way an attempt can fail
 * is a value.
 *
 * @since 0.2.0
 */
import type { FallbackReason } from './payloads.js'
import type { RequestResult } from './transcript.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.2.0
 */
export type Fetch = (request: Request) => Promise<Response>

/**
 * @category model
 * @since 0.2.0
 */
export interface AttemptRequest {
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  readonly timeoutMs: number
  readonly maxReplyBytes: number
}

/**
 * @category model
 * @since 0.2.0
 */
export interface AttemptOutcome {
  readonly result: RequestResult
  readonly status?: number
  readonly reply?: string
  readonly latencyMs: number
  /** Why it failed: completes "could not be reached (…)" for `unreachable`. */
  readonly error?: string
  /** Whether the Voice API would try once more: no answer, a timeout, 429, 503, 504. */
  readonly retryable: boolean
  /** What a fallback request would give as its `reason`. */
  readonly fallbackReason?: FallbackReason
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const retryableStatuses: ReadonlySet<number> = new Set([429, 503, 504])

const clock = (): number =>
  typeof globalThis.performance?.now === 'function' ? globalThis.performance.now() : Date.now()

const field = (u: unknown, key: string): unknown =>
  typeof u === 'object' && u !== null ? (u as Record<string, unknown>)[key] : undefined

/** `fetch failed: connect ECONNREFUSED 127.0.0.1:9`, from the error and its causes. */
const describeError = (error: unknown): { readonly detail: string; readonly code?: string } => {
  const messages: string[] = []
  let code: string | undefined
  for (let e = error, i = 0; e !== undefined && e !== null && i < 8; e = field(e, 'cause'), i++) {
    const message = field(e, 'message')
    const text = typeof message === 'string' && message !== '' ? message : String(e)
    if (!messages.includes(text)) messages.push(text)
    const c = field(e, 'code')
    if (code === undefined && typeof c === 'string') code = c
  }
  const detail = messages.join(': ').slice(0, 300)
  return code === undefined ? { detail } : { detail, code }
}

type Read = { readonly type: 'text'; readonly text: string } | { readonly type: 'too-large' }

const readLimited = async (response: Response, limit: number): Promise<Read> => {
  const declared = Number(response.headers.get('content-length') ?? '')
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined)
    return { type: 'too-large' }
  }
  if (response.body === null) return { type: 'text', text: '' }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      return { type: 'too-large' }
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { type: 'text', text: new TextDecoder().decode(bytes) }
}

const exchange = async (
  fetch: Fetch,
  request: AttemptRequest,
  signal: AbortSignal
): Promise<Omit<AttemptOutcome, 'latencyMs'>> => {
  let response: Response
  try {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
      signal,
      ...(request.body === undefined ? {} : { body: request.body })
    }
    response = await fetch(new Request(request.url, init))
  } catch (error) {
    const { detail, code } = describeError(error)
    return {
      result: 'unreachable',
      error: detail,
      retryable: true,
      fallbackReason: code === 'ECONNRESET' ? 'Connection reset.' : 'Connection closed.'
    }
  }
  let read: Read
  try {
    read = await readLimited(response, request.maxReplyBytes)
  } catch (error) {
    return {
      result: 'unreachable',
      status: response.status,
      error: `the reply was cut off: ${describeError(error).detail}`,
      retryable: true,
      fallbackReason: 'Connection reset.'
    }
  }
  if (read.type === 'too-large') {
    return {
      result: 'too-large',
      status: response.status,
      retryable: false,
      fallbackReason: 'Invalid NCCO.'
    }
  }
  const ok = response.status >= 200 && response.status <= 299
  return ok
    ? { result: 'ok', status: response.status, reply: read.text, retryable: false }
    : {
        result: 'status',
        status: response.status,
        reply: read.text,
        retryable: retryableStatuses.has(response.status),
        fallbackReason: 'Invalid response code.'
      }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Sends one attempt and reads its reply, within `timeoutMs` for the whole exchange.
 *
 * @category destructors
 * @since 0.2.0
 */
export const attempt = async (fetch: Fetch, request: AttemptRequest): Promise<AttemptOutcome> => {
  const controller = new AbortController()
  const started = clock()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      resolve('timeout')
    }, request.timeoutMs)
  })
  // `exchange` never rejects, so losing the race leaves no unhandled rejection behind.
  const outcome = await Promise.race([exchange(fetch, request, controller.signal), timedOut])
  clearTimeout(timer)
  const latencyMs = Math.round(clock() - started)
  if (outcome === 'timeout') {
    return {
      result: 'timeout',
      latencyMs,
      error: `no complete reply within ${request.timeoutMs} ms`,
      retryable: true,
      fallbackReason: 'Socket timeout.'
    }
  }
  return { ...outcome, latencyMs }
}
