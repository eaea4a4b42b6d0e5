/**
 * `ncco call create <request.json|yaml>`: validates a create-call request, sends it, prints
 * what happened. Exit codes: 0 the call was created (or, with `--dry-run`, would be sent);
 * 1 the request is invalid, or the API refused it, or nothing could be sent; 2 usage errors;
 * 3 the outcome is unknown (the call may exist: a timeout, a lost connection, a 5xx).
 *
 * A client of the sender like any other: it reads the request and the key file here, at the
 * edge, and hands values to the library, which knows nothing of the CLI.
 *
 * @since 0.1.0
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { isNonEmpty } from 'fp-ts/lib/ReadonlyArray.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { makeIssue, type Issue } from '../issue.js'
import {
  makeClient,
  prepareCall,
  type ApiVersion,
  type Client,
  type PreparedCall
} from '../sender/client.js'
import { formatConfigProblems, normalizeBaseUrl } from '../sender/config.js'
import { describeFailure, mayHaveCreatedCall, type CreateCallFailure } from '../sender/failure.js'
import { readKeyFile } from '../sender/key-file.js'
import { byPosition, holdsPrivateKey, placeIssues, syntaxOf } from './check-file.js'
import { printable } from './colour.js'
import { defuseCommands } from './format-github.js'
import { findingLine } from './format-pretty.js'
import { decodeText } from './decode.js'
import { fsFailureIssue, nodeFileSystem, readFileCapped, readStdinCapped } from './file-system.js'
import { scanFlags, type FlagGrammar } from './flags.js'
import type { Command, CliIo } from './io.js'
import { parseJson } from './parse-json.js'
import { capIssues, defaultMaxFindings } from './report.js'
import type { FileReport, LocatedIssue } from './report.js'
import { makeLineIndex } from './source-map.js'
import { findingCap } from './validate-arguments.js'

// -------------------------------------------------------------------------------------
// arguments
// -------------------------------------------------------------------------------------

type Format = 'pretty' | 'json'

interface Arguments {
  readonly file: string
  readonly api: ApiVersion
  readonly baseUrl?: string
  readonly applicationId?: string
  readonly privateKeyPath?: string
  readonly timeoutMs?: number
  readonly dryRun: boolean
  readonly format?: Format
  /** Findings listed; `Infinity` for all. */
  readonly maxFindings: number
}

/**
 * @category constants
 * @since 0.1.0
 */
export const callCreateUsage = `Usage: ncco call create <request.json|yaml|-> [options]

Validates a create-call request, sends it to the Voice API and prints the result.

Options:
  --api v1|v2              API version (default v1: POST /v1/calls; v2: POST /v2/calls)
  --base-url URL           API base URL (default https://api.nexmo.com)
  --application-id ID      Vonage application id (default: $VONAGE_APPLICATION_ID)
  --private-key PATH       the application's private key file (default: $VONAGE_PRIVATE_KEY_PATH)
  --timeout MS             time allowed for the request, answer included (default 10000)
  --dry-run                print the request that would be sent, send nothing
  --format pretty|json     output format (default pretty)
  --max-findings N|all     list at most N findings (default 1000; 0 or all: every one)
  -h, --help               show this help

Exit codes: 0 created, 1 invalid or refused, 2 usage error, 3 outcome unknown (the call may exist).
`

const valueFlags = [
  '--api',
  '--base-url',
  '--application-id',
  '--private-key',
  '--timeout',
  '--format',
  '--max-findings'
] as const
type ValueFlag = (typeof valueFlags)[number]

const grammar: FlagGrammar<ValueFlag, never, '--dry-run'> = {
  values: valueFlags,
  repeated: {},
  switches: ['--dry-run'],
  // The request file is taken out before the flags are scanned; what is left are options.
  notAnOption: () => undefined
}

/**
 * The request file(s) and the options, apart: an operand is `-` or an argument that does not
 * start with `-` and is not the value of the value flag before it; everything after `--` is
 * an operand. A value is taken the way `scanFlags` takes it (not one that starts with `--`).
 */
const splitOperands = (
  argv: ReadonlyArray<string>
): { readonly options: ReadonlyArray<string>; readonly operands: ReadonlyArray<string> } => {
  const options: string[] = []
  const operands: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? ''
    if (argument === '--') {
      operands.push(...argv.slice(i + 1))
      break
    }
    if (argument === '-' || !argument.startsWith('-')) {
      operands.push(argument)
      continue
    }
    options.push(argument)
    const next = argv[i + 1]
    const takesNext = valueFlags.some((flag) => flag === argument)
    if (takesNext && next !== undefined && !next.startsWith('--')) {
      options.push(next)
      i++
    }
  }
  return { options, operands }
}

type Parsed = E.Either<string, Arguments | 'help'>

const parseArguments = (argv: ReadonlyArray<string>): Parsed => {
  const { options, operands } = splitOperands(argv)
  const scanned = scanFlags(options, grammar)
  if (E.isLeft(scanned)) return scanned
  if (scanned.right === 'help') return E.right('help')
  const { values, sequence } = scanned.right
  const dryRun = sequence.length > 0
  if (operands.length === 0) return E.left('missing the request file')
  if (operands.length > 1) return E.left(`expected one request file, got ${operands.length}`)
  const api = values['--api'] ?? 'v1'
  if (api !== 'v1' && api !== 'v2') return E.left(`--api must be v1 or v2, got ${printable(api)}`)
  const format = values['--format']
  if (format !== undefined && format !== 'pretty' && format !== 'json') {
    return E.left(`--format must be pretty or json, got ${printable(format)}`)
  }
  const timeout = values['--timeout']
  const timeoutMs =
    timeout === undefined ? undefined : /^\d+$/.test(timeout) ? Number(timeout) : NaN
  if (timeoutMs !== undefined && !(timeoutMs >= 1 && timeoutMs <= 2_147_483_647)) {
    return E.left(
      `--timeout must be a whole number of milliseconds from 1, got ${printable(timeout ?? '')}`
    )
  }
  const findings = values['--max-findings']
  const maxFindings =
    findings === undefined ? E.right(defaultMaxFindings) : findingCap('max-findings')(findings)
  if (E.isLeft(maxFindings)) return maxFindings
  const baseUrl = values['--base-url']
  if (baseUrl !== undefined) {
    const checked = normalizeBaseUrl(baseUrl)
    if (E.isLeft(checked)) return E.left(`--base-url ${printable(checked.left)}`)
  }
  return E.right({
    file: operands[0]!,
    api,
    dryRun,
    maxFindings: maxFindings.right,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(values['--application-id'] === undefined
      ? {}
      : { applicationId: values['--application-id'] }),
    ...(values['--private-key'] === undefined ? {} : { privateKeyPath: values['--private-key'] }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(format === undefined ? {} : { format })
  })
}

// -------------------------------------------------------------------------------------
// reading the request
// -------------------------------------------------------------------------------------

/** The request as read: its value, and how to place findings about it in its text. */
interface Request {
  readonly value: unknown
  readonly place: (issues: ReadonlyArray<Issue>) => ReadonlyArray<LocatedIssue>
}

/** What findings about the request are shown against: the file as given, `<stdin>` for `-`. */
const sourceOf = (file: string): Pick<FileReport, 'file' | 'relativePath'> =>
  file === '-' ? { file } : { file, relativePath: file }

/**
 * The request file as a value, read the way `ncco validate` reads files: `.json` as JSON,
 * `.yaml`/`.yml` as YAML, anything else (standard input included) by its first character.
 * Problems with the file are findings placed at their line and column; so is a duplicate key,
 * which `JSON.parse` would silently resolve by dropping a value, and a request must never be
 * sent with data dropped. A private key given as the request is named as such, never quoted.
 */
const readRequest = async (
  file: string,
  io: CliIo
): Promise<E.Either<ReadonlyNonEmptyArray<LocatedIssue>, Request>> => {
  const read =
    file === '-'
      ? await readStdinCapped(io.readStdin)
      : await readFileCapped(nodeFileSystem, resolve(io.cwd, file))
  if (E.isLeft(read)) return E.left([fsFailureIssue(read.left)])
  const bytes = read.right
  const text = decodeText(bytes)
  if (E.isLeft(text)) {
    const failure = text.left
    return E.left([
      failure._tag === 'Empty'
        ? makeIssue('file-empty', '', {})
        : {
            ...makeIssue('file-not-text', '', { reason: failure.reason }),
            ...(failure.position === undefined ? {} : failure.position)
          }
    ])
  }
  if (holdsPrivateKey(text.right)) {
    return E.left([
      makeIssue(
        'request-is-private-key',
        '',
        {},
        {
          hint: 'give the key with --private-key FILE (or VONAGE_PRIVATE_KEY_PATH), and the request file as the operand.'
        }
      )
    ])
  }
  const syntax = syntaxOf(file, text.right)
  const lines = makeLineIndex(text.right)
  const parsed =
    syntax === 'JSON'
      ? parseJson(text.right)
      : (await import('./parse-yaml.js')).parseYaml(text.right)
  if (E.isLeft(parsed)) {
    const failure = parsed.left
    if (failure._tag === 'NoContent') return E.left([makeIssue('file-empty', '', {})])
    const issues = failure.problems.map((p): LocatedIssue => ({
      ...makeIssue('parse-error', '', { format: syntax, reason: p.reason }),
      ...lines.position(p.offset)
    }))
    return isNonEmpty(issues) ? E.left(issues) : E.left([makeIssue('file-empty', '', {})])
  }
  const document = parsed.right
  const duplicates = document.duplicateKeys.map((d): LocatedIssue => ({
    ...makeIssue('duplicate-key', d.path, { key: d.key }),
    ...lines.position(d.keyOffset)
  }))
  if (isNonEmpty(duplicates)) return E.left(duplicates)
  return E.right({
    value: document.value,
    place: (issues) => placeIssues(issues, syntax, document, lines)
  })
}

// -------------------------------------------------------------------------------------
// output
// -------------------------------------------------------------------------------------

const statusTexts: Readonly<Record<number, string>> = { 200: 'OK', 201: 'Created', 202: 'Accepted' }

/**
 * Every string in a value with its control characters shown (a line break as ␊): a server's
 * `detail` or a field of its answer must not start a line of our output, which a CI runner
 * could read as a command.
 */
const visible = <A>(value: A): A =>
  (typeof value === 'string'
    ? printable(value)
    : Array.isArray(value)
      ? value.map(visible)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visible(v)]))
        : value) as A

/** Output lines the GitHub Actions runner cannot take for workflow commands. */
const defused = (text: string): string => text.split('\n').map(defuseCommands).join('\n')

/** JSON output without the runner's `##[` (written `##\u005b`, the same JSON). */
const jsonLine = (value: unknown): string =>
  JSON.stringify(value).replace(/##\[/g, '##\\u005b') + '\n'

/** What `call create` shows its findings against: the request file. */
interface Shown {
  readonly source: Pick<FileReport, 'file' | 'relativePath'>
  readonly maxFindings: number
}

/** One line per finding, `file:line:column: severity code: message (hint: …)`, capped. */
const findingLines = (shown: Shown, issues: ReadonlyArray<LocatedIssue>): string => {
  const report: FileReport = { ...shown.source, kind: 'call-v1', issues }
  return capIssues(issues, shown.maxFindings)
    .issues.map(
      (i) => findingLine(report, i) + (i.hint === undefined ? '' : ` (hint: ${printable(i.hint)})`)
    )
    .join('\n')
}

const invalidRequestText = (shown: Shown, issues: ReadonlyArray<LocatedIssue>): string =>
  `The request is invalid; nothing was sent.\n${findingLines(shown, issues)}`

const printFailure = (
  io: CliIo,
  format: Format,
  failure: CreateCallFailure,
  shown: Shown,
  place: (issues: ReadonlyArray<Issue>) => ReadonlyArray<LocatedIssue> = (issues) => issues
): number => {
  if (failure.kind === 'invalid-request') {
    const issues = [...place(failure.issues)].sort(byPosition)
    const message = invalidRequestText(shown, issues)
    if (format === 'json') {
      const listed = capIssues(issues, shown.maxFindings).issues
      io.stdout(jsonLine({ ok: false, error: { kind: failure.kind, issues: listed, message } }))
    } else {
      io.stderr(defused(message) + '\n')
    }
    return 1
  }
  if (format === 'json') {
    io.stdout(jsonLine({ ok: false, error: { ...failure, message: describeFailure(failure) } }))
  } else {
    io.stderr(defused(describeFailure(visible(failure))) + '\n')
  }
  return mayHaveCreatedCall(failure) ? 3 : 1
}

const printWarnings = (io: CliIo, shown: Shown, warnings: ReadonlyArray<LocatedIssue>): void => {
  if (warnings.length > 0) {
    io.stderr(defused(findingLines(shown, [...warnings].sort(byPosition))) + '\n')
  }
}

const printDryRun = (
  io: CliIo,
  format: Format,
  prepared: PreparedCall,
  shown: Shown,
  request: Request
): void => {
  printWarnings(io, shown, request.place(prepared.warnings))
  if (format === 'json') {
    const { method, url, headers, request } = prepared
    io.stdout(
      jsonLine({ ok: true, dryRun: true, request: { method, url, headers, body: request } })
    )
    return
  }
  const headerLines = Object.entries(prepared.headers).map(([name, value]) => `${name}: ${value}`)
  io.stdout(
    [
      `${prepared.method} ${prepared.url}`,
      ...headerLines,
      '',
      JSON.stringify(prepared.request, null, 2).replace(/##\[/g, '##\\u005b')
    ].join('\n') + '\n'
  )
  io.stderr('Dry run: nothing was sent.\n')
}

const printCreated = (
  io: CliIo,
  format: Format,
  result: {
    readonly status: number
    readonly call: object
    readonly warnings: ReadonlyArray<Issue>
  },
  api: ApiVersion,
  shown: Shown,
  request: Request
): void => {
  printWarnings(io, shown, request.place(result.warnings))
  if (format === 'json') {
    io.stdout(jsonLine({ ok: true, status: result.status, call: result.call }))
    return
  }
  const status = `${result.status}${statusTexts[result.status] === undefined ? '' : ` ${statusTexts[result.status]}`}`
  const entries = Object.entries(result.call)
  const width = Math.max(0, ...entries.map(([key]) => key.length))
  const lines = entries.map(
    ([key, value]) =>
      `  ${printable(key).padEnd(width)}  ${printable(typeof value === 'string' ? value : JSON.stringify(value))}`
  )
  const head =
    api === 'v1'
      ? `Call created (${status}).`
      : `Call accepted (${status}). Vonage sends a CallPlacedWebhook to the event_url for each leg.`
  io.stdout(defused([head, ...lines].join('\n')) + '\n')
}

// -------------------------------------------------------------------------------------
// command
// -------------------------------------------------------------------------------------

const usageError = (io: CliIo, message: string): number => {
  io.stderr(`ncco call create: ${message}\n\n${callCreateUsage}`)
  return 2
}

/**
 * Credentials from the flags, else from `VONAGE_APPLICATION_ID` / `VONAGE_PRIVATE_KEY_PATH`
 * (a relative key path is resolved against the working directory).
 */
const credentials = (
  args: Arguments,
  io: CliIo
): E.Either<string, { applicationId: string; privateKey: string } | undefined> => {
  const applicationId = args.applicationId ?? io.env['VONAGE_APPLICATION_ID']
  const keyPath = args.privateKeyPath ?? io.env['VONAGE_PRIVATE_KEY_PATH']
  const given = (s: string | undefined): s is string => s !== undefined && s !== ''
  if (!given(applicationId) && !given(keyPath)) return E.right(undefined)
  if (!given(applicationId)) return E.left('missing --application-id (or VONAGE_APPLICATION_ID)')
  if (!given(keyPath)) return E.left('missing --private-key (or VONAGE_PRIVATE_KEY_PATH)')
  return E.right({ applicationId, privateKey: resolve(io.cwd, keyPath) })
}

/**
 * The `ncco call create` command.
 *
 * @category commands
 * @since 0.1.0
 */
export const callCreateCommand: Command = async (argv, io) => {
  const parsed = parseArguments(argv)
  if (E.isLeft(parsed)) return usageError(io, parsed.left)
  if (parsed.right === 'help') {
    io.stdout(callCreateUsage)
    return 0
  }
  const args = parsed.right
  const format: Format = args.format ?? 'pretty'

  const creds = credentials(args, io)
  if (E.isLeft(creds)) return usageError(io, creds.left)
  // In a dry run credentials are optional; when given, they are checked all the same.
  let client: Client | undefined
  if (creds.right !== undefined) {
    // The key file is read like every other file (a regular file, at most 64 MiB); other
    // problems with it are reported by the client's checks, as for any key file.
    const keyPath = creds.right.privateKey
    const key = await readFileCapped(nodeFileSystem, keyPath)
    if (E.isLeft(key) && key.left.tooLarge === true) {
      const issue = fsFailureIssue(key.left)
      return usageError(
        io,
        `cannot use the private key file ${printable(keyPath)}: ${issue.code}: ${issue.message}`
      )
    }
    const keyText = E.isRight(key) ? new TextDecoder().decode(key.right) : undefined
    const made = makeClient(
      {
        ...creds.right,
        ...(args.baseUrl === undefined ? {} : { baseUrl: args.baseUrl }),
        ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs })
      },
      (path) => (path === keyPath && keyText !== undefined ? E.right(keyText) : readKeyFile(path))
    )
    if (E.isLeft(made)) return usageError(io, formatConfigProblems(made.left))
    client = made.right
  } else if (!args.dryRun) {
    return usageError(
      io,
      'missing credentials: give --application-id and --private-key (or VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY_PATH)'
    )
  }

  const shown: Shown = { source: sourceOf(args.file), maxFindings: args.maxFindings }
  const read = await readRequest(args.file, io)
  if (E.isLeft(read)) {
    return printFailure(io, format, { kind: 'invalid-request', issues: read.left }, shown)
  }
  const request = read.right

  if (args.dryRun || client === undefined) {
    const prepared = prepareCall(
      args.api,
      request.value,
      {},
      args.baseUrl === undefined ? {} : { baseUrl: args.baseUrl }
    )
    if (E.isLeft(prepared)) return printFailure(io, format, prepared.left, shown, request.place)
    printDryRun(io, format, prepared.right, shown, request)
    return 0
  }
  const result = await client.createCall(args.api, request.value)()
  if (E.isLeft(result)) return printFailure(io, format, result.left, shown, request.place)
  printCreated(io, format, result.right, args.api, shown, request)
  return 0
}
