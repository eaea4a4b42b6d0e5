/**
 * Starting, watching and re-queueing campaigns: the side that writes jobs. One BullMQ queue
 * (default `ncco-campaigns`) carries the jobs of every campaign; a job names a campaign, a
 * recipient and the recipient's generation, and its id is made of the three, so that the
 * same job is never enqueued twice. The recipient's own state (store.ts) is the guard that
 * holds even when jobs are removed: `start` enqueues only recipients that are new or still
 * queued.
 *
 * @since 0.3.0
 */
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { ApiVersion } from '../sender/prepare.js'
import { connectRedis, release, type RedisSource } from './connection.js'
import type { CampaignPlan } from './plan.js'
import {
  campaignKeys,
  campaignNameProblem,
  campaignsKey,
  enroll,
  recipientOutcomes,
  requeue,
  setInvalid,
  type RecipientOutcome,
  type RecipientState,
  type StoredRecipient
} from './store.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.3.0
 */
export interface QueueOptions {
  readonly redis: RedisSource
  /** The BullMQ queue (default `ncco-campaigns`); workers of one queue share one limit. */
  readonly queue?: string
}

/**
 * What a job carries.
 *
 * @category model
 * @since 0.3.0
 */
export interface CampaignJob {
  readonly campaign: string
  readonly recipient: string
  readonly generation: number
}

/**
 * @category model
 * @since 0.3.0
 */
export interface StartResult {
  /** Recipients enqueued by this start. */
  readonly enqueued: number
  /** Recipients the campaign already had (queued, in flight or done): not enqueued again. */
  readonly alreadyKnown: number
  /** Rows left out as invalid (recorded for the report). */
  readonly invalid: number
}

/**
 * Counts by outcome; `invalid` rows were never enqueued.
 *
 * @category model
 * @since 0.3.0
 */
export interface CampaignStatus {
  readonly campaign: string
  readonly api: ApiVersion
  readonly total: number
  readonly counts: Readonly<Record<RecipientOutcome | 'invalid', number>>
  /** Nothing queued nor in flight. */
  readonly finished: boolean
}

/**
 * One line of the report.
 *
 * @category model
 * @since 0.3.0
 */
export interface ReportLine {
  readonly line: number
  readonly recipient: string
  readonly outcome: RecipientOutcome | 'invalid'
  readonly uuid?: string
  readonly reason?: string
  readonly attempts?: number
  readonly customData?: unknown
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * @category constants
 * @since 0.3.0
 */
export const defaultQueue = 'ncco-campaigns'

const BATCH = 500

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const jobId = (job: CampaignJob): string => `${job.campaign}.${job.recipient}.${job.generation}`

const jobOptions = (job: CampaignJob) => ({
  jobId: jobId(job),
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 10_000 },
  // Attempts count failures of the job itself (Redis unreachable mid-job); retries of a call
  // that was not sent are delays, not attempts.
  attempts: 20,
  backoff: { type: 'exponential', delay: 1000 }
})

/**
 * Runs with a connection and the queue: the one given, else (for an existing campaign, `name`)
 * the queue it was started on, else the default.
 */
const withQueue = async <A>(
  options: QueueOptions,
  run: (redis: Redis, queue: Queue<CampaignJob>) => Promise<A>,
  name?: string
): Promise<A> => {
  const connection = await connectRedis(options.redis)
  let queueName = options.queue ?? defaultQueue
  if (name !== undefined) {
    const stored = await connection.redis.hget(campaignKeys(name).meta, 'queue')
    if (stored !== null && options.queue !== undefined && stored !== options.queue) {
      await release(connection)
      throw new TypeError(`campaign ${name} was started on queue ${stored}, not ${options.queue}`)
    }
    queueName = stored ?? queueName
  }
  const queue = new Queue<CampaignJob>(queueName, {
    connection: connection.redis
  })
  queue.on('error', () => undefined)
  try {
    return await run(connection.redis, queue)
  } finally {
    await queue.close()
    await release(connection)
  }
}

const checkName = (name: string): void => {
  const problem = campaignNameProblem(name)
  if (problem !== undefined) throw new TypeError(problem)
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Enqueues a planned campaign: every valid recipient once, however often this runs. Refuses a
 * plan that is blocked (a template error); rows with errors are left out and recorded as
 * `invalid` (the caller decides whether to start with them: `ncco campaign start` does only
 * with `--skip-invalid`).
 *
 * @category destructors
 * @since 0.3.0
 */
export const startCampaign = async (
  options: QueueOptions & { readonly name: string; readonly plan: CampaignPlan }
): Promise<StartResult> => {
  checkName(options.name)
  if (options.plan.blocked)
    throw new TypeError('the campaign plan has errors outside any row; fix the template first')
  const keys = campaignKeys(options.name)
  return withQueue(options, async (redis, queue) => {
    const queueName = options.queue ?? defaultQueue
    const [knownApi, knownQueue] = await redis.hmget(keys.meta, 'api', 'queue')
    if (knownApi !== null && knownApi !== options.plan.api) {
      throw new TypeError(
        `campaign ${options.name} was started for ${knownApi}, not ${options.plan.api}`
      )
    }
    if (knownQueue !== null && knownQueue !== queueName) {
      throw new TypeError(
        `campaign ${options.name} was started on queue ${knownQueue}, not ${queueName}: give --queue ${knownQueue}`
      )
    }
    await redis.hset(keys.meta, { api: options.plan.api, queue: queueName })
    await redis.hsetnx(keys.meta, 'createdAt', String(Date.now()))
    await redis.sadd(campaignsKey, options.name)
    let enqueued = 0
    let alreadyKnown = 0
    const recipients = options.plan.recipients
    for (let i = 0; i < recipients.length; i += BATCH) {
      const batch = recipients.slice(i, i + BATCH).map((r) => {
        const stored: StoredRecipient = {
          line: r.line,
          label: r.label,
          request: r.request,
          ...(r.customData === undefined ? {} : { customData: r.customData })
        }
        return [r.id, stored] as const
      })
      const verdicts = await enroll(redis, options.name, batch)
      const jobs = verdicts.flatMap(([outcome, generation], j) => {
        if (outcome === 'new') enqueued += 1
        else alreadyKnown += 1
        // A queued recipient is enqueued again: if its job is there, BullMQ keeps the one job.
        if (outcome !== 'new' && outcome !== 'queued') return []
        const data: CampaignJob = { campaign: options.name, recipient: batch[j]![0], generation }
        return [{ name: options.name, data, opts: jobOptions(data) }]
      })
      if (jobs.length > 0) await queue.addBulk(jobs)
    }
    const invalid = options.plan.invalid
    await setInvalid(redis, options.name, invalid)
    return { enqueued, alreadyKnown, invalid: invalid.length }
  })
}

/**
 * The campaign's counts; `undefined` when there is no such campaign.
 *
 * @category destructors
 * @since 0.3.0
 */
export const campaignStatus = async (
  options: QueueOptions & { readonly name: string }
): Promise<CampaignStatus | undefined> => {
  checkName(options.name)
  const connection = await connectRedis(options.redis)
  try {
    return await readStatus(connection.redis, options.name)
  } finally {
    await release(connection)
  }
}

/**
 * The counts read with an open connection (for `--watch`).
 *
 * @category destructors
 * @since 0.3.0
 */
export const readStatus = async (
  redis: Redis,
  name: string
): Promise<CampaignStatus | undefined> => {
  const keys = campaignKeys(name)
  const [meta, counts] = await Promise.all([redis.hgetall(keys.meta), redis.hgetall(keys.counts)])
  if (meta['api'] === undefined) return undefined
  const count = (key: string): number => Math.max(0, Number(counts[key] ?? 0))
  const byOutcome = Object.fromEntries(
    [...recipientOutcomes, 'invalid'].map((o) => [o, count(o)])
  ) as Record<RecipientOutcome | 'invalid', number>
  return {
    campaign: name,
    api: meta['api'] === 'v2' ? 'v2' : 'v1',
    total: count('total') + count('invalid'),
    counts: byOutcome,
    finished: byOutcome.queued === 0 && byOutcome['in-flight'] === 0
  }
}

/**
 * What needs a person: the recipients whose outcome is unknown (first `limit`, by line) and the
 * reasons requests were rejected, most common first.
 *
 * @category model
 * @since 0.3.0
 */
export interface CampaignAttention {
  readonly unknown: ReadonlyArray<{
    readonly line: number
    readonly recipient: string
    readonly reason?: string
  }>
  readonly rejected: ReadonlyArray<{ readonly reason: string; readonly count: number }>
}

/**
 * Reads what needs a person, with an open connection (one pass over the campaign's states).
 *
 * @category destructors
 * @since 0.3.0
 */
export const readAttention = async (
  redis: Redis,
  name: string,
  limit = 10
): Promise<CampaignAttention> => {
  const keys = campaignKeys(name)
  const unknownIds: Array<{ id: string; reason?: string }> = []
  const reasons = new Map<string, number>()
  let cursor = '0'
  do {
    const [next, flat] = await redis.hscan(keys.state, cursor, 'COUNT', 1000)
    cursor = next
    for (let i = 0; i < flat.length; i += 2) {
      const state = JSON.parse(flat[i + 1]!) as RecipientState
      if (state.s === 'unknown')
        unknownIds.push({
          id: flat[i]!,
          ...(state.reason === undefined ? {} : { reason: state.reason })
        })
      if (state.s === 'rejected') {
        const reason = state.reason ?? '(no reason given)'
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
      }
    }
  } while (cursor !== '0')
  const stored =
    unknownIds.length === 0
      ? []
      : await redis.hmget(keys.recipients, ...unknownIds.map((u) => u.id))
  const unknown = unknownIds
    .map((u, i) => {
      const recipient = JSON.parse(stored[i] ?? '{"line":0,"label":"?"}') as StoredRecipient
      return {
        line: recipient.line,
        recipient: recipient.label,
        ...(u.reason === undefined ? {} : { reason: u.reason })
      }
    })
    .sort((a, b) => a.line - b.line)
    .slice(0, limit)
  const rejected = [...reasons.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, limit)
  return { unknown, rejected }
}

/**
 * One line per recipient, in the order of the recipients file.
 *
 * @category destructors
 * @since 0.3.0
 */
export const campaignReport = async (
  options: QueueOptions & { readonly name: string }
): Promise<ReadonlyArray<ReportLine> | undefined> => {
  checkName(options.name)
  const keys = campaignKeys(options.name)
  const connection = await connectRedis(options.redis)
  const redis = connection.redis
  try {
    if ((await redis.hget(keys.meta, 'api')) === null) return undefined
    const lines: ReportLine[] = []
    let cursor = '0'
    do {
      const [next, flat] = await redis.hscan(keys.recipients, cursor, 'COUNT', 1000)
      cursor = next
      const ids = flat.filter((_, i) => i % 2 === 0)
      const states = ids.length === 0 ? [] : await redis.hmget(keys.state, ...ids)
      ids.forEach((_, i) => {
        const recipient = JSON.parse(flat[i * 2 + 1]!) as StoredRecipient
        const state = JSON.parse(states[i] ?? '{"s":"queued","g":0}') as RecipientState
        lines.push({
          line: recipient.line,
          recipient: recipient.label,
          outcome: state.s,
          ...(state.uuid === undefined ? {} : { uuid: state.uuid }),
          ...(state.reason === undefined ? {} : { reason: state.reason }),
          ...(state.attempts === undefined ? {} : { attempts: state.attempts }),
          ...(recipient.customData === undefined ? {} : { customData: recipient.customData })
        })
      })
    } while (cursor !== '0')
    for (const text of await redis.lrange(keys.invalid, 0, -1)) {
      const row = JSON.parse(text) as { line: number; label: string; reason: string }
      lines.push({ line: row.line, recipient: row.label, outcome: 'invalid', reason: row.reason })
    }
    return lines.sort((a, b) => a.line - b.line)
  } finally {
    await release(connection)
  }
}

/**
 * Re-queues, on purpose, the recipients that ended `rejected`, `unknown` or `failed`: each
 * gets the next generation and a new job. Resolves to how many were re-queued.
 *
 * @category destructors
 * @since 0.3.0
 */
export const retryCampaign = async (
  options: QueueOptions & {
    readonly name: string
    readonly outcome: 'rejected' | 'unknown' | 'failed'
  }
): Promise<number> => {
  checkName(options.name)
  const keys = campaignKeys(options.name)
  return withQueue(
    options,
    async (redis, queue) => {
      let count = 0
      let cursor = '0'
      do {
        const [next, flat] = await redis.hscan(keys.state, cursor, 'COUNT', 1000)
        cursor = next
        const jobs = []
        for (let i = 0; i < flat.length; i += 2) {
          const state = JSON.parse(flat[i + 1]!) as RecipientState
          if (state.s !== options.outcome) continue
          const generation = await requeue(redis, options.name, flat[i]!, options.outcome)
          if (generation === undefined) continue
          const data: CampaignJob = { campaign: options.name, recipient: flat[i]!, generation }
          jobs.push({ name: options.name, data, opts: jobOptions(data) })
        }
        if (jobs.length > 0) await queue.addBulk(jobs)
        count += jobs.length
      } while (cursor !== '0')
      return count
    },
    options.name
  )
}
