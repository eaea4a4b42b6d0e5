/**
 * The payloads the simulator sends, shaped as the Voice API sends them (docs/webhooks.md has
 * the field tables): the answer webhook, call status events, machine detection, input
 * results in the nested form, record, transcription, notify, transfer, error and fallback
 * payloads, and the v2 `CallPlacedWebhook`.
 *
 * Key order follows Vonage's examples, which matters for GET requests: the signature's
 * `payload_hash` covers the query in the order sent.
 *
 * @since 0.2.0
 */
import type { CallState } from './transcript.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The identifiers and parties of a call or of a connected leg.
 *
 * @category model
 * @since 0.2.0
 */
export interface Party {
  readonly uuid: string
  readonly conversation_uuid: string
  readonly from: string
  readonly to: string
  readonly direction: 'inbound' | 'outbound'
}

/**
 * A JSON object payload.
 *
 * @category model
 * @since 0.2.0
 */
export type Payload = Readonly<Record<string, unknown>>

/**
 * The statuses a call ends with when it is not answered.
 *
 * @category model
 * @since 0.2.0
 */
export type FailureStatus = 'busy' | 'cancelled' | 'unanswered' | 'rejected' | 'failed' | 'timeout'

/**
 * The reasons a fallback request gives (docs/webhooks.md, fallback).
 *
 * @category model
 * @since 0.2.0
 */
export type FallbackReason =
  | 'Connection closed.'
  | 'Connection reset.'
  | 'Socket timeout.'
  | 'Invalid NCCO.'
  | 'Invalid response code.'

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The per-minute rate the simulated calls are billed at, as the Voice API writes it.
 *
 * @category constants
 * @since 0.2.0
 */
export const simulatedRate = '0.01000000'

/**
 * The `network` of the simulated calls.
 *
 * @category constants
 * @since 0.2.0
 */
export const simulatedNetwork = 'GB-FIXED'

/**
 * What the error event says about an invalid NCCO, in the Voice API's words.
 *
 * @category constants
 * @since 0.2.0
 */
export const invalidNccoReason = 'Syntax error in NCCO. Invalid value type or action.'

/**
 * `detail` and `sip_code` of each failure status, as real events carry them.
 */
const failureDetails: Readonly<
  Record<FailureStatus, { readonly detail?: string; readonly sip_code?: number }>
> = {
  busy: { sip_code: 486 },
  cancelled: {},
  unanswered: { detail: 'timeout', sip_code: 480 },
  rejected: { detail: 'declined', sip_code: 603 },
  failed: { detail: 'cannot_route', sip_code: 404 },
  timeout: {}
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The answer webhook: the parties and the identifiers.
 *
 * @category constructors
 * @since 0.2.0
 */
export const answerPayload = (call: Party): Payload => ({
  to: call.to,
  from: call.from,
  uuid: call.uuid,
  conversation_uuid: call.conversation_uuid
})

/**
 * A call status event (`started`, `ringing`, and with `extra` the others).
 *
 * @category constructors
 * @since 0.2.0
 */
export const statusPayload = (
  call: Party,
  status: CallState,
  timestamp: string,
  extra: Payload = {}
): Payload => ({
  from: call.from,
  to: call.to,
  uuid: call.uuid,
  conversation_uuid: call.conversation_uuid,
  status,
  direction: call.direction,
  timestamp,
  ...extra
})

/**
 * The v2 `CallPlacedWebhook`, which stands for the first `started` event of a v2 call.
 *
 * @category constructors
 * @since 0.2.0
 */
export const callPlacedPayload = (call: Party, timestamp: string): Payload =>
  statusPayload(call, 'started', timestamp)

/**
 * `answered`: `start_time`, `rate` and `network` are `null`, as in real 2024 payloads.
 *
 * @category constructors
 * @since 0.2.0
 */
export const answeredPayload = (call: Party, timestamp: string): Payload =>
  statusPayload(call, 'answered', timestamp, { start_time: null, rate: null, network: null })

/**
 * A failure status with its `detail` and `sip_code`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const failurePayload = (call: Party, status: FailureStatus, timestamp: string): Payload =>
  statusPayload(call, status, timestamp, failureDetails[status])

/**
 * `completed`, with the call's times, its duration in whole seconds, rate and price (strings,
 * as the Voice API sends them) and who hung up.
 *
 * @category constructors
 * @since 0.2.0
 */
export const completedPayload = (
  call: Party,
  times: {
    readonly timestamp: string
    readonly startTime: string
    readonly endTime: string
    readonly durationSeconds: number
    readonly disconnectedBy: 'user' | 'platform'
  }
): Payload =>
  statusPayload(call, 'completed', times.timestamp, {
    start_time: times.startTime,
    end_time: times.endTime,
    duration: String(times.durationSeconds),
    rate: simulatedRate,
    price: ((Number(simulatedRate) * times.durationSeconds) / 60).toFixed(8),
    network: simulatedNetwork,
    disconnected_by: times.disconnectedBy
  })

/**
 * A machine-detection result: these carry `call_uuid`, not `uuid`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const machinePayload = (
  call: Party,
  status: 'human' | 'machine',
  timestamp: string,
  subState?: 'beep_start' | 'beep_timeout'
): Payload => ({
  call_uuid: call.uuid,
  from: call.from,
  to: call.to,
  status,
  conversation_uuid: call.conversation_uuid,
  timestamp,
  ...(subState === undefined ? {} : { sub_state: subState })
})

/**
 * An input result, in the nested form current SDKs read.
 *
 * @category constructors
 * @since 0.2.0
 */
export const inputPayload = (
  call: Party,
  timestamp: string,
  result: { readonly dtmf?: Payload; readonly speech?: Payload }
): Payload => ({
  from: call.from,
  to: call.to,
  uuid: call.uuid,
  conversation_uuid: call.conversation_uuid,
  timestamp,
  ...(result.dtmf === undefined ? {} : { dtmf: result.dtmf }),
  ...(result.speech === undefined ? {} : { speech: result.speech })
})

/**
 * A recording's webhook.
 *
 * @category constructors
 * @since 0.2.0
 */
export const recordPayload = (
  call: Party,
  recording: {
    readonly startTime: string
    readonly endTime: string
    readonly recordingUuid: string
    readonly size: number
    readonly timestamp: string
  }
): Payload => ({
  start_time: recording.startTime,
  end_time: recording.endTime,
  recording_url: recordingUrl(recording.recordingUuid),
  recording_uuid: recording.recordingUuid,
  size: recording.size,
  conversation_uuid: call.conversation_uuid,
  timestamp: recording.timestamp,
  uuid: call.uuid
})

/**
 * A transcription's webhook.
 *
 * @category constructors
 * @since 0.2.0
 */
export const transcriptionPayload = (
  call: Party,
  transcription: {
    readonly recordingUuid: string
    readonly transcriptionUuid: string
    readonly timestamp: string
  }
): Payload => ({
  conversation_uuid: call.conversation_uuid,
  recording_uuid: transcription.recordingUuid,
  status: 'transcribed',
  transcription_url: recordingUrl(transcription.transcriptionUuid),
  type: 'record',
  timestamp: transcription.timestamp
})

/**
 * @category constructors
 * @since 0.2.0
 */
export const notifyPayload = (call: Party, payload: unknown, timestamp: string): Payload => ({
  payload,
  conversation_uuid: call.conversation_uuid,
  timestamp
})

/**
 * @category constructors
 * @since 0.2.0
 */
export const transferPayload = (call: Party, to: string, timestamp: string): Payload => ({
  conversation_uuid_from: call.conversation_uuid,
  conversation_uuid_to: to,
  uuid: call.uuid,
  timestamp,
  type: 'transfer'
})

/**
 * @category constructors
 * @since 0.2.0
 */
export const errorPayload = (call: Party, reason: string, timestamp: string): Payload => ({
  reason,
  conversation_uuid: call.conversation_uuid,
  timestamp
})

/**
 * The fallback request: the original payload, why it failed, and which request it was.
 *
 * @category constructors
 * @since 0.2.0
 */
export const fallbackPayload = (
  original: Payload,
  reason: FallbackReason,
  request: { readonly url: string; readonly type: 'answer' | 'event' }
): Payload => ({
  ...original,
  reason,
  original_request: { url: request.url, type: request.type }
})

/**
 * The URL the Voice API gives a recording or transcription file.
 *
 * @category constructors
 * @since 0.2.0
 */
export const recordingUrl = (uuid: string): string => `https://api.nexmo.com/v1/files/${uuid}`

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * A payload as GET query parameters: strings as they are, numbers and booleans as text,
 * objects as JSON text, `null` left out (a query has no null).
 *
 * @category destructors
 * @since 0.2.0
 */
export const queryOf = (payload: Payload): ReadonlyArray<readonly [string, string]> =>
  Object.entries(payload).flatMap(([key, value]): Array<readonly [string, string]> => {
    if (value === null || value === undefined) return []
    if (typeof value === 'string') return [[key, value]]
    if (typeof value === 'number' || typeof value === 'boolean') return [[key, String(value)]]
    return [[key, JSON.stringify(value)]]
  })
