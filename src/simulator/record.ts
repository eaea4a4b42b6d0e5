/**
 * Recordings: the `record` action and a recorded `conversation`. Without `endOnSilence` and
 * `endOnKey` a record runs in the background until the call ends (or its `timeOut`) while the
 * NCCO goes on; with one of them it blocks, taking the caller's steps until one ends it. When
 * a recording stops, the record webhook follows (then the transcription webhook when
 * transcription is on), to the action's `eventUrl` or else the call's event URL.
 *
 * @since 0.2.0
 */
import type { Action } from '../ncco/ncco.js'
import { EndCall, addStep, consumeStep, firstUrl, isoAt, peekStep, timestamp } from './call.js'
import type { Call, Recording } from './call.js'
import { recordPayload, transcriptionPayload } from './payloads.js'
import { sendOptional } from './requests.js'
import { defaultSpeechConfidence } from './script.js'
import { KEY_MS, advance, speakingMs } from './timing.js'

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/** A recording's size per second of audio, by format, for the record webhook's `size`. */
const RECORD_BYTES_PER_SECOND: Readonly<Record<string, number>> = {
  mp3: 4000,
  wav: 16000,
  ogg: 4000
}

/** The record action's `timeOut` default, in seconds. */
const DEFAULT_RECORD_TIMEOUT_S = 7200

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Marks a recording stopped, as a step (once).
 *
 * @category combinators
 * @since 0.2.0
 */
export const stopRecording = (call: Call, recording: Recording): void => {
  if (recording.done) return
  recording.done = true
  addStep(call, { type: 'record', index: recording.index, mode: recording.mode, event: 'stop' })
}

/**
 * The record webhook, then the transcription webhook when transcription is on.
 *
 * @category combinators
 * @since 0.2.0
 */
export const recordWebhooks = async (call: Call, recording: Recording): Promise<void> => {
  const action = recording.action
  const recordingUuid = call.ids.dashedUuid()
  const format = action.action === 'record' ? (action.format ?? 'mp3') : 'mp3'
  const seconds = (call.now - recording.start) / 1000
  const ownUrl = firstUrl(action.eventUrl)
  const payload = recordPayload(call.party, {
    startTime: isoAt(call, recording.start),
    endTime: timestamp(call),
    recordingUuid,
    size: Math.round(seconds * (RECORD_BYTES_PER_SECOND[format] ?? 4000)),
    timestamp: timestamp(call)
  })
  await sendOptional(call, {
    route: ownUrl === undefined ? 'event' : 'record',
    kind: 'record',
    method: ownUrl === undefined ? call.settings.eventMethod : (action.eventMethod ?? 'POST'),
    url: ownUrl ?? call.settings.eventUrl,
    payload,
    expectsNcco: false
  })
  const transcription = action.transcription
  if (transcription === undefined) return
  const transcriptionUrl = firstUrl(transcription.eventUrl)
  await sendOptional(call, {
    route: transcriptionUrl === undefined ? 'event' : 'transcription',
    kind: 'transcription',
    method:
      transcriptionUrl === undefined
        ? call.settings.eventMethod
        : (transcription.eventMethod ?? 'POST'),
    url: transcriptionUrl ?? call.settings.eventUrl,
    payload: transcriptionPayload(call.party, {
      recordingUuid,
      transcriptionUuid: call.ids.dashedUuid(),
      timestamp: timestamp(call)
    }),
    expectsNcco: false
  })
}

/**
 * Runs a `record` action: in the background (a timer stops it at its `timeOut`), or blocking
 * until the caller's steps end it.
 *
 * @category combinators
 * @since 0.2.0
 */
export const record = async (
  call: Call,
  action: Extract<Action, { readonly action: 'record' }>,
  index: number
): Promise<undefined> => {
  const blocking = action.endOnSilence !== undefined || action.endOnKey !== undefined
  const recording: Recording = {
    index,
    action,
    start: call.now,
    mode: blocking ? 'blocking' : 'background',
    done: false
  }
  addStep(call, { type: 'record', index, mode: recording.mode, event: 'start' })
  const timeOutMs = (action.timeOut ?? DEFAULT_RECORD_TIMEOUT_S) * 1000
  call.recordings.push(recording)
  if (!blocking) {
    call.timers.push({
      at: call.now + timeOutMs,
      fire: async () => {
        if (recording.done) return
        stopRecording(call, recording)
        await recordWebhooks(call, recording)
      }
    })
    return undefined
  }
  const deadline = call.now + timeOutMs
  const until = async (ms: number): Promise<boolean> => {
    // Advances by `ms`, or to the record's timeOut; true when the timeOut was reached.
    const target = Math.min(call.now + ms, deadline)
    await advance(call, target - call.now)
    return call.now >= deadline
  }
  // The caller's steps until one ends the recording (or its timeOut does).
  for (let ended = false; !ended;) {
    const next = peekStep(call)
    if (next === undefined) {
      await until(
        action.endOnSilence !== undefined ? action.endOnSilence * 1000 : Number.POSITIVE_INFINITY
      )
      break
    }
    const step = next.step
    if ('hangup' in step) {
      consumeStep(call, next.index, { action: 'hangup' })
      throw new EndCall('caller-hung-up', 'user')
    }
    if ('speech' in step) {
      consumeStep(call, next.index, {
        action: 'speech',
        text: step.speech,
        confidence: step.confidence ?? defaultSpeechConfidence
      })
      ended = await until(speakingMs(step.speech))
    } else if ('silence' in step) {
      consumeStep(call, next.index, { action: 'silence' })
      if (action.endOnSilence !== undefined) {
        await until(action.endOnSilence * 1000)
        ended = true
      }
    } else {
      // Keys after the endOnKey key, in the same step, are never pressed.
      const keyAt = action.endOnKey === undefined ? -1 : step.dtmf.indexOf(action.endOnKey)
      const pressed = keyAt === -1 ? step.dtmf : step.dtmf.slice(0, keyAt + 1)
      consumeStep(call, next.index, { action: 'dtmf', digits: pressed })
      ended = (await until(pressed.length * KEY_MS)) || keyAt !== -1
    }
  }
  stopRecording(call, recording)
  await recordWebhooks(call, recording)
  return undefined
}
