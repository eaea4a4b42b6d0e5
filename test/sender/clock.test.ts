/**
 * The sender's two clocks: a monotonic reading that never goes back, and the wall clock.
 */
import { describe, expect, it } from 'vitest'
import { clockWith, steady } from '../../src/sender/clock.js'

const hourMs = 3_600_000

describe('the monotonic clock', () => {
  it('steady: forward steps add up, a step back adds nothing, a non-number is ignored', () => {
    const readings = [5, 7, 3, 4, Number.NaN, 10]
    const read = steady(() => readings.shift() ?? 10)
    expect([read(), read(), read(), read(), read(), read()]).toEqual([0, 2, 2, 3, 3, 9])
  })

  it('clockWith: a replaced now also times the waits; the system clock uses its own monotonic', () => {
    let now = 1_000
    const clock = clockWith({ now: () => now })
    const start = clock.monotonic()
    now -= hourMs
    expect(clock.monotonic()).toBe(start)
    now += 250
    expect(clock.monotonic()).toBe(start + 250)
    const system = clockWith(undefined)
    expect(system.monotonic()).toBeLessThanOrEqual(system.monotonic())
  })
})
