/**
 * Bytes to text: strict UTF-8, a leading byte order mark removed, and the three ways a file can
 * fail to be text (empty, binary, not UTF-8) told apart, with the place of the first bad byte.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Position } from './source-map.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export type DecodeFailure =
  | { readonly _tag: 'Empty' }
  | { readonly _tag: 'NotText'; readonly reason: string; readonly position?: Position }

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const inRange = (b: number | undefined, low: number, high: number): boolean =>
  b !== undefined && b >= low && b <= high

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode
 * Table 3-7), or -1. Only run once the native decoder has said there is one, which it does
 * not say where.
 *
 * @category destructors
 * @since 0.1.0
 */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] ?? 0
    const at = (k: number): number | undefined => bytes[i + k]
    let length = 0
    if (b < 0x80) length = 1
    else if (b >= 0xc2 && b <= 0xdf) length = inRange(at(1), 0x80, 0xbf) ? 2 : 0
    else if (b >= 0xe0 && b <= 0xef) {
      const low = b === 0xe0 ? 0xa0 : 0x80
      const high = b === 0xed ? 0x9f : 0xbf
      length = inRange(at(1), low, high) && inRange(at(2), 0x80, 0xbf) ? 3 : 0
    } else if (b >= 0xf0 && b <= 0xf4) {
      const low = b === 0xf0 ? 0x90 : 0x80
      const high = b === 0xf4 ? 0x8f : 0xbf
      length =
        inRange(at(1), low, high) && inRange(at(2), 0x80, 0xbf) && inRange(at(3), 0x80, 0xbf)
          ? 4
          : 0
    }
    if (length === 0) return i
    i += length
  }
  return -1
}

/** Line and column of a byte, counting the columns of its line as the text would. */
const positionOfByte = (bytes: Uint8Array, offset: number): Position => {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    // \r\n, \n and a lone \r each end a line (the \n of \r\n is the break's end).
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++
      lineStart = i + 1
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))
  return { line, column: before.length + 1 }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Decodes a file's bytes. A UTF-8 byte order mark is dropped (so positions match what an editor
 * shows); a UTF-16 one, a NUL byte or an invalid sequence means the file is not UTF-8 text.
 *
 * @category destructors
 * @since 0.1.0
 */
export const decodeText = (bytes: Uint8Array): E.Either<DecodeFailure, string> => {
  if (bytes.length === 0) return E.left({ _tag: 'Empty' })
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return E.left({
      _tag: 'NotText',
      reason: 'it starts with a UTF-16 byte order mark; save it as UTF-8'
    })
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    return E.left({
      _tag: 'NotText',
      reason: `it contains a NUL byte at byte ${nul}, so it looks binary`,
      position: positionOfByte(bytes, nul)
    })
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes))
    return E.left({
      _tag: 'NotText',
      reason: `invalid UTF-8 sequence at byte ${bad}`,
      position: positionOfByte(bytes, bad)
    })
  }
  return text.trim() === '' ? E.left({ _tag: 'Empty' }) : E.right(text)
}
