/**
 * The caller id of a connect (src/ncco/connect.ts): on a phone leg `from` must be E.164, with
 * the fixed number as a hint when one can be made; on an app or SIP leg a number that is not
 * E.164 is a warning; on a websocket leg any label will do.
 */
import { describe, expect, it } from 'vitest'
import { error, nccoFindings, warning } from './helpers.js'

const connect = (from: string, endpoint: unknown): unknown => [
  { action: 'connect', from, endpoint: [endpoint] }
]
const phone = { type: 'phone', number: '447700900001' }
const notE164 = (from: string) =>
  `"from" must be an E.164 number without "+" (7 to 15 digits, no leading zero), got ${JSON.stringify(from)}.`

describe('from on a phone leg', () => {
  it.each([
    ['+447700900000', '447700900000'],
    ['44 7700 900000', '447700900000'],
    ['+1 (555) 010-0000', '15550100000']
  ])('%j: invalid-phone-number with the hint use %j', (from, fixed) => {
    expect(nccoFindings(connect(from, phone))).toStrictEqual([
      error('invalid-phone-number', '/0/from', notE164(from), `use "${fixed}"`)
    ])
  })

  it.each(['Acme', '(0)7700 900000', '0447700900000'])(
    '%j: invalid-phone-number without a hint (no number to offer)',
    (from) => {
      expect(nccoFindings(connect(from, phone))).toStrictEqual([
        error('invalid-phone-number', '/0/from', notE164(from))
      ])
    }
  )

  it('an E.164 number: valid', () => {
    expect(nccoFindings(connect('447700900000', phone))).toStrictEqual([])
  })
})

describe('from on other legs', () => {
  it('an app leg: from-not-e164, a warning', () => {
    expect(nccoFindings(connect('+447700900000', { type: 'app', user: 'bob' }))).toStrictEqual([
      warning('from-not-e164', '/0/from', '"from" is usually an E.164 number, got "+447700900000".')
    ])
  })

  it('a websocket leg: any label', () => {
    expect(
      nccoFindings(
        connect('Acme', {
          type: 'websocket',
          uri: 'wss://example.com/socket',
          'content-type': 'audio/l16;rate=16000'
        })
      )
    ).toStrictEqual([])
  })
})

describe('the other caller rules', () => {
  const phoneLeg = [phone]

  it('from with randomFromNumber: true: one error at randomFromNumber', () => {
    const together = error(
      'from-with-random-from-number',
      '/0/randomFromNumber',
      '"from" and "randomFromNumber": true cannot be used together; keep one of them.'
    )
    expect(
      nccoFindings([
        { action: 'connect', from: '447700900000', randomFromNumber: true, endpoint: phoneLeg }
      ])
    ).toStrictEqual([together])
    expect(
      nccoFindings([{ action: 'connect', randomFromNumber: true, endpoint: phoneLeg }])
    ).toStrictEqual([])
    expect(
      nccoFindings([
        { action: 'connect', from: '447700900000', randomFromNumber: false, endpoint: phoneLeg }
      ])
    ).toStrictEqual([])
    // Lenient: "true" is true, and a bad from on a phone leg is still an error.
    expect(
      nccoFindings(
        [{ action: 'connect', from: 'Acme', randomFromNumber: 'true', endpoint: phoneLeg }],
        'lenient'
      )
    ).toStrictEqual([
      warning(
        'stringly-scalar',
        '/0/randomFromNumber',
        'Expected a boolean, got the string "true"; Vonage tolerates it, but the documented type is a boolean.'
      ),
      error('invalid-phone-number', '/0/from', notE164('Acme')),
      together
    ])
  })

  it('a ringback tone on a phone leg is a warning; on an app leg it is fine', () => {
    const ringbackTone = 'https://example.com/ring.mp3'
    expect(nccoFindings([{ action: 'connect', ringbackTone, endpoint: phoneLeg }])).toStrictEqual([
      warning(
        'ringback-tone-on-phone',
        '/0/ringbackTone',
        '"ringbackTone" is not recommended for a phone endpoint: the carrier plays its own ringback.'
      )
    ])
    expect(
      nccoFindings([{ action: 'connect', ringbackTone, endpoint: [{ type: 'app', user: 'bob' }] }])
    ).toStrictEqual([])
  })

  it('a SIP leg, or an endpoint that is not an array of objects: from-not-e164 as for an app', () => {
    const label = warning(
      'from-not-e164',
      '/0/from',
      '"from" is usually an E.164 number, got "Acme".'
    )
    expect(
      nccoFindings(connect('Acme', { type: 'sip', uri: 'sip:alice@example.com' }))
    ).toStrictEqual([label])
    expect(
      nccoFindings([
        { action: 'connect', from: 'Acme', endpoint: { type: 'phone', number: '447700900001' } }
      ])
    ).toStrictEqual([
      error(
        'invalid-type',
        '/0/endpoint',
        'Expected an array of endpoints, got an object.',
        'wrap it in an array: [{ … }]'
      ),
      label
    ])
    expect(nccoFindings([{ action: 'connect', from: 'Acme', endpoint: [42] }])).toStrictEqual([
      error('invalid-type', '/0/endpoint/0', 'Expected an object, got a number (42).'),
      label
    ])
  })
})
