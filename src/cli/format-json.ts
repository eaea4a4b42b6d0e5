/**
 * The machine format: exactly one JSON object, whose shape other tools rely on (documented in
 * docs/cli.md; keep it stable):
 *
 * ```
 * { "files": [ { "file", "kind", "valid", "issues": [ { "code", "severity", "path", "message",
 *   "hint"?, "line"?, "column"? } ] } ], "summary": { "files", "errors", "warnings" } }
 * ```
 *
 * @since 0.1.0
 */
import { isValid, summarise } from './report.js'
import type { FileReport, LocatedIssue } from './report.js'

/** Keys in the documented order, optional ones only when present. */
const issueJson = (issue: LocatedIssue): Record<string, unknown> => ({
  code: issue.code,
  severity: issue.severity,
  path: issue.path,
  message: issue.message,
  ...(issue.hint === undefined ? {} : { hint: issue.hint }),
  ...(issue.line === undefined ? {} : { line: issue.line }),
  ...(issue.column === undefined ? {} : { column: issue.column })
})

/**
 * @category destructors
 * @since 0.1.0
 */
export const formatJson = (reports: ReadonlyArray<FileReport>): string =>
  JSON.stringify(
    {
      files: reports.map((r) => ({
        file: r.file,
        kind: r.kind,
        valid: isValid(r),
        issues: r.issues.map(issueJson)
      })),
      summary: summarise(reports)
    },
    null,
    2
  ) + '\n'
