import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  app,
  connect,
  conversation,
  input,
  notify,
  phone,
  record,
  stream,
  talk,
  transfer,
  wait
} from '../../src/builders/index.js'
import { findingsOf } from './helpers.js'

describe('talk', () => {
  it('keeps false and zero values', () => {
    const value = talk('Hello').bargeIn(false).loop(0).level(0).style(0).premium(false).value
    expect(value).toEqual({
      action: 'talk',
      text: 'Hello',
      bargeIn: false,
      loop: 0,
      level: 0,
      style: 0,
      premium: false
    })
    expect(E.isRight(talk('Hello').loop(0).build())).toBe(true)
  })

  it('writes every option', () => {
    expect(
      talk('<speak>Hi</speak>')
        .bargeIn(true)
        .loop(2)
        .level(-0.5)
        .language('en-GB')
        .style(2)
        .premium(true)
        .provider('vonage')
        .providerOptions({ speed: 1 }).value
    ).toEqual({
      action: 'talk',
      text: '<speak>Hi</speak>',
      bargeIn: true,
      loop: 2,
      level: -0.5,
      language: 'en-GB',
      style: 2,
      premium: true,
      provider: 'vonage',
      providerOptions: { speed: 1 }
    })
  })

  it('reports a bad argument at its field', () => {
    expect(findingsOf(talk('').level(2).loop(1.5).build())).toEqual([
      ['empty-string', '/text', 'error'],
      ['out-of-range', '/level', 'error'],
      ['not-an-integer', '/loop', 'error']
    ])
  })

  it('writes the last value given for a field', () => {
    expect(talk('Hi').loop(3).loop(0).value).toEqual({ action: 'talk', text: 'Hi', loop: 0 })
  })
})

describe('stream', () => {
  it('writes one URL as the array the API wants, and keeps zero values', () => {
    expect(stream('https://example.com/a.mp3').level(0).loop(0).bargeIn(false).value).toEqual({
      action: 'stream',
      streamUrl: ['https://example.com/a.mp3'],
      level: 0,
      loop: 0,
      bargeIn: false
    })
  })

  it('copies an array of URLs', () => {
    const urls = ['https://example.com/a.mp3']
    const built = stream(urls)
    urls.push('https://example.com/b.mp3')
    expect(built.value.streamUrl).toEqual(['https://example.com/a.mp3'])
    expect(built.value.streamUrl).not.toBe(urls)
  })
})

describe('input', () => {
  it('derives type from the kind chosen', () => {
    expect(input.dtmf().value).toEqual({ action: 'input', type: ['dtmf'] })
    expect(input.speech().value).toEqual({ action: 'input', type: ['speech'] })
    expect(input.dtmfAndSpeech().value).toEqual({ action: 'input', type: ['dtmf', 'speech'] })
  })

  it('writes the settings given, and keeps zero values', () => {
    expect(
      input
        .dtmfAndSpeech({
          dtmf: { maxDigits: 1, timeOut: 0, submitOnHash: false },
          speech: { language: 'en-GB', context: ['sales'], sensitivity: 0 }
        })
        .eventUrl('https://example.com/ivr')
        .eventMethod('GET').value
    ).toEqual({
      action: 'input',
      type: ['dtmf', 'speech'],
      dtmf: { maxDigits: 1, timeOut: 0, submitOnHash: false },
      speech: { language: 'en-GB', context: ['sales'], sensitivity: 0 },
      eventUrl: ['https://example.com/ivr'],
      eventMethod: 'GET'
    })
  })

  it('replaces DTMF and speech settings with the later ones', () => {
    expect(input.dtmf({ maxDigits: 4 }).dtmf({ timeOut: 2 }).value).toEqual({
      action: 'input',
      type: ['dtmf'],
      dtmf: { timeOut: 2 }
    })
    expect(input.speech({ language: 'en-GB' }).speech({ saveAudio: true }).value).toEqual({
      action: 'input',
      type: ['speech'],
      speech: { saveAudio: true }
    })
  })

  it('writes asynchronous mode on a DTMF input without settings, which validates', () => {
    const built = input.dtmf().mode('asynchronous')
    expect(built.value).toEqual({ action: 'input', type: ['dtmf'], mode: 'asynchronous' })
    expect(findingsOf(built.build())).toEqual([])
  })

  it('leaves to build() what the types rule out, for callers without them', () => {
    // The types offer neither of these calls; plain JavaScript can still make them.
    const untyped = input.dtmf({ maxDigits: 1 }) as unknown as {
      mode(m: string): { build(): ReturnType<ReturnType<typeof input.dtmf>['build']> }
    }
    expect(findingsOf(untyped.mode('asynchronous').build())).toEqual([
      ['async-with-dtmf-settings', '/mode', 'error']
    ])
    const speechOnly = input.speech() as unknown as {
      dtmf(s: object): { build(): ReturnType<ReturnType<typeof input.dtmf>['build']> }
    }
    expect(findingsOf(speechOnly.dtmf({}).build())).toEqual([
      ['dtmf-settings-without-dtmf', '/dtmf', 'error']
    ])
  })

  it('copies the settings objects', () => {
    const context = ['sales']
    const settings = { language: 'en-GB', context }
    const built = input.speech(settings)
    context.push('support')
    settings.language = 'fr-FR'
    expect(built.value.speech).toEqual({ language: 'en-GB', context: ['sales'] })
  })
})

describe('record', () => {
  it('starts from the defaults and writes every option', () => {
    expect(record().value).toEqual({ action: 'record' })
    expect(
      record()
        .format('wav')
        .split('conversation')
        .channels(2)
        .endOnSilence(3)
        .endOnKey('#')
        .timeOut(7200)
        .beepStart(false)
        .eventUrl('https://example.com/rec')
        .eventMethod('POST')
        .transcription({ eventUrl: 'https://example.com/tx', sentimentAnalysis: false }).value
    ).toEqual({
      action: 'record',
      format: 'wav',
      split: 'conversation',
      channels: 2,
      endOnSilence: 3,
      endOnKey: '#',
      timeOut: 7200,
      beepStart: false,
      eventUrl: ['https://example.com/rec'],
      eventMethod: 'POST',
      transcription: { eventUrl: ['https://example.com/tx'], sentimentAnalysis: false }
    })
  })

  it('reports channels without split at channels', () => {
    expect(findingsOf(record().channels(2).build())).toEqual([
      ['channels-without-split', '/channels', 'error']
    ])
  })
})

describe('conversation', () => {
  it('writes every option', () => {
    expect(
      conversation('room')
        .musicOnHoldUrl('https://example.com/hold.mp3')
        .startOnEnter(false)
        .endOnExit(false)
        .record(true)
        .canSpeak([])
        .canHear(['leg-1'])
        .mute(false)
        .eventUrl(['https://example.com/conv'])
        .eventMethod('GET')
        .transcription({}).value
    ).toEqual({
      action: 'conversation',
      name: 'room',
      musicOnHoldUrl: ['https://example.com/hold.mp3'],
      startOnEnter: false,
      endOnExit: false,
      record: true,
      canSpeak: [],
      canHear: ['leg-1'],
      mute: false,
      eventUrl: ['https://example.com/conv'],
      eventMethod: 'GET',
      transcription: {}
    })
  })

  it('reports the rules between fields at the field that breaks them', () => {
    expect(
      findingsOf(conversation('room').mute(true).canSpeak([]).transcription({}).build())
    ).toEqual([
      ['mute-with-can-speak', '/mute', 'error'],
      ['transcription-without-record', '/transcription', 'error']
    ])
  })

  it('copies leg lists', () => {
    const legs = ['leg-1']
    const built = conversation('room').canHear(legs)
    legs.push('leg-2')
    expect(built.value.canHear).toEqual(['leg-1'])
  })
})

describe('connect', () => {
  it('normalises from, and writes every option', () => {
    expect(
      connect(phone('447700900001'))
        .from('+44 7700 900000')
        .eventType('synchronous')
        .timeout(20)
        .limit(60)
        .machineDetection('hangup')
        .eventUrl('https://example.com/connect')
        .eventMethod('POST').value
    ).toEqual({
      action: 'connect',
      endpoint: [{ type: 'phone', number: '447700900001' }],
      from: '447700900000',
      eventType: 'synchronous',
      timeout: 20,
      limit: 60,
      machineDetection: 'hangup',
      eventUrl: ['https://example.com/connect'],
      eventMethod: 'POST'
    })
  })

  it('takes a plain endpoint, and uses a random caller id', () => {
    const endpoint = { type: 'app', user: 'alice' } as const
    const built = connect(endpoint)
      .randomFromNumber()
      .ringbackTone('https://example.com/ring.mp3')
      .advancedMachineDetection({ behavior: 'continue', mode: 'detect', beep_timeout: 30 })
    expect(built.value).toEqual({
      action: 'connect',
      endpoint: [{ type: 'app', user: 'alice' }],
      randomFromNumber: true,
      ringbackTone: 'https://example.com/ring.mp3',
      advancedMachineDetection: { behavior: 'continue', mode: 'detect', beep_timeout: 30 }
    })
    expect(built.value.endpoint[0]).not.toBe(endpoint)
    expect(findingsOf(built.build())).toEqual([])
  })

  it('reports a caller id that is not E.164 for a phone endpoint at from', () => {
    expect(findingsOf(connect(phone('447700900001')).from('07700 900000').build())).toEqual([
      ['invalid-phone-number', '/from', 'error']
    ])
    expect(findingsOf(connect(app('alice')).from('alice').build())).toEqual([
      ['from-not-e164', '/from', 'warning']
    ])
  })

  it('reports a bad endpoint inside it', () => {
    expect(findingsOf(connect(phone('12')).timeout(0).build())).toEqual([
      ['invalid-phone-number', '/endpoint/0/number', 'error'],
      ['out-of-range', '/timeout', 'error']
    ])
  })
})

describe('notify, wait and transfer', () => {
  it('notify copies the payload and writes one URL as an array', () => {
    const payload = { step: 'queued', tags: ['a'] }
    const built = notify(payload, 'https://example.com/notify').eventMethod('GET')
    payload.step = 'changed'
    payload.tags.push('b')
    expect(built.value).toEqual({
      action: 'notify',
      payload: { step: 'queued', tags: ['a'] },
      eventUrl: ['https://example.com/notify'],
      eventMethod: 'GET'
    })
  })

  it('wait keeps 0, leaves the timeout out when not given, and reports a negative one', () => {
    expect(wait().value).toEqual({ action: 'wait' })
    expect(wait(0).value).toEqual({ action: 'wait', timeout: 0 })
    expect(wait().timeout(2.5).value).toEqual({ action: 'wait', timeout: 2.5 })
    expect(findingsOf(wait(0).build())).toEqual([['wait-timeout-clamped', '/timeout', 'warning']])
    expect(findingsOf(wait(-1).build())).toEqual([['out-of-range', '/timeout', 'error']])
  })

  it('transfer writes every option and reports mute with canSpeak', () => {
    expect(transfer('CON-1').canHear(['a']).canSpeak(['b']).mute(false).value).toEqual({
      action: 'transfer',
      conversationId: 'CON-1',
      canHear: ['a'],
      canSpeak: ['b'],
      mute: false
    })
    expect(findingsOf(transfer('CON-1').canSpeak([]).mute(true).build())).toEqual([
      ['mute-with-can-speak', '/mute', 'error']
    ])
  })
})

describe('every builder', () => {
  it('writes -0 as 0, which JSON cannot tell apart', () => {
    expect(Object.is(talk('Hi').level(-0).value.level, 0)).toBe(true)
  })

  it('keeps a value it cannot copy, for build() to report', () => {
    const payload = {
      get boom(): never {
        throw new Error('no')
      }
    }
    const built = notify(payload, 'https://example.com/n')
    expect(built.value.payload).toBe(payload)
    expect(Object.isFrozen(built.value)).toBe(true)
    const [finding, ...others] = findingsOf(built.build())
    expect(others).toEqual([])
    expect(finding?.[0]).toBe('unreadable-value')
    expect(finding?.[1]).toMatch(/^\/payload(\/|$)/)
  })

  it('copies a cycle as a cycle, for build() to report', () => {
    const payload: Record<string, unknown> = { a: 1 }
    payload['self'] = payload
    expect(findingsOf(notify(payload, 'https://example.com/n').build())).toEqual([
      ['cyclic-reference', '/payload/self', 'error']
    ])
  })
})
