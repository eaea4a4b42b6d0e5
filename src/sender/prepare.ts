/**
 * A create-call request as it will be sent: the per-call options merged in, the result
 * validated, the URL, headers and body built. Nothing here sends; `prepareCall` is also what
 * `ncco call create --dry-run` prints.
 *
 * @since 0.2.0
 */
import { Builder } from '../builders/builder.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { isPlainObject } from '../internal/text.js'
import type { Issue, Profile } from '../issue.js'
import type { AdvancedMachineDetection, MachineDetection } from '../ncco/common.js'
import { validateCallV1, validateCallV2 } from '../validate.js'
import { regions } from './config.js'
import type { InvalidRequest } from './failure-kinds.js'
import { redactedText } from './redact.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The Voice API version: `v1` (`POST /v1/calls`, 201) or `v2` (`POST /v2/calls`, 202).
 *
 * @category model
 * @since 0.1.0
 */
export type ApiVersion = 'v1' | 'v2'

/**
 * Per-call settings. The request fields are merged into the request before it is validated;
 * a value given here replaces the request's own. `signal` is not sent: it withdraws the call.
 *
 * @category model
 * @since 0.1.0
 */
export interface CallOptionsV1 {
  /**
   * Withdraws the call when it aborts: a call still waiting (in the limiter's queue, or
   * before a retry) is never sent and fails with `not-sent` (`aborted`); a request already
   * out is abandoned and fails with `outcome-unknown` (`aborted`), since it may have created
   * the call. `AbortSignal.timeout(ms)` is a deadline that counts the time in the queue.
   *
   * @since 0.2.0
   */
  readonly signal?: AbortSignal
  /** `length_timer`: seconds after answer before the call is ended (1–86,400). */
  readonly lengthTimer?: number
  /** `ringing_timer`: seconds of ringing before the call is given up (1–120). */
  readonly ringingTimer?: number
  /** `machine_detection`: what to do when a machine answers. */
  readonly machineDetection?: MachineDetection
  /** `advanced_machine_detection` (v1 only). */
  readonly advancedMachineDetection?: AdvancedMachineDetection
}

/**
 * @category model
 * @since 0.1.0
 */
export type CallOptionsV2 = Omit<CallOptionsV1, 'advancedMachineDetection'>

/**
 * The request exactly as it would be sent, the token left out.
 *
 * @category model
 * @since 0.1.0
 */
export interface PreparedCall {
  readonly api: ApiVersion
  readonly method: 'POST'
  readonly url: string
  /** Headers as sent; `authorization` reads `Bearer [redacted]`. */
  readonly headers: Readonly<Record<string, string>>
  /** The merged request, validated. */
  readonly request: unknown
  /** `request` as JSON, the bytes that are sent. */
  readonly body: string
  readonly warnings: ReadonlyArray<Issue>
}

// -------------------------------------------------------------------------------------
// preparing
// -------------------------------------------------------------------------------------

/** Where each per-call option goes in the request. */
const optionKeys = {
  lengthTimer: 'length_timer',
  ringingTimer: 'ringing_timer',
  machineDetection: 'machine_detection',
  advancedMachineDetection: 'advanced_machine_detection'
} as const satisfies Record<Exclude<keyof CallOptionsV1, 'signal'>, string>

/**
 * The request with the per-call options written over it (a new object; the request is not
 * changed). A request that is not an object is returned as is, for the validator to report.
 *
 * @category preparing
 * @since 0.1.0
 */
export const mergeCallOptions = (request: unknown, options: CallOptionsV1 = {}): unknown => {
  // A builder from `callV1()` / `callV2()` stands for its wire value.
  if (request instanceof Builder) return mergeCallOptions(request.value, options)
  const entries = Object.entries(optionKeys).flatMap(([option, key]) => {
    const value = options[option as keyof typeof optionKeys]
    return value === undefined ? [] : [[key, value] as const]
  })
  if (entries.length === 0 || !isPlainObject(request)) return request
  return { ...request, ...Object.fromEntries(entries) }
}

const redactedAuthorization = `Bearer ${redactedText}`

/**
 * A request file may name its JSON Schema with a top-level `"$schema"` key, for editors; the
 * Voice API does not know it, so it is left out of what is sent.
 */
const withoutSchemaKey = (value: unknown): unknown => {
  if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, '$schema')) {
    return value
  }
  const { $schema: _schema, ...rest } = value
  return rest
}

const validators = { v1: validateCallV1, v2: validateCallV2 } as const

/**
 * Merges the per-call options, validates the result with the given profile (default
 * `strict`) and builds the request that would be sent to `baseUrl` (default
 * `https://api.nexmo.com`, taken as given). `Left` when the merged request has errors:
 * nothing may be sent.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { prepareCall } from 'ncco-kit'
 *
 * const prepared = prepareCall(
 *   'v1',
 *   { to: [{ type: 'phone', number: '447700900000' }], random_from_number: true, ncco: [{ action: 'talk', text: 'Hi' }] },
 *   { ringingTimer: 30 }
 * )
 * assert.ok(E.isRight(prepared) && prepared.right.body.endsWith('"ringing_timer":30}'))
 *
 * @category preparing
 * @since 0.1.0
 */
export const prepareCall = (
  api: ApiVersion,
  request: unknown,
  options: CallOptionsV1 = {},
  settings: { readonly baseUrl?: string; readonly profile?: Profile } = {}
): E.Either<InvalidRequest, PreparedCall> => {
  const merged = mergeCallOptions(request, options)
  const baseUrl = (settings.baseUrl ?? regions.global).replace(/\/+$/, '')
  return pipe(
    validators[api](merged, { profile: settings.profile ?? 'strict' }),
    E.bimap(
      (issues): InvalidRequest => ({ kind: 'invalid-request', issues }),
      ({ value, warnings }): PreparedCall => ({
        api,
        method: 'POST',
        url: `${baseUrl}/${api}/calls`,
        headers: {
          authorization: redactedAuthorization,
          'content-type': 'application/json',
          accept: 'application/json'
        },
        request: value,
        body: JSON.stringify(withoutSchemaKey(value)),
        warnings
      })
    )
  )
}
