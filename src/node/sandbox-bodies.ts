/**
 * What the sandbox makes of a request body: JSON (a syntax error located by line and column,
 * a duplicate key refused: which value counts would be a guess), a create-call request that
 * fails the project's validator, and the `PUT /v1/calls/{uuid}` body, checked like the
 * create-call request (strict). A refusal is a sentence and, when the body was validated,
 * the findings as `invalid_parameters`.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseJson } from '../cli/parse-json.js'
import { makeLineIndex } from '../cli/source-map.js'
import { describeType, describeValue, isPlainObject, toPointer } from '../internal/text.js'
import { makeIssue, type Issue } from '../issue.js'
import { validateNcco } from '../validate.js'
import { invalidParameters, type InvalidParameterBody } from './sandbox-http.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Why a body is refused (400): a sentence, and the findings when it was validated.
 *
 * @category model
 * @since 0.2.0
 */
export interface Refusal {
  readonly detail: string
  readonly invalidParameters?: ReadonlyArray<InvalidParameterBody>
}

/**
 * What a `PUT /v1/calls/{uuid}` asks for.
 *
 * @category model
 * @since 0.2.0
 */
export type Modification =
  | { readonly action: 'hangup' }
  | { readonly action: 'transfer'; readonly ncco: unknown }
  | { readonly action: 'mute' | 'unmute' | 'earmuff' | 'unearmuff' }

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const decoder = new TextDecoder('utf-8', { fatal: true })

const modifyActions = ['hangup', 'transfer', 'mute', 'unmute', 'earmuff', 'unearmuff'] as const

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The body as JSON, or a 400's detail (a syntax error's line and column, duplicate keys).
 *
 * @category destructors
 * @since 0.2.0
 */
export const parseBody = (bytes: Uint8Array): E.Either<Refusal, unknown> => {
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    return E.left({ detail: 'The body is not UTF-8 text; expected JSON.' })
  }
  if (text.trim() === '') return E.left({ detail: 'The body is empty; expected JSON.' })
  const parsed = parseJson(text)
  if (E.isLeft(parsed)) {
    if (parsed.left._tag === 'NoContent') {
      return E.left({ detail: 'The body is empty; expected JSON.' })
    }
    const lines = makeLineIndex(text)
    const first = parsed.left.problems[0]
    if (first === undefined) return E.left({ detail: 'The body is not JSON.' })
    const { line, column } = lines.position(first.offset)
    return E.left({
      detail: `The body is not JSON: ${first.reason} at line ${line}, column ${column}.`
    })
  }
  const duplicates: ReadonlyArray<Issue> = parsed.right.duplicateKeys.map((d) =>
    makeIssue('duplicate-key', d.path, { key: d.key })
  )
  return duplicates.length > 0
    ? E.left({
        detail: 'The body has a duplicate key; which value counts would be a guess.',
        invalidParameters: invalidParameters(duplicates)
      })
    : E.right(parsed.right.value)
}

/**
 * The refusal of a body that fails validation; `prefix` places a document that sits inside
 * the body (`/destination/ncco`).
 *
 * @category destructors
 * @since 0.2.0
 */
export const failedValidation = (issues: ReadonlyArray<Issue>, prefix = ''): Refusal => {
  const params = invalidParameters(issues, prefix)
  return {
    detail: `The request failed validation: ${params.length} error${params.length === 1 ? '' : 's'}.`,
    invalidParameters: params
  }
}

/**
 * A `PUT /v1/calls/{uuid}` body, checked like the create-call request (strict).
 *
 * @category destructors
 * @since 0.2.0
 */
export const decodeModification = (body: unknown): E.Either<Refusal, Modification> => {
  const owner = 'the modify-call request'
  const invalid = (issues: ReadonlyArray<Issue>): E.Either<Refusal, never> =>
    E.left(failedValidation(issues))
  if (!isPlainObject(body)) {
    return invalid([
      makeIssue('invalid-type', '', { expected: 'an object', actual: describeType(body) })
    ])
  }
  const action = body['action']
  if (action === undefined)
    return invalid([makeIssue('missing-required', '/action', { key: 'action', owner })])
  if (typeof action !== 'string' || !(modifyActions as ReadonlyArray<unknown>).includes(action)) {
    return invalid([
      makeIssue('invalid-enum', '/action', {
        key: 'action',
        allowed: modifyActions,
        actual: describeValue(action)
      })
    ])
  }
  const known = action === 'transfer' ? ['action', 'destination'] : ['action']
  const unknown = Object.keys(body)
    .filter((key) => !known.includes(key))
    .map((key) => makeIssue('unknown-key', toPointer([key]), { key, owner }))
  if (unknown.length > 0) return invalid(unknown)
  if (action !== 'transfer') return E.right({ action } as Modification)
  const destination = body['destination']
  const destinationOwner = 'the transfer destination'
  if (destination === undefined) {
    return invalid([makeIssue('missing-required', '/destination', { key: 'destination', owner })])
  }
  if (!isPlainObject(destination)) {
    return invalid([
      makeIssue('invalid-type', '/destination', {
        expected: 'an object',
        actual: describeType(destination)
      })
    ])
  }
  if (destination['type'] !== 'ncco') {
    return destination['type'] === undefined
      ? invalid([
          makeIssue('missing-required', '/destination/type', {
            key: 'type',
            owner: destinationOwner
          })
        ])
      : invalid([
          makeIssue('invalid-enum', '/destination/type', {
            key: 'type',
            allowed: ['ncco'],
            actual: describeValue(destination['type'])
          })
        ])
  }
  if (destination['ncco'] === undefined) {
    return E.left({
      detail:
        destination['url'] === undefined
          ? 'The transfer destination needs an ncco.'
          : 'The sandbox transfers to an inline NCCO only: give destination.ncco instead of destination.url.'
    })
  }
  const extra = Object.keys(destination)
    .filter((key) => key !== 'type' && key !== 'ncco')
    .map((key) =>
      makeIssue('unknown-key', toPointer(['destination', key]), {
        key,
        owner: destinationOwner
      })
    )
  if (extra.length > 0) return invalid(extra)
  const ncco = validateNcco(destination['ncco'])
  return E.isLeft(ncco)
    ? E.left(failedValidation(ncco.left, '/destination/ncco'))
    : E.right({ action: 'transfer', ncco: destination['ncco'] })
}
