// The demo (`npm run demo`): a Voice call placed, played and finished on this machine, with no
// Vonage account and no network, then the example files validated the way CI would.
//
//   1. an RSA key pair for a demo application (the sandbox gets the public half);
//   2. examples/ivr-app on 127.0.0.1, verifying the signature of every webhook;
//   3. the built `ncco sandbox`, a local Voice API, with a signature secret and a caller who
//      presses 1, then says "support";
//   4. the sender places the call (an RS256 JWT signed with the demo key);
//   5. the sandbox plays it through the app: the app's log shows each webhook as it arrives,
//      then the sandbox's transcript shows what the caller heard, pressed and said;
//   6. `ncco validate` on examples/ncco (exit 0) and examples/broken (exit 1, its report shown).
//
// It exits 0 only if every step ends as expected, and always stops what it started (the
// sandbox, the app, the temporary key files), also on failure, on Ctrl-C, or after 60 s.
import { spawn, type ChildProcess } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { startIvrServer, type IvrServer } from '../examples/ivr-app/server.js'
import { colourEnabled } from '../src/cli/colour.js'
import { createClient, describeFailure, renderPretty, type CallTranscript } from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'dist', 'cli', 'bin.js')
const overallMs = 60_000

const colour = colourEnabled(process.env, process.stdout.isTTY === true)
const bold = (s: string): string => (colour ? `\u001b[1m${s}\u001b[22m` : s)
const say = (line = ''): void => void process.stdout.write(`${line}\n`)
const heading = (n: number, text: string): void => say(`\n${bold(`${n}. ${text}`)}`)

class DemoFailure extends Error {}

const expect = (condition: boolean, what: string): void => {
  if (!condition) throw new DemoFailure(what)
}

// -------------------------------------------------------------------------------------
// what the demo starts, and stops whatever happens
// -------------------------------------------------------------------------------------

const children = new Set<ChildProcess>()
let app: IvrServer | undefined
let workDir: string | undefined
/** What the sandbox wrote on standard error (requests it refused), shown on failure. */
let sandboxErrors = ''

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve()
      return
    }
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('close', () => {
      clearTimeout(killer)
      resolve()
    })
    child.kill('SIGTERM')
  })

let cleaned: Promise<void> | undefined
const cleanUp = (): Promise<void> =>
  (cleaned ??= (async () => {
    await Promise.all([...children].map(stopChild))
    await app?.close()
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true })
  })())

/** Runs the built CLI with its output shown, and resolves with its exit code. */
const runCli = (args: ReadonlyArray<string>): Promise<number | null> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit']
    })
    children.add(child)
    child.once('error', reject)
    child.once('close', (code) => {
      children.delete(child)
      resolve(code)
    })
  })

/** The sandbox's standard output, line by line, as it comes. */
const lineReader = (child: ChildProcess): (() => Promise<string>) => {
  const lines: string[] = []
  const waiting: Array<(line: string) => void> = []
  let rest = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    rest += chunk.toString('utf8')
    for (let i = rest.indexOf('\n'); i !== -1; i = rest.indexOf('\n')) {
      const line = rest.slice(0, i)
      rest = rest.slice(i + 1)
      const waiter = waiting.shift()
      if (waiter === undefined) lines.push(line)
      else waiter(line)
    }
  })
  return () => {
    const line = lines.shift()
    if (line !== undefined) return Promise.resolve(line)
    return new Promise((resolve, reject) => {
      waiting.push(resolve)
      child.once('close', (code) =>
        reject(new DemoFailure(`the sandbox stopped early (exit code ${String(code)})`))
      )
    })
  }
}

// -------------------------------------------------------------------------------------
// the demo
// -------------------------------------------------------------------------------------

const demo = async (): Promise<void> => {
  expect(existsSync(bin), 'the CLI is not built: run `npm run build` first (`npm run demo` does)')
  say(bold('ncco-kit demo: a Voice call placed, played and finished on this machine'))
  say('No Vonage account, no phone, no tunnel, no network: everything listens on 127.0.0.1.')

  heading(1, 'A key pair for the demo application')
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  workDir = mkdtempSync(join(tmpdir(), 'ncco-demo-'))
  const publicKeyFile = join(workDir, 'public.pem')
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }))
  const scriptFile = join(workDir, 'caller.json')
  writeFileSync(scriptFile, JSON.stringify({ caller: [{ dtmf: '1' }, { speech: 'support' }] }))
  const applicationId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
  const signatureSecret = randomBytes(24).toString('base64url')
  say('   RSA, 2048 bits, made just now. The sender signs with the private key;')
  say('   the sandbox checks each request with the public one, as the Voice API does.')

  heading(2, 'The example IVR app (examples/ivr-app), verifying every signature')
  // The app's lines are held until step 5 is printed, then shown as they come.
  const appLog: string[] = []
  let showAppLog = false
  app = await startIvrServer({
    port: 0,
    signatureSecret,
    log: (line) => {
      appLog.push(line)
      if (showAppLog) say(`   ${line}`)
    }
  })
  say(`   listening on ${app.url}`)

  heading(3, 'The sandbox: a local Voice API')
  say('   $ ncco sandbox --public-key public.pem --script caller.json --format json')
  say('     (with VONAGE_SIGNATURE_SECRET set, so every webhook is signed)')
  say('   The caller script: press 1, then say "support".')
  const sandbox = spawn(
    process.execPath,
    [bin, 'sandbox', '--public-key', publicKeyFile, '--script', scriptFile, '--format', 'json'],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', VONAGE_SIGNATURE_SECRET: signatureSecret },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  children.add(sandbox)
  sandbox.stderr.on('data', (chunk: Buffer) => (sandboxErrors += chunk.toString('utf8')))
  const nextLine = lineReader(sandbox)
  const first = await nextLine()
  const listening = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)
  expect(listening !== null, `the sandbox's first line is ${JSON.stringify(first)}`)
  const sandboxUrl = listening![1]!
  say(`   ${first}`)

  heading(4, 'Placing the call with the sender')
  say(`   POST ${sandboxUrl}/v1/calls, to 447700900001, answer_url ${app.url}/answer`)
  const client = createClient({
    applicationId,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    baseUrl: sandboxUrl
  })
  if (E.isLeft(client)) throw new DemoFailure('the client could not be made')
  const created = await client.right.createCallV1({
    to: [{ type: 'phone', number: '447700900001' }],
    from: { type: 'phone', number: '447700900000' },
    answer_url: [`${app.url}/answer`],
    event_url: [`${app.url}/event`]
  })()
  if (E.isLeft(created)) {
    throw new DemoFailure(`the call was not created: ${describeFailure(created.left)}`)
  }
  say(`   ${created.right.status} Created: uuid ${created.right.call.uuid}`)

  heading(5, 'The call, as the app received it')
  for (const line of appLog) say(`   ${line}`)
  showAppLog = true
  const line = await nextLine()
  let transcript: CallTranscript
  try {
    transcript = JSON.parse(line) as CallTranscript
  } catch {
    throw new DemoFailure(`the sandbox printed ${JSON.stringify(line)}, not a transcript`)
  }
  say()
  say(bold('   The same call, as the sandbox played it:'))
  say(
    renderPretty(transcript, { colour })
      .trimEnd()
      .split('\n')
      .map((l) => `   ${l}`)
      .join('\n')
  )

  expect(transcript.call.uuid === created.right.call.uuid, 'the transcript is of another call')
  expect(transcript.ok, 'the call did not run cleanly (see its findings above)')
  const heard = transcript.steps.flatMap((s) => (s.type === 'talk' ? [s.text] : []))
  expect(heard.includes('Connecting you to support.'), 'the caller was not connected to support')
  expect(
    transcript.steps.some((s) => s.type === 'connect' && s.address === '447700900002'),
    'the call was not connected to 447700900002'
  )
  expect(
    transcript.requests.every((r) => r.signed && r.result === 'ok'),
    'a webhook was unsigned or not answered 2xx'
  )
  const verified = appLog.filter((l) => l.endsWith('(signature verified)')).length
  expect(!appLog.some((l) => l.startsWith('app ✗')), 'the app refused a webhook')
  expect(verified >= 3, `the app verified only ${verified} webhooks`)
  say(
    `   ${transcript.requests.length} webhooks, each signed by the sandbox; the app verified every one.`
  )

  heading(6, 'Validating the example files, as a CI job would')
  say('   $ ncco validate examples/ncco')
  const valid = await runCli(['validate', 'examples/ncco'])
  expect(valid === 0, `ncco validate examples/ncco exited ${String(valid)}, not 0`)
  say()
  say('   $ ncco validate examples/broken    (broken on purpose: every mistake, with its line)')
  const broken = await runCli(['validate', 'examples/broken'])
  expect(broken === 1, `ncco validate examples/broken exited ${String(broken)}, not 1`)
  say('   (exit code 1, as expected)')

  await cleanUp()
  say()
  say(
    bold(
      '✔ Demo finished: a call placed with a signed JWT, played through the IVR with signed webhooks, and the examples validated.'
    )
  )
}

const timer = setTimeout(() => {
  process.stderr.write(`\n✖ The demo took more than ${overallMs / 1000} s; stopping.\n`)
  void cleanUp().then(() => process.exit(1))
}, overallMs)
timer.unref()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanUp().then(() => process.exit(130))
  })
}

demo().then(
  async () => {
    clearTimeout(timer)
    await cleanUp()
    process.exitCode = 0
  },
  async (error: unknown) => {
    clearTimeout(timer)
    await cleanUp()
    process.stderr.write(
      `\n✖ The demo failed: ${error instanceof DemoFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` +
        (sandboxErrors === '' ? '' : `The sandbox said:\n${sandboxErrors}`)
    )
    process.exitCode = 1
  }
)
