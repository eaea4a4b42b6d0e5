import { describe, expect, it } from 'vitest'
import { createLimiter } from '../../src/sender/limiter.js'
import { leftOf, rightOf } from './helpers.js'

/** A clock whose sleep moves time forward at once. */
const fakeClock = () => {
  let now = 0
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms
      await Promise.resolve()
    }
  }
}

describe('createLimiter', () => {
  it('lets 3 calls start per second by default, in the order they asked', async () => {
    const clock = fakeClock()
    const limiter = rightOf(createLimiter({ clock }))
    const started: Array<[number, number]> = []
    await Promise.all(
      [0, 1, 2, 3, 4, 5, 6].map(async (i) => {
        await limiter.take()
        started.push([i, clock.now()])
      })
    )
    expect(started).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 1000],
      [4, 1000],
      [5, 1000],
      [6, 2000]
    ])
  })

  it('is a sliding window: a slot frees 1 s after the call that used it', async () => {
    const clock = fakeClock()
    const limiter = rightOf(createLimiter({ callsPerSecond: 2, clock }))
    await limiter.take() // t = 0
    await clock.sleep(600)
    await limiter.take() // t = 600
    await limiter.take() // waits for the first slot: t = 1000
    expect(clock.now()).toBe(1000)
    await limiter.take() // waits for the second slot: t = 1600
    expect(clock.now()).toBe(1600)
  })

  it('does not wait when calls are spread out', async () => {
    const clock = fakeClock()
    const limiter = rightOf(createLimiter({ callsPerSecond: 1, clock }))
    for (let i = 0; i < 3; i++) {
      await limiter.take()
      await clock.sleep(1000)
    }
    expect(clock.now()).toBe(3000)
  })

  it('reports a rate that is not a positive integer', () => {
    for (const callsPerSecond of [0, -1, 1.5, Number.NaN]) {
      expect(leftOf(createLimiter({ callsPerSecond }))).toEqual([
        {
          option: 'limiter.callsPerSecond',
          message: `callsPerSecond must be a positive integer, got ${String(callsPerSecond)}.`
        }
      ])
    }
  })
})
