/**
 * `talk`: text-to-speech into the call.
 *
 * @since 0.1.0
 */
import {
  INVALID,
  Node,
  boolean,
  integer,
  jsonObject,
  keyLabel,
  literal,
  number,
  opt,
  report,
  req,
  rule,
  string,
  struct
} from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import type { TalkActionFields } from './field-docs.js'

/** Talk text limit, counted without SSML tags (NCCO reference). */
export const TALK_TEXT_MAX = 1500

const SSML_TAG = /<\/?[A-Za-z][\w:.-]*(\s[^<>]*)?\/?>/g

/** The characters a listener hears: the text without its SSML tags, counted by code point. */
export const spokenLength = (text: string): number => {
  const spoken = text.replace(SSML_TAG, '')
  let n = 0
  for (let i = 0; i < spoken.length; i++) {
    const c = spoken.charCodeAt(i)
    const prev = i > 0 ? spoken.charCodeAt(i - 1) : 0
    // A low surrogate after a high one completes a code point that was already counted.
    if (!(c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff)) n++
  }
  return n
}

const plainString = string({ nonEmpty: true })

/** SSML must be wrapped in `<speak>`: text with tags that is not is refused. */
const ssmlNotWrapped = (u: string): boolean => {
  const hasTags = u.search(SSML_TAG) !== -1
  SSML_TAG.lastIndex = 0
  const trimmed = u.trim()
  return hasTags && !(/^<speak[\s>]/.test(trimmed) && trimmed.endsWith('</speak>'))
}

/**
 * The compiled reading of talk text: true when it passes. Text without `<` has no tags, and
 * its spoken length is at most its length in UTF-16 units, so most text needs no more than
 * two comparisons.
 *
 * @category compiled
 * @since 0.2.0
 */
export const talkTextPasses = (u: unknown): boolean => {
  if (typeof u !== 'string' || u === '') return false
  if (u.length <= TALK_TEXT_MAX && u.indexOf('<') === -1) return true
  return !ssmlNotWrapped(u) && spokenLength(u) <= TALK_TEXT_MAX
}

/**
 * Talk text: non-empty; SSML must be wrapped in `<speak>`; at most 1,500 characters not
 * counting the tags.
 */
const talkText = new Node<string>(
  'TalkText',
  { kind: 'string', nonEmpty: true },
  (u, ctx) => {
    const r = plainString.check(u, ctx)
    if (r === INVALID || typeof u !== 'string') return INVALID
    if (ssmlNotWrapped(u)) {
      report(ctx, 'ssml-not-wrapped', {})
      return INVALID
    }
    const length = spokenLength(u)
    if (length > TALK_TEXT_MAX) {
      report(ctx, 'too-long', {
        key: keyLabel(ctx.path),
        max: TALK_TEXT_MAX,
        actual: length,
        unit: 'characters (not counting SSML tags)'
      })
      return INVALID
    }
    return u
  },
  undefined,
  { test: talkTextPasses }
)

/**
 * @category codecs
 * @since 0.1.0
 */
export const TalkAction = struct(
  'TalkAction',
  {
    action: req(literal('talk'), 'The action name.'),
    text: req(
      talkText,
      'Text to speak, at most 1,500 characters not counting SSML tags; SSML must be wrapped in <speak>.'
    ),
    bargeIn: opt(boolean, 'Lets the caller interrupt the speech; an input action must follow.', {
      default: false
    }),
    loop: opt(
      integer({ min: 0 }),
      'How many times to speak the text; 0 repeats until the call ends.',
      {
        default: 1
      }
    ),
    level: opt(number({ min: -1, max: 1 }), 'Volume from -1 to 1.', { default: 0 }),
    language: opt(string({ format: 'language-tts' }), 'Language of the text (BCP-47).', {
      default: 'en-US'
    }),
    style: opt(integer({ min: 0 }), 'Vocal style; the valid values depend on the language.', {
      default: 0
    }),
    premium: opt(boolean, 'Uses the premium version of the style when there is one.', {
      default: false
    }),
    voiceName: opt(string({ nonEmpty: true }), 'Deprecated: use language and style.'),
    provider: opt(string({ nonEmpty: true }), 'Text-to-speech provider (SDK evidence only, 2026).'),
    providerOptions: opt(jsonObject(), 'Provider-specific options.')
  },
  {
    owner: 'the talk action',
    rules: [
      rule(
        (r) => {
          if (r.has('voiceName')) r.report('deprecated-voice-name', {}, { at: 'voiceName' })
        },
        (u) => u['voiceName'] === undefined
      )
    ]
  }
)
export type TalkAction = { [K in keyof TalkActionFields]: TypeOf<typeof TalkAction>[K] }
