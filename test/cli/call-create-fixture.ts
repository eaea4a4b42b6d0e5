/**
 * What the `ncco call create` tests share: a scratch folder with a private key and a valid v1
 * request, a fake Voice API on 127.0.0.1 started before each test and closed after it, and
 * the command run in-process with its output captured.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach } from 'vitest'
import { callCreateCommand } from '../../src/cli/call-create-command.js'
import type { CliIo } from '../../src/cli/io.js'
import { startFakeVoiceApi, type FakeVoiceApi } from '../sender/fake-voice-api.js'
import { requestV1 } from '../sender/helpers.js'
import { applicationId, keys } from '../sender/keys.js'

export interface CallCreateRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export interface CallCreateFixture {
  /** The scratch folder (the command's cwd): `private.key` and `request.json` are in it. */
  readonly dir: string
  /** The fake Voice API of the running test. */
  readonly api: FakeVoiceApi
  /** Runs the command with no environment, a non-TTY stdout and an empty stdin by default. */
  readonly run: (argv: ReadonlyArray<string>, io?: Partial<CliIo>) => Promise<CallCreateRun>
  /** `--base-url` (the fake API), `--application-id` and `--private-key` flags. */
  readonly credentials: (baseUrl?: string) => string[]
}

/** Registers the hooks in the calling suite; call it at the top of a file or a `describe`. */
export const callCreateFixture = (prefix: string): CallCreateFixture => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  writeFileSync(join(dir, 'private.key'), keys.pkcs8)
  writeFileSync(join(dir, 'request.json'), JSON.stringify(requestV1))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let api: FakeVoiceApi | undefined
  beforeEach(async () => {
    api = await startFakeVoiceApi()
  })
  afterEach(async () => {
    await api?.close()
    api = undefined
  })
  const current = (): FakeVoiceApi => {
    if (api === undefined) throw new Error('the fake Voice API runs only inside a test')
    return api
  }
  return {
    dir,
    get api() {
      return current()
    },
    run: async (argv, io = {}) => {
      let stdout = ''
      let stderr = ''
      const code = await callCreateCommand(argv, {
        stdout: (s) => (stdout += s),
        stderr: (s) => (stderr += s),
        env: {},
        cwd: dir,
        stdoutIsTTY: false,
        readStdin: () => Promise.resolve(new Uint8Array()),
        ...io
      })
      return { code, stdout, stderr }
    },
    credentials: (baseUrl = current().url) => [
      '--base-url',
      baseUrl,
      '--application-id',
      applicationId,
      '--private-key',
      'private.key'
    ]
  }
}
