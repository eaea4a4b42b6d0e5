/**
 * Sending a prepared call: the attempt loop. Each attempt waits for its turn in the limiter,
 * gets a fresh token, POSTs once, has everything that came back redacted, and is judged;
 * only an answer that proves no call was created is retried (`retry.ts`).
 *
 * The caller's `AbortSignal` is honoured at every wait: before the first attempt, in the
 * limiter's queue (the call leaves it and is never sent), while a retry is pending, and while
 * the request is out (then the call may exist). Exceptions from supplied functions (the token
 * function, a limiter, a clock) stop here and become failures: the task never rejects.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Authentication, ClientConfig } from './config.js'
import type { CreateCallFailure, LocalFailure, NotSent } from './failure-kinds.js'
import { signVoiceJwt } from './jwt.js'
import { isQueueRefusedError, type QueueRefusal } from './limiter.js'
import type { PreparedCall } from './prepare.js'
import { redactOutcome, redactorFor } from './redact.js'
import type { Decode } from './response.js'
import { decideRetry } from './retry.js'
import { post } from './transport.js'
import { judge } from './verdict.js'
import type { Issue } from '../issue.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface CallCreated<A> {
  /** The HTTP status: 201 for v1, 202 for v2. */
  readonly status: number
  /** v1: the decoded `CreateCallV1Response`; v2: the body, `{}` when empty. */
  readonly call: A
  /** Requests sent, retries after 429 included. */
  readonly attempts: number
  /** Validation warnings of the request. */
  readonly warnings: ReadonlyArray<Issue>
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

class Local extends Error {
  constructor(
    readonly source: LocalFailure['source'],
    readonly detail: string
  ) {
    super(detail)
  }
}

/** The call left before it was sent; `attempts` is filled in where it is caught. */
class Withdrawn extends Error {
  constructor(readonly refusal: QueueRefusal) {
    super(refusal.reason)
  }
}

const describeThrown = (error: unknown): string =>
  error instanceof Error && error.message !== '' ? error.message : String(error)

/** Runs a supplied function; its exception becomes a `Local` naming the source. */
const supplied = async <A>(source: LocalFailure['source'], f: () => A | Promise<A>): Promise<A> => {
  try {
    return await f()
  } catch (error) {
    throw new Local(source, describeThrown(error))
  }
}

/** Throws `Withdrawn` when the caller's signal has aborted. */
const stillWanted = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted === true) throw new Withdrawn({ reason: 'aborted' })
}

/**
 * Resolves with `task`, or rejects with `Withdrawn` as soon as `signal` aborts: a supplied
 * limiter or clock that ignores the signal cannot keep the caller waiting.
 */
const unlessAborted = <A>(signal: AbortSignal | undefined, task: Promise<A>): Promise<A> => {
  if (signal === undefined) return task
  stillWanted(signal)
  return new Promise<A>((resolve, reject) => {
    const onAbort = (): void => reject(new Withdrawn({ reason: 'aborted' }))
    signal.addEventListener('abort', onAbort, { once: true })
    task.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

const takeTurn = async (config: ClientConfig, signal: AbortSignal | undefined): Promise<void> => {
  const limiter = config.limiter
  if (limiter === undefined) return
  try {
    await unlessAborted(
      signal,
      Promise.resolve().then(() =>
        limiter.take({
          ...(signal === undefined ? {} : { signal }),
          timeoutMs: config.queueTimeoutMs
        })
      )
    )
  } catch (error) {
    if (error instanceof Withdrawn) throw error
    if (isQueueRefusedError(error)) throw new Withdrawn(error.refusal)
    throw new Local('limiter', describeThrown(error))
  }
  // A limiter written for 0.1.0 ignores the signal: an aborted caller is still never sent.
  stillWanted(signal)
}

/** RFC 6750 b64token: what may follow "Bearer " in a header. */
const bearerToken = /^[A-Za-z0-9\-._~+/]+=*$/

const tokenFor = async (auth: Authentication, nowMs: number): Promise<string> => {
  if (auth.type === 'key') {
    return supplied('internal', () =>
      signVoiceJwt(auth.key, {
        applicationId: auth.applicationId,
        issuedAt: Math.floor(nowMs / 1000),
        ttlSeconds: auth.ttlSeconds
      })
    )
  }
  const token: unknown = await supplied('token', auth.token)
  if (typeof token !== 'string' || !bearerToken.test(token)) {
    throw new Local(
      'token',
      typeof token === 'string'
        ? 'the token function returned a string that is not a bearer token (empty, or with spaces or other characters a header cannot carry)'
        : `the token function returned ${token === null ? 'null' : typeof token}, not a string`
    )
  }
  return token
}

/**
 * The wall-clock time of an answer, for a `Retry-After` date. The request is out by now, so
 * a clock that throws here must not turn the answer into a local failure: the time it was
 * sent stands in.
 */
const answeredAt = (config: ClientConfig, sentAt: number): number => {
  try {
    return config.clock.now()
  } catch {
    return sentAt
  }
}

/** How far a call got; read where an exception is caught. */
interface Progress {
  attempts: number
  /** True while a request is out and nothing has ruled out that it created a call. */
  inFlight: boolean
}

/** The failure for a refusal; only its known fields are kept (a limiter may be anyone's). */
const notSent = (refusal: QueueRefusal, attempts: number): NotSent => {
  switch (refusal.reason) {
    case 'aborted':
      return { kind: 'not-sent', reason: 'aborted', attempts }
    case 'queue-full':
      return {
        kind: 'not-sent',
        reason: 'queue-full',
        attempts,
        ...(typeof refusal.maxQueue === 'number' ? { maxQueue: refusal.maxQueue } : {})
      }
    case 'queue-timeout':
      return {
        kind: 'not-sent',
        reason: 'queue-timeout',
        attempts,
        ...(typeof refusal.queueTimeoutMs === 'number'
          ? { queueTimeoutMs: refusal.queueTimeoutMs }
          : {})
      }
  }
}

/** The one place where exceptions stop: a supplied function that threw, or a bug. */
const fromException = (error: unknown, progress: Progress): CreateCallFailure => {
  if (error instanceof Withdrawn) return notSent(error.refusal, progress.attempts)
  const detail = error instanceof Local ? error.detail : describeThrown(error)
  if (progress.inFlight) {
    return {
      kind: 'outcome-unknown',
      reason: 'connection-lost',
      attempts: progress.attempts,
      detail
    }
  }
  return {
    kind: 'local-failure',
    source: error instanceof Local ? error.source : 'internal',
    attempts: progress.attempts,
    detail
  }
}

const attemptLoop = async <A>(
  config: ClientConfig,
  prepared: PreparedCall,
  decode: Decode<A>,
  signal: AbortSignal | undefined,
  progress: Progress
): Promise<E.Either<CreateCallFailure, CallCreated<A>>> => {
  let waitedMs = 0
  for (;;) {
    stillWanted(signal)
    await takeTurn(config, signal)
    const now = await supplied('clock', () => config.clock.now())
    const token = await tokenFor(config.authentication, now)
    stillWanted(signal)
    progress.attempts++
    progress.inFlight = true
    const outcome = await post({
      url: prepared.url,
      headers: { ...prepared.headers, authorization: `Bearer ${token}` },
      body: prepared.body,
      timeoutMs: config.timeoutMs,
      ...(signal === undefined ? {} : { signal })
    })
    const verdict = judge(redactOutcome(outcome, redactorFor(token)), {
      attempts: progress.attempts,
      decode,
      timeoutMs: config.timeoutMs,
      nowMs: answeredAt(config, now),
      aborted: signal?.aborted === true
    })
    if (verdict.type === 'done') {
      return pipe(
        verdict.result,
        E.map((sent) => ({ ...sent, warnings: prepared.warnings }))
      )
    }
    progress.inFlight = false
    const decision = decideRetry(
      verdict.answer,
      { attempts: progress.attempts, waitedMs },
      config.retry
    )
    if (!decision.retry) return E.left(verdict.failure)
    await unlessAborted(
      signal,
      supplied('clock', () => config.clock.sleep(decision.delayMs, signal))
    )
    waitedMs += decision.delayMs
  }
}

// -------------------------------------------------------------------------------------
// sending
// -------------------------------------------------------------------------------------

/**
 * Sends a prepared call, retrying what may be retried. Never rejects.
 *
 * @category sending
 * @since 0.2.0
 */
export const sendPrepared = async <A>(
  config: ClientConfig,
  prepared: PreparedCall,
  decode: Decode<A>,
  signal: AbortSignal | undefined
): Promise<E.Either<CreateCallFailure, CallCreated<A>>> => {
  const progress: Progress = { attempts: 0, inFlight: false }
  try {
    return await attemptLoop(config, prepared, decode, signal, progress)
  } catch (error) {
    return E.left(fromException(error, progress))
  }
}
