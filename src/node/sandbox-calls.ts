/**
 * What the sandbox makes of an accepted create-call request: the identifiers it answers with,
 * the limit on new calls per second, the simulator options that play the call, and the call
 * resource that `GET /v1/calls/{uuid}` returns.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { AdvancedMachineDetectionOption, SimulateOptions } from '../simulator/options.js'
import { randomSeed, seededIds } from '../simulator/random.js'
import { isPlainObject } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// identifiers
// -------------------------------------------------------------------------------------

/**
 * A call's identifiers: `uuid` is 32 hex digits and `conversationUuid` is `CON-` and a
 * dashed UUID, like the Voice API's.
 *
 * @category identifiers
 * @since 0.2.0
 */
export interface CallIds {
  readonly uuid: string
  readonly conversationUuid: string
  /** The simulator's seed for this call, when the sandbox has one. */
  readonly seed: number
}

/**
 * A source of call identifiers: the same seed gives the same identifiers in the same order;
 * without a seed they come from a random one. Each call's simulator seed is drawn from the
 * same stream, so the legs a call connects never get the identifiers of another call.
 *
 * @category identifiers
 * @since 0.2.0
 */
export const makeIdSource = (seed?: number): (() => CallIds) => {
  const ids = seededIds(seed ?? randomSeed())
  return () => ({
    uuid: ids.legUuid(),
    conversationUuid: ids.conversationUuid(),
    seed: parseInt(ids.legUuid().slice(0, 8), 16)
  })
}

// -------------------------------------------------------------------------------------
// rate limit
// -------------------------------------------------------------------------------------

/**
 * The limit on new calls: at most `perSecond` accepted in any window of one second.
 * `admit` records the call when it is allowed, or says in how many whole seconds (at least 1)
 * the window has room again.
 *
 * @category rate limit
 * @since 0.2.0
 */
export interface RateWindow {
  readonly admit: (nowMs: number) => E.Either<number, void>
}

/**
 * @category rate limit
 * @since 0.2.0
 */
export const makeRateWindow = (perSecond: number): RateWindow => {
  const accepted: number[] = []
  return {
    admit: (nowMs) => {
      while (accepted.length > 0 && accepted[0]! <= nowMs - 1000) accepted.shift()
      if (accepted.length >= perSecond) {
        return E.left(Math.max(1, Math.ceil((accepted[0]! + 1000 - nowMs) / 1000)))
      }
      accepted.push(nowMs)
      return E.right(undefined)
    }
  }
}

// -------------------------------------------------------------------------------------
// playing the call
// -------------------------------------------------------------------------------------

/**
 * The caller id used for a request with `random_from_number: true`: a number from the range
 * Ofcom reserves for drama, so it can never reach anyone.
 *
 * @category playing
 * @since 0.2.0
 */
export const randomFromNumber = '447700900000'

type Json = Readonly<Record<string, unknown>>

const stringField = (o: Json, key: string): string | undefined => {
  const value = o[key]
  return typeof value === 'string' ? value : undefined
}

const firstString = (u: unknown): string | undefined =>
  Array.isArray(u) && typeof u[0] === 'string' ? u[0] : undefined

/**
 * The address of an endpoint, as the webhooks carry it in `to`: the number of a phone, the
 * URI of a SIP or WebSocket endpoint, the user of an app, the extension of a VBC endpoint.
 *
 * @category playing
 * @since 0.2.0
 */
export const endpointAddress = (endpoint: unknown): string | undefined => {
  if (!isPlainObject(endpoint)) return undefined
  switch (endpoint['type']) {
    case 'phone':
      return stringField(endpoint, 'number')
    case 'sip':
    case 'websocket':
      return stringField(endpoint, 'uri')
    case 'app':
      return stringField(endpoint, 'user')
    case 'vbc':
      return stringField(endpoint, 'extension')
    default:
      return undefined
  }
}

/**
 * What the sandbox gives the simulator for every call, besides the request.
 *
 * @category playing
 * @since 0.2.0
 */
export type CallSettings = Pick<
  SimulateOptions,
  'script' | 'signatureSecret' | 'apiKey' | 'applicationId' | 'seed' | 'fetch' | 'timeouts'
>

const method = (u: unknown): 'GET' | 'POST' | undefined =>
  u === 'GET' || u === 'POST' ? u : undefined

/**
 * The simulator options for a validated create-call request: an outbound call to the first
 * `to` endpoint, from `from` (or `randomFromNumber`), against the request's `answer_url` or
 * inline `ncco` and its `event_url`, with its methods, timers and machine detection; a v2
 * call starts with the call-placed webhook.
 *
 * @category playing
 * @since 0.2.0
 */
export const simulateOptionsFor = (
  api: 'v1' | 'v2',
  request: Json,
  ids: CallIds,
  settings: CallSettings
): SimulateOptions => {
  const from = isPlainObject(request['from']) ? stringField(request['from'], 'number') : undefined
  const to = Array.isArray(request['to']) ? endpointAddress(request['to'][0]) : undefined
  const answerUrl = firstString(request['answer_url'])
  const eventUrl = firstString(request['event_url'])
  const answerMethod = method(request['answer_method'])
  const eventMethod = method(request['event_method'])
  const ringingTimer = request['ringing_timer']
  const lengthTimer = request['length_timer']
  const machineDetection = request['machine_detection']
  const advanced = request['advanced_machine_detection']
  return {
    ...settings,
    ...(answerUrl === undefined ? { ncco: request['ncco'] } : { answerUrl }),
    ...(answerMethod === undefined ? {} : { answerMethod }),
    ...(eventUrl === undefined ? {} : { eventUrl }),
    ...(eventMethod === undefined ? {} : { eventMethod }),
    from: from ?? randomFromNumber,
    ...(to === undefined ? {} : { to }),
    direction: 'outbound',
    ...(typeof ringingTimer === 'number' ? { ringingTimer } : {}),
    ...(typeof lengthTimer === 'number' ? { lengthTimer } : {}),
    ...(machineDetection === 'continue' || machineDetection === 'hangup'
      ? { machineDetection }
      : {}),
    ...(isPlainObject(advanced)
      ? {
          // validated as the request's advanced_machine_detection, so of this shape
          advancedMachineDetection: advanced as unknown as AdvancedMachineDetectionOption
        }
      : {}),
    callPlaced: api === 'v2',
    ids: { uuid: ids.uuid, conversationUuid: ids.conversationUuid }
  }
}

// -------------------------------------------------------------------------------------
// the call resource
// -------------------------------------------------------------------------------------

/**
 * `YYYY-MM-DD HH:MM:SS` in UTC, the Voice API's format for `start_time` and `end_time`.
 *
 * @category resource
 * @since 0.2.0
 */
export const callTime = (ms: number): string =>
  new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
