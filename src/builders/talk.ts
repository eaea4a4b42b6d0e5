/**
 * The `talk` builder: text-to-speech into the call.
 *
 * @since 0.1.0
 */
import { TalkAction } from '../ncco/talk.js'
import { validatorFor } from '../validate.js'
import { Builder } from './builder.js'
import type { BuildResult } from './builder.js'
import { frozenObject } from './internal.js'
import type { Given, MissingMethods, NoneMissing } from './internal.js'
import type { TalkActionMethods } from './method-docs.js'

const validateTalk = validatorFor(TalkAction)

/**
 * A `talk` action under construction. Each method sets the NCCO field of the same name (see
 * `TalkAction` for what each means) and returns a new builder; `voiceName` is left out on
 * purpose, since it is deprecated in favour of `language` and `style`.
 *
 * @category builders
 * @since 0.1.0
 */
export class TalkBuilder extends Builder<TalkAction> implements TalkActionMethods {
  protected override readonly what = 'The talk action'
  protected override validate(value: TalkAction): BuildResult<TalkAction> {
    return validateTalk(value)
  }
  bargeIn(bargeIn: Given<TalkAction, 'bargeIn'>): this {
    return this.with({ bargeIn })
  }
  loop(loop: Given<TalkAction, 'loop'>): this {
    return this.with({ loop })
  }
  level(level: Given<TalkAction, 'level'>): this {
    return this.with({ level })
  }
  language(language: Given<TalkAction, 'language'>): this {
    return this.with({ language })
  }
  style(style: Given<TalkAction, 'style'>): this {
    return this.with({ style })
  }
  premium(premium: Given<TalkAction, 'premium'>): this {
    return this.with({ premium })
  }
  provider(provider: Given<TalkAction, 'provider'>): this {
    return this.with({ provider })
  }
  providerOptions(providerOptions: Given<TalkAction, 'providerOptions'>): this {
    return this.with({ providerOptions })
  }
}

/**
 * A `talk` action that speaks `text` (plain text, or SSML wrapped in `<speak>`).
 *
 * @example
 * import { talk } from 'ncco-kit'
 *
 * talk('Welcome to Acme').language('en-GB').style(2).bargeIn(true)
 *
 * @category constructors
 * @since 0.1.0
 */
export const talk = (text: string): TalkBuilder =>
  new TalkBuilder(frozenObject<TalkAction>({ action: 'talk', text }))

type _TalkCovered = NoneMissing<
  MissingMethods<TalkAction, TalkBuilder, 'action' | 'text' | 'voiceName'>
>
