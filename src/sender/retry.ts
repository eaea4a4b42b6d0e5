/**
 * When to send a create-call request again.
 *
 * The Voice API has no idempotency key: a request that reached Vonage may have dialled
 * someone, and sending it again may dial them twice. So only answers that prove no call was
 * created are retried:
 *
 * - HTTP 429: Vonage refused the request before doing anything (rate limit, Voice API
 *   troubleshooting guide);
 * - connection refused: the request never left this machine.
 *
 * Everything else (5xx, a timeout, a connection lost after the request was written) is
 * returned to the caller, who can find out whether the call exists before trying again.
 * Retries are bounded twice: by the number of attempts and by the total time spent waiting.
 *
 * @since 0.1.0
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included (1 = never retry). Default 3. */
  readonly maxAttempts: number
  /** Time spent waiting between attempts, summed over the call. Default 10,000 ms. */
  readonly maxTotalWaitMs: number
}

/**
 * An answer that is safe to retry.
 *
 * @category model
 * @since 0.1.0
 */
export type RetryableAnswer =
  | { readonly reason: 'rate-limited'; readonly retryAfterMs: number | undefined }
  | { readonly reason: 'refused' }

/**
 * @category model
 * @since 0.1.0
 */
export type RetryDecision =
  { readonly retry: true; readonly delayMs: number } | { readonly retry: false }

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * @category constants
 * @since 0.1.0
 */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 3, maxTotalWaitMs: 10_000 }

/** A 429 without Retry-After: wait one window of Vonage's per-second limit. */
const rateLimitedDefaultDelayMs = 1_000

/** A refused connection: 250 ms, then 500 ms, 1 s, … */
const refusedBaseDelayMs = 250

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns the
 * delay in milliseconds (a date in the past is 0), or `undefined` when the header is absent or
 * unreadable.
 *
 * @example
 * import { parseRetryAfter } from 'ncco-kit'
 *
 * assert.strictEqual(parseRetryAfter('2', 0), 2000)
 * assert.strictEqual(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1000), 4000)
 * assert.strictEqual(parseRetryAfter('soon', 0), undefined)
 *
 * @category destructors
 * @since 0.1.0
 */
export const parseRetryAfter = (
  header: string | null | undefined,
  nowMs: number
): number | undefined => {
  if (header === null || header === undefined) return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1_000
  const date = Date.parse(value)
  if (Number.isNaN(date) || !/[a-z]/i.test(value)) return undefined
  return Math.max(0, date - nowMs)
}

/**
 * Whether to send again after a retryable answer, and after how long. `attempts` counts the
 * attempts made so far (the one just answered included); `waitedMs` the time already waited.
 * A server's `Retry-After` is honoured exactly; when it would overrun the wait budget the
 * answer is to stop, and the caller reports that `Retry-After`.
 *
 * @category destructors
 * @since 0.1.0
 */
export const decideRetry = (
  answer: RetryableAnswer,
  progress: { readonly attempts: number; readonly waitedMs: number },
  policy: RetryPolicy
): RetryDecision => {
  if (progress.attempts >= policy.maxAttempts) return { retry: false }
  const delayMs =
    answer.reason === 'rate-limited'
      ? (answer.retryAfterMs ?? rateLimitedDefaultDelayMs)
      : refusedBaseDelayMs * 2 ** (progress.attempts - 1)
  if (progress.waitedMs + delayMs > policy.maxTotalWaitMs) return { retry: false }
  return { retry: true, delayMs }
}
