/**
 * What the webhook handler answers: an NCCO, only once it has been validated (both the value a
 * function returned and the JSON text that will be sent), an empty acknowledgement, or a short
 * JSON refusal whose `error` names the reason. Which of them a route may give is `replyKinds`.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { Buildable } from '../builders/builder.js'
import type { Issue } from '../issue.js'
import { validateNcco } from '../validate.js'
import type { WebhookRoute } from './decode.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Why a reply is not an NCCO that may be sent: it fails validation, or reading it threw (a
 * builder, a getter or a `toJSON` of the caller's).
 *
 * @category model
 * @since 0.2.0
 */
export type NccoProblem =
  | { readonly type: 'invalid'; readonly issues: ReadonlyNonEmptyArray<Issue> }
  | { readonly type: 'threw'; readonly error: unknown }

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * Whether a route's reply is an NCCO the Voice API needs (`answer`, `fallback`), may take (an
 * NCCO replaces the rest of the call's; nothing means "continue"), or ignores.
 *
 * @category constants
 * @since 0.2.0
 */
export const replyKinds = {
  answer: 'required',
  fallback: 'required',
  event: 'optional',
  input: 'optional',
  notify: 'optional',
  record: 'ignored',
  transcription: 'ignored'
} as const satisfies Record<WebhookRoute, 'required' | 'optional' | 'ignored'>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The answer to a refused request: a short JSON object whose `error` names the reason.
 *
 * @category constructors
 * @since 0.2.0
 */
export const refusal = (
  status: number,
  error: string,
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {}
): Response =>
  new Response(JSON.stringify({ error, ...extra }), {
    status,
    headers: { 'content-type': 'application/json', ...headers }
  })

/**
 * 200 with an empty body: received, and (where an NCCO may be given) "continue".
 *
 * @category constructors
 * @since 0.2.0
 */
export const acknowledged = (): Response => new Response(null, { status: 200 })

/**
 * 200 with an NCCO's JSON text, which `checkNcco` produced.
 *
 * @category constructors
 * @since 0.2.0
 */
export const nccoResponse = (text: string): Response =>
  new Response(text, { status: 200, headers: { 'content-type': 'application/json' } })

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

const isBuildable = (x: unknown): x is Buildable<unknown> =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as { readonly build?: unknown }).build === 'function'

/**
 * The NCCO (or builder) as the JSON text to send, when it is valid (strict profile). The text
 * itself is parsed back and validated too, so that what leaves is exactly what was checked (a
 * `toJSON` or a getter cannot slip anything past the validator). Never throws.
 *
 * @category destructors
 * @since 0.2.0
 */
export const checkNcco = (reply: unknown): E.Either<NccoProblem, string> => {
  try {
    let value: unknown = reply
    if (isBuildable(reply)) {
      const built = reply.build()
      if (E.isLeft(built)) return E.left({ type: 'invalid', issues: built.left })
      value = built.right.value
    }
    const given = validateNcco(value)
    if (E.isLeft(given)) return E.left({ type: 'invalid', issues: given.left })
    const text = JSON.stringify(value)
    const sent = validateNcco(text === undefined ? undefined : JSON.parse(text))
    if (E.isLeft(sent)) return E.left({ type: 'invalid', issues: sent.left })
    return E.right(text)
  } catch (error) {
    return E.left({ type: 'threw', error })
  }
}
