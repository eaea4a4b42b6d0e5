/**
 * A lone CR ends a line, as editors and SARIF count lines (`\r\n`, `\n` and `\r` are each one
 * line break): findings, syntax errors, code frames and the position of a byte that is not
 * UTF-8 all say the line an editor shows.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../src/cli/decode.js'
import { makeLineIndex } from '../../src/cli/source-map.js'
import { makeValidateCommand } from '../../src/cli/validate-command.js'
import { validateCallV1, validateCallV2, validateNcco } from '../../src/validate.js'
import { fakeIo } from './fake-io.js'
import { memoryFileSystem } from './memory-fs.js'

const fs = memoryFileSystem('/repo', {
  'cr.json': '[\r{"action":"talk",\r"txt":"Hi"}\r]\r',
  'crlf.json': '[\r\n{"action":"talk",\r\n"txt":"Hi"}\r\n]\r\n',
  'broken.json': '[\r{"action":"talk",\r"text":"Hi",}\r]\r'
})
const validators = { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 }
const validate = makeValidateCommand({ fs, validators, version: '1.2.3' })

const run = async (argv: ReadonlyArray<string>): Promise<readonly [number, string]> => {
  const recorded = fakeIo()
  const code = await validate(argv, recorded.io)
  return [code, recorded.stdout()]
}

describe('a lone CR is a line break', () => {
  it('validate: the positions an editor shows, as with CRLF', async () => {
    const [code, out] = await run(['--format', 'github', 'cr.json', 'crlf.json', 'broken.json'])
    expect(code).toBe(1)
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toStrictEqual([
      '::error file=cr.json,line=2,col=1,title=ncco missing-required::The talk action requires "text", which is missing.',
      '::error file=cr.json,line=3,col=1,title=ncco unknown-key::"txt" is not a known field of the talk action. Hint: did you mean "text"?',
      '::error file=crlf.json,line=2,col=1,title=ncco missing-required::The talk action requires "text", which is missing.',
      '::error file=crlf.json,line=3,col=1,title=ncco unknown-key::"txt" is not a known field of the talk action. Hint: did you mean "text"?',
      "::error file=broken.json,line=3,col=13,title=ncco parse-error::Invalid JSON: a trailing comma before '}' is not allowed."
    ])
  })

  it('the code frame shows the lines an editor shows', async () => {
    const [, out] = await run(['--format', 'pretty', 'cr.json'])
    expect(out).toMatchInlineSnapshot(`
      "cr.json:2:1: error missing-required: The talk action requires "text", which is missing.
          1 | [
        > 2 | {"action":"talk",
            | ^
          3 | "txt":"Hi"}

      cr.json:3:1: error unknown-key: "txt" is not a known field of the talk action.
        hint: did you mean "text"?
          2 | {"action":"talk",
        > 3 | "txt":"Hi"}
            | ^
          4 | ]

      ✖ 2 errors and 0 warnings in 1 of 1 file.
      "
    `)
  })

  it('makeLineIndex: positions and line texts with \\r, \\n and \\r\\n', () => {
    const lines = makeLineIndex('a\rbc\r\nd\n\re')
    expect(lines.lineCount).toBe(5)
    expect([1, 2, 3, 4, 5].map(lines.lineText)).toStrictEqual(['a', 'bc', 'd', '', 'e'])
    expect([0, 2, 3, 6, 8, 9, 10].map(lines.position)).toStrictEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 2, column: 2 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 5, column: 1 },
      { line: 5, column: 2 }
    ])
  })

  it('makeLineIndex agrees with splitting on every kind of line break (property)', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', '\r', '\n', '\r\n', ' '), { maxLength: 30 })
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, (t) => {
        const expected = t.split(/\r\n|\r|\n/)
        const lines = makeLineIndex(t)
        expect(lines.lineCount).toBe(expected.length)
        expect(expected.map((_, i) => lines.lineText(i + 1))).toStrictEqual(expected)
        expect(lines.position(t.length).line).toBe(expected.length)
      }),
      { numRuns: 300 }
    )
  })

  it('a byte that is not UTF-8, after lone CRs', () => {
    const bytes = new Uint8Array([0x61, 0x0d, 0x62, 0x0d, 0x0a, 0x63, 0x0d, 0x64, 0xff])
    const decoded = decodeText(bytes)
    expect(
      E.isLeft(decoded) && decoded.left._tag !== 'Empty' ? decoded.left.position : undefined
    ).toStrictEqual({ line: 4, column: 2 })
  })
})
