/**
 * One target through the whole pipeline: read, decode, parse, choose the kind, validate, and
 * place every finding. Every failure along the way is a finding in the file's report; nothing
 * here throws, so one bad file never stops the others.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { relative, sep } from 'node:path'
import { makeIssue } from '../issue.js'
import type { Issue, Profile } from '../issue.js'
import { decodeText } from './decode.js'
import type { Target } from './discover.js'
import { fsFailureIssue, readFileCapped, readStdinCapped } from './file-system.js'
import type { FileSystem, FsFailure } from './file-system.js'
import { offsetOf, offsetWith, yamlScalarHint } from './locate.js'
import { lookupPointerInText } from './locate-text.js'
import type { TextLookup } from './locate-text.js'
import type { ParseFailure, ParsedDocument } from './parsed-document.js'
import { parseJson, parseJsonQuickly } from './parse-json.js'
import type { DocumentKind, FileReport, LocatedIssue } from './report.js'
import { makeLineIndex } from './source-map.js'
import type { LineIndex, Position } from './source-map.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A validator as the CLI uses it; `validateNcco`, `validateCallV1` and `validateCallV2` are
 * ones.
 *
 * @category model
 * @since 0.1.0
 */
export type Validator = (
  input: unknown,
  options: { readonly profile: Profile }
) => E.Either<ReadonlyArray<Issue>, { readonly warnings: ReadonlyArray<Issue> }>

/**
 * `auto`: a top-level array is an NCCO, anything else a v1 create-call request when it is an
 * object, and an NCCO otherwise (so the finding says an array was expected).
 *
 * @category model
 * @since 0.1.0
 */
export type KindOption = DocumentKind | 'auto'

/**
 * @category model
 * @since 0.1.0
 */
export interface CheckContext {
  readonly fs: FileSystem
  readonly readStdin: () => Promise<Uint8Array>
  readonly cwd: string
  readonly kind: KindOption
  readonly profile: Profile
  readonly validators: Readonly<Record<DocumentKind, Validator>>
}

/**
 * @category model
 * @since 0.1.0
 */
export type Syntax = 'JSON' | 'YAML'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const at = (issue: Issue, position: Position | undefined): LocatedIssue =>
  position === undefined ? issue : { ...issue, line: position.line, column: position.column }

/**
 * Findings without a position first, then by line and column; ties keep their order.
 *
 * @category destructors
 * @since 0.2.0
 */
export const byPosition = (a: LocatedIssue, b: LocatedIssue): number =>
  (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)

const readBytes = async (
  target: Exclude<Target, { _tag: 'Unusable' }>,
  context: CheckContext
): Promise<E.Either<FsFailure, Uint8Array>> =>
  target._tag === 'File'
    ? readFileCapped(context.fs, target.absolutePath)
    : readStdinCapped(context.readStdin)

const validate = (
  value: unknown,
  kind: DocumentKind,
  context: CheckContext
): ReadonlyArray<Issue> => {
  try {
    const result = context.validators[kind](value, { profile: context.profile })
    return E.isLeft(result) ? result.left : result.right.warnings
  } catch (error) {
    return [
      makeIssue('internal-error', '', {
        reason: error instanceof Error ? error.message : String(error)
      })
    ]
  }
}

const parseFailureIssues = (
  failure: ParseFailure,
  syntax: Syntax,
  position: (offset: number) => Position
): ReadonlyArray<LocatedIssue> =>
  failure._tag === 'NoContent'
    ? [makeIssue('file-empty', '', {})]
    : failure.problems.map((p) =>
        at(makeIssue('parse-error', '', { format: syntax, reason: p.reason }), position(p.offset))
      )

/**
 * Up to this many findings, a JSON file's findings are placed by following their pointers
 * through the text; beyond, by the position tree of the whole file.
 */
const FOLLOWED_POINTERS = 24

/** The `yaml` package is the largest thing the CLI loads: only runs that meet YAML pay for it. */
const parse = async (
  syntax: Syntax,
  text: string
): Promise<E.Either<ParseFailure, ParsedDocument>> =>
  syntax === 'JSON' ? parseJson(text) : (await import('./parse-yaml.js')).parseYaml(text)

/** The findings for a file's text, and the kind it was validated as. */
const checkText = async (
  file: string,
  text: string,
  context: CheckContext
): Promise<{ readonly kind: DocumentKind; readonly issues: ReadonlyArray<LocatedIssue> }> => {
  const syntax = syntaxOf(file, text)
  // JSON.parse first: a file without findings never needs the positions of its parts.
  const quick = syntax === 'JSON' ? parseJsonQuickly(text) : undefined
  let found: { readonly kind: DocumentKind; readonly issues: ReadonlyArray<Issue> } | undefined
  if (quick !== undefined) {
    const kind = kindOf(context.kind, quick.value)
    found = { kind, issues: validate(quick.value, kind, context) }
    if (found.issues.length === 0) return { kind, issues: [] }
    if (found.issues.length <= FOLLOWED_POINTERS) {
      const lines = makeLineIndex(text)
      const lookup = (pointer: string): TextLookup => lookupPointerInText(text, pointer)
      return {
        kind,
        issues: found.issues.map((issue) => at(issue, lines.position(offsetWith(issue, lookup))))
      }
    }
  }
  const lines = makeLineIndex(text)
  const parsed = await parse(syntax, text)
  if (E.isLeft(parsed)) {
    return {
      kind: kindOf(context.kind, undefined),
      issues: parseFailureIssues(parsed.left, syntax, lines.position)
    }
  }
  const document = parsed.right
  const kind = found?.kind ?? kindOf(context.kind, document.value)
  const duplicates = document.duplicateKeys.map((d) =>
    at(makeIssue('duplicate-key', d.path, { key: d.key }), lines.position(d.keyOffset))
  )
  const issues = found?.issues ?? validate(document.value, kind, context)
  return { kind, issues: [...duplicates, ...placeIssues(issues, syntax, document, lines)] }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The validator's findings placed in the parsed text, with the hints only the source can give
 * (YAML's reading of unquoted scalars; see `yamlScalarHint`).
 *
 * @category destructors
 * @since 0.2.0
 */
export const placeIssues = (
  issues: ReadonlyArray<Issue>,
  syntax: Syntax,
  document: ParsedDocument,
  lines: LineIndex
): ReadonlyArray<LocatedIssue> =>
  issues.map((issue) => {
    const yamlHint = syntax === 'YAML' ? yamlScalarHint(issue, document.source) : undefined
    const hinted: Issue =
      yamlHint === undefined
        ? issue
        : { ...issue, hint: issue.hint === undefined ? yamlHint : `${issue.hint} ${yamlHint}` }
    return at(hinted, lines.position(offsetOf(issue, document.source)))
  })

/**
 * Whether a text holds a PEM private key (PKCS #1, PKCS #8, encrypted, EC, OpenSSH), wherever
 * it starts: such a file is named as a key and never parsed, so no part of it is quoted.
 *
 * @category destructors
 * @since 0.2.0
 */
export const holdsPrivateKey = (text: string): boolean =>
  /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/.test(text)

/**
 * `.json` is JSON and `.yaml`/`.yml` YAML; anything else (standard input, other names) is JSON
 * when its first non-blank character is `{` or `[`, YAML otherwise.
 *
 * @category destructors
 * @since 0.1.0
 */
export const syntaxOf = (file: string, text: string): Syntax => {
  if (/\.json$/i.test(file)) return 'JSON'
  if (/\.ya?ml$/i.test(file)) return 'YAML'
  return /^\s*[{[]/.test(text) ? 'JSON' : 'YAML'
}

/**
 * What a document is validated as (see `KindOption` for `auto`).
 *
 * @category destructors
 * @since 0.1.0
 */
export const kindOf = (option: KindOption, value: unknown): DocumentKind =>
  option !== 'auto'
    ? option
    : typeof value === 'object' && value !== null && !Array.isArray(value)
      ? 'call-v1'
      : 'ncco'

/**
 * The report for one target.
 *
 * @category destructors
 * @since 0.1.0
 */
export const checkTarget = async (target: Target, context: CheckContext): Promise<FileReport> => {
  const base =
    target._tag === 'Stdin'
      ? { file: '-' }
      : {
          file: target.file,
          relativePath: relative(context.cwd, target.absolutePath).split(sep).join('/')
        }
  const report = (
    issues: ReadonlyArray<LocatedIssue>,
    kind: DocumentKind = kindOf(context.kind, undefined),
    text?: string
  ): FileReport => {
    const sorted = [...issues].sort(byPosition)
    return text === undefined || sorted.length === 0
      ? { ...base, kind, issues: sorted }
      : { ...base, kind, issues: sorted, text }
  }
  if (target._tag === 'Unusable') {
    return report([makeIssue('file-unreadable', '', { reason: target.reason })])
  }
  const bytes = await readBytes(target, context)
  if (E.isLeft(bytes)) return report([fsFailureIssue(bytes.left)])
  const text = decodeText(bytes.right)
  if (E.isLeft(text)) {
    const failure = text.left
    return report([
      failure._tag === 'Empty'
        ? makeIssue('file-empty', '', {})
        : at(makeIssue('file-not-text', '', { reason: failure.reason }), failure.position)
    ])
  }
  if (holdsPrivateKey(text.right)) {
    return report([
      makeIssue(
        'request-is-private-key',
        '',
        {},
        { hint: 'a private key is no NCCO; keep key files out of what you validate.' }
      )
    ])
  }
  const checked = await checkText(base.file, text.right, context)
  return report(checked.issues, checked.kind, text.right)
}
