import * as E from 'fp-ts/lib/Either.js'
import type { Issue } from '../../src/index.js'
import type { BuildResult } from '../../src/builders/index.js'

/** `[code, path, severity]` of every finding of a build, in order. */
export const findingsOf = <A>(result: BuildResult<A>): Array<[string, string, string]> =>
  (E.isLeft(result) ? result.left : result.right.warnings).map((i: Issue) => [
    i.code,
    i.path,
    i.severity
  ])
