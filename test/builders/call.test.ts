import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  NccoValidationError,
  app,
  callV1,
  callV2,
  ncco,
  phone,
  sip,
  talk
} from '../../src/builders/index.js'
import { findingsOf } from './helpers.js'

describe('callV1', () => {
  it('writes snake_case keys from camelCase methods, in the order they were called', () => {
    const request = callV1()
      .to(phone('+44 7700 900001'), app('alice'))
      .from('+44 7700 900000')
      .ncco(ncco(talk('Hello')))
      .eventUrl('https://example.com/event')
      .eventMethod('GET')
      .machineDetection('hangup')
      .advancedMachineDetection({ behavior: 'continue', mode: 'detect_beep', beep_timeout: 45 })
      .lengthTimer(86400)
      .ringingTimer(1)
    expect(JSON.stringify(request)).toBe(
      JSON.stringify({
        to: [
          { type: 'phone', number: '447700900001' },
          { type: 'app', user: 'alice' }
        ],
        from: { type: 'phone', number: '447700900000' },
        ncco: [{ action: 'talk', text: 'Hello' }],
        event_url: ['https://example.com/event'],
        event_method: 'GET',
        machine_detection: 'hangup',
        advanced_machine_detection: { behavior: 'continue', mode: 'detect_beep', beep_timeout: 45 },
        length_timer: 86400,
        ringing_timer: 1
      })
    )
    expect(findingsOf(request.build())).toEqual([
      ['both-machine-detections', '/machine_detection', 'warning']
    ])
  })

  it('takes an answer URL and a random caller id instead', () => {
    const request = callV1()
      .randomFromNumber()
      .answerUrl('https://example.com/answer')
      .answerMethod('POST')
      .to(sip({ user: 'desk', domain: 'acme' }))
    expect(request.value).toEqual({
      random_from_number: true,
      answer_url: ['https://example.com/answer'],
      answer_method: 'POST',
      to: [{ type: 'sip', user: 'desk', domain: 'acme' }]
    })
    expect(findingsOf(request.build())).toEqual([])
  })

  it('takes the NCCO as a list of builders and plain actions', () => {
    const request = callV1()
      .to(phone('447700900001'))
      .randomFromNumber()
      .ncco([talk('Hi'), { action: 'wait' }])
    expect(request.value.ncco).toEqual([{ action: 'talk', text: 'Hi' }, { action: 'wait' }])
  })

  it('reports findings at paths into the request and its NCCO', () => {
    const request = callV1()
      .to(phone('07700 900001'))
      .from('abc')
      .ncco([talk('Hi').loop(-1)])
      .lengthTimer(0)
    expect(findingsOf(request.build())).toEqual([
      ['invalid-phone-number', '/to/0/number', 'error'],
      ['invalid-phone-number', '/from/number', 'error'],
      ['out-of-range', '/ncco/0/loop', 'error'],
      ['out-of-range', '/length_timer', 'error']
    ])
    expect(() => request.buildOrThrow()).toThrow(NccoValidationError)
  })

  it('writes the later endpoints when to is called again', () => {
    const request = callV1().to(phone('447700900001')).to(app('bob')).randomFromNumber()
    expect(request.answerUrl('https://example.com/a').value.to).toEqual([
      { type: 'app', user: 'bob' }
    ])
  })
})

describe('callV2', () => {
  it('writes the v2 request', () => {
    const request = callV2()
      .to(app('alice'))
      .from('447700900000')
      .answerUrl('https://example.com/answer')
      .answerMethod('POST')
      .eventUrl('https://example.com/event')
      .eventMethod('POST')
      .machineDetection('continue')
      .lengthTimer(7200)
      .ringingTimer(120)
    expect(request.value).toEqual({
      to: [{ type: 'app', user: 'alice' }],
      from: { type: 'phone', number: '447700900000' },
      answer_url: ['https://example.com/answer'],
      answer_method: 'POST',
      event_url: ['https://example.com/event'],
      event_method: 'POST',
      machine_detection: 'continue',
      length_timer: 7200,
      ringing_timer: 120
    })
    expect(E.isRight(request.build())).toBe(true)
  })

  it('checks the v2 range of length_timer (at most 7200, where v1 allows 86400)', () => {
    const request = callV2()
      .to(app('alice'))
      .from('447700900000')
      .ncco([talk('Hi')])
    expect(findingsOf(request.lengthTimer(86400).build())).toEqual([
      ['out-of-range', '/length_timer', 'error']
    ])
  })
})
