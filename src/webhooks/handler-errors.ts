/**
 * What the webhook handler tells `onError` about a request it refused or that failed, as
 * plain data tagged by `kind`, and `describeWebhookHandlerError`, which renders one for a log.
 * No report holds a secret or a token. See docs/webhooks.md, "onError".
 *
 * @since 0.2.0
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { formatIssues } from '../issue.js'
import type { Issue } from '../issue.js'
import type { Webhook, WebhookRoute } from './decode.js'
import type { WebhookSignatureFailure } from './signature.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What every error report says about the request and the answer given.
 *
 * @category model
 * @since 0.2.0
 */
export interface WebhookErrorContext {
  readonly route: WebhookRoute
  readonly method: 'GET' | 'POST'
  /** The URL's path (the query is left out). */
  readonly path: string
  /** The status the handler answered with. */
  readonly status: number
}

/**
 * The signature check failed (missing, malformed, wrong secret, stale, payload mismatch).
 * Answered 401; no function ran.
 *
 * @category model
 * @since 0.2.0
 */
export interface BadSignatureError extends WebhookErrorContext {
  readonly kind: 'bad-signature'
  readonly failure: WebhookSignatureFailure
}

/**
 * The body is not JSON (a `parse-error` finding) or the payload does not decode for its
 * route (the decoder's findings). Answered 400 with the findings; no function ran.
 *
 * @category model
 * @since 0.2.0
 */
export interface BadPayloadError extends WebhookErrorContext {
  readonly kind: 'bad-payload'
  readonly issues: ReadonlyNonEmptyArray<Issue>
}

/**
 * What every failure of an application's function carries.
 *
 * @category model
 * @since 0.2.0
 */
export interface FunctionFailureContext extends WebhookErrorContext {
  /** The decoded webhook the function was given. */
  readonly webhook: Webhook
  /** Whether `fallbackNcco` was answered (status 200) instead of 500. */
  readonly usedFallbackNcco: boolean
}

/**
 * The function returned an NCCO that fails validation (strict profile). It was not sent.
 *
 * @category model
 * @since 0.2.0
 */
export interface InvalidNccoError extends FunctionFailureContext {
  readonly kind: 'invalid-ncco'
  /** Every finding, errors and warnings, with JSON Pointers into the returned NCCO. */
  readonly issues: ReadonlyNonEmptyArray<Issue>
}

/**
 * The function threw or its promise rejected (or reading the NCCO it returned threw).
 *
 * @category model
 * @since 0.2.0
 */
export interface HandlerThrewError extends FunctionFailureContext {
  readonly kind: 'handler-threw'
  readonly error: unknown
}

/**
 * An answer or fallback function returned nothing: the Voice API needs an NCCO there.
 *
 * @category model
 * @since 0.2.0
 */
export interface MissingNccoError extends FunctionFailureContext {
  readonly kind: 'missing-ncco'
}

/**
 * The body is larger than `maxBodyBytes`. Answered 413; the rest was not read.
 *
 * @category model
 * @since 0.2.0
 */
export interface BodyTooLargeError extends WebhookErrorContext {
  readonly kind: 'body-too-large'
  readonly limit: number
}

/**
 * ncco-kit itself failed while handling the request: a bug, please report it. Answered 500.
 *
 * @category model
 * @since 0.2.0
 */
export interface HandlerInternalError {
  readonly kind: 'internal'
  readonly path: string
  readonly status: 500
  readonly error: unknown
}

/**
 * Everything `onError` is told about, tagged by `kind`. None of it holds a secret or a token.
 *
 * @category model
 * @since 0.2.0
 */
export type WebhookHandlerError =
  | BadSignatureError
  | BadPayloadError
  | InvalidNccoError
  | HandlerThrewError
  | MissingNccoError
  | BodyTooLargeError
  | HandlerInternalError

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/** A thrown value in at most 200 characters; one whose reading throws is not shown. */
const errorText = (error: unknown): string => {
  let text: string
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  } catch {
    return 'a value that cannot be shown'
  }
  return text.length > 200 ? text.slice(0, 197) + '...' : text
}

/**
 * One readable report of a handler error, for a log. It holds no secret or token (the
 * signature failure's message never does); a thrown error is shown by its name and message,
 * cut to 200 characters. Never throws.
 *
 * @example
 * import { describeWebhookHandlerError } from 'ncco-kit'
 *
 * assert.strictEqual(
 *   describeWebhookHandlerError({
 *     kind: 'body-too-large', route: 'event', method: 'POST', path: '/event', status: 413, limit: 1024
 *   }),
 *   'POST /event (event): the body is larger than 1024 bytes; answered 413.'
 * )
 *
 * @category destructors
 * @since 0.2.0
 */
export const describeWebhookHandlerError = (error: WebhookHandlerError): string => {
  if (error.kind === 'internal') {
    return `${error.path}: ncco-kit failed (${errorText(error.error)}); answered 500. This is a bug in ncco-kit, please report it.`
  }
  const where = `${error.method} ${error.path} (${error.route})`
  const answered = `answered ${error.status}`
  const instead = (e: FunctionFailureContext): string =>
    e.usedFallbackNcco ? 'answered the fallback NCCO' : 'answered 500'
  switch (error.kind) {
    case 'bad-signature':
      return `${where}: signature refused (${error.failure.code}: ${error.failure.message}); ${answered}.`
    case 'bad-payload':
      return `${where}: the payload does not decode; ${answered}.\n${formatIssues(error.issues)}`
    case 'body-too-large':
      return `${where}: the body is larger than ${error.limit} bytes; ${answered}.`
    case 'invalid-ncco':
      return `${where}: the returned NCCO is invalid and was not sent; ${instead(error)}.\n${formatIssues(error.issues)}`
    case 'handler-threw':
      return `${where}: the function threw (${errorText(error.error)}); ${instead(error)}.`
    case 'missing-ncco':
      return `${where}: the function returned no NCCO, which this route needs; ${instead(error)}.`
  }
}
