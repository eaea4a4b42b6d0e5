/**
 * The human format: each finding as `file:line:column: severity code: message`, its hint, a
 * code frame, then one summary line.
 *
 * @since 0.1.0
 */
import { codeFrame } from './code-frame.js'
import { ansiPalette, plainPalette, printable } from './colour.js'
import type { Palette } from './colour.js'
import { locationOf, summarise } from './report.js'
import type { FileReport, LocatedIssue, Summary } from './report.js'
import { makeLineIndex } from './source-map.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const reportLines = (report: FileReport, palette: Palette): ReadonlyArray<string> => {
  const lines = report.text === undefined ? undefined : makeLineIndex(report.text)
  return report.issues.flatMap((issue) => {
    const out = [findingLine(report, issue, palette)]
    if (issue.hint !== undefined) out.push(`  ${palette.cyan('hint:')} ${printable(issue.hint)}`)
    if (lines !== undefined && issue.line !== undefined && issue.column !== undefined) {
      const caret = issue.severity === 'error' ? palette.red : palette.yellow
      const frame = codeFrame(
        lines,
        { line: issue.line, column: issue.column },
        {
          gutter: palette.dim,
          caret
        }
      )
      out.push(...frame.map((l) => `  ${l}`))
    }
    out.push('')
    return out
  })
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * `1 error`, `2 errors`.
 *
 * @category destructors
 * @since 0.1.0
 */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

/**
 * The one-line form of a finding, shared with the GitHub format's plain list.
 *
 * @category destructors
 * @since 0.1.0
 */
export const findingLine = (
  report: FileReport,
  issue: LocatedIssue,
  palette: Palette = plainPalette
): string => {
  const paint = issue.severity === 'error' ? palette.red : palette.yellow
  return (
    `${palette.bold(printable(locationOf(report, issue)))}: ` +
    `${paint(issue.severity)} ${palette.dim(issue.code)}: ${printable(issue.message)}`
  )
}

/**
 * @category destructors
 * @since 0.1.0
 */
export const summaryLine = (summary: Summary, filesWithIssues: number, palette: Palette): string =>
  summary.errors > 0
    ? palette.red(
        `✖ ${count(summary.errors, 'error')} and ${count(summary.warnings, 'warning')} in ` +
          `${filesWithIssues} of ${count(summary.files, 'file')}.`
      )
    : palette.green(
        `✔ ${count(summary.files, 'file')} valid` +
          (summary.warnings > 0 ? `, ${count(summary.warnings, 'warning')}.` : '.')
      )

/**
 * @category destructors
 * @since 0.1.0
 */
export const formatPretty = (
  reports: ReadonlyArray<FileReport>,
  options: { readonly colour: boolean }
): string => {
  const palette = options.colour ? ansiPalette : plainPalette
  const body = reports.flatMap((r) => reportLines(r, palette))
  const withIssues = reports.filter((r) => r.issues.length > 0).length
  return [...body, summaryLine(summarise(reports), withIssues, palette), ''].join('\n')
}
