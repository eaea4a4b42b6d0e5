/**
 * Connect endpoints: phone, app, websocket, sip, vbc. The same endpoints appear in an NCCO
 * `connect` and in a create-call request's `to`; the only key spelled differently is the sip
 * endpoint's standard headers (`standardHeaders` in an NCCO, `standard_headers` in
 * create-call, docs/rules.md §6), so the sip endpoint is made for each place.
 *
 * @since 0.1.0
 */
import {
  enumOf,
  jsonObject,
  literal,
  opt,
  req,
  rule,
  string,
  stringMap,
  struct,
  taggedUnion
} from '../internal/node.js'
import type { Rule, RuleContext, TypeOf } from '../internal/node.js'
import type {
  AppEndpointFields,
  CallSipEndpointFields,
  OnAnswerFields,
  PhoneEndpointFields,
  SipEndpointFields,
  VbcEndpointFields,
  WebsocketAuthorizationFields,
  WebsocketEndpointFields
} from './field-docs.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const OnAnswer = struct(
  'OnAnswer',
  {
    url: req(
      string({ format: 'http-url' }),
      'URL of an NCCO run on the answered leg before it joins.'
    ),
    ringbackTone: opt(string({ format: 'http-url' }), 'Audio played to the caller meanwhile.', {
      aliases: ['ringback']
    })
  },
  { owner: 'onAnswer' }
)
export type OnAnswer = { [K in keyof OnAnswerFields]: TypeOf<typeof OnAnswer>[K] }

/**
 * @category codecs
 * @since 0.1.0
 */
export const PhoneEndpoint = struct(
  'PhoneEndpoint',
  {
    type: req(literal('phone'), 'The endpoint type.'),
    number: req(string({ format: 'e164' }), 'E.164 number without "+", e.g. 447700900000.'),
    dtmfAnswer: opt(
      string({ format: 'dtmf-digits' }),
      'Digits sent when the call is answered; p is a 500 ms pause.'
    ),
    onAnswer: opt(OnAnswer, 'An NCCO to run on the callee before the legs are joined.'),
    shaken: opt(string({ nonEmpty: true }), 'STIR/SHAKEN Identity header content.')
  },
  { owner: 'the phone endpoint' }
)
export type PhoneEndpoint = { [K in keyof PhoneEndpointFields]: TypeOf<typeof PhoneEndpoint>[K] }

/**
 * @category codecs
 * @since 0.1.0
 */
export const AppEndpoint = struct(
  'AppEndpoint',
  {
    type: req(literal('app'), 'The endpoint type.'),
    user: req(string({ nonEmpty: true }), 'Name of the Client SDK user to call.')
  },
  { owner: 'the app endpoint' }
)
export type AppEndpoint = { [K in keyof AppEndpointFields]: TypeOf<typeof AppEndpoint>[K] }

/**
 * @category codecs
 * @since 0.1.0
 */
export const WebsocketContentType = enumOf([
  'audio/l16;rate=8000',
  'audio/l16;rate=16000',
  'audio/l16;rate=24000'
])
export type WebsocketContentType = TypeOf<typeof WebsocketContentType>

/** The 8191-character limit of a custom Authorization value (Java SDK). */
export const AUTHORIZATION_VALUE_MAX = 8191

/**
 * @category codecs
 * @since 0.1.0
 */
export const WebsocketAuthorization = struct(
  'WebsocketAuthorization',
  {
    type: opt(
      enumOf(['vonage', 'custom']),
      'vonage sends a Vonage-signed JWT; custom sends value verbatim.',
      { default: 'vonage' }
    ),
    value: opt(
      string({ maxLength: AUTHORIZATION_VALUE_MAX, format: 'printable-ascii' }),
      'The Authorization header value (type custom only).'
    )
  },
  {
    owner: 'the websocket authorization',
    rules: [
      rule(
        (r) => {
          const custom = r.get('type') === 'custom'
          if (custom && !r.has('value')) {
            r.report('authorization-value-missing', {}, { at: 'value' })
          }
          if (!custom && r.has('value') && (r.get('type') === 'vonage' || !r.has('type'))) {
            r.report('authorization-value-ignored', {}, { at: 'value' })
          }
        },
        (u) => (u['type'] === 'custom') === (u['value'] !== undefined)
      )
    ]
  }
)
export type WebsocketAuthorization = {
  [K in keyof WebsocketAuthorizationFields]: TypeOf<typeof WebsocketAuthorization>[K]
}

/**
 * @category codecs
 * @since 0.1.0
 */
export const WebsocketEndpoint = struct(
  'WebsocketEndpoint',
  {
    type: req(literal('websocket'), 'The endpoint type.'),
    uri: req(string({ format: 'ws-url' }), 'The ws: or wss: URL to stream the audio to.'),
    'content-type': req(WebsocketContentType, 'Audio format of the stream.', {
      aliases: ['contentType']
    }),
    headers: opt(
      jsonObject({ warnAboveBytes: 512 }),
      'Data sent in the first websocket message (up to 512 bytes).'
    ),
    authorization: opt(WebsocketAuthorization, 'Authorization header of the websocket handshake.')
  },
  { owner: 'the websocket endpoint' }
)
export type WebsocketEndpoint = {
  [K in keyof WebsocketEndpointFields]: TypeOf<typeof WebsocketEndpoint>[K]
}

const StandardHeaders = struct(
  'SipStandardHeaders',
  {
    'User-to-User': req(
      string({ maxLength: 256 }),
      'The User-to-User header (RFC 7433), at most 256 characters.'
    )
  },
  { owner: 'the standard headers' }
)

const reportSipAddress = (r: RuleContext): void => {
  const uri = r.has('uri')
  const user = r.has('user')
  const domain = r.has('domain')
  const conflict = (detail: string, at?: string): void =>
    r.report('sip-address-conflict', { detail }, at === undefined ? {} : { at })
  if (uri && (user || domain)) conflict('"uri" cannot be combined with "user" or "domain"', 'uri')
  else if (user && !domain) conflict('"user" is given without "domain"', 'user')
  else if (domain && !user) conflict('"domain" is given without "user"', 'domain')
  else if (!uri && !user && !domain) conflict('none of them is given')
  const value = r.raw('uri')
  if (typeof value === 'string' && value.length > 50) {
    r.report('sip-uri-too-long', { actual: value.length }, { at: 'uri' })
  }
}

/** Either `uri` (of at most 50 characters) alone, or `user` and `domain` together. */
const sipAddressRule: Rule = rule(reportSipAddress, (u) => {
  const uri = u['uri']
  const user = u['user'] !== undefined
  const domain = u['domain'] !== undefined
  if (uri === undefined) return user && domain
  return !user && !domain && typeof uri === 'string' && uri.length <= 50
})

const sipFields = {
  type: req(literal('sip'), 'The endpoint type.'),
  uri: opt(
    string({ format: 'sip-uri' }),
    'The sip: or sips: URI to call (or give user and domain).'
  ),
  user: opt(string({ nonEmpty: true }), 'User part of the address (with domain, instead of uri).'),
  domain: opt(
    string({ nonEmpty: true }),
    'Name of a Vonage SIP domain (with user, instead of uri).'
  ),
  headers: opt(stringMap, 'Custom headers, each sent as X-<key> in the INVITE.')
} as const

const standardHeadersDoc = 'Standard SIP headers: only User-to-User.'

/**
 * The sip endpoint of an NCCO connect (`standardHeaders`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const SipEndpoint = struct(
  'SipEndpoint',
  {
    ...sipFields,
    standardHeaders: opt(StandardHeaders, standardHeadersDoc, { aliases: ['standard_headers'] })
  },
  { owner: 'the sip endpoint', rules: [sipAddressRule] }
)
export type SipEndpoint = { [K in keyof SipEndpointFields]: TypeOf<typeof SipEndpoint>[K] }

/**
 * The sip endpoint of a create-call `to` (`standard_headers`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const CallSipEndpoint = struct(
  'CallSipEndpoint',
  {
    ...sipFields,
    standard_headers: opt(StandardHeaders, standardHeadersDoc, { aliases: ['standardHeaders'] })
  },
  { owner: 'the sip endpoint', rules: [sipAddressRule] }
)
export type CallSipEndpoint = {
  [K in keyof CallSipEndpointFields]: TypeOf<typeof CallSipEndpoint>[K]
}

/**
 * @category codecs
 * @since 0.1.0
 */
export const VbcEndpoint = struct(
  'VbcEndpoint',
  {
    type: req(literal('vbc'), 'The endpoint type.'),
    extension: req(string({ nonEmpty: true }), 'The VBC extension to call.')
  },
  { owner: 'the vbc endpoint' }
)
export type VbcEndpoint = { [K in keyof VbcEndpointFields]: TypeOf<typeof VbcEndpoint>[K] }

/**
 * An endpoint of an NCCO connect.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Endpoint = taggedUnion(
  'Endpoint',
  'type',
  [PhoneEndpoint, AppEndpoint, WebsocketEndpoint, SipEndpoint, VbcEndpoint],
  { owner: 'an endpoint', unknownCode: 'unknown-endpoint-type' }
)
export type Endpoint = PhoneEndpoint | AppEndpoint | WebsocketEndpoint | SipEndpoint | VbcEndpoint

/**
 * An endpoint of a create-call request's `to`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const CallEndpoint = taggedUnion(
  'CallEndpoint',
  'type',
  [PhoneEndpoint, AppEndpoint, WebsocketEndpoint, CallSipEndpoint, VbcEndpoint],
  { owner: 'an endpoint', unknownCode: 'unknown-endpoint-type' }
)
export type CallEndpoint =
  PhoneEndpoint | AppEndpoint | WebsocketEndpoint | CallSipEndpoint | VbcEndpoint
