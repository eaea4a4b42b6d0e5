/**
 * A campaign worker: takes jobs from the queue and places each recipient's call, never twice.
 * For each job: the recipient is marked in flight (store.ts) only after a turn in the shared
 * limit (limit.ts) and just before the POST; the answer decides the outcome:
 * - a call created: `placed`, with its uuid;
 * - an answer that rules a call out but says no (4xx): `rejected`, with Vonage's reason;
 * - nothing sent (connection refused, a 429, a blocked port): released, and the job waits
 *   (the 429's Retry-After, else 1, 2, 4 … s) and tries again, up to `maxAttempts`, then
 *   `failed`;
 * - anything after which the call may exist (a reset, a timeout, a 5xx): `unknown`, never
 *   retried by itself.
 * A job that finds its recipient already in flight belongs to a worker that stopped mid-
 * request (BullMQ gives the job to another worker when the first one's lock runs out): it
 * ends the recipient as `unknown` and sends nothing.
 *
 * @since 0.3.0
 */
import { DelayedError, Worker, type Job } from 'bullmq'
import * as E from 'fp-ts/lib/Either.js'
import { createClient, type Client } from '../sender/client.js'
import type { ClientOptions } from '../sender/config.js'
import type { CreateCallFailure } from '../sender/failure-kinds.js'
import { describeFailure } from '../sender/failure-message.js'
import { defaultJwtTtlSeconds, parsePrivateKey, signVoiceJwt } from '../sender/jwt.js'
import { connectRedis, release, type RedisSource } from './connection.js'
import { claimLimit, takeTurn, type SharedLimit } from './limit.js'
import { defaultQueue, type CampaignJob } from './queue.js'
import { begin, finish, readRecipient, type BeginVerdict } from './store.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What a worker reports as it goes (never a token or a key).
 *
 * @category model
 * @since 0.3.0
 */
export type WorkerEvent =
  | {
      readonly type: 'sending'
      readonly campaign: string
      readonly line: number
      readonly recipient: string
    }
  | {
      readonly type: 'placed' | 'rejected' | 'unknown' | 'failed'
      readonly campaign: string
      readonly line: number
      readonly recipient: string
      readonly uuid?: string
      readonly reason?: string
    }
  | {
      readonly type: 'retrying'
      readonly campaign: string
      readonly line: number
      readonly recipient: string
      readonly delayMs: number
      readonly reason: string
    }
  | { readonly type: 'error'; readonly message: string }

/**
 * @category model
 * @since 0.3.0
 */
export interface CampaignWorkerOptions {
  readonly redis: RedisSource
  readonly queue?: string
  /**
   * How calls are sent: the sender's options. Its own limiter and retries are turned off:
   * the limit is `limit`, shared by every worker, and retries are the worker's.
   */
  readonly client: Omit<ClientOptions, 'limiter' | 'retry'>
  /** The account's limit, shared by all workers of the queue. Default 3 calls per second. */
  readonly limit?: SharedLimit
  /** Jobs this worker runs at once (default 3). */
  readonly concurrency?: number
  /** Tries for a call that was not sent, before it ends `failed`. Default 6. */
  readonly maxAttempts?: number
  /**
   * How long a stopped worker's job stays its own before another worker takes it over (and
   * ends its recipient `unknown`). Default 30,000 ms.
   */
  readonly lockDurationMs?: number
  readonly onEvent?: (event: WorkerEvent) => void
}

/**
 * A running worker.
 *
 * @category model
 * @since 0.3.0
 */
export interface CampaignWorker {
  /**
   * Stops taking jobs, lets the requests already sent finish, puts jobs still waiting for a
   * turn back in the queue, and closes the connections.
   */
  readonly close: () => Promise<void>
  /** Jobs being worked on now. */
  readonly active: () => number
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

type Outcome =
  | { readonly kind: 'placed'; readonly uuid?: string }
  | { readonly kind: 'rejected' | 'unknown'; readonly reason: string }
  | { readonly kind: 'not-sent'; readonly reason: string; readonly retryAfterMs?: number }

/** Vonage's answer, in a few words. */
const reasonOf = (failure: CreateCallFailure): string =>
  describeFailure(failure)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 2)
    .join(' ')
    .slice(0, 300)

const outcomeOf = (failure: CreateCallFailure): Outcome => {
  switch (failure.kind) {
    case 'rate-limited':
      return failure.retryAfterMs === undefined
        ? { kind: 'not-sent', reason: 'rate limited (429)' }
        : { kind: 'not-sent', reason: 'rate limited (429)', retryAfterMs: failure.retryAfterMs }
    case 'network':
    case 'not-sent':
    case 'local-failure':
      return { kind: 'not-sent', reason: reasonOf(failure) }
    case 'invalid-request':
    case 'unauthorized':
    case 'forbidden':
    case 'rejected':
      return { kind: 'rejected', reason: reasonOf(failure) }
    case 'unexpected-response':
      return failure.callMayExist
        ? { kind: 'unknown', reason: reasonOf(failure) }
        : { kind: 'rejected', reason: reasonOf(failure) }
    case 'server-error':
    case 'outcome-unknown':
      return { kind: 'unknown', reason: reasonOf(failure) }
  }
}

const uuidOf = (response: unknown): string | undefined => {
  const uuid = (response as { readonly uuid?: unknown } | null)?.uuid
  return typeof uuid === 'string' ? uuid : undefined
}

const backoffMs = (attempt: number, retryAfterMs: number | undefined): number => {
  const base = retryAfterMs ?? 1000 * 2 ** Math.min(attempt - 1, 5)
  return Math.min(Math.max(base, 200), 60_000) + Math.floor(Math.random() * 250)
}

type ClientSettings = Omit<
  ClientOptions,
  'limiter' | 'retry' | 'applicationId' | 'privateKey' | 'jwtTtlSeconds' | 'token'
>

/**
 * How a worker signs: the key imported and used once at start (so that no call spends its turn
 * in the shared limit importing the key), and the client's other settings. A token is signed
 * for each call before the call takes its turn, so that the turn is followed at once by the
 * request.
 */
const signerOf = async (
  client: CampaignWorkerOptions['client']
): Promise<{ readonly settings: ClientSettings; readonly sign: () => Promise<string> }> => {
  const { privateKey, applicationId, jwtTtlSeconds, token, ...settings } = client as ClientOptions
  if (token !== undefined) return { settings, sign: async () => token() }
  if (privateKey === undefined || applicationId === undefined) {
    throw new TypeError('client: give applicationId and privateKey, or token')
  }
  const parsed = parsePrivateKey(privateKey)
  if (E.isLeft(parsed)) throw new TypeError(`privateKey: ${parsed.left}`)
  const key = parsed.right
  const ttlSeconds = jwtTtlSeconds ?? defaultJwtTtlSeconds
  const sign = (): Promise<string> =>
    signVoiceJwt(key, { applicationId, issuedAt: Math.floor(Date.now() / 1000), ttlSeconds })
  await sign()
  return { settings, sign }
}

/** A client for one call: its token already signed, no limiter, no retries of its own. */
const clientFor = (settings: ClientSettings, token: string): Client => {
  const made = createClient({
    ...settings,
    token: () => token,
    limiter: false,
    retry: { maxAttempts: 1 }
  })
  if (E.isLeft(made))
    throw new TypeError(made.left.map((p) => `${p.option}: ${p.message}`).join('; '))
  return made.right
}

/** A token older than this when its call gets a turn is signed again (tokens live 300 s). */
const resignAfterMs = 60_000

/** Late turns given up for one call before one is used anyway. */
const maxLateTurns = 5

/** How long a stop waits for BullMQ to close once the requests out have finished. */
const closeGraceMs = 3000

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref()
  })

const TAKEN_OVER =
  'its worker stopped while the request may have been out; check the call log before calling again'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Starts a worker. Rejects when Redis cannot be reached or the client options are wrong.
 *
 * @category constructors
 * @since 0.3.0
 */
export const startCampaignWorker = async (
  options: CampaignWorkerOptions
): Promise<CampaignWorker> => {
  const { settings, sign } = await signerOf(options.client)
  // The settings are checked once, here: a wrong base URL or timeout stops the worker at start.
  clientFor(settings, await sign())
  const connection = await connectRedis(options.redis)
  const redis = connection.redis
  const queueName = options.queue ?? defaultQueue
  const limit = options.limit ?? { callsPerSecond: 3 }
  const agreed = await claimLimit(redis, queueName, limit.callsPerSecond)
  if (agreed !== true) {
    await release(connection, 1000)
    throw new TypeError(agreed)
  }
  const maxAttempts = options.maxAttempts ?? 6
  const lockDuration = options.lockDurationMs ?? 30_000
  const stopping = new AbortController()
  const apis = new Map<string, 'v1' | 'v2'>()
  const emit = (event: WorkerEvent): void => {
    try {
      options.onEvent?.(event)
    } catch {
      // A listener's failure is not the worker's.
    }
  }
  const token = `${process.pid}.${Math.random().toString(36).slice(2)}`

  const apiOf = async (campaign: string): Promise<'v1' | 'v2'> => {
    const known = apis.get(campaign)
    if (known !== undefined) return known
    const api = (await redis.hget(`ncco:campaign:{${campaign}}:meta`, 'api')) === 'v2' ? 'v2' : 'v1'
    apis.set(campaign, api)
    return api
  }

  const later = async (
    job: Job<CampaignJob>,
    jobToken: string | undefined,
    delayMs: number
  ): Promise<never> => {
    await job.moveToDelayed(Date.now() + delayMs, jobToken)
    throw new DelayedError()
  }

  let active = 0
  /** The requests out now: a graceful stop waits for them. */
  const sending = new Set<Promise<unknown>>()
  const processJob = async (job: Job<CampaignJob>, jobToken?: string): Promise<string> => {
    active += 1
    try {
      return await work(job, jobToken)
    } finally {
      active -= 1
    }
  }

  const work = async (job: Job<CampaignJob>, jobToken: string | undefined): Promise<string> => {
    const { campaign, recipient: id, generation } = job.data
    const recipient = await readRecipient(redis, campaign, id)
    if (recipient === undefined) return 'missing'
    const at = { campaign, line: recipient.line, recipient: recipient.label }
    const api = await apiOf(campaign)
    // Signed before the turn, so that the request leaves at once after it; signed again if the
    // wait for a turn was long enough to bring the token near its expiry.
    let signedAt = Date.now()
    let client = clientFor(settings, await sign())
    const mark = `${token}.${job.id ?? ''}.${Date.now()}`
    let verdict: BeginVerdict = { verdict: 'late' }
    // A turn given up as late still counts in the window, so a worker too slow to use any turn
    // in time would take them all and send nothing: after a few, a late turn is used.
    for (let late = 0; verdict.verdict === 'late'; late += 1) {
      const turn = await takeTurn(redis, queueName, limit, stopping.signal)
      if (turn === undefined || stopping.signal.aborted) return later(job, jobToken, 0)
      if (Date.now() - signedAt > resignAfterMs) {
        signedAt = Date.now()
        client = clientFor(settings, await sign())
        continue
      }
      verdict = await begin(redis, campaign, id, generation, mark, TAKEN_OVER, {
        at: turn,
        maxAgeMs: late < maxLateTurns ? (limit.maxTurnAgeMs ?? 50) : Number.MAX_SAFE_INTEGER
      })
    }
    if (verdict.verdict === 'taken-over') {
      emit({ type: 'unknown', ...at, reason: TAKEN_OVER })
      return 'unknown'
    }
    if (verdict.verdict !== 'begun') return verdict.verdict
    emit({ type: 'sending', ...at })
    const request = client.createCall(api, recipient.request)()
    sending.add(request)
    const result = await request.finally(() => sending.delete(request))
    const uuid = E.isRight(result) ? uuidOf(result.right.call) : undefined
    const outcome: Outcome = E.isRight(result)
      ? { kind: 'placed', ...(uuid === undefined ? {} : { uuid }) }
      : outcomeOf(result.left)
    if (outcome.kind === 'placed') {
      await finish(
        redis,
        campaign,
        id,
        mark,
        'placed',
        outcome.uuid === undefined ? {} : { uuid: outcome.uuid }
      )
      emit({ type: 'placed', ...at, ...(outcome.uuid === undefined ? {} : { uuid: outcome.uuid }) })
      return 'placed'
    }
    if (outcome.kind === 'rejected' || outcome.kind === 'unknown') {
      await finish(redis, campaign, id, mark, outcome.kind, { reason: outcome.reason })
      emit({ type: outcome.kind, ...at, reason: outcome.reason })
      return outcome.kind
    }
    if (outcome.kind !== 'not-sent') return outcome.kind
    if (verdict.attempts >= maxAttempts) {
      await finish(redis, campaign, id, mark, 'failed', {
        reason: `not sent after ${verdict.attempts} attempts: ${outcome.reason}`
      })
      emit({ type: 'failed', ...at, reason: outcome.reason })
      return 'failed'
    }
    const written = await finish(redis, campaign, id, mark, 'queued', { reason: outcome.reason })
    if (written !== 'queued') return written
    const delayMs = backoffMs(verdict.attempts, outcome.retryAfterMs)
    emit({ type: 'retrying', ...at, delayMs, reason: outcome.reason })
    return later(job, jobToken, delayMs)
  }

  const worker = new Worker<CampaignJob, string>(queueName, processJob, {
    connection: redis,
    concurrency: options.concurrency ?? 3,
    lockDuration,
    stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
    // A job taken over after a stop is played again so that its recipient ends `unknown`
    // (rather than failed by BullMQ with its state left in flight).
    maxStalledCount: 1000,
    autorun: true
  })
  worker.on('error', (error) => emit({ type: 'error', message: error.message }))
  await worker.waitUntilReady()
  const keepLimit = setInterval(() => {
    void claimLimit(redis, queueName, limit.callsPerSecond).then(
      (agreed) => {
        if (agreed !== true) emit({ type: 'error', message: agreed })
      },
      () => undefined
    )
  }, 20_000)
  keepLimit.unref()

  let closing: Promise<void> | undefined
  return {
    active: () => active,
    close: () => {
      closing ??= (async () => {
        stopping.abort()
        clearInterval(keepLimit)
        // The requests already sent finish (each within the client's timeout) and are recorded;
        // jobs waiting for a turn go back to the queue. BullMQ's own close waits for Redis, so
        // it gets a bounded time: a recipient whose answer could not be recorded stays in
        // flight and is ended unknown by the worker that takes its job over.
        await Promise.allSettled([...sending])
        const closed = worker.close().then(
          () => true,
          () => true
        )
        const clean = await Promise.race([closed, delay(closeGraceMs).then(() => false)])
        if (!clean) void worker.close(true).catch(() => undefined)
        await release(connection, 1000)
      })()
      return closing
    }
  }
}
