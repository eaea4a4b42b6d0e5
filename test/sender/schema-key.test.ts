/**
 * A create-call request file may carry a top-level "$schema" key for editors: the validator
 * accepts it in both profiles, and the sender leaves it out of what it sends.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { prepareCall, validateCallV1, validateCallV2 } from '../../src/index.js'

const schema = 'https://cdn.jsdelivr.net/npm/ncco-kit@0.2.0/schema/call-v1.json'
const v1 = {
  $schema: schema,
  to: [{ type: 'phone', number: '447700900000' }],
  random_from_number: true,
  ncco: [{ action: 'talk', text: 'Hi' }]
}

describe('"$schema" in a create-call request', () => {
  it('is valid in both profiles, v1 and v2', () => {
    expect(E.isRight(validateCallV1(v1))).toBe(true)
    expect(E.isRight(validateCallV1(v1, { profile: 'lenient' }))).toBe(true)
    const v2 = {
      $schema: schema,
      to: [{ type: 'phone', number: '447700900000' }],
      from: { type: 'phone', number: '447700900001' },
      ncco: [{ action: 'talk', text: 'Hi' }]
    }
    expect(validateCallV2(v2)).toEqual(E.right({ value: v2, warnings: [] }))
  })

  it('must be a string', () => {
    const result = validateCallV1({ ...v1, $schema: 1 })
    expect(E.isLeft(result) && result.left.map((i) => [i.code, i.path])).toEqual([
      ['invalid-type', '/$schema']
    ])
  })

  it('is never sent', () => {
    const prepared = prepareCall('v1', v1)
    expect(E.isRight(prepared) && JSON.parse(prepared.right.body)).toEqual({
      to: [{ type: 'phone', number: '447700900000' }],
      random_from_number: true,
      ncco: [{ action: 'talk', text: 'Hi' }]
    })
    expect(E.isRight(prepared) && prepared.right.request).toBe(v1)
  })
})
