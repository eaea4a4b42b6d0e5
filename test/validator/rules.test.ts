/**
 * One passing and one failing document for every rule of docs/rules.md §3–§6, with the exact
 * findings (code, path, severity). The last test checks that every validator code was asserted
 * somewhere in this file.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { issueCatalog } from '../../src/index.js'
import type { IssueCode } from '../../src/index.js'
import { brief, findings, minimal } from './helpers.js'
import type { Kind } from './helpers.js'

const asserted = new Set<string>()

type Finding = [IssueCode, string, 'error' | 'warning']

const check = (
  kind: Kind,
  doc: unknown,
  expected: Finding[],
  profile: 'strict' | 'lenient' = 'strict'
) => {
  const actual = brief(kind, doc, profile)
  for (const [code] of expected) asserted.add(code)
  expect(actual).toEqual(expected)
}

const ncco = (...actions: object[]) => actions
const ws = (extra: object = {}) => ({
  type: 'websocket',
  uri: 'wss://ai.example.com/socket',
  'content-type': 'audio/l16;rate=16000',
  ...extra
})
const connect = (endpoint: object, extra: object = {}) => ({
  action: 'connect',
  endpoint: [endpoint],
  ...extra
})
const phone = { type: 'phone', number: '447700900001' }

describe('§3 shared value rules', () => {
  it('an NCCO is a non-empty array of objects', () => {
    check('ncco', [], [['empty-array', '', 'error']])
    check('ncco', {}, [['invalid-type', '', 'error']])
    check('ncco', ['talk'], [['invalid-type', '/0', 'error']])
    check('ncco', ncco(minimal.talk), [])
  })

  it('action must be present, a string, and known (with did-you-mean); pay is removed', () => {
    check('ncco', ncco({ text: 'x' }), [['missing-required', '/0/action', 'error']])
    check('ncco', ncco({ action: 3 }), [['invalid-type', '/0/action', 'error']])
    check('ncco', ncco({ action: 'tlak' }), [['unknown-action', '/0/action', 'error']])
    expect(findings('ncco', ncco({ action: 'tlak' }))[0]?.hint).toBe('did you mean "talk"?')
    check('ncco', ncco({ action: 'pay', amount: 1 }), [['removed-action', '/0/action', 'error']])
  })

  it('URL arrays: a bare string is an error, empty is an error, more than one a warning', () => {
    check('ncco', ncco({ ...minimal.input, eventUrl: 'https://e.example/x' }), [
      ['url-not-array', '/0/eventUrl', 'error']
    ])
    expect(
      findings('ncco', ncco({ ...minimal.input, eventUrl: 'https://e.example/x' }))[0]?.hint
    ).toBe('use ["https://e.example/x"]')
    check('ncco', ncco({ ...minimal.input, eventUrl: [] }), [
      ['empty-array', '/0/eventUrl', 'error']
    ])
    check(
      'ncco',
      ncco({ ...minimal.input, eventUrl: ['https://a.example', 'https://b.example'] }),
      [['multiple-urls', '/0/eventUrl', 'warning']]
    )
    check('ncco', ncco({ ...minimal.input, eventUrl: ['ftp://a.example/x'] }), [
      ['invalid-url', '/0/eventUrl/0', 'error']
    ])
    check('ncco', ncco({ ...minimal.input, eventUrl: ['/relative'] }), [
      ['invalid-url', '/0/eventUrl/0', 'error']
    ])
    check('ncco', ncco({ ...minimal.input, eventUrl: ['https://a.example/ok?x=1'] }), [])
  })

  it('single URL fields are absolute http(s) URLs', () => {
    check('ncco', ncco(connect(ws(), { ringbackTone: 'https://a.example/ring.mp3' })), [])
    check('ncco', ncco(connect(ws(), { ringbackTone: 'ring.mp3' })), [
      ['invalid-url', '/0/ringbackTone', 'error']
    ])
    check('ncco', ncco(connect({ ...phone, onAnswer: { url: 'wss://x.example' } })), [
      ['invalid-url', '/0/endpoint/0/onAnswer/url', 'error']
    ])
  })

  it('strict: stringly scalars are type errors; lenient: warnings, still range-checked', () => {
    const doc = ncco({ ...minimal.talk, bargeIn: 'false', loop: '2' })
    check('ncco', ncco({ ...minimal.talk, loop: 1.5 }), [['not-an-integer', '/0/loop', 'error']])
    check('ncco', doc, [
      ['invalid-type', '/0/bargeIn', 'error'],
      ['invalid-type', '/0/loop', 'error']
    ])
    check(
      'ncco',
      doc,
      [
        ['stringly-scalar', '/0/bargeIn', 'warning'],
        ['stringly-scalar', '/0/loop', 'warning']
      ],
      'lenient'
    )
    check(
      'ncco',
      ncco({ ...minimal.talk, level: '2' }),
      [
        ['stringly-scalar', '/0/level', 'warning'],
        ['out-of-range', '/0/level', 'error']
      ],
      'lenient'
    )
    // Only "true"/"false" and plain decimals are coerced.
    for (const v of ['yes', 'on', '1e3', ' 1', '0x10']) {
      check(
        'ncco',
        ncco({ ...minimal.talk, bargeIn: v, loop: v }),
        [
          ['invalid-type', '/0/bargeIn', 'error'],
          ['invalid-type', '/0/loop', 'error']
        ],
        'lenient'
      )
    }
  })

  it('a lenient coerced bargeIn: "true" still triggers the barge-in rule', () => {
    check(
      'ncco',
      ncco({ ...minimal.talk, bargeIn: 'true' }),
      [
        ['stringly-scalar', '/0/bargeIn', 'warning'],
        ['barge-in-without-input', '/0/bargeIn', 'error']
      ],
      'lenient'
    )
  })

  it('unknown keys: error with did-you-mean in strict, warning in lenient', () => {
    const doc = ncco({ ...minimal.talk, bargein: true })
    check('ncco', doc, [['unknown-key', '/0/bargein', 'error']])
    check('ncco', doc, [['unknown-key', '/0/bargein', 'warning']], 'lenient')
    expect(findings('ncco', doc)[0]?.hint).toBe('did you mean "bargeIn"?')
  })

  it('non-canonical spellings stand in for the key; both spellings is an error', () => {
    const doc = ncco({ action: 'transfer', conversation_id: 'CON-1' })
    check('ncco', doc, [['non-canonical-key', '/0/conversation_id', 'error']])
    check('ncco', doc, [['non-canonical-key', '/0/conversation_id', 'warning']], 'lenient')
    expect(findings('ncco', doc)[0]?.hint).toBe('use "conversationId"')
    check('ncco', ncco({ action: 'transfer', conversationId: 'CON-1', conversation_id: 'CON-1' }), [
      ['non-canonical-key', '/0/conversation_id', 'error'],
      ['conflicting-spellings', '/0/conversation_id', 'error']
    ])
    // The stand-in's value is checked like the canonical key's.
    check(
      'ncco',
      ncco(connect(phone, { advanced_machine_detection: { behavior: 'explode' } })),
      [
        ['non-canonical-key', '/0/advanced_machine_detection', 'warning'],
        ['invalid-enum', '/0/advanced_machine_detection/behavior', 'error']
      ],
      'lenient'
    )
    check(
      'ncco',
      ncco(connect(ws({ contentType: 'audio/l16;rate=8000', 'content-type': undefined }))),
      [
        ['invalid-type', '/0/endpoint/0/content-type', 'error'],
        ['non-canonical-key', '/0/endpoint/0/contentType', 'error'],
        ['conflicting-spellings', '/0/endpoint/0/contentType', 'error']
      ]
    )
    const { 'content-type': _dropped, ...noContentType } = ws()
    check('ncco', ncco(connect({ ...noContentType, contentType: 'audio/l16;rate=8000' })), [
      ['non-canonical-key', '/0/endpoint/0/contentType', 'error']
    ])
    check(
      'ncco',
      ncco(
        connect({
          ...phone,
          onAnswer: { url: 'https://a.example/n', ringback: 'https://a.example/r' }
        })
      ),
      [['non-canonical-key', '/0/endpoint/0/onAnswer/ringback', 'warning']],
      'lenient'
    )
    check(
      'ncco',
      ncco(
        connect({ type: 'sip', uri: 'sip:a@b.example', standard_headers: { 'User-to-User': 'x' } })
      ),
      [['non-canonical-key', '/0/endpoint/0/standard_headers', 'error']]
    )
  })

  it('language tags: malformed is an error, well-formed but unlisted a warning', () => {
    check('ncco', ncco({ ...minimal.talk, language: 'en-GB' }), [])
    check('ncco', ncco({ ...minimal.talk, language: 'en-GB-WLS' }), [])
    check('ncco', ncco({ ...minimal.talk, language: 'english' }), [
      ['invalid-language-tag', '/0/language', 'error']
    ])
    check('ncco', ncco({ ...minimal.talk, language: 'EN-gb' }), [
      ['invalid-language-tag', '/0/language', 'error']
    ])
    check('ncco', ncco({ ...minimal.talk, language: 'xx-YY' }), [
      ['unknown-language', '/0/language', 'warning']
    ])
    check('ncco', ncco({ action: 'input', type: ['speech'], speech: { language: 'sw-KE' } }), [])
  })

  it('phone numbers: E.164 without +, 7–15 digits, no leading zero, with a fix hint', () => {
    const at = '/0/endpoint/0/number'
    check('ncco', ncco(connect({ type: 'phone', number: '1234567' })), [])
    check('ncco', ncco(connect({ type: 'phone', number: '123456789012345' })), [])
    check('ncco', ncco(connect({ type: 'phone', number: '123456' })), [
      ['invalid-phone-number', at, 'error']
    ])
    check('ncco', ncco(connect({ type: 'phone', number: '1234567890123456' })), [
      ['invalid-phone-number', at, 'error']
    ])
    check('ncco', ncco(connect({ type: 'phone', number: '07700900000' })), [
      ['invalid-phone-number', at, 'error']
    ])
    const plus = findings('ncco', ncco(connect({ type: 'phone', number: '+44 7700-900000' })))
    expect(plus.map((i) => [i.code, i.path, i.hint])).toEqual([
      ['invalid-phone-number', at, 'use "447700900000"']
    ])
  })

  it('websocket uri is ws(s); sip uri is sip(s)', () => {
    check('ncco', ncco(connect(ws({ uri: 'https://ai.example.com' }))), [
      ['invalid-url', '/0/endpoint/0/uri', 'error']
    ])
    check('ncco', ncco(connect({ type: 'sip', uri: 'tel:+44' })), [
      ['invalid-url', '/0/endpoint/0/uri', 'error']
    ])
    check(
      'ncco',
      ncco(connect({ type: 'sip', uri: 'sips:alice@pbx.example.com;transport=tls' })),
      []
    )
  })
})

describe('§4 actions', () => {
  it('record: channels requires split', () => {
    check('ncco', ncco({ action: 'record', channels: 2 }), [
      ['channels-without-split', '/0/channels', 'error']
    ])
    check('ncco', ncco({ action: 'record', channels: 2, split: 'conversation' }), [])
  })

  it('conversation: name required and non-empty; mute with canSpeak; transcription needs record', () => {
    check('ncco', ncco({ action: 'conversation' }), [['missing-required', '/0/name', 'error']])
    check('ncco', ncco({ action: 'conversation', name: '' }), [
      ['empty-string', '/0/name', 'error']
    ])
    check('ncco', ncco({ action: 'conversation', name: 'r', mute: true, canSpeak: [] }), [
      ['mute-with-can-speak', '/0/mute', 'error']
    ])
    check('ncco', ncco({ action: 'conversation', name: 'r', mute: false, canSpeak: [] }), [])
    check('ncco', ncco({ action: 'conversation', name: 'r', transcription: {} }), [
      ['transcription-without-record', '/0/transcription', 'error']
    ])
    check('ncco', ncco({ action: 'conversation', name: 'r', record: true, transcription: {} }), [])
  })

  it('connect: exactly one endpoint', () => {
    check('ncco', ncco({ action: 'connect' }), [['missing-required', '/0/endpoint', 'error']])
    check('ncco', ncco({ action: 'connect', endpoint: [] }), [
      ['empty-array', '/0/endpoint', 'error']
    ])
    check('ncco', ncco({ action: 'connect', endpoint: [phone, phone] }), [
      ['too-many-items', '/0/endpoint', 'error']
    ])
    check('ncco', ncco({ action: 'connect', endpoint: [{ type: 'fax' }] }), [
      ['unknown-endpoint-type', '/0/endpoint/0/type', 'error']
    ])
  })

  it('connect: from is E.164 for phone endpoints, a warning for app, sip and vbc, any label for a websocket; not with randomFromNumber', () => {
    check('ncco', ncco(connect(phone, { from: '447700900000' })), [])
    check('ncco', ncco(connect(phone, { from: 'Vonage' })), [
      ['invalid-phone-number', '/0/from', 'error']
    ])
    check('ncco', ncco(connect({ type: 'app', user: 'alice' }, { from: 'Vonage' })), [
      ['from-not-e164', '/0/from', 'warning']
    ])
    check('ncco', ncco(connect(ws(), { from: 'Vonage' })), [])
    check('ncco', ncco(connect(ws(), { from: '' })), [['empty-string', '/0/from', 'error']])
    check('ncco', ncco(connect(phone, { from: '447700900000', randomFromNumber: true })), [
      ['from-with-random-from-number', '/0/randomFromNumber', 'error']
    ])
    check('ncco', ncco(connect(phone, { from: '447700900000', randomFromNumber: false })), [])
  })

  it('connect: both machine detections warn; ringbackTone on phone warns', () => {
    check(
      'ncco',
      ncco(
        connect(phone, {
          machineDetection: 'hangup',
          advancedMachineDetection: { behavior: 'hangup' }
        })
      ),
      [['both-machine-detections', '/0/machineDetection', 'warning']]
    )
    check('ncco', ncco(connect(phone, { ringbackTone: 'https://a.example/r.mp3' })), [
      ['ringback-tone-on-phone', '/0/ringbackTone', 'warning']
    ])
    check('ncco', ncco(connect(phone, { advancedMachineDetection: {} })), [
      ['missing-required', '/0/advancedMachineDetection/behavior', 'error']
    ])
  })

  it('endpoints: app user, vbc extension, phone dtmfAnswer, onAnswer url', () => {
    check('ncco', ncco(connect({ type: 'app' })), [
      ['missing-required', '/0/endpoint/0/user', 'error']
    ])
    check('ncco', ncco(connect({ type: 'vbc', extension: '' })), [
      ['empty-string', '/0/endpoint/0/extension', 'error']
    ])
    check('ncco', ncco(connect({ ...phone, dtmfAnswer: 'p*123#' })), [])
    check('ncco', ncco(connect({ ...phone, dtmfAnswer: '12a' })), [
      ['invalid-format', '/0/endpoint/0/dtmfAnswer', 'error']
    ])
    check('ncco', ncco(connect({ ...phone, onAnswer: {} })), [
      ['missing-required', '/0/endpoint/0/onAnswer/url', 'error']
    ])
  })

  it('websocket: uri and content-type required; headers over 512 bytes warn', () => {
    check('ncco', ncco(connect({ type: 'websocket' })), [
      ['missing-required', '/0/endpoint/0/uri', 'error'],
      ['missing-required', '/0/endpoint/0/content-type', 'error']
    ])
    check('ncco', ncco(connect(ws({ headers: { a: { nested: [1, true, null] } } }))), [])
    check('ncco', ncco(connect(ws({ headers: { big: 'x'.repeat(600) } }))), [
      ['headers-too-large', '/0/endpoint/0/headers', 'warning']
    ])
  })

  it('websocket authorization: custom needs a value; a value with vonage is ignored', () => {
    const auth = (a: object) => ncco(connect(ws({ authorization: a })))
    check('ncco', auth({ type: 'custom', value: 'Bearer abc' }), [])
    check('ncco', auth({ type: 'custom' }), [
      ['authorization-value-missing', '/0/endpoint/0/authorization/value', 'error']
    ])
    check('ncco', auth({ type: 'vonage', value: 'x' }), [
      ['authorization-value-ignored', '/0/endpoint/0/authorization/value', 'warning']
    ])
    check('ncco', auth({ value: 'x' }), [
      ['authorization-value-ignored', '/0/endpoint/0/authorization/value', 'warning']
    ])
    check('ncco', auth({ type: 'custom', value: 'x'.repeat(8191) }), [])
    check('ncco', auth({ type: 'custom', value: 'x'.repeat(8192) }), [
      ['too-long', '/0/endpoint/0/authorization/value', 'error']
    ])
    check('ncco', auth({ type: 'custom', value: 'tab\there' }), [
      ['invalid-format', '/0/endpoint/0/authorization/value', 'error']
    ])
  })

  it('sip: uri, or user and domain together', () => {
    const sip = (e: object) => ncco(connect({ type: 'sip', ...e }))
    check('ncco', sip({ uri: 'sip:a@b.example' }), [])
    check('ncco', sip({ user: 'a', domain: 'trunk' }), [])
    check('ncco', sip({ uri: 'sip:a@b.example', user: 'a' }), [
      ['sip-address-conflict', '/0/endpoint/0/uri', 'error']
    ])
    check('ncco', sip({ user: 'a' }), [['sip-address-conflict', '/0/endpoint/0/user', 'error']])
    check('ncco', sip({ domain: 'trunk' }), [
      ['sip-address-conflict', '/0/endpoint/0/domain', 'error']
    ])
    check('ncco', sip({}), [['sip-address-conflict', '/0/endpoint/0', 'error']])
    check('ncco', sip({ uri: 'sip:' + 'a'.repeat(60) + '@b.example' }), [
      ['sip-uri-too-long', '/0/endpoint/0/uri', 'warning']
    ])
    check('ncco', sip({ uri: 'sip:a@b.example', headers: { x: 1 } }), [
      ['invalid-type', '/0/endpoint/0/headers/x', 'error']
    ])
    check(
      'ncco',
      sip({ uri: 'sip:a@b.example', standardHeaders: { 'User-to-User': 'x'.repeat(256) } }),
      []
    )
    check(
      'ncco',
      sip({ uri: 'sip:a@b.example', standardHeaders: { 'User-to-User': 'x'.repeat(257) } }),
      [['too-long', '/0/endpoint/0/standardHeaders/User-to-User', 'error']]
    )
  })

  it('talk: text required, at most 1500 characters without SSML tags, SSML wrapped in <speak>', () => {
    check('ncco', ncco({ action: 'talk' }), [['missing-required', '/0/text', 'error']])
    check('ncco', ncco({ action: 'talk', text: '' }), [['empty-string', '/0/text', 'error']])
    check('ncco', ncco({ action: 'talk', text: 'x'.repeat(1500) }), [])
    check('ncco', ncco({ action: 'talk', text: 'x'.repeat(1501) }), [
      ['too-long', '/0/text', 'error']
    ])
    const tagged = `<speak>${'<break time="1s"/>'.repeat(50)}${'x'.repeat(1500)}</speak>`
    check('ncco', ncco({ action: 'talk', text: tagged }), [])
    check('ncco', ncco({ action: 'talk', text: 'Hello <break time="1s"/> there' }), [
      ['ssml-not-wrapped', '/0/text', 'error']
    ])
    check('ncco', ncco({ action: 'talk', text: 'a < b and c > d' }), [])
    check('ncco', ncco({ ...minimal.talk, voiceName: 'Kimberly' }), [
      ['deprecated-voice-name', '/0/voiceName', 'warning']
    ])
    check(
      'ncco',
      ncco({ ...minimal.talk, provider: 'google', providerOptions: { model: 'x' } }),
      []
    )
  })

  it('stream: streamUrl required', () => {
    check('ncco', ncco({ action: 'stream' }), [['missing-required', '/0/streamUrl', 'error']])
  })

  it('input: type non-empty, distinct; settings only for listed types; mode rules', () => {
    check('ncco', ncco({ action: 'input' }), [['missing-required', '/0/type', 'error']])
    check('ncco', ncco({ action: 'input', type: [] }), [['empty-array', '/0/type', 'error']])
    check('ncco', ncco({ action: 'input', type: ['dtmf', 'dtmf'] }), [
      ['duplicate-item', '/0/type/1', 'error']
    ])
    check('ncco', ncco({ action: 'input', type: ['speech'], dtmf: {} }), [
      ['dtmf-settings-without-dtmf', '/0/dtmf', 'error']
    ])
    check('ncco', ncco({ action: 'input', type: ['dtmf'], speech: {} }), [
      ['speech-settings-without-speech', '/0/speech', 'error']
    ])
    check(
      'ncco',
      ncco({ action: 'input', type: ['dtmf'], mode: 'asynchronous', dtmf: { maxDigits: 4 } }),
      [['async-with-dtmf-settings', '/0/mode', 'error']]
    )
    check('ncco', ncco({ action: 'input', type: ['dtmf'], mode: 'asynchronous' }), [])
    check('ncco', ncco({ action: 'input', type: ['speech'], mode: 'synchronous' }), [
      ['mode-without-dtmf', '/0/mode', 'warning']
    ])
    check('ncco', ncco({ action: 'input', type: ['speech'], speech: { uuid: ['a', 'b'] } }), [
      ['too-many-items', '/0/speech/uuid', 'error']
    ])
  })

  it('notify: payload object and eventUrl required', () => {
    check('ncco', ncco({ action: 'notify' }), [
      ['missing-required', '/0/payload', 'error'],
      ['missing-required', '/0/eventUrl', 'error']
    ])
    check('ncco', ncco({ action: 'notify', payload: [], eventUrl: ['https://a.example'] }), [
      ['invalid-type', '/0/payload', 'error']
    ])
  })

  it('wait: negative or not a number is an error; outside 0.1–7200 a warning', () => {
    check('ncco', ncco({ action: 'wait', timeout: 0.1 }), [])
    check('ncco', ncco({ action: 'wait', timeout: 7200 }), [])
    check('ncco', ncco({ action: 'wait', timeout: 0.05 }), [
      ['wait-timeout-clamped', '/0/timeout', 'warning']
    ])
    check('ncco', ncco({ action: 'wait', timeout: 9000 }), [
      ['wait-timeout-clamped', '/0/timeout', 'warning']
    ])
    check('ncco', ncco({ action: 'wait', timeout: -1 }), [['out-of-range', '/0/timeout', 'error']])
    check('ncco', ncco({ action: 'wait', timeout: 'soon' }), [
      ['invalid-type', '/0/timeout', 'error']
    ])
  })

  it('transfer: conversationId required; mute with canSpeak', () => {
    check('ncco', ncco({ action: 'transfer' }), [
      ['missing-required', '/0/conversationId', 'error']
    ])
    check(
      'ncco',
      ncco({ action: 'transfer', conversationId: 'CON-1', mute: true, canSpeak: ['a'] }),
      [['mute-with-can-speak', '/0/mute', 'error']]
    )
  })
})

describe('§5 rules across actions', () => {
  const barge = { ...minimal.talk, bargeIn: true }
  it('barge-in: an input must come before any other kind of action', () => {
    check('ncco', ncco(barge, minimal.input), [])
    check(
      'ncco',
      ncco(barge, minimal.stream, { ...minimal.talk, bargeIn: false }, minimal.input),
      []
    )
    check('ncco', ncco(barge, minimal.record, minimal.input), [
      ['barge-in-without-input', '/1', 'error']
    ])
    check('ncco', ncco(minimal.talk, { ...minimal.stream, bargeIn: true }, minimal.talk), [
      ['barge-in-without-input', '/1/bargeIn', 'error']
    ])
    check('ncco', ncco(barge, minimal.input, minimal.talk, minimal.wait), [])
  })

  it('actions after a transfer never run', () => {
    check('ncco', ncco(minimal.transfer, minimal.talk, minimal.wait), [
      ['unreachable-after-transfer', '/1', 'warning'],
      ['unreachable-after-transfer', '/2', 'warning']
    ])
  })

  it('actions after a prompt that loops forever never run', () => {
    check('ncco', ncco({ ...minimal.stream, loop: 0 }, minimal.talk), [
      ['unreachable-after-infinite-loop', '/1', 'warning']
    ])
    check('ncco', ncco({ ...minimal.stream, loop: 0, bargeIn: true }, minimal.input), [])
    check('ncco', ncco(minimal.talk, { ...minimal.talk, loop: 0 }), [])
  })
})

describe('§6 create-call requests', () => {
  const { ncco: _n, ...v1NoNcco } = minimal.v1
  it('v1: valid with ncco, or with answer_url', () => {
    check('v1', minimal.v1, [])
    check(
      'v1',
      { ...v1NoNcco, answer_url: ['https://a.example/answer'], answer_method: 'POST' },
      []
    )
  })

  it('v1: paths continue into the NCCO', () => {
    check('v1', { ...minimal.v1, ncco: [{ action: 'talk' }] }, [
      ['missing-required', '/ncco/0/text', 'error']
    ])
  })

  it('v1: exactly one of ncco and answer_url; answer_method only with answer_url', () => {
    check('v1', { ...minimal.v1, answer_url: ['https://a.example'] }, [
      ['ncco-and-answer-url', '/answer_url', 'error']
    ])
    check('v1', v1NoNcco, [['missing-call-instructions', '/ncco', 'error']])
    check('v1', { ...minimal.v1, answer_method: 'GET' }, [
      ['answer-method-without-answer-url', '/answer_method', 'warning']
    ])
  })

  it('v1: exactly one of from and random_from_number: true', () => {
    const { from: _f, ...noFrom } = minimal.v1
    check('v1', noFrom, [['missing-caller', '/from', 'error']])
    check('v1', { ...noFrom, random_from_number: false }, [['missing-caller', '/from', 'error']])
    check('v1', { ...noFrom, random_from_number: true }, [])
    check('v1', { ...minimal.v1, random_from_number: true }, [
      ['from-with-random-from-number', '/random_from_number', 'error']
    ])
    check('v1', { ...minimal.v1, from: { type: 'phone', number: '+447700900000' } }, [
      ['invalid-phone-number', '/from/number', 'error']
    ])
  })

  it('v1: to is a non-empty array of endpoints; sip uses standard_headers', () => {
    check('v1', { ...minimal.v1, to: [] }, [['empty-array', '/to', 'error']])
    check(
      'v1',
      {
        ...minimal.v1,
        to: [{ type: 'sip', uri: 'sip:a@b.example', standard_headers: { 'User-to-User': 'x' } }]
      },
      []
    )
    check(
      'v1',
      {
        ...minimal.v1,
        to: [{ type: 'sip', uri: 'sip:a@b.example', standardHeaders: { 'User-to-User': 'x' } }]
      },
      [['non-canonical-key', '/to/0/standardHeaders', 'error']]
    )
    check(
      'v1',
      { ...minimal.v1, to: [{ type: 'websocket', 'content-type': 'audio/l16;rate=8000' }] },
      [['missing-required', '/to/0/uri', 'error']]
    )
  })

  it('v1: camelCase spellings of snake_case keys are non-canonical', () => {
    check('v1', { ...minimal.v1, lengthTimer: 60 }, [
      ['non-canonical-key', '/lengthTimer', 'error']
    ])
    check(
      'v1',
      { ...minimal.v1, eventUrl: ['https://a.example'] },
      [['non-canonical-key', '/eventUrl', 'warning']],
      'lenient'
    )
  })

  it('v1: both machine detections warn', () => {
    check(
      'v1',
      {
        ...minimal.v1,
        machine_detection: 'hangup',
        advanced_machine_detection: { behavior: 'continue' }
      },
      [['both-machine-detections', '/machine_detection', 'warning']]
    )
  })

  it('v2: to and from required; no random_from_number nor advanced machine detection', () => {
    check('v2', minimal.v2, [])
    const { from: _f, ...noFrom } = minimal.v2
    check('v2', noFrom, [['missing-required', '/from', 'error']])
    check('v2', { ...minimal.v2, random_from_number: true }, [
      ['unknown-key', '/random_from_number', 'error']
    ])
    check('v2', { ...minimal.v2, advanced_machine_detection: { behavior: 'hangup' } }, [
      ['unknown-key', '/advanced_machine_detection', 'error']
    ])
    check('v2', { ...minimal.v2, answer_url: ['https://a.example'] }, [
      ['ncco-and-answer-url', '/answer_url', 'error']
    ])
    check('v2', { ...minimal.v2, answer_method: 'GET' }, [
      ['answer-method-without-answer-url', '/answer_method', 'warning']
    ])
    check(
      'v2',
      {
        to: [{ type: 'app', user: 'alice' }],
        from: minimal.v2.from,
        answer_url: ['https://a.example']
      },
      []
    )
  })
})

describe('one mistake, one finding', () => {
  it('rules across fields ignore a field that is itself invalid', () => {
    check('ncco', ncco({ action: 'conversation', name: 'x', record: 'yes', transcription: {} }), [
      ['invalid-type', '/0/record', 'error']
    ])
    check('ncco', ncco({ ...minimal.talk, loop: 0, bargeIn: 'yes' }, minimal.input), [
      ['invalid-type', '/0/bargeIn', 'error']
    ])
    const { from: _f, ...noFrom } = minimal.v1
    check('v1', { ...noFrom, random_from_number: 'yes' }, [
      ['invalid-type', '/random_from_number', 'error']
    ])
  })
})

describe('values passed from code', () => {
  it('non-JSON values are type errors at their path', () => {
    check('ncco', ncco({ ...minimal.talk, level: Number.NaN }), [
      ['invalid-type', '/0/level', 'error']
    ])
    check('ncco', ncco({ ...minimal.talk, text: undefined }), [
      ['invalid-type', '/0/text', 'error']
    ])
    check('ncco', ncco({ ...minimal.notify, payload: { when: new Date(0) } }), [
      ['invalid-type', '/0/payload/when', 'error']
    ])
    check('ncco', ncco({ ...minimal.notify, payload: { n: 10n } }), [
      ['invalid-type', '/0/payload/n', 'error']
    ])
  })

  it('cycles, too-deep values and throwing getters are findings, not exceptions', () => {
    const payload: Record<string, unknown> = {}
    payload['self'] = payload
    check('ncco', ncco({ ...minimal.notify, payload }), [
      ['cyclic-reference', '/0/payload/self', 'error']
    ])
    let deep: unknown = {}
    for (let i = 0; i < 150; i++) deep = { d: deep }
    const f = findings('ncco', ncco({ ...minimal.notify, payload: deep }))
    expect(f.map((i) => i.code)).toEqual(['too-deep'])
    expect(f[0]?.path.split('/d').length).toBe(101)
    asserted.add('too-deep')
    const hostile = { action: 'talk' }
    Object.defineProperty(hostile, 'text', {
      enumerable: true,
      get() {
        throw new Error('boom')
      }
    })
    check('ncco', [hostile], [['unreadable-value', '/0/text', 'error']])
    // An action that cannot be read does not stop the others from being checked.
    const actions: unknown[] = [minimal.talk, null, { action: 'tlak' }]
    Object.defineProperty(actions, 1, {
      enumerable: true,
      get() {
        throw new Error('boom')
      }
    })
    check('ncco', actions, [
      ['unreadable-value', '/1', 'error'],
      ['unknown-action', '/2/action', 'error']
    ])
  })

  it('an array too long to walk (a sparse array from code) is one finding, at once', () => {
    const sparse = (): unknown[] => {
      const a: unknown[] = []
      a.length = 2 ** 32 - 1
      return a
    }
    check('ncco', sparse(), [['array-too-long', '', 'error']])
    check(
      'ncco',
      ncco({ action: 'input', type: sparse(), eventUrl: ['https://example.com/input'] }),
      [['array-too-long', '/0/type', 'error']]
    )
    check('ncco', ncco({ action: 'stream', streamUrl: sparse() }), [
      ['array-too-long', '/0/streamUrl', 'error']
    ])
    check(
      'ncco',
      ncco({
        action: 'notify',
        payload: { list: sparse() },
        eventUrl: ['https://example.com/notify']
      }),
      [['array-too-long', '/0/payload/list', 'error']]
    )
    // One item more than the limit, dense: refused as well; at the limit it is walked.
    const talk = { action: 'talk', text: 'x' }
    check('ncco', new Array<unknown>(1_000_001).fill(talk), [['array-too-long', '', 'error']])
  })
})

afterAll(() => {
  // Every code the validator can emit must be asserted above (the file codes belong to the CLI,
  // the webhook and simulator codes to their own tests).
  const missing = Object.entries(issueCatalog)
    .filter(
      ([code, e]) =>
        !e.source.startsWith('CLI') && !('area' in e && e.area !== undefined) && !asserted.has(code)
    )
    .map(([code]) => code)
  expect(missing).toEqual([])
})
