/**
 * Time, as the sender sees it. Two clocks, for two different questions:
 *
 * - the wall clock (`now`) says what time it is, which only the JWT's `iat`/`exp` and a
 *   `Retry-After` HTTP date need;
 * - the monotonic clock (`monotonic`) measures how long something took, which is all the
 *   limiter's window needs. An NTP step or a VM resume can move the wall clock back an hour;
 *   timing the window with it made the next call sleep for that hour.
 *
 * The limiter, the retry loop and the JWT read the time and wait only through a `Clock`, so
 * tests can replace waiting without replacing the network.
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
  /** Milliseconds since the Unix epoch, like `Date.now()`: for the JWT's `iat` and `exp`. */
  readonly now: () => number
  /**
   * Milliseconds from an arbitrary origin that never go back, like `performance.now()`: for
   * measuring waits. When a clock replaces `now` but not `monotonic`, this is derived from
   * the given `now`, with every step back counted as no time at all.
   *
   * @since 0.2.0
   */
  readonly monotonic: () => number
  /** Resolves after `ms` milliseconds, or as soon as `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A reading that never goes back: the forward steps of `source` are summed, a step back
 * counts as zero. Applied to every monotonic source, so a supplied one that misbehaves cannot
 * stall the limiter either.
 *
 * @category constructors
 * @since 0.2.0
 */
export const steady = (source: () => number): (() => number) => {
  let last: number | undefined
  let elapsed = 0
  return () => {
    const reading = source()
    if (!Number.isFinite(reading)) return elapsed
    if (last !== undefined && reading > last) elapsed += reading - last
    last = reading
    return elapsed
  }
}

const performanceNow = (): (() => number) | undefined => {
  const performance: unknown = (globalThis as { readonly performance?: unknown }).performance
  const now =
    typeof performance === 'object' && performance !== null
      ? (performance as { readonly now?: unknown }).now
      : undefined
  return typeof now === 'function' ? () => (now as () => number).call(performance) : undefined
}

const sleepFor = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve()
      return
    }
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, Math.max(0, ms))
    signal?.addEventListener('abort', done, { once: true })
  })

/**
 * The real clock: `Date.now()`, `performance.now()` (or `Date.now()` made steady where the
 * platform has no `performance`) and `setTimeout`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: steady(performanceNow() ?? (() => Date.now())),
  sleep: sleepFor
}

/**
 * The system clock with some of its parts replaced. A replaced `now` without a `monotonic`
 * also times the waits (made steady), so a test clock whose `sleep` moves `now` forward keeps
 * working; a supplied `monotonic` is made steady too.
 *
 * @category constructors
 * @since 0.1.0
 */
export const clockWith = (parts: Partial<Clock> | undefined): Clock => {
  if (parts === undefined) return systemClock
  const now = parts.now ?? systemClock.now
  const monotonic =
    parts.monotonic !== undefined
      ? steady(parts.monotonic)
      : parts.now !== undefined
        ? steady(parts.now)
        : systemClock.monotonic
  return { now, monotonic, sleep: parts.sleep ?? systemClock.sleep }
}
