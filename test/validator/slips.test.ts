/**
 * Messages that fix the common slips seen in public NCCOs and in first use: a hint that says
 * what to change, with the exact finding (code, severity, path, message, hint). Each document
 * is checked by the validator (compiled road first) and by the interpreter alone, which must
 * agree; quoted user input stays short however large it is.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { CreateCallV1Request, Ncco } from '../../src/index.js'
import type { Issue, Profile } from '../../src/index.js'
import { interpretedValidatorFor } from '../../src/validate.js'
import { findings, minimal } from './helpers.js'

const interpreted = {
  ncco: interpretedValidatorFor(Ncco),
  v1: interpretedValidatorFor(CreateCallV1Request)
} as const

/** Every finding of `doc`, after checking that the compiled road and the interpreter agree. */
const found = (kind: 'ncco' | 'v1', doc: unknown, profile: Profile = 'strict'): Issue[] => {
  const r = interpreted[kind](doc, { profile })
  const alone = E.isLeft(r) ? [...r.left] : [...r.right.warnings]
  const issues = findings(kind, doc, profile)
  expect(issues).toEqual(alone)
  return issues
}

const lenientHint = (value: string): string =>
  `write ${value} without quotes; or validate with the lenient profile, which accepts it with a warning ({ profile: 'lenient' } in code, --profile lenient on the command line)`

const phone = { type: 'phone', number: '447700900001' }

describe('DTMF settings at the top of an input', () => {
  const input = { action: 'input', type: ['dtmf'], maxDigits: 4, timeOut: 5, submitOnHash: true }

  it('strict: each unknown key says it belongs in "dtmf"', () => {
    expect(found('ncco', [input])).toEqual([
      {
        code: 'unknown-key',
        severity: 'error',
        path: '/0/maxDigits',
        message: '"maxDigits" is not a known field of the input action.',
        hint: 'move it into "dtmf": { "maxDigits": … }'
      },
      {
        code: 'unknown-key',
        severity: 'error',
        path: '/0/timeOut',
        message: '"timeOut" is not a known field of the input action.',
        hint: 'move it into "dtmf": { "timeOut": … }'
      },
      {
        code: 'unknown-key',
        severity: 'error',
        path: '/0/submitOnHash',
        message: '"submitOnHash" is not a known field of the input action.',
        hint: 'move it into "dtmf": { "submitOnHash": … }'
      }
    ])
  })

  it('lenient: the same hints on the warnings (the compiled road reports them)', () => {
    expect(found('ncco', [{ action: 'input', type: ['dtmf'], maxDigits: 4 }], 'lenient')).toEqual([
      {
        code: 'unknown-key',
        severity: 'warning',
        path: '/0/maxDigits',
        message: '"maxDigits" is not a known field of the input action.',
        hint: 'move it into "dtmf": { "maxDigits": … }'
      }
    ])
  })

  it('a near spelling of a nested key names the documented one; a typo of an own key stays a did-you-mean', () => {
    const doc = [
      {
        action: 'input',
        type: ['dtmf', 'speech'],
        timeout: 5,
        language: 'en-GB',
        evntUrl: ['https://example.com/e']
      }
    ]
    expect(found('ncco', doc, 'lenient').map((i) => [i.path, i.hint])).toEqual([
      ['/0/timeout', 'move it into "dtmf": { "timeOut": … }'],
      ['/0/language', 'move it into "speech": { "language": … }'],
      ['/0/evntUrl', 'did you mean "eventUrl"?']
    ])
  })

  it('the same for any nested object: a websocket authorization value', () => {
    const websocket = {
      type: 'websocket',
      uri: 'wss://bot.example.com/socket',
      'content-type': 'audio/l16;rate=16000',
      value: 'Bearer abc'
    }
    expect(found('ncco', [{ action: 'connect', endpoint: [websocket] }])).toEqual([
      {
        code: 'unknown-key',
        severity: 'error',
        path: '/0/endpoint/0/value',
        message: '"value" is not a known field of the websocket endpoint.',
        hint: 'move it into "authorization": { "value": … }'
      }
    ])
  })

  it('a key of no nested object gets no move hint', () => {
    expect(found('ncco', [{ ...minimal.input, colour: 'red' }])).toEqual([
      {
        code: 'unknown-key',
        severity: 'error',
        path: '/0/colour',
        message: '"colour" is not a known field of the input action.'
      }
    ])
  })
})

describe('one object where an array is expected', () => {
  const wrap = 'wrap it in an array: [{ … }]'

  it('a connect endpoint written as an object', () => {
    expect(found('ncco', [{ action: 'connect', endpoint: phone }])).toEqual([
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/0/endpoint',
        message: 'Expected an array of endpoints, got an object.',
        hint: wrap
      }
    ])
  })

  it('a create-call "to", and an NCCO that is one action', () => {
    const doc = { ...minimal.v1, to: phone, ncco: minimal.talk }
    expect(found('v1', doc)).toEqual([
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/to',
        message: 'Expected an array of endpoints, got an object.',
        hint: wrap
      },
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/ncco',
        message: 'Expected an NCCO (an array of actions), got an object.',
        hint: wrap
      }
    ])
    expect(found('ncco', minimal.talk)).toEqual([
      {
        code: 'invalid-type',
        severity: 'error',
        path: '',
        message: 'Expected an NCCO (an array of actions), got an object.',
        hint: wrap
      }
    ])
  })

  it('a single string where an array of strings is expected', () => {
    expect(found('ncco', [{ action: 'input', type: 'dtmf' }])).toEqual([
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/0/type',
        message: 'Expected an array of input types, got a string ("dtmf").',
        hint: 'use ["dtmf"]'
      }
    ])
  })

  it('no hint for a string the items would refuse', () => {
    expect(found('ncco', [{ action: 'input', type: 'digits' }])).toEqual([
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/0/type',
        message: 'Expected an array of input types, got a string ("digits").'
      }
    ])
  })

  it('no hint for a value that is neither', () => {
    expect(found('ncco', [{ action: 'connect', endpoint: 3 }])).toEqual([
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/0/endpoint',
        message: 'Expected an array of endpoints, got a number (3).'
      }
    ])
  })
})

describe('scalars written as strings', () => {
  const doc = [
    { action: 'talk', text: 'Hello', bargeIn: 'true' },
    minimal.input,
    { action: 'connect', endpoint: [phone], timeout: '45' }
  ]

  it('strict: the hint names the lenient profile, in code and on the command line', () => {
    expect(found('ncco', doc)).toEqual([
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/0/bargeIn',
        message: 'Expected a boolean, got a string ("true").',
        hint: lenientHint('true')
      },
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/2/timeout',
        message: 'Expected an integer, got a string ("45").',
        hint: lenientHint('45')
      }
    ])
  })

  it('lenient: warnings that say Vonage tolerates it', () => {
    expect(found('ncco', doc, 'lenient')).toEqual([
      {
        code: 'stringly-scalar',
        severity: 'warning',
        path: '/0/bargeIn',
        message:
          'Expected a boolean, got the string "true"; Vonage tolerates it, but the documented type is a boolean.'
      },
      {
        code: 'stringly-scalar',
        severity: 'warning',
        path: '/2/timeout',
        message:
          'Expected an integer, got the string "45"; Vonage tolerates it, but the documented type is an integer.'
      }
    ])
  })
})

describe('language tags ignore case', () => {
  it('en-gb is en-GB: no finding, in either profile, for text-to-speech and recognition', () => {
    const doc = [
      { action: 'talk', text: 'Hello', language: 'en-gb' },
      { action: 'talk', text: 'Hello', language: 'en-gb-wls' },
      { action: 'input', type: ['speech'], speech: { language: 'en-us' } },
      { action: 'record', transcription: { language: 'de-de' } }
    ]
    expect(found('ncco', doc)).toEqual([])
    expect(found('ncco', doc, 'lenient')).toEqual([])
  })

  it('an upper-case language subtag is still malformed; the hint gives the documented tag', () => {
    expect(found('ncco', [{ action: 'talk', text: 'Hello', language: 'EN-gb' }])).toEqual([
      {
        code: 'invalid-language-tag',
        severity: 'error',
        path: '/0/language',
        message: '"language" must be a language tag such as "en-GB", got "EN-gb".',
        hint: 'use "en-GB"'
      }
    ])
    expect(found('ncco', [{ action: 'talk', text: 'Hello', language: 'XX-yy' }])).toEqual([
      {
        code: 'invalid-language-tag',
        severity: 'error',
        path: '/0/language',
        message: '"language" must be a language tag such as "en-GB", got "XX-yy".'
      }
    ])
  })

  it('a tag in no case of the list is still a warning, with the documented spelling as did-you-mean', () => {
    expect(found('ncco', [{ action: 'talk', text: 'Hello', language: 'en-gbr' }])).toEqual([
      {
        code: 'unknown-language',
        severity: 'warning',
        path: '/0/language',
        message: '"language" "en-gbr" is not in the documented text-to-speech language list.',
        hint: 'did you mean "en-GB"?'
      }
    ])
  })
})

describe('from on a websocket connect', () => {
  const websocket = {
    type: 'websocket',
    uri: 'wss://bot.example.com/socket',
    'content-type': 'audio/l16;rate=16000'
  }

  it('a label is the common use: no from-not-e164', () => {
    const doc = [{ action: 'connect', from: 'My voice bot', endpoint: [websocket] }]
    expect(found('ncco', doc)).toEqual([])
    expect(found('ncco', doc, 'lenient')).toEqual([])
  })

  it('app, sip and vbc endpoints still warn', () => {
    const doc = [
      { action: 'connect', from: 'Acme', endpoint: [{ type: 'app', user: 'alice' }] },
      { action: 'connect', from: 'Acme', endpoint: [{ type: 'sip', uri: 'sip:a@b.example' }] },
      { action: 'connect', from: 'Acme', endpoint: [{ type: 'vbc', extension: '123' }] }
    ]
    const warning = (i: number): Issue => ({
      code: 'from-not-e164',
      severity: 'warning',
      path: `/${i}/from`,
      message: '"from" is usually an E.164 number, got "Acme".'
    })
    expect(found('ncco', doc)).toEqual([warning(0), warning(1), warning(2)])
  })
})

describe('quoted user input is cut', () => {
  const huge = 'a'.repeat(100_000)
  const digits = '1'.repeat(100_000)
  const shown = (s: string): string => s.slice(0, 57) + '...'

  it('url-not-array hint, unknown-key message, invalid-type message and hint', () => {
    const doc = [
      { action: 'input', type: ['dtmf'], eventUrl: 'https://example.com/' + huge, [huge]: 1 },
      { action: 'talk', text: 'x', loop: digits }
    ]
    expect(found('ncco', doc)).toEqual([
      {
        code: 'url-not-array',
        severity: 'error',
        path: '/0/eventUrl',
        message: '"eventUrl" must be an array of URLs, got a single string.',
        hint: `use ["${shown('https://example.com/' + huge)}"]`
      },
      {
        code: 'unknown-key',
        severity: 'error',
        path: '/0/' + huge,
        message: `"${shown(huge)}" is not a known field of the input action.`
      },
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/1/loop',
        message: `Expected an integer, got a string ("${shown(digits)}").`,
        hint: lenientHint('the value')
      }
    ])
  })

  it('stringly-scalar message (lenient)', () => {
    const doc = [{ action: 'wait', timeout: '1' + '0'.repeat(99_999) }]
    expect(found('ncco', doc, 'lenient')[0]).toEqual({
      code: 'stringly-scalar',
      severity: 'warning',
      path: '/0/timeout',
      message: `Expected a number, got the string "${shown('1' + '0'.repeat(99_999))}"; Vonage tolerates it, but the documented type is a number.`
    })
  })

  it('no message or hint grows with the input (property)', () => {
    const field = fc.constantFrom(
      'text',
      'language',
      'bargeIn',
      'loop',
      'level',
      'eventUrl',
      'style',
      'voiceName',
      'premium'
    )
    fc.assert(
      fc.property(
        field,
        fc.string({ minLength: 200, maxLength: 2000 }),
        fc.constantFrom<Profile>('strict', 'lenient'),
        (key, value, profile) => {
          const doc = [{ action: 'talk', text: 'x', [key]: value, [value]: value }]
          for (const i of found('ncco', doc, profile)) {
            expect(i.message.length).toBeLessThanOrEqual(300)
            expect((i.hint ?? '').length).toBeLessThanOrEqual(300)
          }
        }
      ),
      { numRuns: 200 }
    )
  })
})
