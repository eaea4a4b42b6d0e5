/**
 * The NCCO: a non-empty array of actions, and the rules that span actions.
 *
 * @since 0.1.0
 */
import type { IssueCode, IssueParams } from '../issue.js'
import { ruleTable } from '../internal/compiled.js'
import type { CompiledCheck, RuleTable, Run } from '../internal/compiled.js'
import {
  INVALID,
  Node,
  enter,
  isView,
  readAt,
  report,
  tagOf,
  taggedUnion,
  tooLong
} from '../internal/node.js'
import type { CheckContext } from '../internal/node.js'
import { describeType, isArray, wrapInArrayHint } from '../internal/text.js'
import {
  ValidActions,
  bargeInRule,
  rulesAcrossActionsHold,
  stepsOf,
  unreachableRule
} from './across-actions.js'
import type { Step, StepFindings } from './across-actions.js'
import { ConnectAction } from './connect.js'
import { ConversationAction } from './conversation.js'
import { InputAction } from './input.js'
import { NotifyAction } from './notify.js'
import { RecordAction } from './record.js'
import { StreamAction } from './stream.js'
import { TalkAction } from './talk.js'
import { TransferAction } from './transfer.js'
import { WaitAction } from './wait.js'

/**
 * Every action, told apart by `action`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Action = taggedUnion(
  'Action',
  'action',
  [
    RecordAction,
    ConversationAction,
    ConnectAction,
    TalkAction,
    StreamAction,
    InputAction,
    NotifyAction,
    WaitAction,
    TransferAction
  ],
  {
    owner: 'an action',
    unknownCode: 'unknown-action',
    removed: { pay: 'was deprecated in February 2023 and is no longer supported' }
  }
)
export type Action =
  | RecordAction
  | ConversationAction
  | ConnectAction
  | TalkAction
  | StreamAction
  | InputAction
  | NotifyAction
  | WaitAction
  | TransferAction

/**
 * @category model
 * @since 0.1.0
 */
export type ActionName = Action['action']

/**
 * The nine action names, in the order of the NCCO reference.
 *
 * @category model
 * @since 0.1.0
 */
export const actionNames = [
  'record',
  'conversation',
  'connect',
  'talk',
  'stream',
  'input',
  'notify',
  'wait',
  'transfer'
] as const satisfies ReadonlyArray<ActionName>

// Compile-time check that actionNames lists every action.
type _AllNamesListed =
  Exclude<ActionName, (typeof actionNames)[number]> extends never ? true : never
const _allNamesListed: _AllNamesListed = true
void _allNamesListed

const checkNcco = (u: unknown, ctx: CheckContext): unknown => {
  if (!isArray(u)) {
    const hint = wrapInArrayHint(u, 'objects')
    report(
      ctx,
      'invalid-type',
      { expected: 'an NCCO (an array of actions)', actual: describeType(u) },
      hint === undefined ? {} : { hint }
    )
    return INVALID
  }
  if (tooLong(u, ctx)) return INVALID
  return enter(u, ctx, () => {
    const before = ctx.errors
    if (u.length === 0) report(ctx, 'empty-array', { key: 'ncco', what: 'action' })
    const steps: Step[] = []
    for (let i = 0; i < u.length; i++) {
      ctx.path.push(i)
      const item = readAt(ctx, u, i)
      steps.push(interpretedStep(item === INVALID ? INVALID : Action.check(item, ctx)))
      ctx.path.pop()
    }
    rulesAcrossActions(steps, ctx)
    return ctx.errors > before ? INVALID : u
  })
}

const interpretedStep = (r: unknown): Step => {
  const view = isView(r) ? r : undefined
  const name = view?.values.get('action')
  return view === undefined
    ? { name: undefined }
    : { name: typeof name === 'string' ? name : undefined, view }
}

/** The tables of the actions' fields, by action name. */
const actionTables: ReadonlyMap<string, RuleTable> = new Map(
  Action.spec.kind === 'union'
    ? Action.spec.members.map((m) => [tagOf(m, 'action'), ruleTable(m)] as const)
    : []
)

/** Runs the rules across actions, reporting at `ctx.path` + the action's index. */
const rulesAcrossActions = (steps: ReadonlyArray<Step>, ctx: CheckContext): void => {
  const read = stepsOf(actionTables, steps)
  const out: StepFindings = {
    found: (index, code, params, at = []) => report(ctx, code, params, { at: [index, ...at] })
  }
  bargeInRule(read, out)
  unreachableRule(read, out)
}

// -------------------------------------------------------------------------------------
// compiled forms
// -------------------------------------------------------------------------------------

/** Reports the rules' findings of a compiled pass; one instance, reused. */
class CompiledFindings implements StepFindings {
  run: Run | undefined
  depth = 0
  ok = true
  found<C extends IssueCode>(
    index: number,
    code: C,
    params: IssueParams<C>,
    at: ReadonlyArray<string> = []
  ): void {
    const run = this.run
    if (run === undefined || !this.ok) return
    this.ok = run.add(code, [...run.pathTo(this.depth, index), ...at], params)
  }
}

const validActions = new ValidActions(actionTables)
const compiledFindings = new CompiledFindings()

/**
 * The rules across actions in the compiled pass of an NCCO whose actions all passed: the test
 * form first, the report forms only when it says a rule may report.
 *
 * @category compiled
 * @since 0.2.0
 */
export const nccoRulesPass = (
  u: ReadonlyArray<Readonly<Record<string, unknown>>>,
  run: Run,
  depth: number
): boolean => {
  if (rulesAcrossActionsHold(u)) return true
  // A getter read by the rules may validate another NCCO: the shared readers are restored.
  const saved = {
    actions: validActions.actions,
    run: compiledFindings.run,
    depth: compiledFindings.depth,
    ok: compiledFindings.ok
  }
  validActions.actions = u
  compiledFindings.run = run
  compiledFindings.depth = depth
  compiledFindings.ok = true
  bargeInRule(validActions, compiledFindings)
  unreachableRule(validActions, compiledFindings)
  const ok = compiledFindings.ok
  validActions.actions = saved.actions
  compiledFindings.run = saved.run
  compiledFindings.depth = saved.depth
  compiledFindings.ok = saved.ok
  return ok
}

/**
 * When an action of an NCCO document fails its compiled check: every action is checked again,
 * the compiled way first and with the interpreter where that fails, so that only the actions
 * with an error pay for the interpreter; the run then holds every finding of the document. An
 * NCCO inside a create-call request does not recover (the request is interpreted whole).
 *
 * @category compiled
 * @since 0.2.0
 */
export const nccoRecover = (
  u: ReadonlyArray<unknown>,
  run: Run,
  depth: number,
  action: CompiledCheck
): boolean => {
  if (depth !== 0) return false
  const ctx: CheckContext = {
    profile: run.profile,
    issues: [],
    path: [],
    active: [u],
    errors: 0
  }
  run.warnings = ctx.issues
  const steps: Step[] = []
  for (let i = 0; i < u.length; i++) {
    const item = u[i]
    const mark = ctx.issues.length
    run.path[0] = i
    let passed: boolean
    try {
      passed = action(item, run, 1)
    } catch {
      passed = false
    }
    if (passed) {
      const a = item as Readonly<Record<string, unknown>>
      steps.push({ name: a['action'] as string, action: a })
      continue
    }
    if (ctx.issues.length !== mark) ctx.issues.length = mark
    ctx.path.push(i)
    steps.push(interpretedStep(Action.check(item, ctx)))
    ctx.path.pop()
  }
  rulesAcrossActions(steps, ctx)
  run.complete = true
  return ctx.errors === 0
}

/**
 * An NCCO: a non-empty array of actions, with the rules across actions.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Ncco = new Node<Ncco>(
  'Ncco',
  {
    kind: 'array',
    items: Action,
    minItems: 1,
    distinct: false,
    what: 'action'
  },
  checkNcco,
  undefined,
  { after: nccoRulesPass, recover: nccoRecover }
)
/**
 * An NCCO: the actions, in order. A named type, so that editors and compiler messages say
 * `Ncco`; an `Array` type, so that a built NCCO fits functions that take a mutable array of
 * actions (the official SDK's `transferCallWithNCCO`). The builders' values are frozen at run
 * time all the same.
 *
 * @category model
 * @since 0.2.0
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a name TypeScript prints
export interface Ncco extends Array<Action> {}
