/**
 * A call from its first event to its transcript (docs/simulate.md, "How a call runs").
 *
 * Inbound (the default): the answer webhook, then `started`, `ringing`, `answered`. Outbound:
 * `started`, `ringing`, 3 s of ringing, `answered`, then the answer webhook; a v2 call's
 * `CallPlacedWebhook` stands for `started`. A call that is not answered gets its status
 * instead. Then machine detection, the NCCOs one action at a time (with `hangup()` and
 * `transfer()` from outside applied between actions), and at the end `completed` (not after
 * `rejected`), the webhooks of the recordings still running, and a finding for each caller
 * step nothing used.
 *
 * @since 0.2.0
 */
import { makeIssue } from '../issue.js'
import type { Ncco } from '../ncco/ncco.js'
import { runAction } from './actions.js'
import { EndCall, ReplaceFlow, addStep, isoAt, seconds, setStatus, timestamp } from './call.js'
import type { Call } from './call.js'
import { detectMachine } from './detection.js'
import {
  answerPayload,
  answeredPayload,
  callPlacedPayload,
  completedPayload,
  failurePayload
} from './payloads.js'
import type { FailureStatus } from './payloads.js'
import { recordWebhooks, stopRecording } from './record.js'
import { acceptNcco, nccoReply, validated } from './replies.js'
import type { NccoReply } from './replies.js'
import { sendEvent, statusEvent } from './requests.js'
import { describeStep } from './script.js'
import { DEFAULT_RINGING_TIMER_S, RING_MS } from './timing.js'
import type { CallTranscript } from './transcript.js'

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/** The most actions one call may run: a guard against an app that loops forever. */
const MAX_ACTIONS = 1000

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const failed = (call: Call, error: unknown): void => {
  call.findings.push(
    makeIssue('simulation-failed', '', {
      reason: error instanceof Error ? error.message : String(error)
    })
  )
}

const firstNcco = async (call: Call): Promise<NccoReply> => {
  const answer = call.settings.answer
  if (answer.type === 'inline') return acceptNcco(call, answer.ncco, 'inline')
  return nccoReply(
    call,
    {
      route: 'answer',
      kind: 'answer',
      method: answer.method,
      url: answer.url,
      payload: answerPayload(call.party),
      expectsNcco: true
    },
    'answer',
    'answer'
  )
}

const notAnswered = async (call: Call, failure: FailureStatus): Promise<EndCall> => {
  setStatus(call, failure)
  await sendEvent(call, failure, failurePayload(call.party, failure, timestamp(call)))
  return new EndCall('not-answered', 'platform')
}

/** `hangup()` and `transfer()` from outside, applied between actions. */
const takeControl = (call: Call): Ncco | undefined => {
  if (call.hangupRequested) throw new EndCall('hung-up-by-api', 'platform')
  let replacement: Ncco | undefined
  for (
    let ncco = call.pendingTransfers.shift();
    ncco !== undefined;
    ncco = call.pendingTransfers.shift()
  ) {
    const accepted = validated(call, ncco, 'transfer', undefined)
    if (accepted !== undefined) replacement = accepted
  }
  return replacement
}

/** The NCCOs, one action at a time, until the call ends. */
const runFlow = async (call: Call, initial: Ncco): Promise<EndCall> => {
  let ncco = initial
  let pc = 0
  const replace = (next: Ncco): void => {
    ncco = next
    pc = 0
    call.bargedIn = false
  }
  for (;;) {
    try {
      const transferred = takeControl(call)
      if (transferred !== undefined) {
        replace(transferred)
        continue
      }
      const action = ncco[pc]
      if (action === undefined) return new EndCall('ncco-ended', 'platform')
      call.actionsRun++
      if (call.actionsRun > MAX_ACTIONS) {
        call.findings.push(makeIssue('too-many-actions', '', { max: MAX_ACTIONS }))
        return new EndCall('too-many-actions', 'platform')
      }
      const next = await runAction(call, action, pc)
      if (next !== undefined) replace(next)
      else pc++
    } catch (error) {
      if (!(error instanceof ReplaceFlow)) throw error
      replace(error.ncco)
    }
  }
}

/** From the first event to the end of the flow. */
const flow = async (call: Call): Promise<EndCall> => {
  const s = call.settings
  let first: NccoReply | undefined
  if (s.callPlaced) {
    setStatus(call, 'started')
    await sendEvent(call, 'call-placed', callPlacedPayload(call.party, timestamp(call)))
  }
  if (s.party.direction === 'inbound') first = await firstNcco(call)
  if (!s.callPlaced) await statusEvent(call, 'started')
  await statusEvent(call, 'ringing')
  let outcome = s.answerOutcome
  let ringMs = s.party.direction === 'inbound' ? 0 : RING_MS
  if (outcome === 'unanswered' || outcome === 'timeout') {
    ringMs = (s.ringingTimerS ?? DEFAULT_RINGING_TIMER_S) * 1000
  }
  if (s.ringingTimerS !== undefined && s.ringingTimerS * 1000 < ringMs) {
    ringMs = s.ringingTimerS * 1000
    if (outcome !== 'unanswered') outcome = 'timeout'
  }
  call.now += ringMs
  if (call.hangupRequested) return notAnswered(call, 'cancelled')
  if (outcome !== 'answered' && outcome !== 'machine') return notAnswered(call, outcome)
  setStatus(call, 'answered')
  await sendEvent(call, 'answered', answeredPayload(call.party, timestamp(call)))
  call.answeredAt = call.now
  call.timers.push({
    at: call.now + s.lengthTimerS * 1000,
    fire: async () => {
      throw new EndCall('length-timer', 'platform')
    }
  })
  if (s.party.direction === 'outbound') first = await firstNcco(call)
  const detected = await detectMachine(call, outcome === 'machine')
  if (detected !== undefined) first = detected
  if (first === undefined || first.type !== 'ncco') return new EndCall('no-ncco', 'platform')
  return runFlow(call, first.ncco)
}

/** After the call ended: recordings stop, `completed` (not after `rejected`), unused steps. */
const finish = async (call: Call, end: EndCall): Promise<void> => {
  const open = call.recordings.filter((r) => !r.done)
  for (const recording of open) stopRecording(call, recording)
  if (call.status !== 'rejected') {
    const startTime = call.answeredAt ?? call.now
    const completed = completedPayload(call.party, {
      timestamp: timestamp(call),
      startTime: isoAt(call, startTime),
      endTime: timestamp(call),
      durationSeconds: Math.round((call.now - startTime) / 1000),
      disconnectedBy: end.disconnectedBy
    })
    setStatus(call, 'completed')
    await sendEvent(call, 'completed', completed)
  }
  call.completedBy = end.disconnectedBy
  for (const recording of open) await recordWebhooks(call, recording)
  call.settings.steps.forEach((step, index) => {
    if (!call.used[index]) {
      call.findings.push(
        makeIssue('caller-step-unused', `/script/caller/${index}`, {
          index,
          step: describeStep(step)
        })
      )
    }
  })
  addStep(call, { type: 'end', reason: end.reason })
}

const transcriptOf = (call: Call, end: EndCall): CallTranscript => {
  const duration = call.answeredAt === undefined ? 0 : call.now - call.answeredAt
  return {
    version: 1,
    call: {
      uuid: call.party.uuid,
      conversation_uuid: call.party.conversation_uuid,
      from: call.party.from,
      to: call.party.to,
      direction: call.party.direction,
      start: isoAt(call, 0)
    },
    steps: call.steps,
    requests: call.requests,
    outcome: {
      status: call.status,
      answered: call.answeredAt !== undefined,
      reason: end.reason,
      disconnectedBy: call.completedBy,
      duration: seconds(duration),
      endTime: seconds(call.now)
    },
    findings: call.findings,
    ok: !call.findings.some((f) => f.severity === 'error')
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Runs the call to its end. Never rejects: a failure of the simulator itself is a
 * `simulation-failed` finding, and the call still ends as a call does.
 *
 * @category destructors
 * @since 0.2.0
 */
export const runCall = async (call: Call): Promise<CallTranscript> => {
  let end: EndCall
  try {
    end = await flow(call)
  } catch (error) {
    if (error instanceof EndCall) end = error
    else {
      failed(call, error)
      end = new EndCall('no-ncco', 'platform')
    }
  }
  try {
    await finish(call, end)
  } catch (error) {
    failed(call, error)
  }
  return transcriptOf(call, end)
}
