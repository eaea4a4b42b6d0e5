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
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { formatIssue, makeIssue, type Issue } from '../issue.js'
import {
  describeStartFailure,
  startSandboxTask,
  type SandboxCall,
  type SandboxOptions
} from '../node/sandbox.js'
import { renderPretty } from '../simulator/render.js'
import { parseCallScript, type CallScript } from '../simulator/script.js'
import { syntaxOf } from './check-file.js'
import { colourEnabled, printable } from './colour.js'
import { decodeText } from './decode.js'
import { nodeFileSystem } from './file-system.js'
import type { CliIo, Command } from './io.js'
import { parseJson } from './parse-json.js'
import { makeLineIndex } from './source-map.js'

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

const valueFlags = [
  '--port',
  '--public-key',
  '--script',
  '--signature-secret',
  '--cps',
  '--seed',
  '--format'
] as const
type ValueFlag = (typeof valueFlags)[number]

const isValueFlag = (flag: string): flag is ValueFlag =>
  (valueFlags as ReadonlyArray<string>).includes(flag)

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
  const values: Partial<Record<ValueFlag, string>> = {}
  let noAuth = false
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!
    if (argument === '-h' || argument === '--help') return E.right('help')
    if (argument === '--no-auth') {
      noAuth = true
      continue
    }
    // Not repeated in the message: a stray argument may be a secret given without its flag.
    if (!argument.startsWith('-')) return E.left('takes options only, and got an argument')
    const eq = argument.indexOf('=')
    const flag = eq === -1 ? argument : argument.slice(0, eq)
    // The secret is never repeated in a message, not even as an unknown option.
    if (!isValueFlag(flag)) return E.left(`unknown option ${flag}`)
    const value = eq === -1 ? argv[++i] : argument.slice(eq + 1)
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      return E.left(`${flag} needs a value`)
    }
    if (values[flag] !== undefined) return E.left(`${flag} is given twice`)
    values[flag] = value
  }
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
  const read = await nodeFileSystem.readFile(path)
  if (E.isLeft(read)) return E.left(read.left.reason)
  const text = decodeText(read.right)
  if (E.isLeft(text)) {
    return E.left(text.left._tag === 'Empty' ? 'the file is empty' : text.left.reason)
  }
  return E.right(text.right)
}

/** The caller script file, read like every file the CLI reads (YAML or JSON), then checked. */
const readScript = async (
  file: string,
  io: CliIo
): Promise<E.Either<ReadonlyNonEmptyArray<Issue>, CallScript>> => {
  const text = await readText(resolve(io.cwd, file))
  if (E.isLeft(text)) return E.left([makeIssue('file-unreadable', '', { reason: text.left })])
  const syntax = syntaxOf(file, text.right)
  const parsed =
    syntax === 'JSON'
      ? parseJson(text.right)
      : (await import('./parse-yaml.js')).parseYaml(text.right)
  if (E.isLeft(parsed)) {
    if (parsed.left._tag === 'NoContent') return E.left([makeIssue('file-empty', '', {})])
    const lines = makeLineIndex(text.right)
    const [first, ...rest] = parsed.left.problems.map((p) => {
      const { line, column } = lines.position(p.offset)
      return makeIssue(
        'parse-error',
        '',
        { format: syntax, reason: p.reason },
        { hint: `at line ${line}, column ${column}` }
      )
    })
    return E.left(
      first === undefined
        ? [makeIssue('parse-error', '', { format: syntax, reason: 'unreadable' })]
        : [first, ...rest]
    )
  }
  const [duplicate, ...duplicates] = parsed.right.duplicateKeys.map((d) =>
    makeIssue('duplicate-key', d.path, { key: d.key })
  )
  if (duplicate !== undefined) return E.left([duplicate, ...duplicates])
  return parseCallScript(parsed.right.value)
}

// -------------------------------------------------------------------------------------
// command
// -------------------------------------------------------------------------------------

/**
 * What the command waits for before it stops: resolves with the signal's name.
 *
 * @category model
 * @since 0.2.0
 */
export type StopSignal = () => Promise<string>

/**
 * SIGINT or SIGTERM, whichever comes first; the listeners are removed afterwards.
 *
 * @category instances
 * @since 0.2.0
 */
export const processStopSignal: StopSignal = () =>
  new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
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
      const read = await readScript(args.scriptPath, io)
      if (E.isLeft(read)) {
        return fail(
          io,
          `the script ${printable(args.scriptPath)} cannot be used:\n${read.left.map((issue) => `  ${printable(formatIssue(issue))}`).join('\n')}`
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
    const stop = stopSignal()
    const started = await startSandboxTask(options)()
    if (E.isLeft(started)) {
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
