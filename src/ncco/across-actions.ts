/**
 * The rules that span the actions of an NCCO, and the two readings of the actions they run on:
 * the interpreter's (each action's checked view) and the compiled pass's (the actions
 * themselves, once known valid). Each rule has a report form and, for the compiled pass, a
 * test form (`rulesAcrossActionsHold`) that an equivalence test keeps in agreement.
 *
 * @since 0.2.0
 */
import type { IssueCode, IssueParams } from '../issue.js'
import type { RuleTable } from '../internal/compiled.js'
import type { StructView } from '../internal/node.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What the rules across actions read of each action. */
export interface Steps {
  readonly count: number
  /** The action's name; undefined when the action could not be read. */
  name(index: number): string | undefined
  /** The effective value of a field of the action; undefined when absent or invalid. */
  value(index: number, key: string): unknown
  /** Whether the field is given, valid or not. */
  given(index: number, key: string): boolean
  /** The spelling the action uses for the field. */
  spelling(index: number, key: string): string
}

/** Where the rules across actions report: at an action, or at one of its fields. */
export interface StepFindings {
  found<C extends IssueCode>(
    index: number,
    code: C,
    params: IssueParams<C>,
    at?: ReadonlyArray<string>
  ): void
}

/** One action as the rules read it: its view (interpreted), or the action (compiled, valid). */
export interface Step {
  readonly name: string | undefined
  readonly view?: StructView
  readonly action?: Readonly<Record<string, unknown>>
}

// -------------------------------------------------------------------------------------
// the rules
// -------------------------------------------------------------------------------------

const prompt = (name: string | undefined): boolean => name === 'talk' || name === 'stream'

/**
 * NCCO reference (talk, stream): with bargeIn: true "the next non-talk action must be input";
 * once true it stays true until an input is reached. Talk and stream count as one prompt
 * family (docs/decisions.md).
 */
export const bargeInRule = (steps: Steps, out: StepFindings): void => {
  let pending: number | undefined
  for (let i = 0; i < steps.count; i++) {
    const name = steps.name(i)
    if (name === undefined) continue // an unreadable action is reported on its own
    if (name === 'input') {
      pending = undefined
      continue
    }
    if (pending !== undefined && !prompt(name)) {
      out.found(i, 'barge-in-without-input', {
        prompt: steps.name(pending) ?? 'talk',
        index: pending,
        at: `this ${name} action`
      })
      pending = undefined
      continue
    }
    if (pending === undefined && prompt(name) && steps.value(i, 'bargeIn') === true) {
      pending = i
    }
  }
  if (pending !== undefined) {
    out.found(
      pending,
      'barge-in-without-input',
      { prompt: steps.name(pending) ?? 'talk', index: pending, at: 'the NCCO ends' },
      [steps.spelling(pending, 'bargeIn')]
    )
  }
}

/** Actions after a transfer, or after a prompt that loops forever, never run. */
export const unreachableRule = (steps: Steps, out: StepFindings): void => {
  let transferred = false
  for (let i = 0; i < steps.count; i++) {
    if (transferred) {
      out.found(i, 'unreachable-after-transfer', {})
      continue
    }
    const name = steps.name(i)
    if (name === 'transfer') transferred = true
    if (
      i + 1 < steps.count &&
      prompt(name) &&
      steps.value(i, 'loop') === 0 &&
      steps.value(i, 'bargeIn') !== true &&
      // An invalid bargeIn is reported on its own; whether it loops forever is unknown.
      !(steps.given(i, 'bargeIn') && steps.value(i, 'bargeIn') === undefined)
    ) {
      out.found(i + 1, 'unreachable-after-infinite-loop', { owner: name ?? 'action' })
    }
  }
}

/**
 * The test form of both rules, on actions known to be valid: true when neither can report.
 * It reads what the rules read, straight from the actions (`"true"` and `"0"` are the lenient
 * readings of true and 0).
 */
export const rulesAcrossActionsHold = (
  actions: ReadonlyArray<Readonly<Record<string, unknown>>>
): boolean => {
  let pending = false
  const last = actions.length - 1
  for (let i = 0; i <= last; i++) {
    const action = actions[i]!
    const name = action['action']
    if (name === 'input') {
      pending = false
      continue
    }
    if (name !== 'talk' && name !== 'stream') {
      if (pending || (name === 'transfer' && i < last)) return false
      continue
    }
    const bargeIn = action['bargeIn']
    if (bargeIn === true || bargeIn === 'true') pending = true
    else if (i < last) {
      const loop = action['loop']
      if (loop === 0 || (typeof loop === 'string' && Number(loop) === 0)) return false
    }
  }
  return !pending
}

// -------------------------------------------------------------------------------------
// readings
// -------------------------------------------------------------------------------------

/**
 * The effective value of a field of a valid action, from the action itself: the value, or in
 * the lenient profile the boolean or number a string stands for.
 */
const effectiveOf = (
  tables: ReadonlyMap<string, RuleTable>,
  action: Readonly<Record<string, unknown>>,
  key: string
): unknown => {
  const name = action['action']
  const reading = typeof name === 'string' ? tables.get(name)?.fields.get(key)?.reading : undefined
  if (reading === undefined || !Object.prototype.hasOwnProperty.call(action, key)) return undefined
  const v = action[key]
  if (reading === 'boolean' && typeof v === 'string') return v === 'true'
  if (reading === 'number' && typeof v === 'string') return Number(v)
  return v
}

/** The reading of a list of steps, each interpreted (a view) or compiled (the action). */
export const stepsOf = (
  tables: ReadonlyMap<string, RuleTable>,
  steps: ReadonlyArray<Step>
): Steps => ({
  count: steps.length,
  name: (i) => steps[i]?.name,
  value: (i, key) => {
    const step = steps[i]
    if (step?.action !== undefined) return effectiveOf(tables, step.action, key)
    return step?.view?.values.get(key)
  },
  given: (i, key) => {
    const step = steps[i]
    if (step?.action !== undefined) return Object.prototype.hasOwnProperty.call(step.action, key)
    return step?.view?.keys.has(key) === true
  },
  spelling: (i, key) => steps[i]?.view?.keys.get(key) ?? key
})

/**
 * The compiled reading of an NCCO whose actions all passed, without allocating: one instance,
 * pointed at the actions before each use.
 */
export class ValidActions implements Steps {
  actions: ReadonlyArray<Readonly<Record<string, unknown>>> = []
  constructor(private readonly tables: ReadonlyMap<string, RuleTable>) {}
  get count(): number {
    return this.actions.length
  }
  name(i: number): string | undefined {
    const name = this.actions[i]?.['action']
    return typeof name === 'string' ? name : undefined
  }
  value(i: number, key: string): unknown {
    const action = this.actions[i]
    return action === undefined ? undefined : effectiveOf(this.tables, action, key)
  }
  given(i: number, key: string): boolean {
    const action = this.actions[i]
    return action !== undefined && Object.prototype.hasOwnProperty.call(action, key)
  }
  spelling(_i: number, key: string): string {
    return key // bargeIn, the one field the rules place a finding at, has one spelling
  }
}
