import { describe, expect, it } from 'vitest'
import { decideRetry, defaultRetryPolicy, parseRetryAfter } from '../../src/sender/retry.js'

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', 0)).toBe(0)
    expect(parseRetryAfter(' 2 ', 0)).toBe(2000)
    expect(parseRetryAfter('120', 0)).toBe(120_000)
  })

  it('reads an HTTP-date relative to now; a past date is 0', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:03 GMT', now)).toBe(3000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0)
  })

  it('ignores what it cannot read', () => {
    for (const header of [null, undefined, '', 'soon', '-1', '1.5', '2e3']) {
      expect(parseRetryAfter(header, 0)).toBeUndefined()
    }
  })
})

describe('decideRetry', () => {
  const policy = defaultRetryPolicy

  it('honours Retry-After exactly, and waits 1 s without one', () => {
    expect(
      decideRetry(
        { reason: 'rate-limited', retryAfterMs: 2500 },
        { attempts: 1, waitedMs: 0 },
        policy
      )
    ).toEqual({ retry: true, delayMs: 2500 })
    expect(
      decideRetry(
        { reason: 'rate-limited', retryAfterMs: undefined },
        { attempts: 1, waitedMs: 0 },
        policy
      )
    ).toEqual({ retry: true, delayMs: 1000 })
  })

  it('backs off after refused connections: 250 ms, 500 ms, 1 s', () => {
    const delays = [1, 2, 3].map((attempts) =>
      decideRetry(
        { reason: 'refused' },
        { attempts, waitedMs: 0 },
        { maxAttempts: 9, maxTotalWaitMs: 10_000 }
      )
    )
    expect(delays).toEqual([
      { retry: true, delayMs: 250 },
      { retry: true, delayMs: 500 },
      { retry: true, delayMs: 1000 }
    ])
  })

  it('stops after maxAttempts', () => {
    expect(decideRetry({ reason: 'refused' }, { attempts: 3, waitedMs: 0 }, policy)).toEqual({
      retry: false
    })
  })

  it('stops when the wait would overrun the budget, even by 1 ms', () => {
    const answer = { reason: 'rate-limited', retryAfterMs: 4000 } as const
    expect(decideRetry(answer, { attempts: 1, waitedMs: 6000 }, policy)).toEqual({
      retry: true,
      delayMs: 4000
    })
    expect(decideRetry(answer, { attempts: 1, waitedMs: 6001 }, policy)).toEqual({ retry: false })
  })
})
