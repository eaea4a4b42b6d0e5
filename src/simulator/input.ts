/**
 * The `input` action: it takes the caller's next step and sends the result in the nested
 * form (`dtmf: {digits, timed_out}`, `speech: {results, timeout_reason}`) to its `eventUrl`,
 * else to the call's event URL; the NCCO the app returns replaces the rest of the flow, an
 * empty reply goes on. Keys end at `maxDigits`, at `#` with `submitOnHash`, or `timeOut`
 * seconds after the last one; words end after `endOnSilence`, or are cut at `maxDuration`;
 * silence times out. In asynchronous mode each key is a webhook of its own and the flow goes
 * on at once.
 *
 * @since 0.2.0
 */
import type { Action, Ncco } from '../ncco/ncco.js'
import {
  EndCall,
  addStep,
  consumeStep,
  firstUrl,
  peekStep,
  stepIgnored,
  timestamp
} from './call.js'
import type { Call } from './call.js'
import { inputPayload } from './payloads.js'
import type { Payload } from './payloads.js'
import { nccoReply, replyToFlow } from './replies.js'
import { send } from './requests.js'
import type { RequestSpec } from './requests.js'
import { defaultSpeechConfidence } from './script.js'
import { KEY_MS, advance, speakingMs } from './timing.js'
import type { RequestRoute } from './transcript.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

type Input = Extract<Action, { readonly action: 'input' }>

/** What the input heard, and how long it listened. */
interface Heard {
  readonly durationMs: number
  readonly dtmf?: Payload
  readonly speech?: Payload
}

// -------------------------------------------------------------------------------------
// constants: the Voice API's defaults
// -------------------------------------------------------------------------------------

const byDefault = {
  maxDigits: 4,
  /** DTMF `timeOut`: seconds after the last key. */
  keyTimeoutS: 3,
  /** Speech `startTimeout`: seconds to wait for the caller to start speaking. */
  startTimeoutS: 10,
  maxDurationS: 60,
  endOnSilenceS: 2
} as const

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** Keys, as far as the input takes them: up to `maxDigits`, or to `#` with `submitOnHash`. */
const heardKeys = (
  action: Input,
  keys: string
): { readonly heard: Heard; readonly pressed: number } => {
  const dtmf = action.dtmf ?? {}
  const maxDigits = dtmf.maxDigits ?? byDefault.maxDigits
  const submitOnHash = dtmf.submitOnHash === true
  let digits = ''
  let pressed = 0
  let ended: 'max' | 'hash' | 'timeout' = 'timeout'
  for (const key of keys) {
    pressed++
    if (submitOnHash && key === '#') {
      ended = 'hash'
      break
    }
    digits += key
    if (digits.length >= maxDigits) {
      ended = 'max'
      break
    }
  }
  const keyTimeoutMs = (dtmf.timeOut ?? byDefault.keyTimeoutS) * 1000
  return {
    pressed,
    heard: {
      durationMs: pressed * KEY_MS + (ended === 'timeout' ? keyTimeoutMs : 0),
      dtmf: { digits, timed_out: ended === 'timeout' },
      ...(action.type.includes('speech') ? { speech: { error: 'Speech overridden by DTMF' } } : {})
    }
  }
}

/** Words: spoken at the talk rate, then `endOnSilence`, or cut at `maxDuration`. */
const heardWords = (call: Call, action: Input, words: string, confidence: number): Heard => {
  const speech = action.speech ?? {}
  const speaking = speakingMs(words)
  const maxMs = (speech.maxDuration ?? byDefault.maxDurationS) * 1000
  const silenceMs = Math.round((speech.endOnSilence ?? byDefault.endOnSilenceS) * 1000)
  const cut = speaking >= maxMs
  return {
    durationMs: cut ? maxMs : speaking + silenceMs,
    dtmf: { digits: null, timed_out: false },
    speech: {
      timeout_reason: cut ? 'max_duration' : 'end_on_silence_timeout',
      results: [{ text: words, confidence }],
      ...(speech.saveAudio === true
        ? { recording_url: `https://api.nexmo.com/v1/files/${call.ids.dashedUuid()}` }
        : {})
    }
  }
}

/** Nothing: the speech start timeout when it listens for speech, else the key timeout. */
const heardNothing = (action: Input): Heard => {
  const listensDtmf = action.type.includes('dtmf')
  const listensSpeech = action.type.includes('speech')
  return {
    durationMs: listensSpeech
      ? (action.speech?.startTimeout ?? byDefault.startTimeoutS) * 1000
      : (action.dtmf?.timeOut ?? byDefault.keyTimeoutS) * 1000,
    ...(listensDtmf
      ? { dtmf: { digits: '', timed_out: true } }
      : { dtmf: { digits: null, timed_out: false } }),
    ...(listensSpeech ? { speech: { timeout_reason: 'start_timeout' } } : {})
  }
}

/** Takes the caller's next step, or hears nothing; a hang-up ends the call. */
const listen = (call: Call, action: Input): Heard => {
  const next = peekStep(call)
  if (next === undefined) return heardNothing(action)
  const step = next.step
  if ('hangup' in step) {
    consumeStep(call, next.index, { action: 'hangup' })
    throw new EndCall('caller-hung-up', 'user')
  }
  if ('silence' in step) {
    consumeStep(call, next.index, { action: 'silence' })
    return heardNothing(action)
  }
  if ('dtmf' in step) {
    if (!action.type.includes('dtmf')) {
      consumeStep(call, next.index, { action: 'dtmf', digits: step.dtmf, ignored: true })
      stepIgnored(call, next.index, step, 'this input listens for speech only')
      return heardNothing(action)
    }
    const { heard, pressed } = heardKeys(action, step.dtmf)
    consumeStep(call, next.index, { action: 'dtmf', digits: step.dtmf.slice(0, pressed) })
    return heard
  }
  const confidence = step.confidence ?? defaultSpeechConfidence
  if (!action.type.includes('speech')) {
    consumeStep(call, next.index, {
      action: 'speech',
      text: step.speech,
      confidence,
      ignored: true
    })
    stepIgnored(call, next.index, step, 'this input listens for DTMF only')
    return heardNothing(action)
  }
  consumeStep(call, next.index, { action: 'speech', text: step.speech, confidence })
  return heardWords(call, action, step.speech, confidence)
}

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Runs an `input` action; the NCCO its webhook returns, if any.
 *
 * @category combinators
 * @since 0.2.0
 */
export const input = async (
  call: Call,
  action: Input,
  index: number
): Promise<Ncco | undefined> => {
  addStep(call, { type: 'input', index, input: action.type })
  call.bargedIn = false
  const ownUrl = firstUrl(action.eventUrl)
  const url = ownUrl ?? call.settings.eventUrl
  const method = ownUrl === undefined ? call.settings.eventMethod : (action.eventMethod ?? 'POST')
  const route: RequestRoute = ownUrl === undefined ? 'event' : 'input'

  if (action.mode === 'asynchronous') {
    // One webhook per key, and the flow goes on at once.
    const next = peekStep(call)
    if (next !== undefined && 'dtmf' in next.step) {
      consumeStep(call, next.index, { action: 'dtmf', digits: next.step.dtmf })
      for (const key of next.step.dtmf) {
        call.now += KEY_MS
        if (url !== undefined) {
          const payload = inputPayload(call.party, timestamp(call), {
            dtmf: { digits: key, timed_out: false }
          })
          await send(call, { route, kind: 'input', method, url, payload, expectsNcco: false })
        }
      }
    }
    return undefined
  }

  const heard = listen(call, action)
  await advance(call, heard.durationMs)
  if (url === undefined) return undefined
  const payload = inputPayload(call.party, timestamp(call), {
    ...(heard.dtmf === undefined ? {} : { dtmf: heard.dtmf }),
    ...(heard.speech === undefined ? {} : { speech: heard.speech })
  })
  const spec: RequestSpec = { route, kind: 'input', method, url, payload, expectsNcco: true }
  return replyToFlow(await nccoReply(call, spec, 'event', 'input'))
}
