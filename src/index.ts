/**
 * ncco-kit: codecs, a validator, builders, a CLI and a sender for the Vonage Voice API's NCCOs
 * and create-call requests. Named re-exports only: this list is the public surface.
 *
 * @module ncco-kit
 * @since 0.1.0
 */

// findings
export { formatIssue, formatIssues, isError, issueCatalog, makeIssue } from './issue.js'
export type { Issue, IssueCode, IssueParams, Profile, Severity } from './issue.js'

// validators
export { validateCallV1, validateCallV2, validateNcco, validatorFor } from './validate.js'
export type { Loose, Validated, ValidateOptions, Validator } from './validate.js'

// NCCO codecs (each value is an io-ts codec; the type of the same name is derived from it)
export { Action, Ncco, actionNames } from './ncco/ncco.js'
export type { ActionName } from './ncco/ncco.js'
export { ConnectAction } from './ncco/connect.js'
export { ConversationAction } from './ncco/conversation.js'
export { DtmfSettings, InputAction, InputType, SpeechSettings } from './ncco/input.js'
export { NotifyAction } from './ncco/notify.js'
export { RecordAction } from './ncco/record.js'
export { StreamAction } from './ncco/stream.js'
export { TALK_TEXT_MAX, TalkAction, spokenLength } from './ncco/talk.js'
export { TransferAction } from './ncco/transfer.js'
export { WaitAction } from './ncco/wait.js'
export { AdvancedMachineDetection, MachineDetection, TranscriptionSettings } from './ncco/common.js'
export {
  AppEndpoint,
  CallEndpoint,
  CallSipEndpoint,
  Endpoint,
  OnAnswer,
  PhoneEndpoint,
  SipEndpoint,
  VbcEndpoint,
  WebsocketAuthorization,
  WebsocketContentType,
  WebsocketEndpoint
} from './ncco/endpoints.js'

// create-call codecs
export { PhoneFrom } from './call/common.js'
export { CreateCallV1Request } from './call/v1.js'
export type { CallInstructions, CallerV1, CallRecipients } from './call/v1.js'
export {
  CreateCallRequestAnswerUrl,
  CreateCallRequestNcco,
  CreateCallV2Request,
  EndpointApp,
  EndpointPhoneFrom,
  EndpointPhoneTo,
  EndpointSip,
  EndpointVBCExtension,
  EndpointWebsocket
} from './call/v2.js'
export { CreateCallV1Response } from './call/response.js'

// webhooks: what the Voice API sends (each value is a codec; its type is the decoded webhook)
export {
  decodeWebhook,
  isWebhook,
  matchWebhook,
  matchWebhookOr,
  UnknownWebhook,
  webhookRoutes
} from './webhooks/decode.js'
export type {
  EventWebhook,
  FallbackWebhook,
  RouteWebhook,
  Webhook,
  WebhookKind,
  WebhookOfKind,
  WebhookPayload,
  WebhookRoute
} from './webhooks/decode.js'
export { AnswerWebhook } from './webhooks/answer.js'
export {
  AnsweredEvent,
  BusyEvent,
  CallPlacedWebhook,
  CancelledEvent,
  CompletedEvent,
  DisconnectedEvent,
  FailedEvent,
  MachineDetectionEvent,
  RejectedEvent,
  RingingEvent,
  StartedEvent,
  TimeoutEvent,
  UnansweredEvent,
  callStatuses
} from './webhooks/call-status.js'
export type {
  CallStatus,
  CallStatusWebhook,
  HumanEvent,
  MachineEvent
} from './webhooks/call-status.js'
export {
  DtmfResult,
  InputWebhook,
  NotifyWebhook,
  RecordWebhook,
  SpeechHypothesis,
  SpeechResult,
  TranscriptionWebhook
} from './webhooks/results.js'
export { ErrorWebhook, TransferWebhook } from './webhooks/flow.js'
export type { Decoded } from './webhooks/fields.js'
export {
  defaultSignatureToleranceSeconds,
  maxAuthorizationLength,
  queryPayloadJson,
  signWebhook,
  verifyWebhookSignature,
  webhookPayloadHash,
  webhookSignatureFailureCodes,
  webhookSignatureFailureMeanings
} from './webhooks/signature.js'
export type {
  SignablePayload,
  SignedWebhookClaims,
  SignWebhookOptions,
  VerifyWebhookOptions,
  WebhookQuery,
  WebhookRequestToVerify,
  WebhookSignatureFailure,
  WebhookSignatureFailureCode
} from './webhooks/signature.js'

export { describeWebhookHandlerError, webhookHandler } from './webhooks/handler.js'
export type {
  BadPayloadError,
  BadSignatureError,
  BodyTooLargeError,
  FunctionFailureContext,
  HandlerInternalError,
  HandlerThrewError,
  InvalidNccoError,
  MissingNccoError,
  NccoReply,
  WebhookContext,
  WebhookErrorContext,
  WebhookHandler,
  WebhookHandlerError,
  WebhookHandlerOptions,
  WebhookRoutes
} from './webhooks/handler.js'

// the call simulator: a call played through the application, as the Voice API would
export { placeCall, simulateCall, simulateCallTask } from './simulator/engine.js'
export type { RunningCall } from './simulator/engine.js'
export type { AdvancedMachineDetectionOption, SimulateOptions } from './simulator/options.js'
export {
  callOutcomes,
  defaultSpeechConfidence,
  describeStep,
  parseCallScript
} from './simulator/script.js'
export type { CallerStep, CallOutcome, CallScript } from './simulator/script.js'
export { renderJson, renderPretty } from './simulator/render.js'
export type {
  CallOutcomeSummary,
  CallState,
  CallTranscript,
  EndReason,
  NccoSource,
  PromptPlayed,
  RequestKind,
  RequestResult,
  RequestRoute,
  TranscriptRequest,
  TranscriptStep
} from './simulator/transcript.js'

// JSON Schemas
export { editorKeywords, jsonSchema, schemaUrl } from './schema.js'
export type { JsonSchema, JsonSchemaOptions, SchemaKind } from './schema.js'

// sender
export {
  createClient,
  createClientOrThrow,
  mergeCallOptions,
  prepareCall
} from './sender/client.js'
export type {
  ApiVersion,
  CallAcceptedV2,
  CallCreated,
  CallCreatedV1,
  CallOptionsV1,
  CallOptionsV2,
  Client,
  PreparedCall
} from './sender/client.js'
export { ClientConfigError, defaultQueueTimeoutMs, regions } from './sender/config.js'
export type {
  ClientOptions,
  CommonOptions,
  ConfigProblem,
  KeyCredentials,
  Region,
  TokenCredentials
} from './sender/config.js'
export { CreateCallError, describeFailure, mayHaveCreatedCall } from './sender/failure.js'
export type {
  CreateCallFailure,
  FailureKind,
  Forbidden,
  InvalidRequest,
  LocalFailure,
  NetworkFailure,
  NotSent,
  OutcomeUnknown,
  RateLimited,
  Rejected,
  ServerError,
  Unauthorized,
  UnexpectedResponse
} from './sender/failure.js'
export {
  QueueRefusedError,
  createLimiter,
  defaultMaxQueue,
  isQueueRefusedError
} from './sender/limiter.js'
export type { Limiter, LimiterOptions, QueueRefusal, TakeOptions } from './sender/limiter.js'
export { ProblemDetails, summarizeProblem } from './sender/problem.js'
export type { InvalidParameter } from './sender/problem.js'
export { parseRetryAfter } from './sender/retry.js'
export type { RetryPolicy } from './sender/retry.js'
export type { Clock } from './sender/clock.js'

// builders
export {
  NccoValidationError,
  app,
  callV1,
  callV2,
  connect,
  conversation,
  input,
  ncco,
  notify,
  phone,
  record,
  sip,
  stream,
  talk,
  transfer,
  vbc,
  wait,
  websocket
} from './builders/index.js'
export type {
  ActionInput,
  AppEndpointBuilder,
  Buildable,
  BuildResult,
  BuiltCallV1Request,
  BuiltCallV2Request,
  CallEndpointOf,
  CallEndpointInput,
  CallerState,
  CallV1Builder,
  CallV2Builder,
  ConnectBuilder,
  ConversationBuilder,
  DtmfState,
  EndpointBuilder,
  EndpointInput,
  InputBuilder,
  InputMode,
  InstructionsState,
  NccoBuilder,
  NccoInput,
  NotifyBuilder,
  PhoneEndpointBuilder,
  RecordBuilder,
  SipAddress,
  SipEndpointBuilder,
  StreamBuilder,
  TalkBuilder,
  TranscriptionInput,
  TransferBuilder,
  UrlInput,
  VbcEndpointBuilder,
  WaitBuilder,
  WebsocketAuthorizationInput,
  WebsocketEndpointBuilder
} from './builders/index.js'
