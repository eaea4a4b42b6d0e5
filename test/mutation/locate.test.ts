/**
 * Where a finding points in the file (src/cli/locate.ts): a missing field at the object that
 * lacks it, a key finding at the key, anything else at the value; and the YAML hints.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { offsetOf, yamlBooleanHint } from '../../src/cli/locate.js'
import { parseJson } from '../../src/cli/parse-json.js'
import { parseYaml } from '../../src/cli/parse-yaml.js'
import type { SourceNode } from '../../src/cli/source-map.js'
import type { Issue } from '../../src/issue.js'

const sourceOf = (result: E.Either<unknown, { readonly source: SourceNode }>): SourceNode => {
  if (E.isLeft(result)) throw new Error('expected a document')
  return result.right.source
}

const issue = (code: string, path: string): Issue =>
  ({ code, severity: 'error', path, message: 'm' }) as Issue

//            0123456789012345678901234567
const text = '[{"action": "talk", "tx": 1}]'
const json = sourceOf(parseJson(text))

describe('offsetOf', () => {
  it('missing-required: at the object that lacks the field, not at its nearest ancestor', () => {
    expect(offsetOf(issue('missing-required', '/0/text'), json)).toBe(1)
  })

  it('unknown-key: at the key; invalid-type at the same path: at the value', () => {
    expect(offsetOf(issue('unknown-key', '/0/tx'), json)).toBe(20)
    expect(offsetOf(issue('invalid-type', '/0/tx'), json)).toBe(26)
    expect(offsetOf(issue('duplicate-key', '/0/action'), json)).toBe(2)
  })

  it('a key finding at a path that is not there: the nearest ancestor', () => {
    expect(offsetOf(issue('unknown-key', '/0/nope'), json)).toBe(1)
    expect(offsetOf(issue('invalid-type', '/3'), json)).toBe(0)
  })
})

describe('yamlBooleanHint', () => {
  const yaml = sourceOf(parseYaml('- action: talk\n  text: hi\n  bargeIn: yes\n  premium: "no"\n'))

  it('an unquoted yes where a boolean belongs: the hint names it', () => {
    expect(yamlBooleanHint(issue('invalid-type', '/0/bargeIn'), yaml)).toBe(
      'YAML 1.2 reads the unquoted yes as the string "yes", not a boolean: write true or false.'
    )
  })

  it('a quoted "no", another code, or a path that is not there: no hint', () => {
    expect(yamlBooleanHint(issue('invalid-type', '/0/premium'), yaml)).toBeUndefined()
    expect(yamlBooleanHint(issue('unknown-key', '/0/bargeIn'), yaml)).toBeUndefined()
    expect(yamlBooleanHint(issue('invalid-type', '/0/bargeIn/x'), yaml)).toBeUndefined()
    expect(yamlBooleanHint(issue('invalid-type', '/0/text'), yaml)).toBeUndefined()
  })
})
