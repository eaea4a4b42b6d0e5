/**
 * `ncco campaign work` as real processes (the built CLI), with their output read line by line
 * and every process stopped by the test.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { campaignStatus } from '../../src/campaign.js'
import { binPath, repositoryRoot } from '../cli/built-cli.js'
import { applicationId, keys } from '../sender/keys.js'

export interface WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams
  readonly lines: ReadonlyArray<string>
  readonly stderr: () => string
  /** Resolves with the first line matching, or rejects after `timeoutMs`. */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | string>
}

export interface Scratch {
  readonly dir: string
  readonly keyPath: string
  readonly write: (name: string, text: string) => string
  readonly remove: () => void
}

export const scratch = (): Scratch => {
  const dir = mkdtempSync(join(tmpdir(), 'ncco-campaign-'))
  const keyPath = join(dir, 'private.key')
  writeFileSync(keyPath, keys.pkcs8)
  return {
    dir,
    keyPath,
    write: (name, text) => {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    },
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

export const startWorker = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>>
): WorkerProcess => {
  const child = spawn(process.execPath, [binPath, 'campaign', 'work', ...args], {
    cwd: repositoryRoot,
    env: { PATH: process.env['PATH'] ?? '', VONAGE_APPLICATION_ID: applicationId, ...env }
  })
  const lines: string[] = []
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = []
  let pending = ''
  let errors = ''
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8')
    const parts = pending.split('\n')
    pending = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve(line)
        }
      }
    }
  })
  child.stderr.on('data', (chunk: Buffer) => {
    if (errors.length < 100_000) errors += chunk.toString('utf8')
  })
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  )
  return {
    child,
    lines,
    stderr: () => errors,
    exited,
    waitFor: (pattern, timeoutMs = 30_000) => {
      const seen = lines.find((line) => pattern.test(line))
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no line matching ${String(pattern)} in ${timeoutMs} ms; stderr: ${errors}`)
            ),
          timeoutMs
        )
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer)
            resolve(line)
          }
        })
      })
    }
  }
}

/** Stops a worker: SIGTERM, then SIGKILL after `graceMs`. */
export const stopWorker = async (
  worker: WorkerProcess,
  graceMs = 10_000
): Promise<number | string> => {
  if (worker.child.exitCode === null && worker.child.signalCode === null) {
    worker.child.kill('SIGTERM')
    const timer = setTimeout(() => worker.child.kill('SIGKILL'), graceMs)
    const code = await worker.exited
    clearTimeout(timer)
    return code
  }
  return worker.exited
}

export const numbers = (n: number, offset = 0): string[] =>
  Array.from({ length: n }, (_, i) => `4477009${String(offset + i).padStart(5, '0')}`)

export const csvOf = (list: ReadonlyArray<string>): string =>
  `number,name\n${list.map((number, i) => `${number},Person ${i + 1}`).join('\n')}\n`

export const template = {
  from: { type: 'phone', number: '447700900000' },
  ncco: [{ action: 'talk', text: 'Hello {{name}}, this is a reminder.' }]
}

/** Waits until nothing is queued nor in flight, or fails after `timeoutMs`. */
export const untilFinished = async (
  redis: string,
  name: string,
  timeoutMs: number
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = await campaignStatus({ redis, name })
    if (status?.finished === true) return
    if (Date.now() > deadline) throw new Error(`${name} not finished: ${JSON.stringify(status)}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** A loopback port nobody listens on. */
export const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 1)
      )
    })
  })
