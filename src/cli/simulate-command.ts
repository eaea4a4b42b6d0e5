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
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import { placeCall } from '../simulator/engine.js'
import type { SimulateOptions } from '../simulator/engine.js'
import { renderJson, renderPretty } from '../simulator/render.js'
import { parseCallScript } from '../simulator/script.js'
import type { CallScript, CallerStep } from '../simulator/script.js'
import { syntaxOf } from './check-file.js'
import { colourEnabled, printable } from './colour.js'
import { decodeText } from './decode.js'
import { nodeFileSystem } from './file-system.js'
import type { FileSystem } from './file-system.js'
import type { CliIo, Command } from './io.js'
import { offsetOf } from './locate.js'
import { parseJson } from './parse-json.js'
import type { ParsedDocument } from './parsed-document.js'
import { makeLineIndex } from './source-map.js'

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

const valueFlags = [
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
] as const
type ValueFlag = (typeof valueFlags)[number]

const isValueFlag = (flag: string): flag is ValueFlag =>
  (valueFlags as ReadonlyArray<string>).includes(flag)

// -------------------------------------------------------------------------------------
// arguments
// -------------------------------------------------------------------------------------

const parseArguments = (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>
): E.Either<string, Arguments | 'help'> => {
  const values: Partial<Record<ValueFlag, string>> = {}
  const steps: CallerStep[] = []
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? ''
    if (argument === '-h' || argument === '--help') return E.right('help')
    if (argument === '--silence') {
      steps.push({ silence: true })
      continue
    }
    if (argument === '--hangup') {
      steps.push({ hangup: true })
      continue
    }
    if (!argument.startsWith('--')) {
      return E.left(
        `unexpected argument ${JSON.stringify(printable(argument))}; options start with --`
      )
    }
    const eq = argument.indexOf('=')
    const flag = eq === -1 ? argument : argument.slice(0, eq)
    const repeated = flag === '--press' || flag === '--say'
    if (!repeated && !isValueFlag(flag)) {
      return E.left(`unknown option ${printable(flag)}`)
    }
    const value = eq === -1 ? argv[++i] : argument.slice(eq + 1)
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      return E.left(`${flag} needs a value`)
    }
    if (flag === '--press') {
      if (!/^[0-9*#]+$/.test(value)) {
        return E.left(`--press takes keys 0-9, * and #; got ${JSON.stringify(printable(value))}`)
      }
      steps.push({ dtmf: value })
      continue
    }
    if (flag === '--say') {
      if (value.trim() === '') return E.left('--say needs words to say')
      steps.push({ speech: value })
      continue
    }
    if (!isValueFlag(flag)) return E.left(`unknown option ${printable(flag)}`)
    if (values[flag] !== undefined) return E.left(`${flag} is given twice`)
    values[flag] = value
  }
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

const located = (issue: Issue, document: ParsedDocument | undefined, text: string): string => {
  const where =
    document === undefined
      ? ''
      : (() => {
          const { line, column } = makeLineIndex(text).position(offsetOf(issue, document.source))
          return `${line}:${column}: `
        })()
  return `  ${where}${issue.severity} ${issue.code} at ${issue.path === '' ? '(root)' : printable(issue.path)}: ${printable(issue.message)}`
}

/** The script file as a checked script, or the lines that say why it cannot be used. */
const readScript = async (
  file: string,
  io: CliIo,
  fs: FileSystem
): Promise<E.Either<ReadonlyArray<string>, CallScript>> => {
  const fail = (issues: ReadonlyArray<Issue>, text = '', document?: ParsedDocument) =>
    E.left(issues.map((i) => located(i, document, text)))
  let bytes: Uint8Array
  if (file === '-') {
    try {
      bytes = await io.readStdin()
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return fail([makeIssue('file-unreadable', '', { reason })])
    }
  } else {
    const read = await fs.readFile(resolve(io.cwd, file))
    if (E.isLeft(read))
      return fail([makeIssue('file-unreadable', '', { reason: read.left.reason })])
    bytes = read.right
  }
  const text = decodeText(bytes)
  if (E.isLeft(text)) {
    return fail([
      text.left._tag === 'Empty'
        ? makeIssue('file-empty', '', {})
        : makeIssue('file-not-text', '', { reason: text.left.reason })
    ])
  }
  const syntax = syntaxOf(file, text.right)
  const parsed =
    syntax === 'JSON'
      ? parseJson(text.right)
      : (await import('./parse-yaml.js')).parseYaml(text.right)
  if (E.isLeft(parsed)) {
    const failure = parsed.left
    if (failure._tag === 'NoContent') return fail([makeIssue('file-empty', '', {})])
    const lines = makeLineIndex(text.right)
    return E.left(
      failure.problems.map((p) => {
        const { line, column } = lines.position(p.offset)
        return `  ${line}:${column}: error parse-error: ${printable(makeIssue('parse-error', '', { format: syntax, reason: p.reason }).message)}`
      })
    )
  }
  const document = parsed.right
  const duplicates = document.duplicateKeys.map((d) =>
    makeIssue('duplicate-key', d.path, { key: d.key })
  )
  const script = parseCallScript(document.value)
  const issues = [...duplicates, ...(E.isLeft(script) ? script.left : [])]
  if (issues.length > 0) return fail(issues, text.right, document)
  return E.right(document.value as CallScript)
}

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
      const read = await readScript(args.scriptFile, io, capabilities.fs)
      if (E.isLeft(read)) {
        io.stderr(
          `ncco simulate: the script ${printable(args.scriptFile)} cannot be used:\n${read.left.join('\n')}\n`
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
      const lines = transcript.findings.map((i) => located(i, undefined, ''))
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
