/**
 * The wall clock steps back an hour (an NTP step, a VM resumed): the limiter times its window
 * with a monotonic clock, so the next call waits at most one window, and the JWT still reads
 * the wall clock for `iat`/`exp`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '../../src/sender/client.js'
import { createLimiter } from '../../src/sender/limiter.js'
import { startFakeVoiceApi, steps, type FakeVoiceApi } from './fake-voice-api.js'
import { requestV1, rightOf } from './helpers.js'
import { applicationId, keys } from './keys.js'

let api: FakeVoiceApi
beforeEach(async () => {
  api = await startFakeVoiceApi()
})
afterEach(async () => {
  await api.close()
})

const hourMs = 3_600_000

/** A real sleep that records each delay and can be cut short, so a test never waits an hour. */
const recordingSleep = () => {
  const sleeps: number[] = []
  const timers = new Set<ReturnType<typeof setTimeout>>()
  return {
    sleeps,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        sleeps.push(ms)
        const timer = setTimeout(done, Math.min(ms, 5_000))
        function done(): void {
          clearTimeout(timer)
          timers.delete(timer)
          resolve()
        }
        timers.add(timer)
        signal?.addEventListener('abort', done, { once: true })
      }),
    stop: () => {
      for (const timer of timers) clearTimeout(timer)
    }
  }
}

describe('the wall clock steps back an hour', () => {
  it('the next call waits one window at most, and its JWT is issued by the wall clock', async () => {
    await api.script(steps.created(), steps.created())
    let offset = 0
    const wall = () => Date.now() - offset
    const recorder = recordingSleep()
    const made = createClient({
      applicationId,
      privateKey: keys.pkcs8,
      baseUrl: api.url,
      // An iat an hour back is still inside the token's lifetime.
      jwtTtlSeconds: 2 * 3_600,
      limiter: { callsPerSecond: 1 },
      clock: { now: wall, sleep: recorder.sleep }
    })
    if (E.isLeft(made)) throw new Error('client')
    try {
      rightOf(await made.right.createCallV1(requestV1)())
      offset = hourMs
      const started = Date.now()
      const second = await Promise.race([
        made.right.createCallV1(requestV1)(),
        new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 3_000))
      ])
      expect(second).not.toBe('stuck')
      expect(Date.now() - started).toBeLessThan(1_500)
      expect(Math.max(0, ...recorder.sleeps)).toBeLessThanOrEqual(1_000)
      expect(api.posts).toHaveLength(2)
      const [first, next] = api.posts.map((p) => Number(p.claims?.iat))
      expect(Math.round((first! - next!) / 60)).toBe(60)
    } finally {
      recorder.stop()
    }
  })
})

describe('the limiter on a clock that misbehaves', () => {
  it('a monotonic reading that goes back is taken as no time: no sleep longer than the window', async () => {
    let reading = 10 * hourMs
    const sleeps: number[] = []
    const limiter = rightOf(
      createLimiter({
        callsPerSecond: 1,
        clock: {
          monotonic: () => reading,
          sleep: async (ms) => {
            sleeps.push(ms)
            // A limiter that cannot get past the step would sleep for ever: stop it here.
            if (sleeps.length > 10) throw new Error('the limiter keeps sleeping')
            reading += ms
            await Promise.resolve()
          }
        }
      })
    )
    await limiter.take()
    reading -= hourMs
    await limiter.take()
    await limiter.take()
    expect(sleeps).toEqual([1_000, 1_000])
  })
})
