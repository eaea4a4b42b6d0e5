/**
 * Fields and rules that the v1 and v2 create-call requests share. Create-call uses snake_case
 * keys; the camelCase spelling of each stands in for it with a non-canonical-key finding
 * (docs/rules.md §1).
 *
 * @since 0.1.0
 */
import {
  array,
  enumOf,
  integer,
  literal,
  opt,
  req,
  rule,
  string,
  struct,
  urls
} from '../internal/node.js'
import type { Field, Rule, TypeOf } from '../internal/node.js'
import type { PhoneFromFields } from '../ncco/field-docs.js'
import { MachineDetection } from '../ncco/common.js'
import { CallEndpoint } from '../ncco/endpoints.js'
import { Ncco } from '../ncco/ncco.js'

const camel = (snake: string): string =>
  snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** A create-call field, with its camelCase spelling as a stand-in. */
const snake = <F extends Field>(name: string, field: F): F =>
  name.includes('_') ? { ...field, aliases: [...(field.aliases ?? []), camel(name)] } : field

/**
 * `from` of a create-call request: a phone number.
 *
 * @category codecs
 * @since 0.1.0
 */
export const PhoneFrom = struct(
  'PhoneFrom',
  {
    type: req(literal('phone'), 'The endpoint type.'),
    number: req(string({ format: 'e164' }), 'One of your Vonage numbers, E.164 without "+".')
  },
  { owner: 'the from endpoint' }
)
export type PhoneFrom = { [K in keyof PhoneFromFields]: TypeOf<typeof PhoneFrom>[K] }

export const commonCallFields = {
  $schema: opt(
    string(),
    'The JSON Schema an editor checks this file against; allowed in request files, never sent.'
  ),
  to: req(
    array(CallEndpoint, { minItems: 1, what: 'endpoint' }),
    'The endpoints to call (phone, sip, websocket, vbc, app).'
  ),
  ncco: opt(Ncco, 'The NCCO to run when the call is answered (or give answer_url).'),
  answer_url: snake(
    'answer_url',
    opt(urls, 'Webhook that returns the NCCO, as an array of one URL (or give ncco).')
  ),
  answer_method: snake(
    'answer_method',
    opt(enumOf(['GET', 'POST']), 'HTTP method used for answer_url.', { default: 'GET' })
  ),
  event_url: snake(
    'event_url',
    opt(urls, "Webhook for call events, as an array of one URL (default: the application's).")
  ),
  event_method: snake(
    'event_method',
    opt(enumOf(['GET', 'POST']), 'HTTP method used for event_url.', { default: 'POST' })
  ),
  machine_detection: snake(
    'machine_detection',
    opt(MachineDetection, 'What to do when a machine answers.')
  ),
  ringing_timer: snake(
    'ringing_timer',
    opt(integer({ min: 1, max: 120 }), 'Seconds of ringing before the call is given up.', {
      default: 60
    })
  )
} as const

export const withSnakeAlias = snake

/** Exactly one of ncco and answer_url; answer_method only with answer_url. */
export const instructionRules: Rule = rule(
  (r) => {
    const ncco = r.has('ncco')
    const answerUrl = r.has('answer_url')
    if (ncco && answerUrl) r.report('ncco-and-answer-url', {}, { at: 'answer_url' })
    if (!ncco && !answerUrl) r.report('missing-call-instructions', {}, { at: 'ncco' })
    if (r.has('answer_method') && !answerUrl) {
      r.report('answer-method-without-answer-url', {}, { at: 'answer_method' })
    }
  },
  (u) => {
    const answerUrl = u['answer_url'] !== undefined
    return (
      (u['ncco'] !== undefined) !== answerUrl && (answerUrl || u['answer_method'] === undefined)
    )
  }
)
