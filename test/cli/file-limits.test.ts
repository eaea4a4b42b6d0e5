/**
 * Every file the CLI reads, and standard input, is refused when it is not a regular file (a
 * FIFO would block for ever, /dev/zero never ends) and when it is larger than 64 MiB, with the
 * other files still checked. The built binary runs as a child process; each run is bounded in
 * time, and a large file is sparse, so it costs no disk.
 */
import { spawn, execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { maxFileBytes, readStdinCapped } from '../../src/cli/file-system.js'
import { readKeyFile } from '../../src/sender/key-file.js'
import { binPath, buildCli, ncco, repositoryRoot } from './built-cli.js'

let scratch = ''
let fifo = ''
let huge = ''
const good = join(repositoryRoot, 'test', 'fixtures', 'cli', 'valid', 'greeting.json')

beforeAll(async () => {
  await buildCli()
  scratch = mkdtempSync(join(tmpdir(), 'ncco-limits-'))
  fifo = join(scratch, 'request.json')
  execFileSync('mkfifo', [fifo])
  huge = join(scratch, 'huge.json')
  writeFileSync(huge, '')
  truncateSync(huge, maxFileBytes + 1)
}, 120_000)

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true })
})

/** Runs `ncco …` with standard input read from /dev/zero: it never ends. */
const withEndlessStdin = (
  args: ReadonlyArray<string>
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const zero = openSync('/dev/zero', 'r')
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: repositoryRoot,
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: [zero, 'pipe', 'pipe']
    })
    closeSync(zero)
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })

const credentials = { VONAGE_APPLICATION_ID: 'app-id' }

describe.concurrent('files the CLI will not read', () => {
  it('validate: a FIFO, /dev/zero and a file over 64 MiB, the other file still checked', async ({
    expect
  }) => {
    const result = await ncco(['validate', '--format', 'json', fifo, '/dev/zero', huge, good])
    expect(result.code).toBe(1)
    const files = (
      JSON.parse(result.stdout) as {
        files: ReadonlyArray<{
          file: string
          valid: boolean
          issues: ReadonlyArray<{ code: string; message: string }>
        }>
      }
    ).files.map((f) => [
      f.file === good ? 'good' : f.file.replace(scratch, '<tmp>'),
      f.valid,
      f.issues.map((i) => `${i.code}: ${i.message}`)
    ])
    expect(files).toStrictEqual([
      [
        '<tmp>/request.json',
        false,
        [
          'file-unreadable: The file could not be read: it is neither a regular file nor a directory.'
        ]
      ],
      [
        '/dev/zero',
        false,
        [
          'file-unreadable: The file could not be read: it is neither a regular file nor a directory.'
        ]
      ],
      [
        '<tmp>/huge.json',
        false,
        [
          'file-too-large: The file is larger than 64 MiB, the most the CLI reads; it was not checked.'
        ]
      ],
      ['good', true, []]
    ])
  }, 20_000)

  it('validate -: standard input that never ends', async ({ expect }) => {
    const result = await withEndlessStdin(['validate', '--format', 'json', '-'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('"code": "file-too-large"')
  }, 20_000)

  it('call create: a FIFO, /dev/zero or a file over 64 MiB as the request', async ({ expect }) => {
    const runs = await Promise.all(
      [fifo, '/dev/zero', huge].map((file) => ncco(['call', 'create', file, '--dry-run']))
    )
    expect(runs.map((r) => r.code)).toStrictEqual([1, 1, 1])
    expect(runs.map((r) => r.stdout + r.stderr)).toStrictEqual([
      expect.stringContaining('file-unreadable'),
      expect.stringContaining('file-unreadable'),
      expect.stringContaining('file-too-large')
    ])
    expect(runs[0]?.stdout + (runs[0]?.stderr ?? '')).toContain('it is not a regular file')
  }, 20_000)

  it('call create -: standard input that never ends', async ({ expect }) => {
    const result = await withEndlessStdin(['call', 'create', '-', '--dry-run'])
    expect(result.code).toBe(1)
    expect(result.stdout + result.stderr).toContain('file-too-large')
  }, 20_000)

  it('call create --private-key: a FIFO, /dev/zero or a file over 64 MiB', async ({ expect }) => {
    const runs = await Promise.all(
      [fifo, '/dev/zero', huge].map((key) =>
        ncco(['call', 'create', good, '--dry-run', '--private-key', key], { env: credentials })
      )
    )
    expect(
      runs.map((r) => [r.code, r.stderr.split('\n')[0]?.replace(scratch, '<tmp>')])
    ).toStrictEqual([
      [
        2,
        'ncco call create: Cannot read the private key file "<tmp>/request.json" (not a regular file); privateKey must be PEM text or the path of a file holding it.'
      ],
      [
        2,
        'ncco call create: Cannot read the private key file "/dev/zero" (not a regular file); privateKey must be PEM text or the path of a file holding it.'
      ],
      [
        2,
        'ncco call create: cannot use the private key file <tmp>/huge.json: file-too-large: The file is larger than 64 MiB, the most the CLI reads; it was not checked.'
      ]
    ])
  }, 20_000)

  it('simulate --script and sandbox --script / --public-key: /dev/zero, a FIFO, a huge file', async ({
    expect
  }) => {
    const runs = await Promise.all([
      ncco(['simulate', '--answer-url', 'http://127.0.0.1:9/answer', '--script', '/dev/zero']),
      ncco(['simulate', '--answer-url', 'http://127.0.0.1:9/answer', '--script', huge]),
      ncco(['sandbox', '--port', '0', '--no-auth', '--script', fifo]),
      ncco(['sandbox', '--port', '0', '--public-key', '/dev/zero']),
      ncco(['sandbox', '--port', '0', '--public-key', huge])
    ])
    expect(runs.map((r) => [r.code, r.stderr.replace(scratch, '<tmp>')])).toStrictEqual([
      [2, expect.stringContaining('file-unreadable')],
      [2, expect.stringContaining('file-too-large')],
      [2, expect.stringContaining('file-unreadable')],
      [2, expect.stringContaining('it is not a regular file')],
      [2, expect.stringContaining('larger than 64 MiB')]
    ])
  }, 20_000)
})

describe('the readers behind them', () => {
  it('readKeyFile refuses a FIFO, a device and a file over 64 MiB without reading them', ({
    expect
  }) => {
    expect([fifo, '/dev/zero', huge, join(scratch, 'none')].map(readKeyFile)).toStrictEqual([
      E.left({ code: 'not a regular file' }),
      E.left({ code: 'not a regular file' }),
      E.left({ code: 'larger than 64 MiB' }),
      E.left({ code: 'ENOENT' })
    ])
  })

  it('readStdinCapped refuses more than 64 MiB from any reader', async ({ expect }) => {
    expect(await readStdinCapped(async () => new Uint8Array(maxFileBytes + 1))).toStrictEqual(
      E.left({ reason: 'it is larger than 64 MiB', tooLarge: true })
    )
    expect(await readStdinCapped(async () => new Uint8Array(3))).toStrictEqual(
      E.right(new Uint8Array(3))
    )
  })
})
