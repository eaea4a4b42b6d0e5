/**
 * Arbitraries for the settings objects nested in actions and requests: transcription, advanced
 * machine detection, DTMF and speech input settings.
 */
import fc from 'fast-check'
import type {
  AdvancedMachineDetection,
  DtmfSettings,
  SpeechSettings,
  TranscriptionSettings
} from '../../src/index.js'
import {
  asrLanguage,
  httpMethod,
  integerIn,
  jsonObject,
  nonEmptyString,
  numberIn,
  urlList
} from './values.js'

export const transcriptionSettings: fc.Arbitrary<TranscriptionSettings> = fc.record(
  {
    language: asrLanguage,
    eventUrl: urlList,
    eventMethod: httpMethod,
    sentimentAnalysis: fc.boolean()
  },
  { requiredKeys: [] }
)

export const machineDetection = fc.constantFrom('continue' as const, 'hangup' as const)

export const advancedMachineDetection: fc.Arbitrary<AdvancedMachineDetection> = fc.record(
  {
    behavior: machineDetection,
    mode: fc.constantFrom('default' as const, 'detect' as const, 'detect_beep' as const),
    beep_timeout: integerIn(30, 120)
  },
  { requiredKeys: ['behavior'] }
)

export const dtmfSettings: fc.Arbitrary<DtmfSettings> = fc.record(
  {
    timeOut: integerIn(0, 10),
    maxDigits: integerIn(1, 20),
    submitOnHash: fc.boolean()
  },
  { requiredKeys: [] }
)

export const speechSettings: fc.Arbitrary<SpeechSettings> = fc.record(
  {
    uuid: fc.tuple(fc.uuid()),
    endOnSilence: numberIn(0.4, 10),
    language: asrLanguage,
    context: fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
    startTimeout: integerIn(1, 60),
    maxDuration: integerIn(1, 60),
    saveAudio: fc.boolean(),
    sensitivity: integerIn(0, 100),
    provider: nonEmptyString,
    providerOptions: jsonObject
  },
  { requiredKeys: [] }
)
