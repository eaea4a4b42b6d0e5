/**
 * `record`: records the call or conversation (asynchronous).
 *
 * @since 0.1.0
 */
import { boolean, enumOf, integer, literal, opt, req, rule, struct } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import type { RecordActionFields } from './field-docs.js'
import { TranscriptionSettings, eventMethodField, eventUrlField } from './common.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const RecordAction = struct(
  'RecordAction',
  {
    action: req(literal('record'), 'The action name.'),
    format: opt(enumOf(['mp3', 'wav', 'ogg']), 'Audio format of the recording.', {
      default: 'mp3'
    }),
    split: opt(
      enumOf(['conversation']),
      'Records the sent and received audio in separate channels.'
    ),
    channels: opt(
      integer({ min: 1, max: 32 }),
      'Number of channels to record (requires split: "conversation").'
    ),
    endOnSilence: opt(
      integer({ min: 3, max: 10 }),
      'Stops recording after this many seconds of silence.'
    ),
    endOnKey: opt(
      enumOf(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']),
      'Stops recording when this key is pressed.'
    ),
    timeOut: opt(integer({ min: 3, max: 7200 }), 'Maximum length of the recording in seconds.'),
    beepStart: opt(boolean, 'Plays a beep when the recording starts.', { default: false }),
    eventUrl: eventUrlField,
    eventMethod: eventMethodField,
    transcription: opt(TranscriptionSettings, 'Transcribes the recording; {} uses the defaults.')
  },
  {
    owner: 'the record action',
    rules: [
      // NCCO reference, record channels: "split must be set to conversation".
      rule(
        (r) => {
          if (r.has('channels') && r.get('split') !== 'conversation' && !r.has('split')) {
            r.report('channels-without-split', {}, { at: 'channels' })
          }
        },
        (u) => u['channels'] === undefined || u['split'] !== undefined
      )
    ]
  }
)
export type RecordAction = { [K in keyof RecordActionFields]: TypeOf<typeof RecordAction>[K] }
