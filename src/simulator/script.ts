/**
 * The caller script: what the simulated caller does when an action waits for them, and how
 * the called parties first respond. The CLI reads it from a YAML or JSON file; library users
 * pass it as a value. Either way `parseCallScript` checks it once, with every finding at its
 * JSON Pointer, before a call starts.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import { describeType, describeValue, toPointer } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One thing the caller does, consumed in order by the actions that wait for the caller:
 * - `{ dtmf: "12#" }`: presses keys (0–9, `*`, `#`);
 * - `{ speech: "sales", confidence: 0.9 }`: says words (confidence 0–1, default 0.9);
 * - `{ silence: true }`: says and presses nothing, so the input times out;
 * - `{ hangup: true }`: hangs up there.
 *
 * @category model
 * @since 0.2.0
 */
export type CallerStep =
  | { readonly dtmf: string }
  | { readonly speech: string; readonly confidence?: number }
  | { readonly silence: true }
  | { readonly hangup: true }

/**
 * How a called party first responds. `machine` is an answering machine: a machine-detection
 * event follows when detection is on.
 *
 * @category model
 * @since 0.2.0
 */
export type CallOutcome =
  'answered' | 'busy' | 'unanswered' | 'rejected' | 'failed' | 'timeout' | 'machine'

/**
 * @category model
 * @since 0.2.0
 */
export interface CallScript {
  /** The caller's steps, in order. */
  readonly caller?: ReadonlyArray<CallerStep>
  /** How the call itself is first answered (default `answered`). */
  readonly answer?: CallOutcome
  /**
   * A connect endpoint's address (phone number, app user, SIP or websocket URI, VBC extension)
   * to its outcome; an address not listed is `answered`.
   */
  readonly legs?: Readonly<Record<string, CallOutcome>>
  /** With `answer: machine`: seconds from the answer to the machine's beep. */
  readonly beep?: number
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * @category constants
 * @since 0.2.0
 */
export const callOutcomes: ReadonlyArray<CallOutcome> = [
  'answered',
  'busy',
  'unanswered',
  'rejected',
  'failed',
  'timeout',
  'machine'
]

/**
 * The confidence of a speech step that gives none.
 *
 * @category constants
 * @since 0.2.0
 */
export const defaultSpeechConfidence = 0.9

const stepKeys = ['dtmf', 'speech', 'silence', 'hangup'] as const
const scriptKeys = ['caller', 'answer', 'legs', 'beep'] as const

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const pointer = (path: ReadonlyArray<string | number>): string => toPointer(path)

const typeIssue = (path: ReadonlyArray<string | number>, expected: string, u: unknown): Issue =>
  makeIssue('invalid-type', pointer(path), { expected, actual: describeType(u) })

const checkOutcome = (
  u: unknown,
  path: ReadonlyArray<string | number>,
  key: string,
  issues: Issue[]
): void => {
  if (typeof u !== 'string' || !(callOutcomes as ReadonlyArray<string>).includes(u)) {
    issues.push(
      makeIssue('invalid-enum', pointer(path), {
        key,
        allowed: callOutcomes,
        actual: describeValue(u)
      })
    )
  }
}

const checkStep = (u: unknown, index: number, issues: Issue[]): void => {
  const path = ['caller', index]
  if (!isRecord(u)) {
    issues.push(typeIssue(path, 'a caller step object', u))
    return
  }
  const kinds = stepKeys.filter((k) => Object.hasOwn(u, k))
  if (kinds.length !== 1) {
    issues.push(
      makeIssue('invalid-caller-step', pointer(path), {
        index,
        found: kinds.map((k) => JSON.stringify(k)).join(' and ')
      })
    )
    return
  }
  const kind = kinds[0]
  const allowed: ReadonlyArray<string> = kind === 'speech' ? ['speech', 'confidence'] : [kind!]
  for (const key of Object.keys(u)) {
    if (!allowed.includes(key)) {
      issues.push(
        makeIssue('unknown-key', pointer([...path, key]), { key, owner: 'a caller step' })
      )
    }
  }
  const value = u[kind!]
  const at = [...path, kind!]
  switch (kind) {
    case 'dtmf':
      if (typeof value !== 'string') issues.push(typeIssue(at, 'a string of keys', value))
      else if (!/^[0-9*#]+$/.test(value)) {
        issues.push(
          makeIssue('invalid-format', pointer(at), {
            key: 'dtmf',
            expected: 'one or more of the keys 0-9, * and #',
            actual: describeValue(value)
          })
        )
      }
      return
    case 'speech': {
      if (typeof value !== 'string') issues.push(typeIssue(at, 'a string', value))
      else if (value.trim() === '')
        issues.push(makeIssue('empty-string', pointer(at), { key: 'speech' }))
      if (Object.hasOwn(u, 'confidence')) {
        const confidence = u['confidence']
        const cAt = [...path, 'confidence']
        if (typeof confidence !== 'number' || !Number.isFinite(confidence)) {
          issues.push(typeIssue(cAt, 'a number', confidence))
        } else if (confidence < 0 || confidence > 1) {
          issues.push(
            makeIssue('out-of-range', pointer(cAt), {
              key: 'confidence',
              range: 'from 0 to 1',
              actual: String(confidence)
            })
          )
        }
      }
      return
    }
    default:
      if (value !== true) issues.push(typeIssue(at, 'true', value))
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Checks a caller script given as any value (a parsed file, or a value from code). Right: the
 * script, the very value given. Left: every finding, at its JSON Pointer into the script.
 *
 * @example
 * import { parseCallScript } from 'ncco-kit'
 * import * as E from 'fp-ts/lib/Either.js'
 *
 * assert.ok(E.isRight(parseCallScript({ caller: [{ dtmf: '1' }, { speech: 'support' }] })))
 * assert.ok(E.isLeft(parseCallScript({ caller: [{ press: '1' }] })))
 *
 * @category destructors
 * @since 0.2.0
 */
export const parseCallScript = (u: unknown): E.Either<ReadonlyNonEmptyArray<Issue>, CallScript> => {
  const issues: Issue[] = []
  if (!isRecord(u)) {
    issues.push(typeIssue([], 'a caller script object', u))
  } else {
    for (const key of Object.keys(u)) {
      if (!(scriptKeys as ReadonlyArray<string>).includes(key)) {
        issues.push(makeIssue('unknown-key', pointer([key]), { key, owner: 'the caller script' }))
      }
    }
    const caller = u['caller']
    if (caller !== undefined) {
      if (!Array.isArray(caller)) issues.push(typeIssue(['caller'], 'an array of steps', caller))
      else caller.forEach((step: unknown, i) => checkStep(step, i, issues))
    }
    if (u['answer'] !== undefined) checkOutcome(u['answer'], ['answer'], 'answer', issues)
    const legs = u['legs']
    if (legs !== undefined) {
      if (!isRecord(legs)) issues.push(typeIssue(['legs'], 'an object', legs))
      else {
        for (const [address, outcome] of Object.entries(legs)) {
          checkOutcome(outcome, ['legs', address], address, issues)
        }
      }
    }
    const beep = u['beep']
    if (beep !== undefined) {
      if (typeof beep !== 'number' || !Number.isFinite(beep)) {
        issues.push(typeIssue(['beep'], 'a number of seconds', beep))
      } else if (beep < 0 || beep > 7200) {
        issues.push(
          makeIssue('out-of-range', '/beep', {
            key: 'beep',
            range: 'from 0 to 7200',
            actual: String(beep)
          })
        )
      }
    }
  }
  const [first, ...rest] = issues
  return first === undefined ? E.right(u as CallScript) : E.left([first, ...rest])
}

/**
 * One line for a step, as the pretty output and findings show it: `press 12#`, `say "sales"`,
 * `silence`, `hang up`.
 *
 * @category destructors
 * @since 0.2.0
 */
export const describeStep = (step: CallerStep): string =>
  'dtmf' in step
    ? `press ${step.dtmf}`
    : 'speech' in step
      ? `say ${JSON.stringify(step.speech)}`
      : 'silence' in step
        ? 'silence'
        : 'hang up'
