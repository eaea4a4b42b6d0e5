/**
 * The human format: each finding as `file:line:column: severity code: message`, its hint, a
 * code frame, then one summary line. A warning repeated in a file is shown once, with one line
 * for its other places.
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

/** A warning code met this often in one file is shown once, with a line for the others. */
const repeatedAt = 3

/** Where the others of a repeated warning are: up to five `line:column` (or pointers). */
const placesShown = 5

const placeOf = (issue: LocatedIssue): string =>
  issue.line === undefined
    ? issue.path === ''
      ? '(root)'
      : issue.path
    : `${issue.line}` + (issue.column === undefined ? '' : `:${issue.column}`)

/**
 * The same warning on many actions (`deprecated-voice-name` on each talk) is one finding in
 * full, its first, and one line for the rest: `… and 37 more deprecated-voice-name warnings in
 * this file, at 7:5, 11:5, …`. Errors are always shown one by one.
 */
const repeatedWarnings = (
  issues: ReadonlyArray<LocatedIssue>
): ReadonlyMap<LocatedIssue, ReadonlyArray<LocatedIssue>> => {
  const byCode = new Map<string, LocatedIssue[]>()
  for (const issue of issues) {
    if (issue.severity !== 'warning' || issue.code === 'too-many-findings') continue
    const same = byCode.get(issue.code)
    if (same === undefined) byCode.set(issue.code, [issue])
    else same.push(issue)
  }
  const repeated = new Map<LocatedIssue, ReadonlyArray<LocatedIssue>>()
  for (const [first, ...rest] of byCode.values()) {
    if (first !== undefined && rest.length + 1 >= repeatedAt) repeated.set(first, rest)
  }
  return repeated
}

const othersLine = (
  code: string,
  others: ReadonlyArray<LocatedIssue>,
  palette: Palette
): string => {
  const places = others.slice(0, placesShown).map(placeOf).join(', ')
  return (
    `  ${palette.dim('…')} and ${count(others.length, `more ${code} warning`)} in this file, ` +
    `at ${printable(places)}${others.length > placesShown ? ', …' : ''}`
  )
}

const reportLines = (report: FileReport, palette: Palette): ReadonlyArray<string> => {
  const lines = report.text === undefined ? undefined : makeLineIndex(report.text)
  const repeated = repeatedWarnings(report.issues)
  const folded = new Set([...repeated.values()].flat())
  return report.issues.flatMap((issue) => {
    if (folded.has(issue)) return []
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
    const others = repeated.get(issue)
    if (others !== undefined) out.push(othersLine(issue.code, others, palette))
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
 * The last line: errors and warnings, files valid, or (with `maxWarnings`) warnings beyond
 * what `--max-warnings` allows, which fail the run though there is no error.
 *
 * @category destructors
 * @since 0.1.0
 */
export const summaryLine = (
  summary: Summary,
  filesWithIssues: number,
  palette: Palette,
  maxWarnings?: number
): string =>
  summary.errors === 0 && maxWarnings !== undefined && summary.warnings > maxWarnings
    ? palette.red(
        `✖ ${count(summary.warnings, 'warning')} in ${filesWithIssues} of ` +
          `${count(summary.files, 'file')}, more than --max-warnings ${maxWarnings} allows ` +
          '(no errors).'
      )
    : summary.errors > 0
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
  options: { readonly colour: boolean; readonly maxWarnings?: number }
): string => {
  const palette = options.colour ? ansiPalette : plainPalette
  const body = reports.flatMap((r) => reportLines(r, palette))
  const withIssues = reports.filter((r) => r.issues.length > 0).length
  const summary = summaryLine(summarise(reports), withIssues, palette, options.maxWarnings)
  return [...body, summary, ''].join('\n')
}
