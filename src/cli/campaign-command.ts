/**
 * `ncco campaign start|work|status|report|retry`: outbound campaigns on BullMQ and Redis
 * (docs/campaigns.md). `start` validates the template and every row before it enqueues
 * anything; `work` is a worker, run as many times as wanted; `status` counts (and `--watch`
 * follows) a campaign; `report` writes one line per recipient; `retry` re-queues an outcome on
 * purpose. The Redis URL comes from `--redis` or `$REDIS_URL`; credentials, as for
 * `call create`, from the flags or `$VONAGE_APPLICATION_ID` / `$VONAGE_PRIVATE_KEY_PATH`.
 *
 * Exit codes: 0 done; 1 invalid input (nothing enqueued), Redis unreachable, or no such
 * campaign; 2 usage error.
 *
 * @since 0.3.0
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import {
  parseRecipients,
  recipientsFormatOf,
  type RecipientsFormat
} from '../campaign/recipients.js'
import { planCampaign } from '../campaign/plan.js'
import { campaignNameProblem } from '../campaign/store.js'
import type { StopSignal } from './sandbox-command.js'
import { printable } from './colour.js'
import { holdsPrivateKey } from './check-file.js'
import { parseJson } from './parse-json.js'
import { fsFailureIssue, nodeFileSystem, readFileCapped } from './file-system.js'
import { scanFlags, suggestion, type FlagGrammar } from './flags.js'
import type { CliIo, Command } from './io.js'
import {
  renderAttention,
  renderEvent,
  renderFindings,
  renderReport,
  renderStatus,
  progressBar,
  statusJson
} from './campaign-render.js'
import { plural } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// usage
// -------------------------------------------------------------------------------------

const usage = `Usage: ncco campaign <start|work|status|report|retry> [options]

  start   --name NAME --request TEMPLATE --recipients FILE [--api v1|v2] [--skip-invalid]
          validate the template and every recipient, then enqueue each recipient once
  work    [--concurrency N] [--cps N] [--application-id ID] [--private-key PATH]
          [--base-url URL] [--timeout MS] [--max-attempts N] [--lock-duration MS]
          place the calls; run as many workers as you like; SIGINT/SIGTERM stops gracefully
  status  --name NAME [--format pretty|json] [--watch] [--interval MS]
          counts by outcome (queued, in flight, placed, rejected, failed, unknown, invalid)
  report  --name NAME [--format csv|jsonl] [--output FILE]
          one line per recipient
  retry   --name NAME --outcome rejected|unknown|failed
          re-queue the recipients that ended so, on purpose

Every subcommand takes --redis URL (default $REDIS_URL) and --queue NAME (default
ncco-campaigns; the workers of one queue share one calls-per-second limit).
Exit codes: 0 done, 1 invalid input, Redis unreachable or no such campaign, 2 usage error.
`

const subcommands = ['start', 'work', 'status', 'report', 'retry'] as const
type Subcommand = (typeof subcommands)[number]

const valueFlags = [
  '--redis',
  '--queue',
  '--name',
  '--request',
  '--recipients',
  '--api',
  '--concurrency',
  '--cps',
  '--application-id',
  '--private-key',
  '--base-url',
  '--timeout',
  '--max-attempts',
  '--lock-duration',
  '--format',
  '--interval',
  '--output',
  '--outcome'
] as const
type ValueFlag = (typeof valueFlags)[number]
type Switch = '--skip-invalid' | '--watch'

const allowed: Readonly<Record<Subcommand, ReadonlyArray<string>>> = {
  start: ['--name', '--request', '--recipients', '--api', '--skip-invalid', '--format'],
  work: [
    '--concurrency',
    '--cps',
    '--application-id',
    '--private-key',
    '--base-url',
    '--timeout',
    '--max-attempts',
    '--lock-duration'
  ],
  status: ['--name', '--format', '--watch', '--interval'],
  report: ['--name', '--format', '--output'],
  retry: ['--name', '--outcome']
}

const grammar: FlagGrammar<ValueFlag, never, Switch> = {
  values: valueFlags,
  repeated: {},
  switches: ['--skip-invalid', '--watch'],
  notAnOption: (argument) =>
    argument.startsWith('-')
      ? undefined
      : `unexpected argument ${printable(argument)} (every input is given with a flag)`
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** What the command needs beyond the usual capabilities: the stop signal of `work`. */
export interface CampaignDeps {
  readonly stopSignal: StopSignal
}

interface Context {
  readonly io: CliIo
  readonly values: Partial<Record<ValueFlag, string>>
  readonly switches: ReadonlySet<Switch>
  readonly redis: string
  readonly queue: string | undefined
}

class Usage extends Error {}

const integer = (ctx: Context, flag: ValueFlag, min: number, max: number): number | undefined => {
  const text = ctx.values[flag]
  if (text === undefined) return undefined
  const n = /^\d+$/.test(text) ? Number(text) : NaN
  if (!(n >= min && n <= max)) throw new Usage(`${flag} must be an integer from ${min} to ${max}`)
  return n
}

const required = (ctx: Context, flag: ValueFlag): string => {
  const value = ctx.values[flag]
  if (value === undefined || value === '') throw new Usage(`missing ${flag}`)
  return value
}

const nameOf = (ctx: Context): string => {
  const name = required(ctx, '--name')
  const problem = campaignNameProblem(name)
  if (problem !== undefined) throw new Usage(`--name: ${problem}`)
  return name
}

const oneOf = <T extends string>(
  ctx: Context,
  flag: ValueFlag,
  choices: ReadonlyArray<T>,
  byDefault: T
): T => {
  const value = ctx.values[flag]
  if (value === undefined) return byDefault
  const found = choices.find((c) => c === value)
  if (found === undefined)
    throw new Usage(`${flag} must be ${choices.join(' or ')}${suggestion(value, choices)}`)
  return found
}

const readText = async (
  io: CliIo,
  file: string,
  what: string
): Promise<E.Either<string, string>> => {
  const read = await readFileCapped(nodeFileSystem, resolve(io.cwd, file))
  if (E.isLeft(read))
    return E.left(`${what} ${printable(file)}: ${fsFailureIssue(read.left).message}`)
  try {
    return E.right(new TextDecoder('utf-8', { fatal: true }).decode(read.right))
  } catch {
    return E.left(`${what} ${printable(file)} is not UTF-8 text`)
  }
}

const parseTemplate = async (file: string, text: string): Promise<E.Either<string, unknown>> => {
  if (holdsPrivateKey(text)) {
    return E.left(
      `${printable(file)} is a private key, not a create-call request: give it with --private-key to 'ncco campaign work'`
    )
  }
  // The CLI's own readers: nesting is capped, so a hostile file is an error, not a crash.
  const yaml = /\.ya?ml$/i.test(file)
  const parsed = yaml ? (await import('./parse-yaml.js')).parseYaml(text) : parseJson(text)
  if (E.isRight(parsed)) return E.right(parsed.right.value)
  if (parsed.left._tag === 'NoContent') return E.left(`${printable(file)} is empty`)
  const first = parsed.left.problems[0]
  return E.left(
    `${printable(file)} is not valid ${yaml ? 'YAML' : 'JSON'}: ${printable(first?.reason ?? 'unreadable')}`
  )
}

/** The optional peer dependencies are not installed. */
const missingPeer = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' &&
  /'(bullmq|ioredis)'/.test(error.message)

const failure = (io: CliIo, message: string): number => {
  io.stderr(`ncco campaign: ${message}\n`)
  return 1
}

// -------------------------------------------------------------------------------------
// subcommands
// -------------------------------------------------------------------------------------

const start = async (ctx: Context): Promise<number> => {
  const { io } = ctx
  const name = nameOf(ctx)
  const requestFile = required(ctx, '--request')
  const recipientsFile = required(ctx, '--recipients')
  const api = oneOf(ctx, '--api', ['v1', 'v2'] as const, 'v1')
  const format = oneOf(ctx, '--format', ['pretty', 'json'] as const, 'pretty')
  const recipientsFormat: RecipientsFormat | undefined = recipientsFormatOf(recipientsFile)
  if (recipientsFormat === undefined)
    throw new Usage('--recipients must be a .csv or .jsonl (.ndjson) file')
  const templateText = await readText(io, requestFile, 'cannot read the request')
  if (E.isLeft(templateText)) return failure(io, templateText.left)
  const template = await parseTemplate(requestFile, templateText.right)
  if (E.isLeft(template)) return failure(io, template.left)
  const recipientsText = await readText(io, recipientsFile, 'cannot read the recipients')
  if (E.isLeft(recipientsText)) return failure(io, recipientsText.left)
  const plan = planCampaign(
    template.right,
    parseRecipients(recipientsText.right, recipientsFormat),
    { api }
  )
  const rowErrors = plan.findings.filter(
    (f) => f.severity === 'error' && f.line !== undefined
  ).length
  const refused = plan.blocked || (rowErrors > 0 && !ctx.switches.has('--skip-invalid'))
  if (format === 'pretty')
    io.stderr(renderFindings(plan.findings, { request: requestFile, recipients: recipientsFile }))
  if (refused) {
    const why = plan.blocked
      ? 'the template or the file has errors'
      : `${plural(plan.invalid.length, 'row')} with errors (--skip-invalid leaves them out)`
    if (format === 'json')
      io.stdout(`${JSON.stringify({ campaign: name, started: false, findings: plan.findings })}\n`)
    else io.stderr(`campaign ${name} not started: ${why}; nothing was enqueued.\n`)
    return 1
  }
  const { startCampaign } = await import('../campaign/queue.js')
  const result = await startCampaign({
    redis: ctx.redis,
    ...(ctx.queue === undefined ? {} : { queue: ctx.queue }),
    name,
    plan
  })
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify({ campaign: name, started: true, ...result, findings: plan.findings })}\n`
    )
  } else {
    io.stdout(
      `campaign ${name}: ${plural(result.enqueued, 'recipient')} enqueued, ${result.alreadyKnown} already in the campaign` +
        (result.invalid > 0 ? `, ${plural(result.invalid, 'invalid row')} left out` : '') +
        '\n'
    )
  }
  return 0
}

const credentials = (ctx: Context): { applicationId: string; keyPath: string } => {
  const applicationId = ctx.values['--application-id'] ?? ctx.io.env['VONAGE_APPLICATION_ID'] ?? ''
  const keyPath = ctx.values['--private-key'] ?? ctx.io.env['VONAGE_PRIVATE_KEY_PATH'] ?? ''
  if (applicationId === '') throw new Usage('missing --application-id (or VONAGE_APPLICATION_ID)')
  if (keyPath === '') throw new Usage('missing --private-key (or VONAGE_PRIVATE_KEY_PATH)')
  return { applicationId, keyPath: resolve(ctx.io.cwd, keyPath) }
}

const work = async (ctx: Context, deps: CampaignDeps): Promise<number> => {
  const { io } = ctx
  const { applicationId, keyPath } = credentials(ctx)
  const concurrency = integer(ctx, '--concurrency', 1, 100) ?? 3
  const cps = integer(ctx, '--cps', 1, 1000) ?? 3
  const timeoutMs = integer(ctx, '--timeout', 100, 120_000)
  const maxAttempts = integer(ctx, '--max-attempts', 1, 100)
  const lockDurationMs = integer(ctx, '--lock-duration', 1000, 600_000)
  const key = await readText(io, keyPath, 'cannot read the private key')
  if (E.isLeft(key)) return failure(io, key.left)
  const { startCampaignWorker } = await import('../campaign/worker.js')
  const baseUrl = ctx.values['--base-url']
  const worker = await startCampaignWorker({
    redis: ctx.redis,
    ...(ctx.queue === undefined ? {} : { queue: ctx.queue }),
    client: {
      applicationId,
      privateKey: key.right,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(timeoutMs === undefined ? {} : { timeoutMs })
    },
    limit: { callsPerSecond: cps },
    concurrency,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    ...(lockDurationMs === undefined ? {} : { lockDurationMs }),
    onEvent: (event) => (event.type === 'error' ? io.stderr : io.stdout)(`${renderEvent(event)}\n`)
  })
  io.stdout(
    `worker ready on queue ${ctx.queue ?? 'ncco-campaigns'} (${cps} calls per second shared, ${concurrency} at a time)\n`
  )
  const signal = await deps.stopSignal(new AbortController().signal)
  io.stderr(
    `${signal}: stopping after the calls in flight (${worker.active()} jobs active); the rest stay queued\n`
  )
  await worker.close()
  io.stderr('worker stopped\n')
  return 0
}

const status = async (ctx: Context): Promise<number> => {
  const { io } = ctx
  const name = nameOf(ctx)
  const format = oneOf(ctx, '--format', ['pretty', 'json'] as const, 'pretty')
  const interval = integer(ctx, '--interval', 100, 60_000) ?? 1000
  const { connectRedis, release } = await import('../campaign/connection.js')
  const { readAttention, readStatus } = await import('../campaign/queue.js')
  const connection = await connectRedis(ctx.redis)
  try {
    let last = ''
    for (;;) {
      const current = await readStatus(connection.redis, name)
      if (current === undefined) return failure(io, `no campaign named ${name} in this Redis`)
      if (!ctx.switches.has('--watch') || current.finished) {
        if (io.stdoutIsTTY && last !== '') io.stdout('\n')
        if (format === 'json') io.stdout(statusJson(current))
        else
          io.stdout(
            renderStatus(current) +
              renderAttention(current, await readAttention(connection.redis, name))
          )
        return 0
      }
      const line = format === 'json' ? statusJson(current) : progressBar(current)
      if (line !== last) {
        if (format === 'json') io.stdout(line)
        else io.stdout(io.stdoutIsTTY ? `\r${line}` : `${line}\n`)
        last = line
      }
      await new Promise((wake) => setTimeout(wake, interval))
    }
  } finally {
    await release(connection)
  }
}

const report = async (ctx: Context): Promise<number> => {
  const { io } = ctx
  const name = nameOf(ctx)
  const format = oneOf(ctx, '--format', ['csv', 'jsonl'] as const, 'csv')
  const { campaignReport } = await import('../campaign/queue.js')
  const lines = await campaignReport({ redis: ctx.redis, name })
  if (lines === undefined) return failure(io, `no campaign named ${name} in this Redis`)
  const text = renderReport(lines, format)
  const output = ctx.values['--output']
  if (output === undefined) io.stdout(text)
  else {
    const { writeFile } = await import('node:fs/promises')
    await writeFile(resolve(io.cwd, output), text)
    io.stderr(`wrote ${lines.length} lines to ${printable(output)}\n`)
  }
  return 0
}

const retry = async (ctx: Context): Promise<number> => {
  const name = nameOf(ctx)
  if (ctx.values['--outcome'] === undefined)
    throw new Usage('missing --outcome (rejected, unknown or failed)')
  const outcome = oneOf(ctx, '--outcome', ['rejected', 'unknown', 'failed'] as const, 'rejected')
  const { retryCampaign, campaignStatus } = await import('../campaign/queue.js')
  const queue = ctx.queue === undefined ? {} : { queue: ctx.queue }
  if ((await campaignStatus({ redis: ctx.redis, name })) === undefined) {
    return failure(ctx.io, `no campaign named ${name} in this Redis`)
  }
  const count = await retryCampaign({ redis: ctx.redis, ...queue, name, outcome })
  ctx.io.stdout(`campaign ${name}: ${count} recipients (${outcome}) queued again\n`)
  return 0
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The `ncco campaign` command.
 *
 * @category destructors
 * @since 0.3.0
 */
export const makeCampaignCommand =
  (deps: CampaignDeps): Command =>
  async (argv, io) => {
    const [word, ...rest] = argv
    if (word === undefined || word === '--help' || word === '-h') {
      ;(word === undefined ? io.stderr : io.stdout)(usage)
      return word === undefined ? 2 : 0
    }
    const sub = subcommands.find((s) => s === word)
    const usageError = (message: string): number => {
      io.stderr(
        `ncco campaign${sub === undefined ? '' : ` ${sub}`}: ${message}\nRun 'ncco campaign --help' for usage.\n`
      )
      return 2
    }
    if (sub === undefined) {
      return usageError(
        `unknown subcommand '${printable(word)}'${suggestion(word, subcommands, (c) => `'${c}'`)}`
      )
    }
    const scanned = scanFlags(rest, grammar)
    if (E.isLeft(scanned)) return usageError(scanned.left)
    if (scanned.right === 'help') {
      io.stdout(usage)
      return 0
    }
    const { values, sequence } = scanned.right
    const given = [...Object.keys(values), ...sequence.map((s) => s.flag)]
    const common = ['--redis', '--queue']
    const stray = given.find((flag) => !common.includes(flag) && !allowed[sub].includes(flag))
    if (stray !== undefined) return usageError(`${stray} is not an option of 'campaign ${sub}'`)
    const redis = values['--redis'] ?? io.env['REDIS_URL'] ?? ''
    if (redis === '') return usageError('missing --redis URL (or REDIS_URL)')
    const queue = values['--queue']
    const ctx: Context = {
      io,
      values,
      switches: new Set(sequence.map((s) => s.flag)),
      redis,
      queue
    }
    try {
      const { redisUrlProblem } = await import('../campaign/connection.js')
      const problem = redisUrlProblem(redis)
      if (problem !== undefined) return usageError(`--redis: ${problem}`)
      if (queue !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(queue)) {
        return usageError('--queue: a queue name is 1 to 64 letters, digits, ".", "_" or "-"')
      }
      switch (sub) {
        case 'start':
          return await start(ctx)
        case 'work':
          return await work(ctx, deps)
        case 'status':
          return await status(ctx)
        case 'report':
          return await report(ctx)
        case 'retry':
          return await retry(ctx)
      }
    } catch (error) {
      if (error instanceof Usage) return usageError(error.message)
      if (error instanceof Error && error.name === 'CampaignRedisError')
        return failure(io, error.message)
      if (error instanceof TypeError) return failure(io, error.message)
      if (missingPeer(error)) {
        return failure(
          io,
          'campaigns need the packages bullmq and ioredis: npm install bullmq ioredis'
        )
      }
      throw error
    }
  }
