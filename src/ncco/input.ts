/**
 * `input`: collects DTMF digits and/or speech.
 *
 * @since 0.1.0
 */
import {
  array,
  boolean,
  enumOf,
  integer,
  jsonObject,
  literal,
  number,
  opt,
  req,
  rule,
  string,
  struct
} from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import type { DtmfSettingsFields, InputActionFields, SpeechSettingsFields } from './field-docs.js'
import { eventMethodField, eventUrlField } from './common.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const DtmfSettings = struct(
  'DtmfSettings',
  {
    timeOut: opt(
      integer({ min: 0, max: 10 }),
      'Seconds of inactivity before the digits are sent.',
      {
        default: 3
      }
    ),
    maxDigits: opt(integer({ min: 1, max: 20 }), 'Number of digits to collect.', { default: 4 }),
    submitOnHash: opt(boolean, 'Sends the digits when # is pressed.', { default: false })
  },
  { owner: 'the DTMF settings' }
)
export type DtmfSettings = { [K in keyof DtmfSettingsFields]: TypeOf<typeof DtmfSettings>[K] }

/**
 * @category codecs
 * @since 0.1.0
 */
export const SpeechSettings = struct(
  'SpeechSettings',
  {
    uuid: opt(
      array(string({ nonEmpty: true }), { minItems: 1, maxItems: 1, what: 'leg UUID' }),
      'The leg to listen to, as an array of one UUID (default: the first leg).'
    ),
    endOnSilence: opt(number({ min: 0.4, max: 10 }), 'Seconds of silence that end the input.', {
      default: 2
    }),
    language: opt(string({ format: 'language-asr' }), 'Language to recognise (BCP-47).', {
      default: 'en-US'
    }),
    context: opt(array(string(), { what: 'hint' }), 'Words and phrases that help recognition.'),
    startTimeout: opt(integer({ min: 1, max: 60 }), 'Seconds to wait for speech to start.', {
      default: 10
    }),
    maxDuration: opt(integer({ min: 1, max: 60 }), 'Maximum length of the speech in seconds.', {
      default: 60
    }),
    saveAudio: opt(boolean, 'Keeps a recording of the speech (recording_url in the result).', {
      default: false
    }),
    sensitivity: opt(integer({ min: 0, max: 100 }), 'Audio level that counts as speech.', {
      default: 90
    }),
    provider: opt(
      string({ nonEmpty: true }),
      'Speech recognition provider (SDK evidence only, 2026).'
    ),
    providerOptions: opt(jsonObject(), 'Provider-specific options.')
  },
  { owner: 'the speech settings' }
)
export type SpeechSettings = { [K in keyof SpeechSettingsFields]: TypeOf<typeof SpeechSettings>[K] }

/**
 * @category codecs
 * @since 0.1.0
 */
export const InputType = enumOf(['dtmf', 'speech'])
export type InputType = TypeOf<typeof InputType>

const lists = (r: { get: (k: string) => unknown }, kind: InputType): boolean | undefined => {
  const type = r.get('type')
  return Array.isArray(type) ? type.includes(kind) : undefined
}

/**
 * @category codecs
 * @since 0.1.0
 */
export const InputAction = struct(
  'InputAction',
  {
    action: req(literal('input'), 'The action name.'),
    type: req(
      array(InputType, { minItems: 1, distinct: true, what: 'input type' }),
      'What to listen for: ["dtmf"], ["speech"] or both.'
    ),
    dtmf: opt(DtmfSettings, 'DTMF settings (only when type lists dtmf).'),
    speech: opt(SpeechSettings, 'Speech settings (only when type lists speech).'),
    mode: opt(
      enumOf(['synchronous', 'asynchronous']),
      'asynchronous sends each DTMF digit as it is pressed (DTMF only; no dtmf settings).',
      { default: 'synchronous' }
    ),
    eventUrl: eventUrlField,
    eventMethod: eventMethodField
  },
  {
    owner: 'the input action',
    rules: [
      rule(
        (r) => {
          const dtmf = lists(r, 'dtmf')
          if (r.has('dtmf') && dtmf === false)
            r.report('dtmf-settings-without-dtmf', {}, { at: 'dtmf' })
          if (r.has('speech') && lists(r, 'speech') === false) {
            r.report('speech-settings-without-speech', {}, { at: 'speech' })
          }
          // NCCO reference, input mode: with asynchronous "DTMF settings must be left blank".
          if (r.get('mode') === 'asynchronous' && r.has('dtmf')) {
            r.report('async-with-dtmf-settings', {}, { at: 'mode' })
          }
          if (r.has('mode') && dtmf === false) r.report('mode-without-dtmf', {}, { at: 'mode' })
        },
        (u) => {
          const type = u['type']
          if (!Array.isArray(type)) return false
          const dtmf = type.includes('dtmf')
          if (u['dtmf'] !== undefined && (!dtmf || u['mode'] === 'asynchronous')) return false
          if (u['speech'] !== undefined && !type.includes('speech')) return false
          return u['mode'] === undefined || dtmf
        }
      )
    ]
  }
)
export type InputAction = { [K in keyof InputActionFields]: TypeOf<typeof InputAction>[K] }
