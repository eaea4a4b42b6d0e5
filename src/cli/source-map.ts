/**
 * Where each part of a parsed document came from: a tree parallel to the value, with the offset
 * of every value and of every object member's key, and the lookup that turns a finding's JSON
 * Pointer into a line and a column.
 *
 * The tree mirrors the value instead of a flat pointer → position map so that a duplicate key
 * replaces its whole subtree: positions can never outlive the value they describe.
 *
 * @since 0.1.0
 */
import { escapePointerSegment } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Offsets are UTF-16 code unit indices into the decoded text (byte order mark removed).
 *
 * @category model
 * @since 0.1.0
 */
export interface SourceNode {
  /** Where the value starts: its first character, `{` / `[`, or a YAML block's first key. */
  readonly offset: number
  /** Where the member's key starts, for object members. */
  readonly keyOffset?: number
  /** YAML only: the text of a plain (unquoted) scalar that was read as a string. */
  readonly plainScalar?: string
  /** YAML only: the text of a plain (unquoted) scalar that was read as a number. */
  readonly plainNumber?: string
  /** YAML only: an empty value (null) with a `#` comment after it on its line. */
  readonly emptyBeforeComment?: true
  readonly members?: ReadonlyMap<string, SourceNode>
  readonly elements?: ReadonlyArray<SourceNode>
}

/**
 * 1-based line and column; the column counts UTF-16 code units, as SARIF's default
 * `columnKind` and most editors do.
 *
 * @category model
 * @since 0.1.0
 */
export interface Position {
  readonly line: number
  readonly column: number
}

/**
 * @category model
 * @since 0.1.0
 */
export interface LineIndex {
  readonly position: (offset: number) => Position
  /** The text of a 1-based line, without its line break. */
  readonly lineText: (line: number) => string
  readonly lineCount: number
}

/**
 * The deepest node a pointer reaches, and whether it reached the end of the pointer.
 *
 * @category model
 * @since 0.1.0
 */
export interface Lookup {
  readonly node: SourceNode
  readonly exact: boolean
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Lines end at `\r\n`, `\n` or a lone `\r`, as editors and SARIF count them.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeLineIndex = (text: string): LineIndex => {
  const starts: number[] = [0]
  /** Where each line's text ends (its line break, if any, starts there). */
  const ends: number[] = []
  for (const m of text.matchAll(/\r\n?|\n/g)) {
    ends.push(m.index)
    starts.push(m.index + m[0].length)
  }
  ends.push(text.length)
  const startOf = (line: number): number => starts[line - 1] ?? text.length
  return {
    lineCount: starts.length,
    position: (offset) => {
      let low = 0
      let high = starts.length - 1
      while (low < high) {
        const mid = (low + high + 1) >> 1
        if ((starts[mid] ?? 0) <= offset) low = mid
        else high = mid - 1
      }
      return { line: low + 1, column: offset - startOf(low + 1) + 1 }
    },
    lineText: (line) => {
      if (line < 1 || line > starts.length) return ''
      return text.slice(startOf(line), ends[line - 1] ?? text.length)
    }
  }
}

/**
 * @category constructors
 * @since 0.1.0
 */
export const appendToPointer = (pointer: string, segment: string | number): string =>
  `${pointer}/${escapePointerSegment(segment)}`

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * RFC 6901: `""` is the whole document, `/a~1b/0` is key `a/b`, then element 0.
 *
 * @category destructors
 * @since 0.1.0
 */
export const parsePointer = (pointer: string): ReadonlyArray<string> =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))

/**
 * The pointer of the object or array that holds `pointer` (the root holds itself).
 *
 * @category destructors
 * @since 0.1.0
 */
export const parentPointer = (pointer: string): string => {
  const slash = pointer.lastIndexOf('/')
  return slash <= 0 ? '' : pointer.slice(0, slash)
}

const arrayIndex = /^(0|[1-9][0-9]*)$/

/**
 * Follows a pointer as far as the document goes: a path that does not exist (a missing key, an
 * index past the end) stops at its nearest existing ancestor.
 *
 * @category destructors
 * @since 0.1.0
 */
export const lookupPointer = (root: SourceNode, pointer: string): Lookup => {
  let node = root
  for (const segment of parsePointer(pointer)) {
    const next =
      node.members?.get(segment) ??
      (node.elements !== undefined && arrayIndex.test(segment)
        ? node.elements[Number(segment)]
        : undefined)
    if (next === undefined) return { node, exact: false }
    node = next
  }
  return { node, exact: true }
}
