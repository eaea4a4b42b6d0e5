import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { createLimiter, QueueRefusedError } from '../../src/sender/limiter.js'
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

describe('createLimiter: leaving the queue', () => {
  it('an aborted waiter leaves; the ones behind it move up and keep their order', async () => {
    const clock = fakeClock()
    const limiter = rightOf(createLimiter({ callsPerSecond: 1, clock }))
    const controller = new AbortController()
    const order: string[] = []
    const take = (name: string, signal?: AbortSignal) =>
      limiter.take(signal === undefined ? {} : { signal }).then(
        () => order.push(`${name}@${clock.now()}`),
        (e: unknown) =>
          order.push(`${name}:${e instanceof QueueRefusedError ? e.refusal.reason : 'other'}`)
      )
    const all = [take('a'), take('b', controller.signal), take('c')]
    controller.abort()
    await Promise.all(all)
    // c moves up to b's turn: 1 s, not 2 s.
    expect(order).toEqual(['a@0', 'b:aborted', 'c@1000'])
  })

  it('reports a maxQueue that is not an integer from 0', () => {
    expect(createLimiter({ maxQueue: -1 })).toEqual(
      E.left([
        {
          option: 'limiter.maxQueue',
          message: 'maxQueue must be an integer from 0 to 1000000, got -1.'
        }
      ])
    )
    expect(E.isRight(createLimiter({ maxQueue: 0 }))).toBe(true)
  })
})
