/**
 * The NCCO: a non-empty array of actions, and the rules that span actions.
 *
 * @since 0.1.0
 */
import { INVALID, Node, at, enter, isView, readAt, report, taggedUnion } from '../internal/node.js'
import type { CheckContext, StructView, TypeOf } from '../internal/node.js'
import { describeType, isArray } from '../internal/text.js'
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
export type Action = TypeOf<typeof Action>

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

interface Step {
  readonly index: number
  readonly name: string | undefined
  readonly view: StructView | undefined
}

const prompt = (name: string | undefined): boolean => name === 'talk' || name === 'stream'

/**
 * NCCO reference (talk, stream): with bargeIn: true "the next non-talk action must be input";
 * once true it stays true until an input is reached. Talk and stream count as one prompt
 * family (docs/decisions.md).
 */
const bargeInRule = (steps: ReadonlyArray<Step>, ctx: CheckContext): void => {
  let pending: Step | undefined
  for (const step of steps) {
    if (step.name === undefined) continue // an unreadable action is reported on its own
    if (step.name === 'input') {
      pending = undefined
      continue
    }
    if (pending !== undefined && !prompt(step.name)) {
      at(ctx, step.index, () =>
        report(ctx, 'barge-in-without-input', {
          prompt: pending?.name ?? 'talk',
          index: pending?.index ?? 0,
          at: `this ${step.name ?? 'action'} action`
        })
      )
      pending = undefined
      continue
    }
    if (pending === undefined && prompt(step.name) && step.view?.values.get('bargeIn') === true) {
      pending = step
    }
  }
  if (pending !== undefined) {
    const key = pending.view?.keys.get('bargeIn') ?? 'bargeIn'
    at(ctx, pending.index, () =>
      report(
        ctx,
        'barge-in-without-input',
        { prompt: pending?.name ?? 'talk', index: pending?.index ?? 0, at: 'the NCCO ends' },
        { at: [key] }
      )
    )
  }
}

/** Actions after a transfer, or after a prompt that loops forever, never run. */
const unreachableRule = (steps: ReadonlyArray<Step>, ctx: CheckContext): void => {
  let transferred = false
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!
    if (transferred) {
      at(ctx, step.index, () => report(ctx, 'unreachable-after-transfer', {}))
      continue
    }
    if (step.name === 'transfer') transferred = true
    const next = steps[i + 1]
    if (
      next !== undefined &&
      prompt(step.name) &&
      step.view?.values.get('loop') === 0 &&
      step.view.values.get('bargeIn') !== true &&
      // An invalid bargeIn is reported on its own; whether it loops forever is unknown.
      !(step.view.keys.has('bargeIn') && !step.view.values.has('bargeIn'))
    ) {
      at(ctx, next.index, () =>
        report(ctx, 'unreachable-after-infinite-loop', { owner: step.name ?? 'action' })
      )
    }
  }
}

const checkNcco = (u: unknown, ctx: CheckContext): unknown => {
  if (!isArray(u)) {
    report(ctx, 'invalid-type', {
      expected: 'an NCCO (an array of actions)',
      actual: describeType(u)
    })
    return INVALID
  }
  return enter(u, ctx, () => {
    const before = ctx.errors
    if (u.length === 0) report(ctx, 'empty-array', { key: 'ncco', what: 'action' })
    const steps: Step[] = []
    for (let i = 0; i < u.length; i++) {
      ctx.path.push(i)
      const item = readAt(ctx, u, i)
      const r = item === INVALID ? INVALID : Action.check(item, ctx)
      ctx.path.pop()
      const view = isView(r) ? r : undefined
      const name = view?.values.get('action')
      steps.push({ index: i, name: typeof name === 'string' ? name : undefined, view })
    }
    bargeInRule(steps, ctx)
    unreachableRule(steps, ctx)
    return ctx.errors > before ? INVALID : u
  })
}

/**
 * An NCCO: a non-empty array of actions, with the rules across actions.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Ncco = new Node<ReadonlyArray<Action>>(
  'Ncco',
  {
    kind: 'array',
    items: Action,
    minItems: 1,
    distinct: false,
    what: 'action'
  },
  checkNcco
)
export type Ncco = TypeOf<typeof Ncco>
