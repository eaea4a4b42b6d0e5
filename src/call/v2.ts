/**
 * The Voice API v2 create-call request (`POST /v2/calls`, the Voice API v2 OpenAPI 2.2.2):
 * `from` is required, and there is no `random_from_number` nor advanced machine detection.
 *
 * @since 0.1.0
 */
import { integer, narrow, opt, req, struct } from '../internal/node.js'
import {
  AppEndpoint,
  CallSipEndpoint,
  PhoneEndpoint,
  VbcEndpoint,
  WebsocketEndpoint
} from '../ncco/endpoints.js'
import type { TypeOf } from '../internal/node.js'
import { PhoneFrom, commonCallFields, instructionRules, withSnakeAlias } from './common.js'
import type { CallInstructions, CallRecipients } from './v1.js'

const v2Fields = {
  ...commonCallFields,
  from: req(PhoneFrom, 'Caller id: one of your Vonage numbers.'),
  length_timer: withSnakeAlias(
    'length_timer',
    opt(integer({ min: 1, max: 7200 }), 'Seconds after answer before the call is ended.', {
      default: 7200
    })
  )
} as const

const base = struct('CreateCallV2Request', v2Fields, {
  owner: 'the v2 create-call request',
  rules: [instructionRules]
})

type Base = TypeOf<typeof base>

/**
 * A v2 create-call request (exactly one of `ncco` / `answer_url`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const CreateCallV2Request = narrow<
  Omit<Base, 'to' | 'ncco' | 'answer_url' | 'answer_method'> & CallRecipients & CallInstructions
>(base)
export type CreateCallV2Request = TypeOf<typeof CreateCallV2Request>

/** The fields of the v2 request, for the docs and schema generators. */
export const createCallV2Struct = base

// -------------------------------------------------------------------------------------
// the seed's names
// -------------------------------------------------------------------------------------

const { ncco, answer_url, answer_method, ...v2Base } = v2Fields

/**
 * The seed's `CreateCallRequestNcco`: a v2 request with its NCCO inline.
 *
 * @category codecs
 * @since 0.1.0
 */
export const CreateCallRequestNcco = struct(
  'CreateCallRequestNcco',
  { ...v2Base, ncco: req(ncco.node, ncco.doc) },
  { owner: 'the v2 create-call request' }
)
export type CreateCallRequestNcco = TypeOf<typeof CreateCallRequestNcco>

/**
 * The seed's `CreateCallRequestAnswerUrl`: a v2 request whose NCCO comes from `answer_url`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const CreateCallRequestAnswerUrl = struct(
  'CreateCallRequestAnswerUrl',
  {
    ...v2Base,
    answer_url: req(answer_url.node, answer_url.doc, { aliases: answer_url.aliases ?? [] }),
    answer_method
  },
  { owner: 'the v2 create-call request' }
)
export type CreateCallRequestAnswerUrl = TypeOf<typeof CreateCallRequestAnswerUrl>

/** The seed's endpoint names (`voice.yml#/components/schemas/…`), for readers of the seed. */
export const EndpointPhoneTo = PhoneEndpoint
export type EndpointPhoneTo = PhoneEndpoint
export const EndpointSip = CallSipEndpoint
export type EndpointSip = CallSipEndpoint
export const EndpointWebsocket = WebsocketEndpoint
export type EndpointWebsocket = WebsocketEndpoint
export const EndpointVBCExtension = VbcEndpoint
export type EndpointVBCExtension = VbcEndpoint
export const EndpointApp = AppEndpoint
export type EndpointApp = AppEndpoint
export const EndpointPhoneFrom = PhoneFrom
export type EndpointPhoneFrom = PhoneFrom
