/**
 * The did-you-mean search was rewritten to allocate less (reused rows, candidates skipped by
 * length): it gives the answers of the plain version it replaced, kept here as the reference.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { didYouMean, editDistance } from '../../src/internal/text.js'

const referenceDistance = (a: string, b: string): number => {
  const n = a.length
  const m = b.length
  if (n === 0) return m
  if (m === 0) return n
  let prevPrev: number[] = new Array<number>(m + 1).fill(0)
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j)
  for (let i = 1; i <= n; i++) {
    const cur: number[] = new Array<number>(m + 1).fill(0)
    cur[0] = i
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, prevPrev[j - 2]! + 1)
      }
      cur[j] = v
    }
    prevPrev = prev
    prev = cur
  }
  return prev[m]!
}

const referenceDidYouMean = (input: string, candidates: Iterable<string>): string | undefined => {
  if (input.length > 64) return undefined
  const fold = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '')
  const folded = fold(input)
  let best: string | undefined
  let bestScore = Infinity
  for (const c of candidates) {
    if (c === input) continue
    if (fold(c) === folded) return c
    const d = referenceDistance(input.toLowerCase(), c.toLowerCase())
    const limit = Math.max(1, Math.min(3, Math.floor(Math.max(input.length, c.length) / 4)))
    if (d <= limit && d < bestScore) {
      best = c
      bestScore = d
    }
  }
  return best
}

const word = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'abcdeABCDE_-İı'), maxLength: 10 }),
  fc.constantFrom(
    'eventUrl',
    'event_url',
    'bargeIn',
    'barge-in',
    'language',
    'langauge',
    'İstanbul'
  )
)

describe('did you mean', () => {
  it('edit distances are those of the plain algorithm', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(referenceDistance(a, b))
      }),
      { numRuns: 2000 }
    )
    expect(editDistance('x'.repeat(200), 'y'.repeat(150))).toBe(200)
  })

  it('suggestions are those of the plain search', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (input, candidates) => {
        expect(didYouMean(input, candidates)).toBe(referenceDidYouMean(input, candidates))
      }),
      { numRuns: 3000 }
    )
  })
})
