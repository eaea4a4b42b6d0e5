/**
 * Time, as the sender sees it: the limiter, the retry loop and the JWT's `iat`/`exp` read the
 * time and wait only through a `Clock`, so tests can replace waiting without replacing the
 * network.
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
export interface Clock {
  /** Milliseconds since the Unix epoch, like `Date.now()`. */
  readonly now: () => number
  /** Resolves after `ms` milliseconds. */
  readonly sleep: (ms: number) => Promise<void>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The real clock: `Date.now()` and `setTimeout`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

/**
 * The system clock with some of its parts replaced.
 *
 * @category constructors
 * @since 0.1.0
 */
export const clockWith = (parts: Partial<Clock> | undefined): Clock =>
  parts === undefined ? systemClock : { ...systemClock, ...parts }
