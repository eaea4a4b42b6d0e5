/**
 * The results an action sends to its own `eventUrl`: input (DTMF and speech), record,
 * transcription and notify.
 *
 * @since 0.2.0
 */
import {
  Node,
  array,
  flag,
  jsonObject,
  jsonText,
  numeric,
  openEnum,
  opt,
  req,
  string
} from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import {
  conversationUuidField,
  fromField,
  identifier,
  optionalConversationUuidField,
  optionalUuidField,
  timestampField,
  toField,
  webhookCodec,
  webhookStruct,
  withKind
} from './fields.js'
import type { Decoded } from './fields.js'

// -------------------------------------------------------------------------------------
// input
// -------------------------------------------------------------------------------------

/**
 * @category codecs
 * @since 0.2.0
 */
export const DtmfResult = webhookStruct(
  'DtmfResult',
  {
    digits: opt(string(), 'The keys pressed (absent or null when none were).'),
    timed_out: opt(flag, 'Whether the input ended because the caller stopped pressing keys.')
  },
  { owner: 'the DTMF result' }
)
export type DtmfResult = TypeOf<typeof DtmfResult>

/**
 * @category codecs
 * @since 0.2.0
 */
export const SpeechHypothesis = webhookStruct(
  'SpeechHypothesis',
  {
    text: req(string(), 'What the recogniser heard.'),
    confidence: opt(numeric(), 'How sure the recogniser is, from 0 to 1.')
  },
  { owner: 'the speech result' }
)
export type SpeechHypothesis = TypeOf<typeof SpeechHypothesis>

/**
 * @category codecs
 * @since 0.2.0
 */
export const SpeechResult = webhookStruct(
  'SpeechResult',
  {
    timeout_reason: opt(
      openEnum(['end_on_silence_timeout', 'max_duration', 'start_timeout']),
      'Why listening stopped.'
    ),
    results: opt(
      array(SpeechHypothesis, { what: 'hypothesis' }),
      'What was heard, best hypothesis first.'
    ),
    error: opt(string(), 'Why there is no result (e.g. "Speech overridden by DTMF").'),
    recording_url: opt(string(), 'The recording of the speech, when saveAudio was set.')
  },
  { owner: 'the speech result' }
)
export type SpeechResult = TypeOf<typeof SpeechResult>

const nestedDtmf = jsonText(DtmfResult)

/**
 * `dtmf` of an input result: the nested object, or (an older form) the digits as a string
 * with `timed_out` beside `dtmf` at the top level.
 */
const dtmfField: Node<DtmfResult | string> = new Node<DtmfResult | string>(
  DtmfResult.name,
  DtmfResult.spec,
  (u, ctx) =>
    typeof u === 'string' && !u.trimStart().startsWith('{') ? u : nestedDtmf.check(u, ctx)
)

const inputFields = webhookStruct(
  'InputWebhook',
  {
    from: fromField,
    to: toField,
    uuid: optionalUuidField,
    conversation_uuid: conversationUuidField,
    timestamp: timestampField,
    dtmf: opt(
      dtmfField,
      'The DTMF result; the older flat form (digits as a string) decodes to the same object.'
    ),
    speech: opt(jsonText(SpeechResult), 'The speech result.'),
    timed_out: opt(flag, 'Older flat form only: whether the DTMF input timed out.')
  },
  { owner: 'the input webhook' }
)

/**
 * @category model
 * @since 0.2.0
 */
export type InputWebhook = Decoded<
  'input',
  Omit<TypeOf<typeof inputFields>, 'dtmf' | 'timed_out'> & { readonly dtmf?: DtmfResult }
>

/**
 * The input action's result. The older flat form (`dtmf: "42"` with a top-level `timed_out`)
 * decodes to the nested one (`dtmf: { digits: "42", timed_out }`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const InputWebhook = webhookCodec(inputFields, (fields, raw): InputWebhook => {
  const { dtmf, timed_out, ...rest } = fields
  if (typeof dtmf === 'string') {
    const nested: DtmfResult =
      timed_out === undefined ? { digits: dtmf } : { digits: dtmf, timed_out }
    return { ...rest, dtmf: nested, kind: 'input', raw }
  }
  return {
    ...rest,
    ...(dtmf === undefined ? {} : { dtmf }),
    ...(timed_out === undefined ? {} : { timed_out }),
    kind: 'input',
    raw
  } as InputWebhook
})

// -------------------------------------------------------------------------------------
// record and transcription
// -------------------------------------------------------------------------------------

const recordFields = webhookStruct(
  'RecordWebhook',
  {
    start_time: opt(string(), 'When the recording started (as sent).'),
    end_time: opt(string(), 'When the recording ended (as sent).'),
    recording_url: req(
      string({ nonEmpty: true }),
      'Where to download the recording (with a JWT of the same application).'
    ),
    recording_uuid: req(identifier, 'The recording.'),
    size: opt(numeric({ integer: true }), 'Size of the recording in bytes.'),
    uuid: optionalUuidField,
    conversation_uuid: conversationUuidField,
    timestamp: timestampField
  },
  { owner: 'the record webhook' }
)
/**
 * A recording is ready (the record action, or a conversation with `record: true`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const RecordWebhook = webhookCodec(recordFields, withKind('record'))
export type RecordWebhook = TypeOf<typeof RecordWebhook>

const transcriptionFields = webhookStruct(
  'TranscriptionWebhook',
  {
    conversation_uuid: optionalConversationUuidField,
    recording_uuid: req(identifier, 'The recording that was transcribed.'),
    recording_url: opt(string(), 'Where to download the recording.'),
    status: opt(openEnum(['transcribed']), 'The transcription status.'),
    transcription_url: req(string({ nonEmpty: true }), 'Where to download the transcription.'),
    type: opt(openEnum(['record']), 'What was transcribed.'),
    timestamp: timestampField
  },
  { owner: 'the transcription webhook' }
)
/**
 * A transcription of a recording is ready (`transcription.eventUrl`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const TranscriptionWebhook = webhookCodec(transcriptionFields, withKind('transcription'))
export type TranscriptionWebhook = TypeOf<typeof TranscriptionWebhook>

// -------------------------------------------------------------------------------------
// notify
// -------------------------------------------------------------------------------------

const notifyFields = webhookStruct(
  'NotifyWebhook',
  {
    payload: req(jsonText(jsonObject()), "The notify action's payload, as given in the NCCO."),
    conversation_uuid: conversationUuidField,
    uuid: optionalUuidField,
    timestamp: timestampField
  },
  { owner: 'the notify webhook' }
)
/**
 * The notify action's request. The reply may be an NCCO, which replaces the rest of the call's.
 *
 * @category codecs
 * @since 0.2.0
 */
export const NotifyWebhook = webhookCodec(notifyFields, withKind('notify'))
export type NotifyWebhook = TypeOf<typeof NotifyWebhook>
