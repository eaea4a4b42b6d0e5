/**
 * `wait`: pauses the NCCO.
 *
 * @since 0.1.0
 */
import { literal, number, opt, req, struct } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import type { WaitActionFields } from './field-docs.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const WaitAction = struct(
  'WaitAction',
  {
    action: req(literal('wait'), 'The action name.'),
    // NCCO reference: 0.1 to 7200 seconds; values outside are clamped, not rejected.
    timeout: opt(
      number({ min: 0, soft: { min: 0.1, max: 7200, code: 'wait-timeout-clamped' } }),
      'Seconds to wait, from 0.1 to 7200 (values outside are clamped).',
      { default: 10 }
    )
  },
  { owner: 'the wait action' }
)
export type WaitAction = { [K in keyof WaitActionFields]: TypeOf<typeof WaitAction>[K] }
