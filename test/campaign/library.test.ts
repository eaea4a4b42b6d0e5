/**
 * The campaign functions in-process, against a real Redis and the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import {
  campaignReport,
  campaignStatus,
  parseRecipients,
  planCampaign,
  retryCampaign,
  startCampaign,
  startCampaignWorker,
  type CampaignWorker
} from '../../src/campaign.js'
import { applicationId, keys } from '../sender/keys.js'
import { redisAvailable, startRedis, type TestRedis } from './redis-server.js'
import { busiestWindow, startVoiceApi, type VoiceApi } from './voice-api.js'
import { untilFinished } from './workers.js'

const template = {
  from: { type: 'phone', number: '447700900000' },
  ncco: [{ action: 'talk', text: 'Hello {{name}}, this is a reminder.' }]
}

const numbers = (n: number, offset = 0): string[] =>
  Array.from({ length: n }, (_, i) => `4477009${String(offset + i).padStart(5, '0')}`)

const csvOf = (list: ReadonlyArray<string>): string =>
  `number,name\n${list.map((number, i) => `${number},Person ${i + 1}`).join('\n')}\n`

describe.skipIf(!redisAvailable())('campaigns in-process (real Redis, the sandbox)', () => {
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startRedis()
  }, 20_000)
  afterAll(async () => {
    await redis?.close()
  })

  it('places each recipient once, within the shared limit, and reports every one', async () => {
    const api: VoiceApi = await startVoiceApi()
    const queue = `q-library-${Date.now()}`
    const workers: CampaignWorker[] = []
    try {
      const list = numbers(12)
      const plan = planCampaign(template, parseRecipients(csvOf(list), 'csv'))
      expect(plan.findings).toEqual([])
      const started = await startCampaign({ redis: redis.url, queue, name: 'reminders', plan })
      expect(started).toEqual({ enqueued: 12, alreadyKnown: 0, invalid: 0 })
      for (let i = 0; i < 2; i += 1) {
        workers.push(
          await startCampaignWorker({
            redis: redis.url,
            queue,
            client: { applicationId, privateKey: keys.pkcs8, baseUrl: api.url },
            concurrency: 3
          })
        )
      }
      await untilFinished(redis.url, 'reminders', 15_000)
      const status = await campaignStatus({ redis: redis.url, name: 'reminders' })
      expect(status?.counts).toEqual({
        queued: 0,
        'in-flight': 0,
        placed: 12,
        rejected: 0,
        failed: 0,
        unknown: 0,
        invalid: 0
      })
      expect([...api.accepted.keys()].sort()).toEqual(list)
      expect([...api.accepted.values()].every((times) => times.length === 1)).toBe(true)
      expect(busiestWindow([...api.accepted.values()].flat())).toBeLessThanOrEqual(3)
      const report = await campaignReport({ redis: redis.url, name: 'reminders' })
      expect(report?.map((r) => [r.line, r.recipient, r.outcome])).toEqual(
        list.map((n, i) => [i + 2, n, 'placed'])
      )
      expect(report?.every((r) => typeof r.uuid === 'string')).toBe(true)
      // Started again with the same list: nobody is enqueued twice.
      expect(await startCampaign({ redis: redis.url, queue, name: 'reminders', plan })).toEqual({
        enqueued: 0,
        alreadyKnown: 12,
        invalid: 0
      })
      // Retrying an outcome nobody has re-queues nobody.
      expect(
        await retryCampaign({ redis: redis.url, queue, name: 'reminders', outcome: 'unknown' })
      ).toBe(0)
    } finally {
      await Promise.all(workers.map((w) => w.close()))
      await api.close()
    }
  }, 40_000)

  it('a rejected request is not retried until asked, then placed once', async () => {
    let refuse = true
    const api = await startVoiceApi(() => (refuse ? 'rate-limit' : 'pass'))
    const queue = `q-retry-${Date.now()}`
    const probe = new Redis(redis.url)
    try {
      const plan = planCampaign(template, parseRecipients(csvOf(numbers(1, 500)), 'csv'))
      await startCampaign({ redis: redis.url, queue, name: 'once', plan })
      const worker = await startCampaignWorker({
        redis: redis.url,
        queue,
        client: { applicationId, privateKey: keys.pkcs8, baseUrl: api.url },
        maxAttempts: 2
      })
      try {
        await untilFinished(redis.url, 'once', 15_000)
        const status = await campaignStatus({ redis: redis.url, name: 'once' })
        expect(status?.counts.failed).toBe(1)
        expect(api.posts.get('447700900500')).toBe(2)
        refuse = false
        expect(
          await retryCampaign({ redis: redis.url, queue, name: 'once', outcome: 'failed' })
        ).toBe(1)
        await untilFinished(redis.url, 'once', 15_000)
        expect((await campaignStatus({ redis: redis.url, name: 'once' }))?.counts.placed).toBe(1)
        expect(api.accepted.get('447700900500')?.length).toBe(1)
      } finally {
        await worker.close()
      }
    } finally {
      probe.disconnect()
      await api.close()
    }
  }, 40_000)

  it('a refused connection sends nothing: retried with backoff, then failed, never unknown', async () => {
    const { createServer } = await import('node:net')
    const port = await new Promise<number>((resolve) => {
      const server = createServer()
      server.listen(0, '127.0.0.1', () => {
        const address = server.address()
        server.close(() =>
          resolve(typeof address === 'object' && address !== null ? address.port : 1)
        )
      })
    })
    const queue = `q-refused-${Date.now()}`
    const events: string[] = []
    const plan = planCampaign(template, parseRecipients(csvOf(numbers(1, 700)), 'csv'))
    await startCampaign({ redis: redis.url, queue, name: 'refused', plan })
    const worker = await startCampaignWorker({
      redis: redis.url,
      queue,
      client: { applicationId, privateKey: keys.pkcs8, baseUrl: `http://127.0.0.1:${port}` },
      maxAttempts: 2,
      onEvent: (event) => events.push(event.type)
    })
    try {
      await untilFinished(redis.url, 'refused', 20_000)
      const [line] = (await campaignReport({ redis: redis.url, name: 'refused' })) ?? []
      expect(line).toMatchObject({ outcome: 'failed', attempts: 2 })
      expect(line?.reason).toMatch(/^not sent after 2 attempts: /)
      expect(events).toEqual(['sending', 'retrying', 'sending', 'failed'])
    } finally {
      await worker.close()
    }
  }, 40_000)

  it('a worker too slow to use any turn in time still sends, after a few late turns', async () => {
    const api = await startVoiceApi()
    const queue = `q-late-${Date.now()}`
    const plan = planCampaign(template, parseRecipients(csvOf(numbers(2, 800)), 'csv'))
    await startCampaign({ redis: redis.url, queue, name: 'late', plan })
    // Every turn is older than -1 ms when used: late, until the worker stops giving them up.
    const worker = await startCampaignWorker({
      redis: redis.url,
      queue,
      client: { applicationId, privateKey: keys.pkcs8, baseUrl: api.url },
      limit: { callsPerSecond: 50, maxTurnAgeMs: -1 }
    })
    try {
      await untilFinished(redis.url, 'late', 20_000)
      expect((await campaignStatus({ redis: redis.url, name: 'late' }))?.counts.placed).toBe(2)
      expect([...api.accepted.values()].map((times) => times.length)).toEqual([1, 1])
    } finally {
      await worker.close()
      await api.close()
    }
  }, 40_000)
})
