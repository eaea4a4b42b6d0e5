// `npm run demo` end to end: the demo runs as a child process (after the CLI is built, as
// `npm run demo` builds it) and must exit 0 with the call placed, played and finished.
import { spawn } from 'node:child_process'
import { beforeAll, expect, it } from 'vitest'
import { buildCli, repositoryRoot } from './cli/built-cli.js'

beforeAll(() => buildCli(), 120_000)

const runDemo = (): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: repositoryRoot,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const killer = setTimeout(() => child.kill('SIGKILL'), 75_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(killer)
      resolve({ code, stdout, stderr })
    })
  })

it('the demo places a call, plays it through the IVR app, validates the examples, exits 0', async () => {
  const { code, stdout, stderr } = await runDemo()
  expect(stderr).toBe('')
  expect(code).toBe(0)
  const lines = stdout.split('\n')
  expect(lines).toContainEqual(
    expect.stringMatching(/^ {3}listening on http:\/\/127\.0\.0\.1:\d+$/)
  )
  expect(lines).toContainEqual(expect.stringMatching(/^ {3}201 Created: uuid [0-9a-f]{32}$/))
  // The app's side: the answer, the key pressed and the word said, each signature verified.
  expect(lines).toContain(
    '   app ← answer: call from 447700900000 to 447700900001 (signature verified)'
  )
  expect(lines).toContain('   app ← input: pressed 1 (signature verified)')
  expect(lines).toContain('   app ← input: said "support" (signature verified)')
  expect(stdout).not.toContain('app ✗')
  // The sandbox's side: what the caller heard, pressed and said.
  expect(stdout).toMatch(/caller presses 1\n/)
  expect(stdout).toMatch(/caller says "support"/)
  expect(stdout).toMatch(/caller hears "Connecting you to support\."\n/)
  expect(stdout).toContain('✔ The call ran to its end (completed, the NCCO ran to its end)')
  // The examples.
  expect(stdout).toMatch(/\n✔ \d+ files valid\.\n/)
  expect(stdout).toMatch(/\n✖ \d+ errors and 0 warnings in 1 of 1 file\.\n/)
  expect(stdout).toContain('   (exit code 1, as expected)')
  expect(lines.at(-2)).toBe(
    '✔ Demo finished: a call placed with a signed JWT, played through the IVR with signed webhooks, and the examples validated.'
  )
}, 90_000)
