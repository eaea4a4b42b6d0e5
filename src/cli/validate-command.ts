/**
 * `ncco validate`: a pure program over its capabilities (file system, validators, console).
 * Findings travel as values to one place, here, that renders them and maps them to the exit
 * code: 0 no errors, 1 errors or too many warnings, 2 usage error or nothing to validate.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { checkTarget } from './check-file.js'
import type { CheckContext, Validator } from './check-file.js'
import { colourEnabled } from './colour.js'
import { discover } from './discover.js'
import type { FileSystem } from './file-system.js'
import { count } from './format-pretty.js'
import type { Command } from './io.js'
import { renderers } from './output.js'
import { capFindings, defaultMaxFindings, exitCodeOf, summarise } from './report.js'
import type { DocumentKind, FileReport } from './report.js'
import { parseValidateArguments, validateUsage } from './validate-arguments.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface ValidateCapabilities {
  readonly fs: FileSystem
  readonly validators: Readonly<Record<DocumentKind, Validator>>
  /** The ncco-kit version, for SARIF. */
  readonly version: string
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * @category constructors
 * @since 0.1.0
 */
export const makeValidateCommand =
  (capabilities: ValidateCapabilities): Command =>
  async (argv, io) => {
    const invocation = parseValidateArguments(argv)
    if (E.isLeft(invocation)) {
      io.stderr(`ncco validate: ${invocation.left}\nRun 'ncco validate --help' for usage.\n`)
      return 2
    }
    if (invocation.right._tag === 'Help') {
      io.stdout(validateUsage)
      return 0
    }
    const args = invocation.right.arguments
    const targets = await discover(args.operands, { fs: capabilities.fs, cwd: io.cwd })
    if (targets.length === 0) {
      const patterns = args.operands.map((o) => JSON.stringify(o)).join(', ')
      io.stderr(`ncco validate: nothing to validate: no file matches ${patterns}.\n`)
      return 2
    }
    const context: CheckContext = {
      fs: capabilities.fs,
      readStdin: io.readStdin,
      cwd: io.cwd,
      kind: args.kind,
      profile: args.profile,
      validators: capabilities.validators
    }
    const reports: FileReport[] = []
    const maxFindings = args.maxFindings ?? defaultMaxFindings
    for (const target of targets) {
      reports.push(capFindings(await checkTarget(target, context), maxFindings))
    }
    io.stdout(
      renderers[args.format ?? 'pretty'](reports, {
        colour: colourEnabled(io.env, io.stdoutIsTTY),
        version: capabilities.version,
        cwd: io.cwd,
        ...(args.maxWarnings === undefined ? {} : { maxWarnings: args.maxWarnings })
      })
    )
    const summary = summarise(reports)
    if (args.maxWarnings !== undefined && summary.warnings > args.maxWarnings) {
      io.stderr(
        `ncco validate: ${count(summary.warnings, 'warning')}, more than --max-warnings ${args.maxWarnings} allows.\n`
      )
    }
    return exitCodeOf(summary, args.maxWarnings)
  }
