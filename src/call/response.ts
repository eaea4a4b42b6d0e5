/**
 * The v1 create-call response (`201 Created`). Decoded leniently: fields Vonage may add later
 * are allowed. `conversation_uuid` carries a `CON-` prefix, so it is not checked as a UUID.
 *
 * @since 0.1.0
 */
import { enumOf, req, string, struct } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const CreateCallV1Response = struct(
  'CreateCallV1Response',
  {
    uuid: req(string({ nonEmpty: true }), 'UUID of the new leg.'),
    status: req(string({ nonEmpty: true }), 'Status of the call, e.g. started.'),
    direction: req(enumOf(['outbound', 'inbound']), 'Direction of the call.'),
    conversation_uuid: req(string({ nonEmpty: true }), 'ID of the conversation (CON-…).')
  },
  { owner: 'the create-call response', unknownKeys: 'allow' }
)
export type CreateCallV1Response = TypeOf<typeof CreateCallV1Response>
