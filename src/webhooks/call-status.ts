/**
 * Call-status events: what the Voice API sends to the event URL as a leg moves through its
 * states (started, ringing, answered, ..., completed), the machine-detection results, a closed
 * websocket (`disconnected`), and the v2 create-call's `CallPlacedWebhook`.
 *
 * @since 0.2.0
 */
import {
  blankAsAbsent,
  enumOf,
  literal,
  numeric,
  openEnum,
  opt,
  req,
  string
} from '../internal/node.js'
import type { Fields, TypeOf } from '../internal/node.js'
import {
  conversationUuidField,
  directionField,
  fromField,
  headersField,
  identifier,
  optionalConversationUuidField,
  optionalUuidField,
  timestampField,
  toField,
  uuidField,
  webhookCodec,
  webhookStruct,
  withKind
} from './fields.js'
import type { Decoded } from './fields.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Every status a call leg reports with its own fields, in the order a call goes through them.
 *
 * @category model
 * @since 0.2.0
 */
export const callStatuses = [
  'started',
  'ringing',
  'answered',
  'busy',
  'cancelled',
  'unanswered',
  'rejected',
  'failed',
  'timeout',
  'completed'
] as const

/**
 * @category model
 * @since 0.2.0
 */
export type CallStatus = (typeof callStatuses)[number]

const sipCodeField = opt(
  numeric({ integer: true }),
  'The SIP response code that ended the attempt (404, 486, 603, ...).'
)

const detailField = (known: ReadonlyArray<string>) =>
  opt(openEnum(known), 'Why the leg ended in this state; other values may appear.')

const statusEvent = <const S extends CallStatus, F extends Fields>(
  name: string,
  status: S,
  extra: F
) =>
  webhookStruct(
    name,
    {
      from: fromField,
      to: toField,
      uuid: uuidField,
      conversation_uuid: conversationUuidField,
      status: req(literal(status), 'The leg status.'),
      direction: directionField,
      timestamp: timestampField,
      headers: headersField,
      ...extra
    },
    { owner: `the ${status} event` }
  )

const rateField = opt(numeric(), 'Price per minute of the leg, in EUR.')
const networkField = (blank: boolean) =>
  opt(
    blank ? blankAsAbsent(string()) : string(),
    'The network the leg used: a label such as GB-FIXED, or an MCC-MNC code.'
  )
const startTimeField = (blank: boolean) =>
  opt(blank ? blankAsAbsent(string()) : string(), 'When the leg was answered (as sent).')

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const startedFields = statusEvent('StartedEvent', 'started', {})
/**
 * @category codecs
 * @since 0.2.0
 */
export const StartedEvent = webhookCodec(startedFields, withKind('started'))
export type StartedEvent = TypeOf<typeof StartedEvent>

const ringingFields = statusEvent('RingingEvent', 'ringing', {})
/**
 * @category codecs
 * @since 0.2.0
 */
export const RingingEvent = webhookCodec(ringingFields, withKind('ringing'))
export type RingingEvent = TypeOf<typeof RingingEvent>

const answeredFields = statusEvent('AnsweredEvent', 'answered', {
  start_time: startTimeField(true),
  rate: rateField,
  network: networkField(true)
})
/**
 * `answered`: `start_time`, `rate` and `network` arrive empty or `null` on many calls; they
 * decode as absent then.
 *
 * @category codecs
 * @since 0.2.0
 */
export const AnsweredEvent = webhookCodec(answeredFields, withKind('answered'))
export type AnsweredEvent = TypeOf<typeof AnsweredEvent>

const busyFields = statusEvent('BusyEvent', 'busy', {
  detail: detailField([]),
  sip_code: sipCodeField
})
/**
 * @category codecs
 * @since 0.2.0
 */
export const BusyEvent = webhookCodec(busyFields, withKind('busy'))
export type BusyEvent = TypeOf<typeof BusyEvent>

const cancelledFields = statusEvent('CancelledEvent', 'cancelled', {
  detail: detailField([]),
  sip_code: sipCodeField
})
/**
 * @category codecs
 * @since 0.2.0
 */
export const CancelledEvent = webhookCodec(cancelledFields, withKind('cancelled'))
export type CancelledEvent = TypeOf<typeof CancelledEvent>

const unansweredFields = statusEvent('UnansweredEvent', 'unanswered', {
  detail: detailField(['unavailable', 'timeout']),
  sip_code: sipCodeField
})
/**
 * @category codecs
 * @since 0.2.0
 */
export const UnansweredEvent = webhookCodec(unansweredFields, withKind('unanswered'))
export type UnansweredEvent = TypeOf<typeof UnansweredEvent>

const rejectedFields = statusEvent('RejectedEvent', 'rejected', {
  detail: detailField(['invalid_number', 'restricted', 'declined']),
  sip_code: sipCodeField
})
/**
 * @category codecs
 * @since 0.2.0
 */
export const RejectedEvent = webhookCodec(rejectedFields, withKind('rejected'))
export type RejectedEvent = TypeOf<typeof RejectedEvent>

const failedFields = statusEvent('FailedEvent', 'failed', {
  detail: detailField(['cannot_route', 'number_out_of_service', 'internal_error']),
  sip_code: sipCodeField
})
/**
 * @category codecs
 * @since 0.2.0
 */
export const FailedEvent = webhookCodec(failedFields, withKind('failed'))
export type FailedEvent = TypeOf<typeof FailedEvent>

const timeoutFields = statusEvent('TimeoutEvent', 'timeout', {
  detail: detailField(['carrier_timeout']),
  sip_code: sipCodeField
})
/**
 * @category codecs
 * @since 0.2.0
 */
export const TimeoutEvent = webhookCodec(timeoutFields, withKind('timeout'))
export type TimeoutEvent = TypeOf<typeof TimeoutEvent>

const completedFields = statusEvent('CompletedEvent', 'completed', {
  start_time: startTimeField(false),
  end_time: opt(string(), 'When the leg ended (as sent).'),
  duration: opt(numeric({ integer: true }), 'How long the leg was answered, in seconds.'),
  rate: rateField,
  price: opt(numeric(), 'Total price of the leg, in EUR.'),
  network: networkField(false),
  disconnected_by: opt(openEnum(['user', 'platform']), 'Who hung up: the user or the platform.'),
  detail: detailField([]),
  sip_code: sipCodeField
})
/**
 * `completed`: sent at the end of every call that was not `rejected`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const CompletedEvent = webhookCodec(completedFields, withKind('completed'))
export type CompletedEvent = TypeOf<typeof CompletedEvent>

/**
 * @category model
 * @since 0.2.0
 */
export type CallStatusWebhook =
  | StartedEvent
  | RingingEvent
  | AnsweredEvent
  | BusyEvent
  | CancelledEvent
  | UnansweredEvent
  | RejectedEvent
  | FailedEvent
  | TimeoutEvent
  | CompletedEvent

/** The codec of each status, for the decoder's dispatch. */
export const callStatusCodecs = {
  started: StartedEvent,
  ringing: RingingEvent,
  answered: AnsweredEvent,
  busy: BusyEvent,
  cancelled: CancelledEvent,
  unanswered: UnansweredEvent,
  rejected: RejectedEvent,
  failed: FailedEvent,
  timeout: TimeoutEvent,
  completed: CompletedEvent
} as const satisfies { readonly [S in CallStatus]: { readonly name: string } }

const machineFields = webhookStruct(
  'MachineDetectionEvent',
  {
    from: fromField,
    to: toField,
    uuid: req(identifier, 'The call leg that was answered (sent as call_uuid).', {
      aliases: ['call_uuid']
    }),
    conversation_uuid: conversationUuidField,
    status: req(enumOf(['human', 'machine']), 'Who answered: a person or a machine.'),
    sub_state: opt(
      openEnum(['beep_start', 'beep_timeout']),
      'Advanced detection: the voicemail beep started, or none came in time.'
    ),
    timestamp: timestampField
  },
  { owner: 'the machine detection event' }
)
/**
 * The result of machine detection: `human` or `machine` (with `sub_state` for the beep). The
 * Voice API sends the leg as `call_uuid`; it decodes as `uuid` (`uuid` wins when both come).
 *
 * @category codecs
 * @since 0.2.0
 */
export const MachineDetectionEvent = webhookCodec(
  machineFields,
  (fields, raw): MachineDetectionEvent =>
    fields.status === 'human'
      ? { ...fields, status: 'human', kind: 'human', raw }
      : { ...fields, status: 'machine', kind: 'machine', raw }
)

type MachineFields = Omit<TypeOf<typeof machineFields>, 'status'>

/**
 * @category model
 * @since 0.2.0
 */
export type HumanEvent = Decoded<'human', MachineFields & { readonly status: 'human' }>

/**
 * @category model
 * @since 0.2.0
 */
export type MachineEvent = Decoded<'machine', MachineFields & { readonly status: 'machine' }>

/**
 * @category model
 * @since 0.2.0
 */
export type MachineDetectionEvent = HumanEvent | MachineEvent

const disconnectedFields = webhookStruct(
  'DisconnectedEvent',
  {
    from: fromField,
    to: toField,
    uuid: uuidField,
    conversation_uuid: conversationUuidField,
    status: req(literal('disconnected'), 'The leg status.'),
    timestamp: timestampField
  },
  { owner: 'the disconnected event' }
)
/**
 * A websocket leg was closed from the application side. The reply may be an NCCO.
 *
 * @category codecs
 * @since 0.2.0
 */
export const DisconnectedEvent = webhookCodec(disconnectedFields, withKind('disconnected'))
export type DisconnectedEvent = TypeOf<typeof DisconnectedEvent>

const callPlacedFields = webhookStruct(
  'CallPlacedWebhook',
  {
    from: opt(string(), 'The source of the call.'),
    to: opt(string(), 'The destination: a PSTN number, a SIP, IP or websocket address.'),
    uuid: optionalUuidField,
    conversation_uuid: optionalConversationUuidField,
    client_ref: opt(
      string(),
      'The client reference of an outbound IP call, sent instead of a UUID.'
    ),
    status: opt(string(), 'The leg status (started).'),
    direction: directionField,
    timestamp: timestampField
  },
  { owner: 'the call placed webhook' }
)
/**
 * The v2 create-call's webhook, sent to its `event_url` for each leg placed. It has the fields
 * of a `started` event; the decoder tells it apart by `client_ref`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const CallPlacedWebhook = webhookCodec(callPlacedFields, withKind('call-placed'))
export type CallPlacedWebhook = TypeOf<typeof CallPlacedWebhook>
