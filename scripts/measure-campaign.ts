/**
 * One measured campaign run, for docs/campaigns.md: a redis-server on a free loopback port,
 * the sandbox as the Voice API, N `ncco campaign work` processes (the built CLI), M recipients.
 * Prints what the sandbox saw: calls accepted, each recipient's count, the busiest one-second
 * window and the calls per second held. Needs `npm run build` and redis-server on the PATH.
 *
 *   npx tsx scripts/measure-campaign.ts [recipients=300] [workers=4]
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { campaignStatus, parseRecipients, planCampaign, startCampaign } from '../src/campaign.js'
import { startSandbox } from '../src/node/sandbox.js'
import { startRedis } from '../test/campaign/redis-server.js'
import { busiestWindow } from '../test/campaign/voice-api.js'
import { startWorker, stopWorker } from '../test/campaign/workers.js'

const recipients = Number(process.argv[2] ?? 300)
const workerCount = Number(process.argv[3] ?? 4)
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const applicationId = '0d4884d1-eae8-4f6c-a5b0-1ce7b7e8a1b2'
const dir = mkdtempSync(join(tmpdir(), 'ncco-measure-'))
const keyPath = join(dir, 'private.key')
writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)

const accepted: number[] = []
const redis = await startRedis()
const sandbox = await startSandbox({
  publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  applicationId,
  cps: 1000,
  maxConcurrentCalls: 1000,
  onCall: (call) => accepted.push(call.acceptedAt)
})
const queue = `measure-${Date.now()}`
const list = Array.from({ length: recipients }, (_, i) => `4477009${String(i).padStart(5, '0')}`)
const plan = planCampaign(
  { from: { type: 'phone', number: '447700900000' }, ncco: [{ action: 'talk', text: 'Hi' }] },
  parseRecipients(`number\n${list.join('\n')}\n`, 'csv')
)
await startCampaign({ redis: redis.url, queue, name: 'measure', plan })
const started = Date.now()
const workers = Array.from({ length: workerCount }, () =>
  startWorker(
    ['--redis', redis.url, '--queue', queue, '--base-url', sandbox.url, '--concurrency', '4'],
    {
      VONAGE_APPLICATION_ID: applicationId,
      VONAGE_PRIVATE_KEY_PATH: keyPath
    }
  )
)
for (;;) {
  const status = await campaignStatus({ redis: redis.url, name: 'measure' })
  if (status?.finished === true) break
  await new Promise((resolve) => setTimeout(resolve, 250))
}
const seconds = (Math.max(...accepted) - Math.min(...accepted)) / 1000
await Promise.all(workers.map((w) => stopWorker(w)))
await sandbox.close()
await redis.close()
rmSync(dir, { recursive: true, force: true })
const status = { recipients, workers: workerCount, accepted: accepted.length }
process.stdout.write(
  `${JSON.stringify({
    ...status,
    wallSeconds: Math.round((Date.now() - started) / 100) / 10,
    firstToLastCallSeconds: Math.round(seconds * 10) / 10,
    callsPerSecondHeld: Math.round(((accepted.length - 1) / seconds) * 100) / 100,
    busiestOneSecondWindow: busiestWindow(accepted, 1000),
    // The shortest time in which 4 calls arrived (the limit allows 3 per second; ≥ 1000 holds it).
    shortestSpanOf4Ms: Math.min(
      ...[...accepted]
        .sort((a, b) => a - b)
        .flatMap((t, i, all) => (i >= 3 ? [t - all[i - 3]!] : []))
    )
  })}\n`
)
