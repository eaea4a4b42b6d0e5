/**
 * What each NCCO action does to the call (docs/simulate.md, "Actions"): one function per
 * action, which plays it on the virtual clock, sends its webhooks, and returns the NCCO that
 * replaces the rest of the flow, if any. `talk`, `stream`, `wait`, `notify`, `conversation`
 * and `transfer` are here; `input`, `record` and `connect` have their own modules.
 *
 * Prompts: the caller listens to a prompt once before acting. With `bargeIn: true` and a next
 * step of keys or words, the prompt stops there (its later loops, and the prompts before the
 * input, are not played). A `loop: 0` prompt plays until barge-in, the caller's next step, or
 * `length_timer`.
 *
 * @since 0.2.0
 */
import type { Action, Ncco } from '../ncco/ncco.js'
import { EndCall, addStep, consumeStep, peekStep, seconds, timestamp } from './call.js'
import type { Call } from './call.js'
import { connect } from './connect.js'
import { input } from './input.js'
import { notifyPayload, transferPayload } from './payloads.js'
import { record } from './record.js'
import { nccoReply, replyToFlow } from './replies.js'
import { sendEvent } from './requests.js'
import { STREAM_PLAY_MS, advance, talkMs } from './timing.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** The `wait` action's `timeout` default, and the range the platform clamps it to. */
const waitSeconds = { byDefault: 10, min: 0.1, max: 7200 } as const

type Played =
  | { readonly type: 'talk'; readonly text: string }
  | { readonly type: 'stream'; readonly url: string }

/** A talk or a stream: plays `loop` times (0: until stopped), or until the caller barges in. */
const prompt = async (
  call: Call,
  index: number,
  playMs: number,
  loop: number,
  bargeIn: boolean,
  what: Played
): Promise<undefined> => {
  const start = call.now
  const at = call.steps.length
  const played = (durationMs: number, interrupted: boolean): void => {
    const time = seconds(start)
    const how = { loop, bargeIn, duration: seconds(durationMs), interrupted }
    call.steps[at] =
      what.type === 'talk'
        ? { time, type: 'talk', index, text: what.text, ...how }
        : { time, type: 'stream', index, url: what.url, ...how }
  }
  played(0, false)
  if (call.bargedIn) {
    // The caller already barged in: the input is listening and this prompt is not played.
    played(0, true)
    return undefined
  }
  const next = peekStep(call)
  const canBargeIn = next !== undefined && ('dtmf' in next.step || 'speech' in next.step)
  let playFor: number
  let interrupted = false
  if (bargeIn && canBargeIn) {
    // The caller hears the prompt once, then acts: the prompt stops, the input listens.
    playFor = playMs
    interrupted = loop !== 1
    call.bargedIn = true
  } else if (loop === 0) {
    playFor = next === undefined ? Number.POSITIVE_INFINITY : playMs
    interrupted = true
  } else playFor = playMs * loop
  try {
    await advance(call, playFor)
  } finally {
    const elapsed = call.now - start
    played(elapsed, interrupted || elapsed < playFor)
  }
  if (loop === 0 && !call.bargedIn && next !== undefined && 'hangup' in next.step) {
    consumeStep(call, next.index, { action: 'hangup' })
    throw new EndCall('caller-hung-up', 'user')
  }
  return undefined
}

/** The caller joins; the actions after it never run. The call ends at the caller's next step. */
const conversation = async (
  call: Call,
  action: Extract<Action, { readonly action: 'conversation' }>,
  index: number
): Promise<never> => {
  addStep(call, { type: 'conversation', index, name: action.name })
  if (action.record === true) {
    call.recordings.push({ index, action, start: call.now, mode: 'background', done: false })
    addStep(call, { type: 'record', index, mode: 'background', event: 'start' })
  }
  // The caller stays until their next step, if it is a hang-up, or the end of their script.
  const next = peekStep(call)
  if (next !== undefined && 'hangup' in next.step) {
    consumeStep(call, next.index, { action: 'hangup' })
    throw new EndCall('caller-hung-up', 'user')
  }
  throw new EndCall('conversation-ended', 'user')
}

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Runs one action, the `index`th of the NCCO being run; the NCCO that replaces the rest of
 * the flow, if any. Ending the call is thrown (`EndCall`).
 *
 * @category combinators
 * @since 0.2.0
 */
export const runAction = async (
  call: Call,
  action: Action,
  index: number
): Promise<Ncco | undefined> => {
  switch (action.action) {
    case 'talk':
      return prompt(call, index, talkMs(action.text), action.loop ?? 1, action.bargeIn === true, {
        type: 'talk',
        text: action.text
      })
    case 'stream':
      return prompt(call, index, STREAM_PLAY_MS, action.loop ?? 1, action.bargeIn === true, {
        type: 'stream',
        url: action.streamUrl[0] ?? ''
      })
    case 'wait': {
      const wanted = action.timeout ?? waitSeconds.byDefault
      const clamped = Math.min(Math.max(wanted, waitSeconds.min), waitSeconds.max)
      addStep(call, { type: 'wait', index, seconds: clamped })
      await advance(call, Math.round(clamped * 1000))
      return undefined
    }
    case 'input':
      return input(call, action, index)
    case 'record':
      return record(call, action, index)
    case 'notify': {
      addStep(call, { type: 'notify', index })
      const spec = {
        route: 'notify',
        kind: 'notify',
        method: action.eventMethod ?? 'POST',
        url: action.eventUrl[0] ?? '',
        payload: notifyPayload(call.party, action.payload, timestamp(call)),
        expectsNcco: true
      } as const
      return replyToFlow(await nccoReply(call, spec, 'event', 'notify'))
    }
    case 'conversation':
      return conversation(call, action, index)
    case 'connect':
      return connect(call, action, index)
    case 'transfer': {
      addStep(call, { type: 'transfer', index, conversationId: action.conversationId })
      await sendEvent(
        call,
        'transfer',
        transferPayload(call.party, action.conversationId, timestamp(call))
      )
      throw new EndCall('transferred', 'platform')
    }
  }
}
