import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { makeSandboxCommand, processStopSignal } from '../../src/cli/sandbox-command.js'
import type { CallTranscript } from '../../src/simulator/transcript.js'
import { binPath, buildCli, ncco, repositoryRoot } from '../cli/built-cli.js'
import { fakeIo } from '../cli/fake-io.js'
import { applicationId, keys } from '../sender/keys.js'
import {
  clientFor,
  outboundCallSummary,
  requestFor,
  startTestApp,
  type TestApp
} from './helpers.js'

let dir: string
let app: TestApp

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ncco-sandbox-'))
  writeFileSync(join(dir, 'public.pem'), keys.publicPem)
  writeFileSync(join(dir, 'private.key'), keys.pkcs8)
  writeFileSync(join(dir, 'stranger.key'), keys.strangerPkcs8)
  writeFileSync(join(dir, 'script.yaml'), 'caller:\n  - dtmf: "1"\n')
  writeFileSync(join(dir, 'bad-script.json'), '{"caller": [{"press": "1"}]}')
  writeFileSync(join(dir, 'broken.yaml'), 'caller: [\n')
  writeFileSync(join(dir, 'empty.yaml'), '\n')
  await buildCli()
}, 120_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

afterEach(async () => {
  await app?.close()
})

/** `ncco sandbox` in-process, stopped by resolving `stop`. */
const inProcess = (argv: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  let stop = (): void => undefined
  const stopped = new Promise<string>((resolve) => {
    stop = () => resolve('SIGTERM')
  })
  const recorded = fakeIo({ cwd: dir, env })
  const code = makeSandboxCommand(() => stopped)(argv, recorded.io)
  return { ...recorded, code, stop }
}

const waitFor = async (condition: () => boolean, ms = 5_000): Promise<void> => {
  const until = Date.now() + ms
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const urlOf = (firstLine: string): string => {
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)
  if (match === null) throw new Error(`not the first line: ${JSON.stringify(firstLine)}`)
  return match[1]!
}

describe('ncco sandbox, in-process', () => {
  it('usage errors exit 2 and never repeat the secret', async () => {
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
      [
        [],
        "ncco sandbox: the sandbox checks each request's token: give --public-key FILE (the application's public key), or --no-auth\nRun 'ncco sandbox --help' for usage.\n"
      ],
      [
        ['--no-auth', '--public-key', 'public.pem'],
        "ncco sandbox: give --public-key or --no-auth, not both\nRun 'ncco sandbox --help' for usage.\n"
      ],
      [
        ['--no-auth', '--cps', '0'],
        "ncco sandbox: --cps must be a whole number from 1 to 1000, got 0\nRun 'ncco sandbox --help' for usage.\n"
      ],
      [
        ['--no-auth', '--format', 'xml'],
        "ncco sandbox: --format must be pretty or json, got xml\nRun 'ncco sandbox --help' for usage.\n"
      ],
      [
        ['--no-auth', '--port'],
        "ncco sandbox: --port needs a value\nRun 'ncco sandbox --help' for usage.\n"
      ],
      [
        ['--no-auth', 's3cret-value'],
        "ncco sandbox: takes options only, and got an argument\nRun 'ncco sandbox --help' for usage.\n"
      ],
      [
        ['--no-auth', '--signature-secrt=s3cret-value'],
        "ncco sandbox: unknown option --signature-secrt: did you mean --signature-secret?\nRun 'ncco sandbox --help' for usage.\n"
      ],
      [
        ['--public-key', 'missing.pem'],
        'ncco sandbox: cannot read the public key file missing.pem: no such file or directory\n'
      ],
      [
        ['--public-key', 'script.yaml'],
        'ncco sandbox: publicKey is not a PEM key (expected "-----BEGIN PUBLIC KEY-----").\n'
      ]
    ]
    for (const [argv, stderr] of cases) {
      const run = inProcess(argv)
      expect(await run.code).toBe(2)
      expect(run.stdout()).toBe('')
      expect(run.stderr()).toBe(stderr)
      expect(run.stderr()).not.toContain('s3cret-value')
    }
    const bad = inProcess(['--no-auth', '--script', 'bad-script.json'])
    expect(await bad.code).toBe(2)
    expect(bad.stderr()).toMatch(
      /^ncco sandbox: the script bad-script\.json cannot be used:\n {2}error invalid-caller-step at \/caller\/0: .+\n$/
    )
    const broken = inProcess(['--no-auth', '--script', 'broken.yaml'])
    expect(await broken.code).toBe(2)
    expect(broken.stderr()).toMatch(
      /^ncco sandbox: the script broken\.yaml cannot be used:\n {2}error parse-error at \(root\): .+ \(hint: at line 2, column 1\)\n$/
    )
  })

  it('an empty script file is reported as empty, like ncco simulate does', async () => {
    const run = inProcess(['--no-auth', '--script', 'empty.yaml'])
    expect(await run.code).toBe(2)
    expect(run.stderr()).toBe(
      'ncco sandbox: the script empty.yaml cannot be used:\n  error file-empty at (root): The file is empty.\n'
    )
  })

  it('a sandbox that cannot start leaves no signal listener behind', async () => {
    const first = inProcess(['--no-auth'])
    await waitFor(() => first.stdout().includes('\n'))
    const port = new URL(urlOf(first.stdout().split('\n')[0]!)).port
    const listeners = (): readonly [number, number] => [
      process.listenerCount('SIGINT'),
      process.listenerCount('SIGTERM')
    ]
    const before = listeners()
    const io = fakeIo({ cwd: dir })
    const code = await makeSandboxCommand(processStopSignal)(['--no-auth', '--port', port], io.io)
    expect(code).toBe(1)
    // A listener left behind would swallow the next Ctrl-C of the process.
    expect(listeners()).toStrictEqual(before)
    first.stop()
    expect(await first.code).toBe(0)
  })

  it('--help', async () => {
    const run = inProcess(['--help'])
    expect(await run.code).toBe(0)
    expect(run.stdout()).toContain('Usage: ncco sandbox [options]')
  })

  it('prints the first line, a JSON transcript per call, and stops with 0', async () => {
    app = await startTestApp()
    const run = inProcess(['--public-key', 'public.pem', '--format', 'json', '--seed', '3'], {
      VONAGE_SIGNATURE_SECRET: 's3cret-value'
    })
    await waitFor(() => run.stdout().includes('\n'))
    const url = urlOf(run.stdout().split('\n')[0]!)
    const created = await clientFor(url).createCall('v1', requestFor(app))()
    expect(E.isRight(created)).toBe(true)
    await waitFor(() => run.stdout().split('\n').length === 3)
    const transcript = JSON.parse(run.stdout().split('\n')[1]!) as CallTranscript
    expect(transcript.ok).toBe(true)
    expect(transcript.requests.every((r) => r.signed)).toBe(true)
    expect(E.isRight(created) && created.right.call.uuid).toBe(transcript.call.uuid)
    // A refused request is logged on stderr, with why.
    const refused = await clientFor(url, keys.strangerPkcs8).createCall('v1', requestFor(app))()
    expect(E.isLeft(refused)).toBe(true)
    expect(run.stderr()).toBe(
      "POST /v1/calls 401: You did not provide correct credentials: the token's signature does not match the application's public key.\n"
    )
    run.stop()
    expect(await run.code).toBe(0)
    expect(run.stdout() + run.stderr()).not.toContain('s3cret-value')
  })

  it('pretty: one rendered transcript per call, separated by a blank line', async () => {
    app = await startTestApp()
    const run = inProcess(['--no-auth', '--format', 'pretty', '--script', 'script.yaml'])
    await waitFor(() => run.stdout().includes('\n'))
    const url = urlOf(run.stdout().split('\n')[0]!)
    expect(E.isRight(await clientFor(url).createCall('v1', requestFor(app))())).toBe(true)
    await waitFor(() => run.stdout().includes('✖') || run.stdout().includes('✔'))
    run.stop()
    expect(await run.code).toBe(0)
    const [first, blank, heading] = run.stdout().split('\n')
    expect(first).toBe(`listening on ${url}`)
    expect(blank).toBe('')
    expect(heading).toMatch(
      /^Simulated outbound call from 447700900000 to 447700900001 \(uuid [0-9a-f]{32}, conversation CON-/
    )
    // The script's key press is never used by a talk-only app: a finding, so ✖.
    expect(run.stdout()).toContain('✖')
  })

  it('a port in use exits 1', async () => {
    const first = inProcess(['--no-auth'])
    await waitFor(() => first.stdout().includes('\n'))
    const port = new URL(urlOf(first.stdout().split('\n')[0]!)).port
    const second = inProcess(['--no-auth', '--port', port])
    expect(await second.code).toBe(1)
    expect(second.stderr()).toBe(
      `ncco sandbox: The sandbox could not listen: port ${port} on 127.0.0.1 is already in use.\n`
    )
    first.stop()
    expect(await first.code).toBe(0)
  })
})

// -------------------------------------------------------------------------------------
// the built CLI as a child process
// -------------------------------------------------------------------------------------

interface Child {
  readonly process: ChildProcessWithoutNullStreams
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exit: Promise<number | null>
}

const children: Child[] = []

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null) child.process.kill('SIGKILL')
  }
})

const spawnSandbox = (args: ReadonlyArray<string>): Child => {
  const process_ = spawn(process.execPath, [binPath, 'sandbox', ...args], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '' }
  })
  let out = ''
  let err = ''
  process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  process_.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const exit = new Promise<number | null>((resolve) =>
    process_.on('close', (code) => resolve(code))
  )
  const child = { process: process_, stdout: () => out, stderr: () => err, exit }
  children.push(child)
  return child
}

describe('ncco sandbox, the built CLI', () => {
  it('first line, a transcript per call placed by `ncco call create`, SIGTERM exits 0', async () => {
    app = await startTestApp()
    const child = spawnSandbox(['--public-key', 'public.pem', '--format', 'json'])
    await waitFor(() => child.stdout().includes('\n'), 10_000)
    const url = urlOf(child.stdout().split('\n')[0]!)
    writeFileSync(join(dir, 'request.json'), JSON.stringify(requestFor(app)))
    const env = { VONAGE_APPLICATION_ID: applicationId, VONAGE_PRIVATE_KEY_PATH: 'private.key' }
    const created = await ncco(['call', 'create', '--base-url', url, 'request.json'], {
      cwd: dir,
      env
    })
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/^Call created \(201 Created\)\.\n {2}uuid {15}[0-9a-f]{32}\n/)
    const uuid = /uuid +([0-9a-f]{32})/.exec(created.stdout)?.[1]
    await waitFor(() => child.stdout().split('\n').length === 3, 10_000)
    const transcript = JSON.parse(child.stdout().split('\n')[1]!) as CallTranscript
    expect(transcript.call.uuid).toBe(uuid)
    expect(app.summary()).toEqual(outboundCallSummary)

    // 401 for a bad token: exit 1 with the sandbox's reason.
    const stranger = await ncco(['call', 'create', '--base-url', url, 'request.json'], {
      cwd: dir,
      env: { ...env, VONAGE_PRIVATE_KEY_PATH: 'stranger.key' }
    })
    expect(stranger.code).toBe(1)
    expect(stranger.stderr).toContain(
      "Vonage said: Unauthorized: You did not provide correct credentials: the token's signature does not match the application's public key."
    )

    child.process.kill('SIGTERM')
    expect(await child.exit).toBe(0)
    expect(child.stdout().split('\n')).toHaveLength(3)
  })

  it('SIGINT stops it too; usage errors exit 2', async () => {
    const child = spawnSandbox(['--no-auth'])
    await waitFor(() => child.stdout().includes('\n'), 10_000)
    expect(child.stdout()).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/)
    child.process.kill('SIGINT')
    expect(await child.exit).toBe(0)
    const usage = await ncco(['sandbox', '--no-auth', '--cps', 'many'], { cwd: repositoryRoot })
    expect(usage.code).toBe(2)
    expect(usage.stderr).toBe(
      "ncco sandbox: --cps must be a whole number from 1 to 1000, got many\nRun 'ncco sandbox --help' for usage.\n"
    )
  })
})
