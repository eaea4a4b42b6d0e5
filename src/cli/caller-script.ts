/**
 * The caller script file of `ncco simulate --script` and `ncco sandbox --script`, read like
 * every file the CLI reads: UTF-8 text, JSON or YAML (by its name, else by its first
 * character), no duplicate keys, then checked with `parseCallScript`. Each finding comes with
 * its line and column in the file when it has one; each command prints them its own way.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'
import { parseCallScript } from '../simulator/script.js'
import type { CallScript } from '../simulator/script.js'
import { syntaxOf } from './check-file.js'
import { decodeText } from './decode.js'
import { fsFailureIssue } from './file-system.js'
import type { FsFailure } from './file-system.js'
import { offsetOf } from './locate.js'
import { parseJson } from './parse-json.js'
import { makeLineIndex } from './source-map.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A problem with the script file, and where it is in the file when that is known.
 *
 * @category model
 * @since 0.2.0
 */
export interface ScriptFinding {
  readonly issue: Issue
  readonly at?: { readonly line: number; readonly column: number }
}

/**
 * Reads the file's bytes, as `readFileCapped` or `readStdinCapped` do.
 *
 * @category model
 * @since 0.2.0
 */
export type ReadBytes = () => Promise<E.Either<FsFailure, Uint8Array>>

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The script in the file `name` (its name chooses JSON or YAML), or every finding about it.
 *
 * @category destructors
 * @since 0.2.0
 */
export const readCallScript = async (
  name: string,
  read: ReadBytes
): Promise<E.Either<ReadonlyNonEmptyArray<ScriptFinding>, CallScript>> => {
  const only = (issue: Issue): E.Either<ReadonlyNonEmptyArray<ScriptFinding>, never> =>
    E.left([{ issue }])
  const bytes = await read()
  if (E.isLeft(bytes)) return only(fsFailureIssue(bytes.left))
  const text = decodeText(bytes.right)
  if (E.isLeft(text)) {
    return only(
      text.left._tag === 'Empty'
        ? makeIssue('file-empty', '', {})
        : makeIssue('file-not-text', '', { reason: text.left.reason })
    )
  }
  const syntax = syntaxOf(name, text.right)
  const parsed =
    syntax === 'JSON'
      ? parseJson(text.right)
      : (await import('./parse-yaml.js')).parseYaml(text.right)
  const lines = makeLineIndex(text.right)
  if (E.isLeft(parsed)) {
    const failure = parsed.left
    if (failure._tag === 'NoContent') return only(makeIssue('file-empty', '', {}))
    const [first, ...rest] = failure.problems.map((p): ScriptFinding => ({
      issue: makeIssue('parse-error', '', { format: syntax, reason: p.reason }),
      at: lines.position(p.offset)
    }))
    return first === undefined
      ? only(makeIssue('parse-error', '', { format: syntax, reason: 'unreadable' }))
      : E.left([first, ...rest])
  }
  const document = parsed.right
  const duplicates = document.duplicateKeys.map((d) =>
    makeIssue('duplicate-key', d.path, { key: d.key })
  )
  const script = parseCallScript(document.value)
  const [first, ...rest] = [...duplicates, ...(E.isLeft(script) ? script.left : [])].map(
    (issue): ScriptFinding => ({ issue, at: lines.position(offsetOf(issue, document.source)) })
  )
  return first === undefined ? E.right(document.value as CallScript) : E.left([first, ...rest])
}
