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
 * This module is the public surface: starting a call and waiting for its transcript. The
 * call's course is in `lifecycle.ts`, the actions in `actions.ts` (with `input.ts`,
 * `record.ts`, `connect.ts`), machine detection in `detection.ts`, the requests with their
 * retry in `requests.ts`, what the Voice API does with the NCCOs it receives (fallback
 * included) in `replies.ts`, and media timing and the virtual clock in `timing.ts`.
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
import { makeCall } from './call.js'
import { runCall } from './lifecycle.js'
import { checkOptions } from './options.js'
import type { SimulateOptions } from './options.js'
import { seededIds } from './random.js'
import type { CallState, CallTranscript } from './transcript.js'

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

/** Virtual time 0 of a seeded call, so that its transcript is the same every time. */
const SEEDED_START = Date.UTC(2025, 0, 1)

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
  const call = makeCall(
    { ...rest, epoch },
    { uuid, conversation_uuid: conversationUuid, ...rest.party },
    ids
  )
  return {
    uuid,
    conversationUuid,
    state: () => call.status,
    hangup: () => {
      call.hangupRequested = true
    },
    transfer: (ncco) => {
      call.pendingTransfers.push(ncco)
    },
    transcript: runCall(call)
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
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { simulateCallTask } from 'ncco-kit'
 *
 * // No first NCCO: no call.
 * const refused = await simulateCallTask({ seed: 1 })()
 * assert.ok(E.isLeft(refused) && refused.left[0].code === 'invalid-simulate-option')
 *
 * // An invalid NCCO: the call is placed, and its transcript says why nothing was played.
 * const ran = await simulateCallTask({ ncco: [], seed: 1 })()
 * assert.ok(E.isRight(ran))
 * assert.strictEqual(ran.right.ok, false)
 * assert.strictEqual(ran.right.outcome.reason, 'no-ncco')
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
