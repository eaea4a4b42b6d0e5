/**
 * The `transfer` builder: moves the legs of this conversation into another conversation.
 *
 * @since 0.1.0
 */
import { TransferAction } from '../ncco/transfer.js'
import { validatorFor } from '../validate.js'
import { Builder } from './builder.js'
import type { BuildResult } from './builder.js'
import { frozenObject } from './internal.js'
import type { Given, MissingMethods, NoneMissing } from './internal.js'
import type { TransferActionMethods } from './method-docs.js'

const validateTransfer = validatorFor(TransferAction)

/**
 * A `transfer` action under construction. `mute(true)` together with `canSpeak` is reported
 * by `build()` (`mute-with-can-speak`).
 *
 * @category builders
 * @since 0.1.0
 */
export class TransferBuilder extends Builder<TransferAction> implements TransferActionMethods {
  protected override readonly what = 'The transfer action'
  protected override validate(value: TransferAction): BuildResult<TransferAction> {
    return validateTransfer(value)
  }
  canHear(canHear: Given<TransferAction, 'canHear'>): this {
    return this.with({ canHear })
  }
  canSpeak(canSpeak: Given<TransferAction, 'canSpeak'>): this {
    return this.with({ canSpeak })
  }
  mute(mute: Given<TransferAction, 'mute'>): this {
    return this.with({ mute })
  }
}

/**
 * A `transfer` action into the conversation `conversationId`.
 *
 * @example
 * import { transfer } from 'ncco-kit'
 *
 * transfer('CON-f972836a-550f-45fa-956c-12a2ab5b7d22').mute(true)
 *
 * @category constructors
 * @since 0.1.0
 */
export const transfer = (conversationId: string): TransferBuilder =>
  new TransferBuilder(frozenObject<TransferAction>({ action: 'transfer', conversationId }))

type _TransferCovered = NoneMissing<
  MissingMethods<TransferAction, TransferBuilder, 'action' | 'conversationId'>
>
