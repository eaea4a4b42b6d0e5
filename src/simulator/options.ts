/**
 * The simulator's options: what a user passes (`SimulateOptions`), checked once and turned
 * into the settings the engine runs on, with every default filled in. A problem with an
 * option is a finding at its path (`/answerUrl`, `/script/caller/0`), never a throw.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { describeValue } from '../internal/text.js'
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import type { Fetch } from './http.js'
import type { Party } from './payloads.js'
import { randomSeed } from './random.js'
import { parseCallScript } from './script.js'
import type { CallOutcome, CallScript, CallerStep } from './script.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Advanced machine detection, as the create-call request's `advanced_machine_detection`.
 *
 * @category model
 * @since 0.2.0
 */
export interface AdvancedMachineDetectionOption {
  readonly behavior: 'continue' | 'hangup'
  /** Default `detect`. */
  readonly mode?: 'default' | 'detect' | 'detect_beep'
  readonly beep_timeout?: number
}

/**
 * What to simulate. Give `answerUrl` (the app's answer URL) or `ncco` (an NCCO to start
 * with, as a create-call request's inline `ncco`), not both.
 *
 * @category model
 * @since 0.2.0
 */
export interface SimulateOptions {
  readonly answerUrl?: string
  readonly ncco?: unknown
  /** Default `GET`: the answer webhook's payload in the query. */
  readonly answerMethod?: 'GET' | 'POST'
  /** Where call status events and results without their own `eventUrl` go. */
  readonly eventUrl?: string
  /** Default `POST` with a JSON body. */
  readonly eventMethod?: 'GET' | 'POST'
  /** Asked for an NCCO when the answer URL or an NCCO-returning event fails. */
  readonly fallbackUrl?: string
  /** Default `447700900000`. */
  readonly from?: string
  /** Default `447700900001`. */
  readonly to?: string
  /** Default `inbound`: the answer webhook comes first. */
  readonly direction?: 'inbound' | 'outbound'
  readonly script?: CallScript
  /** Signs every request (HS256, as the Voice API's signed webhooks). Never shown anywhere. */
  readonly signatureSecret?: string
  /** The token's `api_key` claim (default `simulator`). */
  readonly apiKey?: string
  /** The token's `application_id` claim (default `00000000-0000-4000-8000-000000000000`). */
  readonly applicationId?: string
  /** Makes identifiers and timestamps reproducible. */
  readonly seed?: number
  /** Seconds a call may ring before it ends with `timeout` (create-call `ringing_timer`). */
  readonly ringingTimer?: number
  /** Seconds an answered call may last (create-call `length_timer`, default 7200). */
  readonly lengthTimer?: number
  readonly machineDetection?: 'continue' | 'hangup'
  readonly advancedMachineDetection?: AdvancedMachineDetectionOption
  /** v2: the first event is the `CallPlacedWebhook` (it stands for `started`). */
  readonly callPlaced?: boolean
  /** Fixed identifiers for the call (the sandbox passes the ones it answered with). */
  readonly ids?: { readonly uuid?: string; readonly conversationUuid?: string }
  /** Default `globalThis.fetch`; an in-process Fetch handler needs no network. */
  readonly fetch?: (request: Request) => Promise<Response>
  /** Real-time limits: answer and NCCO-returning requests 5000 ms, other events 10000 ms. */
  readonly timeouts?: { readonly answerMs?: number; readonly eventMs?: number }
  /** The real clock, for the signatures' `iat` (default `Date.now`). */
  readonly now?: () => number
  /**
   * The instant (ms since the epoch) virtual time 0 stands for. Default: 2025-01-01T00:00:00Z
   * with a `seed` (so transcripts are reproducible), else `now()`.
   */
  readonly startTime?: number
  /** The largest reply read, in bytes (default 1 MiB). */
  readonly maxReplyBytes?: number
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

const DEFAULT_LENGTH_TIMER_S = 7200
const DEFAULT_BEEP_TIMEOUT_S = 45
const DEFAULT_ANSWER_TIMEOUT_MS = 5000
const DEFAULT_EVENT_TIMEOUT_MS = 10000
const DEFAULT_MAX_REPLY_BYTES = 1024 * 1024
/** The longest a timer can wait (2^31 - 1 ms): a longer delay makes it fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647
const DEFAULT_API_KEY = 'simulator'
const DEFAULT_APPLICATION_ID = '00000000-0000-4000-8000-000000000000'

// -------------------------------------------------------------------------------------
// settings
// -------------------------------------------------------------------------------------

/**
 * The options, checked and with their defaults filled in.
 *
 * @category model
 * @since 0.2.0
 */
export interface Settings {
  readonly answer:
    | { readonly type: 'url'; readonly url: string; readonly method: 'GET' | 'POST' }
    | { readonly type: 'inline'; readonly ncco: unknown }
  readonly eventUrl: string | undefined
  readonly eventMethod: 'GET' | 'POST'
  readonly fallbackUrl: string | undefined
  readonly party: Omit<Party, 'uuid' | 'conversation_uuid'>
  readonly steps: ReadonlyArray<CallerStep>
  readonly answerOutcome: CallOutcome
  readonly legs: Readonly<Record<string, CallOutcome>>
  readonly beepS: number | undefined
  readonly signing:
    | {
        readonly secret: string
        readonly apiKey: string
        readonly applicationId: string
        readonly now: () => number
      }
    | undefined
  readonly ringingTimerS: number | undefined
  readonly lengthTimerS: number
  readonly machineDetection: 'continue' | 'hangup' | undefined
  readonly advanced:
    | {
        readonly behavior: 'continue' | 'hangup'
        readonly mode: 'default' | 'detect' | 'detect_beep'
        readonly beepTimeoutS: number
      }
    | undefined
  readonly callPlaced: boolean
  readonly fetch: Fetch
  readonly answerMs: number
  readonly eventMs: number
  readonly maxReplyBytes: number
  readonly epoch: number
}

/**
 * Why a real-time limit (`timeouts.answerMs`, `timeouts.eventMs`) cannot be used, or
 * `undefined`: it must be a positive number of milliseconds a timer can wait.
 *
 * @category destructors
 * @since 0.2.0
 */
export const timeoutProblem = (value: unknown): string | undefined =>
  typeof value !== 'number' || !Number.isFinite(value) || value <= 0
    ? `must be a positive number, got ${describeValue(value)}`
    : value > MAX_TIMEOUT_MS
      ? `must be at most ${MAX_TIMEOUT_MS} milliseconds (no timer waits longer), got ${describeValue(value)}`
      : undefined

const isHttpUrl = (u: unknown): u is string => {
  if (typeof u !== 'string' || /\s/.test(u)) return false
  try {
    const url = new URL(u)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== ''
  } catch {
    return false
  }
}

const oneOf = <A extends string>(u: unknown, allowed: ReadonlyArray<A>): u is A =>
  typeof u === 'string' && (allowed as ReadonlyArray<string>).includes(u)

/**
 * Checks the options once, before a call starts: every problem is a finding at the option's
 * path; nothing is thrown.
 *
 * @category destructors
 * @since 0.2.0
 */
export const checkOptions = (
  o: SimulateOptions
): E.Either<ReadonlyNonEmptyArray<Issue>, Omit<Settings, 'epoch'> & { readonly seed: number }> => {
  const issues: Issue[] = []
  const bad = (option: string, reason: string): void => {
    issues.push(makeIssue('invalid-simulate-option', `/${option}`, { option, reason }))
  }
  if (typeof o !== 'object' || o === null) {
    return E.left([
      makeIssue('invalid-simulate-option', '', { option: 'options', reason: 'must be an object' })
    ])
  }
  const url = (option: keyof SimulateOptions): string | undefined => {
    const value = o[option]
    if (value === undefined) return undefined
    if (!isHttpUrl(value)) {
      bad(option, `must be an absolute http: or https: URL, got ${describeValue(value)}`)
      return undefined
    }
    return value
  }
  const answerUrl = url('answerUrl')
  const eventUrl = url('eventUrl')
  const fallbackUrl = url('fallbackUrl')
  if (o.answerUrl === undefined && o.ncco === undefined) {
    bad('answerUrl', 'or "ncco" is needed: the call needs a first NCCO')
  }
  if (o.answerUrl !== undefined && o.ncco !== undefined) {
    bad('ncco', 'cannot be given together with "answerUrl"; give one of them')
  }
  const method = (option: 'answerMethod' | 'eventMethod'): 'GET' | 'POST' | undefined => {
    const value = o[option]
    if (value === undefined) return undefined
    if (!oneOf(value, ['GET', 'POST'] as const)) {
      bad(option, `must be "GET" or "POST", got ${describeValue(value)}`)
      return undefined
    }
    return value
  }
  const answerMethod = method('answerMethod') ?? 'GET'
  const eventMethod = method('eventMethod') ?? 'POST'
  if (o.direction !== undefined && !oneOf(o.direction, ['inbound', 'outbound'] as const)) {
    bad('direction', `must be "inbound" or "outbound", got ${describeValue(o.direction)}`)
  }
  const party = (option: 'from' | 'to', fallback: string): string => {
    const value = o[option]
    if (value === undefined) return fallback
    if (typeof value !== 'string' || value === '') {
      bad(option, `must be a non-empty string, got ${describeValue(value)}`)
      return fallback
    }
    return value
  }
  const from = party('from', '447700900000')
  const to = party('to', '447700900001')
  const seconds = (option: 'ringingTimer' | 'lengthTimer', max: number): number | undefined => {
    const value = o[option]
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
      bad(
        option,
        `must be a number of seconds above 0 and at most ${max}, got ${describeValue(value)}`
      )
      return undefined
    }
    return value
  }
  const ringingTimerS = seconds('ringingTimer', 120)
  const lengthTimerS = seconds('lengthTimer', 86400) ?? DEFAULT_LENGTH_TIMER_S
  if (
    o.machineDetection !== undefined &&
    !oneOf(o.machineDetection, ['continue', 'hangup'] as const)
  ) {
    bad(
      'machineDetection',
      `must be "continue" or "hangup", got ${describeValue(o.machineDetection)}`
    )
  }
  let advanced: Settings['advanced']
  const amd: unknown = o.advancedMachineDetection
  if (amd !== undefined) {
    const a = (typeof amd === 'object' && amd !== null ? amd : {}) as Record<string, unknown>
    // The Voice API's default mode is `detect`: the status event only, no beep event.
    const mode = a['mode'] ?? 'detect'
    const beepTimeout = a['beep_timeout'] ?? DEFAULT_BEEP_TIMEOUT_S
    if (!oneOf(a['behavior'], ['continue', 'hangup'] as const)) {
      bad('advancedMachineDetection', 'needs "behavior": "continue" or "hangup"')
    } else if (!oneOf(mode, ['default', 'detect', 'detect_beep'] as const)) {
      bad(
        'advancedMachineDetection',
        `has "mode" ${describeValue(mode)}, not one of "default", "detect", "detect_beep"`
      )
    } else if (typeof beepTimeout !== 'number' || !(beepTimeout >= 30 && beepTimeout <= 120)) {
      bad(
        'advancedMachineDetection',
        `has "beep_timeout" ${describeValue(beepTimeout)}, not from 30 to 120`
      )
    } else {
      advanced = { behavior: a['behavior'], mode, beepTimeoutS: beepTimeout }
    }
  }
  if (o.seed !== undefined && !Number.isSafeInteger(o.seed)) {
    bad('seed', `must be a whole number, got ${describeValue(o.seed)}`)
  }
  if (
    o.startTime !== undefined &&
    !(typeof o.startTime === 'number' && Number.isFinite(o.startTime))
  ) {
    bad(
      'startTime',
      `must be a number of milliseconds since the epoch, got ${describeValue(o.startTime)}`
    )
  }
  const limit = (
    value: unknown,
    option: string,
    fallback: number,
    problem: (value: unknown) => string | undefined
  ): number => {
    if (value === undefined) return fallback
    const wrong = problem(value)
    if (wrong !== undefined || typeof value !== 'number') {
      bad(option, wrong ?? `must be a number, got ${describeValue(value)}`)
      return fallback
    }
    return value
  }
  const timeouts: Record<string, unknown> =
    typeof o.timeouts === 'object' && o.timeouts !== null ? o.timeouts : {}
  const answerMs = limit(
    timeouts['answerMs'],
    'timeouts',
    DEFAULT_ANSWER_TIMEOUT_MS,
    timeoutProblem
  )
  const eventMs = limit(timeouts['eventMs'], 'timeouts', DEFAULT_EVENT_TIMEOUT_MS, timeoutProblem)
  const maxReplyBytes = limit(o.maxReplyBytes, 'maxReplyBytes', DEFAULT_MAX_REPLY_BYTES, (v) =>
    typeof v !== 'number' || !Number.isFinite(v) || v <= 0
      ? `must be a positive number, got ${describeValue(v)}`
      : undefined
  )
  const fetch = o.fetch ?? globalThis.fetch
  if (typeof fetch !== 'function') bad('fetch', 'must be a function (no global fetch was found)')
  if (o.now !== undefined && typeof o.now !== 'function') {
    bad('now', `must be a function returning milliseconds, got ${describeValue(o.now)}`)
  }
  const secret = o.signatureSecret
  if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
    // The value itself is never shown: it is a secret.
    bad('signatureSecret', 'must be a non-empty string')
  }
  for (const option of ['apiKey', 'applicationId'] as const) {
    const value = o[option]
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      bad(option, `must be a non-empty string, got ${describeValue(value)}`)
    }
  }
  if (o.ids !== undefined) {
    for (const [option, value] of [
      ['ids.uuid', o.ids.uuid],
      ['ids.conversationUuid', o.ids.conversationUuid]
    ] as const) {
      if (value !== undefined && (typeof value !== 'string' || value === '')) {
        bad(option, `must be a non-empty string, got ${describeValue(value)}`)
      }
    }
  }
  let script: CallScript = {}
  if (o.script !== undefined) {
    let parsed: E.Either<ReadonlyNonEmptyArray<Issue>, CallScript>
    try {
      parsed = parseCallScript(o.script)
    } catch (error) {
      parsed = E.left([
        makeIssue('invalid-simulate-option', '/script', {
          option: 'script',
          reason: `could not be read (${error instanceof Error ? error.message : String(error)})`
        })
      ])
    }
    if (E.isLeft(parsed)) {
      issues.push(...parsed.left.map((i) => ({ ...i, path: `/script${i.path}` })))
    } else script = parsed.right
  }
  const [first, ...rest] = issues
  if (first !== undefined) return E.left([first, ...rest])
  return E.right({
    answer:
      answerUrl !== undefined
        ? { type: 'url', url: answerUrl, method: answerMethod }
        : { type: 'inline', ncco: o.ncco },
    eventUrl,
    eventMethod,
    fallbackUrl,
    party: { from, to, direction: o.direction ?? 'inbound' },
    steps: script.caller ?? [],
    answerOutcome: script.answer ?? 'answered',
    legs: script.legs ?? {},
    beepS: script.beep,
    signing:
      secret === undefined
        ? undefined
        : {
            secret,
            apiKey: o.apiKey ?? DEFAULT_API_KEY,
            applicationId: o.applicationId ?? DEFAULT_APPLICATION_ID,
            now: o.now ?? (() => Date.now())
          },
    ringingTimerS,
    lengthTimerS,
    machineDetection: o.machineDetection,
    advanced,
    callPlaced: o.callPlaced === true,
    fetch: fetch as Fetch,
    answerMs,
    eventMs,
    maxReplyBytes,
    seed: o.seed ?? randomSeed()
  })
}
