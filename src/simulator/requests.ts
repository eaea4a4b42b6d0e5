/**
 * The requests a simulated call sends, as the Voice API sends them: the payload in a GET
 * query or a JSON POST body, signed when a secret is given, within the Voice API's time
 * limits (5 s for the answer URL and requests that may return an NCCO, 10 s for other events),
 * and attempted once more on a connection failure, a timeout, 429, 503 or 504, never on
 * another status. Every attempt is a transcript request; a final failure is a finding.
 *
 * @since 0.2.0
 */
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import { signWebhook } from '../webhooks/signature.js'
import { addStep, seconds, setStatus, shown, timestamp } from './call.js'
import type { Call } from './call.js'
import { attempt } from './http.js'
import type { AttemptOutcome } from './http.js'
import { queryOf, statusPayload } from './payloads.js'
import type { FallbackReason, Payload } from './payloads.js'
import type { RequestKind, RequestRoute } from './transcript.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A request to send: where, how, what, and whether its reply may be an NCCO (which gives it
 * the shorter time limit).
 *
 * @category model
 * @since 0.2.0
 */
export interface RequestSpec {
  readonly route: RequestRoute
  readonly kind: RequestKind
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly payload: Payload
  readonly expectsNcco: boolean
}

/**
 * How a request ended, after the retry: its reply text, or the `reason` a fallback request
 * would give. `index` is its last attempt in the transcript's requests.
 *
 * @category model
 * @since 0.2.0
 */
export type Sent =
  | { readonly ok: true; readonly text: string; readonly index: number }
  | { readonly ok: false; readonly reason: FallbackReason; readonly index: number }

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const failureSentence = (
  call: Call,
  outcome: AttemptOutcome,
  timeoutMs: number
): string | undefined => {
  switch (outcome.result) {
    case 'ok':
      return undefined
    case 'status':
      return `answered ${outcome.status ?? 0}`
    case 'timeout':
      return `no complete reply within ${timeoutMs} ms`
    case 'too-large':
      return `the reply is larger than ${call.settings.maxReplyBytes} bytes`
    case 'unreachable':
      return outcome.error ?? 'no answer'
  }
}

const failureFinding = (
  call: Call,
  spec: RequestSpec,
  outcome: AttemptOutcome,
  index: number,
  timeoutMs: number
): Issue => {
  const path = `/requests/${index}`
  const common = { method: spec.method, url: shown(spec.url) }
  switch (outcome.result) {
    case 'timeout':
      return makeIssue('webhook-timeout', path, {
        ...common,
        limitMs: timeoutMs,
        what:
          spec.route === 'answer'
            ? 'the answer URL'
            : spec.expectsNcco
              ? 'a request that may return an NCCO'
              : 'an event'
      })
    case 'too-large':
      return makeIssue('reply-too-large', path, { ...common, limit: call.settings.maxReplyBytes })
    case 'status':
      return makeIssue('webhook-status', path, { ...common, status: outcome.status ?? 0 })
    default:
      return makeIssue('webhook-unreachable', path, {
        ...common,
        reason: outcome.error ?? 'no answer'
      })
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Sends a request, once more when the Voice API would; records every attempt. A retry that
 * succeeds is a warning; a last attempt that fails, an error.
 *
 * @category destructors
 * @since 0.2.0
 */
export const send = async (call: Call, spec: RequestSpec): Promise<Sent> => {
  const s = call.settings
  const timeoutMs = spec.expectsNcco ? s.answerMs : s.eventMs
  let url = spec.url
  let body: string | undefined
  let payload: Readonly<Record<string, unknown>> = spec.payload
  if (spec.method === 'GET') {
    const target = new URL(spec.url)
    const query = queryOf(spec.payload)
    for (const [key, value] of query) target.searchParams.append(key, value)
    url = target.href
    payload = Object.fromEntries(query)
  } else body = JSON.stringify(spec.payload)
  let firstFailure: string | undefined
  for (let attemptNo = 1; ; attemptNo++) {
    const headers: Record<string, string> = { 'user-agent': 'ncco-kit-simulator' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (s.signing !== undefined) {
      headers['authorization'] = await signWebhook(
        body !== undefined
          ? { method: 'POST', body }
          : { method: 'GET', query: new URL(url).searchParams },
        {
          secret: s.signing.secret,
          apiKey: s.signing.apiKey,
          applicationId: s.signing.applicationId,
          now: s.signing.now
        }
      )
    }
    const outcome = await attempt(s.fetch, {
      method: spec.method,
      url,
      headers,
      ...(body === undefined ? {} : { body }),
      timeoutMs,
      maxReplyBytes: s.maxReplyBytes
    })
    const index = call.requests.length
    const error = failureSentence(call, outcome, timeoutMs)
    call.requests.push({
      index,
      time: seconds(call.now),
      route: spec.route,
      kind: spec.kind,
      method: spec.method,
      url,
      payload,
      signed: s.signing !== undefined,
      attempt: attemptNo,
      result: outcome.result,
      ...(outcome.status === undefined ? {} : { status: outcome.status }),
      latencyMs: outcome.latencyMs,
      ...(outcome.reply === undefined ? {} : { reply: outcome.reply }),
      ...(error === undefined ? {} : { error })
    })
    addStep(call, { type: 'request', request: index })
    if (outcome.result === 'ok') {
      if (firstFailure !== undefined) {
        call.findings.push(
          makeIssue('webhook-retried', `/requests/${index - 1}`, {
            method: spec.method,
            url: shown(spec.url),
            first: firstFailure
          })
        )
      }
      return { ok: true, text: outcome.reply ?? '', index }
    }
    if (outcome.retryable && attemptNo === 1) {
      firstFailure = error
      continue
    }
    call.findings.push(failureFinding(call, spec, outcome, index, timeoutMs))
    return { ok: false, reason: outcome.fallbackReason ?? 'Connection closed.', index }
  }
}

/**
 * Sends a request whose reply does not matter, when there is somewhere to send it.
 *
 * @category destructors
 * @since 0.2.0
 */
export const sendOptional = async (
  call: Call,
  spec: Omit<RequestSpec, 'url'> & { readonly url: string | undefined }
): Promise<void> => {
  if (spec.url === undefined) return
  await send(call, { ...spec, url: spec.url })
}

/**
 * An event to the call's event URL, when there is one.
 *
 * @category destructors
 * @since 0.2.0
 */
export const sendEvent = async (call: Call, kind: RequestKind, payload: Payload): Promise<void> =>
  sendOptional(call, {
    route: 'event',
    kind,
    method: call.settings.eventMethod,
    url: call.settings.eventUrl,
    payload,
    expectsNcco: false
  })

/**
 * The call's new status, `started` or `ringing`, and its event.
 *
 * @category destructors
 * @since 0.2.0
 */
export const statusEvent = async (call: Call, status: 'started' | 'ringing'): Promise<void> => {
  setStatus(call, status)
  await sendEvent(call, status, statusPayload(call.party, status, timestamp(call)))
}
