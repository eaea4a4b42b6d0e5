/**
 * What one attempt means: a result, a failure, or an answer that may be retried. This is where
 * each failure is built from what the transport saw (already redacted, see `redact.ts`), and
 * where "may a call exist?" is decided for each answer:
 *
 * - nothing sent (refused, DNS, a blocked port, the caller's signal before sending): no;
 * - sent and no complete answer (timeout, connection lost, the caller's signal): maybe;
 * - a 2xx: yes, even when its body does not decode or is too large to read;
 * - a 3xx or 4xx: no; a 5xx: maybe.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  httpFailure,
  type CreateCallFailure,
  type OutcomeUnknown,
  type UnexpectedResponse
} from './failure-kinds.js'
import { bodyExcerpt, decodeProblem, headerExcerpt, type Decode } from './response.js'
import { parseRetryAfter, type RetryableAnswer } from './retry.js'
import type { AttemptOutcome, Lost } from './transport.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A call the API created or accepted, before the request's warnings are added.
 *
 * @category model
 * @since 0.2.0
 */
export interface Sent<A> {
  readonly status: number
  readonly call: A
  readonly attempts: number
}

/**
 * Done (a result or a failure), or an answer that may be retried.
 *
 * @category model
 * @since 0.2.0
 */
export type Verdict<A> =
  | { readonly type: 'done'; readonly result: E.Either<CreateCallFailure, Sent<A>> }
  | {
      readonly type: 'retryable'
      readonly answer: RetryableAnswer
      /** What to return if no retry is allowed. */
      readonly failure: CreateCallFailure
    }

/**
 * What judging needs besides the outcome.
 *
 * @category model
 * @since 0.2.0
 */
export interface Judging<A> {
  /** Requests sent so far, this one included. */
  readonly attempts: number
  readonly decode: Decode<A>
  /** The attempt's timeout, quoted by a timeout failure. */
  readonly timeoutMs: number
  /** Wall-clock time, for a `Retry-After` given as an HTTP date. */
  readonly nowMs: number
  /** Whether the caller's signal has aborted. */
  readonly aborted: boolean
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const done = <A>(result: E.Either<CreateCallFailure, Sent<A>>): Verdict<A> => ({
  type: 'done',
  result
})

const outcomeUnknown = (
  lost: Lost,
  attempts: number,
  timeoutMs: number,
  status?: number
): OutcomeUnknown => ({
  kind: 'outcome-unknown',
  reason: lost.reason,
  attempts,
  ...(status === undefined ? {} : { status }),
  ...(lost.reason === 'timeout' ? { timeoutMs } : {}),
  ...(lost.code === undefined ? {} : { code: lost.code }),
  detail: lost.detail
})

const formatBytes = (bytes: number): string =>
  bytes % 1_048_576 === 0 ? `${bytes / 1_048_576} MiB` : `${bytes.toLocaleString('en-US')} bytes`

/**
 * Judges one attempt's outcome.
 *
 * @category constructors
 * @since 0.2.0
 */
export const judge = <A>(outcome: AttemptOutcome, judging: Judging<A>): Verdict<A> => {
  const { attempts, timeoutMs } = judging
  switch (outcome.type) {
    case 'not-sent': {
      if (judging.aborted) {
        return done(E.left({ kind: 'not-sent', reason: 'aborted', attempts: attempts - 1 }))
      }
      const failure: CreateCallFailure = {
        kind: 'network',
        attempts,
        ...(outcome.code === undefined ? {} : { code: outcome.code }),
        detail: outcome.detail
      }
      return outcome.code === 'ECONNREFUSED'
        ? { type: 'retryable', answer: { reason: 'refused' }, failure }
        : done(E.left(failure))
    }
    case 'lost':
      return done(E.left(outcomeUnknown(outcome, attempts, timeoutMs)))
    case 'answered': {
      const { status, headers } = outcome
      const ok = status >= 200 && status < 300
      if (E.isLeft(outcome.body)) {
        // The status arrived and the body was lost. After a 2xx the call exists; after an
        // error status, that status is the answer.
        if (ok) return done(E.left(outcomeUnknown(outcome.body.left, attempts, timeoutMs, status)))
      }
      const read = E.isRight(outcome.body) ? outcome.body.right : undefined
      const traceId = headerExcerpt(headers['x-nexmo-trace-id'])
      const quoted = (text: string | undefined) => {
        const body = bodyExcerpt(text)
        return {
          ...(body === undefined ? {} : { body }),
          ...(traceId === undefined ? {} : { traceId })
        }
      }
      const unexpected = (
        errors: ReadonlyArray<string>,
        callMayExist: boolean,
        text: string | undefined
      ): UnexpectedResponse => ({
        kind: 'unexpected-response',
        status,
        attempts,
        callMayExist,
        errors,
        ...quoted(text)
      })
      if (read?.type === 'too-large') {
        return done(
          E.left(
            unexpected(
              [`the body is larger than ${formatBytes(read.maxBytes)}; reading stopped there`],
              ok || status >= 500,
              read.head
            )
          )
        )
      }
      const body = read?.text
      if (ok) {
        return done(
          pipe(
            judging.decode(body ?? ''),
            E.bimap(
              (errors): CreateCallFailure => unexpected(errors, true, body),
              (call) => ({ status, call, attempts })
            )
          )
        )
      }
      if (status < 400) {
        const location = headerExcerpt(headers.location)
        return done(
          E.left(
            unexpected(
              [
                `a redirect${location === undefined ? '' : ` to ${location}`}, which is not followed`
              ],
              false,
              body
            )
          )
        )
      }
      const problem = decodeProblem(body)
      const retryAfterMs =
        status === 429 ? parseRetryAfter(headers['retry-after'], judging.nowMs) : undefined
      const failure = httpFailure(
        { status, attempts, ...(problem === undefined ? {} : { problem }), ...quoted(body) },
        retryAfterMs
      )
      return status === 429
        ? { type: 'retryable', answer: { reason: 'rate-limited', retryAfterMs }, failure }
        : done(E.left(failure))
    }
  }
}
