/**
 * The GitHub Actions format: one `::error`/`::warning` workflow command per finding, which
 * GitHub turns into annotations on the file and line, then the full list as plain lines
 * (GitHub shows only the first ten annotations of each kind per step, which the list's
 * heading says when there are more).
 *
 * @since 0.1.0
 */
import { plainPalette, printable } from './colour.js'
import { count, findingLine, summaryLine } from './format-pretty.js'
import { summarise } from './report.js'
import type { FileReport, LocatedIssue } from './report.js'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Escaping of a workflow command's message (what follows `::`).
 *
 * @category constructors
 * @since 0.1.0
 */
export const escapeData = (s: string): string =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')

/**
 * Escaping of a workflow command's property values, where `:` and `,` are separators too.
 *
 * @category constructors
 * @since 0.1.0
 */
export const escapeProperty = (s: string): string =>
  escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/**
 * Makes a line of output safe to show to the Actions runner: it reads any line that starts
 * with `::` (after white space, which it trims) as a workflow command, and `##[` anywhere in a
 * line as a command of the older form. A plain line that would start with `::` (a file named
 * `::warning …`, say) is quoted with `> `, and `##[` is shown as `## [`. Our annotations pass
 * through `escapeData` and `escapeProperty` and are then defused of `##[` only.
 *
 * @category constructors
 * @since 0.2.0
 */
export const defuseCommands = (line: string): string => {
  const legacyFree = line.replace(/##\[/g, '## [')
  return /^\s*::/.test(legacyFree) ? `> ${legacyFree}` : legacyFree
}

/** How many annotations of each kind GitHub shows for a step. */
const maxAnnotationsShown = 10

const annotation = (report: FileReport, issue: LocatedIssue): string => {
  const properties: Array<readonly [string, string]> = []
  // Standard input has no file to annotate; the annotation then belongs to the run.
  if (report.relativePath !== undefined) properties.push(['file', report.relativePath])
  if (issue.line !== undefined) properties.push(['line', String(issue.line)])
  if (issue.column !== undefined) properties.push(['col', String(issue.column)])
  properties.push(['title', `ncco ${issue.code}`])
  const message = issue.message + (issue.hint === undefined ? '' : ` Hint: ${issue.hint}`)
  return (
    `::${issue.severity} ` +
    properties.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',') +
    `::${escapeData(message)}`
  )
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * @category destructors
 * @since 0.1.0
 */
export const formatGithub = (
  reports: ReadonlyArray<FileReport>,
  options: { readonly maxWarnings?: number } = {}
): string => {
  const findings = reports.flatMap((r) => r.issues.map((i) => [r, i] as const))
  const summary = summarise(reports)
  const lines: string[] = findings.map(([r, i]) => annotation(r, i).replace(/##\[/g, '## ['))
  if (findings.length > 0) {
    lines.push(
      `All ${count(findings.length, 'finding')}` +
        (findings.length > maxAnnotationsShown
          ? ` (GitHub shows at most ${maxAnnotationsShown} annotations per step):`
          : ':'),
      ...findings.map(([r, i]) =>
        defuseCommands(
          findingLine(r, i) + (i.hint === undefined ? '' : ` (hint: ${printable(i.hint)})`)
        )
      )
    )
  }
  const withIssues = reports.filter((r) => r.issues.length > 0).length
  lines.push(summaryLine(summary, withIssues, plainPalette, options.maxWarnings), '')
  return lines.join('\n')
}
