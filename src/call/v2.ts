/**
 * The Voice API v2 create-call request (`POST /v2/calls`, the seed `voice.v2.seed.txt`):
 * `from` is required, and there is no `random_from_number` nor advanced machine detection.
 *
 * @since 0.1.0
 */
import { integer, narrow, opt, req, struct } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import { PhoneFrom, commonCallFields, instructionRules, withSnakeAlias } from './common.js'
import type { CallInstructions } from './v1.js'

const base = struct(
  'CreateCallV2Request',
  {
    ...commonCallFields,
    from: req(PhoneFrom, 'Caller id: one of your Vonage numbers.'),
    length_timer: withSnakeAlias(
      'length_timer',
      opt(integer({ min: 1, max: 7200 }), 'Seconds after answer before the call is ended.', {
        default: 7200
      })
    ),
    ringing_timer: withSnakeAlias(
      'ringing_timer',
      opt(integer({ min: 1, max: 120 }), 'Seconds of ringing before the call is given up.', {
        default: 60
      })
    )
  },
  { owner: 'the v2 create-call request', rules: [instructionRules] }
)

type Base = TypeOf<typeof base>

/**
 * A v2 create-call request (exactly one of `ncco` / `answer_url`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const CreateCallV2Request = narrow<
  Omit<Base, 'ncco' | 'answer_url' | 'answer_method'> & CallInstructions
>(base)
export type CreateCallV2Request = TypeOf<typeof CreateCallV2Request>

/** The fields of the v2 request, for the docs and schema generators. */
export const createCallV2Struct = base
