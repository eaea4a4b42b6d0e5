/**
 * The result of a validation run, which every output format renders: one report per file with
 * its findings, each finding placed at a line and column when the file has one.
 *
 * @since 0.1.0
 */
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
// destructors
// -------------------------------------------------------------------------------------

/**
 * A file is valid when it has no errors (warnings allowed).
 *
 * @category destructors
 * @since 0.1.0
 */
export const isValid = (report: FileReport): boolean =>
  report.issues.every((i) => i.severity !== 'error')

/**
 * @category destructors
 * @since 0.1.0
 */
export const summarise = (reports: ReadonlyArray<FileReport>): Summary => {
  let errors = 0
  let warnings = 0
  for (const report of reports) {
    for (const issue of report.issues) {
      if (issue.severity === 'error') errors++
      else warnings++
    }
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
