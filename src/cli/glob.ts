/**
 * The glob patterns the CLI expands itself (Node 20 has no `fs.glob`): `*` and `?` within one
 * path segment, `[abc]`, `[a-z]` and `[!a-z]` classes, and `**` as a whole segment for any
 * number of directories. As in shells, a wildcard does not match a name's leading `.`.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A pattern cut at its first segment with a wildcard: `base` is the part before it, written as
 * in the pattern (`""` for the working directory, `/` for the root), `segments` the rest.
 *
 * @category model
 * @since 0.1.0
 */
export interface GlobPattern {
  readonly base: string
  readonly segments: ReadonlyArray<string>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Whether an argument is a pattern rather than a path.
 *
 * @category constructors
 * @since 0.1.0
 */
export const isGlob = (argument: string): boolean => /[*?[]/.test(argument)

/**
 * @category constructors
 * @since 0.1.0
 */
export const splitPattern = (pattern: string): GlobPattern => {
  const parts = pattern.split('/')
  const first = parts.findIndex(isGlob)
  const cut = first === -1 ? parts.length : first
  const baseParts = parts.slice(0, cut)
  const base = baseParts.length === 1 && baseParts[0] === '' ? '/' : baseParts.join('/')
  return {
    base,
    segments: parts.slice(cut).filter((s, i, all) => s !== '' || i === all.length - 1)
  }
}

// With the `u` flag only these may be escaped, and `-` only inside a class.
const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
const escapeInClass = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')

/** Translates one `[...]` class starting at `start`; undefined when it is never closed. */
const translateClass = (
  segment: string,
  start: number
): { readonly source: string; readonly end: number } | undefined => {
  let i = start + 1
  let negated = false
  if (segment[i] === '!' || segment[i] === '^') {
    negated = true
    i++
  }
  const firstMember = i
  let body = ''
  while (i < segment.length && (segment[i] !== ']' || i === firstMember)) {
    const c = segment[i] ?? ''
    body += c === '-' && i !== firstMember && segment[i + 1] !== ']' ? '-' : escapeInClass(c)
    i++
  }
  if (i >= segment.length) return undefined
  return { source: `[${negated ? '^' : ''}${body}]`, end: i + 1 }
}

/**
 * A matcher for one path segment (no `/`), or why the segment is not a valid pattern (a class
 * with a range out of order, such as `[z-a]`).
 *
 * @category constructors
 * @since 0.1.0
 */
export const compileSegment = (segment: string): E.Either<string, (name: string) => boolean> => {
  let source = ''
  let i = 0
  while (i < segment.length) {
    const c = segment[i] ?? ''
    if (c === '*') {
      while (segment[i + 1] === '*') i++
      source += '[^/]*'
      i++
    } else if (c === '?') {
      source += '[^/]'
      i++
    } else if (c === '[') {
      const translated = translateClass(segment, i)
      source += translated === undefined ? '\\[' : translated.source
      i = translated === undefined ? i + 1 : translated.end
    } else {
      source += escapeRegex(c)
      i++
    }
  }
  let regex: RegExp
  try {
    regex = new RegExp(`^${source}$`, 'u')
  } catch {
    return E.left(
      `${JSON.stringify(segment)} is not a valid pattern (is a range in [...] reversed?)`
    )
  }
  const dotIsLiteral = segment.startsWith('.')
  return E.right((name) => (dotIsLiteral || !name.startsWith('.')) && regex.test(name))
}
