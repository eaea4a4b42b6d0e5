/**
 * 300 recipients, 4 worker processes: every recipient dialled exactly once, never more than 3
 * new calls in any one-second window as the sandbox saw them, and the status counts match.
 * (About 2 minutes: 300 calls at 3 per 1.2 s. It runs alone, after the other test files:
 * vitest.scale.config.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignStatus } from '../../src/campaign.js'
import { buildCli, ncco } from '../cli/built-cli.js'
import { redisAvailable, startRedis, type TestRedis } from './redis-server.js'
import { busiestWindow, startVoiceApi, type VoiceApi } from './voice-api.js'
import {
  csvOf,
  numbers,
  scratch,
  startWorker,
  stopWorker,
  template,
  type WorkerProcess
} from './workers.js'

describe.skipIf(!redisAvailable())('a campaign across four worker processes', () => {
  let redis: TestRedis
  let api: VoiceApi
  beforeAll(async () => {
    ;[redis, api] = await Promise.all([startRedis(), startVoiceApi(), buildCli()]).then(
      ([r, a]) => [r, a] as const
    )
  }, 120_000)
  afterAll(async () => {
    await api?.close()
    await redis?.close()
  })

  it('dials each of 300 recipients once, at most 3 per second in all', async () => {
    const files = scratch()
    const queue = `q-scale-${Date.now()}`
    const workers: WorkerProcess[] = []
    try {
      const list = numbers(300)
      const request = files.write('request.json', JSON.stringify(template))
      const recipients = files.write('recipients.csv', csvOf(list))
      const started = await ncco([
        'campaign',
        'start',
        '--redis',
        redis.url,
        '--queue',
        queue,
        '--name',
        'scale',
        '--request',
        request,
        '--recipients',
        recipients
      ])
      expect(started.stdout).toBe(
        'campaign scale: 300 recipients enqueued, 0 already in the campaign\n'
      )
      expect(started.code).toBe(0)
      for (let i = 0; i < 4; i += 1) {
        workers.push(
          startWorker(
            ['--redis', redis.url, '--queue', queue, '--base-url', api.url, '--concurrency', '4'],
            {
              VONAGE_PRIVATE_KEY_PATH: files.keyPath
            }
          )
        )
      }
      await Promise.all(workers.map((w) => w.waitFor(/^worker ready/)))
      const deadline = Date.now() + 150_000
      for (;;) {
        const status = await campaignStatus({ redis: redis.url, name: 'scale' })
        if (status?.finished === true) break
        if (Date.now() > deadline) throw new Error(`not finished: ${JSON.stringify(status)}`)
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      // What the sandbox counted: each number once, and no second with more than 3 new calls.
      expect([...api.accepted.keys()].sort()).toEqual(list)
      expect([...api.accepted.values()].filter((times) => times.length !== 1)).toEqual([])
      expect(busiestWindow([...api.accepted.values()].flat(), 1000)).toBeLessThanOrEqual(3)
      // Every worker took part.
      expect(workers.map((w) => w.lines.some((l) => l.startsWith('placed '))).every(Boolean)).toBe(
        true
      )
      const status = await ncco([
        'campaign',
        'status',
        '--redis',
        redis.url,
        '--name',
        'scale',
        '--format',
        'json'
      ])
      expect(JSON.parse(status.stdout)).toEqual({
        campaign: 'scale',
        api: 'v1',
        total: 300,
        finished: true,
        counts: {
          queued: 0,
          'in-flight': 0,
          placed: 300,
          rejected: 0,
          failed: 0,
          unknown: 0,
          invalid: 0
        }
      })
      expect(await Promise.all(workers.map((w) => stopWorker(w)))).toEqual([0, 0, 0, 0])
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w, 2000)))
      files.remove()
    }
  }, 200_000)
})
