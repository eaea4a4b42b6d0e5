import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeText, firstInvalidUtf8 } from '../../src/cli/decode.js'

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p))
  )

describe('decodeText', () => {
  it('decodes UTF-8 text', () => {
    expect(decodeText(bytes('[{"text": "héllo ☎ 😀"}]'))).toStrictEqual(
      E.right('[{"text": "héllo ☎ 😀"}]')
    )
  })

  it('drops a UTF-8 byte order mark, so columns match what an editor shows', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], '[]'))).toStrictEqual(E.right('[]'))
  })

  it('calls a file with no bytes, or only white space, empty', () => {
    expect(decodeText(bytes())).toStrictEqual(E.left({ _tag: 'Empty' }))
    expect(decodeText(bytes(' \n\t\r\n'))).toStrictEqual(E.left({ _tag: 'Empty' }))
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], '\n'))).toStrictEqual(E.left({ _tag: 'Empty' }))
  })

  it('calls a file with a NUL byte binary, and says where the byte is', () => {
    expect(decodeText(bytes('[\n  "é', [0], '"]'))).toStrictEqual(
      E.left({
        _tag: 'NotText',
        reason: 'it contains a NUL byte at byte 7, so it looks binary',
        position: { line: 2, column: 5 }
      })
    )
  })

  it('recognises UTF-16 by its byte order mark', () => {
    const reason = 'it starts with a UTF-16 byte order mark; save it as UTF-8'
    expect(decodeText(bytes([0xff, 0xfe, 0x5b, 0x00]))).toStrictEqual(
      E.left({ _tag: 'NotText', reason })
    )
    expect(decodeText(bytes([0xfe, 0xff, 0x00, 0x5b]))).toStrictEqual(
      E.left({ _tag: 'NotText', reason })
    )
  })

  it('reports the first invalid UTF-8 sequence with its line and column', () => {
    // Latin-1 "é" (0xE9) in the middle of UTF-8 text.
    expect(decodeText(bytes('{\n  "a": "ü', [0xe9], '"\n}'))).toStrictEqual(
      E.left({
        _tag: 'NotText',
        reason: 'invalid UTF-8 sequence at byte 12',
        position: { line: 2, column: 10 }
      })
    )
  })
})

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x61, 0xc3, 0xa9], -1],
    [[0xc0, 0x80], 0], // overlong
    [[0x61, 0xe0, 0x80, 0x80], 1], // overlong three-byte
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // beyond U+10FFFF
    [[0x61, 0x62, 0xe2, 0x82], 2], // truncated
    [[0x80], 0], // lone continuation byte
    [[0xf0, 0x9f, 0x98, 0x80, 0xff], 4]
  ])('%j → %i', (input, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(input))).toBe(expected)
  })

  it('agrees with the platform decoder on which byte strings are UTF-8', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true })
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (input) => {
        let valid = true
        try {
          decoder.decode(input)
        } catch {
          valid = false
        }
        expect(firstInvalidUtf8(input) === -1).toBe(valid)
      }),
      { numRuns: 5000 }
    )
  })
})
