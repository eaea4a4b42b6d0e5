/**
 * Arbitraries for the connect endpoints (NCCO `connect` and create-call `to`), respecting the
 * endpoint rules: a websocket authorization has a value exactly when its type is custom; a sip
 * endpoint has either `uri` (at most 50 characters) or `user` and `domain`; websocket headers
 * stay within 512 bytes.
 */
import fc from 'fast-check'
import type {
  AppEndpoint,
  CallEndpoint,
  CallSipEndpoint,
  Endpoint,
  OnAnswer,
  PhoneEndpoint,
  SipEndpoint,
  VbcEndpoint,
  WebsocketAuthorization,
  WebsocketEndpoint
} from '../../src/index.js'
import {
  e164,
  httpUrl,
  nonEmptyString,
  printableAscii,
  sipHeaders,
  sipUri,
  websocketHeaders,
  wsUrl
} from './values.js'

export const onAnswer: fc.Arbitrary<OnAnswer> = fc.record(
  { url: httpUrl, ringbackTone: httpUrl },
  { requiredKeys: ['url'] }
)

export const dtmfDigits: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...'0123456789*#p'),
  minLength: 1,
  maxLength: 12
})

export const phoneEndpoint: fc.Arbitrary<PhoneEndpoint> = fc.record(
  {
    type: fc.constant('phone' as const),
    number: e164,
    dtmfAnswer: dtmfDigits,
    onAnswer,
    shaken: nonEmptyString
  },
  { requiredKeys: ['type', 'number'] }
)

export const appEndpoint: fc.Arbitrary<AppEndpoint> = fc.record({
  type: fc.constant('app' as const),
  user: nonEmptyString
})

/** The longest custom Authorization value (Java SDK), generated exactly at times. */
const AUTHORIZATION_VALUE_LIMIT = 8191

/** `vonage` (or no type, which means vonage) has no value; `custom` always has one. */
export const websocketAuthorization: fc.Arbitrary<WebsocketAuthorization> = fc.oneof(
  fc.record({ type: fc.constant('vonage' as const) }, { requiredKeys: [] }),
  fc.record({
    type: fc.constant('custom' as const),
    value: fc.oneof(
      { arbitrary: printableAscii(0, 60), weight: 4 },
      {
        arbitrary: printableAscii(AUTHORIZATION_VALUE_LIMIT, AUTHORIZATION_VALUE_LIMIT),
        weight: 1
      }
    )
  })
)

export const websocketEndpoint: fc.Arbitrary<WebsocketEndpoint> = fc.record(
  {
    type: fc.constant('websocket' as const),
    uri: wsUrl,
    'content-type': fc.constantFrom(
      'audio/l16;rate=8000' as const,
      'audio/l16;rate=16000' as const,
      'audio/l16;rate=24000' as const
    ),
    headers: websocketHeaders,
    authorization: websocketAuthorization
  },
  { requiredKeys: ['type', 'uri', 'content-type'] }
)

export const standardHeaders: fc.Arbitrary<{ readonly 'User-to-User': string }> = fc.record({
  'User-to-User': fc.oneof(
    { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
    { arbitrary: fc.string({ minLength: 256, maxLength: 256, unit: 'binary-ascii' }), weight: 1 }
  )
})

/** Either `uri`, or `user` and `domain`: never both forms, never one of user/domain alone. */
const sipAddress: fc.Arbitrary<
  { readonly uri: string } | { readonly user: string; readonly domain: string }
> = fc.oneof(
  fc.record({ uri: sipUri }),
  fc.record({ user: nonEmptyString, domain: nonEmptyString })
)

/** The sip endpoint of an NCCO connect (`standardHeaders`). */
export const sipEndpoint: fc.Arbitrary<SipEndpoint> = fc
  .tuple(sipAddress, fc.record({ headers: sipHeaders, standardHeaders }, { requiredKeys: [] }))
  .map(([address, extras]) => ({ type: 'sip' as const, ...address, ...extras }))

/** The sip endpoint of a create-call `to` (`standard_headers`). */
export const callSipEndpoint: fc.Arbitrary<CallSipEndpoint> = fc
  .tuple(
    sipAddress,
    fc.record({ headers: sipHeaders, standard_headers: standardHeaders }, { requiredKeys: [] })
  )
  .map(([address, extras]) => ({ type: 'sip' as const, ...address, ...extras }))

export const vbcEndpoint: fc.Arbitrary<VbcEndpoint> = fc.record({
  type: fc.constant('vbc' as const),
  extension: nonEmptyString
})

/** An endpoint of an NCCO connect. */
export const endpoint: fc.Arbitrary<Endpoint> = fc.oneof(
  phoneEndpoint,
  appEndpoint,
  websocketEndpoint,
  sipEndpoint,
  vbcEndpoint
)

/** An endpoint of a create-call request's `to`. */
export const callEndpoint: fc.Arbitrary<CallEndpoint> = fc.oneof(
  phoneEndpoint,
  appEndpoint,
  websocketEndpoint,
  callSipEndpoint,
  vbcEndpoint
)
