/**
 * The output formats, in one table: a format that is not wired here does not compile.
 *
 * @since 0.1.0
 */
import { formatGithub } from './format-github.js'
import { formatJson } from './format-json.js'
import { formatPretty } from './format-pretty.js'
import { formatSarif } from './format-sarif.js'
import type { FileReport } from './report.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export type OutputFormat = 'pretty' | 'json' | 'github' | 'sarif'

/**
 * @category model
 * @since 0.1.0
 */
export interface RenderOptions {
  /** Colour for the pretty format. */
  readonly colour: boolean
  /** The ncco-kit version, for SARIF's tool description. */
  readonly version: string
  /** The working directory, which SARIF's `%SRCROOT%` stands for. */
  readonly cwd?: string
  /** `--max-warnings`, for the summary line of pretty and github. */
  readonly maxWarnings?: number
}

// -------------------------------------------------------------------------------------
// instances
// -------------------------------------------------------------------------------------

/**
 * Each format is a pure function of the reports.
 *
 * @category instances
 * @since 0.1.0
 */
export const renderers: {
  readonly [F in OutputFormat]: (
    reports: ReadonlyArray<FileReport>,
    options: RenderOptions
  ) => string
} = {
  pretty: formatPretty,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif
}

/**
 * @category instances
 * @since 0.1.0
 */
export const outputFormats = Object.keys(renderers) as ReadonlyArray<OutputFormat>
