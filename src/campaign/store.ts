/**
 * What a campaign keeps in Redis, and every change to it as one Lua script, so that two
 * workers (or a worker and `start`, or `retry`) never see half a change. Per campaign, all
 * under one hash tag (one Redis Cluster slot):
 * - `meta`: the API version, when it started, the queue it was enqueued on;
 * - `recipients`: id → the recipient's line, label, request and `custom_data`;
 * - `state`: id → `{s, g, t, …}`: the outcome (`queued`, `in-flight`, `placed`, `rejected`,
 *   `failed`, `unknown`), the generation `g` (raised by each deliberate retry, so that an old
 *   job cannot act), and `t`, the token of the worker that marked it in flight;
 * - `counts`: outcome → how many (and `total`), kept in step by the same scripts;
 * - `invalid`: the rows left out by `--skip-invalid`, for the report.
 *
 * The one rule everything rests on: a recipient goes `queued → in-flight` before its POST
 * leaves, and a job that finds it `in-flight` does not dial but ends it as `unknown`.
 *
 * @since 0.3.0
 */
import type { Redis } from 'ioredis'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Where a recipient is. `queued` also covers a recipient waiting for a retry; `in-flight`
 * means its request may have left; `failed` means nothing was sent (safe to retry);
 * `unknown` means the request may have reached Vonage and no answer said what happened.
 *
 * @category model
 * @since 0.3.0
 */
export type RecipientOutcome = 'queued' | 'in-flight' | 'placed' | 'rejected' | 'failed' | 'unknown'

/**
 * @category model
 * @since 0.3.0
 */
export const recipientOutcomes: ReadonlyArray<RecipientOutcome> = [
  'queued',
  'in-flight',
  'placed',
  'rejected',
  'failed',
  'unknown'
]

/**
 * A recipient's state as stored.
 *
 * @category model
 * @since 0.3.0
 */
export interface RecipientState {
  readonly s: RecipientOutcome
  /** Generation: 0, then one more for each deliberate retry. */
  readonly g: number
  /** The token of the worker that marked it in flight. */
  readonly t?: string
  /** Before a deliberate retry: the token of the worker that last had it in flight. */
  readonly pt?: string
  readonly uuid?: string
  readonly reason?: string
  /** Requests sent or tried for it, retries included. */
  readonly attempts?: number
  /** When it last changed, milliseconds since the epoch. */
  readonly at?: number
}

/**
 * A recipient as stored.
 *
 * @category model
 * @since 0.3.0
 */
export interface StoredRecipient {
  readonly line: number
  readonly label: string
  readonly request: Readonly<Record<string, unknown>>
  readonly customData?: unknown
}

// -------------------------------------------------------------------------------------
// keys
// -------------------------------------------------------------------------------------

/**
 * The Redis keys of a campaign.
 *
 * @category constructors
 * @since 0.3.0
 */
export const campaignKeys = (name: string) => {
  const base = `ncco:campaign:{${name}}`
  return {
    meta: `${base}:meta`,
    recipients: `${base}:recipients`,
    state: `${base}:state`,
    counts: `${base}:counts`,
    invalid: `${base}:invalid`
  } as const
}

/** The set of campaign names. */
export const campaignsKey = 'ncco:campaigns'

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/**
 * Why a campaign name cannot be used, or `undefined`: 1 to 64 letters, digits, `.`, `_`, `-`,
 * starting with a letter or digit (it is part of Redis keys and job ids).
 *
 * @category destructors
 * @since 0.3.0
 */
export const campaignNameProblem = (name: string): string | undefined =>
  NAME.test(name)
    ? undefined
    : 'a campaign name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit'

// -------------------------------------------------------------------------------------
// scripts
// -------------------------------------------------------------------------------------

/** Counts moved from one outcome to another, in the same script as the change. */
const MOVE = `
local function move(counts, from, to)
  if from ~= to then
    redis.call('HINCRBY', counts, from, -1)
    redis.call('HINCRBY', counts, to, 1)
  end
end
`

/** KEYS: state, recipients, counts. ARGV: id, recipient JSON, id, recipient JSON, … */
const ENROLL = `
local out = {}
for i = 1, #ARGV, 2 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if not cur then
    redis.call('HSET', KEYS[1], ARGV[i], cjson.encode({s = 'queued', g = 0}))
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    redis.call('HINCRBY', KEYS[3], 'queued', 1)
    redis.call('HINCRBY', KEYS[3], 'total', 1)
    out[#out + 1] = 'new'
    out[#out + 1] = 0
  else
    local o = cjson.decode(cur)
    out[#out + 1] = o.s
    out[#out + 1] = o.g
  end
end
return out
`

/**
 * KEYS: state, counts. ARGV: id, generation, token, now, reason for a take-over, the Redis
 * time of the worker's turn, the oldest a turn may be (ms). A late turn changes nothing.
 */
const BEGIN =
  MOVE +
  `
local t = redis.call('TIME')
local clock = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return {'missing'} end
local o = cjson.decode(cur)
if tostring(o.g) ~= ARGV[2] then return {'stale', o.s} end
if o.s == 'queued' then
  if clock - tonumber(ARGV[6]) > tonumber(ARGV[7]) then return {'late'} end
  o.s = 'in-flight'; o.t = ARGV[3]; o.at = tonumber(ARGV[4])
  o.attempts = (o.attempts or 0) + 1
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(o))
  move(KEYS[2], 'queued', 'in-flight')
  return {'begun', o.attempts}
end
if o.s == 'in-flight' then
  o.s = 'unknown'; o.reason = ARGV[5]; o.at = tonumber(ARGV[4])
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(o))
  move(KEYS[2], 'in-flight', 'unknown')
  return {'taken-over', o.attempts or 1}
end
return {'done', o.s}
`

/**
 * KEYS: state, counts. ARGV: id, token, outcome, details JSON ({uuid, reason}), now.
 * Only the worker that marked the recipient in flight may end it; if another worker has
 * meanwhile ended it as unknown (a take-over), the worker that knows the answer corrects it.
 * A release to `queued` after a take-over becomes `failed`: nothing was sent, but the job
 * that could have retried it is gone.
 */
const FINISH =
  MOVE +
  `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return 'missing' end
local o = cjson.decode(cur)
local d = cjson.decode(ARGV[4])
-- A worker that was taken over, and whose recipient was then re-queued on purpose, may still
-- learn that its call was placed: while the new job has not begun, that answer stands.
if o.pt == ARGV[2] and o.s == 'queued' and ARGV[3] == 'placed' then
  o.s = 'placed'; o.uuid = d.uuid; o.t = ARGV[2]; o.pt = nil; o.at = tonumber(ARGV[5])
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(o))
  move(KEYS[2], 'queued', 'placed')
  return 'placed'
end
if o.t ~= ARGV[2] or (o.s ~= 'in-flight' and o.s ~= 'unknown') then return 'lost' end
local from = o.s
local to = ARGV[3]
if from == 'unknown' and to == 'queued' then to = 'failed' end
o.s = to; o.uuid = d.uuid; o.reason = d.reason; o.at = tonumber(ARGV[5])
if to == 'queued' then o.t = nil end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(o))
move(KEYS[2], from, to)
return to
`

/** KEYS: state, counts. ARGV: id, the outcome it must still have. Returns the new generation. */
const REQUEUE =
  MOVE +
  `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return -1 end
local o = cjson.decode(cur)
if o.s ~= ARGV[2] then return -1 end
local from = o.s
local n = {s = 'queued', g = o.g + 1, attempts = o.attempts, at = tonumber(ARGV[3]), pt = o.t}
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(n))
move(KEYS[2], from, 'queued')
return n.g
`

/**
 * KEYS: invalid, counts. ARGV: the invalid rows as JSON. Replaces the list and its count: the
 * rows of the latest start are the invalid ones (a row fixed since is no longer).
 */
const SET_INVALID = `
redis.call('DEL', KEYS[1])
if #ARGV > 0 then redis.call('RPUSH', KEYS[1], unpack(ARGV)) end
redis.call('HSET', KEYS[2], 'invalid', #ARGV)
return #ARGV
`

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Records the rows a start left out as invalid, in place of those of earlier starts.
 *
 * @category destructors
 * @since 0.3.0
 */
export const setInvalid = async (
  redis: Redis,
  name: string,
  rows: ReadonlyArray<{ readonly line: number; readonly label: string; readonly reason: string }>
): Promise<void> => {
  const keys = campaignKeys(name)
  for (let i = 0; i < rows.length; i += 5000) {
    // In chunks, since Lua's unpack has a limit; the first chunk replaces, the rest append.
    const chunk = rows.slice(i, i + 5000).map((row) => JSON.stringify(row))
    if (i === 0) await redis.eval(SET_INVALID, 2, keys.invalid, keys.counts, ...chunk)
    else {
      await redis.rpush(keys.invalid, ...chunk)
      await redis.hincrby(keys.counts, 'invalid', chunk.length)
    }
  }
  if (rows.length === 0) await redis.eval(SET_INVALID, 2, keys.invalid, keys.counts)
}

const asPairs = (reply: unknown): Array<readonly [string, number]> => {
  const flat = reply as ReadonlyArray<string | number>
  const out: Array<readonly [string, number]> = []
  for (let i = 0; i < flat.length; i += 2) out.push([String(flat[i]), Number(flat[i + 1])])
  return out
}

/**
 * Adds recipients that are not there yet, atomically per batch. For each: `new`, or the
 * outcome it already has, with its generation.
 *
 * @category destructors
 * @since 0.3.0
 */
export const enroll = async (
  redis: Redis,
  name: string,
  batch: ReadonlyArray<readonly [id: string, recipient: StoredRecipient]>
): Promise<Array<readonly [string, number]>> => {
  const keys = campaignKeys(name)
  const args = batch.flatMap(([id, recipient]) => [id, JSON.stringify(recipient)])
  return asPairs(await redis.eval(ENROLL, 3, keys.state, keys.recipients, keys.counts, ...args))
}

/**
 * What `begin` found: `begun` (this worker may send, it is the `attempts`-th try),
 * `taken-over` (it was in flight: now `unknown`), `done` (it already has an outcome),
 * `stale` (a retry replaced this job), `late` (the turn is too old: take another) or `missing`.
 *
 * @category model
 * @since 0.3.0
 */
export type BeginVerdict =
  | { readonly verdict: 'begun'; readonly attempts: number }
  | { readonly verdict: 'taken-over'; readonly attempts: number }
  | { readonly verdict: 'done' | 'stale'; readonly outcome: string }
  | { readonly verdict: 'missing' | 'late' }

/**
 * Marks a recipient in flight before its request leaves.
 *
 * @category destructors
 * @since 0.3.0
 */
export const begin = async (
  redis: Redis,
  name: string,
  id: string,
  generation: number,
  token: string,
  reason: string,
  turn: { readonly at: number; readonly maxAgeMs: number }
): Promise<BeginVerdict> => {
  const keys = campaignKeys(name)
  const reply = (await redis.eval(
    BEGIN,
    2,
    keys.state,
    keys.counts,
    id,
    String(generation),
    token,
    String(Date.now()),
    reason,
    String(turn.at),
    String(turn.maxAgeMs)
  )) as ReadonlyArray<string | number>
  const verdict = String(reply[0])
  if (verdict === 'begun' || verdict === 'taken-over')
    return { verdict, attempts: Number(reply[1]) }
  if (verdict === 'done' || verdict === 'stale') return { verdict, outcome: String(reply[1]) }
  return { verdict: verdict === 'late' ? 'late' : 'missing' }
}

/**
 * Ends (or, with `queued`, releases) a recipient this worker marked in flight. Resolves to
 * the outcome written, or `lost` when another worker owns it now.
 *
 * @category destructors
 * @since 0.3.0
 */
export const finish = async (
  redis: Redis,
  name: string,
  id: string,
  token: string,
  outcome: Exclude<RecipientOutcome, 'in-flight'>,
  details: { readonly uuid?: string; readonly reason?: string }
): Promise<string> => {
  const keys = campaignKeys(name)
  return String(
    await redis.eval(
      FINISH,
      2,
      keys.state,
      keys.counts,
      id,
      token,
      outcome,
      JSON.stringify(details),
      String(Date.now())
    )
  )
}

/**
 * Puts a recipient that still has `outcome` back in the queue with the next generation;
 * `undefined` when its outcome changed meanwhile.
 *
 * @category destructors
 * @since 0.3.0
 */
export const requeue = async (
  redis: Redis,
  name: string,
  id: string,
  outcome: RecipientOutcome
): Promise<number | undefined> => {
  const keys = campaignKeys(name)
  const generation = Number(
    await redis.eval(REQUEUE, 2, keys.state, keys.counts, id, outcome, String(Date.now()))
  )
  return generation < 0 ? undefined : generation
}

/**
 * The stored recipient, or `undefined`.
 *
 * @category destructors
 * @since 0.3.0
 */
export const readRecipient = async (
  redis: Redis,
  name: string,
  id: string
): Promise<StoredRecipient | undefined> => {
  const text = await redis.hget(campaignKeys(name).recipients, id)
  return text === null ? undefined : (JSON.parse(text) as StoredRecipient)
}
