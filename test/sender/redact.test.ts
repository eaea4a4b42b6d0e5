/**
 * The redactor on its own: whatever pieces of a token a text holds, none of 24 characters or
 * more survives, and a text that shares nothing with the token is left as it is.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redactorFor } from '../../src/sender/redact.js'
import { echoedPieces } from './fake-voice-api.js'

/** Every 24-character run of the token: any of them in an output is a leak. */
const tokenRuns = (token: string): string[] => {
  const runs: string[] = []
  for (let i = 0; i + 24 <= token.length; i++) runs.push(token.slice(i, i + 24))
  return runs
}

const leaks = (text: string, token: string): string[] => [
  ...token.split('.').filter((segment) => text.includes(segment)),
  ...tokenRuns(token).filter((run) => text.includes(run))
]

describe('redactorFor', () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9_-]{30,120}$/)
  const jwt = fc.tuple(segment, segment, segment).map((parts) => parts.join('.'))
  const filler = fc.string({ maxLength: 40 })

  it('leaves no 24-character run of the token, whatever pieces of it a text holds', () => {
    fc.assert(
      fc.property(jwt, fc.array(fc.tuple(filler, fc.nat(6)), { maxLength: 8 }), (token, parts) => {
        const pieces = echoedPieces(`Bearer ${token}`)
        const text = parts.map(([f, i]) => f + (pieces[i] ?? '')).join('')
        expect(leaks(redactorFor(token)(text), token)).toEqual([])
      }),
      { numRuns: 300 }
    )
  })

  it('changes nothing in a text that shares no run with the token', () => {
    fc.assert(
      fc.property(jwt, fc.stringMatching(/^[ -~]{0,200}$/), (token, text) => {
        fc.pre(leaks(text, token).length === 0 && !text.includes(token))
        expect(redactorFor(token)(text)).toBe(text)
      }),
      { numRuns: 300 }
    )
  })

  it('cuts one line', () => {
    const token = `${'h'.repeat(30)}.${'p'.repeat(30)}.${'s'.repeat(30)}`
    expect(redactorFor(token)(`x-trace: Bearer ${token}; seg ${'p'.repeat(30)}!`)).toBe(
      'x-trace: Bearer [redacted]; seg [redacted]!'
    )
    expect(redactorFor('')('anything')).toBe('anything')
  })
})
