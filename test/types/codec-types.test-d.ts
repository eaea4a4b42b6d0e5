/**
 * The named codec types (mapped over the generated src/ncco/field-docs.ts, so that editors
 * show each field its description) are exactly the types the codecs derive: a field added to a
 * codec without `npm run docs`, or a required field made optional, fails here.
 */
import { describe, expectTypeOf, it } from 'vitest'
import type {
  Action,
  AdvancedMachineDetection,
  AppEndpoint,
  CallEndpoint,
  CallSipEndpoint,
  ConnectAction,
  ConversationAction,
  DtmfSettings,
  Endpoint,
  InputAction,
  Ncco,
  NotifyAction,
  OnAnswer,
  PhoneEndpoint,
  PhoneFrom,
  RecordAction,
  SipEndpoint,
  SpeechSettings,
  StreamAction,
  TalkAction,
  TranscriptionSettings,
  TransferAction,
  VbcEndpoint,
  WaitAction,
  WebsocketAuthorization,
  WebsocketEndpoint
} from '../../src/index.js'
import type { TypeOf } from '../../src/internal/node.js'

describe('the named codec types', () => {
  it('are the types of the codecs', () => {
    expectTypeOf<RecordAction>().toEqualTypeOf<TypeOf<typeof RecordAction>>()
    expectTypeOf<ConversationAction>().toEqualTypeOf<TypeOf<typeof ConversationAction>>()
    expectTypeOf<ConnectAction>().toEqualTypeOf<TypeOf<typeof ConnectAction>>()
    expectTypeOf<TalkAction>().toEqualTypeOf<TypeOf<typeof TalkAction>>()
    expectTypeOf<StreamAction>().toEqualTypeOf<TypeOf<typeof StreamAction>>()
    expectTypeOf<InputAction>().toEqualTypeOf<TypeOf<typeof InputAction>>()
    expectTypeOf<NotifyAction>().toEqualTypeOf<TypeOf<typeof NotifyAction>>()
    expectTypeOf<WaitAction>().toEqualTypeOf<TypeOf<typeof WaitAction>>()
    expectTypeOf<TransferAction>().toEqualTypeOf<TypeOf<typeof TransferAction>>()
    expectTypeOf<DtmfSettings>().toEqualTypeOf<TypeOf<typeof DtmfSettings>>()
    expectTypeOf<SpeechSettings>().toEqualTypeOf<TypeOf<typeof SpeechSettings>>()
    expectTypeOf<TranscriptionSettings>().toEqualTypeOf<TypeOf<typeof TranscriptionSettings>>()
    expectTypeOf<AdvancedMachineDetection>().toEqualTypeOf<
      TypeOf<typeof AdvancedMachineDetection>
    >()
    expectTypeOf<PhoneEndpoint>().toEqualTypeOf<TypeOf<typeof PhoneEndpoint>>()
    expectTypeOf<OnAnswer>().toEqualTypeOf<TypeOf<typeof OnAnswer>>()
    expectTypeOf<AppEndpoint>().toEqualTypeOf<TypeOf<typeof AppEndpoint>>()
    expectTypeOf<WebsocketEndpoint>().toEqualTypeOf<TypeOf<typeof WebsocketEndpoint>>()
    expectTypeOf<WebsocketAuthorization>().toEqualTypeOf<TypeOf<typeof WebsocketAuthorization>>()
    expectTypeOf<SipEndpoint>().toEqualTypeOf<TypeOf<typeof SipEndpoint>>()
    expectTypeOf<CallSipEndpoint>().toEqualTypeOf<TypeOf<typeof CallSipEndpoint>>()
    expectTypeOf<VbcEndpoint>().toEqualTypeOf<TypeOf<typeof VbcEndpoint>>()
    expectTypeOf<PhoneFrom>().toEqualTypeOf<TypeOf<typeof PhoneFrom>>()
  })

  it('make up the unions the codecs derive', () => {
    expectTypeOf<Action>().toEqualTypeOf<TypeOf<typeof Action>>()
    expectTypeOf<Endpoint>().toEqualTypeOf<TypeOf<typeof Endpoint>>()
    expectTypeOf<CallEndpoint>().toEqualTypeOf<TypeOf<typeof CallEndpoint>>()
    expectTypeOf<Ncco>().toEqualTypeOf<TypeOf<typeof Ncco>>()
    expectTypeOf<Ncco>().toEqualTypeOf<Array<Action>>()
  })
})
