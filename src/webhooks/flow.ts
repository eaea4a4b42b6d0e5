/**
 * Events about the call flow itself rather than a leg's state: a leg moved to another
 * conversation (`transfer`), and an NCCO or request the Voice API could not use (`error`).
 *
 * @since 0.2.0
 */
import { openEnum, opt, req, string } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import {
  identifier,
  optionalConversationUuidField,
  optionalUuidField,
  timestampField,
  webhookCodec,
  webhookStruct,
  withKind
} from './fields.js'

const transferFields = webhookStruct(
  'TransferWebhook',
  {
    conversation_uuid_from: req(identifier, 'The conversation the leg left.'),
    conversation_uuid_to: req(identifier, 'The conversation the leg joined.'),
    uuid: optionalUuidField,
    type: opt(openEnum(['transfer']), 'The event type (transfer), in some payloads.'),
    status: opt(openEnum(['transfer']), 'The event type (transfer), in some payloads.'),
    timestamp: timestampField
  },
  { owner: 'the transfer event' }
)
/**
 * A leg was transferred to another conversation (a transfer action, or `PUT /v1/calls/{uuid}`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const TransferWebhook = webhookCodec(transferFields, withKind('transfer'))
export type TransferWebhook = TypeOf<typeof TransferWebhook>

const errorFields = webhookStruct(
  'ErrorWebhook',
  {
    reason: req(
      string(),
      'What went wrong, e.g. "Syntax error in NCCO. Invalid value type or action."'
    ),
    conversation_uuid: optionalConversationUuidField,
    uuid: optionalUuidField,
    timestamp: timestampField
  },
  { owner: 'the error event' }
)
/**
 * The Voice API could not use what the application gave it (an invalid NCCO, a bad barge-in).
 *
 * @category codecs
 * @since 0.2.0
 */
export const ErrorWebhook = webhookCodec(errorFields, withKind('error'))
export type ErrorWebhook = TypeOf<typeof ErrorWebhook>
