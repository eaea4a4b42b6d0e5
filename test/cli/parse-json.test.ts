import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseJson } from '../../src/cli/parse-json.js'
import type { ParsedDocument } from '../../src/cli/parsed-document.js'
import { lookupPointer, makeLineIndex } from '../../src/cli/source-map.js'

const parsed = (text: string): ParsedDocument => {
  const result = parseJson(text)
  if (E.isLeft(result)) throw new Error(`expected ${JSON.stringify(text)} to parse`)
  return result.right
}

/** The first syntax problem as [line, column, reason]. */
const failure = (text: string): readonly [number, number, string] => {
  const result = parseJson(text)
  if (E.isRight(result) || result.left._tag !== 'Syntax') throw new Error('expected a syntax error')
  const problem = result.left.problems[0]
  if (problem === undefined) throw new Error('no problem reported')
  const { line, column } = makeLineIndex(text).position(problem.offset)
  return [line, column, problem.reason]
}

/** Line and column of a pointer's value and key. */
const where = (text: string, pointer: string): readonly [string, string | undefined] => {
  const lines = makeLineIndex(text)
  const { node, exact } = lookupPointer(parsed(text).source, pointer)
  expect(exact).toBe(true)
  const show = (offset: number): string => {
    const p = lines.position(offset)
    return `${p.line}:${p.column}`
  }
  return [show(node.offset), node.keyOffset === undefined ? undefined : show(node.keyOffset)]
}

describe('parseJson', () => {
  it('builds the value JSON.parse builds', () => {
    const text = '{"a": [1, -2.5e3, true, false, null], "b": {"c": "\\u00e9\\n\\"x\\"\\/"}, "": 0}'
    expect(parsed(text).value).toStrictEqual(JSON.parse(text))
  })

  it('agrees with JSON.parse on every JSON value, however it is indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent)
        expect(parsed(text).value).toStrictEqual(JSON.parse(text))
      })
    )
  })

  it('accepts exactly what JSON.parse accepts, and never throws', () => {
    const jsonish = fc.stringMatching(/^[\s{}[\]",:0-9a-z.eE+\-\\]{0,24}$/)
    fc.assert(
      fc.property(fc.oneof(fc.string(), jsonish), (text) => {
        let expected: unknown
        let valid = true
        try {
          expected = JSON.parse(text)
        } catch {
          valid = false
        }
        const result = parseJson(text)
        expect(E.isRight(result)).toBe(valid)
        if (E.isRight(result)) expect(result.right.value).toStrictEqual(expected)
      }),
      { numRuns: 2000 }
    )
  })

  it('records where every value and key starts', () => {
    const text = '[\n  {\n    "action": "talk",\n    "text": ["a", {"b": 1}]\n  }\n]'
    expect(where(text, '')).toStrictEqual(['1:1', undefined])
    expect(where(text, '/0')).toStrictEqual(['2:3', undefined])
    expect(where(text, '/0/action')).toStrictEqual(['3:15', '3:5'])
    expect(where(text, '/0/text')).toStrictEqual(['4:13', '4:5'])
    expect(where(text, '/0/text/1/b')).toStrictEqual(['4:25', '4:20'])
  })

  it('finds keys that need pointer escaping', () => {
    const text = '{"a/b": {"~": 1}}'
    expect(where(text, '/a~1b/~0')).toStrictEqual(['1:15', '1:10'])
  })

  it('reports duplicate keys at the repeated key, and keeps the last value as JSON.parse does', () => {
    const text = '{"a": 1, "b": {"x": 1, "x": 2}, "a": {"y": 3}}'
    const doc = parsed(text)
    expect(doc.value).toStrictEqual(JSON.parse(text))
    expect(doc.duplicateKeys).toStrictEqual([
      { path: '/b/x', key: 'x', keyOffset: 23 },
      { path: '/a', key: 'a', keyOffset: 32 }
    ])
    // The first "a" and its positions are gone with it.
    expect(where(text, '/a')).toStrictEqual(['1:38', '1:33'])
    expect(where(text, '/a/y')).toStrictEqual(['1:44', '1:39'])
  })

  it('makes "__proto__" an own data property and never touches the prototype', () => {
    const doc = parsed('{"__proto__": {"polluted": true}, "a": 1}')
    const value = doc.value as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toStrictEqual(['__proto__', 'a'])
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toStrictEqual({
      polluted: true
    })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(value).toStrictEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'))
  })

  it.each([
    ['', 1, 1, 'expected a value, found the end of the input'],
    ['   \n  ', 2, 3, 'expected a value, found the end of the input'],
    ['[1, 2', 1, 6, "expected ',' or ']', found the end of the input"],
    ['{"a": 1,}', 1, 9, "a trailing comma before '}' is not allowed"],
    ['[1, 2,\n]', 2, 1, "a trailing comma before ']' is not allowed"],
    ['{"a" 1}', 1, 6, "expected ':' after the key, found '1'"],
    ["{'a': 1}", 1, 2, 'object keys must be strings in double quotes'],
    ['{a: 1}', 1, 2, 'object keys must be strings in double quotes'],
    ["['a']", 1, 2, 'strings must be in double quotes'],
    ['[1] x', 1, 5, "unexpected 'x' after the end of the JSON value"],
    ['{"a": 1}\n// note', 2, 1, 'comments are not allowed in JSON'],
    ['[\n  "abc', 2, 3, 'this string is never closed'],
    ['["ab\ncd"]', 1, 5, 'this string is not closed before the end of the line'],
    ['["a\tb"]', 1, 4, 'control character U+0009 must be escaped in a string'],
    ['["\\x"]', 1, 3, 'invalid escape sequence \\x in a string'],
    ['["\\u12"]', 1, 3, '\\u must be followed by four hexadecimal digits'],
    ['[01]', 1, 2, 'invalid number'],
    ['[1.]', 1, 2, 'invalid number'],
    ['[-]', 1, 2, 'invalid number'],
    [
      '[NaN]',
      1,
      2,
      'NaN is not a JSON value (use true, false, null, a number or a string in double quotes)'
    ],
    [
      '[True]',
      1,
      2,
      'True is not a JSON value (use true, false, null, a number or a string in double quotes)'
    ],
    ['{"a": 1 "b": 2}', 1, 9, "expected ',' or '}', found '\"'"],
    ['[1]\u00a0', 1, 4, 'unexpected U+00A0 after the end of the JSON value']
  ])('reports %j at %i:%i: %s', (text, line, column, reason) => {
    expect(failure(text)).toStrictEqual([line, column, reason])
  })

  it('turns 100,000 nested arrays into a parse error at the level that is too deep', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(failure(text)).toStrictEqual([
      1,
      257,
      'arrays and objects are nested more than 256 levels deep'
    ])
  })

  it('accepts nesting up to the limit', () => {
    const text = '['.repeat(256) + ']'.repeat(256)
    expect(parsed(text).value).toStrictEqual(JSON.parse(text))
  })

  it('handles a long flat array without recursion', () => {
    const text = JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ i })))
    const doc = parsed(text)
    expect((doc.value as unknown[]).length).toBe(50_000)
    expect(lookupPointer(doc.source, '/49999/i')).toMatchObject({ exact: true })
  })
})
