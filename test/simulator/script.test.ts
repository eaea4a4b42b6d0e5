/**
 * The caller script: what parses, every finding at its pointer, and no input that throws; the
 * seeded identifiers.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seededIds } from '../../src/simulator/random.js'
import { describeStep, parseCallScript } from '../../src/simulator/script.js'

const findings = (u: unknown) => {
  const r = parseCallScript(u)
  return E.isLeft(r) ? r.left.map((i) => `${i.code} ${i.path}: ${i.message}`) : []
}

describe('parseCallScript', () => {
  it('accepts every step, outcome, legs and beep, and returns the value given', () => {
    const script = {
      caller: [
        { dtmf: '12#*' },
        { speech: 'sales', confidence: 0.4 },
        { speech: 'support' },
        { silence: true },
        { hangup: true }
      ],
      answer: 'machine',
      legs: { '447700900002': 'busy', 'sip:bob@example.com': 'answered' },
      beep: 3.5
    }
    const r = parseCallScript(script)
    expect(E.isRight(r) && r.right).toBe(script)
    expect(E.isRight(parseCallScript({}))).toBe(true)
  })

  it('reports every problem at its JSON Pointer', () => {
    expect(
      findings({
        caller: [
          { press: '1' },
          { dtmf: '1', speech: 'x' },
          { dtmf: '12a' },
          { dtmf: 5 },
          { speech: ' ' },
          { speech: 'x', confidence: 2 },
          { silence: 'yes' },
          { hangup: true, when: 'now' },
          'dtmf'
        ],
        answer: 'voicemail',
        legs: { bob: 'gone' },
        beep: -1,
        extra: 1
      })
    ).toStrictEqual([
      'unknown-key /extra: "extra" is not a known field of the caller script.',
      'invalid-caller-step /caller/0: Caller step 0 must have exactly one of "dtmf", "speech", "silence" and "hangup"; it has none of them.',
      'invalid-caller-step /caller/1: Caller step 1 must have exactly one of "dtmf", "speech", "silence" and "hangup"; it has "dtmf" and "speech".',
      'invalid-format /caller/2/dtmf: "dtmf" must be one or more of the keys 0-9, * and #, got "12a".',
      'invalid-type /caller/3/dtmf: Expected a string of keys, got a number (5).',
      'empty-string /caller/4/speech: "speech" must not be empty.',
      'out-of-range /caller/5/confidence: "confidence" must be from 0 to 1, got 2.',
      'invalid-type /caller/6/silence: Expected true, got a string ("yes").',
      'unknown-key /caller/7/when: "when" is not a known field of a caller step.',
      'invalid-type /caller/8: Expected a caller step object, got a string ("dtmf").',
      'invalid-enum /answer: "answer" must be one of "answered", "busy", "unanswered", "rejected", "failed", "timeout", "machine", got "voicemail".',
      'invalid-enum /legs/bob: "bob" must be one of "answered", "busy", "unanswered", "rejected", "failed", "timeout", "machine", got "gone".',
      'out-of-range /beep: "beep" must be from 0 to 7200, got -1.'
    ])
    expect(findings([])).toStrictEqual([
      'invalid-type : Expected a caller script object, got an array.'
    ])
    expect(findings({ caller: {} })).toStrictEqual([
      'invalid-type /caller: Expected an array of steps, got an object.'
    ])
  })

  it('never throws, whatever the value', () => {
    fc.assert(
      fc.property(fc.anything(), (u) => {
        parseCallScript(u)
        parseCallScript({ caller: [u] })
        parseCallScript({
          caller: [{ speech: 'x', confidence: u }],
          legs: { a: u },
          answer: u,
          beep: u
        })
      })
    )
  })

  it('describes steps for messages', () => {
    expect(
      [{ dtmf: '1#' }, { speech: 'hi' }, { silence: true }, { hangup: true }].map((s) =>
        describeStep(s as never)
      )
    ).toStrictEqual(['press 1#', 'say "hi"', 'silence', 'hang up'])
  })
})

describe('seededIds', () => {
  it('the same seed gives the same identifiers; another seed others', () => {
    const take = (seed: number) => {
      const ids = seededIds(seed)
      return [ids.legUuid(), ids.conversationUuid(), ids.dashedUuid()]
    }
    expect(take(42)).toStrictEqual(take(42))
    expect(take(42)).not.toStrictEqual(take(43))
  })

  it('always has the shapes the Voice API uses', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (seed) => {
        const ids = seededIds(seed)
        expect(ids.legUuid()).toMatch(/^[0-9a-f]{32}$/)
        expect(ids.conversationUuid()).toMatch(
          /^CON-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        )
      })
    )
  })

  it('gives distinct identifiers in a long run', () => {
    const ids = seededIds(1)
    const seen = new Set(Array.from({ length: 10_000 }, () => ids.legUuid()))
    expect(seen.size).toBe(10_000)
  })
})
