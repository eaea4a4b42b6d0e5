/**
 * The `record` builder: records the call or conversation.
 *
 * @since 0.1.0
 */
import { RecordAction } from '../ncco/record.js'
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
import type { RecordActionMethods } from './method-docs.js'

const validateRecord = validatorFor(RecordAction)

/**
 * A `record` action under construction. Each method sets the NCCO field of the same name (see
 * `RecordAction`). `channels` needs `split('conversation')`; `build()` reports it when missing
 * (`channels-without-split`), since a method never sets a field other than its own.
 *
 * @category builders
 * @since 0.1.0
 */
export class RecordBuilder extends Builder<RecordAction> implements RecordActionMethods {
  protected override readonly what = 'The record action'
  protected override validate(value: RecordAction): BuildResult<RecordAction> {
    return validateRecord(value)
  }
  format(format: Given<RecordAction, 'format'>): this {
    return this.with({ format })
  }
  split(split: Given<RecordAction, 'split'>): this {
    return this.with({ split })
  }
  channels(channels: Given<RecordAction, 'channels'>): this {
    return this.with({ channels })
  }
  endOnSilence(endOnSilence: Given<RecordAction, 'endOnSilence'>): this {
    return this.with({ endOnSilence })
  }
  endOnKey(endOnKey: Given<RecordAction, 'endOnKey'>): this {
    return this.with({ endOnKey })
  }
  timeOut(timeOut: Given<RecordAction, 'timeOut'>): this {
    return this.with({ timeOut })
  }
  beepStart(beepStart: Given<RecordAction, 'beepStart'>): this {
    return this.with({ beepStart })
  }
  eventUrl(eventUrl: UrlInput): this {
    return this.with({ eventUrl: urlList(eventUrl) })
  }
  eventMethod(eventMethod: Given<RecordAction, 'eventMethod'>): this {
    return this.with({ eventMethod })
  }
  /** Transcribes the recording; `{}` uses Vonage's defaults. */
  transcription(transcription: TranscriptionInput): this {
    return this.with({ transcription: transcriptionSettings(transcription) })
  }
}

/**
 * A `record` action with Vonage's defaults (mp3, until the call ends).
 *
 * @example
 * import { record } from 'ncco-kit'
 *
 * record().beepStart(true).endOnKey('#').eventUrl('https://example.com/webhooks/recording')
 *
 * @category constructors
 * @since 0.1.0
 */
export const record = (): RecordBuilder =>
  new RecordBuilder(frozenObject<RecordAction>({ action: 'record' }))

type _RecordCovered = NoneMissing<MissingMethods<RecordAction, RecordBuilder, 'action'>>
