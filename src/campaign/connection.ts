/**
 * Redis connections for campaigns: from a URL (`redis://`, `rediss://`), checked before use,
 * with a bounded first connection (a wrong URL is an error within seconds, not a process
 * that retries for ever) and a password that never appears in a message.
 *
 * @since 0.3.0
 */
import { Redis } from 'ioredis'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A Redis URL, or a connection the application made (then it is the application's to close).
 *
 * @category model
 * @since 0.3.0
 */
export type RedisSource = string | Redis

/**
 * @category model
 * @since 0.3.0
 */
export class CampaignRedisError extends Error {
  override readonly name = 'CampaignRedisError'
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The URL without its password, for messages.
 *
 * @category destructors
 * @since 0.3.0
 */
export const redactRedisUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    // ioredis also takes credentials from the query (?password=…).
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass|user|token|secret|auth/i.test(key)) parsed.searchParams.set(key, '***')
    }
    return parsed.toString()
  } catch {
    return '(not a URL)'
  }
}

/**
 * Why a Redis URL cannot be used, or `undefined`.
 *
 * @category destructors
 * @since 0.3.0
 */
export const redisUrlProblem = (url: string): string | undefined => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'the Redis URL is not a URL (e.g. redis://127.0.0.1:6379)'
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    return `the Redis URL must start with redis:// or rediss://, not ${parsed.protocol}//`
  }
  return undefined
}

/**
 * Connects and waits until Redis answers, at most `timeoutMs` (default 5,000). Later
 * disconnections are retried (every 0.2 to 2 s) while the connection is in use. BullMQ
 * needs `maxRetriesPerRequest: null` on the connections its workers use.
 *
 * @category destructors
 * @since 0.3.0
 */
export const connectRedis = async (
  source: RedisSource,
  options: { readonly timeoutMs?: number } = {}
): Promise<{ readonly redis: Redis; readonly owned: boolean }> => {
  if (typeof source !== 'string') return { redis: source, owned: false }
  const problem = redisUrlProblem(source)
  if (problem !== undefined) throw new CampaignRedisError(problem)
  const redis = new Redis(source, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectTimeout: options.timeoutMs ?? 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000)
  })
  // Errors after the first connection are retried by ioredis; without a listener Node would
  // print each one.
  redis.on('error', () => undefined)
  const timeoutMs = options.timeoutMs ?? 5000
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs)
      })
    ])
    await redis.ping()
  } catch (e) {
    redis.disconnect()
    const why = e instanceof Error ? e.message.replace(/\/\/[^@/]*@/g, '//***@') : String(e)
    throw new CampaignRedisError(`cannot reach Redis at ${redactRedisUrl(source)}: ${why}`)
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
  return { redis, owned: true }
}

/**
 * Closes a connection this module opened; leaves the application's own alone.
 *
 * @category destructors
 * @since 0.3.0
 */
export const release = async (
  connection: { readonly redis: Redis; readonly owned: boolean },
  timeoutMs = 5000
): Promise<void> => {
  if (!connection.owned) return
  // QUIT waits for Redis; a Redis that is away gets the socket closed instead.
  const quit = connection.redis.quit().then(
    () => true,
    () => false
  )
  const timer = new Promise<boolean>((resolve) => {
    setTimeout(() => resolve(false), timeoutMs).unref()
  })
  if (!(await Promise.race([quit, timer]))) connection.redis.disconnect()
}
