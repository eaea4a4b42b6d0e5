/**
 * `notify`: sends a custom payload to a webhook; its answer may replace the NCCO.
 *
 * @since 0.1.0
 */
import { jsonObject, literal, opt, req, struct, urls } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import type { NotifyActionFields } from './field-docs.js'
import { eventMethodField } from './common.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const NotifyAction = struct(
  'NotifyAction',
  {
    action: req(literal('notify'), 'The action name.'),
    payload: req(jsonObject(), 'The JSON object sent to eventUrl.'),
    eventUrl: req(urls, 'Webhook that receives the payload, as an array of one URL.'),
    eventMethod: opt(eventMethodField.node, eventMethodField.doc, { default: 'POST' })
  },
  { owner: 'the notify action' }
)
export type NotifyAction = { [K in keyof NotifyActionFields]: TypeOf<typeof NotifyAction>[K] }
