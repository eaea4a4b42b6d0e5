import { describe, expect, it } from 'vitest'
import { app, callV1, connect, phone, sip, talk, vbc, websocket } from '../../src/builders/index.js'
import { findingsOf } from './helpers.js'

describe('phone', () => {
  it.each([
    ['+44 7700 900000', '447700900000'],
    ['0044-7700-900000', '447700900000'],
    ['+1 (555) 010-0000', '15550100000'],
    ['447700900000', '447700900000']
  ])('normalises %j to %j', (given, written) => {
    expect(phone(given).value).toEqual({ type: 'phone', number: written })
    expect(findingsOf(phone(given).build())).toEqual([])
  })

  it('keeps a number it cannot fix, for build() to report at number', () => {
    expect(phone('07700 900000').value.number).toBe('07700 900000')
    expect(findingsOf(phone('07700 900000').build())).toEqual([
      ['invalid-phone-number', '/number', 'error']
    ])
  })

  it('writes every option; onAnswer takes a URL or the whole setting', () => {
    expect(
      phone('447700900001').dtmfAnswer('p1#').onAnswer('https://example.com/whisper').shaken('x')
        .value
    ).toEqual({
      type: 'phone',
      number: '447700900001',
      dtmfAnswer: 'p1#',
      onAnswer: { url: 'https://example.com/whisper' },
      shaken: 'x'
    })
    expect(
      phone('447700900001').onAnswer({
        url: 'https://example.com/whisper',
        ringbackTone: 'https://example.com/ring.mp3'
      }).value.onAnswer
    ).toEqual({ url: 'https://example.com/whisper', ringbackTone: 'https://example.com/ring.mp3' })
  })
})

describe('app, vbc and websocket', () => {
  it('writes the endpoint', () => {
    expect(app('alice').value).toEqual({ type: 'app', user: 'alice' })
    expect(vbc('1234').value).toEqual({ type: 'vbc', extension: '1234' })
    expect(
      websocket('wss://example.com/socket', 'audio/l16;rate=16000')
        .headers({ id: 1 })
        .authorization({ type: 'custom', value: 'Bearer x' }).value
    ).toEqual({
      type: 'websocket',
      uri: 'wss://example.com/socket',
      'content-type': 'audio/l16;rate=16000',
      headers: { id: 1 },
      authorization: { type: 'custom', value: 'Bearer x' }
    })
    expect(findingsOf(websocket('https://example.com', 'audio/l16;rate=8000').build())).toEqual([
      ['invalid-url', '/uri', 'error']
    ])
  })
})

describe('sip', () => {
  const desk = sip('sip:desk@pbx.example.com')
    .headers({ Account: '1042' })
    .standardHeaders({ 'User-to-User': '342342ef34;encoding=hex' })

  it('writes a URI or a user on a domain', () => {
    expect(sip({ user: 'desk', domain: 'acme' }).value).toEqual({
      type: 'sip',
      user: 'desk',
      domain: 'acme'
    })
    expect(desk.value).toEqual({
      type: 'sip',
      uri: 'sip:desk@pbx.example.com',
      headers: { Account: '1042' },
      standardHeaders: { 'User-to-User': '342342ef34;encoding=hex' }
    })
  })

  it('writes standardHeaders in an NCCO connect and standard_headers in a create-call to', () => {
    expect(connect(desk).value.endpoint[0]).toEqual(desk.value)
    const request = callV1()
      .to(desk)
      .randomFromNumber()
      .ncco([talk('Hi')]).value
    expect(request.to).toEqual([
      {
        type: 'sip',
        uri: 'sip:desk@pbx.example.com',
        headers: { Account: '1042' },
        standard_headers: { 'User-to-User': '342342ef34;encoding=hex' }
      }
    ])
    expect(
      findingsOf(
        callV1()
          .to(desk)
          .randomFromNumber()
          .ncco([talk('Hi')])
          .build()
      )
    ).toEqual([])
  })
})
