/**
 * The call simulator: walks a call through an application exactly as the Voice API would, on
 * a virtual clock, and returns what happened as a transcript (docs/simulate.md).
 *
 * It asks the app for its NCCO (a URL, or in-process a Fetch handler such as the one
 * `webhookHandler` returns, with no network at all), validates every NCCO the app returns
 * with the project's validator (strict profile), runs the actions with their real semantics,
 * sends every event in the documented order and shape, signs every request when given a
 * secret, and applies the Voice API's retry and fallback rules. Nothing waits in real time:
 * a talk of one minute costs nothing; only the app's own latency is real, and measured.
 *
 * Platform-neutral: Fetch API, `crypto.subtle` (through the signer), no Node modules.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import type { Action, Ncco } from '../ncco/ncco.js'
import { spokenLength } from '../ncco/talk.js'
import { validateNcco } from '../validate.js'
import type { Validated } from '../validate.js'
import { signWebhook } from '../webhooks/signature.js'
import { attempt } from './http.js'
import type { AttemptOutcome } from './http.js'
import {
  answerPayload,
  answeredPayload,
  callPlacedPayload,
  completedPayload,
  errorPayload,
  failurePayload,
  fallbackPayload,
  inputPayload,
  invalidNccoReason,
  machinePayload,
  notifyPayload,
  queryOf,
  recordPayload,
  statusPayload,
  transcriptionPayload,
  transferPayload
} from './payloads.js'
import type { FailureStatus, FallbackReason, Party, Payload } from './payloads.js'
import { seededIds } from './random.js'
import type { IdSource } from './random.js'
import { checkOptions } from './options.js'
import type { Settings, SimulateOptions } from './options.js'
import { defaultSpeechConfidence, describeStep } from './script.js'
import type { CallOutcome, CallerStep } from './script.js'
import type {
  CallState,
  CallTranscript,
  EndReason,
  NccoSource,
  RequestKind,
  RequestRoute,
  TranscriptRequest,
  TranscriptStep
} from './transcript.js'

export type { AdvancedMachineDetectionOption, SimulateOptions } from './options.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A call in progress. `hangup()` and `transfer(ncco)` take effect at the next step boundary
 * (between two actions, or when ringing ends), like `PUT /v1/calls/{uuid}`.
 *
 * @category model
 * @since 0.2.0
 */
export interface RunningCall {
  readonly uuid: string
  readonly conversationUuid: string
  /** The call's current status. */
  state(): CallState
  hangup(): void
  /** Replaces the rest of the call's flow with this NCCO (validated first). */
  transfer(ncco: unknown): void
  /** Resolves when the call has ended; never rejects. */
  readonly transcript: Promise<CallTranscript>
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/** Talk speed: 0.07 s per spoken character (SSML tags not counted). */
const MS_PER_CHARACTER = 70
/** A stream's length is unknown to the simulator: one play counts as 5 s. */
const STREAM_PLAY_MS = 5000
/** An outbound call or a connected leg rings 3 s before it is answered (or busy, …). */
const RING_MS = 3000
/** The caller presses one key every 0.3 s. */
const KEY_MS = 300
const DEFAULT_RINGING_TIMER_S = 60
/** The most actions one call may run: a guard against an app that loops forever. */
const MAX_ACTIONS = 1000
const SEEDED_START = Date.UTC(2025, 0, 1)
const RECORD_BYTES_PER_SECOND: Readonly<Record<string, number>> = {
  mp3: 4000,
  wav: 16000,
  ogg: 4000
}

// -------------------------------------------------------------------------------------
// internals: control flow
// -------------------------------------------------------------------------------------

/** Thrown inside the engine to end the call from wherever it is; never escapes. */
class EndCall {
  constructor(
    readonly reason: EndReason,
    readonly disconnectedBy: 'user' | 'platform'
  ) {}
}

/** Thrown inside the engine when an NCCO replaces the flow in the middle of an action. */
class ReplaceFlow {
  constructor(
    readonly ncco: Ncco,
    readonly source: NccoSource
  ) {}
}

/** What a request that may return an NCCO leads to. */
type NccoReply =
  | { readonly type: 'ncco'; readonly ncco: Ncco; readonly source: NccoSource }
  | { readonly type: 'continue' }
  | { readonly type: 'end' }

interface RequestSpec {
  readonly route: RequestRoute
  readonly kind: RequestKind
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly payload: Payload
  readonly expectsNcco: boolean
}

type Sent =
  | { readonly ok: true; readonly text: string; readonly index: number }
  | { readonly ok: false; readonly reason: FallbackReason; readonly index: number }

type Timer =
  | { readonly at: number; readonly kind: 'length' }
  | {
      readonly at: number
      readonly kind: 'beep'
      readonly subState: 'beep_start' | 'beep_timeout'
      readonly hangup: boolean
    }
  | { readonly at: number; readonly kind: 'record-end'; readonly recording: Recording }

interface Recording {
  readonly index: number
  readonly action: Extract<Action, { readonly action: 'record' | 'conversation' }>
  readonly start: number
  readonly mode: 'background' | 'blocking'
  done: boolean
}

/** A step before its time is stamped on it. */
type StepInput = TranscriptStep extends infer S
  ? S extends unknown
    ? Omit<S, 'time'>
    : never
  : never

const firstUrl = (urls: ReadonlyArray<string> | undefined): string | undefined => urls?.[0]

/** A URL as a finding quotes it: bounded, whatever its length. */
const shown = (url: string): string => (url.length > 80 ? `${url.slice(0, 77)}...` : url)

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

const sourceLabels: Readonly<Record<NccoSource, string>> = {
  inline: 'the call options',
  answer: 'the answer URL',
  fallback: 'the fallback URL',
  input: 'the input webhook',
  notify: 'the notify webhook',
  connect: 'the connect event',
  'machine-detection': 'the machine-detection event',
  transfer: 'the transfer'
}

// -------------------------------------------------------------------------------------
// internals: the call
// -------------------------------------------------------------------------------------

class Simulation {
  private readonly steps: TranscriptStep[] = []
  private readonly requests: TranscriptRequest[] = []
  private readonly findings: Issue[] = []
  private readonly timers: Timer[] = []
  private readonly recordings: Recording[] = []
  private readonly used: boolean[]
  private readonly pendingTransfers: unknown[] = []
  private nextStep = 0
  private now = 0
  private answeredAt: number | undefined
  private status: CallState = 'started'
  private bargedIn = false
  private actionsRun = 0
  private hangupRequested = false
  private completedBy: 'user' | 'platform' = 'platform'

  constructor(
    private readonly settings: Settings,
    private readonly call: Party,
    private readonly ids: IdSource
  ) {
    this.used = settings.steps.map(() => false)
  }

  state(): CallState {
    return this.status
  }

  requestHangup(): void {
    this.hangupRequested = true
  }

  requestTransfer(ncco: unknown): void {
    this.pendingTransfers.push(ncco)
  }

  // --- the whole call ------------------------------------------------------------------

  async run(): Promise<CallTranscript> {
    let end: EndCall
    try {
      end = await this.flow()
    } catch (error) {
      if (error instanceof EndCall) end = error
      else {
        this.findings.push(
          makeIssue('simulation-failed', '', {
            reason: error instanceof Error ? error.message : String(error)
          })
        )
        end = new EndCall('no-ncco', 'platform')
      }
    }
    try {
      await this.finish(end)
    } catch (error) {
      this.findings.push(
        makeIssue('simulation-failed', '', {
          reason: error instanceof Error ? error.message : String(error)
        })
      )
    }
    return this.transcript(end)
  }

  private async flow(): Promise<EndCall> {
    const s = this.settings
    let first: NccoReply | undefined
    if (s.callPlaced) {
      this.setStatus('started')
      await this.event('call-placed', callPlacedPayload(this.call, this.timestamp()))
    }
    if (s.party.direction === 'inbound') {
      first = await this.firstNcco()
      if (!s.callPlaced) await this.statusEvent('started')
      await this.statusEvent('ringing')
    } else {
      if (!s.callPlaced) await this.statusEvent('started')
      await this.statusEvent('ringing')
    }
    let outcome = s.answerOutcome
    let ringMs = s.party.direction === 'inbound' ? 0 : RING_MS
    if (outcome === 'unanswered' || outcome === 'timeout') {
      ringMs = (s.ringingTimerS ?? DEFAULT_RINGING_TIMER_S) * 1000
    }
    if (s.ringingTimerS !== undefined && s.ringingTimerS * 1000 < ringMs) {
      ringMs = s.ringingTimerS * 1000
      if (outcome !== 'unanswered') outcome = 'timeout'
    }
    this.now += ringMs
    if (this.hangupRequested) return this.notAnswered('cancelled')
    if (outcome !== 'answered' && outcome !== 'machine') return this.notAnswered(outcome)
    this.setStatus('answered')
    await this.event('answered', answeredPayload(this.call, this.timestamp()))
    this.answeredAt = this.now
    this.timers.push({ at: this.now + s.lengthTimerS * 1000, kind: 'length' })
    if (s.party.direction === 'outbound') first = await this.firstNcco()
    const detected = await this.machineDetection(outcome === 'machine')
    if (detected !== undefined) first = detected
    if (first === undefined || first.type !== 'ncco') return new EndCall('no-ncco', 'platform')
    return this.runFlow(first.ncco)
  }

  private async firstNcco(): Promise<NccoReply> {
    const s = this.settings
    if (s.answer.type === 'inline') return this.acceptNcco(s.answer.ncco, 'inline', undefined)
    const spec: RequestSpec = {
      route: 'answer',
      kind: 'answer',
      method: s.answer.method,
      url: s.answer.url,
      payload: answerPayload(this.call),
      expectsNcco: true
    }
    return this.nccoReply(spec, 'answer', 'answer')
  }

  private async notAnswered(failure: FailureStatus): Promise<EndCall> {
    this.setStatus(failure)
    await this.event(failure, failurePayload(this.call, failure, this.timestamp()))
    return new EndCall('not-answered', 'platform')
  }

  /** After the call ended: recordings stop, `completed` (not after `rejected`), unused steps. */
  private async finish(end: EndCall): Promise<void> {
    const open = this.recordings.filter((r) => !r.done)
    for (const recording of open) this.stopRecording(recording)
    if (this.status !== 'rejected') {
      const startTime = this.answeredAt ?? this.now
      const completed = completedPayload(this.call, {
        timestamp: this.timestamp(),
        startTime: this.isoAt(startTime),
        endTime: this.timestamp(),
        durationSeconds: Math.round((this.now - startTime) / 1000),
        disconnectedBy: end.disconnectedBy
      })
      this.setStatus('completed')
      await this.event('completed', completed)
    }
    this.completedBy = end.disconnectedBy
    for (const recording of open) await this.recordWebhooks(recording)
    this.settings.steps.forEach((step, index) => {
      if (!this.used[index]) {
        this.findings.push(
          makeIssue('caller-step-unused', `/script/caller/${index}`, {
            index,
            step: describeStep(step)
          })
        )
      }
    })
    this.steps.push({ time: this.seconds(this.now), type: 'end', reason: end.reason })
  }

  private transcript(end: EndCall): CallTranscript {
    const duration = this.answeredAt === undefined ? 0 : this.now - this.answeredAt
    return {
      version: 1,
      call: {
        uuid: this.call.uuid,
        conversation_uuid: this.call.conversation_uuid,
        from: this.call.from,
        to: this.call.to,
        direction: this.call.direction,
        start: this.isoAt(0)
      },
      steps: this.steps,
      requests: this.requests,
      outcome: {
        status: this.status,
        answered: this.answeredAt !== undefined,
        reason: end.reason,
        disconnectedBy: this.completedBy,
        duration: this.seconds(duration),
        endTime: this.seconds(this.now)
      },
      findings: this.findings,
      ok: !this.findings.some((f) => f.severity === 'error')
    }
  }

  // --- running NCCOs -------------------------------------------------------------------

  private async runFlow(initial: Ncco): Promise<EndCall> {
    let ncco = initial
    let pc = 0
    for (;;) {
      try {
        const transferred = this.takeControl()
        if (transferred !== undefined) {
          ncco = transferred
          pc = 0
          this.bargedIn = false
          continue
        }
        const action = ncco[pc]
        if (action === undefined) return new EndCall('ncco-ended', 'platform')
        this.actionsRun++
        if (this.actionsRun > MAX_ACTIONS) {
          this.findings.push(makeIssue('too-many-actions', '', { max: MAX_ACTIONS }))
          return new EndCall('too-many-actions', 'platform')
        }
        const next = await this.runAction(action, pc)
        if (next !== undefined) {
          ncco = next
          pc = 0
          this.bargedIn = false
        } else pc++
      } catch (error) {
        if (!(error instanceof ReplaceFlow)) throw error
        ncco = error.ncco
        pc = 0
        this.bargedIn = false
      }
    }
  }

  /** `hangup()` and `transfer()` from outside, applied between actions. */
  private takeControl(): Ncco | undefined {
    if (this.hangupRequested) throw new EndCall('hung-up-by-api', 'platform')
    let replacement: Ncco | undefined
    for (
      let ncco = this.pendingTransfers.shift();
      ncco !== undefined;
      ncco = this.pendingTransfers.shift()
    ) {
      const accepted = this.validated(ncco, 'transfer', undefined)
      if (accepted !== undefined) replacement = accepted
    }
    return replacement
  }

  private async runAction(action: Action, index: number): Promise<Ncco | undefined> {
    switch (action.action) {
      case 'talk': {
        const chars = spokenLength(action.text)
        return this.prompt(
          index,
          chars * MS_PER_CHARACTER,
          action.loop ?? 1,
          action.bargeIn === true,
          {
            type: 'talk',
            text: action.text
          }
        )
      }
      case 'stream':
        return this.prompt(index, STREAM_PLAY_MS, action.loop ?? 1, action.bargeIn === true, {
          type: 'stream',
          url: action.streamUrl[0] ?? ''
        })
      case 'wait': {
        const seconds = Math.min(Math.max(action.timeout ?? 10, 0.1), 7200)
        this.step({ type: 'wait', index, seconds })
        await this.advance(Math.round(seconds * 1000))
        return undefined
      }
      case 'input':
        return this.input(action, index)
      case 'record':
        return this.record(action, index)
      case 'notify': {
        this.step({ type: 'notify', index })
        const spec: RequestSpec = {
          route: 'notify',
          kind: 'notify',
          method: action.eventMethod ?? 'POST',
          url: action.eventUrl[0] ?? '',
          payload: notifyPayload(this.call, action.payload, this.timestamp()),
          expectsNcco: true
        }
        return this.replyToFlow(await this.nccoReply(spec, 'event', 'notify'))
      }
      case 'conversation':
        return this.conversation(action, index)
      case 'connect':
        return this.connect(action, index)
      case 'transfer': {
        this.step({ type: 'transfer', index, conversationId: action.conversationId })
        await this.event(
          'transfer',
          transferPayload(this.call, action.conversationId, this.timestamp())
        )
        throw new EndCall('transferred', 'platform')
      }
    }
  }

  /** What an NCCO-returning request means for the flow: replace, continue, or end. */
  private replyToFlow(reply: NccoReply): Ncco | undefined {
    if (reply.type === 'end') throw new EndCall('no-ncco', 'platform')
    return reply.type === 'ncco' ? reply.ncco : undefined
  }

  // --- prompts ---------------------------------------------------------------------------

  private async prompt(
    index: number,
    playMs: number,
    loop: number,
    bargeIn: boolean,
    what:
      | { readonly type: 'talk'; readonly text: string }
      | { readonly type: 'stream'; readonly url: string }
  ): Promise<undefined> {
    const start = this.now
    const at = this.steps.length
    const record = (durationMs: number, interrupted: boolean): void => {
      const time = this.seconds(start)
      const played = { loop, bargeIn, duration: this.seconds(durationMs), interrupted }
      this.steps[at] =
        what.type === 'talk'
          ? { time, type: 'talk', index, text: what.text, ...played }
          : { time, type: 'stream', index, url: what.url, ...played }
    }
    record(0, false)
    if (this.bargedIn) {
      // The caller already barged in: the input is listening and this prompt is not played.
      record(0, true)
      return undefined
    }
    const next = this.peekStep()
    const canBargeIn = next !== undefined && ('dtmf' in next.step || 'speech' in next.step)
    let playFor: number
    let interrupted = false
    if (bargeIn && canBargeIn) {
      // The caller hears the prompt once, then acts: the prompt stops, the input listens.
      playFor = playMs
      interrupted = loop !== 1
      this.bargedIn = true
    } else if (loop === 0) {
      playFor = next === undefined ? Number.POSITIVE_INFINITY : playMs
      interrupted = true
    } else playFor = playMs * loop
    try {
      await this.advance(playFor)
    } finally {
      const played = this.now - start
      record(played, interrupted || played < playFor)
    }
    if (loop === 0 && !this.bargedIn && next !== undefined && 'hangup' in next.step) {
      this.consumeStep(next.index, { action: 'hangup' })
      throw new EndCall('caller-hung-up', 'user')
    }
    return undefined
  }

  // --- input -------------------------------------------------------------------------------

  private async input(
    action: Extract<Action, { readonly action: 'input' }>,
    index: number
  ): Promise<Ncco | undefined> {
    const types = action.type
    const listensDtmf = types.includes('dtmf')
    const listensSpeech = types.includes('speech')
    this.step({ type: 'input', index, input: types })
    this.bargedIn = false
    const ownUrl = firstUrl(action.eventUrl)
    const url = ownUrl ?? this.settings.eventUrl
    const method = ownUrl === undefined ? this.settings.eventMethod : (action.eventMethod ?? 'POST')
    const route: RequestRoute = ownUrl === undefined ? 'event' : 'input'
    const next = this.peekStep()

    if (action.mode === 'asynchronous') {
      // One webhook per key, and the flow goes on at once.
      if (next !== undefined && 'dtmf' in next.step) {
        this.consumeStep(next.index, { action: 'dtmf', digits: next.step.dtmf })
        for (const key of next.step.dtmf) {
          this.now += KEY_MS
          if (url !== undefined) {
            const payload = inputPayload(this.call, this.timestamp(), {
              dtmf: { digits: key, timed_out: false }
            })
            await this.send({ route, kind: 'input', method, url, payload, expectsNcco: false })
          }
        }
      }
      return undefined
    }

    const dtmfSettings = action.dtmf ?? {}
    const speechSettings = action.speech ?? {}
    const keyTimeoutMs = (dtmfSettings.timeOut ?? 3) * 1000
    const startTimeoutMs = (speechSettings.startTimeout ?? 10) * 1000
    const silenceResult = (): { durationMs: number; dtmf?: Payload; speech?: Payload } => ({
      durationMs: listensSpeech ? startTimeoutMs : keyTimeoutMs,
      ...(listensDtmf
        ? { dtmf: { digits: '', timed_out: true } }
        : { dtmf: { digits: null, timed_out: false } }),
      ...(listensSpeech ? { speech: { timeout_reason: 'start_timeout' } } : {})
    })
    let result: { durationMs: number; dtmf?: Payload; speech?: Payload }
    if (next === undefined) {
      result = silenceResult()
    } else if ('hangup' in next.step) {
      this.consumeStep(next.index, { action: 'hangup' })
      throw new EndCall('caller-hung-up', 'user')
    } else if ('silence' in next.step) {
      this.consumeStep(next.index, { action: 'silence' })
      result = silenceResult()
    } else if ('dtmf' in next.step) {
      const keys = next.step.dtmf
      if (!listensDtmf) {
        this.consumeStep(next.index, { action: 'dtmf', digits: keys, ignored: true })
        this.ignored(next.index, next.step, 'this input listens for speech only')
        result = silenceResult()
      } else {
        const maxDigits = dtmfSettings.maxDigits ?? 4
        const submitOnHash = dtmfSettings.submitOnHash === true
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
        this.consumeStep(next.index, { action: 'dtmf', digits: keys.slice(0, pressed) })
        result = {
          durationMs: pressed * KEY_MS + (ended === 'timeout' ? keyTimeoutMs : 0),
          dtmf: { digits, timed_out: ended === 'timeout' },
          ...(listensSpeech ? { speech: { error: 'Speech overridden by DTMF' } } : {})
        }
      }
    } else {
      const words = next.step.speech
      const confidence = next.step.confidence ?? defaultSpeechConfidence
      if (!listensSpeech) {
        this.consumeStep(next.index, { action: 'speech', text: words, confidence, ignored: true })
        this.ignored(next.index, next.step, 'this input listens for DTMF only')
        result = silenceResult()
      } else {
        this.consumeStep(next.index, { action: 'speech', text: words, confidence })
        const speakingMs = words.length * MS_PER_CHARACTER
        const maxMs = (speechSettings.maxDuration ?? 60) * 1000
        const silenceMs = Math.round((speechSettings.endOnSilence ?? 2) * 1000)
        const cut = speakingMs >= maxMs
        result = {
          durationMs: cut ? maxMs : speakingMs + silenceMs,
          dtmf: { digits: null, timed_out: false },
          speech: {
            timeout_reason: cut ? 'max_duration' : 'end_on_silence_timeout',
            results: [{ text: words, confidence }],
            ...(speechSettings.saveAudio === true
              ? { recording_url: `https://api.nexmo.com/v1/files/${this.ids.dashedUuid()}` }
              : {})
          }
        }
      }
    }
    await this.advance(result.durationMs)
    if (url === undefined) return undefined
    const payload = inputPayload(this.call, this.timestamp(), {
      ...(result.dtmf === undefined ? {} : { dtmf: result.dtmf }),
      ...(result.speech === undefined ? {} : { speech: result.speech })
    })
    const spec: RequestSpec = { route, kind: 'input', method, url, payload, expectsNcco: true }
    return this.replyToFlow(await this.nccoReply(spec, 'event', 'input'))
  }

  // --- record ------------------------------------------------------------------------------

  private async record(
    action: Extract<Action, { readonly action: 'record' }>,
    index: number
  ): Promise<undefined> {
    const blocking = action.endOnSilence !== undefined || action.endOnKey !== undefined
    const recording: Recording = {
      index,
      action,
      start: this.now,
      mode: blocking ? 'blocking' : 'background',
      done: false
    }
    this.step({ type: 'record', index, mode: recording.mode, event: 'start' })
    const timeOutMs = (action.timeOut ?? 7200) * 1000
    if (!blocking) {
      this.recordings.push(recording)
      this.timers.push({ at: this.now + timeOutMs, kind: 'record-end', recording })
      return undefined
    }
    this.recordings.push(recording)
    const deadline = this.now + timeOutMs
    const until = async (ms: number): Promise<boolean> => {
      // Advances by `ms`, or to the record's timeOut; true when the timeOut was reached.
      const target = Math.min(this.now + ms, deadline)
      await this.advance(target - this.now)
      return this.now >= deadline
    }
    // The caller's steps until one ends the recording (or its timeOut does).
    for (let ended = false; !ended;) {
      const next = this.peekStep()
      if (next === undefined) {
        await until(
          action.endOnSilence !== undefined ? action.endOnSilence * 1000 : Number.POSITIVE_INFINITY
        )
        break
      }
      const step = next.step
      if ('hangup' in step) {
        this.consumeStep(next.index, { action: 'hangup' })
        throw new EndCall('caller-hung-up', 'user')
      }
      if ('speech' in step) {
        this.consumeStep(next.index, {
          action: 'speech',
          text: step.speech,
          confidence: step.confidence ?? defaultSpeechConfidence
        })
        ended = await until(step.speech.length * MS_PER_CHARACTER)
      } else if ('silence' in step) {
        this.consumeStep(next.index, { action: 'silence' })
        if (action.endOnSilence !== undefined) {
          await until(action.endOnSilence * 1000)
          ended = true
        }
      } else {
        // Keys after the endOnKey key, in the same step, are never pressed.
        const keyAt = action.endOnKey === undefined ? -1 : step.dtmf.indexOf(action.endOnKey)
        const pressed = keyAt === -1 ? step.dtmf : step.dtmf.slice(0, keyAt + 1)
        this.consumeStep(next.index, { action: 'dtmf', digits: pressed })
        ended = (await until(pressed.length * KEY_MS)) || keyAt !== -1
      }
    }
    this.stopRecording(recording)
    await this.recordWebhooks(recording)
    return undefined
  }

  private stopRecording(recording: Recording): void {
    if (recording.done) return
    recording.done = true
    this.step({ type: 'record', index: recording.index, mode: recording.mode, event: 'stop' })
  }

  /** The record webhook, then the transcription webhook when transcription is on. */
  private async recordWebhooks(recording: Recording): Promise<void> {
    const action = recording.action
    const recordingUuid = this.ids.dashedUuid()
    const format = action.action === 'record' ? (action.format ?? 'mp3') : 'mp3'
    const seconds = (this.now - recording.start) / 1000
    const ownUrl = firstUrl(action.eventUrl)
    const payload = recordPayload(this.call, {
      startTime: this.isoAt(recording.start),
      endTime: this.timestamp(),
      recordingUuid,
      size: Math.round(seconds * (RECORD_BYTES_PER_SECOND[format] ?? 4000)),
      timestamp: this.timestamp()
    })
    await this.sendOptional({
      route: ownUrl === undefined ? 'event' : 'record',
      kind: 'record',
      method: ownUrl === undefined ? this.settings.eventMethod : (action.eventMethod ?? 'POST'),
      url: ownUrl ?? this.settings.eventUrl,
      payload,
      expectsNcco: false
    })
    const transcription = action.transcription
    if (transcription === undefined) return
    const transcriptionUrl = firstUrl(transcription.eventUrl)
    await this.sendOptional({
      route: transcriptionUrl === undefined ? 'event' : 'transcription',
      kind: 'transcription',
      method:
        transcriptionUrl === undefined
          ? this.settings.eventMethod
          : (transcription.eventMethod ?? 'POST'),
      url: transcriptionUrl ?? this.settings.eventUrl,
      payload: transcriptionPayload(this.call, {
        recordingUuid,
        transcriptionUuid: this.ids.dashedUuid(),
        timestamp: this.timestamp()
      }),
      expectsNcco: false
    })
  }

  // --- conversation, connect -----------------------------------------------------------------

  private async conversation(
    action: Extract<Action, { readonly action: 'conversation' }>,
    index: number
  ): Promise<never> {
    this.step({ type: 'conversation', index, name: action.name })
    if (action.record === true) {
      this.recordings.push({ index, action, start: this.now, mode: 'background', done: false })
      this.step({ type: 'record', index, mode: 'background', event: 'start' })
    }
    // The caller stays until their next step, if it is a hang-up, or the end of their script.
    const next = this.peekStep()
    if (next !== undefined && 'hangup' in next.step) {
      this.consumeStep(next.index, { action: 'hangup' })
      throw new EndCall('caller-hung-up', 'user')
    }
    throw new EndCall('conversation-ended', 'user')
  }

  private async connect(
    action: Extract<Action, { readonly action: 'connect' }>,
    index: number
  ): Promise<Ncco | undefined> {
    const endpoint = action.endpoint[0]
    const address =
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
    const outcome = Object.hasOwn(this.settings.legs, address)
      ? (this.settings.legs[address] ?? 'answered')
      : 'answered'
    const leg: Party = {
      uuid: this.ids.legUuid(),
      conversation_uuid: this.call.conversation_uuid,
      from: action.from ?? (this.call.direction === 'inbound' ? this.call.to : this.call.from),
      to: address,
      direction: 'outbound'
    }
    this.step({
      type: 'connect',
      index,
      endpoint: endpoint?.type ?? 'phone',
      address,
      outcome,
      leg: leg.uuid
    })
    const ownUrl = firstUrl(action.eventUrl)
    const url = ownUrl ?? this.settings.eventUrl
    const method = ownUrl === undefined ? this.settings.eventMethod : (action.eventMethod ?? 'POST')
    const legEvent = async (
      kind: RequestKind,
      payload: Payload,
      expectsNcco: boolean
    ): Promise<NccoReply> => {
      const spec = { route: 'event', kind, method, payload, expectsNcco } as const
      if (url === undefined) return { type: 'continue' }
      if (!expectsNcco) {
        await this.send({ ...spec, url })
        return { type: 'continue' }
      }
      return this.nccoReply({ ...spec, url }, 'event', 'connect')
    }
    const legStatus = (status: CallState | 'human' | 'machine'): void => {
      this.step({ type: 'status', status, leg: leg.uuid })
    }
    const legCompleted = async (answeredAt: number, by: 'user' | 'platform'): Promise<void> => {
      legStatus('completed')
      await legEvent(
        'completed',
        completedPayload(leg, {
          timestamp: this.timestamp(),
          startTime: this.isoAt(answeredAt),
          endTime: this.timestamp(),
          durationSeconds: Math.round((this.now - answeredAt) / 1000),
          disconnectedBy: by
        }),
        false
      )
    }
    legStatus('started')
    await legEvent('started', statusPayload(leg, 'started', this.timestamp()), false)
    legStatus('ringing')
    await legEvent('ringing', statusPayload(leg, 'ringing', this.timestamp()), false)
    const timeoutMs = (action.timeout ?? 60) * 1000
    let legOutcome: CallOutcome = outcome
    let ringMs = outcome === 'unanswered' || outcome === 'timeout' ? timeoutMs : RING_MS
    if (timeoutMs < ringMs) {
      ringMs = timeoutMs
      legOutcome = 'timeout'
    }
    await this.advance(ringMs)
    if (legOutcome !== 'answered' && legOutcome !== 'machine') {
      const failure: FailureStatus = legOutcome
      legStatus(failure)
      const reply = await legEvent(
        failure,
        failurePayload(leg, failure, this.timestamp()),
        action.eventType === 'synchronous'
      )
      if (failure !== 'rejected') await legCompleted(this.now, 'platform')
      return this.replyToFlow(reply)
    }
    const legAnsweredAt = this.now
    legStatus('answered')
    await legEvent('answered', answeredPayload(leg, this.timestamp()), false)
    const detection = action.advancedMachineDetection?.behavior ?? action.machineDetection
    if (detection !== undefined) {
      const status = legOutcome === 'machine' ? 'machine' : 'human'
      legStatus(status)
      await legEvent(status, machinePayload(leg, status, this.timestamp()), false)
      if (status === 'machine' && detection === 'hangup') {
        await legCompleted(legAnsweredAt, 'platform')
        return undefined
      }
    }
    const next = this.peekStep()
    if (next !== undefined && 'hangup' in next.step) {
      this.consumeStep(next.index, { action: 'hangup' })
      await legCompleted(legAnsweredAt, 'user')
      throw new EndCall('caller-hung-up', 'user')
    }
    await legCompleted(legAnsweredAt, 'user')
    return undefined
  }

  // --- machine detection ---------------------------------------------------------------------

  /** The human/machine event after the answer; may end the call or give a new first NCCO. */
  private async machineDetection(isMachine: boolean): Promise<NccoReply | undefined> {
    const s = this.settings
    const status = isMachine ? 'machine' : 'human'
    const sendStatus = async (subState?: 'beep_start' | 'beep_timeout'): Promise<NccoReply> => {
      this.step({
        type: 'status',
        status,
        ...(subState === undefined ? {} : { subState })
      })
      const url = s.eventUrl
      if (url === undefined) return { type: 'continue' }
      return this.nccoReply(
        {
          route: 'event',
          kind: status,
          method: s.eventMethod,
          url,
          payload: machinePayload(this.call, status, this.timestamp(), subState),
          expectsNcco: true
        },
        'event',
        'machine-detection'
      )
    }
    let reply: NccoReply | undefined
    if (s.advanced !== undefined) {
      const { behavior, mode, beepTimeoutS } = s.advanced
      if (mode !== 'detect_beep') reply = await sendStatus()
      if (isMachine && behavior === 'hangup' && mode !== 'detect_beep') {
        throw new EndCall('machine-detected', 'platform')
      }
      if (isMachine && mode !== 'detect') {
        const beep = s.beepS !== undefined && s.beepS <= beepTimeoutS
        this.timers.push({
          at: this.now + Math.round((beep ? s.beepS! : beepTimeoutS) * 1000),
          kind: 'beep',
          subState: beep ? 'beep_start' : 'beep_timeout',
          hangup: behavior === 'hangup'
        })
      }
    } else if (s.machineDetection !== undefined) {
      reply = await sendStatus()
      if (isMachine && s.machineDetection === 'hangup') {
        throw new EndCall('machine-detected', 'platform')
      }
    }
    if (reply?.type === 'end') throw new EndCall('no-ncco', 'platform')
    return reply?.type === 'ncco' ? reply : undefined
  }

  // --- the virtual clock ---------------------------------------------------------------------

  /** Moves virtual time on by `ms`, firing the timers on the way. */
  private async advance(ms: number): Promise<void> {
    const target = this.now + ms
    for (;;) {
      let earliest: Timer | undefined
      for (const t of this.timers) {
        if (t.at <= target && (earliest === undefined || t.at < earliest.at)) earliest = t
      }
      if (earliest === undefined) {
        if (!Number.isFinite(target)) throw new EndCall('length-timer', 'platform')
        this.now = target
        return
      }
      this.timers.splice(this.timers.indexOf(earliest), 1)
      this.now = Math.max(this.now, earliest.at)
      if (earliest.kind === 'length') throw new EndCall('length-timer', 'platform')
      if (earliest.kind === 'record-end') {
        if (!earliest.recording.done) {
          this.stopRecording(earliest.recording)
          await this.recordWebhooks(earliest.recording)
        }
        continue
      }
      this.step({ type: 'status', status: 'machine', subState: earliest.subState })
      const url = this.settings.eventUrl
      const reply: NccoReply =
        url === undefined
          ? { type: 'continue' }
          : await this.nccoReply(
              {
                route: 'event',
                kind: 'machine',
                method: this.settings.eventMethod,
                url,
                payload: machinePayload(this.call, 'machine', this.timestamp(), earliest.subState),
                expectsNcco: true
              },
              'event',
              'machine-detection'
            )
      if (earliest.hangup) throw new EndCall('machine-detected', 'platform')
      if (reply.type === 'end') throw new EndCall('no-ncco', 'platform')
      if (reply.type === 'ncco') throw new ReplaceFlow(reply.ncco, 'machine-detection')
    }
  }

  // --- the caller script -----------------------------------------------------------------------

  private peekStep(): { readonly index: number; readonly step: CallerStep } | undefined {
    const step = this.settings.steps[this.nextStep]
    return step === undefined ? undefined : { index: this.nextStep, step }
  }

  private consumeStep(
    index: number,
    what: {
      readonly action: 'dtmf' | 'speech' | 'silence' | 'hangup'
      readonly digits?: string
      readonly text?: string
      readonly confidence?: number
      readonly ignored?: boolean
    }
  ): void {
    this.used[index] = true
    this.nextStep = index + 1
    this.step({ type: 'caller', step: index, ...what })
  }

  private ignored(index: number, step: CallerStep, reason: string): void {
    this.findings.push(
      makeIssue('caller-step-ignored', `/script/caller/${index}`, {
        index,
        step: describeStep(step),
        reason
      })
    )
  }

  // --- NCCOs -------------------------------------------------------------------------------------

  /** Validates an NCCO; records its step and findings. */
  private validated(
    ncco: unknown,
    source: NccoSource,
    request: number | undefined
  ): Ncco | undefined {
    let result: E.Either<ReadonlyNonEmptyArray<Issue>, Validated<Ncco>>
    try {
      result = validateNcco(ncco)
    } catch (error) {
      result = E.left([
        makeIssue('unreadable-value', '', {
          reason: error instanceof Error ? error.message : String(error)
        })
      ])
    }
    const at = this.steps.length
    this.step({
      type: 'ncco',
      source,
      ...(request === undefined ? {} : { request }),
      valid: E.isRight(result),
      ncco
    })
    const prefix = `/steps/${at}/ncco`
    const located = (issues: ReadonlyArray<Issue>): Issue[] =>
      issues.map((i) => ({ ...i, path: `${prefix}${i.path}` }))
    if (E.isRight(result)) {
      this.findings.push(...located(result.right.warnings))
      return result.right.value
    }
    const errors = result.left.filter((i) => i.severity === 'error').length
    const warnings = result.left.length - errors
    const req = request === undefined ? undefined : this.requests[request]
    const label =
      sourceLabels[source] +
      (req === undefined ? '' : ` (${req.method} ${shown(req.url.split('?')[0] ?? '')})`)
    this.findings.push(
      makeIssue('invalid-ncco', prefix, {
        source: label,
        count:
          plural(errors, 'error') + (warnings === 0 ? '' : ` and ${plural(warnings, 'warning')}`)
      }),
      ...located(result.left)
    )
    return undefined
  }

  /** An NCCO that came as a value (inline, fallback reply, …): valid, or error event and fallback. */
  private async acceptNcco(
    ncco: unknown,
    source: NccoSource,
    request: number | undefined
  ): Promise<NccoReply> {
    const valid = this.validated(ncco, source, request)
    if (valid !== undefined) return { type: 'ncco', ncco: valid, source }
    await this.errorEvent()
    return { type: 'end' }
  }

  private async errorEvent(): Promise<void> {
    await this.event('error', errorPayload(this.call, invalidNccoReason, this.timestamp()))
  }

  /**
   * Sends a request that may return an NCCO and applies the Voice API's rules: an NCCO
   * replaces the flow; an empty reply continues (not for the answer URL, which must give one);
   * a failure or an invalid NCCO goes to the fallback URL when there is one; without one, a
   * failed answer or an invalid NCCO ends the call and a failed event lets it go on.
   */
  private async nccoReply(
    spec: RequestSpec,
    type: 'answer' | 'event',
    source: NccoSource
  ): Promise<NccoReply> {
    const sent = await this.send(spec)
    if (!sent.ok) {
      if (this.settings.fallbackUrl !== undefined) return this.fallback(spec, type, sent.reason)
      return type === 'answer' ? { type: 'end' } : { type: 'continue' }
    }
    if (sent.text.trim() === '' && type === 'event') return { type: 'continue' }
    let parsed: unknown
    try {
      parsed = JSON.parse(sent.text)
    } catch (error) {
      this.findings.push(
        makeIssue('reply-not-json', `/requests/${sent.index}/reply`, {
          method: spec.method,
          url: shown(spec.url),
          reason:
            sent.text.trim() === ''
              ? 'the body is empty'
              : error instanceof Error
                ? error.message
                : String(error)
        })
      )
      await this.errorEvent()
      if (this.settings.fallbackUrl !== undefined) return this.fallback(spec, type, 'Invalid NCCO.')
      return { type: 'end' }
    }
    const valid = this.validated(parsed, source, sent.index)
    if (valid !== undefined) return { type: 'ncco', ncco: valid, source }
    await this.errorEvent()
    if (this.settings.fallbackUrl !== undefined) return this.fallback(spec, type, 'Invalid NCCO.')
    return { type: 'end' }
  }

  /** The fallback request; its failure or an invalid reply ends the call. */
  private async fallback(
    original: RequestSpec,
    type: 'answer' | 'event',
    reason: FallbackReason
  ): Promise<NccoReply> {
    const url = this.settings.fallbackUrl
    if (url === undefined) return { type: 'end' }
    const sent = await this.send({
      route: 'fallback',
      kind: 'fallback',
      method: 'POST',
      url,
      payload: fallbackPayload(original.payload, reason, { url: original.url, type }),
      expectsNcco: true
    })
    if (!sent.ok) return { type: 'end' }
    let parsed: unknown
    try {
      parsed = JSON.parse(sent.text)
    } catch (error) {
      this.findings.push(
        makeIssue('reply-not-json', `/requests/${sent.index}/reply`, {
          method: 'POST',
          url: shown(url),
          reason:
            sent.text.trim() === ''
              ? 'the body is empty'
              : error instanceof Error
                ? error.message
                : String(error)
        })
      )
      return { type: 'end' }
    }
    const valid = this.validated(parsed, 'fallback', sent.index)
    if (valid !== undefined) return { type: 'ncco', ncco: valid, source: 'fallback' }
    await this.errorEvent()
    return { type: 'end' }
  }

  // --- requests ----------------------------------------------------------------------------------

  private async statusEvent(status: 'started' | 'ringing'): Promise<void> {
    this.setStatus(status)
    await this.event(status, statusPayload(this.call, status, this.timestamp()))
  }

  private setStatus(status: CallState): void {
    this.status = status
    this.step({ type: 'status', status })
  }

  /** An event to the call's event URL, when there is one. */
  private async event(kind: RequestKind, payload: Payload): Promise<void> {
    await this.sendOptional({
      route: 'event',
      kind,
      method: this.settings.eventMethod,
      url: this.settings.eventUrl,
      payload,
      expectsNcco: false
    })
  }

  private async sendOptional(
    spec: Omit<RequestSpec, 'url'> & { readonly url: string | undefined }
  ): Promise<void> {
    if (spec.url === undefined) return
    await this.send({ ...spec, url: spec.url })
  }

  /** Sends a request, once more when the Voice API would; records every attempt. */
  private async send(spec: RequestSpec): Promise<Sent> {
    const s = this.settings
    const timeoutMs = spec.expectsNcco ? s.answerMs : s.eventMs
    let url = spec.url
    let body: string | undefined
    let payload: Readonly<Record<string, unknown>> = spec.payload
    if (spec.method === 'GET') {
      const target = new URL(spec.url)
      const query = queryOf(spec.payload)
      for (const [key, value] of query) target.searchParams.append(key, value)
      url = target.href
      payload = Object.fromEntries(query)
    } else body = JSON.stringify(spec.payload)
    let firstFailure: string | undefined
    for (let attemptNo = 1; ; attemptNo++) {
      const headers: Record<string, string> = { 'user-agent': 'ncco-kit-simulator' }
      if (body !== undefined) headers['content-type'] = 'application/json'
      if (s.signing !== undefined) {
        headers['authorization'] = await signWebhook(
          body !== undefined
            ? { method: 'POST', body }
            : { method: 'GET', query: new URL(url).searchParams },
          {
            secret: s.signing.secret,
            apiKey: s.signing.apiKey,
            applicationId: s.signing.applicationId,
            now: s.signing.now
          }
        )
      }
      const outcome = await attempt(s.fetch, {
        method: spec.method,
        url,
        headers,
        ...(body === undefined ? {} : { body }),
        timeoutMs,
        maxReplyBytes: s.maxReplyBytes
      })
      const index = this.requests.length
      const error = this.failureSentence(outcome, timeoutMs)
      this.requests.push({
        index,
        time: this.seconds(this.now),
        route: spec.route,
        kind: spec.kind,
        method: spec.method,
        url,
        payload,
        signed: s.signing !== undefined,
        attempt: attemptNo,
        result: outcome.result,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        latencyMs: outcome.latencyMs,
        ...(outcome.reply === undefined ? {} : { reply: outcome.reply }),
        ...(error === undefined ? {} : { error })
      })
      this.step({ type: 'request', request: index })
      if (outcome.result === 'ok') {
        if (firstFailure !== undefined) {
          this.findings.push(
            makeIssue('webhook-retried', `/requests/${index - 1}`, {
              method: spec.method,
              url: shown(spec.url),
              first: firstFailure
            })
          )
        }
        return { ok: true, text: outcome.reply ?? '', index }
      }
      if (outcome.retryable && attemptNo === 1) {
        firstFailure = error
        continue
      }
      this.findings.push(this.failureFinding(spec, outcome, index, timeoutMs))
      return { ok: false, reason: outcome.fallbackReason ?? 'Connection closed.', index }
    }
  }

  private failureSentence(outcome: AttemptOutcome, timeoutMs: number): string | undefined {
    switch (outcome.result) {
      case 'ok':
        return undefined
      case 'status':
        return `answered ${outcome.status ?? 0}`
      case 'timeout':
        return `no complete reply within ${timeoutMs} ms`
      case 'too-large':
        return `the reply is larger than ${this.settings.maxReplyBytes} bytes`
      case 'unreachable':
        return outcome.error ?? 'no answer'
    }
  }

  private failureFinding(
    spec: RequestSpec,
    outcome: AttemptOutcome,
    index: number,
    timeoutMs: number
  ): Issue {
    const path = `/requests/${index}`
    const common = { method: spec.method, url: shown(spec.url) }
    switch (outcome.result) {
      case 'timeout':
        return makeIssue('webhook-timeout', path, {
          ...common,
          limitMs: timeoutMs,
          what:
            spec.route === 'answer'
              ? 'the answer URL'
              : spec.expectsNcco
                ? 'a request that may return an NCCO'
                : 'an event'
        })
      case 'too-large':
        return makeIssue('reply-too-large', path, { ...common, limit: this.settings.maxReplyBytes })
      case 'status':
        return makeIssue('webhook-status', path, { ...common, status: outcome.status ?? 0 })
      default:
        return makeIssue('webhook-unreachable', path, {
          ...common,
          reason: outcome.error ?? 'no answer'
        })
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private step(step: StepInput): void {
    this.steps.push({ time: this.seconds(this.now), ...step } as TranscriptStep)
  }

  private seconds(ms: number): number {
    return Math.round(ms) / 1000
  }

  private isoAt(ms: number): string {
    return new Date(this.settings.epoch + ms).toISOString()
  }

  private timestamp(): string {
    return this.isoAt(this.now)
  }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const notStarted = (
  options: SimulateOptions,
  issues: ReadonlyNonEmptyArray<Issue>
): RunningCall => {
  const uuid = typeof options?.ids?.uuid === 'string' ? options.ids.uuid : ''
  const conversationUuid =
    typeof options?.ids?.conversationUuid === 'string' ? options.ids.conversationUuid : ''
  const transcript: CallTranscript = {
    version: 1,
    call: {
      uuid,
      conversation_uuid: conversationUuid,
      from: typeof options?.from === 'string' ? options.from : '',
      to: typeof options?.to === 'string' ? options.to : '',
      direction: options?.direction === 'outbound' ? 'outbound' : 'inbound',
      start: new Date(0).toISOString()
    },
    steps: [{ time: 0, type: 'end', reason: 'not-started' }],
    requests: [],
    outcome: {
      status: 'failed',
      answered: false,
      reason: 'not-started',
      duration: 0,
      endTime: 0
    },
    findings: issues,
    ok: false
  }
  return {
    uuid,
    conversationUuid,
    state: () => 'failed',
    hangup: () => undefined,
    transfer: () => undefined,
    transcript: Promise.resolve(transcript)
  }
}

/**
 * Starts a simulated call and returns at once; the call runs as fast as the app answers.
 * Unusable options give a call that never started: its transcript has the findings.
 *
 * @category constructors
 * @since 0.2.0
 */
export const placeCall = (options: SimulateOptions): RunningCall => {
  let checked: ReturnType<typeof checkOptions>
  try {
    checked = checkOptions(options)
  } catch (error) {
    checked = E.left([
      makeIssue('invalid-simulate-option', '', {
        option: 'options',
        reason: `could not be read (${error instanceof Error ? error.message : String(error)})`
      })
    ])
  }
  if (E.isLeft(checked)) return notStarted(options, checked.left)
  const { seed, ...rest } = checked.right
  const ids = seededIds(seed)
  const uuid = options.ids?.uuid ?? ids.legUuid()
  const conversationUuid = options.ids?.conversationUuid ?? ids.conversationUuid()
  const now = options.now ?? (() => Date.now())
  const epoch = options.startTime ?? (options.seed !== undefined ? SEEDED_START : Math.floor(now()))
  const simulation = new Simulation(
    { ...rest, epoch },
    { uuid, conversation_uuid: conversationUuid, ...rest.party },
    ids
  )
  return {
    uuid,
    conversationUuid,
    state: () => simulation.state(),
    hangup: () => simulation.requestHangup(),
    transfer: (ncco) => simulation.requestTransfer(ncco),
    transcript: simulation.run()
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Runs a call to its end and returns its transcript. Never rejects: everything that went
 * wrong is in `findings`, and `ok` says whether anything did.
 *
 * @example
 * import { simulateCall } from 'ncco-kit'
 *
 * const transcript = await simulateCall({
 *   ncco: [{ action: 'talk', text: 'Hello' }],
 *   seed: 1
 * })
 * assert.equal(transcript.ok, true)
 * assert.deepEqual(
 *   transcript.steps.filter((s) => s.type === 'talk').map((s) => s.text),
 *   ['Hello']
 * )
 *
 * @category destructors
 * @since 0.2.0
 */
export const simulateCall = (options: SimulateOptions): Promise<CallTranscript> =>
  placeCall(options).transcript

/**
 * `simulateCall` as a `TaskEither`: Left for options that cannot start a call (the findings),
 * Right for the transcript of a call that ran, whatever happened in it.
 *
 * @category destructors
 * @since 0.2.0
 */
export const simulateCallTask =
  (options: SimulateOptions): TE.TaskEither<ReadonlyNonEmptyArray<Issue>, CallTranscript> =>
  async () => {
    const transcript = await placeCall(options).transcript
    const [first, ...rest] = transcript.findings
    return transcript.outcome.reason === 'not-started' && first !== undefined
      ? E.left([first, ...rest])
      : E.right(transcript)
  }
