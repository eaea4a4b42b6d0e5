/**
 * `parseJsonQuickly` (JSON.parse first) hands the CLI a value exactly when `parseJson` (the
 * reader that keeps positions) would read the same value with nothing to report: the text
 * parses, nests at most 256 deep and repeats no key. Otherwise it hands the text back.
 */
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseJson, parseJsonQuickly } from '../../src/cli/parse-json.js'

/** What the quick reading must give for `text`, by the positions parser. */
const expected = (text: string): { readonly value: unknown } | undefined => {
  const r = parseJson(text)
  return E.isRight(r) && r.right.duplicateKeys.length === 0 ? { value: r.right.value } : undefined
}

const agrees = (text: string): void => {
  expect(parseJsonQuickly(text)).toStrictEqual(expected(text))
}

/** Keys that are hard to scan: quotes, backslashes, colons, brackets, `__proto__`. */
const trickyKey = fc.constantFrom(
  'a',
  'b',
  '"',
  '\\',
  '\\"',
  ':',
  '":',
  '[',
  '{',
  '}',
  '__proto__',
  ''
)

const objects = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string(), trickyKey),
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 })
  ),
  // Members as written, so that a key may repeat.
  object: fc.array(fc.tuple(fc.oneof(trickyKey, fc.string({ maxLength: 4 })), tie('value')), {
    maxLength: 4
  })
}))

const write = (v: unknown, space: string): string => {
  if (
    Array.isArray(v) &&
    v.every((m) => Array.isArray(m) && m.length === 2 && typeof m[0] === 'string')
  ) {
    // An object written member by member (a repeated key stays repeated).
    return `{${space}${v
      .map(
        (m: [string, unknown]) => `${JSON.stringify(m[0])}${space}:${space}${write(m[1], space)}`
      )
      .join(`,${space}`)}${space}}`
  }
  if (Array.isArray(v)) return `[${v.map((x) => write(x, space)).join(',')}]`
  return JSON.stringify(v)
}

describe('parseJsonQuickly', () => {
  it('agrees with parseJson on JSON texts, with and without repeated keys', () => {
    fc.assert(
      fc.property(objects.object, fc.constantFrom('', ' ', '\n  '), (members, space) => {
        agrees(write(members, space))
      }),
      { numRuns: 2000 }
    )
  })

  it('agrees on any JSON value fast-check writes', () => {
    fc.assert(
      fc.property(fc.json(), (text) => agrees(text)),
      { numRuns: 1000 }
    )
  })

  it('agrees on broken texts', () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', '"', '}', ',', '\\', '//'),
        (t, at, cut) => {
          const i = at % (t.length + 1)
          agrees(t.slice(0, i) + cut + t.slice(i))
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('hands back a repeated key, deep in the text', () => {
    expect(parseJsonQuickly('[{"a": 1, "b": {"c": [{"d": 1, "d": 2}]}}]')).toBeUndefined()
    expect(parseJsonQuickly('{"a\\"": 1, "a\\"": 2}')).toBeUndefined()
    expect(parseJsonQuickly('{"a\\\\": 1, "a\\\\\\\\": 2}')).toStrictEqual({
      value: { 'a\\': 1, 'a\\\\': 2 }
    })
  })

  it('hands back nesting past 256 levels, and takes 256', () => {
    expect(parseJsonQuickly('['.repeat(257) + ']'.repeat(257))).toBeUndefined()
    expect(parseJsonQuickly('['.repeat(256) + ']'.repeat(256))).toStrictEqual(
      expected('['.repeat(256) + ']'.repeat(256))
    )
    expect(expected('['.repeat(256) + ']'.repeat(256))).not.toBeUndefined()
    const objects = (n: number): string => '{"a":'.repeat(n) + '0' + '}'.repeat(n)
    expect(parseJsonQuickly(objects(257))).toBeUndefined()
    expect(parseJsonQuickly(objects(256))).toStrictEqual(expected(objects(256)))
    expect(parseJsonQuickly(`[1, ${objects(256)}]`)).toBeUndefined()
  })

  it('hands back a nesting far too deep without a stack overflow', () => {
    expect(parseJsonQuickly('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined()
  })

  it('takes strings that look like keys, and __proto__ as plain data', () => {
    agrees('["a\\":", "b", {"x": "\\":\\"", "y": ":"}]')
    agrees('{"__proto__": {"a": 1}, "b": 2}')
    expect(parseJsonQuickly('{"__proto__": 1}')?.value).toStrictEqual(
      JSON.parse('{"__proto__": 1}')
    )
  })
})
