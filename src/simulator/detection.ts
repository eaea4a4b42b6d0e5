/**
 * Machine detection on the call itself (the create-call `machine_detection` and
 * `advanced_machine_detection`): after the answer, a `human` or `machine` event, which may
 * return an NCCO; `hangup` ends the call on a machine. Advanced detection's modes (default
 * `detect`): `default` and `detect` send the status event; `default` and `detect_beep` then
 * send a `machine` event with `sub_state: beep_start` at the script's `beep`, or
 * `beep_timeout` after `beep_timeout` seconds when the script gives no beep (or a later one).
 *
 * @since 0.2.0
 */
import { EndCall, ReplaceFlow, addStep, timestamp } from './call.js'
import type { Call } from './call.js'
import { machinePayload } from './payloads.js'
import { nccoReply } from './replies.js'
import type { NccoReply } from './replies.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** A human/machine event (`subState` for the beep), which may return an NCCO. */
const detectionEvent = async (
  call: Call,
  status: 'human' | 'machine',
  subState?: 'beep_start' | 'beep_timeout'
): Promise<NccoReply> => {
  addStep(call, { type: 'status', status, ...(subState === undefined ? {} : { subState }) })
  const url = call.settings.eventUrl
  if (url === undefined) return { type: 'continue' }
  return nccoReply(
    call,
    {
      route: 'event',
      kind: status,
      method: call.settings.eventMethod,
      url,
      payload: machinePayload(call.party, status, timestamp(call), subState),
      expectsNcco: true
    },
    'event',
    'machine-detection'
  )
}

/** The beep (or its timeout) comes later: a timer, whose NCCO replaces what is playing. */
const awaitBeep = (call: Call, at: number, beep: boolean, hangup: boolean): void => {
  call.timers.push({
    at,
    fire: async () => {
      const reply = await detectionEvent(call, 'machine', beep ? 'beep_start' : 'beep_timeout')
      if (hangup) throw new EndCall('machine-detected', 'platform')
      if (reply.type === 'end') throw new EndCall('no-ncco', 'platform')
      if (reply.type === 'ncco') throw new ReplaceFlow(reply.ncco, 'machine-detection')
    }
  })
}

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Detection right after the answer: may end the call, or give the NCCO to start with.
 *
 * @category combinators
 * @since 0.2.0
 */
export const detectMachine = async (
  call: Call,
  isMachine: boolean
): Promise<Extract<NccoReply, { readonly type: 'ncco' }> | undefined> => {
  const s = call.settings
  const status = isMachine ? 'machine' : 'human'
  let reply: NccoReply | undefined
  if (s.advanced !== undefined) {
    const { behavior, mode, beepTimeoutS } = s.advanced
    if (mode !== 'detect_beep') reply = await detectionEvent(call, status)
    if (isMachine && behavior === 'hangup' && mode !== 'detect_beep') {
      throw new EndCall('machine-detected', 'platform')
    }
    if (isMachine && mode !== 'detect') {
      const beepS = s.beepS
      const beep = beepS !== undefined && beepS <= beepTimeoutS
      awaitBeep(
        call,
        call.now + Math.round((beep ? beepS : beepTimeoutS) * 1000),
        beep,
        behavior === 'hangup'
      )
    }
  } else if (s.machineDetection !== undefined) {
    reply = await detectionEvent(call, status)
    if (isMachine && s.machineDetection === 'hangup') {
      throw new EndCall('machine-detected', 'platform')
    }
  }
  if (reply?.type === 'end') throw new EndCall('no-ncco', 'platform')
  return reply?.type === 'ncco' ? reply : undefined
}
