/**
 * `transfer`: moves every leg of this conversation into another existing conversation.
 *
 * @since 0.1.0
 */
import { boolean, literal, opt, req, string, struct } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import type { TransferActionFields } from './field-docs.js'
import { legList, muteWithCanSpeak } from './common.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const TransferAction = struct(
  'TransferAction',
  {
    action: req(literal('transfer'), 'The action name.'),
    // The NCCO reference's example uses conversationId, its option table conversation_id; the
    // Java and .NET SDKs send the first, the Ruby SDK the second. The example and two SDKs
    // win; the other spelling stands in for it (docs/rules.md §1).
    conversationId: req(string({ nonEmpty: true }), 'ID of the conversation to move the legs to.', {
      aliases: ['conversation_id']
    }),
    canHear: legList('Leg UUIDs the transferred legs can hear.'),
    canSpeak: legList('Leg UUIDs that can hear the transferred legs.'),
    mute: opt(boolean, 'Mutes the transferred legs (not together with canSpeak).', {
      default: false
    })
  },
  { owner: 'the transfer action', rules: [muteWithCanSpeak('the transfer action')] }
)
export type TransferAction = { [K in keyof TransferActionFields]: TypeOf<typeof TransferAction>[K] }
