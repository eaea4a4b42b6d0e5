/**
 * The `wait` builder: pauses the NCCO.
 *
 * @since 0.1.0
 */
import { WaitAction } from '../ncco/wait.js'
import { validatorFor } from '../validate.js'
import { Builder } from './builder.js'
import type { BuildResult } from './builder.js'
import { frozenObject } from './internal.js'
import type { Given, MissingMethods, NoneMissing } from './internal.js'
import type { WaitActionMethods } from './method-docs.js'

const validateWait = validatorFor(WaitAction)

/**
 * A `wait` action under construction.
 *
 * @category builders
 * @since 0.1.0
 */
export class WaitBuilder extends Builder<WaitAction> implements WaitActionMethods {
  protected override readonly what = 'The wait action'
  protected override validate(value: WaitAction): BuildResult<WaitAction> {
    return validateWait(value)
  }
  timeout(timeout: Given<WaitAction, 'timeout'>): this {
    return this.with({ timeout })
  }
}

/**
 * A `wait` action: `timeout` seconds (0.1 to 7200), or Vonage's default of 10 when left out.
 *
 * @example
 * import { wait } from 'ncco-kit'
 *
 * wait(2.5)
 *
 * @category constructors
 * @since 0.1.0
 */
export const wait = (timeout?: Given<WaitAction, 'timeout'>): WaitBuilder =>
  new WaitBuilder(
    frozenObject<WaitAction>(
      timeout === undefined ? { action: 'wait' } : { action: 'wait', timeout }
    )
  )

type _WaitCovered = NoneMissing<MissingMethods<WaitAction, WaitBuilder, 'action'>>
