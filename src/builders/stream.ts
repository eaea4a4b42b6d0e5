/**
 * The `stream` builder: plays an audio file into the call.
 *
 * @since 0.1.0
 */
import { StreamAction } from '../ncco/stream.js'
import { validatorFor } from '../validate.js'
import { Builder } from './builder.js'
import type { BuildResult } from './builder.js'
import { frozenObject, urlList } from './internal.js'
import type { Given, MissingMethods, NoneMissing, UrlInput } from './internal.js'
import type { StreamActionMethods } from './method-docs.js'

const validateStream = validatorFor(StreamAction)

/**
 * A `stream` action under construction. Each method sets the NCCO field of the same name (see
 * `StreamAction`) and returns a new builder.
 *
 * @category builders
 * @since 0.1.0
 */
export class StreamBuilder extends Builder<StreamAction> implements StreamActionMethods {
  protected override readonly what = 'The stream action'
  protected override validate(value: StreamAction): BuildResult<StreamAction> {
    return validateStream(value)
  }
  level(level: Given<StreamAction, 'level'>): this {
    return this.with({ level })
  }
  bargeIn(bargeIn: Given<StreamAction, 'bargeIn'>): this {
    return this.with({ bargeIn })
  }
  loop(loop: Given<StreamAction, 'loop'>): this {
    return this.with({ loop })
  }
}

/**
 * A `stream` action that plays the audio file at `streamUrl` (one URL; it is sent as the
 * array of one URL that the API wants).
 *
 * @example
 * import { stream } from 'ncco-kit'
 *
 * stream('https://example.com/hold.mp3').loop(0)
 *
 * @category constructors
 * @since 0.1.0
 */
export const stream = (streamUrl: UrlInput): StreamBuilder =>
  new StreamBuilder(frozenObject<StreamAction>({ action: 'stream', streamUrl: urlList(streamUrl) }))

type _StreamCovered = NoneMissing<
  MissingMethods<StreamAction, StreamBuilder, 'action' | 'streamUrl'>
>
