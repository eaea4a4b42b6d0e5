/**
 * The words of findings (src/internal/text.ts): how a value's type is named in "expected X,
 * got Y", the hints for quoted scalars, for one item where an array belongs and for a key that
 * belongs in a nested object, and JSON Pointer escaping.
 */
import { describe, expect, it } from 'vitest'
import {
  describeType,
  escapePointerSegment,
  isArray,
  isPlainObject,
  moveIntoHint,
  toPointer,
  unquoteHint,
  wrapInArrayHint
} from '../../src/internal/text.js'

class Foo {}
const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}
const prototypeThrows = (): object =>
  new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error('no')
      }
    }
  )

describe('describeType', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['an array', [1], 'an array'],
    ['a string', 'hi', 'a string ("hi")'],
    ['a long string, cut', 'x'.repeat(70), `a string ("${'x'.repeat(57)}...")`],
    ['a number', 1.5, 'a number (1.5)'],
    ['NaN', NaN, 'NaN (not a JSON number)'],
    ['-Infinity', -Infinity, '-Infinity (not a JSON number)'],
    ['a boolean', false, 'a boolean (false)'],
    ['undefined', undefined, 'undefined (not a JSON value)'],
    ['a bigint', 1n, 'a bigint (not a JSON value)'],
    ['a function', () => 1, 'a function (not a JSON value)'],
    ['a symbol', Symbol('s'), 'a symbol (not a JSON value)'],
    ['a plain object', {}, 'an object'],
    ['an object without a prototype', Object.create(null), 'an object'],
    ['a Date', new Date(0), 'a Date object (not plain JSON)'],
    ['a class instance', new Foo(), 'a Foo object (not plain JSON)'],
    ['an anonymous class instance', new (class {})(), 'a non-plain object (not plain JSON)'],
    [
      'a prototype without a constructor',
      Object.create(Object.create(null) as object),
      'a non-plain object (not plain JSON)'
    ]
  ])('%s: %s', (_name, value, expected) => {
    expect(describeType(value)).toBe(expected)
  })

  it('a proxy whose trap throws, and a revoked proxy: cannot be inspected', () => {
    for (const value of [prototypeThrows(), revoked()]) {
      expect(describeType(value)).toBe('an object that cannot be inspected (not plain JSON)')
    }
  })

  it('a class named with more than 60 characters is cut', () => {
    const Long = { ['L'.repeat(70)]: class {} }['L'.repeat(70)]!
    expect(describeType(new Long())).toBe(`a ${'L'.repeat(57)}... object (not plain JSON)`)
  })
})

describe('hints', () => {
  const lenient =
    "without quotes; or validate with the lenient profile, which accepts it with a warning ({ profile: 'lenient' } in code, --profile lenient on the command line)"

  it('unquoteHint quotes the value up to 60 characters, and says "the value" past that', () => {
    expect(unquoteHint('45')).toBe(`write 45 ${lenient}`)
    expect(unquoteHint('1'.repeat(60))).toBe(`write ${'1'.repeat(60)} ${lenient}`)
    expect(unquoteHint('1'.repeat(61))).toBe(`write the value ${lenient}`)
  })

  it('wrapInArrayHint: an object where objects belong, a string where strings belong', () => {
    expect(wrapInArrayHint({ a: 1 }, 'objects')).toBe('wrap it in an array: [{ … }]')
    expect(wrapInArrayHint('https://example.com', 'strings')).toBe('use ["https://example.com"]')
    expect(wrapInArrayHint('x', 'objects')).toBeUndefined()
    expect(wrapInArrayHint({}, 'strings')).toBeUndefined()
    expect(wrapInArrayHint([], 'objects')).toBeUndefined()
    expect(wrapInArrayHint(new Date(0), 'objects')).toBeUndefined()
  })

  it('moveIntoHint names the object and the key, quoted', () => {
    expect(moveIntoHint('dtmf', 'maxDigits')).toBe('move it into "dtmf": { "maxDigits": … }')
  })
})

describe('plain objects and arrays', () => {
  it.each<[string, unknown, boolean, boolean]>([
    ['{}', {}, true, false],
    ['no prototype', Object.create(null), true, false],
    ['[]', [], false, true],
    ['null', null, false, false],
    ['a string', 'x', false, false],
    ['a Date', new Date(0), false, false]
  ])('%s: plain object %s, array %s', (_name, value, plain, array) => {
    expect([isPlainObject(value), isArray(value)]).toStrictEqual([plain, array])
  })

  it('an array or a function without a prototype is still no plain object', () => {
    const bareArray = Object.setPrototypeOf([], null) as unknown
    const bareFunction = Object.setPrototypeOf(() => 1, null) as unknown
    expect([isPlainObject(bareArray), isArray(bareArray)]).toStrictEqual([false, true])
    expect(isPlainObject(bareFunction)).toBe(false)
  })

  it('a proxy whose trap throws, and a revoked proxy: neither', () => {
    expect([isPlainObject(prototypeThrows()), isArray(prototypeThrows())]).toStrictEqual([
      false,
      false
    ])
    expect([isPlainObject(revoked()), isArray(revoked())]).toStrictEqual([false, false])
  })
})

describe('JSON Pointers', () => {
  it('escape ~ as ~0 and / as ~1, in that order; numbers as they are', () => {
    expect(escapePointerSegment('a/b~c')).toBe('a~1b~0c')
    expect(escapePointerSegment('~1')).toBe('~01')
    expect(escapePointerSegment('/~')).toBe('~1~0')
    expect(escapePointerSegment('plain')).toBe('plain')
    expect(escapePointerSegment(3)).toBe('3')
    expect(toPointer([])).toBe('')
    expect(toPointer(['a/b', 0, '~', ''])).toBe('/a~1b/0/~0/')
  })
})
