/**
 * Every way creating a call can fail, as plain data with a `kind` discriminant. Each kind
 * carries what its reader needs to act: the findings of an invalid request, Vonage's problem
 * details for a refusal, the last `Retry-After` for a rate limit, and above all whether a call
 * may have been created (`mayHaveCreatedCall`), because the Voice API has no idempotency key.
 *
 * No failure ever holds the private key or a token: every string taken from a response or an
 * error is redacted before it is stored (see `redact.ts`), and a test serialises every kind to
 * check it. How a failure reads is in `failure-message.ts`; how an attempt becomes one, in
 * `verdict.ts`.
 *
 * @since 0.2.0
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { Issue } from '../issue.js'
import type { ProblemDetails } from './problem.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What every failure after an HTTP answer carries.
 *
 * @category model
 * @since 0.1.0
 */
export interface HttpAnswer {
  readonly status: number
  /** Requests sent (POSTs), retries included. */
  readonly attempts: number
  /** Vonage's problem details, when the body was a JSON object (decoded leniently). */
  readonly problem?: ProblemDetails
  /** The body as received (redacted), cut at 2,000 characters, when it was not empty. */
  readonly body?: string
  /** The `x-nexmo-trace-id` header (redacted, cut at 200 characters), for Vonage support. */
  readonly traceId?: string
}

/**
 * The request broke the create-call contract; nothing was sent.
 *
 * @category model
 * @since 0.1.0
 */
export interface InvalidRequest {
  readonly kind: 'invalid-request'
  /** All findings, errors and warnings. */
  readonly issues: ReadonlyNonEmptyArray<Issue>
}

/**
 * Something on this machine failed before the next request went out: the bearer-token
 * function threw or returned something that is not a token, a supplied limiter or clock threw,
 * or (`internal`) ncco-kit itself failed. The failing attempt sent nothing; earlier attempts,
 * if any, were answered 429 or refused, so no call was created.
 *
 * @category model
 * @since 0.1.0
 */
export interface LocalFailure {
  readonly kind: 'local-failure'
  readonly source: 'token' | 'limiter' | 'clock' | 'internal'
  /** Requests sent before the failure (all answered 429). */
  readonly attempts: number
  readonly detail: string
}

/**
 * 401: the credentials were refused (wrong application id, key or clock). No call was created.
 *
 * @category model
 * @since 0.1.0
 */
export interface Unauthorized extends HttpAnswer {
  readonly kind: 'unauthorized'
}

/**
 * 403: the account or application may not do this. No call was created.
 *
 * @category model
 * @since 0.1.0
 */
export interface Forbidden extends HttpAnswer {
  readonly kind: 'forbidden'
}

/**
 * 429 on every attempt allowed. No call was created.
 *
 * @category model
 * @since 0.1.0
 */
export interface RateLimited extends HttpAnswer {
  readonly kind: 'rate-limited'
  /** The last `Retry-After`, in milliseconds, when the server sent a readable one. */
  readonly retryAfterMs?: number
}

/**
 * Any other 4xx: Vonage refused the request. No call was created.
 *
 * @category model
 * @since 0.1.0
 */
export interface Rejected extends HttpAnswer {
  readonly kind: 'rejected'
}

/**
 * 5xx. Not retried: the call may have been created before the error.
 *
 * @category model
 * @since 0.1.0
 */
export interface ServerError extends HttpAnswer {
  readonly kind: 'server-error'
}

/**
 * The request was sent and no complete answer came back: the call may or may not exist.
 *
 * @category model
 * @since 0.1.0
 */
export interface OutcomeUnknown {
  readonly kind: 'outcome-unknown'
  /**
   * `timeout`: no complete answer within `timeoutMs`; `connection-lost`: the connection
   * closed; `aborted` (since 0.2.0): the caller's signal aborted while the request was out.
   */
  readonly reason: 'timeout' | 'connection-lost' | 'aborted'
  readonly attempts: number
  /** The client timeout, for `timeout`. */
  readonly timeoutMs?: number
  /** The status line, when it arrived before the body was lost. */
  readonly status?: number
  /** The system or undici error code (`ECONNRESET`, `UND_ERR_SOCKET`, …). */
  readonly code?: string
  readonly detail: string
}

/**
 * The request could not be sent: connection refused, DNS failure, TLS certificate refused, a
 * URL fetch refuses to connect to (a blocked port). No call was created. (Connection refused
 * is retried before this is returned.)
 *
 * @category model
 * @since 0.1.0
 */
export interface NetworkFailure {
  readonly kind: 'network'
  /** Attempts made, none of which reached Vonage. */
  readonly attempts: number
  readonly code?: string
  readonly detail: string
}

/**
 * An answer that is not what the Voice API documents: a 2xx whose body does not decode, a
 * redirect, or a body larger than the 1 MiB the client reads (whatever the status; reading
 * stops there). After a 2xx the call has most likely been created (`callMayExist`); after a
 * 5xx it may have been.
 *
 * @category model
 * @since 0.1.0
 */
export interface UnexpectedResponse {
  readonly kind: 'unexpected-response'
  readonly status: number
  readonly attempts: number
  readonly callMayExist: boolean
  /** What did not match, in a few words per path. */
  readonly errors: ReadonlyArray<string>
  readonly body?: string
  readonly traceId?: string
}

/**
 * The call was not sent: the caller's signal aborted before it went out (`aborted`), the
 * limiter's queue already held `maxQueue` waiting calls (`queue-full`), or no turn came within
 * `queueTimeoutMs` (`queue-timeout`). Earlier attempts, if any, were answered 429 or refused,
 * so no call was created.
 *
 * @category model
 * @since 0.2.0
 */
export interface NotSent {
  readonly kind: 'not-sent'
  readonly reason: 'aborted' | 'queue-full' | 'queue-timeout'
  /** Requests sent before (all answered 429 or refused). */
  readonly attempts: number
  /** The queue's bound, for `queue-full`. */
  readonly maxQueue?: number
  /** The wait allowed, for `queue-timeout`. */
  readonly queueTimeoutMs?: number
}

/**
 * @category model
 * @since 0.1.0
 */
export type CreateCallFailure =
  | InvalidRequest
  | LocalFailure
  | Unauthorized
  | Forbidden
  | RateLimited
  | Rejected
  | ServerError
  | OutcomeUnknown
  | NetworkFailure
  | UnexpectedResponse
  | NotSent

/**
 * @category model
 * @since 0.1.0
 */
export type FailureKind = CreateCallFailure['kind']

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The failure for an HTTP error status: 401, 403, 429, other 4xx, 5xx.
 *
 * @category constructors
 * @since 0.1.0
 */
export const httpFailure = (
  answer: HttpAnswer,
  retryAfterMs?: number
): Unauthorized | Forbidden | RateLimited | Rejected | ServerError => {
  if (answer.status === 401) return { kind: 'unauthorized', ...answer }
  if (answer.status === 403) return { kind: 'forbidden', ...answer }
  if (answer.status === 429) {
    return retryAfterMs === undefined
      ? { kind: 'rate-limited', ...answer }
      : { kind: 'rate-limited', ...answer, retryAfterMs }
  }
  if (answer.status >= 500) return { kind: 'server-error', ...answer }
  return { kind: 'rejected', ...answer }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Whether Vonage may have created the call despite the failure: the request reached it and
 * no answer ruled a call out. Check the call log before sending such a request again.
 *
 * @category destructors
 * @since 0.1.0
 */
export const mayHaveCreatedCall = (failure: CreateCallFailure): boolean => {
  switch (failure.kind) {
    case 'outcome-unknown':
    case 'server-error':
      return true
    case 'unexpected-response':
      return failure.callMayExist
    case 'invalid-request':
    case 'local-failure':
    case 'unauthorized':
    case 'forbidden':
    case 'rate-limited':
    case 'rejected':
    case 'network':
    case 'not-sent':
      return false
  }
}
