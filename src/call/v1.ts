/**
 * The Voice API v1 create-call request (`POST /v1/calls`, OpenAPI 1.10).
 *
 * @since 0.1.0
 */
import { boolean, integer, isTrue, narrow, opt, rule, struct } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import { AdvancedMachineDetection, bothMachineDetections } from '../ncco/common.js'
import { PhoneFrom, commonCallFields, instructionRules, withSnakeAlias } from './common.js'
import type { Rule, RuleContext } from '../internal/node.js'
import type { CallEndpoint } from '../ncco/endpoints.js'
import type { Ncco } from '../ncco/ncco.js'

const reportCaller = (r: RuleContext): void => {
  const random = r.get('random_from_number') === true
  if (random && r.has('from')) {
    r.report(
      'from-with-random-from-number',
      { from: 'from', random: 'random_from_number' },
      { at: 'random_from_number' }
    )
  }
  // An invalid random_from_number is reported on its own; do not add a second finding.
  const randomInvalid = r.has('random_from_number') && r.get('random_from_number') === undefined
  if (!r.has('from') && !random && !randomInvalid) r.report('missing-caller', {}, { at: 'from' })
}

/** Exactly one of `from` and `random_from_number: true`. */
const callerRule: Rule = rule(
  reportCaller,
  (u) => (u['from'] !== undefined) !== isTrue(u['random_from_number'])
)

const fields = {
  ...commonCallFields,
  from: opt(PhoneFrom, 'Caller id: one of your numbers (or random_from_number: true).'),
  random_from_number: withSnakeAlias(
    'random_from_number',
    opt(boolean, 'Uses a random number linked to the application as caller id.', { default: false })
  ),
  advanced_machine_detection: withSnakeAlias(
    'advanced_machine_detection',
    opt(AdvancedMachineDetection, 'Advanced machine detection (overrides machine_detection).')
  ),
  length_timer: withSnakeAlias(
    'length_timer',
    opt(integer({ min: 1, max: 86400 }), 'Seconds after answer before the call is ended.', {
      default: 7200
    })
  )
} as const

const base = struct('CreateCallV1Request', fields, {
  owner: 'the v1 create-call request',
  rules: [
    instructionRules,
    callerRule,
    bothMachineDetections('machine_detection', 'advanced_machine_detection')
  ]
})

type Base = TypeOf<typeof base>
type Common = Omit<
  Base,
  'to' | 'ncco' | 'answer_url' | 'answer_method' | 'from' | 'random_from_number'
> &
  CallRecipients

/**
 * The endpoints to call. An `Array` type, so that a built request fits functions that take a
 * mutable array (the official SDK's `createOutboundCall`); built values are frozen at run time.
 *
 * @category model
 * @since 0.2.0
 */
export type CallRecipients = { readonly to: Array<CallEndpoint> }

/**
 * The request with its NCCO inline, or the URL that returns it.
 *
 * @category model
 * @since 0.1.0
 */
export type CallInstructions =
  | { readonly ncco: Ncco; readonly answer_url?: never; readonly answer_method?: never }
  | {
      readonly answer_url: ReadonlyArray<string>
      readonly answer_method?: 'GET' | 'POST'
      readonly ncco?: never
    }

/**
 * @category model
 * @since 0.1.0
 */
export type CallerV1 =
  | { readonly from: PhoneFrom; readonly random_from_number?: false }
  | { readonly random_from_number: true; readonly from?: never }

/**
 * A v1 create-call request. The static type says what the rules enforce: exactly one of
 * `ncco` / `answer_url`, and exactly one of `from` / `random_from_number: true`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const CreateCallV1Request = narrow<Common & CallInstructions & CallerV1>(base)
export type CreateCallV1Request = TypeOf<typeof CreateCallV1Request>

/** The fields of the v1 request, for the docs and schema generators. */
export const createCallV1Struct = base
