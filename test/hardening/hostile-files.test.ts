/**
 * The CLI against files made to hurt it: symbolic links that loop (as a file, as a key, as a
 * folder to walk), file names that carry terminal escapes, line breaks and forged workflow
 * commands, and a file of 10,000 broken actions. The CLI runs in-process on the real file
 * system; each test asserts the exit code, what the output says, and that time (and, for the
 * big file, memory) stays bounded.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { leakedSecrets, makeScratch, runCli } from './support.js'

const scratch = makeScratch('ncco-hostile-files-')
afterAll(() => scratch.remove())
const { dir } = scratch

const at = (name: string): string => join(dir, name)
const greeting = JSON.stringify([{ action: 'talk', text: 'Hello' }])

symlinkSync('loop.json', at('loop.json'))
symlinkSync('ping.json', at('pong.json'))
symlinkSync('pong.json', at('ping.json'))
symlinkSync('loop.key', at('loop.key'))
mkdirSync(at('tree/inner'), { recursive: true })
writeFileSync(at('tree/inner/ok.json'), greeting)
symlinkSync('..', at('tree/inner/up'))
symlinkSync('.', at('tree/self'))

type Report = {
  readonly files: ReadonlyArray<{
    readonly file: string
    readonly valid: boolean
    readonly issues: ReadonlyArray<{ readonly code: string; readonly message: string }>
  }>
}

const filesOf = (stdout: string): ReadonlyArray<readonly [string, boolean, string[]]> =>
  (JSON.parse(stdout) as Report).files.map((f) => [
    f.file.replace(dir, '<tmp>'),
    f.valid,
    f.issues.map((i) => `${i.code}: ${i.message}`)
  ])

const loopMessage =
  'file-unreadable: The file could not be read: too many levels of symbolic links.'

describe('symbolic links that loop', () => {
  it('validate: a link to itself and a pair of links, each a finding; the good file checked', async () => {
    writeFileSync(at('good.json'), greeting)
    const run = await runCli(dir, [
      'validate',
      '--format',
      'json',
      'loop.json',
      'ping.json',
      'good.json'
    ])
    expect(run.code).toBe(1)
    expect(filesOf(run.stdout)).toStrictEqual([
      ['loop.json', false, [loopMessage]],
      ['ping.json', false, [loopMessage]],
      ['good.json', true, []]
    ])
    expect(run.ms).toBeLessThan(5_000)
  })

  it('validate a folder whose links lead back up: every file once, and it ends', async () => {
    const run = await runCli(dir, ['validate', '--format', 'json', 'tree'])
    expect(run.code).toBe(0)
    expect(filesOf(run.stdout).map(([file, valid]) => [file, valid])).toStrictEqual([
      ['tree/inner/ok.json', true]
    ])
    expect(run.ms).toBeLessThan(5_000)
  })

  it('call create: the request a link to itself: exit 1, nothing sent', async () => {
    const run = await runCli(dir, ['call', 'create', 'loop.json', '--dry-run'])
    expect(run.code).toBe(1)
    expect(run.stdout + run.stderr).toContain('too many levels of symbolic links')
    expect(run.ms).toBeLessThan(5_000)
  })

  it('call create --private-key: a key that is a link to itself: exit 2, no key text', async () => {
    writeFileSync(at('good.json'), greeting)
    const run = await runCli(
      dir,
      ['call', 'create', 'request.json', '--dry-run', '--private-key', 'loop.key'],
      { env: { VONAGE_APPLICATION_ID: 'app-id' } }
    )
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]?.replace(dir, '<tmp>')).toBe(
      'ncco call create: Cannot read the private key file "<tmp>/loop.key" (ELOOP); privateKey must be PEM text or the path of a file holding it.'
    )
    expect(leakedSecrets(run.stdout + run.stderr, [])).toStrictEqual([])
  })
})

// -------------------------------------------------------------------------------------
// forged names
// -------------------------------------------------------------------------------------

const forgedNames = [
  'clear\u001b[2J\u001b[31mred.json',
  'osc\u001b]8;;https:evil.example\u0007link.json',
  'line\nbreak.json',
  'carriage\rreturn.json',
  '::error file=x,line=1::forged.json',
  '##[error]legacy.json',
  'bidi\u202eoverride.json',
  'bell\u0007.json'
]
// In a folder of their own, walked by the CLI: as operands, `[error]` would be a glob class.
mkdirSync(at('forged'))
for (const name of forgedNames) writeFileSync(at(`forged/${name}`), '[{"action":"talk"}]')
const forgedPaths = [...forgedNames].sort().map((name) => `forged/${name}`)

/** C0 controls but the line feed, DEL, C1 controls, and bidirectional overrides and isolates. */
const unsafeCharacters = (text: string): ReadonlyArray<string> =>
  [...text].filter((c) => {
    const n = c.codePointAt(0) ?? 0
    return (
      (n < 0x20 && n !== 0x0a) ||
      (n >= 0x7f && n <= 0x9f) ||
      (n >= 0x202a && n <= 0x202e) ||
      (n >= 0x2066 && n <= 0x2069)
    )
  })

describe('file names that carry escapes, line breaks and workflow commands', () => {
  it('--format pretty: no control character reaches the terminal; one finding line per file', async () => {
    const run = await runCli(dir, ['validate', '--format', 'pretty', 'forged'])
    expect(run.code).toBe(1)
    expect(unsafeCharacters(run.stdout)).toStrictEqual([])
    expect(unsafeCharacters(run.stderr)).toStrictEqual([])
    const findingLines = run.stdout.split('\n').filter((l) => l.includes('missing-required'))
    expect(findingLines).toHaveLength(forgedNames.length)
  })

  it('--format github: every line that starts with :: is one of our annotations', async () => {
    const run = await runCli(dir, ['validate', '--format', 'github', 'forged'])
    expect(run.code).toBe(1)
    const lines = run.stdout.split(/\r\n|\r|\n/)
    expect(lines.filter((l) => l.includes('##['))).toStrictEqual([])
    const commands = lines.filter((l) => /^\s*::/.test(l))
    expect(commands).toHaveLength(forgedNames.length)
    for (const line of commands)
      expect(line).toMatch(/^::error file=[^\n]*,line=1,col=\d+,title=ncco missing-required::/)
  })

  it('--format json: each name comes back exactly as it is on disk, escapes and all', async () => {
    const run = await runCli(dir, ['validate', '--format', 'json', 'forged'])
    expect(run.code).toBe(1)
    expect((JSON.parse(run.stdout) as Report).files.map((f) => f.file).sort()).toStrictEqual(
      forgedPaths
    )
  })

  it('--format sarif: valid JSON, one result per file, no raw control character', async () => {
    const run = await runCli(dir, ['validate', '--format', 'sarif', 'forged'])
    expect(run.code).toBe(1)
    expect(unsafeCharacters(run.stdout)).toStrictEqual([])
    const sarif = JSON.parse(run.stdout) as {
      runs: ReadonlyArray<{ results: ReadonlyArray<unknown> }>
    }
    expect(sarif.runs[0]?.results).toHaveLength(forgedNames.length)
  })

  it('call create: a request named with escapes is named without them', async () => {
    writeFileSync(at('clear\u001b[2Jreq.json'), '[{"action":"talk"}]')
    const run = await runCli(dir, ['call', 'create', 'clear\u001b[2Jreq.json', '--dry-run'])
    expect(run.code).toBe(1)
    expect(unsafeCharacters(run.stdout + run.stderr)).toStrictEqual([])
  })
})

// -------------------------------------------------------------------------------------
// 10,000 broken actions
// -------------------------------------------------------------------------------------

const MiB = 1_048_576
const broken = JSON.stringify(
  Array.from({ length: 10_000 }, (_, i) => ({ action: 'talk', txt: `line ${i}`, loop: 'x' })),
  null,
  1
)
writeFileSync(at('broken.json'), broken)

const inUse = (): number => {
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}

describe('a file of 10,000 broken actions', () => {
  it.each(['pretty', 'json', 'sarif', 'github'])(
    '--format %s: exit 1 within 15 s, memory and output bounded',
    async (format) => {
      const start = inUse()
      let peak = start
      const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 5)
      try {
        const run = await runCli(dir, ['validate', '--format', format, 'broken.json'])
        peak = Math.max(peak, inUse())
        expect(run.code).toBe(1)
        expect(run.ms).toBeLessThan(15_000)
        // Well under what 30,000 findings printed in full would need (tens of MiB in SARIF).
        expect(run.stdout.length).toBeLessThan(32 * MiB)
        expect(peak - start).toBeLessThan(512 * MiB)
      } finally {
        clearInterval(sampler)
      }
    },
    30_000
  )
})
