/**
 * The sandbox: a local Voice API on 127.0.0.1. It answers the create-call endpoints the way
 * Vonage does (an RS256 JWT checked against the application's public key, the body validated
 * with the project's validator, 400/401/413/429 answers in problem-details form), then plays
 * every accepted call through the application with the call simulator, in outbound order,
 * against the request's `answer_url` (or inline `ncco`) and `event_url`.
 *
 * Routes: `POST /v1/calls` (201), `POST /v2/calls` (202), `GET /v1/calls/{uuid}` (the call's
 * state), `PUT /v1/calls/{uuid}` (hangup, or transfer to an inline NCCO; 204). Every route
 * needs the token unless the sandbox was started with `noAuth`.
 *
 * Bounded: a body size limit, a cap on calls running at once and on calls kept for
 * `calls()`, timeouts on slow clients; a malformed request gets an answer, never a crash.
 * Bodies must be sent as `application/json` and addressed to 127.0.0.1 or localhost, so a web
 * page the developer visits cannot place calls through it.
 *
 * @since 0.2.0
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { KeyObject } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { sequenceS } from 'fp-ts/lib/Apply.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as RNEA from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { parseJson } from '../cli/parse-json.js'
import { makeLineIndex } from '../cli/source-map.js'
import { describeType, describeValue, isPlainObject, toPointer } from '../internal/text.js'
import { formatIssue, makeIssue, type Issue } from '../issue.js'
import type { ConfigProblem } from '../sender/config.js'
import {
  parseCallScript,
  placeCall,
  type CallScript,
  type CallState,
  type CallTranscript,
  type RunningCall,
  type SimulateOptions
} from '../simulator/index.js'
import { validateCallV1, validateCallV2, validateNcco } from '../validate.js'
import { makeTokenVerifier, parsePublicKey, type TokenVerifier } from './sandbox-auth.js'
import {
  callTime,
  makeIdSource,
  makeRateWindow,
  randomFromNumber,
  simulateOptionsFor,
  type CallIds,
  type CallSettings
} from './sandbox-calls.js'
import {
  invalidParameters,
  newTraceId,
  readBody,
  sendJson,
  sendProblem,
  type InvalidParameterBody,
  type ProblemStatus
} from './sandbox-http.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.2.0
 */
export interface SandboxOptionsBase {
  /** The port on 127.0.0.1; default 0 (a free port, see `Sandbox.port`). */
  readonly port?: number
  /** The caller script every call is played with (keys, speech, how the call is answered). */
  readonly script?: CallScript
  /** Signs every webhook the calls send (HS256, as the Voice API's signed webhooks). */
  readonly signatureSecret?: string
  /** The `api_key` claim of the webhook signatures. */
  readonly apiKey?: string
  /**
   * The application's id: tokens for another application are refused, and it is the
   * `application_id` of the webhook signatures. Default: any token's (signatures carry the
   * token's `application_id`).
   */
  readonly applicationId?: string
  /** New calls accepted per second before 429 (Vonage's limit: 3). Default 3. */
  readonly cps?: number
  /** Seeds the call identifiers and the simulator: the same seed gives the same calls. */
  readonly seed?: number
  /** Calls that may run at once before 429. Default 20. */
  readonly maxConcurrentCalls?: number
  /** The largest request body accepted, in bytes (413 above). Default 65,536. */
  readonly maxBodyBytes?: number
  /** Called with each accepted call, as soon as it is accepted. An exception is ignored. */
  readonly onCall?: (call: SandboxCall) => void
  /** Called with each answer the sandbox gives, for a log. An exception is ignored. */
  readonly onResponse?: (entry: SandboxLogEntry) => void
  /** How the calls reach the application; default `globalThis.fetch`. */
  readonly fetch?: (request: Request) => Promise<Response>
  /** The simulator's webhook time limits. */
  readonly timeouts?: SimulateOptions['timeouts']
}

/**
 * The sandbox's options: the application's public key to check tokens with, or `noAuth`.
 *
 * @category model
 * @since 0.2.0
 */
export type SandboxOptions = SandboxOptionsBase &
  (
    | {
        /**
         * The application's RSA public key: PEM text (a private key gives its public half)
         * or a `KeyObject`.
         */
        readonly publicKey: string | KeyObject
        readonly noAuth?: never
      }
    | {
        /** Accept requests without a token (a sandbox nobody else can reach). */
        readonly noAuth: true
        readonly publicKey?: never
      }
  )

/**
 * A call the sandbox accepted.
 *
 * @category model
 * @since 0.2.0
 */
export interface SandboxCall {
  readonly uuid: string
  readonly conversationUuid: string
  readonly api: 'v1' | 'v2'
  /** The request body as received (parsed JSON). */
  readonly request: unknown
  /** When it was accepted, milliseconds since the epoch. */
  readonly acceptedAt: number
  /** The token's `application_id`, when the sandbox checks tokens. */
  readonly applicationId?: string
  /** Where the call is now: `started`, `ringing`, `answered`, `completed`, … */
  readonly status: () => CallState
  /** The call's transcript, when it ends; never rejects. */
  readonly transcript: Promise<CallTranscript>
  /** The transcript once the call has ended, else `undefined`. */
  readonly result: () => CallTranscript | undefined
}

/**
 * One answer, for a log: never the token nor a body.
 *
 * @category model
 * @since 0.2.0
 */
export interface SandboxLogEntry {
  readonly method: string
  readonly path: string
  readonly status: number
  /** Why a request was refused. */
  readonly detail?: string
}

/**
 * A running sandbox.
 *
 * @category model
 * @since 0.2.0
 */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`, the `baseUrl` for the sender. */
  readonly url: string
  readonly port: number
  /** Stops listening, hangs up the running calls, waits for them (briefly), closes sockets. */
  readonly close: () => Promise<void>
  /** The calls accepted so far, oldest first (the last 1,000). */
  readonly calls: () => ReadonlyArray<SandboxCall>
}

/**
 * Why a sandbox did not start.
 *
 * @category model
 * @since 0.2.0
 */
export type SandboxStartFailure =
  | { readonly kind: 'invalid-options'; readonly problems: ReadonlyNonEmptyArray<ConfigProblem> }
  | { readonly kind: 'listen-failed'; readonly code?: string; readonly detail: string }

/**
 * What `startSandbox` rejects with.
 *
 * @category model
 * @since 0.2.0
 */
export class SandboxStartError extends Error {
  override readonly name = 'SandboxStartError'
  constructor(readonly failure: SandboxStartFailure) {
    super(describeStartFailure(failure))
  }
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * @category constants
 * @since 0.2.0
 */
export const sandboxDefaults = {
  cps: 3,
  maxConcurrentCalls: 20,
  maxBodyBytes: 65_536
} as const

const maxKeptCalls = 1_000
/** How long `close()` waits for hung-up calls to send their last webhooks. */
const closeGraceMs = 3_000

// -------------------------------------------------------------------------------------
// options
// -------------------------------------------------------------------------------------

interface SandboxConfig {
  readonly port: number
  readonly verify: TokenVerifier | undefined
  readonly cps: number
  readonly maxConcurrentCalls: number
  readonly maxBodyBytes: number
  readonly seed: number | undefined
  readonly settings: CallSettings
}

type Checked<A> = E.Either<ReadonlyNonEmptyArray<ConfigProblem>, A>

const Validation = E.getApplicativeValidation(RNEA.getSemigroup<ConfigProblem>())

const problem = (option: string, message: string): Checked<never> => E.left([{ option, message }])

const integerOption = (
  option: string,
  value: unknown,
  bounds: { readonly min: number; readonly max: number },
  byDefault: number
): Checked<number> =>
  value === undefined
    ? E.right(byDefault)
    : typeof value === 'number' &&
        Number.isSafeInteger(value) &&
        value >= bounds.min &&
        value <= bounds.max
      ? E.right(value)
      : problem(
          option,
          `${option} must be an integer from ${bounds.min} to ${bounds.max}, got ${String(value)}.`
        )

const textOption = (option: string, value: unknown): Checked<string | undefined> =>
  value === undefined || (typeof value === 'string' && value !== '')
    ? E.right(value)
    : problem(option, `${option} must be a non-empty string.`)

const scriptOf = (script: unknown): Checked<CallScript | undefined> =>
  script === undefined
    ? E.right(undefined)
    : pipe(
        parseCallScript(script),
        E.mapLeft((issues) =>
          RNEA.map((issue: Issue) => ({
            option: 'script',
            message: `script ${formatIssue(issue)}`
          }))(issues)
        )
      )

const verifierOf = (options: SandboxOptions): Checked<TokenVerifier | undefined> => {
  const { publicKey, noAuth } = options as {
    readonly publicKey?: unknown
    readonly noAuth?: unknown
  }
  if (publicKey !== undefined && noAuth !== undefined) {
    return problem('publicKey', 'Give either publicKey or noAuth, not both.')
  }
  if (publicKey === undefined) {
    return noAuth === true
      ? E.right(undefined)
      : problem(
          'publicKey',
          "The sandbox checks every request's token with the application's public key: give publicKey, or noAuth: true to accept requests without a token."
        )
  }
  if (typeof publicKey !== 'string' && (typeof publicKey !== 'object' || publicKey === null)) {
    return problem('publicKey', 'publicKey must be PEM text or a KeyObject.')
  }
  return pipe(
    parsePublicKey(publicKey as string | KeyObject),
    E.bimap(
      (why) => [{ option: 'publicKey', message: `publicKey ${why}.` }],
      (key) =>
        makeTokenVerifier(
          key,
          options.applicationId === undefined ? {} : { applicationId: options.applicationId }
        )
    )
  )
}

const normalizeSandboxOptions = (options: SandboxOptions): Checked<SandboxConfig> =>
  pipe(
    sequenceS(Validation)({
      port: integerOption('port', options.port, { min: 0, max: 65_535 }, 0),
      verify: verifierOf(options),
      cps: integerOption('cps', options.cps, { min: 1, max: 1_000 }, sandboxDefaults.cps),
      maxConcurrentCalls: integerOption(
        'maxConcurrentCalls',
        options.maxConcurrentCalls,
        { min: 1, max: 10_000 },
        sandboxDefaults.maxConcurrentCalls
      ),
      maxBodyBytes: integerOption(
        'maxBodyBytes',
        options.maxBodyBytes,
        { min: 1_024, max: 16 * 1_048_576 },
        sandboxDefaults.maxBodyBytes
      ),
      seed:
        options.seed === undefined
          ? E.right(undefined)
          : integerOption('seed', options.seed, { min: 0, max: 4_294_967_295 }, 0),
      signatureSecret: textOption('signatureSecret', options.signatureSecret),
      apiKey: textOption('apiKey', options.apiKey),
      applicationId: textOption('applicationId', options.applicationId),
      script: scriptOf(options.script)
    }),
    E.map(({ signatureSecret, apiKey, applicationId, script, ...config }) => ({
      ...config,
      settings: {
        ...(script === undefined ? {} : { script }),
        ...(signatureSecret === undefined ? {} : { signatureSecret }),
        ...(apiKey === undefined ? {} : { apiKey }),
        ...(applicationId === undefined ? {} : { applicationId }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts })
      }
    }))
  )

// -------------------------------------------------------------------------------------
// calls
// -------------------------------------------------------------------------------------

interface CallRecord {
  readonly call: SandboxCall
  readonly running: RunningCall
  readonly endedAt: () => number | undefined
}

/** The call as `GET /v1/calls/{uuid}` shows it (the Voice API's call resource, unbilled). */
const callResource = (record: CallRecord, url: string): Readonly<Record<string, unknown>> => {
  const { call } = record
  const request = call.request as Readonly<Record<string, unknown>>
  const to = Array.isArray(request['to']) ? (request['to'][0] as unknown) : undefined
  const from = request['from'] ?? { type: 'phone', number: randomFromNumber }
  const endedAt = record.endedAt()
  const duration = call.result()?.outcome.duration
  return {
    _links: { self: { href: `${url}/v1/calls/${call.uuid}` } },
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

// -------------------------------------------------------------------------------------
// requests
// -------------------------------------------------------------------------------------

const decoder = new TextDecoder('utf-8', { fatal: true })

/** Why a body is refused (400): a sentence, and the findings when it was validated. */
interface Refusal {
  readonly detail: string
  readonly invalidParameters?: ReadonlyArray<InvalidParameterBody>
}

/** The body as JSON, or a 400's detail (a syntax error's line and column, duplicate keys). */
const parseBody = (bytes: Uint8Array): E.Either<Refusal, unknown> => {
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    return E.left({ detail: 'The body is not UTF-8 text; expected JSON.' })
  }
  if (text.trim() === '') return E.left({ detail: 'The body is empty; expected JSON.' })
  const parsed = parseJson(text)
  if (E.isLeft(parsed)) {
    if (parsed.left._tag === 'NoContent') {
      return E.left({ detail: 'The body is empty; expected JSON.' })
    }
    const lines = makeLineIndex(text)
    const first = parsed.left.problems[0]
    if (first === undefined) return E.left({ detail: 'The body is not JSON.' })
    const { line, column } = lines.position(first.offset)
    return E.left({
      detail: `The body is not JSON: ${first.reason} at line ${line}, column ${column}.`
    })
  }
  const duplicates: ReadonlyArray<Issue> = parsed.right.duplicateKeys.map((d) =>
    makeIssue('duplicate-key', d.path, { key: d.key })
  )
  return duplicates.length > 0
    ? E.left({
        detail: 'The body has a duplicate key; which value counts would be a guess.',
        invalidParameters: invalidParameters(duplicates)
      })
    : E.right(parsed.right.value)
}

const failedValidation = (issues: ReadonlyArray<Issue>, prefix = ''): Refusal => {
  const params = invalidParameters(issues, prefix)
  return {
    detail: `The request failed validation: ${params.length} error${params.length === 1 ? '' : 's'}.`,
    invalidParameters: params
  }
}

type Modification =
  | { readonly action: 'hangup' }
  | { readonly action: 'transfer'; readonly ncco: unknown }
  | { readonly action: 'mute' | 'unmute' | 'earmuff' | 'unearmuff' }

const modifyActions = ['hangup', 'transfer', 'mute', 'unmute', 'earmuff', 'unearmuff'] as const

/** A `PUT /v1/calls/{uuid}` body, checked like the create-call request (strict). */
const decodeModification = (body: unknown): E.Either<Refusal, Modification> => {
  const owner = 'the modify-call request'
  const invalid = (issues: ReadonlyArray<Issue>): E.Either<Refusal, never> =>
    E.left(failedValidation(issues))
  if (!isPlainObject(body)) {
    return invalid([
      makeIssue('invalid-type', '', { expected: 'an object', actual: describeType(body) })
    ])
  }
  const action = body['action']
  if (action === undefined)
    return invalid([makeIssue('missing-required', '/action', { key: 'action', owner })])
  if (typeof action !== 'string' || !(modifyActions as ReadonlyArray<unknown>).includes(action)) {
    return invalid([
      makeIssue('invalid-enum', '/action', {
        key: 'action',
        allowed: modifyActions,
        actual: describeValue(action)
      })
    ])
  }
  const known = action === 'transfer' ? ['action', 'destination'] : ['action']
  const unknown = Object.keys(body)
    .filter((key) => !known.includes(key))
    .map((key) => makeIssue('unknown-key', toPointer([key]), { key, owner }))
  if (unknown.length > 0) return invalid(unknown)
  if (action !== 'transfer') return E.right({ action } as Modification)
  const destination = body['destination']
  const destinationOwner = 'the transfer destination'
  if (destination === undefined) {
    return invalid([makeIssue('missing-required', '/destination', { key: 'destination', owner })])
  }
  if (!isPlainObject(destination)) {
    return invalid([
      makeIssue('invalid-type', '/destination', {
        expected: 'an object',
        actual: describeType(destination)
      })
    ])
  }
  if (destination['type'] !== 'ncco') {
    return destination['type'] === undefined
      ? invalid([
          makeIssue('missing-required', '/destination/type', {
            key: 'type',
            owner: destinationOwner
          })
        ])
      : invalid([
          makeIssue('invalid-enum', '/destination/type', {
            key: 'type',
            allowed: ['ncco'],
            actual: describeValue(destination['type'])
          })
        ])
  }
  if (destination['ncco'] === undefined) {
    return E.left({
      detail:
        destination['url'] === undefined
          ? 'The transfer destination needs an ncco.'
          : 'The sandbox transfers to an inline NCCO only: give destination.ncco instead of destination.url.'
    })
  }
  const extra = Object.keys(destination)
    .filter((key) => key !== 'type' && key !== 'ncco')
    .map((key) =>
      makeIssue('unknown-key', toPointer(['destination', key]), {
        key,
        owner: destinationOwner
      })
    )
  if (extra.length > 0) return invalid(extra)
  const ncco = validateNcco(destination['ncco'])
  return E.isLeft(ncco)
    ? E.left(failedValidation(ncco.left, '/destination/ncco'))
    : E.right({ action: 'transfer', ncco: destination['ncco'] })
}

// -------------------------------------------------------------------------------------
// server
// -------------------------------------------------------------------------------------

const callPath = /^\/v1\/calls\/([^/]+)$/

const listen = (
  server: ReturnType<typeof createServer>,
  port: number
): Promise<E.Either<SandboxStartFailure, number>> =>
  new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      resolve(
        E.left({
          kind: 'listen-failed',
          ...(error.code === undefined ? {} : { code: error.code }),
          detail:
            error.code === 'EADDRINUSE'
              ? `port ${port} on 127.0.0.1 is already in use`
              : error.code === 'EACCES'
                ? `port ${port} on 127.0.0.1 needs more permissions`
                : error.message
        })
      )
    }
    server.once('error', onError)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError)
      resolve(E.right((server.address() as AddressInfo).port))
    })
  })

const start = async (
  config: SandboxConfig,
  options: SandboxOptions
): Promise<E.Either<SandboxStartFailure, Sandbox>> => {
  const records: CallRecord[] = []
  const nextIds = makeIdSource(config.seed)
  const window = makeRateWindow(config.cps)
  let closing: Promise<void> | undefined
  let url = ''
  let port = 0
  let allowedHosts: ReadonlySet<string> = new Set()

  const notify = <A>(hook: ((a: A) => void) | undefined, a: A): void => {
    if (hook === undefined) return
    try {
      hook(a)
    } catch {
      // a hook's failure is the hook's business; the sandbox goes on
    }
  }

  const running = (): ReadonlyArray<CallRecord> => records.filter((r) => r.endedAt() === undefined)

  const keep = (record: CallRecord): void => {
    records.push(record)
    if (records.length > maxKeptCalls) {
      const oldestEnded = records.findIndex((r) => r.endedAt() !== undefined)
      if (oldestEnded !== -1) records.splice(oldestEnded, 1)
    }
  }

  const placeRecord = (
    api: 'v1' | 'v2',
    request: Readonly<Record<string, unknown>>,
    ids: CallIds,
    applicationId: string | undefined
  ): CallRecord => {
    const seed = config.seed === undefined ? {} : { seed: ids.seed }
    const settings: CallSettings = {
      ...config.settings,
      ...seed,
      ...(config.settings.applicationId === undefined && applicationId !== undefined
        ? { applicationId }
        : {})
    }
    const call = placeCall(simulateOptionsFor(api, request, ids, settings))
    let transcript: CallTranscript | undefined
    let endedAt: number | undefined
    const ended = call.transcript.then((t) => {
      transcript = t
      endedAt = Date.now()
      return t
    })
    return {
      running: call,
      endedAt: () => endedAt,
      call: {
        uuid: ids.uuid,
        conversationUuid: ids.conversationUuid,
        api,
        request,
        acceptedAt: Date.now(),
        ...(applicationId === undefined ? {} : { applicationId }),
        status: () => transcript?.outcome.status ?? call.state(),
        transcript: ended,
        result: () => transcript
      }
    }
  }

  const refuse = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    status: ProblemStatus,
    detail: string,
    extra: {
      readonly invalidParameters?: ReadonlyArray<InvalidParameterBody>
      readonly headers?: Readonly<Record<string, string>>
    } = {}
  ): void => {
    sendProblem(res, status, detail, { traceId: newTraceId(), ...extra })
    notify(options.onResponse, { method: req.method ?? '', path, status, detail })
  }

  const badRequest = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    refusal: Refusal
  ): void =>
    refuse(
      req,
      res,
      path,
      400,
      refusal.detail,
      refusal.invalidParameters === undefined
        ? {}
        : { invalidParameters: refusal.invalidParameters }
    )

  const authenticate = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string
  ): Promise<E.Either<void, string | undefined>> => {
    if (config.verify === undefined) return E.right(undefined)
    const checked = await config.verify(req.headers.authorization, Date.now())
    if (E.isRight(checked)) return E.right(checked.right.applicationId)
    refuse(req, res, path, 401, `You did not provide correct credentials: ${checked.left}.`, {
      headers: { connection: 'close' }
    })
    return E.left(undefined)
  }

  /** The body as JSON; on failure the answer is sent and `undefined` returned. */
  const jsonBody = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string
  ): Promise<E.Either<void, unknown>> => {
    // JSON only, as the Voice API: it also makes a browser ask first (a CORS preflight, which
    // the sandbox does not grant), so a web page cannot place calls through it.
    const type = req.headers['content-type']
    if (type === undefined || !/^application\/json\s*(;|$)/i.test(type)) {
      refuse(
        req,
        res,
        path,
        415,
        `The body must be JSON, sent with "content-type: application/json"${type === undefined ? '' : `, not ${JSON.stringify(type.slice(0, 100))}`}.`,
        { headers: { connection: 'close' } }
      )
      return E.left(undefined)
    }
    const bytes = await readBody(req, config.maxBodyBytes)
    if (E.isLeft(bytes)) {
      if (bytes.left === 'aborted') {
        req.socket.destroy()
      } else {
        refuse(
          req,
          res,
          path,
          413,
          `The body is over the sandbox's limit of ${config.maxBodyBytes} bytes.`,
          {
            headers: { connection: 'close' }
          }
        )
      }
      return E.left(undefined)
    }
    const parsed = parseBody(bytes.right)
    if (E.isLeft(parsed)) {
      badRequest(req, res, path, parsed.left)
      return E.left(undefined)
    }
    return E.right(parsed.right)
  }

  const create = async (
    api: 'v1' | 'v2',
    req: IncomingMessage,
    res: ServerResponse,
    path: string
  ): Promise<void> => {
    const auth = await authenticate(req, res, path)
    if (E.isLeft(auth)) return
    const body = await jsonBody(req, res, path)
    if (E.isLeft(body)) return
    const validated = (api === 'v1' ? validateCallV1 : validateCallV2)(body.right)
    if (E.isLeft(validated)) {
      badRequest(req, res, path, failedValidation(validated.left))
      return
    }
    if (closing !== undefined) {
      refuse(req, res, path, 503, 'The sandbox is stopping.', { headers: { connection: 'close' } })
      return
    }
    const active = running().length
    if (active >= config.maxConcurrentCalls) {
      refuse(
        req,
        res,
        path,
        429,
        `Please wait, then retry your request: the sandbox is running ${active} call${active === 1 ? '' : 's'}, its limit.`,
        { headers: { 'retry-after': '1' } }
      )
      return
    }
    const admitted = window.admit(Date.now())
    if (E.isLeft(admitted)) {
      refuse(
        req,
        res,
        path,
        429,
        `Please wait, then retry your request: the sandbox accepts ${config.cps} new call${config.cps === 1 ? '' : 's'} per second.`,
        { headers: { 'retry-after': String(admitted.left) } }
      )
      return
    }
    const ids = nextIds()
    const record = placeRecord(
      api,
      body.right as Readonly<Record<string, unknown>>,
      ids,
      auth.right
    )
    keep(record)
    if (api === 'v1') {
      sendJson(res, 201, {
        uuid: ids.uuid,
        status: 'started',
        direction: 'outbound',
        conversation_uuid: ids.conversationUuid
      })
    } else {
      sendJson(res, 202, {})
    }
    notify(options.onResponse, { method: 'POST', path, status: api === 'v1' ? 201 : 202 })
    notify(options.onCall, record.call)
  }

  const find = (uuid: string): CallRecord | undefined => records.find((r) => r.call.uuid === uuid)

  const getCall = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    uuid: string
  ): Promise<void> => {
    const auth = await authenticate(req, res, path)
    if (E.isLeft(auth)) return
    const record = find(uuid)
    if (record === undefined) {
      refuse(req, res, path, 404, `There is no call with the uuid ${JSON.stringify(uuid)}.`)
      return
    }
    sendJson(res, 200, callResource(record, url))
    notify(options.onResponse, { method: 'GET', path, status: 200 })
  }

  const modifyCall = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    uuid: string
  ): Promise<void> => {
    const auth = await authenticate(req, res, path)
    if (E.isLeft(auth)) return
    const body = await jsonBody(req, res, path)
    if (E.isLeft(body)) return
    const record = find(uuid)
    if (record === undefined) {
      refuse(req, res, path, 404, `There is no call with the uuid ${JSON.stringify(uuid)}.`)
      return
    }
    const modification = decodeModification(body.right)
    if (E.isLeft(modification)) {
      badRequest(req, res, path, modification.left)
      return
    }
    if (record.endedAt() !== undefined) {
      refuse(req, res, path, 400, 'The call has ended; it can no longer be modified.')
      return
    }
    const change = modification.right
    if (change.action === 'hangup') record.running.hangup()
    else if (change.action === 'transfer') record.running.transfer(change.ncco)
    res.writeHead(204)
    res.end()
    notify(options.onResponse, { method: 'PUT', path, status: 204 })
  }

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let path: string
    try {
      path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    } catch {
      path = req.url ?? '/'
    }
    const method = req.method ?? ''
    // A page whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own name
    // as the Host: only requests addressed to this machine are served.
    const host = req.headers.host ?? ''
    if (!allowedHosts.has(host)) {
      refuse(
        req,
        res,
        path,
        403,
        `The sandbox serves requests to ${url} (or localhost:${port}) only, not to ${JSON.stringify(host.slice(0, 100))}.`,
        { headers: { connection: 'close' } }
      )
      return
    }
    const notAllowed = (allow: string): void =>
      refuse(req, res, path, 405, `${method} is not allowed here; use ${allow}.`, {
        headers: { allow, connection: 'close' }
      })
    if (path === '/v1/calls' || path === '/v2/calls') {
      if (method !== 'POST') return notAllowed('POST')
      return create(path === '/v1/calls' ? 'v1' : 'v2', req, res, path)
    }
    const match = callPath.exec(path)
    if (match !== null) {
      let uuid: string
      try {
        uuid = decodeURIComponent(match[1]!)
      } catch {
        uuid = match[1]!
      }
      if (method === 'GET') return getCall(req, res, path, uuid)
      if (method === 'PUT') return modifyCall(req, res, path, uuid)
      return notAllowed('GET, PUT')
    }
    refuse(
      req,
      res,
      path,
      404,
      `The sandbox serves POST /v1/calls, POST /v2/calls, GET and PUT /v1/calls/{uuid}; not ${method} ${path}.`,
      { headers: { connection: 'close' } }
    )
  }

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      const reason = error instanceof Error ? error.message : String(error)
      refuse(
        req,
        res,
        req.url ?? '',
        500,
        `The sandbox failed: ${reason}. This is a bug in ncco-kit, please report it.`,
        {
          headers: { connection: 'close' }
        }
      )
    })
  })
  server.keepAliveTimeout = 5_000
  server.maxConnections = 256

  const listened = await listen(server, config.port)
  if (E.isLeft(listened)) return listened
  port = listened.right
  url = `http://127.0.0.1:${port}`
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    const calls = running()
    for (const record of calls) record.running.hangup()
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      Promise.allSettled(calls.map((r) => r.call.transcript)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, closeGraceMs)
      })
    ])
    clearTimeout(timer)
    server.closeAllConnections()
    await closed
  }

  return E.right({
    url,
    port,
    close: () => (closing ??= close()),
    calls: () => records.map((r) => r.call)
  })
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Starts a sandbox; `Left` when an option is wrong (every problem at once) or the port cannot
 * be had. The task never rejects.
 *
 * @category constructors
 * @since 0.2.0
 */
export const startSandboxTask =
  (options: SandboxOptions): TE.TaskEither<SandboxStartFailure, Sandbox> =>
  async () => {
    const config = normalizeSandboxOptions(options)
    if (E.isLeft(config)) return E.left({ kind: 'invalid-options', problems: config.left })
    try {
      return await start(config.right, options)
    } catch (error) {
      return E.left({
        kind: 'listen-failed',
        detail: error instanceof Error ? error.message : String(error)
      })
    }
  }

/**
 * Starts a sandbox on 127.0.0.1. Rejects with a `SandboxStartError` when an option is wrong or
 * the port cannot be had (see `startSandboxTask` for the same as a value).
 *
 * @example
 * import { startSandbox } from 'ncco-kit/node'
 *
 * const sandbox = await startSandbox({ noAuth: true })
 * const created = await fetch(`${sandbox.url}/v1/calls`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({
 *     to: [{ type: 'phone', number: '447700900001' }],
 *     from: { type: 'phone', number: '447700900000' },
 *     ncco: [{ action: 'talk', text: 'Hello' }]
 *   })
 * })
 * assert.strictEqual(created.status, 201)
 * const [call] = sandbox.calls()
 * const transcript = await call!.transcript
 * assert.deepStrictEqual(
 *   transcript.steps.flatMap((s) => (s.type === 'talk' ? [s.text] : [])),
 *   ['Hello']
 * )
 * await sandbox.close()
 *
 * @category constructors
 * @since 0.2.0
 */
export const startSandbox = async (options: SandboxOptions): Promise<Sandbox> => {
  const started = await startSandboxTask(options)()
  if (E.isLeft(started)) throw new SandboxStartError(started.left)
  return started.right
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Why the sandbox did not start, as lines for a person.
 *
 * @category destructors
 * @since 0.2.0
 */
export const describeStartFailure = (failure: SandboxStartFailure): string =>
  failure.kind === 'invalid-options'
    ? failure.problems.map((p) => p.message).join('\n')
    : `The sandbox could not listen: ${failure.detail}.`
