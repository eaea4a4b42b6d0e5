/**
 * Following a pointer through JSON text finds what `lookupPointer` finds in the position tree
 * of `parseJson`: the same value and key offsets, the same nearest ancestor for a path that is
 * not there, on any JSON without repeated keys, however it is spaced.
 */
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { lookupPointerInText } from '../../src/cli/locate-text.js'
import { parseJson } from '../../src/cli/parse-json.js'
import { appendToPointer, lookupPointer } from '../../src/cli/source-map.js'

/** Every pointer into a value, and some that lead nowhere. */
const pointersOf = (v: unknown, at = ''): string[] => {
  const out = [
    at,
    appendToPointer(at, 'missing'),
    appendToPointer(at, 7),
    appendToPointer(at, '01')
  ]
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pointersOf(x, appendToPointer(at, i))))
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) out.push(...pointersOf(x, appendToPointer(at, k)))
  }
  return out
}

const agree = (text: string): void => {
  const parsed = parseJson(text)
  if (E.isLeft(parsed)) throw new Error(`${text} does not parse`)
  for (const pointer of pointersOf(parsed.right.value)) {
    const { node, exact } = lookupPointer(parsed.right.source, pointer)
    expect(lookupPointerInText(text, pointer), pointer).toStrictEqual({
      offset: node.offset,
      keyOffset: node.keyOffset,
      exact
    })
  }
}

const keys = fc.constantFrom('a', 'b/c', 'd~e', '"', '\\', 'é', '0', '', 'x y')

const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string(),
      keys
    ),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(keys, fc.string({ maxLength: 3 })), tie('v'), { maxKeys: 4 })
  )
})).v

describe('lookupPointerInText', () => {
  it('agrees with the position tree, in compact and spaced JSON', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(undefined, 1, 2, '\t'), (v, space) => {
        agree(JSON.stringify(v, null, space) ?? 'null')
      }),
      { numRuns: 1000 }
    )
  })

  it('agrees with whitespace around every token', () => {
    agree(' \n{ "a" : [ 1 , { "b" : "x\\"y" } , [ ] ] ,\r\n "c\\u0041" : { } , "d" : -1.5e3 } \n')
    agree('"text"')
    agree('  [ ]')
  })
})
