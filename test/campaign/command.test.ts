/**
 * `ncco campaign` in-process: usage errors, what it prints, an unreachable Redis; and, with a
 * real Redis, status, report, retry and --watch as a user sees them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCampaignCommand } from '../../src/cli/campaign-command.js'
import { renderAttention, renderReport, renderStatus } from '../../src/cli/campaign-render.js'
import { campaignStatus, parseRecipients, planCampaign, startCampaign } from '../../src/campaign.js'
import { fakeIo } from '../cli/fake-io.js'
import { redisAvailable, startRedis, type TestRedis } from './redis-server.js'
import { closedPort, csvOf, numbers, scratch, template } from './workers.js'

const never = (): Promise<string> => new Promise(() => undefined)
const campaign = makeCampaignCommand({ stopSignal: never })

const run = async (
  argv: ReadonlyArray<string>,
  env: Record<string, string> = {},
  cwd = '/repo'
) => {
  const recorded = fakeIo({ env, cwd })
  const code = await campaign(argv, recorded.io)
  return { code, stdout: recorded.stdout(), stderr: recorded.stderr() }
}

describe('ncco campaign: usage', () => {
  it('says what is wrong, with did-you-mean, exit 2', async () => {
    expect(await run(['stats', '--name', 'x'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "ncco campaign: unknown subcommand 'stats': did you mean 'status'?\nRun 'ncco campaign --help' for usage.\n"
    })
    expect((await run(['status', '--name', 'x'])).stderr).toBe(
      "ncco campaign status: missing --redis URL (or REDIS_URL)\nRun 'ncco campaign --help' for usage.\n"
    )
    expect((await run(['status', '--nmae', 'x', '--redis', 'redis://h'])).stderr).toBe(
      "ncco campaign status: unknown option --nmae: did you mean --name?\nRun 'ncco campaign --help' for usage.\n"
    )
    expect(
      (await run(['status', '--name', 'x', '--concurrency', '3', '--redis', 'redis://h'])).stderr
    ).toBe(
      "ncco campaign status: --concurrency is not an option of 'campaign status'\nRun 'ncco campaign --help' for usage.\n"
    )
    expect((await run(['status', '--name', 'a b'], { REDIS_URL: 'redis://h' })).stderr).toContain(
      '--name: a campaign name is 1 to 64'
    )
    expect((await run(['status', '--name', 'x', '--redis', 'http://h'])).stderr).toContain(
      '--redis: the Redis URL must start with redis:// or rediss://, not http://'
    )
    expect((await run(['work', '--redis', 'redis://h'])).stderr).toContain(
      'missing --application-id (or VONAGE_APPLICATION_ID)'
    )
    expect(
      (
        await run(['work', '--redis', 'redis://h', '--concurrency', '0'], {
          VONAGE_APPLICATION_ID: 'a',
          VONAGE_PRIVATE_KEY_PATH: 'k'
        })
      ).stderr
    ).toContain('--concurrency must be an integer from 1 to 100')
    expect((await run(['retry', '--name', 'x', '--redis', 'redis://h'])).stderr).toContain(
      'missing --outcome (rejected, unknown or failed)'
    )
    const help = await run(['--help'])
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([
      0,
      'Usage: ncco campaign <start|work|status|report|retry> [options]'
    ])
  })

  it('an unreachable Redis is an error within seconds, without its password', async () => {
    const port = await closedPort()
    const started = Date.now()
    const result = await run([
      'status',
      '--name',
      'x',
      '--redis',
      `redis://:s3cret-pass@127.0.0.1:${port}`
    ])
    expect(Date.now() - started).toBeLessThan(8000)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      new RegExp(`^ncco campaign: cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`)
    )
    expect(result.stderr).not.toContain('s3cret-pass')
  }, 15_000)

  it('refuses a private key given as the template, without quoting it', async () => {
    const files = scratch()
    try {
      const key = files.write(
        'request.json',
        '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n'
      )
      const recipients = files.write('r.csv', 'number\n447700900001\n')
      const result = await run([
        'start',
        '--name',
        'x',
        '--request',
        key,
        '--recipients',
        recipients,
        '--redis',
        'redis://127.0.0.1:1'
      ])
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(
        `ncco campaign: ${key} is a private key, not a create-call request: give it with --private-key to 'ncco campaign work'\n`
      )
    } finally {
      files.remove()
    }
  })
})

describe('ncco campaign: rendering', () => {
  const status = {
    campaign: 'reminders',
    api: 'v1' as const,
    total: 300,
    finished: false,
    counts: {
      queued: 100,
      'in-flight': 2,
      placed: 180,
      rejected: 8,
      failed: 1,
      unknown: 3,
      invalid: 6
    }
  }
  it('prints the counts and a progress bar', () => {
    expect(renderStatus(status)).toMatchInlineSnapshot(`
      "campaign reminders (v1): 300 recipients
        queued             100
        in flight            2
        placed             180
        rejected             8
        failed (not sent)    1
        outcome unknown      3
        invalid              6
        [####################----------]  66%  198/300
      "
    `)
  })
  it('lists what needs a person: unknown outcomes by line, rejections by reason', () => {
    const attention = {
      unknown: [
        {
          line: 7,
          recipient: '447700900006',
          reason: 'The connection was lost after the request was sent.'
        },
        { line: 9, recipient: '447700900008' }
      ],
      rejected: [
        { reason: 'Vonage said: Invalid number', count: 6 },
        { reason: 'Vonage said: \u001b[31mred', count: 2 }
      ]
    }
    expect(renderAttention(status, attention)).toMatchInlineSnapshot(`
      "outcome unknown (check your call records before calling them again; then 'ncco campaign retry --outcome unknown'):
        line 7 447700900006: The connection was lost after the request was sent.
        line 9 447700900008
        … and 1 more ('ncco campaign report' lists them all)
      rejected by the Voice API:
        6 × Vonage said: Invalid number
        2 × Vonage said: ␛[31mred
      "
    `)
    expect(renderAttention(status, { unknown: [], rejected: [] })).toBe('')
  })
  it('writes the report as CSV with quoted cells, or as JSON lines', () => {
    const lines = [
      {
        line: 2,
        recipient: '447700900001',
        outcome: 'placed' as const,
        uuid: 'u-1',
        attempts: 1,
        customData: { ref: 'a,b' }
      },
      {
        line: 3,
        recipient: '447700900002',
        outcome: 'rejected' as const,
        reason: 'Vonage said: "Bad number", check it',
        attempts: 1
      },
      {
        line: 4,
        recipient: '(unreadable row)',
        outcome: 'invalid' as const,
        reason: 'This row has 1 cell; the header has 2.'
      }
    ]
    expect(renderReport(lines, 'csv')).toMatchInlineSnapshot(`
      "line,recipient,outcome,uuid,reason,attempts,custom_data
      2,447700900001,placed,u-1,,1,"{""ref"":""a,b""}"
      3,447700900002,rejected,,"Vonage said: ""Bad number"", check it",1,
      4,(unreadable row),invalid,,This row has 1 cell; the header has 2.,,
      "
    `)
    expect(
      renderReport(lines, 'jsonl')
        .split('\n')
        .slice(0, -1)
        .map((l) => JSON.parse(l) as unknown)
    ).toEqual(lines)
  })
})

describe.skipIf(!redisAvailable())('ncco campaign: status, report, retry (real Redis)', () => {
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startRedis()
  }, 20_000)
  afterAll(async () => {
    await redis?.close()
  })

  it('counts a campaign, writes its report, re-queues on purpose, and --watch ends when it is finished', async () => {
    const queue = `q-command-${Date.now()}`
    const list = numbers(3, 6000)
    const plan = planCampaign(template, parseRecipients(csvOf(list), 'csv'))
    await startCampaign({ redis: redis.url, queue, name: 'cmd', plan })
    const status = await run(['status', '--redis', redis.url, '--name', 'cmd'])
    expect(status).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'campaign cmd (v1): 3 recipients\n  queued             3\n  in flight          0\n  placed             0\n  rejected           0\n  failed (not sent)  0\n  outcome unknown    0\n  invalid            0\n  [------------------------------]   0%  0/3\n'
    })
    const report = await run(['report', '--redis', redis.url, '--name', 'cmd'])
    expect(report.stdout).toBe(
      `line,recipient,outcome,uuid,reason,attempts,custom_data\n${list.map((n, i) => `${i + 2},${n},queued,,,,\n`).join('')}`
    )
    expect((await run(['status', '--redis', redis.url, '--name', 'nope'])).stderr).toBe(
      'ncco campaign: no campaign named nope in this Redis\n'
    )
    expect(
      await run([
        'retry',
        '--redis',
        redis.url,
        '--queue',
        queue,
        '--name',
        'cmd',
        '--outcome',
        'unknown'
      ])
    ).toEqual({
      code: 0,
      stderr: '',
      stdout: 'campaign cmd: 0 recipients (unknown) queued again\n'
    })
    // --watch follows until nothing is queued: here, until the test moves the counts.
    const watching = run([
      'status',
      '--redis',
      redis.url,
      '--name',
      'cmd',
      '--watch',
      '--interval',
      '100',
      '--format',
      'json'
    ])
    const { Redis } = await import('ioredis')
    const probe = new Redis(redis.url)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await probe.hset('ncco:campaign:{cmd}:counts', { queued: 0, placed: 3 })
    probe.disconnect()
    const watched = await watching
    expect(watched.code).toBe(0)
    const objects = watched.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { finished: boolean })
    expect(objects.at(0)?.finished).toBe(false)
    expect(objects.at(-1)).toEqual({
      campaign: 'cmd',
      api: 'v1',
      total: 3,
      finished: true,
      counts: {
        queued: 0,
        'in-flight': 0,
        placed: 3,
        rejected: 0,
        failed: 0,
        unknown: 0,
        invalid: 0
      }
    })
    expect((await campaignStatus({ redis: redis.url, name: 'cmd' }))?.finished).toBe(true)
  }, 30_000)
})
