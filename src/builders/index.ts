/**
 * The builders' public surface: fluent, immutable builders for the nine actions, the five
 * endpoints, NCCOs and create-call requests. Named exports only.
 *
 * @since 0.1.0
 */

// every builder
export { NccoValidationError } from './builder.js'
export type { Buildable, BuildResult } from './builder.js'
export type { TranscriptionInput, UrlInput } from './internal.js'

// actions
export { connect } from './connect.js'
export type { CallerState, ConnectBuilder } from './connect.js'
export { conversation } from './conversation.js'
export type { ConversationBuilder } from './conversation.js'
export { input } from './input.js'
export type { DtmfState, InputBuilder, InputMode } from './input.js'
export { notify } from './notify.js'
export type { NotifyBuilder } from './notify.js'
export { record } from './record.js'
export type { RecordBuilder } from './record.js'
export { stream } from './stream.js'
export type { StreamBuilder } from './stream.js'
export { talk } from './talk.js'
export type { TalkBuilder } from './talk.js'
export { transfer } from './transfer.js'
export type { TransferBuilder } from './transfer.js'
export { wait } from './wait.js'
export type { WaitBuilder } from './wait.js'

// endpoints
export { app, phone, sip, vbc, websocket } from './endpoints.js'
export type {
  AppEndpointBuilder,
  CallEndpointInput,
  EndpointBuilder,
  EndpointInput,
  PhoneEndpointBuilder,
  SipAddress,
  SipEndpointBuilder,
  VbcEndpointBuilder,
  WebsocketAuthorizationInput,
  WebsocketEndpointBuilder
} from './endpoints.js'

// NCCOs and create-call requests
export { ncco } from './ncco.js'
export type { ActionInput, NccoBuilder } from './ncco.js'
export { callV1, callV2 } from './call.js'
export type {
  BuiltCallV1Request,
  BuiltCallV2Request,
  CallEndpointOf,
  CallV1Builder,
  CallV2Builder,
  InstructionsState,
  NccoInput
} from './call.js'
