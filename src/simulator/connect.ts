/**
 * The `connect` action: a new leg to the first endpoint, with its own `uuid` and the call's
 * `conversation_uuid`, whose status events (`started`, `ringing`, then its outcome from the
 * script's `legs`) go to the connect's `eventUrl`, else to the call's event URL. A leg that
 * fails gets its status (then `completed`, except after `rejected`) and the NCCO goes on; with
 * `eventType: synchronous` the failure event may return an NCCO that replaces the flow. An
 * answered leg stays until the caller's next step, if it is a hang-up (both legs end), or
 * else until the connected party hangs up; then the NCCO goes on.
 *
 * @since 0.2.0
 */
import type { Action, Ncco } from '../ncco/ncco.js'
import { EndCall, addStep, consumeStep, firstUrl, isoAt, peekStep, timestamp } from './call.js'
import type { Call } from './call.js'
import {
  answeredPayload,
  completedPayload,
  failurePayload,
  machinePayload,
  statusPayload
} from './payloads.js'
import type { FailureStatus, Party, Payload } from './payloads.js'
import { nccoReply, replyToFlow } from './replies.js'
import type { NccoReply } from './replies.js'
import { send } from './requests.js'
import type { CallOutcome } from './script.js'
import { RING_MS, advance } from './timing.js'
import type { CallState, RequestKind } from './transcript.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

type Connect = Extract<Action, { readonly action: 'connect' }>

/** The connect's `timeout` default: seconds the new leg may ring. */
const DEFAULT_CONNECT_TIMEOUT_S = 60

/** The address of a connect endpoint, as the script's `legs` and the leg's `to` give it. */
const addressOf = (endpoint: Connect['endpoint'][number] | undefined): string =>
  endpoint === undefined
    ? ''
    : endpoint.type === 'phone'
      ? endpoint.number
      : endpoint.type === 'app'
        ? endpoint.user
        : endpoint.type === 'websocket'
          ? endpoint.uri
          : endpoint.type === 'vbc'
            ? endpoint.extension
            : (endpoint.uri ?? `sip:${endpoint.user ?? ''}@${endpoint.domain ?? ''}`)

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Runs a `connect` action; the NCCO a synchronous failure event returns, if any.
 *
 * @category combinators
 * @since 0.2.0
 */
export const connect = async (
  call: Call,
  action: Connect,
  index: number
): Promise<Ncco | undefined> => {
  const endpoint = action.endpoint[0]
  const address = addressOf(endpoint)
  const legs = call.settings.legs
  const outcome = Object.hasOwn(legs, address) ? (legs[address] ?? 'answered') : 'answered'
  const leg: Party = {
    uuid: call.ids.legUuid(),
    conversation_uuid: call.party.conversation_uuid,
    from: action.from ?? (call.party.direction === 'inbound' ? call.party.to : call.party.from),
    to: address,
    direction: 'outbound'
  }
  addStep(call, {
    type: 'connect',
    index,
    endpoint: endpoint?.type ?? 'phone',
    address,
    outcome,
    leg: leg.uuid
  })
  const ownUrl = firstUrl(action.eventUrl)
  const url = ownUrl ?? call.settings.eventUrl
  const method = ownUrl === undefined ? call.settings.eventMethod : (action.eventMethod ?? 'POST')
  const legEvent = async (
    kind: RequestKind,
    payload: Payload,
    expectsNcco: boolean
  ): Promise<NccoReply> => {
    if (url === undefined) return { type: 'continue' }
    const spec = { route: 'event', kind, method, url, payload, expectsNcco } as const
    if (!expectsNcco) {
      await send(call, spec)
      return { type: 'continue' }
    }
    return nccoReply(call, spec, 'event', 'connect')
  }
  const legStatus = (status: CallState | 'human' | 'machine'): void => {
    addStep(call, { type: 'status', status, leg: leg.uuid })
  }
  const legCompleted = async (answeredAt: number, by: 'user' | 'platform'): Promise<void> => {
    legStatus('completed')
    await legEvent(
      'completed',
      completedPayload(leg, {
        timestamp: timestamp(call),
        startTime: isoAt(call, answeredAt),
        endTime: timestamp(call),
        durationSeconds: Math.round((call.now - answeredAt) / 1000),
        disconnectedBy: by
      }),
      false
    )
  }
  legStatus('started')
  await legEvent('started', statusPayload(leg, 'started', timestamp(call)), false)
  legStatus('ringing')
  await legEvent('ringing', statusPayload(leg, 'ringing', timestamp(call)), false)
  const timeoutMs = (action.timeout ?? DEFAULT_CONNECT_TIMEOUT_S) * 1000
  let legOutcome: CallOutcome = outcome
  let ringMs = outcome === 'unanswered' || outcome === 'timeout' ? timeoutMs : RING_MS
  if (timeoutMs < ringMs) {
    ringMs = timeoutMs
    legOutcome = 'timeout'
  }
  await advance(call, ringMs)
  if (legOutcome !== 'answered' && legOutcome !== 'machine') {
    const failure: FailureStatus = legOutcome
    legStatus(failure)
    const reply = await legEvent(
      failure,
      failurePayload(leg, failure, timestamp(call)),
      action.eventType === 'synchronous'
    )
    if (failure !== 'rejected') await legCompleted(call.now, 'platform')
    return replyToFlow(reply)
  }
  const legAnsweredAt = call.now
  legStatus('answered')
  await legEvent('answered', answeredPayload(leg, timestamp(call)), false)
  const detection = action.advancedMachineDetection?.behavior ?? action.machineDetection
  if (detection !== undefined) {
    const status = legOutcome === 'machine' ? 'machine' : 'human'
    legStatus(status)
    await legEvent(status, machinePayload(leg, status, timestamp(call)), false)
    if (status === 'machine' && detection === 'hangup') {
      await legCompleted(legAnsweredAt, 'platform')
      return undefined
    }
  }
  const next = peekStep(call)
  if (next !== undefined && 'hangup' in next.step) {
    consumeStep(call, next.index, { action: 'hangup' })
    await legCompleted(legAnsweredAt, 'user')
    throw new EndCall('caller-hung-up', 'user')
  }
  await legCompleted(legAnsweredAt, 'user')
  return undefined
}
