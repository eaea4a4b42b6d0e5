/**
 * Fields and settings objects that several actions share: webhook URLs and methods, the
 * transcription settings, machine detection.
 *
 * @since 0.1.0
 */
import {
  array,
  boolean,
  enumOf,
  integer,
  isTrue,
  opt,
  req,
  rule,
  string,
  struct,
  urls
} from '../internal/node.js'
import type { Rule, TypeOf } from '../internal/node.js'
import type { AdvancedMachineDetectionFields, TranscriptionSettingsFields } from './field-docs.js'

/** `eventUrl` of an action: an array of one absolute http(s) URL. */
export const eventUrlField = opt(
  urls,
  "Webhook that receives this action's events, as an array of one absolute URL."
)

export const eventMethodField = opt(enumOf(['GET', 'POST']), 'HTTP method used for eventUrl.', {
  default: 'POST'
})

/**
 * Transcription settings of `record` and `conversation` (presence turns transcription on).
 *
 * @category codecs
 * @since 0.1.0
 */
export const TranscriptionSettings = struct(
  'TranscriptionSettings',
  {
    language: opt(string({ format: 'language-asr' }), 'Language of the recording (BCP-47).', {
      default: 'en-US'
    }),
    eventUrl: opt(urls, 'Webhook that receives the transcription-complete event.'),
    eventMethod: eventMethodField,
    sentimentAnalysis: opt(boolean, 'Adds a sentiment score to each transcribed segment.', {
      default: false
    })
  },
  { owner: 'the transcription settings' }
)
export type TranscriptionSettings = {
  [K in keyof TranscriptionSettingsFields]: TypeOf<typeof TranscriptionSettings>[K]
}

/**
 * @category codecs
 * @since 0.1.0
 */
export const MachineDetection = enumOf(['continue', 'hangup'])
export type MachineDetection = TypeOf<typeof MachineDetection>

/**
 * Advanced machine detection; the same shape in an NCCO `connect` and in create-call, with
 * snake_case `beep_timeout` in both.
 *
 * @category codecs
 * @since 0.1.0
 */
export const AdvancedMachineDetection = struct(
  'AdvancedMachineDetection',
  {
    behavior: req(MachineDetection, 'What to do when a machine answers: continue or hang up.'),
    mode: opt(
      enumOf(['default', 'detect', 'detect_beep']),
      'detect waits for the human/machine result; detect_beep also waits for the beep; default detects in parallel.',
      { default: 'detect' }
    ),
    beep_timeout: opt(
      integer({ min: 30, max: 120 }),
      'Seconds to wait for the voicemail beep before a beep_timeout event.',
      { aliases: ['beepTimeout'] }
    )
  },
  { owner: 'the advanced machine detection settings' }
)
export type AdvancedMachineDetection = {
  [K in keyof AdvancedMachineDetectionFields]: TypeOf<typeof AdvancedMachineDetection>[K]
}

/** Standard and advanced machine detection together: advanced wins (warning). */
export const bothMachineDetections = (standard: string, advanced: string): Rule =>
  rule(
    (r) => {
      if (r.has(standard) && r.has(advanced)) {
        r.report('both-machine-detections', { standard, advanced }, { at: standard })
      }
    },
    (u) => u[standard] === undefined || u[advanced] === undefined
  )

/** `mute: true` is not supported together with `canSpeak` (conversation, transfer). */
export const muteWithCanSpeak = (owner: string): Rule =>
  rule(
    (r) => {
      if (r.get('mute') === true && r.has('canSpeak')) {
        r.report('mute-with-can-speak', { owner }, { at: 'mute' })
      }
    },
    (u) => !isTrue(u['mute']) || u['canSpeak'] === undefined
  )

/** `canHear` / `canSpeak`: leg UUIDs; an empty array means nobody. */
export const legList = (doc: string) =>
  opt(array(string({ nonEmpty: true }), { what: 'leg UUID' }), doc)
