/**
 * String formats the Voice API documents: URLs by scheme, E.164 numbers, language tags, DTMF
 * digits. Each format has one checker and one JSON Schema pattern; both live here so that the
 * validator and the emitted schema cannot drift apart (a test runs both on the same strings).
 */
import { ASR_LANGUAGES, TTS_LANGUAGES } from './languages.js'

export type StringFormat =
  | 'http-url'
  | 'ws-url'
  | 'sip-uri'
  | 'e164'
  | 'language-tts'
  | 'language-asr'
  | 'dtmf-digits'
  | 'printable-ascii'

export interface FormatInfo {
  /** What the message says is expected. */
  readonly expected: string
  /** A JSON Schema `pattern` that accepts exactly the strings `test` accepts (or a superset, said in `schemaNote`). */
  readonly pattern: string
  readonly test: (s: string) => boolean
}

/** How many URL verdicts a format keeps, and the longest URL it keeps one for. */
const URL_CACHE_ENTRIES = 1024
const URL_CACHE_MAX_LENGTH = 2048

/**
 * A URL check. Parsing with `new URL` is the costly part of validating a document, and the
 * same few URLs come back in every action, so each format remembers its last verdicts (a
 * bounded map, emptied when full).
 */
const urlWithScheme = (schemes: ReadonlyArray<string>): ((s: string) => boolean) => {
  const verdicts = new Map<string, boolean>()
  const parse = (s: string): boolean => {
    if (!/^[a-z]+:\/\/[^\s/?#@]+/i.test(s) || /\s/.test(s)) return false
    try {
      const url = new URL(s)
      return schemes.includes(url.protocol) && url.hostname !== ''
    } catch {
      return false
    }
  }
  return (s) => {
    const known = verdicts.get(s)
    if (known !== undefined) return known
    const verdict = parse(s)
    if (s.length <= URL_CACHE_MAX_LENGTH) {
      if (verdicts.size >= URL_CACHE_ENTRIES) verdicts.clear()
      verdicts.set(s, verdict)
    }
    return verdict
  }
}

export const E164 = /^[1-9][0-9]{6,14}$/

/** `E164.test` by hand: phone numbers are in most documents, and a loop is faster. */
const isE164 = (s: string): boolean => {
  if (s.length < 7 || s.length > 15) return false
  const first = s.charCodeAt(0)
  if (first < 0x31 || first > 0x39) return false
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return false
  }
  return true
}
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

export const formats: Readonly<Record<StringFormat, FormatInfo>> = {
  'http-url': {
    expected: 'an absolute http: or https: URL',
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+[^\\s]*$',
    test: urlWithScheme(['http:', 'https:'])
  },
  'ws-url': {
    expected: 'an absolute ws: or wss: URL',
    pattern: '^[Ww][Ss][Ss]?://[^\\s/?#@]+[^\\s]*$',
    test: urlWithScheme(['ws:', 'wss:'])
  },
  'sip-uri': {
    expected: 'a sip: or sips: URI',
    pattern: '^sips?:\\S+$',
    test: (s) => /^sips?:\S+$/.test(s)
  },
  e164: {
    expected: 'an E.164 number without "+"',
    pattern: E164.source,
    test: (s) => isE164(s)
  },
  'language-tts': {
    expected: 'a language tag such as "en-GB"',
    pattern: LANGUAGE_TAG.source,
    test: (s) => LANGUAGE_TAG.test(s)
  },
  'language-asr': {
    expected: 'a language tag such as "en-GB"',
    pattern: LANGUAGE_TAG.source,
    test: (s) => LANGUAGE_TAG.test(s)
  },
  'dtmf-digits': {
    expected: 'DTMF digits (0-9, *, #, and p for a pause)',
    pattern: '^[0-9*#p]+$',
    test: (s) => /^[0-9*#p]+$/.test(s)
  },
  'printable-ascii': {
    expected: 'printable ASCII text',
    pattern: '^[\\x20-\\x7E]*$',
    test: (s) => /^[\x20-\x7E]*$/.test(s)
  }
}

/**
 * A documented language list. Language tags ignore case (BCP 47 §2.1.1: `en-gb` is `en-GB`), so
 * `has` compares without case; iterating gives the tags as documented. A tag `has` holds is
 * well-formed (`EN-gb` is not: the language subtag is lower-case), which the generated
 * validators rely on.
 */
export class LanguageTags extends Set<string> {
  private readonly byLowerCase: ReadonlyMap<string, string>
  constructor(tags: ReadonlyArray<string>) {
    super(tags)
    this.byLowerCase = new Map(tags.map((t) => [t.toLowerCase(), t]))
  }

  /** Whether the list holds the tag, in any case. */
  override has(tag: string): boolean {
    return super.has(tag) || (LANGUAGE_TAG.test(tag) && this.byLowerCase.has(tag.toLowerCase()))
  }

  /** The tag as the list writes it (`en-GB` for `EN-gb`), undefined when it is not listed. */
  spelling(tag: string): string | undefined {
    return super.has(tag) ? tag : this.byLowerCase.get(tag.toLowerCase())
  }
}

/** The documented language list a well-formed tag is compared with (a miss is a warning). */
export const knownLanguages: Readonly<
  Partial<Record<StringFormat, { readonly name: string; readonly tags: LanguageTags }>>
> = {
  'language-tts': { name: 'text-to-speech', tags: new LanguageTags(TTS_LANGUAGES) },
  'language-asr': { name: 'speech recognition', tags: new LanguageTags(ASR_LANGUAGES) }
}

/**
 * The value a user most likely meant by a phone number that is not E.164 as Vonage wants it:
 * `+44 7700 900000` and `0044-7700-900000` become `447700900000`. Undefined when no simple fix
 * gives a valid number (a national number with a leading 0 needs its country code).
 */
export const fixPhoneNumber = (s: string): string | undefined => {
  let digits = s.replace(/[\s\-().]/g, '')
  if (digits.startsWith('+')) digits = digits.slice(1)
  else if (digits.startsWith('00')) digits = digits.slice(2)
  return digits !== s && E164.test(digits) ? digits : undefined
}
