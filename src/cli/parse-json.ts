/**
 * A JSON reader (RFC 8259) that keeps what `JSON.parse` throws away: the position of every value
 * and key, every duplicate key, and the exact place of a syntax error.
 *
 * It builds the same value `JSON.parse` would (the last of duplicate keys wins; `__proto__` is an
 * own data property, never the prototype), and it is iterative, so 100,000 nested arrays give a
 * parse error instead of a stack overflow.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { maxNestingDepth, syntaxFailure } from './parsed-document.js'
import type { DuplicateKey, ParseFailure, ParsedDocument } from './parsed-document.js'
import { appendToPointer } from './source-map.js'
import type { SourceNode } from './source-map.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

interface ArrayFrame {
  readonly kind: 'array'
  readonly pointer: string
  readonly node: SourceNode
  readonly value: unknown[]
  readonly elements: SourceNode[]
}

interface ObjectFrame {
  readonly kind: 'object'
  readonly pointer: string
  readonly node: SourceNode
  readonly value: Record<string, unknown>
  readonly members: Map<string, SourceNode>
  /** The member being read. */
  key: string
  keyOffset: number
}

type Frame = ArrayFrame | ObjectFrame

/** Thrown inside the reader only, and caught by `parseJson`. */
class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly reason: string
  ) {}
}

// -------------------------------------------------------------------------------------
// scanning
// -------------------------------------------------------------------------------------

const isJsonWhitespace = (c: number): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

const skipWhitespace = (text: string, from: number): number => {
  let i = from
  while (i < text.length && isJsonWhitespace(text.charCodeAt(i))) i++
  if (text.startsWith('//', i) || text.startsWith('/*', i)) {
    throw new JsonSyntaxError(i, 'comments are not allowed in JSON')
  }
  return i
}

const describeAt = (text: string, offset: number): string => {
  if (offset >= text.length) return 'the end of the input'
  const c = text.codePointAt(offset) ?? 0
  return c >= 0x21 && c <= 0x7e
    ? `'${String.fromCodePoint(c)}'`
    : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
}

const unexpected = (text: string, offset: number, expected: string): JsonSyntaxError =>
  new JsonSyntaxError(offset, `expected ${expected}, found ${describeAt(text, offset)}`)

const escapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
}

/** Reads the string whose opening quote is at `start`; returns its value and the next offset. */
const readString = (text: string, start: number): readonly [string, number] => {
  let out = ''
  let chunk = start + 1
  let i = chunk
  for (;;) {
    if (i >= text.length) throw new JsonSyntaxError(start, 'this string is never closed')
    const c = text.charCodeAt(i)
    if (c === 0x22) return [out + text.slice(chunk, i), i + 1]
    if (c === 0x5c) {
      out += text.slice(chunk, i)
      const e = text[i + 1]
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new JsonSyntaxError(i, '\\u must be followed by four hexadecimal digits')
        }
        out += String.fromCharCode(parseInt(hex, 16))
        i += 6
      } else {
        const decoded = e === undefined ? undefined : escapes[e]
        if (decoded === undefined) {
          throw new JsonSyntaxError(i, `invalid escape sequence \\${e ?? ''} in a string`)
        }
        out += decoded
        i += 2
      }
      chunk = i
    } else if (c < 0x20) {
      throw new JsonSyntaxError(
        i,
        c === 0x0a
          ? 'this string is not closed before the end of the line'
          : `control character ${describeAt(text, i)} must be escaped in a string`
      )
    } else {
      i++
    }
  }
}

const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y

const readNumber = (text: string, start: number): readonly [number, number] => {
  numberPattern.lastIndex = start
  const match = numberPattern.exec(text)
  const end = match === null ? start : start + match[0].length
  const next = text.charCodeAt(end)
  if (match === null || match[0] === '-' || (next >= 0x30 && next <= 0x39) || next === 0x2e) {
    throw new JsonSyntaxError(start, 'invalid number')
  }
  return [Number(match[0]), end]
}

const literals: ReadonlyArray<readonly [string, unknown]> = [
  ['true', true],
  ['false', false],
  ['null', null]
]

const wordPattern = /[A-Za-z_$][A-Za-z0-9_$]*/y

// -------------------------------------------------------------------------------------
// parser
// -------------------------------------------------------------------------------------

const defineMember = (target: Record<string, unknown>, key: string, value: unknown): void => {
  // Never `target[key] = value`: for "__proto__" that would set the prototype.
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  })
}

const parse = (text: string): ParsedDocument => {
  const stack: Frame[] = []
  const duplicateKeys: DuplicateKey[] = []
  let pos = 0

  /** Reads a member's key and colon; leaves `pos` at the start of the member's value. */
  const readKey = (frame: ObjectFrame): void => {
    if (text.charCodeAt(pos) !== 0x22) {
      throw text.charCodeAt(pos) === 0x27 || /^[A-Za-z_$]/.test(text[pos] ?? '')
        ? new JsonSyntaxError(pos, 'object keys must be strings in double quotes')
        : unexpected(text, pos, "a key in double quotes or '}'")
    }
    const keyOffset = pos
    const [key, afterKey] = readString(text, pos)
    if (frame.members.has(key)) {
      duplicateKeys.push({ path: appendToPointer(frame.pointer, key), key, keyOffset })
    }
    pos = skipWhitespace(text, afterKey)
    if (text.charCodeAt(pos) !== 0x3a) throw unexpected(text, pos, "':' after the key")
    pos = skipWhitespace(text, pos + 1)
    frame.key = key
    frame.keyOffset = keyOffset
  }

  const childPointer = (): string => {
    const parent = stack[stack.length - 1]
    if (parent === undefined) return ''
    return parent.kind === 'array'
      ? appendToPointer(parent.pointer, parent.value.length)
      : appendToPointer(parent.pointer, parent.key)
  }

  pos = skipWhitespace(text, 0)
  for (;;) {
    // Read one value at `pos`: a scalar completes at once, a container opens a frame.
    const start = pos
    const c = text.charCodeAt(pos)
    let value: unknown
    let node: SourceNode = { offset: start }
    if (c === 0x5b || c === 0x7b) {
      if (stack.length >= maxNestingDepth) {
        throw new JsonSyntaxError(
          start,
          `arrays and objects are nested more than ${maxNestingDepth} levels deep`
        )
      }
      const pointer = childPointer()
      pos = skipWhitespace(text, pos + 1)
      if (c === 0x5b) {
        const elements: SourceNode[] = []
        const array: unknown[] = []
        node = { offset: start, elements }
        if (text.charCodeAt(pos) === 0x5d) {
          pos++
          value = array
        } else {
          stack.push({ kind: 'array', pointer, node, value: array, elements })
          continue
        }
      } else {
        const members = new Map<string, SourceNode>()
        const object: Record<string, unknown> = {}
        node = { offset: start, members }
        if (text.charCodeAt(pos) === 0x7d) {
          pos++
          value = object
        } else {
          const frame: ObjectFrame = {
            kind: 'object',
            pointer,
            node,
            value: object,
            members,
            key: '',
            keyOffset: pos
          }
          readKey(frame)
          stack.push(frame)
          continue
        }
      }
    } else if (c === 0x22) {
      ;[value, pos] = readString(text, pos)
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      ;[value, pos] = readNumber(text, pos)
    } else if (c === 0x27) {
      throw new JsonSyntaxError(pos, 'strings must be in double quotes')
    } else {
      wordPattern.lastIndex = pos
      const word = wordPattern.exec(text)?.[0]
      const literal = literals.find(([name]) => name === word)
      if (word === undefined) throw unexpected(text, pos, 'a value')
      if (literal === undefined) {
        throw new JsonSyntaxError(
          pos,
          `${word} is not a JSON value (use true, false, null, a number or a string in double quotes)`
        )
      }
      value = literal[1]
      pos += word.length
    }

    // Hand the finished value to its container; close every container that ends here.
    for (;;) {
      const frame = stack[stack.length - 1]
      if (frame === undefined) {
        pos = skipWhitespace(text, pos)
        if (pos < text.length) {
          throw new JsonSyntaxError(
            pos,
            `unexpected ${describeAt(text, pos)} after the end of the JSON value`
          )
        }
        return { value, source: node, duplicateKeys }
      }
      const close = frame.kind === 'array' ? 0x5d : 0x7d
      if (frame.kind === 'array') {
        frame.value.push(value)
        frame.elements.push(node)
      } else {
        defineMember(frame.value, frame.key, value)
        frame.members.set(frame.key, { ...node, keyOffset: frame.keyOffset })
      }
      pos = skipWhitespace(text, pos)
      const next = text.charCodeAt(pos)
      if (next === 0x2c) {
        pos = skipWhitespace(text, pos + 1)
        if (text.charCodeAt(pos) === close) {
          throw new JsonSyntaxError(
            pos,
            `a trailing comma before '${String.fromCharCode(close)}' is not allowed`
          )
        }
        if (frame.kind === 'object') readKey(frame)
        break
      }
      if (next !== close) {
        throw unexpected(text, pos, `',' or '${String.fromCharCode(close)}'`)
      }
      pos++
      stack.pop()
      value = frame.value
      node = frame.node
    }
  }
}

// -------------------------------------------------------------------------------------
// the quick reading
// -------------------------------------------------------------------------------------

/**
 * The object keys in valid JSON text (strings followed by `:`), found by jumping from quote to
 * quote with `indexOf`: outside its strings, valid JSON has no other quote. Nothing is built,
 * and no character outside a string is visited one by one.
 */
const countTextKeys = (text: string): number => {
  const n = text.length
  let keys = 0
  let start = text.indexOf('"')
  while (start !== -1) {
    let end = start + 1
    for (;;) {
      end = text.indexOf('"', end)
      let slash = end - 1
      while (text.charCodeAt(slash) === 0x5c) slash--
      if ((end - 1 - slash) % 2 === 0) break // not escaped
      end++
    }
    let next = end + 1
    while (next < n && isJsonWhitespace(text.charCodeAt(next))) next++
    if (text.charCodeAt(next) === 0x3a) keys++
    start = text.indexOf('"', next)
  }
  return keys
}

/**
 * The own keys of every object in a value that JSON.parse made, whose nesting is that of its
 * text; -1 when a container nests deeper than `maxNestingDepth` (`level` is the value's, 1 at
 * the top), which also bounds the recursion.
 */
const countKeys = (v: unknown, level: number): number => {
  if (typeof v !== 'object' || v === null) return 0
  if (level > maxNestingDepth) return -1
  let n = 0
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const inner = countKeys(v[i], level + 1)
      if (inner < 0) return -1
      n += inner
    }
    return n
  }
  const o = v as Record<string, unknown>
  for (const k in o) {
    const inner = countKeys(o[k], level + 1)
    if (inner < 0) return -1
    n += 1 + inner
  }
  return n
}

/**
 * The value of JSON text read by `JSON.parse`, when that is what `parseJson` would read and
 * nothing more needs saying: the text parses, nests at most `maxNestingDepth` deep (deeper,
 * `parseJson` refuses it), and repeats no key in an object (`JSON.parse` keeps the last
 * silently, `parseJson` reports it). Every object key of the text is then an own key of the
 * value, so the two counts agree exactly when no key repeats. Undefined otherwise: `parseJson`
 * then reads the text, positions and all.
 *
 * @category destructors
 * @since 0.2.0
 */
export const parseJsonQuickly = (text: string): { readonly value: unknown } | undefined => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  const keys = countKeys(value, 1)
  return keys >= 0 && keys === countTextKeys(text) ? { value } : undefined
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Parses JSON text (byte order mark already removed). Never throws.
 *
 * @category destructors
 * @since 0.1.0
 */
export const parseJson = (text: string): E.Either<ParseFailure, ParsedDocument> => {
  try {
    return E.right(parse(text))
  } catch (error) {
    // Anything else (a string too long for the engine) is still a finding, not a crash.
    return E.left(
      syntaxFailure([
        error instanceof JsonSyntaxError
          ? { offset: error.offset, reason: error.reason }
          : { offset: 0, reason: `the text could not be read (${String(error)})` }
      ])
    )
  }
}
