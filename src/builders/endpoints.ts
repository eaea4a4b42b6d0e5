/**
 * Builders for the five endpoint types: phone, app, websocket, sip and vbc. The same builders
 * go into an NCCO `connect` and into a create-call request's `to`; the sip endpoint's standard
 * headers are written `standardHeaders` in the first and `standard_headers` in the second, and
 * `callEndpointOf` makes that one change (docs/rules.md §6).
 *
 * @since 0.1.0
 */
import {
  AppEndpoint,
  PhoneEndpoint,
  SipEndpoint,
  VbcEndpoint,
  WebsocketEndpoint
} from '../ncco/endpoints.js'
import type {
  CallEndpoint,
  CallSipEndpoint,
  Endpoint,
  OnAnswer,
  WebsocketAuthorization,
  WebsocketContentType
} from '../ncco/endpoints.js'
import { isPlainObject } from '../internal/text.js'
import { validatorFor } from '../validate.js'
import { Builder, plainOf } from './builder.js'
import type { BuildResult } from './builder.js'
import { frozenObject, phoneNumber } from './internal.js'
import type { Given, MissingMethods, NoneMissing } from './internal.js'
import type {
  PhoneEndpointMethods,
  SipEndpointMethods,
  WebsocketEndpointMethods
} from './method-docs.js'

// -------------------------------------------------------------------------------------
// phone
// -------------------------------------------------------------------------------------

const validatePhone = validatorFor(PhoneEndpoint)

/**
 * A phone endpoint under construction.
 *
 * @category builders
 * @since 0.1.0
 */
export class PhoneEndpointBuilder extends Builder<PhoneEndpoint> implements PhoneEndpointMethods {
  protected override readonly what = 'The phone endpoint'
  protected override validate(value: PhoneEndpoint): BuildResult<PhoneEndpoint> {
    return validatePhone(value)
  }
  dtmfAnswer(dtmfAnswer: Given<PhoneEndpoint, 'dtmfAnswer'>): this {
    return this.with({ dtmfAnswer })
  }
  /** An NCCO run on the callee before the legs are joined: its URL, or the whole setting. */
  onAnswer(onAnswer: string | OnAnswer): this {
    return this.with({ onAnswer: typeof onAnswer === 'string' ? { url: onAnswer } : onAnswer })
  }
  shaken(shaken: Given<PhoneEndpoint, 'shaken'>): this {
    return this.with({ shaken })
  }
}

/**
 * A phone endpoint. The number is normalised to the E.164 digits Vonage wants:
 * `phone('+44 7700 900000')` gives `447700900000`. A number that cannot be fixed so simply
 * (a national number such as `07700 900000`) is kept, and `build()` reports it.
 *
 * @example
 * import { phone } from 'ncco-kit'
 *
 * assert.deepStrictEqual(phone('+44 7700 900001').dtmfAnswer('p1').buildOrThrow(), {
 *   type: 'phone',
 *   number: '447700900001',
 *   dtmfAnswer: 'p1'
 * })
 *
 * @category constructors
 * @since 0.1.0
 */
export const phone = (number: string): PhoneEndpointBuilder =>
  new PhoneEndpointBuilder(
    frozenObject<PhoneEndpoint>({ type: 'phone', number: phoneNumber(number) })
  )

type _PhoneCovered = NoneMissing<
  MissingMethods<PhoneEndpoint, PhoneEndpointBuilder, 'type' | 'number'>
>

// -------------------------------------------------------------------------------------
// app
// -------------------------------------------------------------------------------------

const validateApp = validatorFor(AppEndpoint)

/**
 * An app (Client SDK user) endpoint.
 *
 * @category builders
 * @since 0.1.0
 */
export class AppEndpointBuilder extends Builder<AppEndpoint> {
  protected override readonly what = 'The app endpoint'
  protected override validate(value: AppEndpoint): BuildResult<AppEndpoint> {
    return validateApp(value)
  }
}

/**
 * An endpoint that calls the Client SDK user `user`.
 *
 * @example
 * import { app, connect } from 'ncco-kit'
 *
 * assert.deepStrictEqual(connect(app('alice')).buildOrThrow(), {
 *   action: 'connect',
 *   endpoint: [{ type: 'app', user: 'alice' }]
 * })
 *
 * @category constructors
 * @since 0.1.0
 */
export const app = (user: string): AppEndpointBuilder =>
  new AppEndpointBuilder(frozenObject<AppEndpoint>({ type: 'app', user }))

type _AppCovered = NoneMissing<MissingMethods<AppEndpoint, AppEndpointBuilder, 'type' | 'user'>>

// -------------------------------------------------------------------------------------
// websocket
// -------------------------------------------------------------------------------------

const validateWebsocket = validatorFor(WebsocketEndpoint)

/**
 * The Authorization header of a websocket handshake: a Vonage-signed JWT (`vonage`, the
 * default), or a `custom` value sent as given.
 *
 * @category model
 * @since 0.1.0
 */
export type WebsocketAuthorizationInput =
  { readonly type: 'custom'; readonly value: string } | { readonly type?: 'vonage' }

// Compile-time check that every input is a valid WebsocketAuthorization.
type _AuthorizationFits = WebsocketAuthorizationInput extends WebsocketAuthorization ? true : never
const _authorizationFits: _AuthorizationFits = true
void _authorizationFits

/**
 * A websocket endpoint under construction.
 *
 * @category builders
 * @since 0.1.0
 */
export class WebsocketEndpointBuilder
  extends Builder<WebsocketEndpoint>
  implements WebsocketEndpointMethods
{
  protected override readonly what = 'The websocket endpoint'
  protected override validate(value: WebsocketEndpoint): BuildResult<WebsocketEndpoint> {
    return validateWebsocket(value)
  }
  headers(headers: Given<WebsocketEndpoint, 'headers'>): this {
    return this.with({ headers })
  }
  authorization(authorization: WebsocketAuthorizationInput): this {
    return this.with({ authorization })
  }
}

/**
 * An endpoint that streams the call's audio to the websocket at `uri` (`ws:` or `wss:`), in
 * the audio format `contentType`.
 *
 * @example
 * import { websocket } from 'ncco-kit'
 *
 * websocket('wss://agent.example.com/socket', 'audio/l16;rate=16000')
 *   .authorization({ type: 'custom', value: 'Bearer token' })
 *
 * @category constructors
 * @since 0.1.0
 */
export const websocket = (
  uri: string,
  contentType: WebsocketContentType
): WebsocketEndpointBuilder =>
  new WebsocketEndpointBuilder(
    frozenObject<WebsocketEndpoint>({ type: 'websocket', uri, 'content-type': contentType })
  )

type _WebsocketCovered = NoneMissing<
  MissingMethods<WebsocketEndpoint, WebsocketEndpointBuilder, 'type' | 'uri' | 'contentType'>
>

// -------------------------------------------------------------------------------------
// sip
// -------------------------------------------------------------------------------------

const validateSip = validatorFor(SipEndpoint)

/**
 * Where a sip endpoint calls: a `sip:`/`sips:` URI, or a user on a Vonage SIP domain.
 *
 * @category model
 * @since 0.1.0
 */
export type SipAddress = string | { readonly user: string; readonly domain: string }

/**
 * A sip endpoint under construction.
 *
 * @category builders
 * @since 0.1.0
 */
export class SipEndpointBuilder extends Builder<SipEndpoint> implements SipEndpointMethods {
  protected override readonly what = 'The sip endpoint'
  protected override validate(value: SipEndpoint): BuildResult<SipEndpoint> {
    return validateSip(value)
  }
  headers(headers: Given<SipEndpoint, 'headers'>): this {
    return this.with({ headers })
  }
  /** Standard headers: `{ 'User-to-User': … }` (RFC 7433, at most 256 characters). */
  standardHeaders(standardHeaders: Given<SipEndpoint, 'standardHeaders'>): this {
    return this.with({ standardHeaders })
  }
}

/**
 * A sip endpoint: `sip('sip:desk@pbx.example.com')`, or
 * `sip({ user: 'desk', domain: 'my-domain' })` for a Vonage SIP domain.
 *
 * @example
 * import { sip } from 'ncco-kit'
 *
 * const desk = sip('sip:desk@pbx.example.com').headers({ ticket: 'T-42' })
 * assert.deepStrictEqual(desk.buildOrThrow(), {
 *   type: 'sip',
 *   uri: 'sip:desk@pbx.example.com',
 *   headers: { ticket: 'T-42' }
 * })
 * assert.deepStrictEqual(sip({ user: 'desk', domain: 'my-domain' }).buildOrThrow(), {
 *   type: 'sip',
 *   user: 'desk',
 *   domain: 'my-domain'
 * })
 *
 * @category constructors
 * @since 0.1.0
 */
export const sip = (address: SipAddress): SipEndpointBuilder =>
  new SipEndpointBuilder(
    frozenObject<SipEndpoint>(
      isPlainObject(address)
        ? { type: 'sip', user: address.user, domain: address.domain }
        : { type: 'sip', uri: address }
    )
  )

type _SipCovered = NoneMissing<
  MissingMethods<SipEndpoint, SipEndpointBuilder, 'type' | 'uri' | 'user' | 'domain'>
>

// -------------------------------------------------------------------------------------
// vbc
// -------------------------------------------------------------------------------------

const validateVbc = validatorFor(VbcEndpoint)

/**
 * A Vonage Business Communications extension.
 *
 * @category builders
 * @since 0.1.0
 */
export class VbcEndpointBuilder extends Builder<VbcEndpoint> {
  protected override readonly what = 'The vbc endpoint'
  protected override validate(value: VbcEndpoint): BuildResult<VbcEndpoint> {
    return validateVbc(value)
  }
}

/**
 * An endpoint that calls the VBC extension `extension`.
 *
 * @example
 * import { vbc } from 'ncco-kit'
 *
 * assert.deepStrictEqual(vbc('1234').buildOrThrow(), { type: 'vbc', extension: '1234' })
 *
 * @category constructors
 * @since 0.1.0
 */
export const vbc = (extension: string): VbcEndpointBuilder =>
  new VbcEndpointBuilder(frozenObject<VbcEndpoint>({ type: 'vbc', extension }))

type _VbcCovered = NoneMissing<
  MissingMethods<VbcEndpoint, VbcEndpointBuilder, 'type' | 'extension'>
>

// -------------------------------------------------------------------------------------
// endpoints in connect and in create-call
// -------------------------------------------------------------------------------------

/**
 * Any endpoint builder.
 *
 * @category model
 * @since 0.1.0
 */
export type EndpointBuilder =
  | PhoneEndpointBuilder
  | AppEndpointBuilder
  | WebsocketEndpointBuilder
  | SipEndpointBuilder
  | VbcEndpointBuilder

// Compile-time check that there is a builder for every endpoint type.
type _EveryEndpointBuilt =
  Exclude<Endpoint['type'], EndpointBuilder['value']['type']> extends never ? true : never
const _everyEndpointBuilt: _EveryEndpointBuilt = true
void _everyEndpointBuilt

/**
 * What an NCCO `connect` takes: an endpoint builder or a plain endpoint.
 *
 * @category model
 * @since 0.1.0
 */
export type EndpointInput = EndpointBuilder | Endpoint

/**
 * What a create-call request's `to` takes: an endpoint builder or a plain create-call endpoint
 * (whose sip endpoint writes `standard_headers`).
 *
 * @category model
 * @since 0.1.0
 */
export type CallEndpointInput = EndpointBuilder | CallEndpoint

/** The plain endpoint of a builder, or a frozen copy of a plain endpoint. */
export const endpointOf = (endpoint: EndpointInput): Endpoint => plainOf<Endpoint>(endpoint)

/** The create-call form of an endpoint: a sip builder's standardHeaders become standard_headers. */
export const callEndpointOf = (endpoint: CallEndpointInput): CallEndpoint => {
  if (!(endpoint instanceof SipEndpointBuilder)) return plainOf<CallEndpoint>(endpoint)
  const renamed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(endpoint.value)) {
    renamed[key === 'standardHeaders' ? 'standard_headers' : key] = value
  }
  return Object.freeze(renamed) as CallSipEndpoint
}
