/**
 * Where a JSON Pointer leads in JSON text, read straight from the text: the CLI reads a file
 * with `JSON.parse` first, and only a file with findings needs their places. Following a few
 * pointers through the text costs less than building the position tree of the whole file
 * (`parseJson`), which is kept for files with many findings.
 *
 * The text must be JSON that `JSON.parse` read and whose objects repeat no key (see
 * `parseJsonQuickly`): this reader then finds what `lookupPointer` finds in the tree.
 *
 * @since 0.2.0
 */
import { parsePointer } from './source-map.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Like `Lookup`: the offset of the value a pointer leads to (or of its nearest existing
 * ancestor, `exact` false), and of its key when it is an object member.
 *
 * @category model
 * @since 0.2.0
 */
export interface TextLookup {
  readonly offset: number
  readonly keyOffset: number | undefined
  readonly exact: boolean
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

const skipWhitespace = (text: string, from: number): number => {
  let i = from
  while (isWhitespace(text.charCodeAt(i))) i++
  return i
}

/** The offset just past the string whose opening quote is at `start`. */
const endOfString = (text: string, start: number): number => {
  let end = start + 1
  for (;;) {
    end = text.indexOf('"', end)
    let slash = end - 1
    while (text.charCodeAt(slash) === 0x5c) slash--
    if ((end - 1 - slash) % 2 === 0) return end + 1
    end++
  }
}

/** The offset just past the value that starts at `start`. */
const endOfValue = (text: string, start: number): number => {
  const c = text.charCodeAt(start)
  if (c === 0x22) return endOfString(text, start)
  if (c !== 0x5b && c !== 0x7b) {
    let i = start
    for (;;) {
      const d = text.charCodeAt(i)
      if (i >= text.length || d === 0x2c || d === 0x5d || d === 0x7d || isWhitespace(d)) return i
      i++
    }
  }
  let depth = 0
  let i = start
  for (;;) {
    const d = text.charCodeAt(i)
    if (d === 0x22) {
      i = endOfString(text, i)
      continue
    }
    if (d === 0x5b || d === 0x7b) depth++
    else if (d === 0x5d || d === 0x7d) {
      depth--
      if (depth === 0) return i + 1
    }
    i++
  }
}

const arrayIndex = /^(0|[1-9][0-9]*)$/

/** The member `key` of the object at `start`: the offsets of its key and value. */
const member = (
  text: string,
  start: number,
  key: string
): { readonly key: number; readonly value: number } | undefined => {
  let i = skipWhitespace(text, start + 1)
  while (text.charCodeAt(i) === 0x22) {
    const keyStart = i
    const keyEnd = endOfString(text, i)
    const raw = text.slice(keyStart + 1, keyEnd - 1)
    const name = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw
    const value = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1) // past the colon
    if (name === key) return { key: keyStart, value }
    i = skipWhitespace(text, endOfValue(text, value))
    if (text.charCodeAt(i) !== 0x2c) return undefined
    i = skipWhitespace(text, i + 1)
  }
  return undefined
}

/** The offset of element `index` of the array at `start`. */
const element = (text: string, start: number, index: number): number | undefined => {
  let i = skipWhitespace(text, start + 1)
  if (text.charCodeAt(i) === 0x5d) return undefined
  for (let k = 0; k < index; k++) {
    i = skipWhitespace(text, endOfValue(text, i))
    if (text.charCodeAt(i) !== 0x2c) return undefined
    i = skipWhitespace(text, i + 1)
  }
  return i
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Follows a pointer through JSON text as far as the document goes (see `lookupPointer`).
 *
 * @category destructors
 * @since 0.2.0
 */
export const lookupPointerInText = (text: string, pointer: string): TextLookup => {
  let offset = skipWhitespace(text, 0)
  let keyOffset: number | undefined
  for (const segment of parsePointer(pointer)) {
    const c = text.charCodeAt(offset)
    if (c === 0x7b) {
      const found = member(text, offset, segment)
      if (found === undefined) return { offset, keyOffset, exact: false }
      offset = found.value
      keyOffset = found.key
    } else if (c === 0x5b && arrayIndex.test(segment)) {
      const found = element(text, offset, Number(segment))
      if (found === undefined) return { offset, keyOffset, exact: false }
      offset = found
      keyOffset = undefined
    } else {
      return { offset, keyOffset, exact: false }
    }
  }
  return { offset, keyOffset, exact: true }
}
