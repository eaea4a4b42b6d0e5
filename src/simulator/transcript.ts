/**
 * The transcript of a simulated call: a plain, JSON-serialisable value, and a stable format
 * that other tools parse (`ncco simulate --format json` prints exactly this). Every field is
 * documented in docs/simulate.md; a field is only ever added, never renamed or removed,
 * within a `version`.
 *
 * Times are seconds of virtual time since the call started (three decimals at most).
 *
 * @since 0.2.0
 */
import type { Issue } from '../issue.js'
import type { CallOutcome } from './script.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The status a call or a connected leg is in.
 *
 * @category model
 * @since 0.2.0
 */
export type CallState =
  | 'started'
  | 'ringing'
  | 'answered'
  | 'completed'
  | 'busy'
  | 'cancelled'
  | 'unanswered'
  | 'rejected'
  | 'failed'
  | 'timeout'

/**
 * Where a webhook is sent, named as `decodeWebhook` names its routes: the application's
 * `answer`, `event` and `fallback` URLs, or an action's own `eventUrl` (`input`, `record`,
 * `transcription`, `notify`). A connect's `eventUrl` receives status events: `event`.
 *
 * @category model
 * @since 0.2.0
 */
export type RequestRoute =
  'answer' | 'event' | 'fallback' | 'input' | 'record' | 'transcription' | 'notify'

/**
 * What a webhook carries: a call status (`started` … `completed`), a machine-detection result
 * (`human`, `machine`), or one of the other payloads.
 *
 * @category model
 * @since 0.2.0
 */
export type RequestKind =
  | 'answer'
  | CallState
  | 'human'
  | 'machine'
  | 'input'
  | 'record'
  | 'transcription'
  | 'notify'
  | 'transfer'
  | 'error'
  | 'fallback'
  | 'call-placed'

/**
 * How an attempt ended: `ok` (a 2xx answer read in time), `status` (another status), `timeout`,
 * `unreachable` (no answer at all), `too-large` (the reply exceeded the size limit).
 *
 * @category model
 * @since 0.2.0
 */
export type RequestResult = 'ok' | 'status' | 'timeout' | 'unreachable' | 'too-large'

/**
 * One HTTP request the simulator sent (one per attempt).
 *
 * @category model
 * @since 0.2.0
 */
export interface TranscriptRequest {
  /** Its index in `requests`. */
  readonly index: number
  readonly time: number
  readonly route: RequestRoute
  readonly kind: RequestKind
  readonly method: 'GET' | 'POST'
  /** The URL as requested (for GET, with the payload in its query). */
  readonly url: string
  /** The payload: the JSON body of a POST, or the query parameters of a GET (all strings). */
  readonly payload: Readonly<Record<string, unknown>>
  /** Whether it carried a signature (the token itself is never kept). */
  readonly signed: boolean
  /** 1, or 2 for the Voice API's retry. */
  readonly attempt: number
  readonly result: RequestResult
  /** The HTTP status, when one arrived. */
  readonly status?: number
  /** Real time from sending to the end of the reply, in milliseconds. */
  readonly latencyMs: number
  /** The reply body as text, when one was read. */
  readonly reply?: string
  /** Why the attempt failed, in a sentence (absent when `result` is `ok`). */
  readonly error?: string
}

/**
 * Where an NCCO came from.
 *
 * @category model
 * @since 0.2.0
 */
export type NccoSource =
  | 'inline'
  | 'answer'
  | 'fallback'
  | 'input'
  | 'notify'
  | 'connect'
  | 'machine-detection'
  | 'transfer'

/**
 * Where an NCCO came from, as the pretty output and the findings say it.
 *
 * @category constants
 * @since 0.2.0
 */
export const nccoSourceLabels: Readonly<Record<NccoSource, string>> = {
  inline: 'the call options',
  answer: 'the answer URL',
  fallback: 'the fallback URL',
  input: 'the input webhook',
  notify: 'the notify webhook',
  connect: 'the connect event',
  'machine-detection': 'the machine-detection event',
  transfer: 'the transfer'
}

/**
 * Why the call ended.
 *
 * @category model
 * @since 0.2.0
 */
export type EndReason =
  /** The NCCO ran to its end and the platform hung up. */
  | 'ncco-ended'
  /** A caller `hangup` step. */
  | 'caller-hung-up'
  /** `length_timer` was reached. */
  | 'length-timer'
  /** `RunningCall.hangup()` (the sandbox's `PUT /v1/calls/{uuid}` hangup). */
  | 'hung-up-by-api'
  /** A `transfer` action moved the call to another conversation. */
  | 'transferred'
  /** A `conversation` action: the caller stayed in it until they hung up or the script ended. */
  | 'conversation-ended'
  /** Machine detection found a machine and was set to hang up. */
  | 'machine-detected'
  /** The call was not answered (busy, unanswered, rejected, failed, timeout, cancelled). */
  | 'not-answered'
  /** No NCCO could be obtained, or the one obtained was invalid, and nothing replaced it. */
  | 'no-ncco'
  /** The simulator stopped a call that ran too many actions. */
  | 'too-many-actions'
  /** The options were unusable: the call never started. */
  | 'not-started'

/**
 * How a talk or stream step played.
 *
 * @category model
 * @since 0.2.0
 */
export interface PromptPlayed {
  readonly loop: number
  readonly bargeIn: boolean
  /** Seconds it played. */
  readonly duration: number
  /** Whether it stopped before its end (barge-in, hang-up, a timer). */
  readonly interrupted: boolean
}

/**
 * A moment of the call. Every step has `time` and `type`; the other fields depend on `type`.
 *
 * @category model
 * @since 0.2.0
 */
export type TranscriptStep =
  /** The call, or a connected leg (`leg` is its uuid), changed status. */
  | {
      readonly time: number
      readonly type: 'status'
      readonly status: CallState | 'human' | 'machine'
      readonly leg?: string
      readonly subState?: 'beep_start' | 'beep_timeout'
    }
  /** A request was sent: `requests[request]`. */
  | { readonly time: number; readonly type: 'request'; readonly request: number }
  /** An NCCO was received (from `requests[request]`, when it came from one). */
  | {
      readonly time: number
      readonly type: 'ncco'
      readonly source: NccoSource
      readonly request?: number
      readonly valid: boolean
      readonly ncco: unknown
    }
  /** The caller hears text (`index` is the action's index in the NCCO being run). */
  | ({
      readonly time: number
      readonly type: 'talk'
      readonly index: number
      readonly text: string
    } & PromptPlayed)
  /** The caller hears audio from a URL. */
  | ({
      readonly time: number
      readonly type: 'stream'
      readonly index: number
      readonly url: string
    } & PromptPlayed)
  /** An input starts listening. */
  | {
      readonly time: number
      readonly type: 'input'
      readonly index: number
      readonly input: ReadonlyArray<'dtmf' | 'speech'>
    }
  /** The caller acts: `step` is the index of the script step. */
  | {
      readonly time: number
      readonly type: 'caller'
      readonly step: number
      readonly action: 'dtmf' | 'speech' | 'silence' | 'hangup'
      readonly digits?: string
      readonly text?: string
      readonly confidence?: number
      /** True when the step had no effect (see the `caller-step-ignored` finding). */
      readonly ignored?: boolean
    }
  /** A recording starts (`event: start`) or ends (`event: stop`). */
  | {
      readonly time: number
      readonly type: 'record'
      readonly index: number
      readonly mode: 'background' | 'blocking'
      readonly event: 'start' | 'stop'
    }
  | {
      readonly time: number
      readonly type: 'wait'
      readonly index: number
      readonly seconds: number
    }
  | {
      readonly time: number
      readonly type: 'connect'
      readonly index: number
      readonly endpoint: string
      readonly address: string
      readonly outcome: CallOutcome
      readonly leg: string
    }
  | {
      readonly time: number
      readonly type: 'conversation'
      readonly index: number
      readonly name: string
    }
  | { readonly time: number; readonly type: 'notify'; readonly index: number }
  | {
      readonly time: number
      readonly type: 'transfer'
      readonly index: number
      readonly conversationId: string
    }
  /** The call ended. */
  | { readonly time: number; readonly type: 'end'; readonly reason: EndReason }

/**
 * @category model
 * @since 0.2.0
 */
export interface CallOutcomeSummary {
  /** The call's last status: `completed`, or `rejected` (which gets no `completed`). */
  readonly status: CallState
  /** Whether the call was answered. */
  readonly answered: boolean
  readonly reason: EndReason
  /** Who hung up, as the `completed` event says. */
  readonly disconnectedBy?: 'user' | 'platform'
  /** Seconds from the answer to the end (0 when not answered). */
  readonly duration: number
  /** Virtual time at the end. */
  readonly endTime: number
}

/**
 * @category model
 * @since 0.2.0
 */
export interface CallTranscript {
  /** The format's version; it changes only for a change that is not an addition. */
  readonly version: 1
  readonly call: {
    readonly uuid: string
    readonly conversation_uuid: string
    readonly from: string
    readonly to: string
    readonly direction: 'inbound' | 'outbound'
    /** The instant virtual time 0 stands for (ISO 8601), used in every `timestamp`. */
    readonly start: string
  }
  readonly steps: ReadonlyArray<TranscriptStep>
  readonly requests: ReadonlyArray<TranscriptRequest>
  readonly outcome: CallOutcomeSummary
  readonly findings: ReadonlyArray<Issue>
  /**
   * True when the call ran to its end with every NCCO valid, every request answered 2xx in
   * time (after the Voice API's retry) and every script step used: exactly when `findings`
   * holds no error.
   */
  readonly ok: boolean
}
