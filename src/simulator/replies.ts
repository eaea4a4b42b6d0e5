/**
 * The NCCOs a call receives, and what the Voice API does with them (docs/simulate.md, "NCCOs
 * the app returns"): every NCCO is validated with the project's validator (strict profile)
 * before it runs; a valid one replaces the flow; an empty reply to an event continues; a
 * failed request or an invalid NCCO (a reply that is not JSON is one) sends an `error` event
 * and goes to the fallback URL when there is one, whose failure ends the call; without one, a
 * failed answer URL or an invalid NCCO ends the call and a failed event lets it go on.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import type { Ncco } from '../ncco/ncco.js'
import { validateNcco } from '../validate.js'
import type { Validated } from '../validate.js'
import { EndCall, addStep, shown, timestamp } from './call.js'
import type { Call } from './call.js'
import { errorPayload, fallbackPayload, invalidNccoReason } from './payloads.js'
import type { FallbackReason } from './payloads.js'
import { send, sendEvent } from './requests.js'
import type { RequestSpec, Sent } from './requests.js'
import { nccoSourceLabels } from './transcript.js'
import type { NccoSource } from './transcript.js'
import { plural } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What a request that may return an NCCO leads to: a new flow, the same flow, or the end.
 *
 * @category model
 * @since 0.2.0
 */
export type NccoReply =
  | { readonly type: 'ncco'; readonly ncco: Ncco; readonly source: NccoSource }
  | { readonly type: 'continue' }
  | { readonly type: 'end' }

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const errorEvent = (call: Call): Promise<void> =>
  sendEvent(call, 'error', errorPayload(call.party, invalidNccoReason, timestamp(call)))

/** The NCCO in a reply; when it is not JSON or not valid, the findings and the error event. */
const nccoOf = async (
  call: Call,
  sent: Extract<Sent, { readonly ok: true }>,
  spec: RequestSpec,
  source: NccoSource
): Promise<Ncco | undefined> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(sent.text)
  } catch (error) {
    call.findings.push(
      makeIssue('reply-not-json', `/requests/${sent.index}/reply`, {
        method: spec.method,
        url: shown(spec.url),
        reason:
          sent.text.trim() === ''
            ? 'the body is empty'
            : error instanceof Error
              ? error.message
              : String(error)
      })
    )
    await errorEvent(call)
    return undefined
  }
  const valid = validated(call, parsed, source, sent.index)
  if (valid === undefined) await errorEvent(call)
  return valid
}

/** The fallback request; its failure or an invalid reply ends the call. */
const fallback = async (
  call: Call,
  original: RequestSpec,
  type: 'answer' | 'event',
  reason: FallbackReason
): Promise<NccoReply> => {
  const url = call.settings.fallbackUrl
  if (url === undefined) return { type: 'end' }
  const spec: RequestSpec = {
    route: 'fallback',
    kind: 'fallback',
    method: 'POST',
    url,
    payload: fallbackPayload(original.payload, reason, { url: original.url, type }),
    expectsNcco: true
  }
  const sent = await send(call, spec)
  if (!sent.ok) return { type: 'end' }
  const ncco = await nccoOf(call, sent, spec, 'fallback')
  return ncco === undefined ? { type: 'end' } : { type: 'ncco', ncco, source: 'fallback' }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Validates an NCCO and records it as a step; its findings go to the transcript at paths
 * into that step (`/steps/5/ncco/0/text`). `undefined` when it is invalid.
 *
 * @category destructors
 * @since 0.2.0
 */
export const validated = (
  call: Call,
  ncco: unknown,
  source: NccoSource,
  request: number | undefined
): Ncco | undefined => {
  let result: E.Either<ReadonlyNonEmptyArray<Issue>, Validated<Ncco>>
  try {
    result = validateNcco(ncco)
  } catch (error) {
    result = E.left([
      makeIssue('unreadable-value', '', {
        reason: error instanceof Error ? error.message : String(error)
      })
    ])
  }
  const at = call.steps.length
  addStep(call, {
    type: 'ncco',
    source,
    ...(request === undefined ? {} : { request }),
    valid: E.isRight(result),
    ncco
  })
  const prefix = `/steps/${at}/ncco`
  const located = (issues: ReadonlyArray<Issue>): Issue[] =>
    issues.map((i) => ({ ...i, path: `${prefix}${i.path}` }))
  if (E.isRight(result)) {
    call.findings.push(...located(result.right.warnings))
    return result.right.value
  }
  const errors = result.left.filter((i) => i.severity === 'error').length
  const warnings = result.left.length - errors
  const req = request === undefined ? undefined : call.requests[request]
  const label =
    nccoSourceLabels[source] +
    (req === undefined ? '' : ` (${req.method} ${shown(req.url.split('?')[0] ?? '')})`)
  call.findings.push(
    makeIssue('invalid-ncco', prefix, {
      source: label,
      count: plural(errors, 'error') + (warnings === 0 ? '' : ` and ${plural(warnings, 'warning')}`)
    }),
    ...located(result.left)
  )
  return undefined
}

/**
 * An NCCO that came as a value (the call options' inline `ncco`): valid, or the error event
 * and the end.
 *
 * @category destructors
 * @since 0.2.0
 */
export const acceptNcco = async (
  call: Call,
  ncco: unknown,
  source: NccoSource
): Promise<NccoReply> => {
  const valid = validated(call, ncco, source, undefined)
  if (valid !== undefined) return { type: 'ncco', ncco: valid, source }
  await errorEvent(call)
  return { type: 'end' }
}

/**
 * Sends a request that may return an NCCO and applies the Voice API's rules: an NCCO
 * replaces the flow; an empty reply continues (not for the answer URL, which must give one);
 * a failure or an invalid NCCO goes to the fallback URL when there is one; without one, a
 * failed answer or an invalid NCCO ends the call and a failed event lets it go on.
 *
 * @category destructors
 * @since 0.2.0
 */
export const nccoReply = async (
  call: Call,
  spec: RequestSpec,
  type: 'answer' | 'event',
  source: NccoSource
): Promise<NccoReply> => {
  const sent = await send(call, spec)
  const hasFallback = call.settings.fallbackUrl !== undefined
  if (!sent.ok) {
    if (hasFallback) return fallback(call, spec, type, sent.reason)
    return type === 'answer' ? { type: 'end' } : { type: 'continue' }
  }
  if (sent.text.trim() === '' && type === 'event') return { type: 'continue' }
  const ncco = await nccoOf(call, sent, spec, source)
  if (ncco !== undefined) return { type: 'ncco', ncco, source }
  return hasFallback ? fallback(call, spec, type, 'Invalid NCCO.') : { type: 'end' }
}

/**
 * What an NCCO-returning request means for the flow: the NCCO that replaces it, `undefined`
 * to go on, or the end (thrown).
 *
 * @category destructors
 * @since 0.2.0
 */
export const replyToFlow = (reply: NccoReply): Ncco | undefined => {
  if (reply.type === 'end') throw new EndCall('no-ncco', 'platform')
  return reply.type === 'ncco' ? reply.ncco : undefined
}
