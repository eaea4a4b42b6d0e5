/**
 * `ncco validate`'s command line, read once into plain options, with a plain message for
 * anything it cannot accept.
 *
 * Options may be written `--name value` or `--name=value`; a repeated option keeps its last
 * value (so a script's default can be overridden by appending); `--` ends the options.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Profile } from '../issue.js'
import type { KindOption } from './check-file.js'
import { printable } from './colour.js'
import { suggestion } from './flags.js'
import { outputFormats } from './output.js'
import type { OutputFormat } from './output.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface ValidateArguments {
  readonly operands: ReadonlyArray<string>
  readonly kind: KindOption
  readonly profile: Profile
  /** Absent: the default, `pretty`. */
  readonly format?: OutputFormat
  readonly maxWarnings?: number
  /** Findings listed per file; `Infinity` for all. Absent: `defaultMaxFindings`. */
  readonly maxFindings?: number
}

/**
 * @category model
 * @since 0.1.0
 */
export type ValidateInvocation =
  { readonly _tag: 'Help' } | { readonly _tag: 'Run'; readonly arguments: ValidateArguments }

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

const kinds: ReadonlyArray<KindOption> = ['auto', 'ncco', 'call-v1', 'call-v2']
const profiles: ReadonlyArray<Profile> = ['strict', 'lenient']

/**
 * @category constants
 * @since 0.1.0
 */
export const validateUsage = `Usage: ncco validate [options] <file|dir|glob|->...

Validates NCCOs and create-call requests in JSON and YAML files.

Arguments:
  file     a file; .json is read as JSON, .yaml and .yml as YAML, other names by their
           first character ({ or [: JSON, else YAML)
  dir      a directory: its .json, .yaml and .yml files, recursively (node_modules skipped)
  glob     a quoted pattern with *, ?, [...] and ** (the CLI expands it)
  -        standard input

Options:
  --kind auto|ncco|call-v1|call-v2     what the files hold (default auto: an array is an
                                       NCCO, an object a v1 create-call request)
  --profile strict|lenient             validation profile (default strict)
  --format pretty|json|github|sarif    output format (default pretty)
  --max-warnings N                     fail when there are more than N warnings
  --max-findings N|all                 list at most N findings per file (default 1000;
                                       0 or all: every one); the summary counts them all
  -h, --help                           show this help

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings),
2 usage error or nothing to validate.
`

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const oneOf =
  <A extends string>(name: string, allowed: ReadonlyArray<A>) =>
  (value: string): E.Either<string, A> => {
    const found = allowed.find((a) => a === value)
    return found === undefined
      ? E.left(`--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`)
      : E.right(found)
  }

const nonNegativeInteger =
  (name: string) =>
  (value: string): E.Either<string, number> =>
    /^[0-9]+$/.test(value) && Number.isSafeInteger(Number(value))
      ? E.right(Number(value))
      : E.left(`--${name} must be a whole number of 0 or more; got ${JSON.stringify(value)}`)

/**
 * `--max-findings`: a whole number, or `all` (and 0, which caps nothing) for no cap,
 * `Infinity`.
 *
 * @category destructors
 * @since 0.2.0
 */
export const findingCap =
  (name: string) =>
  (value: string): E.Either<string, number> =>
    value === 'all'
      ? E.right(Number.POSITIVE_INFINITY)
      : E.map((n: number) => (n === 0 ? Number.POSITIVE_INFINITY : n))(
          E.mapLeft(() => `--${name} must be a whole number or all; got ${JSON.stringify(value)}`)(
            nonNegativeInteger(name)(value)
          )
        )

type Setting = Partial<Omit<ValidateArguments, 'operands'>>

/** Every option: how its value is read into a setting. */
const options: Readonly<Record<string, (value: string) => E.Either<string, Setting>>> = {
  kind: (v) => E.map((kind: KindOption) => ({ kind }))(oneOf('kind', kinds)(v)),
  profile: (v) => E.map((profile: Profile) => ({ profile }))(oneOf('profile', profiles)(v)),
  format: (v) => E.map((format: OutputFormat) => ({ format }))(oneOf('format', outputFormats)(v)),
  'max-warnings': (v) =>
    E.map((maxWarnings: number) => ({ maxWarnings }))(nonNegativeInteger('max-warnings')(v)),
  'max-findings': (v) =>
    E.map((maxFindings: number) => ({ maxFindings }))(findingCap('max-findings')(v))
}

const optionFlags = [...Object.keys(options), 'help'].map((o) => `--${o}`)

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * @category destructors
 * @since 0.1.0
 */
export const parseValidateArguments = (
  argv: ReadonlyArray<string>
): E.Either<string, ValidateInvocation> => {
  const endOfOptions = argv.indexOf('--')
  const optionPart = endOfOptions === -1 ? argv : argv.slice(0, endOfOptions)
  if (optionPart.includes('--help') || optionPart.includes('-h')) return E.right({ _tag: 'Help' })
  const operands: string[] = []
  let settings: Setting = {}
  for (let i = 0; i < optionPart.length; i++) {
    const argument = optionPart[i] ?? ''
    if (argument === '-' || !argument.startsWith('-')) {
      operands.push(argument)
      continue
    }
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(argument)
    const name = match?.[1]
    const apply = name !== undefined && Object.hasOwn(options, name) ? options[name] : undefined
    if (match === null || name === undefined || apply === undefined) {
      // Only the name is shown (and matched), not what follows `=`.
      const shown = name === undefined ? argument : `--${name}`
      return E.left(
        `unknown option ${printable(shown)}${suggestion(shown, optionFlags)} (options: ${optionFlags.join(', ')})`
      )
    }
    let value = match[2]
    if (value === undefined) {
      value = optionPart[i + 1]
      if (value === undefined) return E.left(`--${name} needs a value`)
      i++
    }
    const setting = apply(value)
    if (E.isLeft(setting)) return setting
    settings = { ...settings, ...setting.right }
  }
  if (endOfOptions !== -1) operands.push(...argv.slice(endOfOptions + 1))
  if (operands.length === 0) {
    return E.left('nothing to validate: name files, directories, patterns, or - for standard input')
  }
  return E.right({
    _tag: 'Run',
    arguments: { kind: 'auto', profile: 'strict', ...settings, operands }
  })
}
