import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { ParsedDocument } from '../../src/cli/parsed-document.js'
import { parseYaml } from '../../src/cli/parse-yaml.js'
import { lookupPointer, makeLineIndex } from '../../src/cli/source-map.js'

const parsed = (text: string): ParsedDocument => {
  const result = parseYaml(text)
  if (E.isLeft(result)) throw new Error(`expected to parse: ${JSON.stringify(result.left)}`)
  return result.right
}

/** Every syntax problem as "line:column reason". */
const problems = (text: string): ReadonlyArray<string> => {
  const result = parseYaml(text)
  if (E.isRight(result) || result.left._tag !== 'Syntax') throw new Error('expected a syntax error')
  const lines = makeLineIndex(text)
  return result.left.problems.map((p) => {
    const { line, column } = lines.position(p.offset)
    return `${line}:${column} ${p.reason}`
  })
}

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

describe('parseYaml', () => {
  const ncco = [
    '# an IVR',
    '- action: talk',
    '  text: "Hello"',
    '  bargeIn: yes',
    '- action: input',
    '  type: [dtmf, speech]',
    '  dtmf: {maxDigits: 1}',
    ''
  ].join('\n')

  it('builds the value with YAML 1.2 core schema semantics (yes is a string)', () => {
    expect(parsed(ncco).value).toStrictEqual([
      { action: 'talk', text: 'Hello', bargeIn: 'yes' },
      { action: 'input', type: ['dtmf', 'speech'], dtmf: { maxDigits: 1 } }
    ])
  })

  it('records where values and keys start (a block mapping starts at its first key)', () => {
    expect(where(ncco, '')).toStrictEqual(['2:1', undefined])
    expect(where(ncco, '/0')).toStrictEqual(['2:3', undefined])
    expect(where(ncco, '/0/text')).toStrictEqual(['3:9', '3:3'])
    expect(where(ncco, '/1/type/1')).toStrictEqual(['6:16', undefined])
    expect(where(ncco, '/1/dtmf')).toStrictEqual(['7:9', '7:3'])
    expect(where(ncco, '/1/dtmf/maxDigits')).toStrictEqual(['7:21', '7:10'])
  })

  it('marks plain scalars read as strings, and only those', () => {
    const source = parsed('a: yes\nb: "yes"\nc: true\nd: on\n').source
    expect(lookupPointer(source, '/a').node.plainScalar).toBe('yes')
    expect(lookupPointer(source, '/b').node.plainScalar).toBeUndefined()
    expect(lookupPointer(source, '/c').node.plainScalar).toBeUndefined()
    expect(lookupPointer(source, '/d').node.plainScalar).toBe('on')
  })

  it('places a key with no value at the key', () => {
    expect(where('a:\nb: 1\n', '/a')).toStrictEqual(['1:3', '1:1'])
    expect(parsed('a:\nb: 1\n').value).toStrictEqual({ a: null, b: 1 })
  })

  it('reports duplicate keys at the repeated key; the last one wins', () => {
    const text = 'a: 1\nb:\n  x: 1\n  x: 2\na: 3\n'
    const doc = parsed(text)
    expect(doc.value).toStrictEqual({ a: 3, b: { x: 2 } })
    expect([...doc.duplicateKeys].sort((p, q) => p.keyOffset - q.keyOffset)).toStrictEqual([
      { path: '/b/x', key: 'x', keyOffset: 17 },
      { path: '/a', key: 'a', keyOffset: 22 }
    ])
    expect(where(text, '/a')).toStrictEqual(['5:4', '5:1'])
  })

  it('makes "__proto__" an own property', () => {
    const value = parsed('__proto__: {polluted: true}\n').value as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toStrictEqual(['__proto__'])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('reports syntax errors at their position', () => {
    expect(problems('a: [1, 2\nb: 3\n')).toStrictEqual([
      '2:1 flow sequence in block collection must be sufficiently indented and end with a ]'
    ])
    expect(problems('a: b: c\n')).toStrictEqual([
      '1:4 nested mappings are not allowed in compact mappings'
    ])
  })

  it('refuses a second document, at its start', () => {
    expect(problems('- action: talk\n---\n- action: wait\n')).toStrictEqual([
      '2:1 the file holds 2 documents; put each NCCO or request in a file of its own'
    ])
  })

  it('accepts one document with explicit markers', () => {
    expect(parsed('---\n- 1\n...\n').value).toStrictEqual([1])
  })

  it('tells a stream with nothing but comments apart', () => {
    expect(parseYaml('# nothing here\n')).toStrictEqual(E.left({ _tag: 'NoContent' }))
  })

  it('turns deep nesting into a parse error before the recursive composer runs', () => {
    expect(problems('['.repeat(100_000) + ']'.repeat(100_000))).toStrictEqual([
      '1:257 collections are nested more than 256 levels deep'
    ])
    const block = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}- `).join('\n') + 'x'
    expect(problems(block)).toStrictEqual([
      '257:257 collections are nested more than 256 levels deep'
    ])
  })

  it('reports an alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`)
    }
    const result = parseYaml(levels.join('\n') + '\n')
    expect(E.isLeft(result) && result.left._tag === 'Syntax' ? result.left.problems : []).toEqual([
      { offset: 0, reason: expect.stringMatching(/alias/i) as unknown }
    ])
  })
})
