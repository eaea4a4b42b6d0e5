/**
 * The NCCO builder: a list of actions, each given as a builder or as a plain action.
 * `build()` runs the whole validator, so the rules across actions (barge-in, actions after a
 * transfer) are reported too, at paths into the NCCO.
 *
 * @since 0.1.0
 */
import type { Action, ActionName, Ncco } from '../ncco/ncco.js'
import { validateNcco } from '../validate.js'
import { Builder, plainOf } from './builder.js'
import type { Buildable, BuildResult } from './builder.js'
import { connect } from './connect.js'
import { conversation } from './conversation.js'
import { input } from './input.js'
import { notify } from './notify.js'
import { record } from './record.js'
import { stream } from './stream.js'
import { talk } from './talk.js'
import { transfer } from './transfer.js'
import { wait } from './wait.js'

/**
 * An action as the NCCO builder takes it: a builder (`talk('Hi')`) or a plain action.
 *
 * @category model
 * @since 0.1.0
 */
export type ActionInput = Buildable<Action> | Action

/**
 * The array, frozen, typed as an `Ncco`: the type is an `Array` so that a built NCCO fits the
 * official SDK, and the value cannot be changed all the same.
 */
const frozenNcco = (actions: Array<Action>): Ncco => Object.freeze(actions) as Ncco

/**
 * An NCCO under construction: an immutable list of actions.
 *
 * @category builders
 * @since 0.1.0
 */
export class NccoBuilder extends Builder<Ncco> {
  protected override readonly what = 'The NCCO'
  protected override validate(value: Ncco): BuildResult<Ncco> {
    return validateNcco(value)
  }
  /** A new NCCO with `actions` after the ones it has. */
  add(...actions: ReadonlyArray<ActionInput>): NccoBuilder {
    return this.over(frozenNcco([...this.value, ...actions.map(plainOf)]))
  }
}

/**
 * An NCCO of the given actions, in order. `build()` reports an empty NCCO.
 *
 * @example
 * import { input, ncco, talk } from 'ncco-kit'
 *
 * ncco(talk('For sales press 1').bargeIn(true), input.dtmf({ maxDigits: 1 })).buildOrThrow()
 *
 * @category constructors
 * @since 0.1.0
 */
export const ncco = (...actions: ReadonlyArray<ActionInput>): NccoBuilder =>
  new NccoBuilder(frozenNcco(actions.map(plainOf)))

/**
 * The builder of each action. Adding an action to the codecs without a builder here fails to
 * compile.
 */
export const actionBuilders = {
  record,
  conversation,
  connect,
  talk,
  stream,
  input: input.dtmf,
  notify,
  wait,
  transfer
} as const satisfies {
  readonly [K in ActionName]: (...args: never) => Buildable<Extract<Action, { action: K }>>
}
