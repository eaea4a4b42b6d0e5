/**
 * One calls-per-second limit for every worker of a queue, on every machine: a sliding window
 * kept in Redis and timed by the Redis server's clock (so machines whose clocks disagree
 * share one timeline). A worker takes a turn just before its request leaves; without a turn
 * it waits as long as the window says, and can be stopped while it waits.
 *
 * The window is the account's second plus a margin (default 200 ms), so that requests that
 * leave 1,000 ms apart but travel at different speeds still arrive at most N in any second.
 *
 * @since 0.3.0
 */
import type { Redis } from 'ioredis'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.3.0
 */
export interface SharedLimit {
  /** New calls per second for the whole account (Vonage's default: 3). */
  readonly callsPerSecond: number
  /** Added to the one-second window, for the time requests take to arrive. Default 200. */
  readonly marginMs?: number
  /** How old a turn may be when the request leaves; an older one is given up. Default 50. */
  readonly maxTurnAgeMs?: number
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/**
 * KEYS: the window's sorted set. ARGV: calls allowed, window in ms, a unique member.
 * Returns {1, the Redis time of the turn} with a turn taken, or {0, ms to wait}.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return {1, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now + 1}
`

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

let counter = 0

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The Redis key of a queue's window.
 *
 * @category constructors
 * @since 0.3.0
 */
export const limitKey = (queue: string): string => `ncco:limit:{${queue}}`

/**
 * KEYS: the queue's agreed rate. ARGV: this worker's calls per second, how long the agreement
 * lasts (ms). The first worker sets the rate; every worker renews it while it runs, so it
 * lapses a minute after the last one stops.
 */
const CLAIM = `
local agreed = redis.call('GET', KEYS[1])
if agreed and agreed ~= ARGV[1] then return agreed end
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
return ARGV[1]
`

/**
 * Makes sure that every worker of a queue counts the same limit: `true`, or the message for a
 * worker started with another `callsPerSecond` than the workers running (whose turns would
 * otherwise add up to more than the account allows).
 *
 * @category constructors
 * @since 0.3.0
 */
export const claimLimit = async (
  redis: Redis,
  queue: string,
  callsPerSecond: number
): Promise<true | string> => {
  const agreed = String(
    await redis.eval(CLAIM, 1, `${limitKey(queue)}:cps`, String(callsPerSecond), '60000')
  )
  return agreed === String(callsPerSecond)
    ? true
    : `the workers of queue ${queue} run at ${agreed} calls per second; start this one with --cps ${agreed} (or stop them all first)`
}

/**
 * Waits for a turn in the shared window. Resolves with the Redis time of the turn taken, or
 * `undefined` if `signal` aborted first (no turn is taken then). A turn is good for a moment
 * only: `begin` (store.ts) refuses one older than `maxTurnAgeMs`, so that a worker that was
 * held up (descheduled, in a long GC pause) between its turn and its request cannot send late
 * and land in the next second together with that second's calls.
 *
 * @category constructors
 * @since 0.3.0
 */
export const takeTurn = async (
  redis: Redis,
  queue: string,
  limit: SharedLimit,
  signal: AbortSignal
): Promise<number | undefined> => {
  const window = 1000 + (limit.marginMs ?? 200)
  for (;;) {
    if (signal.aborted) return undefined
    counter += 1
    const member = `${process.pid}.${Date.now()}.${counter}.${Math.random().toString(36).slice(2)}`
    const reply = (await redis.eval(
      TAKE,
      1,
      limitKey(queue),
      String(limit.callsPerSecond),
      String(window),
      member
    )) as ReadonlyArray<number>
    if (reply[0] === 1) return Number(reply[1])
    // Waiters wake at slightly different times, so that they do not all ask at once.
    const wait = Math.min(Math.max(Number(reply[1]), 1), window) + Math.floor(Math.random() * 20)
    await sleep(wait, signal)
  }
}
