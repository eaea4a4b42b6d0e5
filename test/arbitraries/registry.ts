/**
 * Which arbitrary generates which object of the field descriptions. The agreement test reads
 * this table: each described object must have an entry, and each entry must generate exactly
 * the keys its description lists.
 */
import type fc from 'fast-check'
import { createCallV1Struct } from '../../src/call/v1.js'
import { createCallV2Struct } from '../../src/call/v2.js'
import {
  AdvancedMachineDetection,
  AppEndpoint,
  CallSipEndpoint,
  ConnectAction,
  ConversationAction,
  DtmfSettings,
  InputAction,
  NotifyAction,
  OnAnswer,
  PhoneEndpoint,
  PhoneFrom,
  RecordAction,
  SipEndpoint,
  SpeechSettings,
  StreamAction,
  TalkAction,
  TransferAction,
  TranscriptionSettings,
  VbcEndpoint,
  WaitAction,
  WebsocketAuthorization,
  WebsocketEndpoint
} from '../../src/index.js'
import type { AnyNode, AnyStruct } from '../../src/internal/node.js'
import {
  connectAction,
  conversationAction,
  inputAction,
  notifyAction,
  recordAction,
  streamAction,
  talkAction,
  transferAction,
  waitAction
} from './actions.js'
import { createCallV1, createCallV2, phoneFrom } from './documents.js'
import {
  appEndpoint,
  callSipEndpoint,
  onAnswer,
  phoneEndpoint,
  sipEndpoint,
  standardHeaders,
  vbcEndpoint,
  websocketAuthorization,
  websocketEndpoint
} from './endpoints.js'
import {
  advancedMachineDetection,
  dtmfSettings,
  speechSettings,
  transcriptionSettings
} from './settings.js'

/** The node of a field, for objects the package does not export on their own. */
const fieldNode = (owner: AnyStruct, name: string): AnyNode => {
  const field = owner.fields.find((f) => f.name === name)
  if (field === undefined) throw new Error(`${owner.name} has no field ${name}`)
  return field.node
}

export interface StructArbitrary {
  /** The description: a struct node (its `spec.kind` is `struct`). */
  readonly node: AnyNode
  readonly arbitrary: fc.Arbitrary<unknown>
}

export const structArbitraries: ReadonlyArray<StructArbitrary> = [
  { node: RecordAction, arbitrary: recordAction },
  { node: ConversationAction, arbitrary: conversationAction },
  { node: ConnectAction, arbitrary: connectAction },
  { node: TalkAction, arbitrary: talkAction },
  { node: StreamAction, arbitrary: streamAction },
  { node: InputAction, arbitrary: inputAction },
  { node: NotifyAction, arbitrary: notifyAction },
  { node: WaitAction, arbitrary: waitAction },
  { node: TransferAction, arbitrary: transferAction },
  { node: TranscriptionSettings, arbitrary: transcriptionSettings },
  { node: AdvancedMachineDetection, arbitrary: advancedMachineDetection },
  { node: DtmfSettings, arbitrary: dtmfSettings },
  { node: SpeechSettings, arbitrary: speechSettings },
  { node: PhoneEndpoint, arbitrary: phoneEndpoint },
  { node: OnAnswer, arbitrary: onAnswer },
  { node: AppEndpoint, arbitrary: appEndpoint },
  { node: WebsocketEndpoint, arbitrary: websocketEndpoint },
  { node: WebsocketAuthorization, arbitrary: websocketAuthorization },
  { node: SipEndpoint, arbitrary: sipEndpoint },
  { node: CallSipEndpoint, arbitrary: callSipEndpoint },
  { node: fieldNode(SipEndpoint, 'standardHeaders'), arbitrary: standardHeaders },
  { node: VbcEndpoint, arbitrary: vbcEndpoint },
  { node: PhoneFrom, arbitrary: phoneFrom },
  { node: createCallV1Struct, arbitrary: createCallV1 },
  { node: createCallV2Struct, arbitrary: createCallV2 }
]
