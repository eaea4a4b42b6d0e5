/**
 * The simulator's public surface, for the sandbox and the root entry: the engine, the caller
 * script, the transcript and its renderers.
 *
 * @since 0.2.0
 */
export { placeCall, simulateCall, simulateCallTask } from './engine.js'
export type { RunningCall } from './engine.js'
export type { AdvancedMachineDetectionOption, SimulateOptions } from './options.js'
export { renderJson, renderPretty } from './render.js'
export { callOutcomes, defaultSpeechConfidence, describeStep, parseCallScript } from './script.js'
export type { CallOutcome, CallScript, CallerStep } from './script.js'
export type {
  CallOutcomeSummary,
  CallState,
  CallTranscript,
  EndReason,
  NccoSource,
  RequestKind,
  RequestResult,
  RequestRoute,
  TranscriptRequest,
  TranscriptStep
} from './transcript.js'
