/**
 * The `notify` builder: sends a custom payload to a webhook.
 *
 * @since 0.1.0
 */
import { NotifyAction } from '../ncco/notify.js'
import { validatorFor } from '../validate.js'
import { Builder } from './builder.js'
import type { BuildResult } from './builder.js'
import { frozenObject, urlList } from './internal.js'
import type { Given, MissingMethods, NoneMissing, UrlInput } from './internal.js'
import type { NotifyActionMethods } from './method-docs.js'

const validateNotify = validatorFor(NotifyAction)

/**
 * A `notify` action under construction.
 *
 * @category builders
 * @since 0.1.0
 */
export class NotifyBuilder extends Builder<NotifyAction> implements NotifyActionMethods {
  protected override readonly what = 'The notify action'
  protected override validate(value: NotifyAction): BuildResult<NotifyAction> {
    return validateNotify(value)
  }
  eventMethod(eventMethod: Given<NotifyAction, 'eventMethod'>): this {
    return this.with({ eventMethod })
  }
}

/**
 * A `notify` action that sends `payload` (a JSON object, copied) to `eventUrl`.
 *
 * @example
 * import { notify } from 'ncco-kit'
 *
 * notify({ step: 'queued' }, 'https://example.com/webhooks/notify')
 *
 * @category constructors
 * @since 0.1.0
 */
export const notify = (payload: NotifyAction['payload'], eventUrl: UrlInput): NotifyBuilder =>
  new NotifyBuilder(
    frozenObject<NotifyAction>({ action: 'notify', payload, eventUrl: urlList(eventUrl) })
  )

type _NotifyCovered = NoneMissing<
  MissingMethods<NotifyAction, NotifyBuilder, 'action' | 'payload' | 'eventUrl'>
>
