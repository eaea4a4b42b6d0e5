/**
 * The recipient state machine in Redis, step by step: the scripts that make "at most one dial"
 * hold, and the shared limit.
 */
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeTurn } from '../../src/campaign/limit.js'
import { begin, campaignKeys, enroll, finish, requeue } from '../../src/campaign/store.js'
import { redisAvailable, startRedis, type TestRedis } from './redis-server.js'

const recipient = { line: 2, label: '447700900001', request: { to: [] } }

describe.skipIf(!redisAvailable())('campaign store (real Redis)', () => {
  let server: TestRedis
  let redis: Redis
  beforeAll(async () => {
    server = await startRedis()
    redis = new Redis(server.url)
  }, 20_000)
  afterAll(async () => {
    redis?.disconnect()
    await server?.close()
  })

  const now = async (): Promise<number> => {
    const [s, us] = await redis.time()
    return Number(s) * 1000 + Math.floor(Number(us) / 1000)
  }
  const counts = async (name: string) => redis.hgetall(campaignKeys(name).counts)

  it('queued → in flight → placed; a second job for it finds it done', async () => {
    expect(await enroll(redis, 'a', [['r1', recipient]])).toEqual([['new', 0]])
    expect(await enroll(redis, 'a', [['r1', recipient]])).toEqual([['queued', 0]])
    const turn = { at: await now(), maxAgeMs: 1000 }
    expect(await begin(redis, 'a', 'r1', 0, 'w1', 'taken over', turn)).toEqual({
      verdict: 'begun',
      attempts: 1
    })
    expect(await counts('a')).toEqual({ total: '1', queued: '0', 'in-flight': '1' })
    expect(await finish(redis, 'a', 'r1', 'w2', 'placed', { uuid: 'x' })).toBe('lost')
    expect(await finish(redis, 'a', 'r1', 'w1', 'placed', { uuid: 'u-1' })).toBe('placed')
    expect(await begin(redis, 'a', 'r1', 0, 'w3', 'taken over', turn)).toEqual({
      verdict: 'done',
      outcome: 'placed'
    })
    expect(await counts('a')).toEqual({ total: '1', queued: '0', 'in-flight': '0', placed: '1' })
    expect(JSON.parse((await redis.hget(campaignKeys('a').state, 'r1'))!)).toMatchObject({
      s: 'placed',
      uuid: 'u-1',
      attempts: 1
    })
  })

  it('a job that finds its recipient in flight ends it unknown and sends nothing; the first worker may still correct it', async () => {
    await enroll(redis, 'b', [['r1', recipient]])
    const turn = { at: await now(), maxAgeMs: 1000 }
    await begin(redis, 'b', 'r1', 0, 'w1', 'taken over', turn)
    expect(await begin(redis, 'b', 'r1', 0, 'w2', 'taken over', turn)).toEqual({
      verdict: 'taken-over',
      attempts: 1
    })
    expect(JSON.parse((await redis.hget(campaignKeys('b').state, 'r1'))!)).toMatchObject({
      s: 'unknown',
      reason: 'taken over',
      t: 'w1'
    })
    expect(await counts('b')).toMatchObject({ 'in-flight': '0', unknown: '1' })
    // The first worker was alive after all, and knows the answer: it wins.
    expect(await finish(redis, 'b', 'r1', 'w1', 'placed', { uuid: 'u-2' })).toBe('placed')
    expect(await counts('b')).toMatchObject({ unknown: '0', placed: '1' })
  })

  it('a release after a take-over is failed (nothing was sent, and no job is left to retry)', async () => {
    await enroll(redis, 'c', [['r1', recipient]])
    const turn = { at: await now(), maxAgeMs: 1000 }
    await begin(redis, 'c', 'r1', 0, 'w1', 'taken over', turn)
    await begin(redis, 'c', 'r1', 0, 'w2', 'taken over', turn)
    expect(await finish(redis, 'c', 'r1', 'w1', 'queued', { reason: 'refused' })).toBe('failed')
  })

  it('a turn older than allowed changes nothing; a stale generation cannot act', async () => {
    await enroll(redis, 'd', [['r1', recipient]])
    expect(
      await begin(redis, 'd', 'r1', 0, 'w1', 'x', { at: (await now()) - 500, maxAgeMs: 50 })
    ).toEqual({ verdict: 'late' })
    expect(await counts('d')).toEqual({ total: '1', queued: '1' })
    await begin(redis, 'd', 'r1', 0, 'w1', 'x', { at: await now(), maxAgeMs: 1000 })
    await finish(redis, 'd', 'r1', 'w1', 'rejected', { reason: '400' })
    expect(await requeue(redis, 'd', 'r1', 'unknown')).toBeUndefined()
    expect(await requeue(redis, 'd', 'r1', 'rejected')).toBe(1)
    expect(
      await begin(redis, 'd', 'r1', 0, 'w2', 'x', { at: await now(), maxAgeMs: 1000 })
    ).toEqual({ verdict: 'stale', outcome: 'queued' })
    expect(
      await begin(redis, 'd', 'r1', 1, 'w2', 'x', { at: await now(), maxAgeMs: 1000 })
    ).toEqual({ verdict: 'begun', attempts: 2 })
  })

  it('the shared limit gives 3 turns per window to any number of waiters, and lets an aborted one go', async () => {
    const queue = `limit-${Date.now()}`
    const stop = new AbortController()
    const times = await Promise.all(
      Array.from({ length: 7 }, async () => {
        const at = await takeTurn(redis, queue, { callsPerSecond: 3, marginMs: 0 }, stop.signal)
        return at!
      })
    )
    const sorted = [...times].sort((a, b) => a - b)
    for (let i = 3; i < sorted.length; i += 1)
      expect(sorted[i]! - sorted[i - 3]!).toBeGreaterThanOrEqual(1000)
    stop.abort()
    expect(await takeTurn(redis, queue, { callsPerSecond: 3 }, stop.signal)).toBeUndefined()
  }, 15_000)
})
