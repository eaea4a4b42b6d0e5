/**
 * How a failure reads: `describeFailure` says in a few plain lines what happened, whether a
 * call may exist and what to do; `CreateCallError` carries a failure with that text as its
 * message, for the Promise-returning methods.
 *
 * @since 0.2.0
 */
import { formatIssues } from '../issue.js'
import type { CreateCallFailure, HttpAnswer, LocalFailure, NotSent } from './failure-kinds.js'
import { summarizeProblem } from './problem.js'
import { plural } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

const localSources: Readonly<Record<LocalFailure['source'], string>> = {
  token: 'The bearer-token function',
  limiter: 'The limiter',
  clock: 'The clock',
  internal: 'ncco-kit'
}

const notSentReasons: Readonly<Record<NotSent['reason'], (failure: NotSent) => string>> = {
  aborted: () => 'The call was aborted by its signal before it was sent.',
  'queue-full': (f) =>
    `The limiter's queue was full (${f.maxQueue ?? '?'} calls waiting); the call was not sent.`,
  'queue-timeout': (f) =>
    `The call waited ${f.queueTimeoutMs ?? '?'} ms in the limiter's queue without a turn; it was not sent.`
}

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

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * A wait as people say it: seconds to one decimal under a minute, then whole minutes, then
 * whole hours, and "more than a day" beyond (a server may ask for 10^26 seconds; no exponent
 * ever shows). Rounding never crosses into the next unit's range unannounced: 59.96 s is
 * "1 minute".
 */
const wait = (ms: number): string => {
  if (!(ms >= 0)) return 'an unknown time'
  const tenths = Math.round(ms / 100)
  if (tenths < 600) return `${tenths / 10} s`
  const minutes = Math.round(ms / MINUTE)
  if (minutes < 60) return plural(minutes, 'minute')
  const hours = Math.round(ms / HOUR)
  if (ms <= DAY && hours <= 24) return plural(hours, 'hour')
  return 'more than a day'
}

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
          : `; it asks to wait ${wait(failure.retryAfterMs)} before trying again.`) +
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
          : failure.reason === 'aborted'
            ? 'The call was aborted by its signal while the request was out'
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
        (!failure.callMayExist
          ? '\nNo call was created.'
          : failure.status >= 500
            ? '\nThe call may have been created; check before sending the request again.'
            : '\nThe call has probably been created; check before sending the request again.')
      )
    case 'not-sent':
      return (
        notSentReasons[failure.reason](failure) +
        (failure.attempts === 0
          ? ''
          : ` The ${plural(failure.attempts, 'earlier attempt')} ${failure.attempts === 1 ? 'was' : 'were'} answered 429 or refused.`) +
        '\nNo call was created.'
      )
  }
}

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/**
 * What the Promise-returning methods (`client.createCallV1OrThrow` and the others) reject
 * with: the same `CreateCallFailure` the `TaskEither` methods return, and
 * `describeFailure(failure)` as the message. It never holds the key or a token.
 *
 * @example
 * import { CreateCallError, mayHaveCreatedCall } from 'ncco-kit'
 *
 * const error = new CreateCallError({ kind: 'network', attempts: 1, code: 'ECONNREFUSED', detail: 'connect ECONNREFUSED 127.0.0.1:9' })
 * assert.strictEqual(error.failure.kind, 'network')
 * assert.strictEqual(mayHaveCreatedCall(error.failure), false)
 * assert.ok(error.message.startsWith('Could not reach the Voice API (ECONNREFUSED)'))
 *
 * @category errors
 * @since 0.2.0
 */
export class CreateCallError extends Error {
  override readonly name = 'CreateCallError'
  readonly failure: CreateCallFailure
  constructor(failure: CreateCallFailure) {
    super(describeFailure(failure))
    this.failure = failure
  }
}
