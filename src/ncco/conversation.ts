/**
 * `conversation`: creates or joins a named conference.
 *
 * @since 0.1.0
 */
import { boolean, isTrue, literal, opt, req, rule, string, struct, urls } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import type { ConversationActionFields } from './field-docs.js'
import {
  TranscriptionSettings,
  eventMethodField,
  eventUrlField,
  legList,
  muteWithCanSpeak
} from './common.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const ConversationAction = struct(
  'ConversationAction',
  {
    action: req(literal('conversation'), 'The action name.'),
    name: req(
      string({ nonEmpty: true }),
      'Name of the conversation; the same name joins the same conversation.'
    ),
    musicOnHoldUrl: opt(
      urls,
      'Audio played to participants until the conversation starts, as an array of one URL.'
    ),
    startOnEnter: opt(boolean, 'Starts the conversation when this participant joins.', {
      default: true
    }),
    endOnExit: opt(boolean, 'Ends the conversation when this participant leaves.', {
      default: false
    }),
    record: opt(boolean, 'Records the conversation.', { default: false }),
    canSpeak: legList('Leg UUIDs that can hear this participant; empty means nobody.'),
    canHear: legList('Leg UUIDs this participant can hear; empty means nobody.'),
    mute: opt(boolean, 'Mutes this participant (not together with canSpeak).', { default: false }),
    eventUrl: eventUrlField,
    eventMethod: eventMethodField,
    transcription: opt(TranscriptionSettings, 'Transcribes the recording (requires record: true).')
  },
  {
    owner: 'the conversation action',
    rules: [
      muteWithCanSpeak('the conversation action'),
      rule(
        (r) => {
          // An invalid `record` is reported on its own.
          const recordInvalid = r.has('record') && r.get('record') === undefined
          if (r.has('transcription') && r.get('record') !== true && !recordInvalid) {
            r.report('transcription-without-record', {}, { at: 'transcription' })
          }
        },
        (u) => u['transcription'] === undefined || isTrue(u['record'])
      )
    ]
  }
)
export type ConversationAction = {
  [K in keyof ConversationActionFields]: TypeOf<typeof ConversationAction>[K]
}
