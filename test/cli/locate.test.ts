import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { makeIssue } from '../../src/issue.js'
import type { Issue } from '../../src/issue.js'
import { offsetOf, yamlBooleanHint } from '../../src/cli/locate.js'
import { parseJson } from '../../src/cli/parse-json.js'
import { parseYaml } from '../../src/cli/parse-yaml.js'
import type { SourceNode } from '../../src/cli/source-map.js'
import {
  lookupPointer,
  makeLineIndex,
  parentPointer,
  parsePointer
} from '../../src/cli/source-map.js'

const sourceOf = (result: E.Either<unknown, { readonly source: SourceNode }>): SourceNode => {
  if (E.isLeft(result)) throw new Error('expected a document')
  return result.right.source
}

describe('makeLineIndex', () => {
  const lines = makeLineIndex('ab\r\ncd\n\nxyz')
  it('maps offsets to 1-based lines and columns', () => {
    expect([0, 1, 2, 4, 7, 8, 11].map((o) => lines.position(o))).toStrictEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 1, column: 3 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 4 }
    ])
  })
  it('gives each line without its line break', () => {
    expect(lines.lineCount).toBe(4)
    expect([1, 2, 3, 4, 5].map((n) => lines.lineText(n))).toStrictEqual(['ab', 'cd', '', 'xyz', ''])
  })
})

describe('pointers', () => {
  it('parses RFC 6901 pointers', () => {
    expect(parsePointer('')).toStrictEqual([])
    expect(parsePointer('/a~1b/~01/0')).toStrictEqual(['a/b', '~1', '0'])
    expect(parsePointer('/')).toStrictEqual([''])
  })
  it('finds the parent', () => {
    expect(parentPointer('/0/text')).toBe('/0')
    expect(parentPointer('/0')).toBe('')
    expect(parentPointer('')).toBe('')
  })
  it('stops at the nearest existing ancestor', () => {
    const source = sourceOf(parseJson('[{"a": [1]}]'))
    expect(lookupPointer(source, '/0/a/0')).toMatchObject({ exact: true, node: { offset: 8 } })
    expect(lookupPointer(source, '/0/a/1')).toMatchObject({ exact: false, node: { offset: 7 } })
    expect(lookupPointer(source, '/0/a/01')).toMatchObject({ exact: false, node: { offset: 7 } })
    expect(lookupPointer(source, '/0/b/c')).toMatchObject({ exact: false, node: { offset: 1 } })
    expect(lookupPointer(source, '/7')).toMatchObject({ exact: false, node: { offset: 0 } })
  })
})

describe('offsetOf', () => {
  const text = '[\n  {\n    "action": "talk",\n    "txt": "hi",\n    "loop": "2"\n  }\n]'
  const source = sourceOf(parseJson(text))
  const at = (issue: Issue): string => {
    const { line, column } = makeLineIndex(text).position(offsetOf(issue, source))
    return `${line}:${column}`
  }

  it('shows a missing key at the object that should hold it', () => {
    expect(at(makeIssue('missing-required', '/0/text', { key: 'text', owner: 'talk' }))).toBe('2:3')
  })
  it('shows an unknown, non-canonical or conflicting key at the key', () => {
    expect(at(makeIssue('unknown-key', '/0/txt', { key: 'txt', owner: 'talk' }))).toBe('4:5')
    expect(
      at(makeIssue('non-canonical-key', '/0/txt', { key: 'txt', canonical: 'text', owner: 'talk' }))
    ).toBe('4:5')
    expect(
      at(makeIssue('conflicting-spellings', '/0/txt', { key: 'txt', canonical: 'text' }))
    ).toBe('4:5')
  })
  it('shows a wrong value at the value', () => {
    expect(
      at(makeIssue('invalid-type', '/0/loop', { expected: 'an integer', actual: 'a string' }))
    ).toBe('5:13')
    expect(at(makeIssue('invalid-type', '', { expected: 'an array', actual: 'x' }))).toBe('1:1')
  })
  it('falls back to the nearest ancestor for a path that does not exist', () => {
    expect(at(makeIssue('missing-call-instructions', '/0/ncco', {}))).toBe('2:3')
    expect(at(makeIssue('unknown-key', '/0/gone', { key: 'gone', owner: 'talk' }))).toBe('2:3')
  })
})

describe('yamlBooleanHint', () => {
  const text = 'a: yes\nb: "yes"\nc: On\nd: maybe\ne: [n]\n'
  const source = sourceOf(parseYaml(text))
  const typeIssue = (path: string): Issue =>
    makeIssue('invalid-type', path, { expected: 'a boolean', actual: 'a string' })

  it('explains an unquoted YAML 1.1 boolean word', () => {
    expect(yamlBooleanHint(typeIssue('/a'), source)).toBe(
      'YAML 1.2 reads the unquoted yes as the string "yes", not a boolean: write true or false.'
    )
    expect(yamlBooleanHint(typeIssue('/c'), source)).toBe(
      'YAML 1.2 reads the unquoted On as the string "On", not a boolean: write true or false.'
    )
    expect(yamlBooleanHint(typeIssue('/e/0'), source)).toBe(
      'YAML 1.2 reads the unquoted n as the string "n", not a boolean: write true or false.'
    )
    expect(
      yamlBooleanHint(
        makeIssue('invalid-enum', '/a', { key: 'a', allowed: ['x'], actual: '"yes"' }),
        source
      )
    ).toMatch(/^YAML 1\.2 reads/)
    expect(
      yamlBooleanHint(
        makeIssue('stringly-scalar', '/a', { expected: 'a boolean', actual: 'yes' }),
        source
      )
    ).toMatch(/^YAML 1\.2 reads/)
  })

  it('stays quiet for quoted strings, other words, other codes and missing paths', () => {
    expect(yamlBooleanHint(typeIssue('/b'), source)).toBeUndefined()
    expect(yamlBooleanHint(typeIssue('/d'), source)).toBeUndefined()
    expect(yamlBooleanHint(typeIssue('/a/x'), source)).toBeUndefined()
    expect(
      yamlBooleanHint(makeIssue('unknown-key', '/a', { key: 'a', owner: 'talk' }), source)
    ).toBeUndefined()
  })
})
