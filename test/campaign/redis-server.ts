/**
 * A real Redis for the campaign tests: `redis-server` (Debian's package) started on a free
 * loopback port with persistence off, and stopped by the test. With `REDIS_URL` set, that
 * server is used instead (each test uses its own queue and campaign names). Without either,
 * the campaign tests are skipped and the run's summary says so (global-setup.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'

export const redisServerOnPath = (): boolean =>
  spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0

/**
 * Whether the campaign tests can run. With `NCCO_REQUIRE_REDIS=1` (as `.ci/run` sets) they
 * always run, so that a missing redis-server fails them instead of skipping them.
 */
export const redisAvailable = (): boolean =>
  process.env['NCCO_REQUIRE_REDIS'] === '1' ||
  (process.env['REDIS_URL'] ?? '') !== '' ||
  redisServerOnPath()

export interface TestRedis {
  readonly url: string
  readonly close: () => Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0)
      )
    })
  })

const answers = async (url: string, deadline: number): Promise<boolean> => {
  while (Date.now() < deadline) {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null
    })
    client.on('error', () => undefined)
    try {
      await client.connect()
      if ((await client.ping()) === 'PONG') return true
    } catch {
      // not up yet
    } finally {
      client.disconnect()
    }
    await sleep(50)
  }
  return false
}

const stop = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/** Starts a redis-server on 127.0.0.1 (or returns REDIS_URL's server). */
export const startRedis = async (): Promise<TestRedis> => {
  const given = process.env['REDIS_URL'] ?? ''
  if (given !== '') return { url: given, close: async () => undefined }
  const dir = mkdtempSync(join(tmpdir(), 'ncco-redis-'))
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = await freePort()
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--loglevel',
        'warning'
      ],
      { stdio: 'ignore' }
    )
    const url = `redis://127.0.0.1:${port}`
    if (await answers(url, Date.now() + 5000)) {
      return {
        url,
        close: async () => {
          await stop(child)
          rmSync(dir, { recursive: true, force: true })
        }
      }
    }
    await stop(child)
  }
  rmSync(dir, { recursive: true, force: true })
  throw new Error('redis-server did not start on a free loopback port after 5 tries')
}
