/**
 * The result of a validation run, which every output format renders: one report per file with
 * its findings, each finding placed at a line and column when the file has one.
 *
 * @since 0.1.0
 */
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What a document is validated as.
 *
 * @category model
 * @since 0.1.0
 */
export type DocumentKind = 'ncco' | 'call-v1' | 'call-v2'

/**
 * @category model
 * @since 0.1.0
 */
export const documentKinds: ReadonlyArray<DocumentKind> = ['ncco', 'call-v1', 'call-v2']

/**
 * A finding in a file: the validator's issue plus its 1-based line and column (absent when the
 * finding concerns the file as a whole, such as a file that cannot be read).
 *
 * @category model
 * @since 0.1.0
 */
export interface LocatedIssue extends Issue {
  readonly line?: number
  readonly column?: number
}

/**
 * @category model
 * @since 0.1.0
 */
export interface FileReport {
  /** The path as given on the command line or found under a directory; `-` for standard input. */
  readonly file: string
  /** The path relative to the working directory with `/` separators; absent for standard input. */
  readonly relativePath?: string
  readonly kind: DocumentKind
  /** In document order: findings without a position first, then by line and column. */
  readonly issues: ReadonlyArray<LocatedIssue>
  /** The decoded text, kept when there are findings to show a code frame for. */
  readonly text?: string
  /**
   * The findings beyond `--max-findings`, counted but not listed; `issues` then ends with one
   * `too-many-findings` finding that says so.
   */
  readonly omitted?: { readonly errors: number; readonly warnings: number }
}

/**
 * @category model
 * @since 0.1.0
 */
export interface Summary {
  readonly files: number
  readonly errors: number
  readonly warnings: number
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * How many findings of one file are listed unless `--max-findings` says otherwise.
 *
 * @category constants
 * @since 0.2.0
 */
export const defaultMaxFindings = 1000

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * The first `max` findings, then one `too-many-findings` finding that counts the rest by
 * severity; the findings unchanged when there are `max` or fewer (`Infinity`: no cap).
 *
 * @category combinators
 * @since 0.2.0
 */
export const capIssues = <I extends LocatedIssue>(
  issues: ReadonlyArray<I>,
  max: number
): {
  readonly issues: ReadonlyArray<I | Issue>
  readonly omitted?: { readonly errors: number; readonly warnings: number }
} => {
  if (issues.length <= max) return { issues }
  const rest = issues.slice(max)
  const errors = rest.filter((i) => i.severity === 'error').length
  const omitted = { errors, warnings: rest.length - errors }
  return {
    issues: [
      ...issues.slice(0, max),
      makeIssue('too-many-findings', '', { shown: max, ...omitted })
    ],
    omitted
  }
}

/**
 * A report with at most `max` findings listed (see `capIssues`).
 *
 * @category combinators
 * @since 0.2.0
 */
export const capFindings = (report: FileReport, max: number): FileReport => {
  const capped = capIssues(report.issues, max)
  return capped.omitted === undefined
    ? report
    : { ...report, issues: capped.issues, omitted: capped.omitted }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Whether a listed finding counts as one: the closing `too-many-findings` finding is a note
 * about the listing, not a finding of the document.
 *
 * @category destructors
 * @since 0.2.0
 */
export const isCounted = (issue: Issue): boolean => issue.code !== 'too-many-findings'

/**
 * A file is valid when it has no errors (warnings allowed), listed or not.
 *
 * @category destructors
 * @since 0.1.0
 */
export const isValid = (report: FileReport): boolean =>
  report.issues.every((i) => i.severity !== 'error') && (report.omitted?.errors ?? 0) === 0

/**
 * @category destructors
 * @since 0.1.0
 */
export const summarise = (reports: ReadonlyArray<FileReport>): Summary => {
  let errors = 0
  let warnings = 0
  for (const report of reports) {
    for (const issue of report.issues) {
      if (!isCounted(issue)) continue
      if (issue.severity === 'error') errors++
      else warnings++
    }
    errors += report.omitted?.errors ?? 0
    warnings += report.omitted?.warnings ?? 0
  }
  return { files: reports.length, errors, warnings }
}

/**
 * How human-readable formats name a file: standard input is `<stdin>`.
 *
 * @category destructors
 * @since 0.1.0
 */
export const displayName = (report: FileReport): string =>
  report.relativePath === undefined ? '<stdin>' : report.file

/**
 * `path:line:column`, `path:line` or `path`, the form terminals and editors turn into links.
 *
 * @category destructors
 * @since 0.1.0
 */
export const locationOf = (report: FileReport, issue: LocatedIssue): string =>
  displayName(report) +
  (issue.line === undefined ? '' : `:${issue.line}`) +
  (issue.column === undefined ? '' : `:${issue.column}`)

/**
 * Exit codes: 0 when there is no error and the warnings stay within `maxWarnings`, 1 otherwise.
 * (2, for usage errors and nothing to validate, is decided before there is a result.)
 *
 * @category destructors
 * @since 0.1.0
 */
export const exitCodeOf = (summary: Summary, maxWarnings: number | undefined): 0 | 1 =>
  summary.errors > 0 || (maxWarnings !== undefined && summary.warnings > maxWarnings) ? 1 : 0
