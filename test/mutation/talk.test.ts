/**
 * Talk text and SSML (src/ncco/talk.ts): SSML must be wrapped in `<speak>…</speak>` as a
 * whole, the tag may carry attributes, white space around the wrapper is fine, and the length
 * limit counts what is spoken.
 */
import { describe, expect, it } from 'vitest'
import { error, nccoFindings } from './helpers.js'

const talk = (text: string): unknown => [{ action: 'talk', text }]

const notWrapped = error(
  'ssml-not-wrapped',
  '/0/text',
  '"text" contains SSML tags, so it must be wrapped in <speak>…</speak>.'
)

describe('SSML must be wrapped in <speak>', () => {
  it.each([
    ['wrapped on the left only', '<speak>Hello'],
    ['wrapped on the right only', 'Hello</speak>'],
    ['text before <speak>', 'Hi <speak>Hello</speak>'],
    ['text after </speak>', '<speak>Hello</speak> bye'],
    ['a tag named like speak', '<speaker>Hello</speaker>'],
    ['tags without <speak>', '<p>Hello</p>'],
    ['a self-closing tag alone', 'Hello <break time="1s"/>']
  ])('%s: ssml-not-wrapped', (_name, text) => {
    expect(nccoFindings(talk(text))).toStrictEqual([notWrapped])
  })

  it.each([
    ['<speak version="1.1">', '<speak version="1.1">Hello</speak>'],
    ['<speak> with a line break before its attribute', '<speak\nxml:lang="en-GB">Hello</speak>'],
    ['white space around <speak>…</speak>', ' \n\t<speak>Hello</speak>\r\n '],
    ['nested tags', '<speak><p><s>Hello</s></p><break time="1s"/></speak>'],
    ['no tags at all', 'Hello < and > alone are not tags'],
    ['an empty <speak>', '<speak></speak>']
  ])('%s: valid', (_name, text) => {
    expect(nccoFindings(talk(text))).toStrictEqual([])
  })
})

describe('the 1,500-character limit counts what is spoken', () => {
  it('1,500 characters inside <speak> with tags: valid; one more: too-long with the count', () => {
    const spoken = 'a'.repeat(1_500)
    expect(nccoFindings(talk(`<speak><p>${spoken}</p><break time="1s"/></speak>`))).toStrictEqual(
      []
    )
    expect(nccoFindings(talk(`<speak><p>${spoken}b</p></speak>`))).toStrictEqual([
      error(
        'too-long',
        '/0/text',
        '"text" may have at most 1500 characters (not counting SSML tags), got 1501.'
      )
    ])
  })

  it('plain text: 1,500 passes, 1,501 fails; an astral character counts once', () => {
    expect(nccoFindings(talk('x'.repeat(1_500)))).toStrictEqual([])
    expect(nccoFindings(talk('😀'.repeat(1_500)))).toStrictEqual([])
    expect(nccoFindings(talk('😀'.repeat(1_501)))).toStrictEqual([
      error(
        'too-long',
        '/0/text',
        '"text" may have at most 1500 characters (not counting SSML tags), got 1501.'
      )
    ])
  })

  it('1,500 characters with a < in them that opens no tag: valid', () => {
    expect(nccoFindings(talk(`${'x'.repeat(1_497)}a<b`))).toStrictEqual([])
  })
})

describe('code points at the surrogate boundaries', () => {
  const tooLong = (n: number) =>
    error(
      'too-long',
      '/0/text',
      `"text" may have at most 1500 characters (not counting SSML tags), got ${n}.`
    )

  it.each<[string, string, number, ReadonlyArray<unknown>]>([
    ['pairs at the top of both ranges', '\udbff\udfff', 1_500, []],
    ['pairs at the bottom of both ranges', '\ud800\udc00', 1_500, []],
    [
      'a character below the high range, then a low surrogate',
      '\ud7ff\udc00',
      751,
      [tooLong(1_502)]
    ],
    [
      'a high surrogate, then a character above the low range',
      '\udbff\ue000',
      751,
      [tooLong(1_502)]
    ],
    ['a high surrogate, then one just below the low range', '\udbff\udbff', 751, [tooLong(1_502)]],
    [
      'a character just above the high range before a low one',
      '\udc00\udc00',
      751,
      [tooLong(1_502)]
    ]
  ])('%s', (_name, unit, times, expected) => {
    expect(nccoFindings(talk(unit.repeat(times)))).toStrictEqual(expected)
  })
})

describe('text that is not a non-empty string', () => {
  it.each<[string, unknown, string, string]>([
    ['a number', 42, 'invalid-type', 'Expected a string, got a number (42).'],
    ['null', null, 'invalid-type', 'Expected a string, got null.'],
    ['an array', ['hi'], 'invalid-type', 'Expected a string, got an array.'],
    ['an empty string', '', 'empty-string', '"text" must not be empty.']
  ])('%s: one finding, no crash', (_name, text, code, message) => {
    expect(nccoFindings([{ action: 'talk', text }])).toStrictEqual([
      error(code, '/0/text', message)
    ])
  })

  it('voiceName is deprecated: a warning at it', () => {
    expect(nccoFindings([{ action: 'talk', text: 'hi', voiceName: 'Amy' }])).toStrictEqual([
      {
        code: 'deprecated-voice-name',
        severity: 'warning',
        path: '/0/voiceName',
        message: '"voiceName" is deprecated; use "language" and "style" instead.'
      }
    ])
  })
})
