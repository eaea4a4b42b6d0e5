/**
 * SARIF 2.1.0, the format GitHub code scanning (and other tools) import: one run of the `ncco`
 * tool, its rules being the codes that occur, each result placed in its file.
 *
 * @since 0.1.0
 */
import { pathToFileURL } from 'node:url'
import { issueCatalog } from '../issue.js'
import type { IssueCode } from '../issue.js'
import type { FileReport, LocatedIssue } from './report.js'

const sarifSchema = 'https://json.schemastore.org/sarif-2.1.0.json'

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
const uriOf = (relativePath: string): string =>
  relativePath.split('/').map(encodeURIComponent).join('/')

/** What the paths are relative to: the working directory, given in the run. */
const srcRoot = '%SRCROOT%'

/** A directory as a `file:` URI that ends in `/`, as SARIF wants a base URI. */
const directoryUri = (directory: string): string => {
  const href = pathToFileURL(directory).href
  return href.endsWith('/') ? href : `${href}/`
}

const locations = (
  report: FileReport,
  issue: LocatedIssue,
  based: boolean
): ReadonlyArray<unknown> => {
  // Standard input is no artifact anyone can open: its results have no location.
  if (report.relativePath === undefined) return []
  const region =
    issue.line === undefined
      ? {}
      : {
          region: {
            startLine: issue.line,
            ...(issue.column === undefined ? {} : { startColumn: issue.column })
          }
        }
  return [
    {
      physicalLocation: {
        artifactLocation: {
          uri: uriOf(report.relativePath),
          ...(based ? { uriBaseId: srcRoot } : {})
        },
        ...region
      }
    }
  ]
}

/**
 * With `cwd`, each artifact location is relative to `%SRCROOT%`, defined in the run's
 * `originalUriBaseIds` as the working directory.
 *
 * @category destructors
 * @since 0.1.0
 */
export const formatSarif = (
  reports: ReadonlyArray<FileReport>,
  options: { readonly version: string; readonly cwd?: string }
): string => {
  // With the working directory known, paths are relative to `%SRCROOT%`, which the run
  // defines: code scanning then places results when ncco runs in a subdirectory.
  const based = options.cwd !== undefined
  const codes: ReadonlyArray<IssueCode> = [
    ...new Set(reports.flatMap((r) => r.issues.map((i) => i.code)))
  ].sort()
  const rules = codes.map((code) => ({
    id: code,
    shortDescription: { text: issueCatalog[code].meaning },
    help: { text: `Source: ${issueCatalog[code].source}.` }
  }))
  const results = reports.flatMap((r) =>
    r.issues.map((issue) => ({
      ruleId: issue.code,
      ruleIndex: codes.indexOf(issue.code),
      level: issue.severity,
      message: {
        text: issue.message + (issue.hint === undefined ? '' : ` Hint: ${issue.hint}`)
      },
      locations: locations(r, issue, based)
    }))
  )
  const log = {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ncco',
            version: options.version,
            semanticVersion: options.version,
            rules
          }
        },
        ...(options.cwd === undefined
          ? {}
          : { originalUriBaseIds: { [srcRoot]: { uri: directoryUri(options.cwd) } } }),
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
  return JSON.stringify(log, null, 2) + '\n'
}
