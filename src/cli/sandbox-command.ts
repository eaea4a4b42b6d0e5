/**
 * `ncco sandbox`: a local Voice API on 127.0.0.1 that plays every call it accepts through the
 * application. The first line of standard output is exactly `listening on
 * http://127.0.0.1:PORT`; then one transcript per call, as each call ends. Requests the
 * sandbox refuses are logged on standard error. SIGINT and SIGTERM stop it (exit 0).
 *
 * Exit codes: 0 stopped by a signal; 1 the port could not be had; 2 a usage error (flags, the
 * key or script file).
 *
 * @since 0.2.0
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { formatIssue } from '../issue.js'
import {
  describeStartFailure,
  startSandboxTask,
  type SandboxCall,
  type SandboxOptions
} from '../node/sandbox.js'
import { renderPretty } from '../simulator/render.js'
import type { CallScript } from '../simulator/script.js'
import { readCallScript, type ScriptFinding } from './caller-script.js'
import { colourEnabled, printable } from './colour.js'
import { decodeText } from './decode.js'
import { fsFailureIssue, nodeFileSystem, readFileCapped } from './file-system.js'
import { scanFlags } from './flags.js'
import type { CliIo, Command } from './io.js'

// -------------------------------------------------------------------------------------
// arguments
// -------------------------------------------------------------------------------------

type Format = 'pretty' | 'json'

interface Arguments {
  readonly port?: number
  readonly publicKeyPath?: string
  readonly noAuth: boolean
  readonly scriptPath?: string
  readonly signatureSecret?: string
  readonly cps?: number
  readonly seed?: number
  readonly format: Format
}

/**
 * @category constants
 * @since 0.2.0
 */
export const sandboxUsage = `Usage: ncco sandbox [options]

A local Voice API on 127.0.0.1: POST /v1/calls and /v2/calls (checked like the real API),
GET and PUT /v1/calls/{uuid}. Every call it accepts is played through your application by
the call simulator, and its transcript is printed when it ends. Place calls with
'ncco call create --base-url URL' or the sender's baseUrl option.

Options:
  --port N                   port on 127.0.0.1 (default: a free one; see the first line)
  --public-key FILE          the application's public key, to check each request's JWT
  --no-auth                  accept requests without a token instead
  --script FILE              the caller script (YAML or JSON): keys, speech, how calls are answered
  --signature-secret SECRET  sign every webhook (default: $VONAGE_SIGNATURE_SECRET)
  --cps N                    new calls accepted per second before 429 (default 3)
  --seed N                   the same seed gives the same call identifiers
  --format pretty|json       transcripts as text, or one JSON object per line (default pretty)
  -h, --help                 show this help

The first line printed is 'listening on http://127.0.0.1:PORT'. Ctrl-C (SIGINT) or SIGTERM
stops the sandbox. Exit codes: 0 stopped, 1 could not listen, 2 usage error.
`

const grammar = {
  values: [
    '--port',
    '--public-key',
    '--script',
    '--signature-secret',
    '--cps',
    '--seed',
    '--format'
  ] as const,
  repeated: {},
  switches: ['--no-auth'] as const,
  // Not repeated in the message: a stray argument may be a secret given without its flag.
  notAnOption: (argument: string) =>
    argument.startsWith('-') ? undefined : 'takes options only, and got an argument'
}

const wholeNumber = (
  flag: string,
  value: string | undefined,
  bounds: { readonly min: number; readonly max: number }
): E.Either<string, number | undefined> => {
  if (value === undefined) return E.right(undefined)
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  return n >= bounds.min && n <= bounds.max
    ? E.right(n)
    : E.left(`${flag} must be a whole number from ${bounds.min} to ${bounds.max}, got ${value}`)
}

const parseArguments = (
  argv: ReadonlyArray<string>,
  env: CliIo['env']
): E.Either<string, Arguments | 'help'> => {
  const scanned = scanFlags(argv, grammar)
  if (E.isLeft(scanned)) return scanned
  if (scanned.right === 'help') return E.right('help')
  const { values, sequence } = scanned.right
  const noAuth = sequence.length > 0
  const publicKeyPath = values['--public-key']
  if (publicKeyPath !== undefined && noAuth)
    return E.left('give --public-key or --no-auth, not both')
  if (publicKeyPath === undefined && !noAuth) {
    return E.left(
      "the sandbox checks each request's token: give --public-key FILE (the application's public key), or --no-auth"
    )
  }
  const format = values['--format'] ?? 'pretty'
  if (format !== 'pretty' && format !== 'json') {
    return E.left(`--format must be pretty or json, got ${format}`)
  }
  const port = wholeNumber('--port', values['--port'], { min: 0, max: 65_535 })
  if (E.isLeft(port)) return port
  const cps = wholeNumber('--cps', values['--cps'], { min: 1, max: 1_000 })
  if (E.isLeft(cps)) return cps
  const seed = wholeNumber('--seed', values['--seed'], { min: 0, max: 4_294_967_295 })
  if (E.isLeft(seed)) return seed
  const secret = values['--signature-secret'] ?? env['VONAGE_SIGNATURE_SECRET']
  if (values['--signature-secret'] === '') return E.left('--signature-secret must not be empty')
  const scriptPath = values['--script']
  return E.right({
    noAuth,
    format,
    ...(port.right === undefined ? {} : { port: port.right }),
    ...(publicKeyPath === undefined ? {} : { publicKeyPath }),
    ...(scriptPath === undefined ? {} : { scriptPath }),
    ...(secret === undefined || secret === '' ? {} : { signatureSecret: secret }),
    ...(cps.right === undefined ? {} : { cps: cps.right }),
    ...(seed.right === undefined ? {} : { seed: seed.right })
  })
}

// -------------------------------------------------------------------------------------
// files
// -------------------------------------------------------------------------------------

const readText = async (path: string): Promise<E.Either<string, string>> => {
  const read = await readFileCapped(nodeFileSystem, path)
  if (E.isLeft(read)) {
    const failure = read.left
    return E.left(
      failure.tooLarge === true
        ? `file-too-large: ${fsFailureIssue(failure).message}`
        : failure.reason
    )
  }
  const text = decodeText(read.right)
  if (E.isLeft(text)) {
    return E.left(text.left._tag === 'Empty' ? 'the file is empty' : text.left.reason)
  }
  return E.right(text.right)
}

/** A finding about the script file, with its line and column when it is a syntax error. */
const scriptLine = ({ issue, at }: ScriptFinding): string =>
  `  ${printable(
    formatIssue(
      issue.code === 'parse-error' && at !== undefined
        ? { ...issue, hint: `at line ${at.line}, column ${at.column}` }
        : issue
    )
  )}`

// -------------------------------------------------------------------------------------
// command
// -------------------------------------------------------------------------------------

/**
 * What the command waits for before it stops: resolves with the signal's name. When the
 * command ends without it (the sandbox could not start), `cancelled` is aborted and the
 * wait must let go of whatever it holds.
 *
 * @category model
 * @since 0.2.0
 */
export type StopSignal = (cancelled: AbortSignal) => Promise<string>

/**
 * SIGINT or SIGTERM, whichever comes first; the listeners are removed afterwards, or as soon
 * as the wait is cancelled, so that a later Ctrl-C is not swallowed.
 *
 * @category instances
 * @since 0.2.0
 */
export const processStopSignal: StopSignal = (cancelled) =>
  new Promise((resolve) => {
    const release = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      cancelled.removeEventListener('abort', release)
    }
    const stop = (signal: NodeJS.Signals): void => {
      release()
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    cancelled.addEventListener('abort', release)
  })

const usageError = (io: CliIo, message: string): number => {
  io.stderr(`ncco sandbox: ${message}\nRun 'ncco sandbox --help' for usage.\n`)
  return 2
}

const fail = (io: CliIo, message: string): number => {
  io.stderr(`ncco sandbox: ${message}\n`)
  return 2
}

/**
 * The command with the signal it stops on given, for tests.
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeSandboxCommand =
  (stopSignal: StopSignal): Command =>
  async (argv, io) => {
    const parsed = parseArguments(argv, io.env)
    if (E.isLeft(parsed)) return usageError(io, parsed.left)
    if (parsed.right === 'help') {
      io.stdout(sandboxUsage)
      return 0
    }
    const args = parsed.right

    let publicKey: string | undefined
    if (args.publicKeyPath !== undefined) {
      const text = await readText(resolve(io.cwd, args.publicKeyPath))
      if (E.isLeft(text)) {
        return fail(
          io,
          `cannot read the public key file ${printable(args.publicKeyPath)}: ${text.left}`
        )
      }
      publicKey = text.right
    }
    let script: CallScript | undefined
    if (args.scriptPath !== undefined) {
      const file = resolve(io.cwd, args.scriptPath)
      const read = await readCallScript(args.scriptPath, () => readFileCapped(nodeFileSystem, file))
      if (E.isLeft(read)) {
        return fail(
          io,
          `the script ${printable(args.scriptPath)} cannot be used:\n${read.left.map(scriptLine).join('\n')}`
        )
      }
      script = read.right
    }

    const colour = colourEnabled(io.env, io.stdoutIsTTY)
    // One transcript per call as it ends: pretty ones separated by a blank line, JSON ones
    // one object per line.
    const print = (call: SandboxCall): void => {
      void call.transcript.then((transcript) =>
        io.stdout(
          args.format === 'json'
            ? JSON.stringify(transcript) + '\n'
            : '\n' + renderPretty(transcript, { colour })
        )
      )
    }
    const options = {
      ...(publicKey === undefined ? { noAuth: true as const } : { publicKey }),
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(script === undefined ? {} : { script }),
      ...(args.signatureSecret === undefined ? {} : { signatureSecret: args.signatureSecret }),
      ...(args.cps === undefined ? {} : { cps: args.cps }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      onCall: print,
      onResponse: (entry) => {
        // The method, path and detail come from the request: made safe for a terminal.
        if (entry.status >= 400) {
          io.stderr(
            printable(
              `${entry.method} ${entry.path} ${entry.status}${entry.detail === undefined ? '' : `: ${entry.detail}`}`
            ) + '\n'
          )
        }
      }
    } satisfies SandboxOptions
    // Listening for the signals before the port is opened: a signal sent as soon as the
    // first line is read must find them.
    const cancelStop = new AbortController()
    const stop = stopSignal(cancelStop.signal)
    const started = await startSandboxTask(options)()
    if (E.isLeft(started)) {
      cancelStop.abort()
      const message = describeStartFailure(started.left)
      return started.left.kind === 'invalid-options'
        ? fail(io, message)
        : (io.stderr(`ncco sandbox: ${message}\n`), 1)
    }
    const sandbox = started.right
    io.stdout(`listening on ${sandbox.url}\n`)
    await stop
    await sandbox.close()
    // Calls hung up by close() print their transcripts before the command ends.
    await Promise.allSettled(sandbox.calls().map((c) => c.transcript))
    return 0
  }

/**
 * The `ncco sandbox` command: runs until SIGINT or SIGTERM.
 *
 * @category commands
 * @since 0.2.0
 */
export const sandboxCommand: Command = makeSandboxCommand(processStopSignal)
