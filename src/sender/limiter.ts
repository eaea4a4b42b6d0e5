/**
 * A client-side limiter for new calls. Vonage allows 3 new outbound calls per second per
 * account and answers more with HTTP 429 (Voice API troubleshooting guide); the limiter makes
 * callers wait their turn instead.
 *
 * It is a sliding window: a call may start when fewer than `callsPerSecond` calls started in the
 * last 1,000 ms. Callers are served strictly in the order they asked. The queue is not bounded:
 * every waiting caller holds its own promise, so a caller that wants back-pressure awaits its
 * calls (or shares one limiter and runs fewer at a time); dropping a queued call would turn a
 * slow call into a failed one, which is the surprise this limiter exists to avoid.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { clockWith, type Clock } from './clock.js'
import type { ConfigProblem } from './config.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface Limiter {
  /** Resolves when the caller may start one call; each resolution uses up one slot. */
  readonly take: () => Promise<void>
}

/**
 * @category model
 * @since 0.1.0
 */
export interface LimiterOptions {
  /** Calls allowed to start in any 1,000 ms window. Default 3, Vonage's account limit. */
  readonly callsPerSecond?: number
  /** Replaces `Date.now()` / `setTimeout` (tests). */
  readonly clock?: Partial<Clock>
}

/**
 * @category constants
 * @since 0.1.0
 */
export const defaultCallsPerSecond = 3

const windowMs = 1_000

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A limiter, or the problem with its options (`callsPerSecond` must be a positive integer).
 * Share one between the clients that use the same Vonage account.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createLimiter } from 'ncco-kit'
 *
 * const limiter = createLimiter({ callsPerSecond: 3 })
 * assert.ok(E.isRight(limiter)) // pass limiter.right to every createClient of the account
 *
 * @category constructors
 * @since 0.1.0
 */
export const createLimiter = (
  options: LimiterOptions = {}
): E.Either<ReadonlyNonEmptyArray<ConfigProblem>, Limiter> => {
  const callsPerSecond = options.callsPerSecond ?? defaultCallsPerSecond
  if (!Number.isSafeInteger(callsPerSecond) || callsPerSecond < 1) {
    return E.left([
      {
        option: 'limiter.callsPerSecond',
        message: `callsPerSecond must be a positive integer, got ${String(callsPerSecond)}.`
      }
    ])
  }
  return E.right(slidingWindow(callsPerSecond, clockWith(options.clock)))
}

const slidingWindow = (callsPerSecond: number, clock: Clock): Limiter => {
  /** Start times of the calls in the current window, oldest first. */
  const starts: number[] = []
  /** The previous caller's turn: each caller waits for it, which keeps the queue in order. */
  let queue: Promise<void> = Promise.resolve()

  const waitForSlot = async (): Promise<void> => {
    for (;;) {
      const now = clock.now()
      while (starts.length > 0 && starts[0]! <= now - windowMs) starts.shift()
      if (starts.length < callsPerSecond) {
        starts.push(now)
        return
      }
      await clock.sleep(starts[0]! + windowMs - now)
    }
  }

  return {
    take: () => {
      const turn = queue.then(waitForSlot)
      queue = turn.catch(() => undefined)
      return turn
    }
  }
}
