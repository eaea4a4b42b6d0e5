/**
 * Every way creating a call can fail, as plain data with a `kind` discriminant. Each kind
 * carries what its reader needs to act: the findings of an invalid request, Vonage's problem
 * details for a refusal, the last `Retry-After` for a rate limit, and above all whether a call
 * may have been created (`mayHaveCreatedCall`), because the Voice API has no idempotency key.
 *
 * No failure ever holds the private key or a token: bodies and error messages that could echo
 * the token are redacted before they are stored (see `client.ts`), and a test serialises every
 * kind to check it.
 *
 * @since 0.1.0
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { formatIssues, type Issue } from '../issue.js'
import { summarizeProblem, type ProblemDetails } from './problem.js'

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
  /** The body as received, cut at 2,000 characters, when it was not empty. */
  readonly body?: string
  /** The `x-nexmo-trace-id` response header, for Vonage support. */
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
  /** `timeout`: no complete answer within `timeoutMs`; `connection-lost`: the connection closed. */
  readonly reason: 'timeout' | 'connection-lost'
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
 * The request could not be sent: connection refused, DNS failure, TLS certificate refused.
 * No call was created. (Connection refused is retried before this is returned.)
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
 * An answer that is not what the Voice API documents: a 2xx whose body does not decode, or a
 * redirect. After a 2xx the call has most likely been created (`callMayExist`).
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
      return false
  }
}

const localSources: Readonly<Record<LocalFailure['source'], string>> = {
  token: 'The bearer-token function',
  limiter: 'The limiter',
  clock: 'The clock',
  internal: 'ncco-kit'
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

const fromVonage = (answer: HttpAnswer): string => {
  const summary = answer.problem === undefined ? undefined : summarizeProblem(answer.problem)
  const said = summary ?? answer.body
  return (
    (said === undefined ? '' : `\nVonage said: ${said}`) +
    (answer.traceId === undefined ? '' : `\nTrace id: ${answer.traceId}`)
  )
}

const afterAttempts = (attempts: number): string =>
  attempts > 1 ? ` (after ${plural(attempts, 'attempt')})` : ''

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`

/** A message as the end of a sentence: without its own final period. */
const clause = (text: string): string => text.replace(/\.+$/, '')

/**
 * A few plain English lines that say what happened, whether a call may exist, and what to do.
 *
 * @example
 * import { describeFailure } from 'ncco-kit'
 *
 * assert.strictEqual(
 *   describeFailure({ kind: 'network', attempts: 3, code: 'ECONNREFUSED', detail: 'connect ECONNREFUSED 127.0.0.1:9' }),
 *   'Could not reach the Voice API (ECONNREFUSED) after 3 attempts: connect ECONNREFUSED 127.0.0.1:9.\nNothing was sent, so no call was created.'
 * )
 *
 * @category destructors
 * @since 0.1.0
 */
export const describeFailure = (failure: CreateCallFailure): string => {
  switch (failure.kind) {
    case 'invalid-request':
      return `The request is invalid; nothing was sent.\n${formatIssues(failure.issues)}`
    case 'local-failure':
      return (
        `${localSources[failure.source]} failed before the request was sent: ${clause(failure.detail)}.` +
        '\nNo call was created.'
      )
    case 'unauthorized':
      return (
        `Vonage refused the credentials (401 Unauthorized)${afterAttempts(failure.attempts)}. ` +
        "Check the application id, that the private key belongs to that application, and this machine's clock." +
        fromVonage(failure) +
        '\nNo call was created.'
      )
    case 'forbidden':
      return (
        `Vonage refused the request (403 Forbidden): the account or application may not create this call.` +
        fromVonage(failure) +
        '\nNo call was created.'
      )
    case 'rate-limited':
      return (
        `Vonage rate-limited the request (429)${failure.attempts > 1 ? ` on each of ${failure.attempts} attempts` : ''}` +
        (failure.retryAfterMs === undefined
          ? '.'
          : `; it asks to wait ${seconds(failure.retryAfterMs)} before trying again.`) +
        ' Vonage allows 3 new calls per second per account.' +
        fromVonage(failure) +
        '\nNo call was created.'
      )
    case 'rejected':
      return (
        `Vonage rejected the request (${failure.status}).` +
        fromVonage(failure) +
        '\nNo call was created.'
      )
    case 'server-error':
      return (
        `The Voice API failed (${failure.status}). It was not retried: the call may have been created before the error.` +
        fromVonage(failure) +
        '\nCheck whether the call exists before sending the request again.'
      )
    case 'outcome-unknown':
      return (
        (failure.reason === 'timeout'
          ? `No complete answer within ${failure.timeoutMs ?? '?'} ms`
          : `The connection was lost before the answer was complete (${clause(failure.detail)})`) +
        (failure.status === undefined ? '' : `; the status was ${failure.status}`) +
        '. The request had been sent: the call may or may not exist.' +
        '\nCheck whether the call exists before sending the request again.'
      )
    case 'network':
      return (
        `Could not reach the Voice API${failure.code === undefined ? '' : ` (${failure.code})`}` +
        `${failure.attempts > 1 ? ` after ${plural(failure.attempts, 'attempt')}` : ''}: ${clause(failure.detail)}.` +
        '\nNothing was sent, so no call was created.'
      )
    case 'unexpected-response':
      return (
        `The Voice API answered ${failure.status}, which is not the documented answer: ${failure.errors.map(clause).join('; ')}.` +
        (failure.traceId === undefined ? '' : `\nTrace id: ${failure.traceId}`) +
        (failure.callMayExist
          ? '\nThe call has probably been created; check before sending the request again.'
          : '\nNo call was created.')
      )
  }
}
