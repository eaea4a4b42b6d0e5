/**
 * The Voice API client: places calls and never surprises its user. No invalid request leaves
 * the machine (the merged request is validated first), no call is dialled twice (only answers
 * that prove no call was created are retried, see `retry.ts`), and every failure is a value of
 * `CreateCallFailure`: `createCallV1` / `createCallV2` return a `TaskEither` that never
 * rejects.
 *
 * @since 0.1.0
 */
import { Builder } from '../builders/builder.js'
import type { Buildable } from '../builders/builder.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { CreateCallV1Response } from '../call/response.js'
import type { CreateCallV1Request } from '../call/v1.js'
import type { CreateCallV2Request } from '../call/v2.js'
import { isPlainObject } from '../internal/text.js'
import type { Issue, Profile } from '../issue.js'
import type { AdvancedMachineDetection, MachineDetection } from '../ncco/common.js'
import { validateCallV1, validateCallV2, type Loose } from '../validate.js'
import {
  normalizeOptions,
  regions,
  type Authentication,
  type ClientConfig,
  type ClientOptions,
  type ConfigProblem
} from './config.js'
import {
  httpFailure,
  type CreateCallFailure,
  type InvalidRequest,
  type LocalFailure
} from './failure.js'
import { signVoiceJwt } from './jwt.js'
import { ProblemDetails } from './problem.js'
import { decideRetry, parseRetryAfter, type RetryableAnswer } from './retry.js'
import { post, type AttemptOutcome, type Lost } from './transport.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The Voice API version: `v1` (`POST /v1/calls`, 201) or `v2` (`POST /v2/calls`, 202).
 *
 * @category model
 * @since 0.1.0
 */
export type ApiVersion = 'v1' | 'v2'

/**
 * Per-call settings merged into the request before it is validated; a value given here
 * replaces the request's own.
 *
 * @category model
 * @since 0.1.0
 */
export interface CallOptionsV1 {
  /** `length_timer`: seconds after answer before the call is ended (1–86,400). */
  readonly lengthTimer?: number
  /** `ringing_timer`: seconds of ringing before the call is given up (1–120). */
  readonly ringingTimer?: number
  /** `machine_detection`: what to do when a machine answers. */
  readonly machineDetection?: MachineDetection
  /** `advanced_machine_detection` (v1 only). */
  readonly advancedMachineDetection?: AdvancedMachineDetection
}

/**
 * @category model
 * @since 0.1.0
 */
export type CallOptionsV2 = Omit<CallOptionsV1, 'advancedMachineDetection'>

/**
 * The request exactly as it would be sent, the token left out.
 *
 * @category model
 * @since 0.1.0
 */
export interface PreparedCall {
  readonly api: ApiVersion
  readonly method: 'POST'
  readonly url: string
  /** Headers as sent; `authorization` reads `Bearer [redacted]`. */
  readonly headers: Readonly<Record<string, string>>
  /** The merged request, validated. */
  readonly request: unknown
  /** `request` as JSON, the bytes that are sent. */
  readonly body: string
  readonly warnings: ReadonlyArray<Issue>
}

/**
 * @category model
 * @since 0.1.0
 */
export interface CallCreated<A> {
  /** The HTTP status: 201 for v1, 202 for v2. */
  readonly status: number
  /** v1: the decoded `CreateCallV1Response`; v2: the body, `{}` when empty. */
  readonly call: A
  /** Requests sent, retries after 429 included. */
  readonly attempts: number
  /** Validation warnings of the request. */
  readonly warnings: ReadonlyArray<Issue>
}

/**
 * @category model
 * @since 0.1.0
 */
export type CallCreatedV1 = CallCreated<CreateCallV1Response>

/**
 * @category model
 * @since 0.1.0
 */
export type CallAcceptedV2 = CallCreated<Readonly<Record<string, unknown>>>

/**
 * @category model
 * @since 0.1.0
 */
export interface Client {
  /**
   * Either version, for a request of unknown shape (JSON or YAML read from a file): it is
   * validated like any other.
   */
  readonly createCall: <V extends ApiVersion>(
    api: V,
    request: unknown,
    options?: V extends 'v1' ? CallOptionsV1 : CallOptionsV2
  ) => TE.TaskEither<CreateCallFailure, V extends 'v1' ? CallCreatedV1 : CallAcceptedV2>
  /** `POST /v1/calls`. Nothing is sent until the task runs; the task never rejects. */
  readonly createCallV1: (
    request: CreateCallV1Request | Loose<CreateCallV1Request> | Buildable<CreateCallV1Request>,
    options?: CallOptionsV1
  ) => TE.TaskEither<CreateCallFailure, CallCreatedV1>
  /** `POST /v2/calls` (beta: IP calls; the call is then managed with v1). */
  readonly createCallV2: (
    request: CreateCallV2Request | Loose<CreateCallV2Request> | Buildable<CreateCallV2Request>,
    options?: CallOptionsV2
  ) => TE.TaskEither<CreateCallFailure, CallAcceptedV2>
}

// -------------------------------------------------------------------------------------
// preparing
// -------------------------------------------------------------------------------------

/** Where each per-call option goes in the request. */
const optionKeys = {
  lengthTimer: 'length_timer',
  ringingTimer: 'ringing_timer',
  machineDetection: 'machine_detection',
  advancedMachineDetection: 'advanced_machine_detection'
} as const satisfies Record<keyof CallOptionsV1, string>

/**
 * The request with the per-call options written over it (a new object; the request is not
 * changed). A request that is not an object is returned as is, for the validator to report.
 *
 * @category preparing
 * @since 0.1.0
 */
export const mergeCallOptions = (request: unknown, options: CallOptionsV1 = {}): unknown => {
  // A builder from `callV1()` / `callV2()` stands for its wire value.
  if (request instanceof Builder) return mergeCallOptions(request.value, options)
  const entries = Object.entries(optionKeys).flatMap(([option, key]) => {
    const value = options[option as keyof CallOptionsV1]
    return value === undefined ? [] : [[key, value] as const]
  })
  if (entries.length === 0 || !isPlainObject(request)) return request
  return { ...request, ...Object.fromEntries(entries) }
}

const redactedAuthorization = 'Bearer [redacted]'

const validators = { v1: validateCallV1, v2: validateCallV2 } as const

/**
 * Merges the per-call options, validates the result with the given profile (default
 * `strict`) and builds the request that would be sent to `baseUrl` (default
 * `https://api.nexmo.com`, taken as given). `Left` when the merged request has errors:
 * nothing may be sent.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { prepareCall } from 'ncco-kit'
 *
 * const prepared = prepareCall(
 *   'v1',
 *   { to: [{ type: 'phone', number: '447700900000' }], random_from_number: true, ncco: [{ action: 'talk', text: 'Hi' }] },
 *   { ringingTimer: 30 }
 * )
 * assert.ok(E.isRight(prepared) && prepared.right.body.endsWith('"ringing_timer":30}'))
 *
 * @category preparing
 * @since 0.1.0
 */
export const prepareCall = (
  api: ApiVersion,
  request: unknown,
  options: CallOptionsV1 = {},
  settings: { readonly baseUrl?: string; readonly profile?: Profile } = {}
): E.Either<InvalidRequest, PreparedCall> => {
  const merged = mergeCallOptions(request, options)
  const baseUrl = (settings.baseUrl ?? regions.global).replace(/\/+$/, '')
  return pipe(
    validators[api](merged, { profile: settings.profile ?? 'strict' }),
    E.bimap(
      (issues): InvalidRequest => ({ kind: 'invalid-request', issues }),
      ({ value, warnings }): PreparedCall => ({
        api,
        method: 'POST',
        url: `${baseUrl}/${api}/calls`,
        headers: {
          authorization: redactedAuthorization,
          'content-type': 'application/json',
          accept: 'application/json'
        },
        request: value,
        body: JSON.stringify(value),
        warnings
      })
    )
  )
}

// -------------------------------------------------------------------------------------
// sending
// -------------------------------------------------------------------------------------

class Local extends Error {
  constructor(
    readonly source: LocalFailure['source'],
    readonly detail: string
  ) {
    super(detail)
  }
}

const describeThrown = (error: unknown): string =>
  error instanceof Error && error.message !== '' ? error.message : String(error)

/** Runs a supplied function; its exception becomes a `Local` naming the source. */
const supplied = async <A>(source: LocalFailure['source'], f: () => A | Promise<A>): Promise<A> => {
  try {
    return await f()
  } catch (error) {
    throw new Local(source, describeThrown(error))
  }
}

/** RFC 6750 b64token: what may follow "Bearer " in a header. */
const bearerToken = /^[A-Za-z0-9\-._~+/]+=*$/

const tokenFor = async (auth: Authentication, nowMs: number): Promise<string> => {
  if (auth.type === 'key') {
    return supplied('internal', () =>
      signVoiceJwt(auth.key, {
        applicationId: auth.applicationId,
        issuedAt: Math.floor(nowMs / 1000),
        ttlSeconds: auth.ttlSeconds
      })
    )
  }
  const token: unknown = await supplied('token', auth.token)
  if (typeof token !== 'string' || !bearerToken.test(token)) {
    throw new Local(
      'token',
      typeof token === 'string'
        ? 'the token function returned a string that is not a bearer token (empty, or with spaces or other characters a header cannot carry)'
        : `the token function returned ${token === null ? 'null' : typeof token}, not a string`
    )
  }
  return token
}

const bodyExcerptLength = 2_000

type Decode<A> = (body: string) => E.Either<ReadonlyArray<string>, A>

const parseJson = (body: string): E.Either<ReadonlyArray<string>, unknown> =>
  E.tryCatch(
    () => JSON.parse(body) as unknown,
    (error) => [`the body is not JSON (${describeThrown(error)})`]
  )

const decodeV1: Decode<CreateCallV1Response> = (body) =>
  pipe(
    parseJson(body),
    E.chain((json) =>
      pipe(
        CreateCallV1Response.decode(json),
        E.mapLeft((errors): ReadonlyArray<string> =>
          errors.map((e) => e.message ?? 'the body does not match')
        )
      )
    )
  )

const decodeV2: Decode<Readonly<Record<string, unknown>>> = (body) =>
  body.trim() === ''
    ? E.right({})
    : pipe(
        parseJson(body),
        E.chain((json) =>
          isPlainObject(json)
            ? E.right(json)
            : E.left<ReadonlyArray<string>>(['the body is not a JSON object'])
        )
      )

interface Sent<A> {
  readonly status: number
  readonly call: A
  readonly attempts: number
}

/** What one attempt means: done (a result or a failure), or an answer that may be retried. */
type Verdict<A> =
  | { readonly type: 'done'; readonly result: E.Either<CreateCallFailure, Sent<A>> }
  | {
      readonly type: 'retryable'
      readonly answer: RetryableAnswer
      /** What to return if no retry is allowed. */
      readonly failure: CreateCallFailure
    }

const done = <A>(result: E.Either<CreateCallFailure, Sent<A>>): Verdict<A> => ({
  type: 'done',
  result
})

const outcomeUnknown = (
  lost: Lost,
  attempts: number,
  config: ClientConfig,
  status?: number
): CreateCallFailure => ({
  kind: 'outcome-unknown',
  reason: lost.reason,
  attempts,
  ...(status === undefined ? {} : { status }),
  ...(lost.reason === 'timeout' ? { timeoutMs: config.timeoutMs } : {}),
  ...(lost.code === undefined ? {} : { code: lost.code }),
  detail: lost.detail
})

const excerpt = (body: string | undefined): string | undefined =>
  body === undefined || body === ''
    ? undefined
    : body.length > bodyExcerptLength
      ? `${body.slice(0, bodyExcerptLength)}…`
      : body

const judge = <A>(
  outcome: AttemptOutcome,
  attempts: number,
  decode: Decode<A>,
  config: ClientConfig
): Verdict<A> => {
  switch (outcome.type) {
    case 'not-sent': {
      const failure: CreateCallFailure = {
        kind: 'network',
        attempts,
        ...(outcome.code === undefined ? {} : { code: outcome.code }),
        detail: outcome.detail
      }
      return outcome.code === 'ECONNREFUSED'
        ? { type: 'retryable', answer: { reason: 'refused' }, failure }
        : done(E.left(failure))
    }
    case 'lost':
      return done(E.left(outcomeUnknown(outcome, attempts, config)))
    case 'answered': {
      const { status, headers } = outcome
      const ok = status >= 200 && status < 300
      if (ok && E.isLeft(outcome.body)) {
        return done(E.left(outcomeUnknown(outcome.body.left, attempts, config, status)))
      }
      const body = E.isRight(outcome.body) ? outcome.body.right : undefined
      const traceId = headers.get('x-nexmo-trace-id') ?? undefined
      const shown = excerpt(body)
      const optional = {
        ...(shown === undefined ? {} : { body: shown }),
        ...(traceId === undefined ? {} : { traceId })
      }
      if (ok) {
        return done(
          pipe(
            decode(body ?? ''),
            E.bimap(
              (errors): CreateCallFailure => ({
                kind: 'unexpected-response',
                status,
                attempts,
                callMayExist: true,
                errors,
                ...optional
              }),
              (call) => ({ status, call, attempts })
            )
          )
        )
      }
      if (status < 400) {
        const location = headers.get('location')
        return done(
          E.left({
            kind: 'unexpected-response',
            status,
            attempts,
            callMayExist: false,
            errors: [
              `a redirect${location === null ? '' : ` to ${location}`}, which is not followed`
            ],
            ...optional
          })
        )
      }
      const problem =
        body === undefined
          ? undefined
          : pipe(
              parseJson(body),
              E.chainW((json) => ProblemDetails.decode(json)),
              E.getOrElseW(() => undefined)
            )
      const retryAfterMs =
        status === 429 ? parseRetryAfter(headers.get('retry-after'), config.clock.now()) : undefined
      const failure = httpFailure(
        { status, attempts, ...(problem === undefined ? {} : { problem }), ...optional },
        retryAfterMs
      )
      return status === 429
        ? { type: 'retryable', answer: { reason: 'rate-limited', retryAfterMs }, failure }
        : done(E.left(failure))
    }
  }
}

/**
 * The attempt with the token taken out of every text the server or the network returned
 * (a server may echo the Authorization header): nothing after this point can hold it.
 */
const redactOutcome = (outcome: AttemptOutcome, token: string): AttemptOutcome => {
  const redact = (s: string): string => s.split(token).join('[redacted]')
  switch (outcome.type) {
    case 'not-sent':
    case 'lost':
      return { ...outcome, detail: redact(outcome.detail) }
    case 'answered':
      return {
        ...outcome,
        body: pipe(
          outcome.body,
          E.bimap((lost) => ({ ...lost, detail: redact(lost.detail) }), redact)
        )
      }
  }
}

/** How far a call got; read by the edge when something throws. */
interface Progress {
  attempts: number
  /** True while a request is out and nothing has ruled out that it created a call. */
  inFlight: boolean
}

const send = async <A>(
  config: ClientConfig,
  prepared: PreparedCall,
  decode: Decode<A>,
  progress: Progress
): Promise<E.Either<CreateCallFailure, CallCreated<A>>> => {
  let waitedMs = 0
  for (;;) {
    const limiter = config.limiter
    if (limiter !== undefined) await supplied('limiter', () => limiter.take())
    const now = await supplied('clock', () => config.clock.now())
    const token = await tokenFor(config.authentication, now)
    progress.attempts++
    progress.inFlight = true
    const outcome = await post({
      url: prepared.url,
      headers: { ...prepared.headers, authorization: `Bearer ${token}` },
      body: prepared.body,
      timeoutMs: config.timeoutMs
    })
    const verdict = judge(redactOutcome(outcome, token), progress.attempts, decode, config)
    if (verdict.type === 'done') {
      return pipe(
        verdict.result,
        E.map((sent) => ({ ...sent, warnings: prepared.warnings }))
      )
    }
    progress.inFlight = false
    const decision = decideRetry(
      verdict.answer,
      { attempts: progress.attempts, waitedMs },
      config.retry
    )
    if (!decision.retry) return E.left(verdict.failure)
    await supplied('clock', () => config.clock.sleep(decision.delayMs))
    waitedMs += decision.delayMs
  }
}

/** The one place where exceptions stop: a supplied function that threw, or a bug. */
const fromException = (error: unknown, progress: Progress): CreateCallFailure => {
  const detail = error instanceof Local ? error.detail : describeThrown(error)
  if (progress.inFlight) {
    return {
      kind: 'outcome-unknown',
      reason: 'connection-lost',
      attempts: progress.attempts,
      detail
    }
  }
  return {
    kind: 'local-failure',
    source: error instanceof Local ? error.source : 'internal',
    attempts: progress.attempts,
    detail
  }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A client, or every problem with the options. The private key is read and imported here,
 * once.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createClient } from 'ncco-kit'
 *
 * const client = createClient({ applicationId: 'app-id', privateKey: 'no/such/private.key' })
 * assert.ok(E.isLeft(client))
 * assert.strictEqual(client.left[0].option, 'privateKey')
 *
 * @category constructors
 * @since 0.1.0
 */
export const createClient = (
  options: ClientOptions
): E.Either<ReadonlyNonEmptyArray<ConfigProblem>, Client> =>
  pipe(
    normalizeOptions(options),
    E.map((config): Client => {
      const create =
        <A>(api: ApiVersion, decode: Decode<A>) =>
        (
          request: unknown,
          callOptions: CallOptionsV1 = {}
        ): TE.TaskEither<CreateCallFailure, CallCreated<A>> =>
        async () => {
          const progress: Progress = { attempts: 0, inFlight: false }
          try {
            const prepared = prepareCall(api, request, callOptions, config)
            return E.isLeft(prepared)
              ? prepared
              : await send(config, prepared.right, decode, progress)
          } catch (error) {
            return E.left(fromException(error, progress))
          }
        }
      const createCallV1 = create('v1', decodeV1)
      const createCallV2 = create('v2', decodeV2)
      return {
        createCall: ((api: ApiVersion, request: unknown, callOptions?: CallOptionsV1) =>
          api === 'v1'
            ? createCallV1(request, callOptions)
            : createCallV2(request, callOptions)) as Client['createCall'],
        createCallV1,
        createCallV2
      }
    })
  )
