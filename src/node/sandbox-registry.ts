/**
 * The calls a sandbox has accepted: each placed in the simulator at once (outbound order,
 * against the request's `answer_url` or inline `ncco`), kept for `calls()` and for
 * `GET`/`PUT /v1/calls/{uuid}`, the last 1,000 of them (a call still running is never
 * forgotten), and shown as the Voice API's call resource.
 *
 * @since 0.2.0
 */
import { placeCall, type RunningCall } from '../simulator/engine.js'
import type { CallTranscript } from '../simulator/transcript.js'
import type { SandboxCall } from './sandbox.js'
import {
  callTime,
  makeIdSource,
  randomFromNumber,
  simulateOptionsFor,
  type CallSettings
} from './sandbox-calls.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An accepted call: what `calls()` shows, and the simulator's handle on it.
 *
 * @category model
 * @since 0.2.0
 */
export interface CallRecord {
  readonly call: SandboxCall
  readonly running: RunningCall
  /** When its transcript arrived (ms since the epoch); `undefined` while it runs. */
  readonly endedAt: () => number | undefined
}

/**
 * @category model
 * @since 0.2.0
 */
export interface CallRegistry {
  /** Places a validated create-call request with new identifiers, and keeps it. */
  readonly place: (
    api: 'v1' | 'v2',
    request: Readonly<Record<string, unknown>>,
    applicationId: string | undefined
  ) => CallRecord
  readonly find: (uuid: string) => CallRecord | undefined
  /** The calls that have not ended. */
  readonly running: () => ReadonlyArray<CallRecord>
  /** Every call kept, oldest first. */
  readonly calls: () => ReadonlyArray<SandboxCall>
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

const maxKeptCalls = 1_000

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A registry whose calls get identifiers from `seed` (random without one) and are played
 * with `settings`; a call's simulator seed comes from the same stream, with a sandbox seed.
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeCallRegistry = (config: {
  readonly seed: number | undefined
  readonly settings: CallSettings
}): CallRegistry => {
  const records: CallRecord[] = []
  const nextIds = makeIdSource(config.seed)

  const keep = (record: CallRecord): void => {
    records.push(record)
    if (records.length > maxKeptCalls) {
      const oldestEnded = records.findIndex((r) => r.endedAt() !== undefined)
      if (oldestEnded !== -1) records.splice(oldestEnded, 1)
    }
  }

  const place: CallRegistry['place'] = (api, request, applicationId) => {
    const ids = nextIds()
    const settings: CallSettings = {
      ...config.settings,
      ...(config.seed === undefined ? {} : { seed: ids.seed }),
      // Signatures carry the token's application when the sandbox was given none.
      ...(config.settings.applicationId === undefined && applicationId !== undefined
        ? { applicationId }
        : {})
    }
    const running = placeCall(simulateOptionsFor(api, request, ids, settings))
    let transcript: CallTranscript | undefined
    let endedAt: number | undefined
    const ended = running.transcript.then((t) => {
      transcript = t
      endedAt = Date.now()
      return t
    })
    const record: CallRecord = {
      running,
      endedAt: () => endedAt,
      call: {
        uuid: ids.uuid,
        conversationUuid: ids.conversationUuid,
        api,
        request,
        acceptedAt: Date.now(),
        ...(applicationId === undefined ? {} : { applicationId }),
        status: () => transcript?.outcome.status ?? running.state(),
        transcript: ended,
        result: () => transcript
      }
    }
    keep(record)
    return record
  }

  return {
    place,
    find: (uuid) => records.find((r) => r.call.uuid === uuid),
    running: () => records.filter((r) => r.endedAt() === undefined),
    calls: () => records.map((r) => r.call)
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The call as `GET /v1/calls/{uuid}` shows it (the Voice API's call resource, unbilled).
 *
 * @category destructors
 * @since 0.2.0
 */
export const callResource = (
  record: CallRecord,
  sandboxUrl: string
): Readonly<Record<string, unknown>> => {
  const { call } = record
  const request = call.request as Readonly<Record<string, unknown>>
  const to = Array.isArray(request['to']) ? (request['to'][0] as unknown) : undefined
  const from = request['from'] ?? { type: 'phone', number: randomFromNumber }
  const endedAt = record.endedAt()
  const duration = call.result()?.outcome.duration
  return {
    _links: { self: { href: `${sandboxUrl}/v1/calls/${call.uuid}` } },
    uuid: call.uuid,
    conversation_uuid: call.conversationUuid,
    to,
    from,
    status: call.status(),
    direction: 'outbound',
    start_time: callTime(call.acceptedAt),
    ...(endedAt === undefined ? {} : { end_time: callTime(endedAt) }),
    ...(duration === undefined ? {} : { duration: String(Math.round(duration)) })
  }
}
