/**
 * The `conversation` builder: creates or joins a named conference.
 *
 * @since 0.1.0
 */
import { ConversationAction } from '../ncco/conversation.js'
import { validatorFor } from '../validate.js'
import { Builder } from './builder.js'
import type { BuildResult } from './builder.js'
import { frozenObject, transcriptionSettings, urlList } from './internal.js'
import type {
  Given,
  MissingMethods,
  NoneMissing,
  TranscriptionInput,
  UrlInput
} from './internal.js'
import type { ConversationActionMethods } from './method-docs.js'

const validateConversation = validatorFor(ConversationAction)

/**
 * A `conversation` action under construction. Each method sets the NCCO field of the same
 * name (see `ConversationAction`). Rules between fields are reported by `build()`:
 * `transcription` needs `record(true)` (`transcription-without-record`), and `mute(true)`
 * cannot go with `canSpeak` (`mute-with-can-speak`).
 *
 * @category builders
 * @since 0.1.0
 */
export class ConversationBuilder
  extends Builder<ConversationAction>
  implements ConversationActionMethods
{
  protected override readonly what = 'The conversation action'
  protected override validate(value: ConversationAction): BuildResult<ConversationAction> {
    return validateConversation(value)
  }
  musicOnHoldUrl(musicOnHoldUrl: UrlInput): this {
    return this.with({ musicOnHoldUrl: urlList(musicOnHoldUrl) })
  }
  startOnEnter(startOnEnter: Given<ConversationAction, 'startOnEnter'>): this {
    return this.with({ startOnEnter })
  }
  endOnExit(endOnExit: Given<ConversationAction, 'endOnExit'>): this {
    return this.with({ endOnExit })
  }
  record(record: Given<ConversationAction, 'record'>): this {
    return this.with({ record })
  }
  canSpeak(canSpeak: Given<ConversationAction, 'canSpeak'>): this {
    return this.with({ canSpeak })
  }
  canHear(canHear: Given<ConversationAction, 'canHear'>): this {
    return this.with({ canHear })
  }
  mute(mute: Given<ConversationAction, 'mute'>): this {
    return this.with({ mute })
  }
  eventUrl(eventUrl: UrlInput): this {
    return this.with({ eventUrl: urlList(eventUrl) })
  }
  eventMethod(eventMethod: Given<ConversationAction, 'eventMethod'>): this {
    return this.with({ eventMethod })
  }
  /** Transcribes the recording (with `record(true)`); `{}` uses Vonage's defaults. */
  transcription(transcription: TranscriptionInput): this {
    return this.with({ transcription: transcriptionSettings(transcription) })
  }
}

/**
 * A `conversation` action that creates or joins the conversation called `name`.
 *
 * @example
 * import { conversation } from 'ncco-kit'
 *
 * conversation('weekly-standup').startOnEnter(false).musicOnHoldUrl('https://example.com/hold.mp3')
 *
 * @category constructors
 * @since 0.1.0
 */
export const conversation = (name: string): ConversationBuilder =>
  new ConversationBuilder(frozenObject<ConversationAction>({ action: 'conversation', name }))

type _ConversationCovered = NoneMissing<
  MissingMethods<ConversationAction, ConversationBuilder, 'action' | 'name'>
>
