import { describe, expect, it } from 'vitest'
import { colourEnabled, printable } from '../../src/cli/colour.js'
import { escapeData, escapeProperty, formatGithub } from '../../src/cli/format-github.js'
import { formatJson } from '../../src/cli/format-json.js'
import { formatPretty } from '../../src/cli/format-pretty.js'
import { formatSarif } from '../../src/cli/format-sarif.js'
import type { FileReport } from '../../src/cli/report.js'
import { exitCodeOf, summarise } from '../../src/cli/report.js'
import { issueCatalog } from '../../src/issue.js'
import { showAnsi } from './ansi.js'

const ivr = '[\n  {\n    "action": "talk",\n    "txt": "Hi",\n    "bargeIn": "yes"\n  }\n]\n'

/** A fixed set of results covering every shape a finding can take. */
const reports: ReadonlyArray<FileReport> = [
  {
    file: 'examples/ivr.json',
    relativePath: 'examples/ivr.json',
    kind: 'ncco',
    text: ivr,
    issues: [
      {
        code: 'unknown-key',
        severity: 'error',
        path: '/0/txt',
        message: '"txt" is not a known field of the talk action.',
        hint: 'did you mean "text"?',
        line: 4,
        column: 5
      },
      {
        code: 'stringly-scalar',
        severity: 'warning',
        path: '/0/bargeIn',
        message: 'Expected a boolean, got the string "yes".',
        line: 5,
        column: 16
      }
    ]
  },
  {
    file: 'odd dir/100%,a:b.yaml',
    relativePath: 'odd dir/100%,a:b.yaml',
    kind: 'call-v1',
    text: 'to: x\n',
    issues: [
      {
        code: 'invalid-type',
        severity: 'error',
        path: '/to',
        message: 'Expected an array,\r\nnot "x" (100%).',
        line: 1,
        column: 5
      }
    ]
  },
  {
    file: 'missing.json',
    relativePath: 'missing.json',
    kind: 'ncco',
    issues: [
      {
        code: 'file-unreadable',
        severity: 'error',
        path: '',
        message: 'The file could not be read: no such file or directory.'
      }
    ]
  },
  {
    file: '-',
    kind: 'ncco',
    text: '[{"action": "wait"}]',
    issues: [
      {
        code: 'empty-string',
        severity: 'error',
        path: '/0/x',
        message: '"x" must not be empty.',
        line: 1,
        column: 2
      }
    ]
  },
  { file: 'examples/ok.yaml', relativePath: 'examples/ok.yaml', kind: 'ncco', issues: [] }
]

describe('formatPretty', () => {
  it('renders findings with code frames and a summary', () => {
    expect(formatPretty(reports, { colour: false })).toMatchInlineSnapshot(`
      "examples/ivr.json:4:5: error unknown-key: "txt" is not a known field of the talk action.
        hint: did you mean "text"?
          3 |     "action": "talk",
        > 4 |     "txt": "Hi",
            |     ^
          5 |     "bargeIn": "yes"

      examples/ivr.json:5:16: warning stringly-scalar: Expected a boolean, got the string "yes".
          4 |     "txt": "Hi",
        > 5 |     "bargeIn": "yes"
            |                ^
          6 |   }

      odd dir/100%,a:b.yaml:1:5: error invalid-type: Expected an array,␍␊not "x" (100%).
        > 1 | to: x
            |     ^

      missing.json: error file-unreadable: The file could not be read: no such file or directory.

      <stdin>:1:2: error empty-string: "x" must not be empty.
        > 1 | [{"action": "wait"}]
            |  ^

      ✖ 4 errors and 1 warning in 4 of 5 files.
      "
    `)
  })

  it('colours when asked', () => {
    const first = reports[0]
    if (first === undefined) throw new Error('fixture')
    const shown = showAnsi(formatPretty([first], { colour: true }))
    expect(shown).toMatchInlineSnapshot(`
      "<1>examples/ivr.json:4:5<22>: <31>error<39> <2>unknown-key<22>: "txt" is not a known field of the talk action.
        <36>hint:<39> did you mean "text"?
          <2>3 |<22>     "action": "talk",
        > <2>4 |<22>     "txt": "Hi",
          <2>  |<22>     <31>^<39>
          <2>5 |<22>     "bargeIn": "yes"

      <1>examples/ivr.json:5:16<22>: <33>warning<39> <2>stringly-scalar<22>: Expected a boolean, got the string "yes".
          <2>4 |<22>     "txt": "Hi",
        > <2>5 |<22>     "bargeIn": "yes"
          <2>  |<22>                <33>^<39>
          <2>6 |<22>   }

      <31>✖ 1 error and 1 warning in 1 of 1 file.<39>
      "
    `)
  })

  it('summarises clean runs', () => {
    const ok = reports[4]
    if (ok === undefined) throw new Error('fixture')
    expect(formatPretty([ok, ok], { colour: false })).toBe('✔ 2 files valid.\n')
    const warning = {
      code: 'deprecated-voice-name',
      severity: 'warning',
      path: '/0/voiceName',
      message: '"voiceName" is deprecated.'
    } as const
    expect(formatPretty([{ ...ok, issues: [warning] }], { colour: false })).toBe(
      'examples/ok.yaml: warning deprecated-voice-name: "voiceName" is deprecated.\n\n✔ 1 file valid, 1 warning.\n'
    )
  })

  it('cuts long lines around the column and keeps tabs under the caret', () => {
    const long = `[${'1,'.repeat(200)}x]`
    const tabbed = '{\n\t\t"a": 1\n}'
    const frame = (text: string, line: number, column: number): string =>
      formatPretty(
        [
          {
            file: 'f.json',
            relativePath: 'f.json',
            kind: 'ncco',
            text,
            issues: [
              { code: 'parse-error', severity: 'error', path: '', message: 'Bad.', line, column }
            ]
          }
        ],
        { colour: false }
      )
    expect(frame(long, 1, 402)).toMatchInlineSnapshot(`
      "f.json:1:402: error parse-error: Bad.
        > 1 | …1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,x]
            |                                          ^

      ✖ 1 error and 0 warnings in 1 of 1 file.
      "
    `)
    expect(frame(tabbed, 2, 3)).toMatchInlineSnapshot(`
      "f.json:2:3: error parse-error: Bad.
          1 | {
        > 2 | 		"a": 1
            | 		^
          3 | }

      ✖ 1 error and 0 warnings in 1 of 1 file.
      "
    `)
  })

  it('neutralises terminal control characters from files', () => {
    expect(printable('a\u001b[2Jb\u0007\u009b\u202e\tc')).toBe('a␛[2Jb␇\ufffd\ufffd\tc')
  })
})

describe('formatJson', () => {
  it('prints the documented shape', () => {
    const output = formatJson(reports)
    expect(JSON.parse(output)).toStrictEqual({
      files: [
        {
          file: 'examples/ivr.json',
          kind: 'ncco',
          valid: false,
          issues: [
            {
              code: 'unknown-key',
              severity: 'error',
              path: '/0/txt',
              message: '"txt" is not a known field of the talk action.',
              hint: 'did you mean "text"?',
              line: 4,
              column: 5
            },
            {
              code: 'stringly-scalar',
              severity: 'warning',
              path: '/0/bargeIn',
              message: 'Expected a boolean, got the string "yes".',
              line: 5,
              column: 16
            }
          ]
        },
        {
          file: 'odd dir/100%,a:b.yaml',
          kind: 'call-v1',
          valid: false,
          issues: [
            {
              code: 'invalid-type',
              severity: 'error',
              path: '/to',
              message: 'Expected an array,\r\nnot "x" (100%).',
              line: 1,
              column: 5
            }
          ]
        },
        {
          file: 'missing.json',
          kind: 'ncco',
          valid: false,
          issues: [
            {
              code: 'file-unreadable',
              severity: 'error',
              path: '',
              message: 'The file could not be read: no such file or directory.'
            }
          ]
        },
        {
          file: '-',
          kind: 'ncco',
          valid: false,
          issues: [
            {
              code: 'empty-string',
              severity: 'error',
              path: '/0/x',
              message: '"x" must not be empty.',
              line: 1,
              column: 2
            }
          ]
        },
        { file: 'examples/ok.yaml', kind: 'ncco', valid: true, issues: [] }
      ],
      summary: { files: 5, errors: 4, warnings: 1 }
    })
    expect(output.endsWith('}\n')).toBe(true)
  })

  it('keeps the key order of the documented shape', () => {
    expect(formatJson(reports.slice(0, 1))).toMatchInlineSnapshot(`
      "{
        "files": [
          {
            "file": "examples/ivr.json",
            "kind": "ncco",
            "valid": false,
            "issues": [
              {
                "code": "unknown-key",
                "severity": "error",
                "path": "/0/txt",
                "message": "\\"txt\\" is not a known field of the talk action.",
                "hint": "did you mean \\"text\\"?",
                "line": 4,
                "column": 5
              },
              {
                "code": "stringly-scalar",
                "severity": "warning",
                "path": "/0/bargeIn",
                "message": "Expected a boolean, got the string \\"yes\\".",
                "line": 5,
                "column": 16
              }
            ]
          }
        ],
        "summary": {
          "files": 1,
          "errors": 1,
          "warnings": 1
        }
      }
      "
    `)
  })
})

describe('formatGithub', () => {
  it('escapes workflow command data and properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b')
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b')
  })

  it('prints one annotation per finding, then the full list', () => {
    expect(formatGithub(reports)).toMatchInlineSnapshot(`
      "::error file=examples/ivr.json,line=4,col=5,title=ncco unknown-key::"txt" is not a known field of the talk action. Hint: did you mean "text"?
      ::warning file=examples/ivr.json,line=5,col=16,title=ncco stringly-scalar::Expected a boolean, got the string "yes".
      ::error file=odd dir/100%25%2Ca%3Ab.yaml,line=1,col=5,title=ncco invalid-type::Expected an array,%0D%0Anot "x" (100%25).
      ::error file=missing.json,title=ncco file-unreadable::The file could not be read: no such file or directory.
      ::error line=1,col=2,title=ncco empty-string::"x" must not be empty.
      All 5 findings:
      examples/ivr.json:4:5: error unknown-key: "txt" is not a known field of the talk action. (hint: did you mean "text"?)
      examples/ivr.json:5:16: warning stringly-scalar: Expected a boolean, got the string "yes".
      odd dir/100%,a:b.yaml:1:5: error invalid-type: Expected an array,␍␊not "x" (100%).
      missing.json: error file-unreadable: The file could not be read: no such file or directory.
      <stdin>:1:2: error empty-string: "x" must not be empty.
      ✖ 4 errors and 1 warning in 4 of 5 files.
      "
    `)
  })
})

describe('formatSarif', () => {
  const log = JSON.parse(formatSarif(reports, { version: '9.8.7' })) as {
    runs: Array<{ tool: { driver: { rules: unknown } } }>
  }

  it('describes the rules used, in code order, from the issue catalog', () => {
    const codes = [
      'empty-string',
      'file-unreadable',
      'invalid-type',
      'stringly-scalar',
      'unknown-key'
    ] as const
    expect(log.runs[0]?.tool.driver.rules).toStrictEqual(
      codes.map((id) => ({
        id,
        shortDescription: { text: issueCatalog[id].meaning },
        help: { text: `Source: ${issueCatalog[id].source}.` }
      }))
    )
  })

  it('prints a SARIF 2.1.0 log', () => {
    const run = log.runs[0]
    if (run === undefined) throw new Error('no run')
    run.tool.driver.rules = '(checked above)'
    expect(JSON.stringify(log, null, 2)).toMatchInlineSnapshot(`
      "{
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
          {
            "tool": {
              "driver": {
                "name": "ncco",
                "version": "9.8.7",
                "semanticVersion": "9.8.7",
                "rules": "(checked above)"
              }
            },
            "columnKind": "utf16CodeUnits",
            "results": [
              {
                "ruleId": "unknown-key",
                "ruleIndex": 4,
                "level": "error",
                "message": {
                  "text": "\\"txt\\" is not a known field of the talk action. Hint: did you mean \\"text\\"?"
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "examples/ivr.json"
                      },
                      "region": {
                        "startLine": 4,
                        "startColumn": 5
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "stringly-scalar",
                "ruleIndex": 3,
                "level": "warning",
                "message": {
                  "text": "Expected a boolean, got the string \\"yes\\"."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "examples/ivr.json"
                      },
                      "region": {
                        "startLine": 5,
                        "startColumn": 16
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "invalid-type",
                "ruleIndex": 2,
                "level": "error",
                "message": {
                  "text": "Expected an array,\\r\\nnot \\"x\\" (100%)."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "odd%20dir/100%25%2Ca%3Ab.yaml"
                      },
                      "region": {
                        "startLine": 1,
                        "startColumn": 5
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "file-unreadable",
                "ruleIndex": 1,
                "level": "error",
                "message": {
                  "text": "The file could not be read: no such file or directory."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "missing.json"
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "empty-string",
                "ruleIndex": 0,
                "level": "error",
                "message": {
                  "text": "\\"x\\" must not be empty."
                },
                "locations": []
              }
            ]
          }
        ]
      }"
    `)
  })
})

describe('colourEnabled', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true]
  ])('%j on a terminal: %s → %s', (env, tty, expected) => {
    expect(colourEnabled(env, tty)).toBe(expected)
  })
})

describe('exit codes', () => {
  const summary = summarise(reports.slice(4))
  it('is 0 without errors, unless the warnings exceed --max-warnings', () => {
    expect(exitCodeOf(summary, undefined)).toBe(0)
    expect(exitCodeOf({ files: 1, errors: 0, warnings: 3 }, undefined)).toBe(0)
    expect(exitCodeOf({ files: 1, errors: 0, warnings: 3 }, 3)).toBe(0)
    expect(exitCodeOf({ files: 1, errors: 0, warnings: 3 }, 2)).toBe(1)
    expect(exitCodeOf({ files: 1, errors: 0, warnings: 0 }, 0)).toBe(0)
  })
  it('is 1 with any error', () => {
    expect(exitCodeOf(summarise(reports), undefined)).toBe(1)
  })
})
