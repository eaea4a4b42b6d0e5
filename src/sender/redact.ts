/**
 * Taking the token out of everything a server or the network sends back. A server may echo
 * the Authorization header anywhere: in the body, in a header such as `x-nexmo-trace-id`, cut
 * into its segments, wrapped over lines. So every string of an attempt's outcome (the body,
 * each kept header, each error detail) goes through the attempt's redactor before anything
 * else reads it, and the redactor removes:
 *
 * - the whole token;
 * - each of its `.`-separated segments (a JWT's header, claims and signature) of at least 8
 *   characters;
 * - any run of 24 or more characters that also occurs in the token, so a segment cut in two
 *   or wrapped does not survive either.
 *
 * What is removed reads `[redacted]`. The JWT's first segment is the same for every RS256
 * token and so is redacted wherever it appears, which costs nothing.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { ReadBody } from './response-body.js'
import type { AttemptOutcome, KeptHeaders } from './transport.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.2.0
 */
export type Redactor = (text: string) => string

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * What replaces a secret.
 *
 * @category constants
 * @since 0.2.0
 */
export const redactedText = '[redacted]'

/** Shorter segments are too likely to occur in ordinary text to be a sign of the token. */
const minSegmentLength = 8

/** Runs of this length shared with the token are redacted wherever they occur. */
const sharedRunLength = 24

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

type Range = readonly [start: number, end: number]

const occurrences = (text: string, piece: string): Range[] => {
  const found: Range[] = []
  if (piece === '') return found
  for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) {
    found.push([at, at + piece.length])
  }
  return found
}

/** The ranges, sorted and joined where they touch or overlap. */
const merge = (ranges: ReadonlyArray<Range>): Range[] => {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1]
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/**
 * The redactor for one token. An empty token redacts nothing.
 *
 * @category constructors
 * @since 0.2.0
 */
export const redactorFor = (token: string): Redactor => {
  if (token === '') return (text) => text
  const pieces = [
    token,
    ...token.split('.').filter((segment) => segment.length >= minSegmentLength)
  ]
  const runs = new Set<string>()
  for (let i = 0; i + sharedRunLength <= token.length; i++) {
    runs.add(token.slice(i, i + sharedRunLength))
  }
  return (text) => {
    const ranges: Range[] = pieces.flatMap((piece) => occurrences(text, piece))
    for (let i = 0; i + sharedRunLength <= text.length; i++) {
      if (runs.has(text.slice(i, i + sharedRunLength))) ranges.push([i, i + sharedRunLength])
    }
    if (ranges.length === 0) return text
    let out = ''
    let from = 0
    for (const [start, end] of merge(ranges)) {
      out += text.slice(from, start) + redactedText
      from = end
    }
    return out + text.slice(from)
  }
}

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

const redactHeaders = (headers: KeptHeaders, redact: Redactor): KeptHeaders =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, redact(value)]))

const redactBody = (body: ReadBody, redact: Redactor): ReadBody =>
  body.type === 'complete'
    ? { ...body, text: redact(body.text) }
    : { ...body, head: redact(body.head) }

/**
 * The outcome with every string in it redacted: nothing read after this can hold the token.
 *
 * @category combinators
 * @since 0.2.0
 */
export const redactOutcome = (outcome: AttemptOutcome, redact: Redactor): AttemptOutcome => {
  switch (outcome.type) {
    case 'not-sent':
    case 'lost':
      return { ...outcome, detail: redact(outcome.detail) }
    case 'answered':
      return {
        ...outcome,
        headers: redactHeaders(outcome.headers, redact),
        body: pipe(
          outcome.body,
          E.bimap(
            (lost) => ({ ...lost, detail: redact(lost.detail) }),
            (body) => redactBody(body, redact)
          )
        )
      }
  }
}
