/**
 * One simulated call while it runs: its settings and parties, the transcript so far (steps,
 * requests, findings), its status, the virtual time and the timers pending on it, and where
 * the caller's script has got to. Every part of the engine reads and writes this one record;
 * nothing outside the engine sees it (the transcript is what comes out).
 *
 * Two exceptions travel through the engine as control flow and never leave it: `EndCall`
 * ends the call from wherever it is, `ReplaceFlow` swaps the NCCO in the middle of an action.
 *
 * @since 0.2.0
 */
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import type { Action, Ncco } from '../ncco/ncco.js'
import type { Settings } from './options.js'
import type { Party } from './payloads.js'
import type { IdSource } from './random.js'
import { describeStep } from './script.js'
import type { CallerStep } from './script.js'
import type {
  CallState,
  EndReason,
  NccoSource,
  TranscriptRequest,
  TranscriptStep
} from './transcript.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Something due at a moment of virtual time (`length_timer`, a machine's beep, a background
 * recording's `timeOut`): the clock fires it when time passes `at`. Firing may end the call
 * or replace its flow (by throwing `EndCall` or `ReplaceFlow`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Timer {
  readonly at: number
  readonly fire: () => Promise<void>
}

/**
 * A recording in progress: a `record` action, or a `conversation` with `record: true`.
 *
 * @category model
 * @since 0.2.0
 */
export interface Recording {
  readonly index: number
  readonly action: Extract<Action, { readonly action: 'record' | 'conversation' }>
  readonly start: number
  readonly mode: 'background' | 'blocking'
  done: boolean
}

/**
 * The state of one call. Times are milliseconds of virtual time since the call started.
 *
 * @category model
 * @since 0.2.0
 */
export interface Call {
  readonly settings: Settings
  readonly party: Party
  readonly ids: IdSource
  readonly steps: TranscriptStep[]
  readonly requests: TranscriptRequest[]
  readonly findings: Issue[]
  readonly timers: Timer[]
  readonly recordings: Recording[]
  /** Which caller steps something consumed, by index. */
  readonly used: boolean[]
  /** NCCOs given to `RunningCall.transfer`, applied at the next step boundary. */
  readonly pendingTransfers: unknown[]
  /** The index of the caller step the next action that waits for the caller gets. */
  nextStep: number
  now: number
  answeredAt: number | undefined
  status: CallState
  /** The caller barged in on a prompt: the prompts before the next input are not played. */
  bargedIn: boolean
  actionsRun: number
  hangupRequested: boolean
  completedBy: 'user' | 'platform'
}

/**
 * Thrown inside the engine to end the call from wherever it is; never escapes.
 *
 * @category model
 * @since 0.2.0
 */
export class EndCall {
  constructor(
    readonly reason: EndReason,
    readonly disconnectedBy: 'user' | 'platform'
  ) {}
}

/**
 * Thrown inside the engine when an NCCO replaces the flow in the middle of an action.
 *
 * @category model
 * @since 0.2.0
 */
export class ReplaceFlow {
  constructor(
    readonly ncco: Ncco,
    readonly source: NccoSource
  ) {}
}

/**
 * A step before its time is stamped on it.
 *
 * @category model
 * @since 0.2.0
 */
export type StepInput = TranscriptStep extends infer S
  ? S extends unknown
    ? Omit<S, 'time'>
    : never
  : never

/**
 * What the caller did with a step, as its `caller` transcript step shows it.
 *
 * @category model
 * @since 0.2.0
 */
export interface CallerAct {
  readonly action: 'dtmf' | 'speech' | 'silence' | 'hangup'
  readonly digits?: string
  readonly text?: string
  readonly confidence?: number
  readonly ignored?: boolean
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A call that has not started yet.
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeCall = (settings: Settings, party: Party, ids: IdSource): Call => ({
  settings,
  party,
  ids,
  steps: [],
  requests: [],
  findings: [],
  timers: [],
  recordings: [],
  used: settings.steps.map(() => false),
  pendingTransfers: [],
  nextStep: 0,
  now: 0,
  answeredAt: undefined,
  status: 'started',
  bargedIn: false,
  actionsRun: 0,
  hangupRequested: false,
  completedBy: 'platform'
})

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Seconds, to the millisecond, as the transcript gives times.
 *
 * @category combinators
 * @since 0.2.0
 */
export const seconds = (ms: number): number => Math.round(ms) / 1000

/**
 * Adds a step to the transcript, at the current time.
 *
 * @category combinators
 * @since 0.2.0
 */
export const addStep = (call: Call, step: StepInput): void => {
  call.steps.push({ time: seconds(call.now), ...step } as TranscriptStep)
}

/**
 * The call's new status, as a step.
 *
 * @category combinators
 * @since 0.2.0
 */
export const setStatus = (call: Call, status: CallState): void => {
  call.status = status
  addStep(call, { type: 'status', status })
}

/**
 * The caller's next step, without taking it.
 *
 * @category combinators
 * @since 0.2.0
 */
export const peekStep = (
  call: Call
): { readonly index: number; readonly step: CallerStep } | undefined => {
  const step = call.settings.steps[call.nextStep]
  return step === undefined ? undefined : { index: call.nextStep, step }
}

/**
 * Takes the caller's step `index`: it counts as used, and its act is a transcript step.
 *
 * @category combinators
 * @since 0.2.0
 */
export const consumeStep = (call: Call, index: number, act: CallerAct): void => {
  call.used[index] = true
  call.nextStep = index + 1
  addStep(call, { type: 'caller', step: index, ...act })
}

/**
 * The finding for a caller step that was taken but had no effect.
 *
 * @category combinators
 * @since 0.2.0
 */
export const stepIgnored = (call: Call, index: number, step: CallerStep, reason: string): void => {
  call.findings.push(
    makeIssue('caller-step-ignored', `/script/caller/${index}`, {
      index,
      step: describeStep(step),
      reason
    })
  )
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The instant a moment of virtual time stands for, in ISO 8601.
 *
 * @category destructors
 * @since 0.2.0
 */
export const isoAt = (call: Call, ms: number): string =>
  new Date(call.settings.epoch + ms).toISOString()

/**
 * The current instant, as payloads give `timestamp`.
 *
 * @category destructors
 * @since 0.2.0
 */
export const timestamp = (call: Call): string => isoAt(call, call.now)

/**
 * The first URL of an action's `eventUrl`.
 *
 * @category destructors
 * @since 0.2.0
 */
export const firstUrl = (urls: ReadonlyArray<string> | undefined): string | undefined => urls?.[0]

/**
 * A URL as a finding quotes it: bounded, whatever its length.
 *
 * @category destructors
 * @since 0.2.0
 */
export const shown = (url: string): string => (url.length > 80 ? `${url.slice(0, 77)}...` : url)
