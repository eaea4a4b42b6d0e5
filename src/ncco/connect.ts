/**
 * `connect`: connects the call to one endpoint.
 *
 * @since 0.1.0
 */
import {
  array,
  boolean,
  enumOf,
  integer,
  isTrue,
  literal,
  opt,
  req,
  rule,
  string,
  struct
} from '../internal/node.js'
import type { Rule, RuleContext, TypeOf } from '../internal/node.js'
import type { ConnectActionFields } from './field-docs.js'
import { E164, fixPhoneNumber } from '../internal/formats.js'
import { describeValue, isPlainObject } from '../internal/text.js'
import {
  AdvancedMachineDetection,
  MachineDetection,
  bothMachineDetections,
  eventMethodField,
  eventUrlField
} from './common.js'
import { Endpoint } from './endpoints.js'

/** The type of the first endpoint as given, whether or not the endpoint is valid. */
const firstEndpointType = (endpoint: unknown): unknown => {
  if (!Array.isArray(endpoint)) return undefined
  const first: unknown = endpoint[0]
  return isPlainObject(first) ? first['type'] : undefined
}

const reportCaller = (r: RuleContext): void => {
  const from = r.get('from')
  const endpointType = firstEndpointType(r.raw('endpoint'))
  if (typeof from === 'string' && !E164.test(from)) {
    if (endpointType === 'phone') {
      // A phone leg's caller id must be one of your Vonage numbers, in E.164 (NCCO reference).
      const fixed = fixPhoneNumber(from)
      r.report(
        'invalid-phone-number',
        { key: 'from', actual: describeValue(from) },
        { at: 'from', ...(fixed === undefined ? {} : { hint: `use "${fixed}"` }) }
      )
    } else if (endpointType !== 'websocket') {
      // For a websocket any label will do (docs/rules.md §4, connect): no warning there.
      r.report('from-not-e164', { actual: describeValue(from) }, { at: 'from' })
    }
  }
  if (r.get('randomFromNumber') === true && r.has('from')) {
    r.report(
      'from-with-random-from-number',
      { from: 'from', random: 'randomFromNumber' },
      { at: 'randomFromNumber' }
    )
  }
  if (r.has('ringbackTone') && endpointType === 'phone') {
    r.report('ringback-tone-on-phone', {}, { at: 'ringbackTone' })
  }
}

const callerRules: Rule = rule(reportCaller, (u) => {
  const from = u['from']
  const endpointType = firstEndpointType(u['endpoint'])
  if (
    from !== undefined &&
    !(typeof from === 'string' && E164.test(from)) &&
    endpointType !== 'websocket'
  )
    return false
  if (from !== undefined && isTrue(u['randomFromNumber'])) return false
  return u['ringbackTone'] === undefined || endpointType !== 'phone'
})

/**
 * @category codecs
 * @since 0.1.0
 */
export const ConnectAction = struct(
  'ConnectAction',
  {
    action: req(literal('connect'), 'The action name.'),
    endpoint: req(
      array(Endpoint, { minItems: 1, maxItems: 1, what: 'endpoint' }),
      'The endpoint to connect to, as an array of exactly one endpoint.'
    ),
    from: opt(
      string({ nonEmpty: true }),
      'Caller id: one of your Vonage numbers in E.164 (required format for phone endpoints).'
    ),
    randomFromNumber: opt(
      boolean,
      'Uses a random number linked to the application as caller id (not together with from).',
      { default: false }
    ),
    eventType: opt(
      enumOf(['synchronous']),
      'synchronous lets eventUrl answer failure events with an NCCO that replaces this one.'
    ),
    timeout: opt(integer({ min: 1, max: 120 }), 'Seconds to ring before giving up.', {
      default: 60
    }),
    limit: opt(integer({ min: 1, max: 7200 }), 'Maximum length of the call in seconds.', {
      default: 7200
    }),
    machineDetection: opt(MachineDetection, 'What to do when a machine answers.'),
    advancedMachineDetection: opt(
      AdvancedMachineDetection,
      'Advanced machine detection (chargeable; overrides machineDetection).',
      { aliases: ['advanced_machine_detection'] }
    ),
    eventUrl: eventUrlField,
    eventMethod: eventMethodField,
    ringbackTone: opt(
      string({ format: 'http-url' }),
      'Audio looped to the caller until the callee answers.'
    )
  },
  {
    owner: 'the connect action',
    rules: [callerRules, bothMachineDetections('machineDetection', 'advancedMachineDetection')]
  }
)
export type ConnectAction = { [K in keyof ConnectActionFields]: TypeOf<typeof ConnectAction>[K] }
