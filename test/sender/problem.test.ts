import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { ProblemDetails, summarizeProblem } from '../../src/sender/problem.js'
import { rightOf } from './helpers.js'

const decode = (u: unknown) => rightOf(ProblemDetails.decode(u))

describe('ProblemDetails (lenient)', () => {
  it('decodes RFC 7807 problem details', () => {
    expect(
      decode({
        type: 'https://developer.nexmo.com/api-errors#unauthorized',
        title: 'Unauthorized',
        detail: 'You did not provide correct credentials.',
        instance: '798b8f199c45014ab7b08bfe9cc1c12c'
      })
    ).toEqual({
      type: 'https://developer.nexmo.com/api-errors#unauthorized',
      title: 'Unauthorized',
      detail: 'You did not provide correct credentials.',
      instance: '798b8f199c45014ab7b08bfe9cc1c12c'
    })
  })

  it('accepts a numeric type and invalid_parameters as an array (Voice 400, 2017)', () => {
    expect(
      decode({
        type: 400,
        title: 'Bad Request',
        invalid_parameters: [{ name: 'to', reason: 'bad' }]
      })
    ).toEqual({
      type: 400,
      title: 'Bad Request',
      invalid_parameters: [{ name: 'to', reason: 'bad' }]
    })
  })

  it('turns the legacy object map and error_title into the same shape', () => {
    expect(
      decode({
        type: 'BAD_PARAM',
        error_title: 'Bad Request',
        invalid_parameters: { to: 'Is required.', from: 42 }
      })
    ).toEqual({
      type: 'BAD_PARAM',
      title: 'Bad Request',
      invalid_parameters: [{ name: 'to', reason: 'Is required.' }, { name: 'from' }]
    })
  })

  it('drops fields of the wrong type instead of failing, and keeps error codes', () => {
    expect(
      decode({ type: true, title: 7, detail: null, 'error-code': '1120', invalid_parameters: 'to' })
    ).toEqual({ code: '1120' })
    expect(decode({ Error: 'Bad Request' })).toEqual({})
    expect(decode({ invalid_parameters: ['to', 3, { name: 1, reason: 'r' }] })).toEqual({
      invalid_parameters: [{ name: 'to' }, { reason: 'r' }]
    })
  })

  it('fails only for a value that is not an object', () => {
    for (const u of [null, 'Bad Request', 400, [{ title: 'x' }]]) {
      expect(E.isLeft(ProblemDetails.decode(u))).toBe(true)
    }
  })
})

describe('summarizeProblem', () => {
  it('one line: title, detail, invalid parameters', () => {
    expect(
      summarizeProblem({
        title: 'Bad Request',
        detail: 'The request failed validation',
        invalid_parameters: [{ name: 'to', reason: 'Number is not valid' }, { name: 'from' }]
      })
    ).toBe(
      'Bad Request: The request failed validation (invalid parameters: to: Number is not valid; from)'
    )
    expect(summarizeProblem({})).toBeUndefined()
  })
})
