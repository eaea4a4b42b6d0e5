/**
 * Arbitraries for the nine NCCO actions, each valid on its own with no warning. The rules
 * inside one action are kept here; the rules across actions are kept by `ncco` in
 * `documents.ts`.
 */
import fc from 'fast-check'
import type {
  ConnectAction,
  ConversationAction,
  InputAction,
  NotifyAction,
  RecordAction,
  StreamAction,
  TalkAction,
  TransferAction,
  WaitAction
} from '../../src/index.js'
import { endpoint } from './endpoints.js'
import {
  advancedMachineDetection,
  dtmfSettings,
  machineDetection,
  speechSettings,
  transcriptionSettings
} from './settings.js'
import {
  e164,
  httpMethod,
  httpUrl,
  integerFrom,
  integerIn,
  jsonObject,
  legUuids,
  nonEmptyString,
  numberIn,
  talkText,
  ttsLanguage,
  urlList
} from './values.js'

export const recordAction: fc.Arbitrary<RecordAction> = fc
  .record(
    {
      action: fc.constant('record' as const),
      format: fc.constantFrom('mp3' as const, 'wav' as const, 'ogg' as const),
      split: fc.constant('conversation' as const),
      channels: integerIn(1, 32),
      endOnSilence: integerIn(3, 10),
      endOnKey: fc.constantFrom(
        ...(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const)
      ),
      timeOut: integerIn(3, 7200),
      beepStart: fc.boolean(),
      eventUrl: urlList,
      eventMethod: httpMethod,
      transcription: transcriptionSettings
    },
    { requiredKeys: ['action'] }
  )
  // NCCO reference, record channels: "split must be set to conversation".
  .filter((r) => r.channels === undefined || r.split !== undefined)

export const conversationAction: fc.Arbitrary<ConversationAction> = fc
  .record(
    {
      action: fc.constant('conversation' as const),
      name: nonEmptyString,
      musicOnHoldUrl: urlList,
      startOnEnter: fc.boolean(),
      endOnExit: fc.boolean(),
      record: fc.boolean(),
      canSpeak: legUuids,
      canHear: legUuids,
      mute: fc.boolean(),
      eventUrl: urlList,
      eventMethod: httpMethod,
      transcription: transcriptionSettings
    },
    { requiredKeys: ['action', 'name'] }
  )
  .filter((c) => !(c.mute === true && c.canSpeak !== undefined))
  .filter((c) => c.transcription === undefined || c.record === true)

export const connectAction: fc.Arbitrary<ConnectAction> = fc
  .record(
    {
      action: fc.constant('connect' as const),
      endpoint: fc.tuple(endpoint),
      // Always E.164: required for phone endpoints, and a warning for the others otherwise.
      from: e164,
      randomFromNumber: fc.boolean(),
      eventType: fc.constant('synchronous' as const),
      timeout: integerIn(1, 120),
      limit: integerIn(1, 7200),
      machineDetection,
      advancedMachineDetection,
      eventUrl: urlList,
      eventMethod: httpMethod,
      ringbackTone: httpUrl
    },
    { requiredKeys: ['action', 'endpoint'] }
  )
  .filter((c) => !(c.randomFromNumber === true && c.from !== undefined))
  // Both detections are allowed but draw a warning; valid documents here draw none.
  .filter((c) => c.machineDetection === undefined || c.advancedMachineDetection === undefined)
  .filter((c) => c.ringbackTone === undefined || c.endpoint[0].type !== 'phone')

/**
 * Talk without `voiceName`: it is deprecated (a warning), and generated documents draw none.
 */
export const talkAction: fc.Arbitrary<TalkAction> = fc.record(
  {
    action: fc.constant('talk' as const),
    text: talkText,
    bargeIn: fc.boolean(),
    loop: integerFrom(0),
    level: numberIn(-1, 1),
    language: ttsLanguage,
    style: integerFrom(0),
    premium: fc.boolean(),
    provider: nonEmptyString,
    providerOptions: jsonObject
  },
  { requiredKeys: ['action', 'text'] }
)

export const streamAction: fc.Arbitrary<StreamAction> = fc.record(
  {
    action: fc.constant('stream' as const),
    streamUrl: urlList,
    level: numberIn(-1, 1),
    bargeIn: fc.boolean(),
    loop: integerFrom(0)
  },
  { requiredKeys: ['action', 'streamUrl'] }
)

/** A fresh array each time: documents never share one array between two places. */
const inputTypes = fc
  .constantFrom(
    ['dtmf'] as const,
    ['speech'] as const,
    ['dtmf', 'speech'] as const,
    ['speech', 'dtmf'] as const
  )
  .map((type) => [...type])

const lists = (type: ReadonlyArray<string>, kind: 'dtmf' | 'speech'): boolean => type.includes(kind)

export const inputAction: fc.Arbitrary<InputAction> = fc
  .record(
    {
      action: fc.constant('input' as const),
      type: inputTypes,
      dtmf: dtmfSettings,
      speech: speechSettings,
      mode: fc.constantFrom('synchronous' as const, 'asynchronous' as const),
      eventUrl: urlList,
      eventMethod: httpMethod
    },
    { requiredKeys: ['action', 'type'] }
  )
  .filter((i) => i.dtmf === undefined || lists(i.type, 'dtmf'))
  .filter((i) => i.speech === undefined || lists(i.type, 'speech'))
  // mode affects DTMF only, and asynchronous mode takes no DTMF settings.
  .filter((i) => i.mode === undefined || lists(i.type, 'dtmf'))
  .filter((i) => !(i.mode === 'asynchronous' && i.dtmf !== undefined))

export const notifyAction: fc.Arbitrary<NotifyAction> = fc.record(
  {
    action: fc.constant('notify' as const),
    payload: jsonObject,
    eventUrl: urlList,
    eventMethod: httpMethod
  },
  { requiredKeys: ['action', 'payload', 'eventUrl'] }
)

/** Wait within 0.1–7200 seconds: values outside are clamped by the platform (a warning). */
export const waitAction: fc.Arbitrary<WaitAction> = fc.record(
  {
    action: fc.constant('wait' as const),
    timeout: numberIn(0.1, 7200)
  },
  { requiredKeys: ['action'] }
)

export const transferAction: fc.Arbitrary<TransferAction> = fc
  .record(
    {
      action: fc.constant('transfer' as const),
      conversationId: nonEmptyString,
      canHear: legUuids,
      canSpeak: legUuids,
      mute: fc.boolean()
    },
    { requiredKeys: ['action', 'conversationId'] }
  )
  .filter((t) => !(t.mute === true && t.canSpeak !== undefined))
