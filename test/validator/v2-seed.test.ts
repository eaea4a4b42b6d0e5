import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CreateCallRequestAnswerUrl,
  CreateCallRequestNcco,
  EndpointPhoneFrom,
  EndpointSip,
  validatorFor
} from '../../src/index.js'

const to = [{ type: 'phone', number: '447700900001' }]
const from = { type: 'phone', number: '447700900000' }

describe("the seed's v2 names", () => {
  it('CreateCallRequestNcco needs ncco and has no answer_url', () => {
    expect(CreateCallRequestNcco.is({ to, from, ncco: [{ action: 'talk', text: 'Hi' }] })).toBe(
      true
    )
    const r = validatorFor(CreateCallRequestNcco)({ to, from, answer_url: ['https://a.example'] })
    expect(E.isLeft(r) && r.left.map((i) => [i.code, i.path])).toEqual([
      ['unknown-key', '/answer_url'],
      ['missing-required', '/ncco']
    ])
  })

  it('CreateCallRequestAnswerUrl needs answer_url and accepts answer_method', () => {
    const ok = { to, from, answer_url: ['https://a.example'], answer_method: 'POST' }
    expect(CreateCallRequestAnswerUrl.is(ok)).toBe(true)
    const r = validatorFor(CreateCallRequestAnswerUrl)({
      to,
      from,
      answerUrl: ['https://a.example']
    })
    expect(E.isLeft(r) && r.left.map((i) => [i.code, i.path])).toEqual([
      ['non-canonical-key', '/answerUrl']
    ])
  })

  it('endpoint names of the seed are the create-call endpoints', () => {
    expect(EndpointPhoneFrom.is(from)).toBe(true)
    expect(
      EndpointSip.is({
        type: 'sip',
        uri: 'sip:a@b.example',
        standard_headers: { 'User-to-User': 'x' }
      })
    ).toBe(true)
    expect(
      EndpointSip.is({
        type: 'sip',
        uri: 'sip:a@b.example',
        standardHeaders: { 'User-to-User': 'x' }
      })
    ).toBe(false)
  })
})
