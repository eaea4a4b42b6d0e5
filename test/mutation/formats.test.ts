/**
 * URL and SIP URI formats (src/internal/formats.ts): an http(s) URL needs `//` and a host and
 * no white space anywhere; a SIP URI starts with exactly `sip:` or `sips:` and has no white
 * space.
 */
import { describe, expect, it } from 'vitest'
import { LanguageTags, fixPhoneNumber, formats } from '../../src/internal/formats.js'
import { error, nccoFindings, warning } from './helpers.js'

const stream = (url: string): unknown => [{ action: 'stream', streamUrl: [url] }]
const sip = (uri: string): unknown => [{ action: 'connect', endpoint: [{ type: 'sip', uri }] }]

const badUrl = (url: string) =>
  error(
    'invalid-url',
    '/0/streamUrl/0',
    `"streamUrl[0]" must be an absolute http: or https: URL, got ${JSON.stringify(url)}.`
  )
const badSip = (uri: string) =>
  error(
    'invalid-url',
    '/0/endpoint/0/uri',
    `"uri" must be a sip: or sips: URI, got ${JSON.stringify(uri)}.`
  )

describe('http and https URLs', () => {
  it.each([
    'https:example.com',
    'https:/example.com/a',
    'https://exa mple.com/a',
    'https://example.com/a b',
    ' https://example.com/a',
    'https://example.com/a\n',
    'https://example.com/a\tb',
    'ftp://example.com/a',
    'wss://example.com/a',
    'https://',
    'https://@example.com',
    // Past the quick pattern, refused by the URL parser:
    'https://[::1/a',
    'https://example.com:99999/a',
    'https://exa%zzmple.com/'
  ])('%j is refused', (url) => {
    expect(nccoFindings(stream(url))).toStrictEqual([badUrl(url)])
  })

  it.each([
    'https://example.com',
    'http://example.com/a.mp3?x=1#y',
    'HTTPS://EXAMPLE.COM/a',
    'https://user@example.com/a',
    'https://127.0.0.1:8080/a',
    'https://[::1]/a'
  ])('%j is accepted', (url) => {
    expect(nccoFindings(stream(url))).toStrictEqual([])
  })

  it('the same verdict the second time (the verdicts are remembered)', () => {
    for (let i = 0; i < 2; i++) {
      expect(formats['http-url'].test('https:example.com')).toBe(false)
      expect(formats['http-url'].test('https://example.com/a')).toBe(true)
    }
  })

  it('ws and wss URLs follow the same rules', () => {
    expect(
      [
        'wss://example.com/s',
        'ws://example.com',
        'wss:example.com',
        'wss://exa mple.com',
        'https://example.com'
      ].map((u) => formats['ws-url'].test(u))
    ).toStrictEqual([true, true, false, false, false])
  })
})

describe('SIP URIs', () => {
  it.each([
    'xsip:alice@example.com',
    'sip:al ice@example.com',
    'sip:alice@example.com ',
    ' sip:alice@example.com',
    'SIP:alice@example.com',
    'sip:',
    'sipx:alice@example.com'
  ])('%j is refused', (uri) => {
    expect(nccoFindings(sip(uri))).toStrictEqual([badSip(uri)])
  })

  it.each(['sip:alice@example.com', 'sips:alice@example.com:5061;transport=tls'])(
    '%j is accepted',
    (uri) => {
      expect(nccoFindings(sip(uri))).toStrictEqual([])
    }
  )
})

describe('language tags', () => {
  const talk = (language: string): unknown => [{ action: 'talk', text: 'Hi', language }]
  const asr = (language: string): unknown => [
    { action: 'input', type: ['speech'], speech: { language } }
  ]
  const malformed = (path: string, tag: string, hint?: string) =>
    error(
      'invalid-language-tag',
      path,
      `"language" must be a language tag such as "en-GB", got ${JSON.stringify(tag)}.`,
      hint
    )

  it.each(['en-GB', 'en-gb', 'cmn-CN'])('%j is a listed text-to-speech language', (tag) => {
    expect(nccoFindings(talk(tag))).toStrictEqual([])
  })

  it('a language subtag in capitals is malformed, with the listed spelling as the hint', () => {
    expect(nccoFindings(talk('EN-gb'))).toStrictEqual([
      malformed('/0/language', 'EN-gb', 'use "en-GB"')
    ])
    expect(nccoFindings(asr('EN-gb'))).toStrictEqual([
      malformed('/0/speech/language', 'EN-gb', 'use "en-GB"')
    ])
  })

  it.each(['e', 'en-', 'abcd', 'en-GB-x', 'en_GB'])('%j is malformed, without a hint', (tag) => {
    expect(nccoFindings(talk(tag))).toStrictEqual([malformed('/0/language', tag)])
  })

  it('well-formed but not listed: a warning naming the list', () => {
    expect(nccoFindings(talk('xx-XX'))).toStrictEqual([
      warning(
        'unknown-language',
        '/0/language',
        '"language" "xx-XX" is not in the documented text-to-speech language list.'
      )
    ])
    expect(nccoFindings(asr('xx-XX'))).toStrictEqual([
      warning(
        'unknown-language',
        '/0/speech/language',
        '"language" "xx-XX" is not in the documented speech recognition language list.'
      )
    ])
  })

  it('LanguageTags: has ignores case for well-formed tags only; spelling gives the listed form', () => {
    const tags = new LanguageTags(['en-GB'])
    expect(['en-GB', 'en-gb', 'EN-gb', 'fr-FR'].map((t) => tags.has(t))).toStrictEqual([
      true,
      true,
      false,
      false
    ])
    expect(['en-GB', 'EN-gb', 'fr-FR'].map((t) => tags.spelling(t))).toStrictEqual([
      'en-GB',
      'en-GB',
      undefined
    ])
  })
})

describe('numbers and digits', () => {
  it('E.164: 7 to 15 digits, no leading zero, nothing else', () => {
    expect(
      [
        '1234567',
        '123456',
        '123456789012345',
        '1234567890123456',
        '0447700900',
        '44770090000a',
        '+44770090000',
        '9876543'
      ].map((n) => formats.e164.test(n))
    ).toStrictEqual([true, false, true, false, false, false, false, true])
  })

  it('fixPhoneNumber drops +, 00, spaces, dashes, dots and brackets, when that gives E.164', () => {
    expect(
      [
        '+44 7700 900000',
        '0044-7700-900000',
        '(44) 7700.900000',
        '447700900000',
        '07700 900000',
        '+44 77'
      ].map(fixPhoneNumber)
    ).toStrictEqual([
      '447700900000',
      '447700900000',
      '447700900000',
      undefined,
      undefined,
      undefined
    ])
  })

  it('DTMF digits and printable ASCII', () => {
    expect(['123', '*#p', '12a', '', 'P'].map((d) => formats['dtmf-digits'].test(d))).toStrictEqual(
      [true, true, false, false, false]
    )
    expect(
      ['abc ~', '', '\u007f', 'é', '\u001f'].map((d) => formats['printable-ascii'].test(d))
    ).toStrictEqual([true, true, false, false, false])
  })
})
