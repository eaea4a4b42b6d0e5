/**
 * Arbitraries for the scalar values the Voice API documents: URLs by scheme, E.164 numbers,
 * language tags from the documented lists, talk text with and without SSML, JSON objects.
 * Every generated value is valid on its own and draws no warning; ranges hit their exact ends.
 */
import fc from 'fast-check'
import { ASR_LANGUAGES, TTS_LANGUAGES } from '../../src/internal/languages.js'

// -------------------------------------------------------------------------------------
// numbers
// -------------------------------------------------------------------------------------

/** An integer in [min, max], with both ends generated often (ranges are inclusive). */
export const integerIn = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(min, max), weight: 1 },
    { arbitrary: fc.integer({ min, max }), weight: 3 }
  )

/** An integer of at least `min` with no documented maximum. */
export const integerFrom = (min: number): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constant(min), weight: 1 },
    { arbitrary: fc.integer({ min, max: 0x7fffffff }), weight: 3 },
    { arbitrary: fc.constant(Number.MAX_SAFE_INTEGER), weight: 1 }
  )

/** A number (not only integers) in [min, max], with both ends generated often. */
export const numberIn = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(min, max), weight: 1 },
    { arbitrary: fc.double({ min, max, noNaN: true }), weight: 3 }
  )

// -------------------------------------------------------------------------------------
// strings
// -------------------------------------------------------------------------------------

export const nonEmptyString: fc.Arbitrary<string> = fc.string({ minLength: 1, maxLength: 30 })

const digit = fc.constantFrom(...'0123456789')

/** E.164 without "+": 7 to 15 digits, no leading zero (both lengths generated often). */
export const e164: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...'123456789'),
    integerIn(6, 14),
    fc.array(digit, { minLength: 14, maxLength: 14 })
  )
  .map(([first, rest, digits]) => first + digits.slice(0, rest).join(''))

/** An absolute http(s) URL with optional query and fragment. */
export const httpUrl: fc.Arbitrary<string> = fc.webUrl({
  withQueryParameters: true,
  withFragments: true
})

/** An absolute ws(s) URL. */
export const wsUrl: fc.Arbitrary<string> = fc.webUrl({
  validSchemes: ['ws', 'wss'],
  withQueryParameters: true
})

/** The documented URL-list shape: an array of exactly one URL (docs/rules.md §3). */
export const urlList: fc.Arbitrary<ReadonlyArray<string>> = fc.tuple(httpUrl)

const lowerAlnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789')
const label = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: lowerAlnum, minLength: 1, maxLength })

/** The longest sip URI Vonage accepts, exactly 50 characters. */
export const SIP_URI_MAX = 50
const longestSipUri = 'sip:' + 'u'.repeat(SIP_URI_MAX - 'sip:@example.com'.length) + '@example.com'

/** A sip: or sips: URI of at most 50 characters. */
export const sipUri: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant(longestSipUri), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('sip', 'sips'), label(12), label(12), fc.constantFrom('com', 'net'))
      .map(([scheme, user, host, tld]) => `${scheme}:${user}@${host}.${tld}`),
    weight: 4
  }
)

export const ttsLanguage: fc.Arbitrary<string> = fc.constantFrom(...TTS_LANGUAGES)
export const asrLanguage: fc.Arbitrary<string> = fc.constantFrom(...ASR_LANGUAGES)

export const httpMethod = fc.constantFrom('GET' as const, 'POST' as const)

/** Leg UUIDs for canHear / canSpeak: any number of non-empty strings, none meaning nobody. */
export const legUuids: fc.Arbitrary<ReadonlyArray<string>> = fc.array(fc.uuid(), { maxLength: 3 })

/** Printable ASCII (U+0020 to U+007E), as a websocket Authorization value must be. */
export const printableAscii = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength,
    maxLength
  })

// -------------------------------------------------------------------------------------
// talk text
// -------------------------------------------------------------------------------------

/** The talk text limit: 1,500 characters, counted by code point without SSML tags. */
export const TALK_TEXT_LIMIT = 1500

/** Text with no markup: any code point but `<` (which could open a tag). */
const spokenText = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: 'binary', minLength, maxLength })
    .map((s) => s.replace(/[<>&]/g, (c) => ({ '<': '‹', '>': '›', '&': '+' })[c] ?? c))

const ssmlPart: fc.Arbitrary<string> = fc.oneof(
  spokenText(1, 250),
  fc.constantFrom('<break time="300ms"/>', "<break time='1s'/>", '<break strength="weak"/>'),
  fc
    .tuple(
      fc.constantFrom(
        ['<emphasis level="strong">', '</emphasis>'],
        ['<prosody rate="slow">', '</prosody>'],
        ['<say-as interpret-as="digits">', '</say-as>'],
        ['<lang xml:lang="es-ES">', '</lang>'],
        ['<p>', '</p>'],
        ['<s>', '</s>']
      ),
      spokenText(1, 250)
    )
    .map(([[open, close], text]) => open + text + close)
)

/**
 * Talk text: plain text of 1 to 1,500 code points, or SSML wrapped in `<speak>` whose spoken
 * part stays within 1,500 (at most six parts of at most 250 each), with both limits hit exactly.
 */
export const talkText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: spokenText(1, 80), weight: 6 },
  { arbitrary: spokenText(TALK_TEXT_LIMIT, TALK_TEXT_LIMIT), weight: 1 },
  {
    arbitrary: fc
      .array(ssmlPart, { minLength: 1, maxLength: 6 })
      .map((parts) => `<speak>${parts.join('')}</speak>`),
    weight: 2
  },
  {
    arbitrary: spokenText(TALK_TEXT_LIMIT, TALK_TEXT_LIMIT).map(
      (s) => `<speak><p>${s}</p><break time="1s"/></speak>`
    ),
    weight: 1
  }
)

// -------------------------------------------------------------------------------------
// JSON
// -------------------------------------------------------------------------------------

/** Any JSON object (notify payload, provider options). */
export const jsonObject: fc.Arbitrary<Readonly<Record<string, unknown>>> = fc.dictionary(
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }),
  { maxKeys: 5 }
)

/** The serialised size up to which websocket headers draw no warning. */
export const WEBSOCKET_HEADERS_MAX_BYTES = 512

const byteLength = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8')

/** `{"k":"…"}` of exactly 512 bytes, a fresh object each time. */
const largestHeaders = fc.constant(null).map(() => ({
  k: 'x'.repeat(WEBSOCKET_HEADERS_MAX_BYTES - byteLength({ k: '' }))
}))

/** Websocket headers: a JSON object of at most 512 bytes serialised. */
export const websocketHeaders: fc.Arbitrary<Readonly<Record<string, unknown>>> = fc.oneof(
  { arbitrary: largestHeaders, weight: 1 },
  {
    arbitrary: fc
      .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
      .filter((h) => byteLength(h) <= WEBSOCKET_HEADERS_MAX_BYTES),
    weight: 4
  }
)

/** SIP custom headers: string to string. */
export const sipHeaders: fc.Arbitrary<Readonly<Record<string, string>>> = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ maxLength: 20 }),
  { maxKeys: 3 }
)

/** Any value at all, hostile ones included: boxed values, null prototypes, sparse arrays. */
export const hostileValue: fc.Arbitrary<unknown> = fc.anything({
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
  withBoxedValues: true
})
