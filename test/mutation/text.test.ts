/**
 * The did-you-mean search (src/internal/text.ts): the distance allowed grows with the word's
 * length (1 up to 7 characters, 2 from 8, 3 from 12), inputs longer than 64 characters get no
 * suggestion, and a tie goes to the earlier candidate.
 */
import { describe, expect, it } from 'vitest'
import { cut, describeValue, didYouMean, editDistance, quote } from '../../src/internal/text.js'
import { nccoFindings } from './helpers.js'

describe('didYouMean', () => {
  const long = ['machineDetection', 'advancedMachineDetection']

  it('two and three edits in a long word are found; four are not', () => {
    expect(didYouMean('advancedMachinDetektion', long)).toBe('advancedMachineDetection')
    expect(didYouMean('advnacedMachinDetektion', long)).toBe('advancedMachineDetection')
    expect(didYouMean('advnacedMachinDetektoin', long)).toBeUndefined()
    expect(didYouMean('machinDetektion', long)).toBe('machineDetection')
  })

  it('the limit is a quarter of the longer word, from 1 to 3', () => {
    // 7 characters: one edit.
    expect(didYouMean('bargeIx', ['bargeIn'])).toBe('bargeIn')
    expect(didYouMean('bargxIx', ['bargeIn'])).toBeUndefined()
    // 8 characters: two edits.
    expect(didYouMean('evxntUrx', ['eventUrl'])).toBe('eventUrl')
    expect(didYouMean('evxnxUrx', ['eventUrl'])).toBeUndefined()
    // 2 characters: still one edit.
    expect(didYouMean('tx', ['to'])).toBe('to')
    // 40 characters: three edits at most.
    const w = 'a'.repeat(40)
    expect(didYouMean('bbb' + 'a'.repeat(37), [w])).toBe(w)
    expect(didYouMean('bbbb' + 'a'.repeat(36), [w])).toBeUndefined()
  })

  it('64 characters is the longest input that gets a suggestion', () => {
    const candidate = 'k'.repeat(64)
    expect(didYouMean('k'.repeat(63) + 'x', [candidate])).toBe(candidate)
    expect(didYouMean('k'.repeat(65), [candidate])).toBeUndefined()
    expect(didYouMean('K'.repeat(65), ['k'.repeat(65)])).toBeUndefined()
  })

  it('a tie goes to the earlier candidate', () => {
    expect(didYouMean('abcd', ['abce', 'abcf'])).toBe('abce')
    expect(didYouMean('abcd', ['abcf', 'abce'])).toBe('abcf')
    expect(didYouMean('eventMethd', ['eventMetho', 'eventMethod'])).toBe('eventMetho')
  })

  it('a length difference equal to the limit is still compared', () => {
    expect(didYouMean('bargeI', ['bargeIn'])).toBe('bargeIn')
    expect(didYouMean('bargeInn', ['bargeIn'])).toBe('bargeIn')
    expect(didYouMean('abcdefghijkl', ['abcdefghi', 'abcdefghijklmno'])).toBe('abcdefghi')
    expect(didYouMean('abcdefghijklmnop', ['abcdefghijklm', 'abcdefghijklmnopqrs'])).toBe(
      'abcdefghijklm'
    )
  })

  it('the same word in another spelling beats an earlier candidate one edit away', () => {
    expect(didYouMean('eventurl', ['eventUr', 'event_url'])).toBe('event_url')
  })

  it('any iterable of candidates: an array, a set, a generator', () => {
    expect(didYouMean('x', ['y'])).toBe('y')
    expect(didYouMean('x', new Set(['y']))).toBe('y')
    expect(
      didYouMean(
        'x',
        (function* () {
          yield 'y'
        })()
      )
    ).toBe('y')
  })

  it('a closer candidate later wins over an earlier one', () => {
    expect(didYouMean('eventMethd', ['eventMxthx', 'eventMethod'])).toBe('eventMethod')
  })

  it('another case or another separator is the same word; the word itself is no suggestion', () => {
    expect(didYouMean('EVENT_URL', ['eventMethod', 'eventUrl'])).toBe('eventUrl')
    expect(didYouMean('event-url', ['eventUrl'])).toBe('eventUrl')
    expect(didYouMean('eventUrl', ['eventUrl'])).toBeUndefined()
    expect(didYouMean('zzzz', [])).toBeUndefined()
  })

  it('in a finding: the hint of an unknown key', () => {
    expect(
      nccoFindings([
        {
          action: 'connect',
          endpoint: [{ type: 'phone', number: '447700900001' }],
          advancedMachinDetektion: {}
        }
      ]).map((i) => [i.code, i.path, i.hint])
    ).toStrictEqual([
      ['unknown-key', '/0/advancedMachinDetektion', 'did you mean "advancedMachineDetection"?']
    ])
  })
})

describe('editDistance', () => {
  // First in this file to pass the 66-column rows the module starts with: they must grow.
  it('a 67-character word, the first longer than the rows the module starts with', () => {
    expect(editDistance('a'.repeat(66) + 'b', 'a'.repeat(67))).toBe(1)
    expect(editDistance('a'.repeat(66), 'a'.repeat(66) + 'bc')).toBe(2)
  })

  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['abc', 'acb', 1],
    ['abcd', 'badc', 2],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3]
  ])('%j to %j: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })

  it('a long word after short ones (the rows grow)', () => {
    expect(editDistance('a'.repeat(100), 'a'.repeat(99) + 'b')).toBe(1)
    expect(editDistance('ab', 'ba')).toBe(1)
  })
})

describe('quoting values in messages', () => {
  it('60 characters are quoted whole; 61 are cut to 57 and "..."', () => {
    expect(cut('x'.repeat(60))).toBe('x'.repeat(60))
    expect(cut('x'.repeat(61))).toBe('x'.repeat(57) + '...')
    expect(quote('a"b')).toBe('"a\\"b"')
  })

  it.each([
    ['text', '"text"'],
    [1.5, '1.5'],
    [NaN, 'NaN'],
    [10n, 'the bigint 10'],
    [null, 'null'],
    [undefined, 'undefined'],
    [false, 'false'],
    [() => 1, 'a function'],
    [Symbol('s'), 'a symbol'],
    [[1], 'an array'],
    [{ a: 1 }, 'an object']
  ])('describeValue(%s) is %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected)
  })
})
