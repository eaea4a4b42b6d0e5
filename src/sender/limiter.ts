/**
 * A client-side limiter for new calls. Vonage allows 3 new outbound calls per second per
 * account and answers more with HTTP 429 (Voice API troubleshooting guide); the limiter makes
 * callers wait their turn instead.
 *
 * It is a sliding window: a call may start when fewer than `callsPerSecond` calls started in
 * the last 1,000 ms. Callers are served strictly in the order they asked. The window is timed
 * with the clock's monotonic reading, never the wall clock, and no single sleep is longer than
 * the window, so a clock that steps back cannot freeze the queue.
 *
 * A waiting caller can always leave: its `AbortSignal` aborts, or its `timeoutMs` runs out,
 * and it is taken out of the queue at once (the call is then never sent). The queue holds at
 * most `maxQueue` waiting callers; one more is refused at once rather than held for minutes.
 * Each refusal rejects `take` with a `QueueRefusedError` whose `refusal` says why.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { clockWith, type Clock } from './clock.js'
import type { ConfigProblem } from './config-problem.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How long one caller is prepared to wait for its turn.
 *
 * @category model
 * @since 0.2.0
 */
export interface TakeOptions {
  /** Leaves the queue when it aborts: `take` rejects with the `aborted` refusal. */
  readonly signal?: AbortSignal
  /** Longest wait in the queue, in milliseconds; then `take` rejects with `queue-timeout`. */
  readonly timeoutMs?: number
}

/**
 * @category model
 * @since 0.1.0
 */
export interface Limiter {
  /**
   * Resolves when the caller may start one call; each resolution uses up one slot. Rejects
   * with a `QueueRefusedError` when the caller leaves the queue or is refused a place in it.
   * (Since 0.2.0 it takes `TakeOptions`; a limiter written for 0.1.0 may ignore them.)
   */
  readonly take: (options?: TakeOptions) => Promise<void>
}

/**
 * @category model
 * @since 0.1.0
 */
export interface LimiterOptions {
  /** Calls allowed to start in any 1,000 ms window. Default 3, Vonage's account limit. */
  readonly callsPerSecond?: number
  /**
   * Callers that may wait at once (0 to 1,000,000); one more is refused with `queue-full`.
   * Default 100, half a minute of calls at 3 per second.
   *
   * @since 0.2.0
   */
  readonly maxQueue?: number
  /** Replaces `performance.now()` / `setTimeout` (tests). */
  readonly clock?: Partial<Clock>
}

/**
 * Why a caller did not get its turn. Nothing was sent for it.
 *
 * @category model
 * @since 0.2.0
 */
export type QueueRefusal =
  | { readonly reason: 'aborted' }
  | { readonly reason: 'queue-full'; readonly maxQueue: number }
  | { readonly reason: 'queue-timeout'; readonly queueTimeoutMs: number }

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * @category constants
 * @since 0.1.0
 */
export const defaultCallsPerSecond = 3

/**
 * @category constants
 * @since 0.2.0
 */
export const defaultMaxQueue = 100

const maxQueueBound = 1_000_000

/** The window of Vonage's per-second limit, and the longest any one sleep may last. */
const windowMs = 1_000

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

const describeRefusal = (refusal: QueueRefusal): string => {
  switch (refusal.reason) {
    case 'aborted':
      return 'the caller aborted while waiting for its turn'
    case 'queue-full':
      return `the limiter's queue is full (${refusal.maxQueue} waiting)`
    case 'queue-timeout':
      return `no turn within ${refusal.queueTimeoutMs} ms`
  }
}

/**
 * What `take` rejects with when a caller leaves the queue or finds it full.
 *
 * @category errors
 * @since 0.2.0
 */
export class QueueRefusedError extends Error {
  override readonly name = 'QueueRefusedError'
  readonly refusal: QueueRefusal
  constructor(refusal: QueueRefusal) {
    super(describeRefusal(refusal))
    this.refusal = refusal
  }
}

/**
 * Whether `error` is a `QueueRefusedError`, also one made by another copy of ncco-kit (a
 * limiter shared between two bundles).
 *
 * @category errors
 * @since 0.2.0
 */
export const isQueueRefusedError = (error: unknown): error is QueueRefusedError => {
  if (error instanceof QueueRefusedError) return true
  if (!(error instanceof Error) || error.name !== 'QueueRefusedError') return false
  const refusal: unknown = (error as { readonly refusal?: unknown }).refusal
  const reason =
    typeof refusal === 'object' && refusal !== null
      ? (refusal as { readonly reason?: unknown }).reason
      : undefined
  return reason === 'aborted' || reason === 'queue-full' || reason === 'queue-timeout'
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const integerProblem = (option: string, value: number, least: number): ConfigProblem => ({
  option: `limiter.${option}`,
  message:
    least === 1
      ? `${option} must be a positive integer, got ${String(value)}.`
      : `${option} must be an integer from ${least} to ${maxQueueBound}, got ${String(value)}.`
})

/**
 * A limiter, or the problems with its options (`callsPerSecond` a positive integer,
 * `maxQueue` an integer from 0). Share one between the clients that use the same Vonage
 * account.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createLimiter } from 'ncco-kit'
 *
 * const limiter = createLimiter({ callsPerSecond: 3, maxQueue: 50 })
 * assert.ok(E.isRight(limiter)) // pass limiter.right to every createClient of the account
 *
 * @category constructors
 * @since 0.1.0
 */
export const createLimiter = (
  options: LimiterOptions = {}
): E.Either<ReadonlyNonEmptyArray<ConfigProblem>, Limiter> => {
  const callsPerSecond = options.callsPerSecond ?? defaultCallsPerSecond
  const maxQueue = options.maxQueue ?? defaultMaxQueue
  const problems: ConfigProblem[] = []
  if (!Number.isSafeInteger(callsPerSecond) || callsPerSecond < 1) {
    problems.push(integerProblem('callsPerSecond', callsPerSecond, 1))
  }
  if (!Number.isSafeInteger(maxQueue) || maxQueue < 0 || maxQueue > maxQueueBound) {
    problems.push(integerProblem('maxQueue', maxQueue, 0))
  }
  const [first, ...rest] = problems
  if (first !== undefined) return E.left([first, ...rest])
  return E.right(slidingWindow(callsPerSecond, maxQueue, clockWith(options.clock)))
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

interface Waiter {
  /** Monotonic time after which the waiter is refused, when it has a timeout. */
  readonly deadline: number | undefined
  readonly timeoutMs: number | undefined
  readonly admit: () => void
  readonly refuse: (error: unknown) => void
}

const slidingWindow = (callsPerSecond: number, maxQueue: number, clock: Clock): Limiter => {
  /** Monotonic start times of the calls in the current window, oldest first. */
  const starts: number[] = []
  /** Callers waiting for a slot, in the order they asked. */
  const waiting: Waiter[] = []
  let pumping = false
  /** Interrupts the pump's sleep when the queue changes (a caller left, or a new deadline). */
  let wake: AbortController | undefined

  const leave = (waiter: Waiter): void => {
    const index = waiting.indexOf(waiter)
    if (index !== -1) waiting.splice(index, 1)
  }

  const expire = (now: number): void => {
    while (starts.length > 0 && starts[0]! <= now - windowMs) starts.shift()
  }

  /** Serves the queue until it is empty; one pump runs at a time. */
  const pump = async (): Promise<void> => {
    try {
      for (;;) {
        const now = clock.monotonic()
        expire(now)
        for (const waiter of waiting.filter((w) => w.deadline !== undefined && now >= w.deadline)) {
          leave(waiter)
          waiter.refuse(
            new QueueRefusedError({
              reason: 'queue-timeout',
              queueTimeoutMs: waiter.timeoutMs ?? 0
            })
          )
        }
        let admitted = false
        while (waiting.length > 0 && starts.length < callsPerSecond) {
          starts.push(now)
          waiting.shift()!.admit()
          admitted = true
        }
        if (waiting.length === 0) return
        // The callers just admitted start before the next wait begins.
        if (admitted) await Promise.resolve()
        if (waiting.length === 0) return
        const untilSlot = starts[0]! + windowMs - now
        const untilDeadline = Math.min(
          ...waiting.map((w) => (w.deadline === undefined ? Infinity : w.deadline - now))
        )
        wake = new AbortController()
        await clock.sleep(Math.max(0, Math.min(windowMs, untilSlot, untilDeadline)), wake.signal)
        wake = undefined
      }
    } catch (error) {
      // A supplied clock failed: nobody can be served on time, so nobody waits for ever.
      for (const waiter of waiting.splice(0)) waiter.refuse(error)
    } finally {
      pumping = false
      wake = undefined
    }
  }

  const nudge = (): void => {
    if (pumping) {
      wake?.abort()
      return
    }
    // Started on the next tick, so the callers admitted before it run first.
    pumping = true
    void Promise.resolve().then(pump)
  }

  return {
    take: (options = {}) =>
      new Promise<void>((resolve, reject) => {
        const { signal, timeoutMs } = options
        if (signal?.aborted === true) {
          reject(new QueueRefusedError({ reason: 'aborted' }))
          return
        }
        const now = clock.monotonic()
        expire(now)
        if (waiting.length === 0 && starts.length < callsPerSecond) {
          // Served at once: such a caller takes no place in the queue.
          starts.push(now)
          resolve()
          return
        }
        if (waiting.length >= maxQueue) {
          reject(new QueueRefusedError({ reason: 'queue-full', maxQueue }))
          return
        }
        const onAbort = (): void => {
          leave(waiter)
          reject(new QueueRefusedError({ reason: 'aborted' }))
          if (waiting.length === 0) wake?.abort()
        }
        const settled = (): void => signal?.removeEventListener('abort', onAbort)
        const waiter: Waiter = {
          deadline:
            timeoutMs === undefined || !Number.isFinite(timeoutMs)
              ? undefined
              : now + Math.max(0, timeoutMs),
          timeoutMs,
          admit: () => {
            settled()
            resolve()
          },
          refuse: (error) => {
            settled()
            reject(error)
          }
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        waiting.push(waiter)
        nudge()
      })
  }
}
