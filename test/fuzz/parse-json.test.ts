/**
 * The CLI's JSON reader against random bytes and mutated JSON: it never throws, accepts exactly
 * what `JSON.parse` accepts (unless the text nests deeper than the documented limit, which it
 * refuses), builds the same value, points every syntax error inside the text, and
 * `parseJsonQuickly` only ever answers with what `JSON.parse` built.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../src/cli/decode.js'
import { parseJson, parseJsonQuickly } from '../../src/cli/parse-json.js'
import { maxNestingDepth } from '../../src/cli/parsed-document.js'
import { lookupPointer } from '../../src/cli/source-map.js'
import { createCallV1, ncco } from '../arbitraries/documents.js'
import { budget, timeoutFor } from './support.js'

/** The deepest nesting of arrays and objects in JSON text, strings skipped. */
const depthOf = (text: string): number => {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth)
    else if (c === ']' || c === '}') depth--
  }
  return deepest
}

/** Checks everything the reader promises about `text`. */
const agreesWithJsonParse = (text: string): void => {
  let expected: { readonly value: unknown } | undefined
  try {
    expected = { value: JSON.parse(text) }
  } catch {
    expected = undefined
  }
  const result = parseJson(text)
  const shouldAccept = expected !== undefined && depthOf(text) <= maxNestingDepth
  if (E.isRight(result) !== shouldAccept) {
    expect.fail(
      `parseJson ${E.isRight(result) ? 'accepted' : 'refused'} ${JSON.stringify(text.slice(0, 200))}`
    )
  }
  if (E.isRight(result)) {
    expect(result.right.value).toStrictEqual(expected?.value)
    for (const duplicate of result.right.duplicateKeys) {
      expect(lookupPointer(result.right.source, duplicate.path).exact).toBe(true)
      expect(text.startsWith(JSON.stringify(duplicate.key).slice(0, 1), duplicate.keyOffset)).toBe(
        true
      )
    }
  } else {
    expect(result.left._tag).toBe('Syntax')
    if (result.left._tag === 'Syntax') {
      expect(result.left.problems.length).toBeGreaterThan(0)
      for (const p of result.left.problems) {
        expect(p.offset).toBeGreaterThanOrEqual(0)
        expect(p.offset).toBeLessThanOrEqual(text.length)
        expect(p.reason).not.toBe('')
      }
    }
  }
  const quick = parseJsonQuickly(text)
  if (quick !== undefined) {
    expect(shouldAccept).toBe(true)
    expect(quick.value).toStrictEqual(expected?.value)
  }
}

/** Characters JSON is made of, and a few it is not, for edits that stay near JSON. */
const jsonChar = fc.constantFrom(
  ...'{}[]":,.-+eE0123456789 \t\n\r\\/ubfnrtlsa"'.split(''),
  '\u0000',
  '\u001f',
  '\u2028',
  '\ud800',
  '\ufeff',
  'é'
)

type Edit =
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number }

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc
    .tuple(fc.nat(), fc.integer({ min: 1, max: 4 }))
    .map(([at, length]): Edit => ({ op: 'delete', at, length })),
  fc
    .tuple(fc.nat(), fc.array(jsonChar, { minLength: 1, maxLength: 3 }))
    .map(([at, chars]): Edit => ({ op: 'insert', at, text: chars.join('') })),
  fc
    .tuple(fc.nat(), fc.integer({ min: 1, max: 12 }))
    .map(([at, length]): Edit => ({ op: 'duplicate', at, length })),
  fc.nat().map((at): Edit => ({ op: 'truncate', at }))
)

const applyEdit = (text: string, e: Edit): string => {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1)
  switch (e.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length)
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at)
    case 'duplicate':
      return text.slice(0, at + e.length) + text.slice(at)
    case 'truncate':
      return text.slice(0, at)
  }
}

const jsonText = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .tuple(ncco, fc.constantFrom(undefined, 2))
    .map(([v, indent]) => JSON.stringify(v, null, indent)),
  createCallV1.map((v) => JSON.stringify(v)),
  fc.constantFrom('{"__proto__": {"a": 1}, "__proto__": [], "constructor": 2}', '{"a": 1, "a": 2}')
)

const mutatedJson = fc
  .tuple(jsonText, fc.array(edit, { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => edits.reduce(applyEdit, text))

describe('the CLI JSON reader, fuzzed', () => {
  it(
    'random bytes, decoded as the CLI decodes a file: never a throw, the verdict of JSON.parse',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
          const text = decodeText(bytes)
          if (E.isRight(text)) agreesWithJsonParse(text.right)
        }),
        budget(0.04)
      )
    },
    timeoutFor(0.04)
  )

  it(
    'mutated JSON text: never a throw, the verdict and the value of JSON.parse',
    () => {
      let accepted = 0
      fc.assert(
        fc.property(mutatedJson, (text) => {
          agreesWithJsonParse(text)
          if (E.isRight(parseJson(text))) accepted++
        }),
        budget(0.08)
      )
      // Both verdicts are exercised.
      expect(accepted).toBeGreaterThan(0)
      expect(accepted).toBeLessThan(budget(0.08).numRuns!)
    },
    timeoutFor(0.08)
  )

  it.each([
    [
      'nesting one past the limit',
      '['.repeat(maxNestingDepth + 1) + ']'.repeat(maxNestingDepth + 1)
    ],
    ['nesting at the limit', '['.repeat(maxNestingDepth) + ']'.repeat(maxNestingDepth)],
    ['a million open brackets', '['.repeat(1_000_000)],
    ['a 4 MiB string', JSON.stringify('x'.repeat(4 * 1_048_576))],
    [
      '50,000 keys',
      JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])))
    ],
    ['a lone surrogate escape', '["\\ud800"]'],
    ['a number of 100,000 digits', '1'.repeat(100_000)]
  ])(
    '%s: the verdict of JSON.parse within 5 s',
    (_name, text) => {
      const started = performance.now()
      agreesWithJsonParse(text)
      expect(performance.now() - started).toBeLessThan(5_000)
    },
    20_000
  )
})
