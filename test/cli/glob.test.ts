import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { compileSegment, isGlob, splitPattern } from '../../src/cli/glob.js'

const matches = (segment: string, name: string): boolean => {
  const matcher = compileSegment(segment)
  if (E.isLeft(matcher)) throw new Error(matcher.left)
  return matcher.right(name)
}

describe('isGlob', () => {
  it.each([
    ['examples/*.json', true],
    ['a?.yaml', true],
    ['[ab].json', true],
    ['examples/ivr.json', false],
    ['-', false],
    ['dir/', false]
  ])('%s → %s', (argument, expected) => {
    expect(isGlob(argument)).toBe(expected)
  })
})

describe('splitPattern', () => {
  it.each([
    ['*.json', { base: '', segments: ['*.json'] }],
    ['examples/**/*.yaml', { base: 'examples', segments: ['**', '*.yaml'] }],
    ['./a/b/c?.json', { base: './a/b', segments: ['c?.json'] }],
    ['/tmp/x/*/y.json', { base: '/tmp/x', segments: ['*', 'y.json'] }],
    ['/*.json', { base: '/', segments: ['*.json'] }],
    ['a//*//b.json', { base: 'a/', segments: ['*', 'b.json'] }],
    ['dir/*/', { base: 'dir', segments: ['*', ''] }]
  ])('%s', (pattern, expected) => {
    expect(splitPattern(pattern)).toStrictEqual(expected)
  })
})

describe('compileSegment', () => {
  it.each([
    ['*.json', 'ivr.json', true],
    ['*.json', 'ivr.yaml', false],
    ['*.json', '.hidden.json', false],
    ['.*.json', '.hidden.json', true],
    ['*', 'anything', true],
    ['**', 'x.json', true],
    ['?.json', 'a.json', true],
    ['?.json', 'ab.json', false],
    ['?.json', '😀.json', true],
    ['[abc].json', 'b.json', true],
    ['[abc].json', 'd.json', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'bx', false],
    ['[^a-c]x', 'dx', true],
    ['[]]x', ']x', true],
    ['[a-]x', '-x', true],
    ['[.]x', '.x', false],
    ['a[b', 'a[b', true],
    ['file(1).json', 'file(1).json', true],
    ['a+b$.json', 'a+b$.json', true],
    ['a.json', 'aXjson', false],
    ['x-*.json', 'x-1.json', true],
    ['[\\]x', '\\x', true]
  ])('%s matches %s: %s', (segment, name, expected) => {
    expect(matches(segment, name)).toBe(expected)
  })

  it('refuses a reversed range instead of throwing', () => {
    expect(compileSegment('[z-a].json')).toStrictEqual(
      E.left('"[z-a].json" is not a valid pattern (is a range in [...] reversed?)')
    )
  })
})
