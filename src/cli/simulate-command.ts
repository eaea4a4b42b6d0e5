/**
 * `ncco simulate`: plays a call through the app at `--answer-url` with a scripted caller, on a
 * virtual clock, and prints what happened. Exit codes: 0 the call ran to its end with every
 * NCCO valid, every request answered 2xx in time and every script step used; 1 anything else
 * (the findings say what); 2 a usage error (bad flags, an unusable script file).
 *
 * @since 0.2.0
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { Issue } from '../issue.js'
import { placeCall } from '../simulator/engine.js'
import type { SimulateOptions } from '../simulator/options.js'
import { renderJson, renderPretty } from '../simulator/render.js'
import type { CallScript, CallerStep } from '../simulator/script.js'
import { readCallScript } from './caller-script.js'
import type { ReadBytes, ScriptFinding } from './caller-script.js'
import { colourEnabled, printable } from './colour.js'
import { nodeFileSystem, readFileCapped, readStdinCapped } from './file-system.js'
import type { FileSystem } from './file-system.js'
import { scanFlags } from './flags.js'
import type { CliIo, Command } from './io.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What the command is given: the file system it reads the script from, and the fetch its
 * requests go through (default `globalThis.fetch`).
 *
 * @category model
 * @since 0.2.0
 */
export interface SimulateCapabilities {
  readonly fs: FileSystem
  readonly fetch?: (request: Request) => Promise<Response>
}

type Format = 'pretty' | 'json'

interface Arguments {
  readonly options: Omit<SimulateOptions, 'script' | 'signatureSecret'>
  readonly scriptFile?: string
  readonly steps: ReadonlyArray<CallerStep>
  readonly signatureSecret?: string
  readonly format: Format
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * @category constants
 * @since 0.2.0
 */
export const simulateUsage = `Usage: ncco simulate --answer-url URL [options]

Plays a call through your Voice application with a scripted caller, on a virtual clock
(no phone, no account, no waiting), and prints what the caller hears and does, every
webhook with its status and latency, and everything that went wrong.

Options:
  --answer-url URL             the app's answer URL (required)
  --answer-method GET|POST     how the answer URL is requested (default GET)
  --event-url URL              the app's event URL (status events, results without eventUrl)
  --fallback-url URL           the app's fallback answer URL
  --from NUMBER                the caller (default 447700900000)
  --to NUMBER                  the number called (default 447700900001)
  --direction inbound|outbound inbound: answer URL first (default); outbound: events first
  --script FILE                a caller script, YAML or JSON (see docs/simulate.md)
  --press DIGITS               the caller presses keys (0-9, *, #); repeatable
  --say TEXT                   the caller says words; repeatable
  --silence                    the caller does nothing, so the input times out; repeatable
  --hangup                     the caller hangs up
  --signature-secret SECRET    sign every request (default: $VONAGE_SIGNATURE_SECRET)
  --seed N                     make identifiers and timestamps reproducible
  --format pretty|json         output format (default pretty)
  -h, --help                   show this help

--press, --say, --silence and --hangup are appended, in order, to the script's caller steps.

Exit codes: 0 the call ran to its end with no error, 1 it did not (see the findings),
2 usage error.
`

const grammar = {
  values: [
    '--answer-url',
    '--answer-method',
    '--event-url',
    '--fallback-url',
    '--from',
    '--to',
    '--direction',
    '--script',
    '--signature-secret',
    '--seed',
    '--format'
  ] as const,
  repeated: {
    '--press': (keys: string) =>
      /^[0-9*#]+$/.test(keys)
        ? undefined
        : `--press takes keys 0-9, * and #; got ${JSON.stringify(printable(keys))}`,
    '--say': (words: string) => (words.trim() === '' ? '--say needs words to say' : undefined)
  },
  switches: ['--silence', '--hangup'] as const,
  notAnOption: (argument: string) =>
    argument.startsWith('--')
      ? undefined
      : `unexpected argument ${JSON.stringify(printable(argument))}; options start with --`
}

// -------------------------------------------------------------------------------------
// arguments
// -------------------------------------------------------------------------------------

const parseArguments = (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>
): E.Either<string, Arguments | 'help'> => {
  const scanned = scanFlags(argv, grammar)
  if (E.isLeft(scanned)) return scanned
  if (scanned.right === 'help') return E.right('help')
  const { values, sequence } = scanned.right
  const steps = sequence.map((given): CallerStep => {
    switch (given.flag) {
      case '--press':
        return { dtmf: given.value }
      case '--say':
        return { speech: given.value }
      case '--silence':
        return { silence: true }
      case '--hangup':
        return { hangup: true }
    }
  })
  const answerUrl = values['--answer-url']
  if (answerUrl === undefined) return E.left('--answer-url is required')
  const format = values['--format'] ?? 'pretty'
  if (format !== 'pretty' && format !== 'json') {
    return E.left(`--format must be pretty or json, got ${JSON.stringify(printable(format))}`)
  }
  const method = (flag: '--answer-method'): 'GET' | 'POST' | undefined | 'bad' => {
    const v = values[flag]
    return v === undefined ? undefined : v === 'GET' || v === 'POST' ? v : 'bad'
  }
  const answerMethod = method('--answer-method')
  if (answerMethod === 'bad') return E.left('--answer-method must be GET or POST')
  const directionText = values['--direction']
  const direction =
    directionText === 'inbound' || directionText === 'outbound' ? directionText : undefined
  if (directionText !== undefined && direction === undefined) {
    return E.left('--direction must be inbound or outbound')
  }
  const seedText = values['--seed']
  let seed: number | undefined
  if (seedText !== undefined) {
    seed = /^[0-9]+$/.test(seedText) ? Number(seedText) : NaN
    if (!Number.isSafeInteger(seed)) {
      return E.left(
        `--seed must be a whole number of 0 or more, got ${JSON.stringify(printable(seedText))}`
      )
    }
  }
  const secret = values['--signature-secret'] ?? env['VONAGE_SIGNATURE_SECRET']
  if (secret === '') return E.left('the signature secret is empty')
  const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>)
  const options: Arguments['options'] = {
    answerUrl,
    ...optional('answerMethod', answerMethod),
    ...optional('eventUrl', values['--event-url']),
    ...optional('fallbackUrl', values['--fallback-url']),
    ...optional('from', values['--from']),
    ...optional('to', values['--to']),
    ...(direction === undefined ? {} : { direction }),
    ...optional('seed', seed)
  }
  return E.right({
    options,
    ...optional('scriptFile', values['--script']),
    steps,
    ...optional('signatureSecret', secret),
    format
  })
}

// -------------------------------------------------------------------------------------
// the script file
// -------------------------------------------------------------------------------------

/** `  3:9: error invalid-enum at /answer: …`, as the command prints a finding. */
const located = ({ issue, at }: ScriptFinding): string => {
  const where = at === undefined ? '' : `${at.line}:${at.column}: `
  // A syntax error has no path: its position says where it is.
  const what =
    issue.code === 'parse-error'
      ? `${issue.severity} ${issue.code}`
      : `${issue.severity} ${issue.code} at ${issue.path === '' ? '(root)' : printable(issue.path)}`
  return `  ${where}${what}: ${printable(issue.message)}`
}

/** The script file, or standard input for `-`. */
const scriptBytes =
  (file: string, io: CliIo, fs: FileSystem): ReadBytes =>
  () =>
    file === '-' ? readStdinCapped(io.readStdin) : readFileCapped(fs, resolve(io.cwd, file))

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * @category constructors
 * @since 0.2.0
 */
export const makeSimulateCommand =
  (capabilities: SimulateCapabilities): Command =>
  async (argv, io) => {
    const usageError = (message: string): number => {
      io.stderr(`ncco simulate: ${message}\nRun 'ncco simulate --help' for usage.\n`)
      return 2
    }
    const parsed = parseArguments(argv, io.env)
    if (E.isLeft(parsed)) return usageError(parsed.left)
    if (parsed.right === 'help') {
      io.stdout(simulateUsage)
      return 0
    }
    const args = parsed.right
    let script: CallScript = {}
    if (args.scriptFile !== undefined) {
      const read = await readCallScript(
        args.scriptFile,
        scriptBytes(args.scriptFile, io, capabilities.fs)
      )
      if (E.isLeft(read)) {
        io.stderr(
          `ncco simulate: the script ${printable(args.scriptFile)} cannot be used:\n${read.left.map(located).join('\n')}\n`
        )
        return 2
      }
      script = read.right
    }
    const caller = [...(script.caller ?? []), ...args.steps]
    const call = placeCall({
      ...args.options,
      script: { ...script, caller },
      ...(args.signatureSecret === undefined ? {} : { signatureSecret: args.signatureSecret }),
      ...(capabilities.fetch === undefined ? {} : { fetch: capabilities.fetch })
    })
    const transcript = await call.transcript
    if (transcript.outcome.reason === 'not-started') {
      const lines = transcript.findings.map((issue: Issue) => located({ issue }))
      return usageError(`the call cannot start:\n${lines.join('\n')}`)
    }
    io.stdout(
      args.format === 'json'
        ? renderJson(transcript)
        : renderPretty(transcript, { colour: colourEnabled(io.env, io.stdoutIsTTY) })
    )
    return transcript.ok ? 0 : 1
  }

/**
 * The command with the real file system and `globalThis.fetch`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const simulateCommand: Command = makeSimulateCommand({ fs: nodeFileSystem })
