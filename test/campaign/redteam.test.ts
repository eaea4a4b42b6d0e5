/**
 * Red-team pass on campaigns: each test here is a defect that was found by attacking the
 * promises of docs/campaigns.md, written to fail before its fix and pass after. The ones
 * that need Redis start their own redis-server on a loopback port and stop it.
 */
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import * as fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  campaignReport,
  campaignStatus,
  parseRecipients,
  planCampaign,
  retryCampaign,
  startCampaign,
  startCampaignWorker
} from '../../src/campaign.js'
import { connectRedis } from '../../src/campaign/connection.js'
import { begin, finish } from '../../src/campaign/store.js'
import { makeCampaignCommand } from '../../src/cli/campaign-command.js'
import { renderReport } from '../../src/cli/campaign-render.js'
import { fakeIo } from '../cli/fake-io.js'
import { applicationId, keys } from '../sender/keys.js'
import { redisAvailable, startRedis, type TestRedis } from './redis-server.js'
import { busiestWindow, startVoiceApi } from './voice-api.js'
import { closedPort, csvOf, numbers, scratch, template } from './workers.js'

const never = (): Promise<string> => new Promise(() => undefined)
const campaign = makeCampaignCommand({ stopSignal: never })

const run = async (argv: ReadonlyArray<string>) => {
  const recorded = fakeIo({ cwd: '/' })
  const code = await campaign(argv, recorded.io)
  return { code, stdout: recorded.stdout(), stderr: recorded.stderr() }
}

const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n)

const simple = {
  from: { type: 'phone', number: '447700900000' },
  ncco: [{ action: 'talk', text: 'Hello' }]
}

describe('campaign red team: input and identity (no Redis)', () => {
  it('a stray quote in a CSV row makes that row invalid and keeps every later one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), fc.nat(), (n, pick) => {
        const bad = pick % n
        const list = numbers(n, 100)
        const csv =
          'number,name\n' +
          list.map((number, i) => `${number},${i === bad ? 'b"c' : `P${i}`}`).join('\n') +
          '\n'
        const plan = planCampaign(template, parseRecipients(csv, 'csv'))
        const accounted = new Set([
          ...plan.recipients.map((r) => r.line),
          ...plan.invalid.map((r) => r.line)
        ])
        const lines = list.map((_, i) => i + 2)
        // Every line of the file is planned or invalid, or the campaign cannot start at all.
        return plan.blocked || lines.every((line) => accounted.has(line))
      }),
      { numRuns: 30, seed: 11 }
    )
  })

  it('a whole-file problem (no number column, an unclosed quote) blocks the start, --skip-invalid or not', () => {
    const semicolons = planCampaign(
      template,
      parseRecipients('number;name\n447700900001;Ann\n447700900002;Bob\n', 'csv')
    )
    const unclosed = planCampaign(
      template,
      parseRecipients('number,name\n447700900001,"Ann\n447700900002,Bob\n447700900003,Cy\n', 'csv')
    )
    expect([semicolons.blocked, unclosed.blocked]).toEqual([true, true])
  })

  it('a template whose "to" has a placeholder outside the address is refused like a fixed "to"', () => {
    const fixed = {
      ...simple,
      to: [{ type: 'phone', number: '447700900001', dtmfAnswer: '{{pin}}' }]
    }
    const plan = planCampaign(
      fixed,
      parseRecipients('number,pin\n447700900002,1\n447700900003,2\n447700900004,3\n', 'csv')
    )
    const called = plan.recipients.map((r) => r.label)
    // Either refused like a fixed "to", or each number once.
    expect(plan.blocked || new Set(called).size === called.length).toBe(true)
  })

  it('the same number with an extra endpoint option, or next to a second endpoint, is the same recipient: dialled once', () => {
    const plan = planCampaign(
      simple,
      parseRecipients(
        [
          '"447700900001"',
          '{"to":{"type":"phone","number":"447700900001","dtmfAnswer":"1"}}',
          '{"to":[{"type":"phone","number":"447700900001"},{"type":"phone","number":"447700900002"}]}'
        ].join('\n'),
        'jsonl'
      )
    )
    const dialled = plan.recipients.flatMap((r) =>
      (r.request['to'] as ReadonlyArray<{ readonly number?: string }>).map((e) => e.number)
    )
    expect(dialled.filter((n, i) => dialled.indexOf(n) !== i)).toEqual([])
  })

  it('a deeply nested recipients line is one invalid row, not a RangeError', () => {
    const parsed = parseRecipients(`{"to":${deep(20_000)}}\n447700900002\n`, 'jsonl')
    let plan: ReturnType<typeof planCampaign> | undefined
    expect(() => {
      plan = planCampaign(simple, parsed)
    }).not.toThrow()
    expect(plan?.invalid.map((r) => r.line)).toEqual([1])
    expect(plan?.recipients.map((r) => r.label)).toEqual(['447700900002'])
  })

  it('a deeply nested JSON template is a clear error of `ncco campaign start`, not a RangeError', async () => {
    const files = scratch()
    try {
      const request = files.write(
        'request.json',
        `{"from":{"type":"phone","number":"447700900000"},"ncco":[{"action":"talk","text":"hi"}],"x":${deep(20_000)}}`
      )
      const recipients = files.write('r.csv', 'number\n447700900001\n')
      const argv = ['start', '--name', 'deep', '--request', request, '--recipients', recipients]
      const result = await run([...argv, '--redis', 'redis://127.0.0.1:1']).catch((e: unknown) => ({
        code: 'threw',
        stdout: '',
        stderr: String(e)
      }))
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(request)
      expect(result.stderr).not.toContain('Maximum call stack')
    } finally {
      files.remove()
    }
  })

  it('a deeply nested YAML template gets the depth finding quickly (1e6 "[" used to cost ~7 s and ~1 GB)', async () => {
    const files = scratch()
    try {
      const request = files.write('request.yaml', '['.repeat(20_000))
      const recipients = files.write('r.csv', 'number\n447700900001\n')
      const result = await run([
        'start',
        '--name',
        'deep',
        '--request',
        request,
        '--recipients',
        recipients,
        '--redis',
        'redis://127.0.0.1:1'
      ])
      expect(result.code).toBe(1)
      expect(result.stderr).not.toContain('Maximum call stack')
      expect(result.stderr).toMatch(/nested more than \d+ levels deep/)
    } finally {
      files.remove()
    }
  })

  it('{{constructor}} with no such column is a missing-field finding, not the constructor of Object', () => {
    const plan = planCampaign(
      { ...simple, ncco: [{ action: 'talk', text: 'Hi {{constructor}}, {{toString}}' }] },
      parseRecipients('"447700900001"\n', 'jsonl')
    )
    expect(plan.recipients).toEqual([])
    expect(plan.findings.map((f) => [f.line, f.code])).toEqual([
      [1, 'missing-field'],
      [1, 'missing-field']
    ])
  })

  it('a JSON-lines row that is a number (as documented) is taken as a phone number', () => {
    const plan = planCampaign(
      simple,
      parseRecipients('447700900001\n{"to":447700900002}\n"447700900003"\n', 'jsonl')
    )
    expect(plan.findings).toEqual([])
    expect(plan.recipients.map((r) => [r.line, r.label])).toEqual([
      [1, '447700900001'],
      [2, '447700900002'],
      [3, '447700900003']
    ])
  })

  it('a CSV with a header and no rows is recipients-empty, as in JSON lines', () => {
    expect(parseRecipients('', 'jsonl').findings.map((f) => f.code)).toEqual(['recipients-empty'])
    expect(parseRecipients('number,name\n', 'csv').findings.map((f) => f.code)).toEqual([
      'recipients-empty'
    ])
  })

  it('the CSV report defuses formula-like cells (spreadsheet formula injection)', () => {
    const text = renderReport(
      [
        {
          line: 2,
          recipient: '447700900001',
          outcome: 'placed',
          uuid: 'u-1',
          attempts: 1,
          customData: '=HYPERLINK("http://evil.example","click")'
        },
        { line: 3, recipient: '447700900002', outcome: 'queued', customData: '@SUM(A1)' }
      ],
      'csv'
    )
    const cells = text
      .split('\n')
      .slice(1)
      .flatMap((line) => line.split(','))
      .map((cell) => cell.replace(/^"/, ''))
    expect(cells.filter((cell) => /^[=+@]/.test(cell))).toEqual([])
  })

  it('the CSV report shows terminal control characters from custom_data as visible stand-ins', () => {
    const text = renderReport(
      [
        {
          line: 2,
          recipient: '447700900001',
          outcome: 'queued',
          customData: 'x\u001b]0;owned\u0007\u001b[2J'
        }
      ],
      'csv'
    )
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
  })

  it('a Redis password given as ?password= is not printed in the connection error', async () => {
    const port = await closedPort()
    const url = `redis://127.0.0.1:${port}/?password=hunter2-secret`
    const error = await connectRedis(url, { timeoutMs: 1000 }).then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e.message : String(e))
    )
    expect(error).toMatch(/^cannot reach Redis at /)
    expect(error).not.toContain('hunter2-secret')
    const cli = await run(['status', '--name', 'x', '--redis', url])
    expect(cli.code).toBe(1)
    expect(cli.stderr).not.toContain('hunter2-secret')
  }, 15_000)
})

// -------------------------------------------------------------------------------------
// with Redis
// -------------------------------------------------------------------------------------

describe.skipIf(!redisAvailable())('campaign red team (real Redis)', () => {
  let redis: TestRedis
  let probe: Redis
  beforeAll(async () => {
    redis = await startRedis()
    probe = new Redis(redis.url, { maxRetriesPerRequest: null })
  }, 20_000)
  afterAll(async () => {
    probe?.disconnect()
    await redis?.close()
  })

  const waiting = async (queue: string): Promise<number> => {
    const q = new Queue(queue, { connection: probe })
    try {
      const counts = await q.getJobCounts('waiting', 'delayed', 'prioritized')
      return (counts['waiting'] ?? 0) + (counts['delayed'] ?? 0) + (counts['prioritized'] ?? 0)
    } finally {
      await q.close()
    }
  }

  it('start again with another --queue is refused: the waiting recipients are not enqueued twice', async () => {
    const plan = planCampaign(template, parseRecipients(csvOf(numbers(3, 500)), 'csv'))
    await startCampaign({ redis: redis.url, queue: 'rt-qa', name: 'two-queues', plan })
    await startCampaign({ redis: redis.url, queue: 'rt-qb', name: 'two-queues', plan }).catch(
      () => undefined
    )
    // Refused (as a different --api is), or at least nobody enqueued on the second queue.
    expect([await waiting('rt-qa'), await waiting('rt-qb')]).toEqual([3, 0])
  })

  it('retry without --queue re-queues onto the queue the campaign was started on', async () => {
    const plan = planCampaign(template, parseRecipients(csvOf(numbers(1, 600)), 'csv'))
    await startCampaign({ redis: redis.url, queue: 'rt-retry', name: 'retry-queue', plan })
    const id = plan.recipients[0]!.id
    const [s, us] = await probe.time()
    const at = Number(s) * 1000 + Math.floor(Number(us) / 1000)
    expect(
      await begin(probe, 'retry-queue', id, 0, 'w1', 'x', { at, maxAgeMs: 5000 })
    ).toMatchObject({ verdict: 'begun' })
    expect(await finish(probe, 'retry-queue', id, 'w1', 'rejected', { reason: '400' })).toBe(
      'rejected'
    )
    // What `ncco campaign retry --name retry-queue --outcome rejected` does (no --queue).
    expect(
      await retryCampaign({ redis: redis.url, name: 'retry-queue', outcome: 'rejected' })
    ).toBe(1)
    const started = new Queue('rt-retry', { connection: probe })
    try {
      expect((await started.getJob(`retry-queue.${id}.1`))?.data).toEqual({
        campaign: 'retry-queue',
        recipient: id,
        generation: 1
      })
    } finally {
      await started.close()
    }
  })

  it('a worker that answers after a take-over and a deliberate retry keeps its "placed": the uuid is kept and the retry does not dial', async () => {
    const plan = planCampaign(template, parseRecipients(csvOf(numbers(1, 650)), 'csv'))
    await startCampaign({ redis: redis.url, queue: 'rt-late', name: 'late-answer', plan })
    const id = plan.recipients[0]!.id
    const turn = async () => {
      const [s, us] = await probe.time()
      return { at: Number(s) * 1000 + Math.floor(Number(us) / 1000), maxAgeMs: 5000 }
    }
    // Worker A sends; its lock runs out (a stall), worker B takes the job over: unknown.
    expect(await begin(probe, 'late-answer', id, 0, 'A', 'taken over', await turn())).toMatchObject(
      { verdict: 'begun' }
    )
    expect(await begin(probe, 'late-answer', id, 0, 'B', 'taken over', await turn())).toMatchObject(
      { verdict: 'taken-over' }
    )
    // The user retries the unknowns while A's request is still out (the call log is empty yet).
    expect(
      await retryCampaign({
        redis: redis.url,
        queue: 'rt-late',
        name: 'late-answer',
        outcome: 'unknown'
      })
    ).toBe(1)
    // A's answer arrives: the call was created.
    const written = await finish(probe, 'late-answer', id, 'A', 'placed', { uuid: 'uuid-A' })
    // The retry's job then runs.
    const again = await begin(probe, 'late-answer', id, 1, 'C', 'taken over', await turn())
    expect([written, again.verdict]).toEqual(['placed', 'done'])
  })

  it('a worker started with another --cps than the running ones is refused: one limit for the queue', async () => {
    const api = await startVoiceApi()
    const queue = 'rt-cps'
    const list = numbers(6, 900)
    await startCampaign({
      redis: redis.url,
      queue,
      name: 'cps',
      plan: planCampaign(template, parseRecipients(csvOf(list), 'csv'))
    })
    const workers: Array<{ close: () => Promise<void> }> = []
    let refused = false
    try {
      for (const callsPerSecond of [3, 10]) {
        try {
          workers.push(
            await startCampaignWorker({
              redis: redis.url,
              queue,
              client: { applicationId, privateKey: keys.pkcs8, baseUrl: api.url },
              limit: { callsPerSecond },
              concurrency: 3
            })
          )
        } catch {
          refused = true
        }
      }
      const deadline = Date.now() + 15_000
      while ((await campaignStatus({ redis: redis.url, name: 'cps' }))?.finished !== true) {
        if (Date.now() > deadline) throw new Error('campaign cps did not finish')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      // A second worker with another --cps is refused, or the queue keeps one limit: 3.
      expect(refused ? 0 : busiestWindow([...api.accepted.values()].flat())).toBeLessThanOrEqual(3)
    } finally {
      await Promise.all(workers.map((w) => w.close()))
      await api.close()
    }
  }, 30_000)

  it('a row fixed and started again is no longer invalid: status total and the report count it once', async () => {
    const bad = 'number,name\n447700900701,Ann\nnot a number,Bob\n'
    const fixed = 'number,name\n447700900701,Ann\n447700900702,Bob\n'
    const queue = 'rt-fixed'
    await startCampaign({
      redis: redis.url,
      queue,
      name: 'fixed',
      plan: planCampaign(template, parseRecipients(bad, 'csv'))
    })
    await startCampaign({
      redis: redis.url,
      queue,
      name: 'fixed',
      plan: planCampaign(template, parseRecipients(fixed, 'csv'))
    })
    const status = await campaignStatus({ redis: redis.url, name: 'fixed' })
    const report = await campaignReport({ redis: redis.url, name: 'fixed' })
    expect([status?.total, status?.counts.invalid, status?.counts.queued]).toEqual([2, 0, 2])
    expect(report?.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'queued'],
      [3, 'queued']
    ])
  })

  it('concurrent starts with invalid rows count each invalid row once', async () => {
    const bad = 'number,name\n447700900801,Ann\nnot a number,Bob\n'
    const plan = planCampaign(template, parseRecipients(bad, 'csv'))
    // The race is between two round trips (LRANGE, then RPUSH and HINCRBY): five rounds of six
    // concurrent starts, so that it shows every time.
    const seen: Array<ReadonlyArray<unknown>> = []
    for (let round = 0; round < 5; round += 1) {
      const name = `concurrent-${round}`
      await Promise.all(
        Array.from({ length: 6 }, () =>
          startCampaign({ redis: redis.url, queue: 'rt-concurrent', name, plan })
        )
      )
      const status = await campaignStatus({ redis: redis.url, name })
      const report = await campaignReport({ redis: redis.url, name })
      seen.push([status?.total, status?.counts.invalid, status?.counts.queued, report?.length])
    }
    expect(seen).toEqual(Array.from({ length: 5 }, () => [2, 1, 1, 2]))
  })

  it('deeply nested custom_data is an invalid row found while planning, before anything is enqueued', async () => {
    const list = numbers(501, 1000)
    const text =
      list.map((n) => JSON.stringify({ to: n })).join('\n') +
      `\n{"to":"447700902000","custom_data":${deep(20_000)}}\n`
    const plan = planCampaign(simple, parseRecipients(text, 'jsonl'))
    const outcome = await startCampaign({
      redis: redis.url,
      queue: 'rt-deep',
      name: 'deep-custom',
      plan
    }).then(
      () => 'started',
      (e: unknown) => (e instanceof Error ? e.name : 'thrown')
    )
    const enqueued = await waiting('rt-deep')
    // Either the row is refused as invalid (and the rest started) or nothing is enqueued.
    const acceptable =
      (outcome === 'started' && (enqueued === 501 || enqueued === 502)) ||
      (outcome !== 'started' && outcome !== 'RangeError' && enqueued === 0)
    expect({ outcome, enqueued, acceptable }).toMatchObject({ acceptable: true })
  }, 15_000)

  it('a graceful stop (close) ends within seconds while Redis is away', async () => {
    const own = await startRedis()
    const api = await startVoiceApi()
    let stopped = false
    // The test's own connection (BullMQ duplicates it, options and all), so that the test can
    // end every reconnection it leaves behind.
    const connection = new Redis(own.url, {
      maxRetriesPerRequest: null,
      retryStrategy: () => (stopped ? null : 200)
    })
    connection.on('error', () => undefined)
    const worker = await startCampaignWorker({
      redis: connection,
      queue: 'rt-stop',
      client: { applicationId, privateKey: keys.pkcs8, baseUrl: api.url }
    })
    try {
      await own.close()
      // Redis is gone and the worker has noticed (its connections are reconnecting).
      const noticed = Date.now() + 3000
      while (connection.status === 'ready' && Date.now() < noticed)
        await new Promise((resolve) => setTimeout(resolve, 50))
      await new Promise((resolve) => setTimeout(resolve, 500))
      const verdict = await Promise.race([
        worker.close().then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('still closing after 8 s'), 8000))
      ])
      expect(verdict).toBe('closed')
    } finally {
      stopped = true
      connection.disconnect()
      await Promise.race([worker.close(), new Promise((r) => setTimeout(r, 2000))])
      await api.close()
    }
  }, 30_000)
})
