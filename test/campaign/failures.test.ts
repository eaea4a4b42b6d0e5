/**
 * What goes wrong in a campaign, and what the sandbox then counted: a worker killed in the
 * middle of a POST, 429s and connection resets, a graceful stop with a call in flight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  campaignReport,
  campaignStatus,
  parseRecipients,
  planCampaign,
  startCampaign,
  startCampaignWorker
} from '../../src/campaign.js'
import { buildCli, ncco } from '../cli/built-cli.js'
import { applicationId, keys } from '../sender/keys.js'
import { redisAvailable, startRedis, type TestRedis } from './redis-server.js'
import { startVoiceApi, type Fault } from './voice-api.js'
import {
  csvOf,
  numbers,
  scratch,
  startWorker,
  stopWorker,
  template,
  untilFinished,
  type WorkerProcess
} from './workers.js'

const onceEach = (accepted: ReadonlyMap<string, ReadonlyArray<number>>): string[] =>
  [...accepted.entries()].filter(([, times]) => times.length !== 1).map(([n]) => n)

describe.skipIf(!redisAvailable())('campaign failures (real Redis, the sandbox)', () => {
  let redis: TestRedis
  beforeAll(async () => {
    ;[redis] = await Promise.all([startRedis(), buildCli()])
  }, 120_000)
  afterAll(async () => {
    await redis?.close()
  })

  it('a worker killed in the middle of a POST: its recipient ends outcome-unknown, nobody is dialled twice', async () => {
    const list = numbers(30, 1000)
    const victim = list[4]!
    const api = await startVoiceApi((number): Fault => (number === victim ? 'hold' : 'pass'))
    const files = scratch()
    const queue = `q-kill-${Date.now()}`
    const workers: WorkerProcess[] = []
    try {
      const plan = planCampaign(template, parseRecipients(csvOf(list), 'csv'))
      await startCampaign({ redis: redis.url, queue, name: 'kill', plan })
      for (let i = 0; i < 3; i += 1) {
        workers.push(
          startWorker(
            [
              '--redis',
              redis.url,
              '--queue',
              queue,
              '--base-url',
              api.url,
              '--concurrency',
              '1',
              '--lock-duration',
              '2000'
            ],
            {
              VONAGE_PRIVATE_KEY_PATH: files.keyPath
            }
          )
        )
      }
      expect(await api.held).toBe(victim)
      const holder = workers.find((w) =>
        w.lines.some((l) => l.startsWith('sending ') && l.endsWith(victim))
      )
      expect(holder).toBeDefined()
      holder!.child.kill('SIGKILL')
      expect(await holder!.exited).toBe('SIGKILL')
      // The POST had reached the API: it goes on to create the call, as Vonage would.
      api.releaseHeld()
      await untilFinished(redis.url, 'kill', 60_000)
      const status = await campaignStatus({ redis: redis.url, name: 'kill' })
      expect(status?.counts).toEqual({
        queued: 0,
        'in-flight': 0,
        placed: 29,
        rejected: 0,
        failed: 0,
        unknown: 1,
        invalid: 0
      })
      expect(api.posts.get(victim)).toBe(1)
      expect(onceEach(api.accepted)).toEqual([])
      expect([...api.accepted.keys()].sort()).toEqual(list)
      const report = await campaignReport({ redis: redis.url, name: 'kill' })
      expect(report?.find((r) => r.recipient === victim)).toMatchObject({
        line: 6,
        outcome: 'unknown'
      })
      const shown = await ncco(['campaign', 'status', '--redis', redis.url, '--name', 'kill'])
      expect(shown.stdout).toContain(
        `outcome unknown (check your call records before calling them again; then 'ncco campaign retry --outcome unknown'):\n  line 6 ${victim}: its worker stopped while the request may have been out; check the call log before calling again\n`
      )
      const survivors = workers.filter((w) => w !== holder)
      expect(
        survivors.some((w) =>
          w.lines.some((l) => l.startsWith('outcome-unknown ') && l.includes(victim))
        )
      ).toBe(true)
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w, 2000)))
      await api.close()
      files.remove()
    }
  }, 120_000)

  it('429s are retried and placed once; connections reset after the body end outcome-unknown, not retried', async () => {
    const list = numbers(60, 2000)
    const limited = new Set(list.filter((_, i) => i % 10 === 3))
    const reset = new Set(list.filter((_, i) => i % 20 === 7))
    const api = await startVoiceApi((number, attempt): Fault =>
      limited.has(number) && attempt === 1
        ? 'rate-limit'
        : reset.has(number)
          ? 'reset-after-forward'
          : 'pass'
    )
    const queue = `q-faults-${Date.now()}`
    const workers = await Promise.all(
      [0, 1].map(() =>
        startCampaignWorker({
          redis: redis.url,
          queue,
          client: { applicationId, privateKey: keys.pkcs8, baseUrl: api.url, timeoutMs: 5000 },
          concurrency: 3
        })
      )
    )
    try {
      const plan = planCampaign(template, parseRecipients(csvOf(list), 'csv'))
      await startCampaign({ redis: redis.url, queue, name: 'faults', plan })
      await untilFinished(redis.url, 'faults', 90_000)
      const status = await campaignStatus({ redis: redis.url, name: 'faults' })
      expect(status?.counts).toEqual({
        queued: 0,
        'in-flight': 0,
        placed: 57,
        rejected: 0,
        failed: 0,
        unknown: 3,
        invalid: 0
      })
      for (const number of list) {
        expect([number, api.posts.get(number)]).toEqual([number, limited.has(number) ? 2 : 1])
        expect([number, api.accepted.get(number)?.length]).toEqual([number, 1])
      }
      const report = await campaignReport({ redis: redis.url, name: 'faults' })
      expect(report?.filter((r) => r.outcome === 'unknown').map((r) => r.recipient)).toEqual([
        ...reset
      ])
      expect(
        report?.filter((r) => limited.has(r.recipient)).map((r) => [r.outcome, r.attempts])
      ).toEqual([...limited].map(() => ['placed', 2]))
    } finally {
      await Promise.all(workers.map((w) => w.close()))
      await api.close()
    }
  }, 120_000)

  it('SIGTERM lets the call in flight finish and leaves the rest queued', async () => {
    const list = numbers(10, 3000)
    const first = new Set<string>()
    const api = await startVoiceApi((number): Fault => {
      first.add(number)
      return first.size === 1 ? 'hold' : 'pass'
    })
    const files = scratch()
    const queue = `q-stop-${Date.now()}`
    const plan = planCampaign(template, parseRecipients(csvOf(list), 'csv'))
    await startCampaign({ redis: redis.url, queue, name: 'stop', plan })
    const worker = startWorker(
      ['--redis', redis.url, '--queue', queue, '--base-url', api.url, '--concurrency', '1'],
      {
        VONAGE_PRIVATE_KEY_PATH: files.keyPath
      }
    )
    try {
      const held = await api.held
      worker.child.kill('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(worker.child.exitCode).toBe(null)
      api.releaseHeld()
      expect(await worker.exited).toBe(0)
      expect(worker.stderr()).toContain('SIGTERM: stopping after the calls in flight')
      const status = await campaignStatus({ redis: redis.url, name: 'stop' })
      expect(status?.counts).toEqual({
        queued: 9,
        'in-flight': 0,
        placed: 1,
        rejected: 0,
        failed: 0,
        unknown: 0,
        invalid: 0
      })
      expect([...api.accepted.keys()]).toEqual([held])
    } finally {
      await stopWorker(worker, 2000)
      await api.close()
      files.remove()
    }
  }, 60_000)

  it('start twice enqueues nobody twice; bad rows are reported with their lines and nothing is enqueued', async () => {
    const files = scratch()
    const queue = `q-start-${Date.now()}`
    try {
      const request = files.write('request.json', JSON.stringify(template))
      const good = files.write('good.csv', csvOf(numbers(5, 4000)))
      const args = [
        'campaign',
        'start',
        '--redis',
        redis.url,
        '--queue',
        queue,
        '--request',
        request
      ]
      const once = await ncco([...args, '--name', 'twice', '--recipients', good])
      const again = await ncco([...args, '--name', 'twice', '--recipients', good])
      expect([once.code, once.stdout]).toEqual([
        0,
        'campaign twice: 5 recipients enqueued, 0 already in the campaign\n'
      ])
      expect([again.code, again.stdout]).toEqual([
        0,
        'campaign twice: 0 recipients enqueued, 5 already in the campaign\n'
      ])
      const { Queue } = await import('bullmq')
      const { Redis } = await import('ioredis')
      const connection = new Redis(redis.url, { maxRetriesPerRequest: null })
      const bull = new Queue(queue, { connection })
      try {
        expect((await bull.getJobCounts('waiting')).waiting).toBe(5)
        const bad = files.write(
          'bad.csv',
          'number,name\n447700900001,Ann\n+44 7700 900002,Bob\n447700900003\nnot a number,Cy\n447700900001,Ann again\n'
        )
        const refused = await ncco([...args, '--name', 'bad', '--recipients', bad])
        expect(refused.code).toBe(1)
        expect(refused.stdout).toBe('')
        expect(refused.stderr.replaceAll(files.dir, '<dir>')).toMatchInlineSnapshot(`
          "<dir>/bad.csv:3: error invalid-phone-number at /to/0/number: "number" must be an E.164 number without "+" (7 to 15 digits, no leading zero), got "+44 7700 900002". (hint: use "447700900002")
          <dir>/bad.csv:4: error recipients-columns: This row has 1 cell; the header has 2.
          <dir>/bad.csv:5: error invalid-phone-number at /to/0/number: "number" must be an E.164 number without "+" (7 to 15 digits, no leading zero), got "not a number".
          <dir>/bad.csv:6: warning duplicate-recipient: The same recipient as on line 2 ("447700900001"); it is called once.
          campaign bad not started: 3 rows with errors (--skip-invalid leaves them out); nothing was enqueued.
          "
        `)
        expect(await campaignStatus({ redis: redis.url, name: 'bad' })).toBeUndefined()
        expect((await bull.getJobCounts('waiting')).waiting).toBe(5)
        const skipped = await ncco([
          ...args,
          '--name',
          'bad',
          '--recipients',
          bad,
          '--skip-invalid'
        ])
        expect([skipped.code, skipped.stdout]).toEqual([
          0,
          'campaign bad: 1 recipient enqueued, 0 already in the campaign, 3 invalid rows left out\n'
        ])
        expect((await campaignStatus({ redis: redis.url, name: 'bad' }))?.counts).toMatchObject({
          queued: 1,
          invalid: 3
        })
      } finally {
        await bull.close()
        connection.disconnect()
      }
    } finally {
      files.remove()
    }
  }, 60_000)
})
