/**
 * The built `ncco` binary, run as a child process on fixture files: every output format
 * pinned, every exit code, every way a file can be unusable, standard input, patterns, and a
 * directory of 1,000 files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { hasAnsi, showAnsi, stripAnsi } from './ansi.js'
import { binPath, buildCli, ncco, repositoryRoot } from './built-cli.js'

const fixtures = join(repositoryRoot, 'test', 'fixtures', 'cli')
const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  version: string
  bin: Record<string, string>
}

interface JsonOutput {
  readonly files: ReadonlyArray<{
    readonly file: string
    readonly kind: string
    readonly valid: boolean
    readonly issues: ReadonlyArray<Record<string, unknown>>
  }>
  readonly summary: { readonly files: number; readonly errors: number; readonly warnings: number }
}

const json = (stdout: string): JsonOutput => JSON.parse(stdout) as JsonOutput

/** `file: code@line:column` for every finding, the compact view used below. */
const findings = (output: JsonOutput): ReadonlyArray<string> =>
  output.files.flatMap((f) =>
    f.issues.map(
      (i) =>
        `${f.file}: ${String(i['code'])}` +
        (i['line'] === undefined ? '' : `@${String(i['line'])}:${String(i['column'])}`)
    )
  )

let scratch = ''

beforeAll(async () => {
  await buildCli()
  scratch = mkdtempSync(join(tmpdir(), 'ncco-cli-'))
}, 120_000)

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true })
})

describe.concurrent('ncco', () => {
  it('is the package binary, a Node script', async ({ expect }) => {
    expect(manifest.bin).toStrictEqual({ ncco: './dist/cli/bin.js' })
    expect(readFileSync(binPath, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('prints its version', async ({ expect }) => {
    expect(await ncco(['--version'])).toStrictEqual({
      code: 0,
      stdout: `${manifest.version}\n`,
      stderr: ''
    })
  })

  it('prints its help with --help and -h, and on stderr with exit code 2 when given nothing', async ({
    expect
  }) => {
    const help = await ncco(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: ncco <command> \[options\]\n/)
    expect((await ncco(['-h'])).stdout).toBe(help.stdout)
    expect(await ncco([])).toStrictEqual({ code: 2, stdout: '', stderr: help.stdout })
  })

  it.for<readonly [ReadonlyArray<string>, string]>([
    [['--verbose'], "ncco: unknown option --verbose\nRun 'ncco --help' for usage.\n"],
    [
      ['lint', 'x.json'],
      "ncco: unknown command 'lint' (commands: validate, call create, simulate, sandbox, schema, campaign)\nRun 'ncco --help' for usage.\n"
    ],
    [
      ['schema', '--kind', 'call-v3'],
      "ncco schema: --kind must be ncco, call-v1 or call-v2, got call-v3\nRun 'ncco schema --help' for usage.\n"
    ],
    [
      ['schema', 'x.json'],
      "ncco schema: unexpected argument x.json\nRun 'ncco schema --help' for usage.\n"
    ],
    [
      ['schema', '--kind'],
      "ncco schema: --kind needs a value: ncco, call-v1 or call-v2\nRun 'ncco schema --help' for usage.\n"
    ],
    [['call'], "ncco: 'ncco call' needs a subcommand: create\nRun 'ncco --help' for usage.\n"],
    [
      ['call', 'delete'],
      "ncco: unknown subcommand 'call delete' (subcommands: create)\nRun 'ncco --help' for usage.\n"
    ]
  ])('refuses %j with exit code 2', async ([args, stderr], { expect }) => {
    expect(await ncco(args)).toStrictEqual({ code: 2, stdout: '', stderr })
  })

  it('prints the shipped JSON Schema with "schema"', async ({ expect }) => {
    const { readFile } = await import('node:fs/promises')
    for (const kind of ['ncco', 'call-v1', 'call-v2']) {
      const result = await ncco(['schema', '--kind', kind])
      expect(result).toStrictEqual({
        code: 0,
        stdout: await readFile(`schema/${kind}.json`, 'utf8'),
        stderr: ''
      })
    }
    expect((await ncco(['schema'])).stdout).toBe(await readFile('schema/ncco.json', 'utf8'))
    expect((await ncco(['schema', '--kind=call-v2'])).stdout).toBe(
      await readFile('schema/call-v2.json', 'utf8')
    )
    expect((await ncco(['schema', '--help'])).stdout).toMatch(/^Usage: ncco schema /)
  })

  it('hands "call create" to its command', async ({ expect }) => {
    const result = await ncco(['call', 'create', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: ncco call create /)
  })
})

describe.concurrent('ncco validate: exit codes', () => {
  const run = (...args: string[]): ReturnType<typeof ncco> =>
    ncco(['validate', ...args], { cwd: fixtures })

  it('0: no errors', async ({ expect }) => {
    expect(await run('valid')).toStrictEqual({ code: 0, stdout: '✔ 2 files valid.\n', stderr: '' })
  })

  it('0: warnings only, within --max-warnings', async ({ expect }) => {
    expect((await run('warnings')).code).toBe(0)
    expect((await run('--max-warnings', '1', 'warnings')).code).toBe(0)
  })

  it('1: more warnings than --max-warnings', async ({ expect }) => {
    const result = await run('--max-warnings', '0', 'warnings', 'valid')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('ncco validate: 1 warning, more than --max-warnings 0 allows.\n')
  })

  it('1: any error in any file', async ({ expect }) => {
    expect((await run('valid', 'invalid/booleans.yaml')).code).toBe(1)
  })

  it('2: usage errors', async ({ expect }) => {
    expect(await run('--format', 'xml', 'valid')).toStrictEqual({
      code: 2,
      stdout: '',
      stderr:
        'ncco validate: --format must be one of pretty, json, github, sarif; got "xml"\n' +
        "Run 'ncco validate --help' for usage.\n"
    })
    expect((await run()).code).toBe(2)
    expect((await run('--max-warnings', 'many', 'valid')).code).toBe(2)
  })

  it('2: nothing to validate', async ({ expect }) => {
    expect(await run('nowhere/*.json', '**/*.toml')).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: 'ncco validate: nothing to validate: no file matches "nowhere/*.json", "**/*.toml".\n'
    })
  })

  it('prints its help', async ({ expect }) => {
    const result = await run('--help')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: ncco validate \[options\] <file\|dir\|glob\|->\.\.\.\n/)
  })
})

describe.concurrent('ncco validate: output formats', () => {
  const operands = ['valid', 'warnings', 'invalid', 'missing.json']
  const run = (...args: string[]): ReturnType<typeof ncco> =>
    ncco(['validate', ...args, ...operands], { cwd: fixtures })

  it('pretty (the default; no colour when piped)', async ({ expect }) => {
    const result = await run()
    expect(result.code).toBe(1)
    expect(result.stdout).toMatchInlineSnapshot(`
      "warnings/voice-name.json:1:52: warning deprecated-voice-name: "voiceName" is deprecated; use "language" and "style" instead.
        > 1 | [{ "action": "talk", "text": "Hello", "voiceName": "Amy" }]
            |                                                    ^

      invalid/booleans.yaml:3:12: error invalid-type: Expected a boolean, got a string ("yes").
        hint: YAML 1.2 reads the unquoted yes as the string "yes", not a boolean: write true or false.
          2 |   text: Welcome
        > 3 |   bargeIn: yes
            |            ^
          4 | - action: input

      invalid/booleans.yaml:7:19: error invalid-type: Expected a boolean, got a string ("on").
        hint: YAML 1.2 reads the unquoted on as the string "on", not a boolean: write true or false.
          6 |   dtmf:
        > 7 |     submitOnHash: on
            |                   ^

      invalid/ivr.json:2:3: error missing-required: The talk action requires "text", which is missing.
          1 | [
        > 2 |   {
            |   ^
          3 |     "action": "talk",

      invalid/ivr.json:4:5: error unknown-key: "txt" is not a known field of the talk action.
        hint: did you mean "text"?
          3 |     "action": "talk",
        > 4 |     "txt": "Press 1 for sales.",
            |     ^
          5 |     "level": 2

      invalid/ivr.json:5:14: error out-of-range: "level" must be between -1 and 1, got 2.
          4 |     "txt": "Press 1 for sales.",
        > 5 |     "level": 2
            |              ^
          6 |   },

      invalid/ivr.json:10:5: error duplicate-key: The key "type" appears more than once in this object; only the last would be used.
           9 |     "type": ["dtmf"],
        > 10 |     "type": ["speech"],
             |     ^
          11 |     "eventUrl": ["https://example.com/ivr"]

      invalid/ivr.json:13:38: error unknown-key: "__proto__" is not a known field of the talk action.
          12 |   },
        > 13 |   { "action": "talk", "text": "Bye", "__proto__": { "polluted": true } }
             |                                      ^
          14 | ]

      invalid/trailing-comma.json:2:37: error parse-error: Invalid JSON: a trailing comma before '}' is not allowed.
          1 | [
        > 2 |   { "action": "talk", "text": "Hi", }
            |                                     ^
          3 | ]

      invalid/two-documents.yaml:3:1: error parse-error: Invalid YAML: the file holds 2 documents; put each NCCO or request in a file of its own.
          2 |   text: first
        > 3 | ---
            | ^
          4 | - action: talk

      missing.json: error file-unreadable: The file could not be read: no such file or directory.

      ✖ 10 errors and 1 warning in 6 of 8 files.
      "
    `)
  })

  it('pretty with colour, when FORCE_COLOR asks for it, and without when NO_COLOR is set', async ({
    expect
  }) => {
    const coloured = await ncco(['validate', 'invalid/booleans.yaml'], {
      cwd: fixtures,
      env: { FORCE_COLOR: '1' }
    })
    expect(showAnsi(coloured.stdout)).toMatchInlineSnapshot(`
      "<1>invalid/booleans.yaml:3:12<22>: <31>error<39> <2>invalid-type<22>: Expected a boolean, got a string ("yes").
        <36>hint:<39> YAML 1.2 reads the unquoted yes as the string "yes", not a boolean: write true or false.
          <2>2 |<22>   text: Welcome
        > <2>3 |<22>   bargeIn: yes
          <2>  |<22>            <31>^<39>
          <2>4 |<22> - action: input

      <1>invalid/booleans.yaml:7:19<22>: <31>error<39> <2>invalid-type<22>: Expected a boolean, got a string ("on").
        <36>hint:<39> YAML 1.2 reads the unquoted on as the string "on", not a boolean: write true or false.
          <2>6 |<22>   dtmf:
        > <2>7 |<22>     submitOnHash: on
          <2>  |<22>                   <31>^<39>

      <31>✖ 2 errors and 0 warnings in 1 of 1 file.<39>
      "
    `)
    const plain = await ncco(['validate', 'invalid/booleans.yaml'], {
      cwd: fixtures,
      env: { NO_COLOR: '1' }
    })
    expect(hasAnsi(plain.stdout)).toBe(false)
    expect(plain.stdout).toBe(stripAnsi(coloured.stdout))
  })

  it('json', async ({ expect }) => {
    const result = await run('--format', 'json')
    expect(result.code).toBe(1)
    expect(result.stdout).toMatchInlineSnapshot(`
      "{
        "files": [
          {
            "file": "valid/greeting.json",
            "kind": "ncco",
            "valid": true,
            "issues": []
          },
          {
            "file": "valid/outbound.yaml",
            "kind": "call-v1",
            "valid": true,
            "issues": []
          },
          {
            "file": "warnings/voice-name.json",
            "kind": "ncco",
            "valid": true,
            "issues": [
              {
                "code": "deprecated-voice-name",
                "severity": "warning",
                "path": "/0/voiceName",
                "message": "\\"voiceName\\" is deprecated; use \\"language\\" and \\"style\\" instead.",
                "line": 1,
                "column": 52
              }
            ]
          },
          {
            "file": "invalid/booleans.yaml",
            "kind": "ncco",
            "valid": false,
            "issues": [
              {
                "code": "invalid-type",
                "severity": "error",
                "path": "/0/bargeIn",
                "message": "Expected a boolean, got a string (\\"yes\\").",
                "hint": "YAML 1.2 reads the unquoted yes as the string \\"yes\\", not a boolean: write true or false.",
                "line": 3,
                "column": 12
              },
              {
                "code": "invalid-type",
                "severity": "error",
                "path": "/1/dtmf/submitOnHash",
                "message": "Expected a boolean, got a string (\\"on\\").",
                "hint": "YAML 1.2 reads the unquoted on as the string \\"on\\", not a boolean: write true or false.",
                "line": 7,
                "column": 19
              }
            ]
          },
          {
            "file": "invalid/ivr.json",
            "kind": "ncco",
            "valid": false,
            "issues": [
              {
                "code": "missing-required",
                "severity": "error",
                "path": "/0/text",
                "message": "The talk action requires \\"text\\", which is missing.",
                "line": 2,
                "column": 3
              },
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
                "code": "out-of-range",
                "severity": "error",
                "path": "/0/level",
                "message": "\\"level\\" must be between -1 and 1, got 2.",
                "line": 5,
                "column": 14
              },
              {
                "code": "duplicate-key",
                "severity": "error",
                "path": "/1/type",
                "message": "The key \\"type\\" appears more than once in this object; only the last would be used.",
                "line": 10,
                "column": 5
              },
              {
                "code": "unknown-key",
                "severity": "error",
                "path": "/2/__proto__",
                "message": "\\"__proto__\\" is not a known field of the talk action.",
                "line": 13,
                "column": 38
              }
            ]
          },
          {
            "file": "invalid/trailing-comma.json",
            "kind": "ncco",
            "valid": false,
            "issues": [
              {
                "code": "parse-error",
                "severity": "error",
                "path": "",
                "message": "Invalid JSON: a trailing comma before '}' is not allowed.",
                "line": 2,
                "column": 37
              }
            ]
          },
          {
            "file": "invalid/two-documents.yaml",
            "kind": "ncco",
            "valid": false,
            "issues": [
              {
                "code": "parse-error",
                "severity": "error",
                "path": "",
                "message": "Invalid YAML: the file holds 2 documents; put each NCCO or request in a file of its own.",
                "line": 3,
                "column": 1
              }
            ]
          },
          {
            "file": "missing.json",
            "kind": "ncco",
            "valid": false,
            "issues": [
              {
                "code": "file-unreadable",
                "severity": "error",
                "path": "",
                "message": "The file could not be read: no such file or directory."
              }
            ]
          }
        ],
        "summary": {
          "files": 8,
          "errors": 10,
          "warnings": 1
        }
      }
      "
    `)
  })

  it('github', async ({ expect }) => {
    const result = await run('--format', 'github')
    expect(result.code).toBe(1)
    expect(result.stdout).toMatchInlineSnapshot(`
      "::warning file=warnings/voice-name.json,line=1,col=52,title=ncco deprecated-voice-name::"voiceName" is deprecated; use "language" and "style" instead.
      ::error file=invalid/booleans.yaml,line=3,col=12,title=ncco invalid-type::Expected a boolean, got a string ("yes"). Hint: YAML 1.2 reads the unquoted yes as the string "yes", not a boolean: write true or false.
      ::error file=invalid/booleans.yaml,line=7,col=19,title=ncco invalid-type::Expected a boolean, got a string ("on"). Hint: YAML 1.2 reads the unquoted on as the string "on", not a boolean: write true or false.
      ::error file=invalid/ivr.json,line=2,col=3,title=ncco missing-required::The talk action requires "text", which is missing.
      ::error file=invalid/ivr.json,line=4,col=5,title=ncco unknown-key::"txt" is not a known field of the talk action. Hint: did you mean "text"?
      ::error file=invalid/ivr.json,line=5,col=14,title=ncco out-of-range::"level" must be between -1 and 1, got 2.
      ::error file=invalid/ivr.json,line=10,col=5,title=ncco duplicate-key::The key "type" appears more than once in this object; only the last would be used.
      ::error file=invalid/ivr.json,line=13,col=38,title=ncco unknown-key::"__proto__" is not a known field of the talk action.
      ::error file=invalid/trailing-comma.json,line=2,col=37,title=ncco parse-error::Invalid JSON: a trailing comma before '}' is not allowed.
      ::error file=invalid/two-documents.yaml,line=3,col=1,title=ncco parse-error::Invalid YAML: the file holds 2 documents; put each NCCO or request in a file of its own.
      ::error file=missing.json,title=ncco file-unreadable::The file could not be read: no such file or directory.
      All 11 findings (GitHub shows at most 10 annotations per step):
      warnings/voice-name.json:1:52: warning deprecated-voice-name: "voiceName" is deprecated; use "language" and "style" instead.
      invalid/booleans.yaml:3:12: error invalid-type: Expected a boolean, got a string ("yes"). (hint: YAML 1.2 reads the unquoted yes as the string "yes", not a boolean: write true or false.)
      invalid/booleans.yaml:7:19: error invalid-type: Expected a boolean, got a string ("on"). (hint: YAML 1.2 reads the unquoted on as the string "on", not a boolean: write true or false.)
      invalid/ivr.json:2:3: error missing-required: The talk action requires "text", which is missing.
      invalid/ivr.json:4:5: error unknown-key: "txt" is not a known field of the talk action. (hint: did you mean "text"?)
      invalid/ivr.json:5:14: error out-of-range: "level" must be between -1 and 1, got 2.
      invalid/ivr.json:10:5: error duplicate-key: The key "type" appears more than once in this object; only the last would be used.
      invalid/ivr.json:13:38: error unknown-key: "__proto__" is not a known field of the talk action.
      invalid/trailing-comma.json:2:37: error parse-error: Invalid JSON: a trailing comma before '}' is not allowed.
      invalid/two-documents.yaml:3:1: error parse-error: Invalid YAML: the file holds 2 documents; put each NCCO or request in a file of its own.
      missing.json: error file-unreadable: The file could not be read: no such file or directory.
      ✖ 10 errors and 1 warning in 6 of 8 files.
      "
    `)
  })

  it('sarif', async ({ expect }) => {
    const result = await run('--format=sarif')
    expect(result.code).toBe(1)
    const log = JSON.parse(result.stdout) as {
      runs: Array<{ tool: { driver: { version: string } } }>
    }
    expect(log.runs[0]?.tool.driver.version).toBe(manifest.version)
    const cwdUri = `${pathToFileURL(fixtures).href}/`
    expect(result.stdout.replaceAll(manifest.version, '<version>').replaceAll(cwdUri, '<cwd>/'))
      .toMatchInlineSnapshot(`
      "{
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
          {
            "tool": {
              "driver": {
                "name": "ncco",
                "version": "<version>",
                "semanticVersion": "<version>",
                "rules": [
                  {
                    "id": "deprecated-voice-name",
                    "shortDescription": {
                      "text": "talk voiceName is deprecated."
                    },
                    "help": {
                      "text": "Source: NCCO reference (voiceName deprecated: use language and style)."
                    }
                  },
                  {
                    "id": "duplicate-key",
                    "shortDescription": {
                      "text": "The same key twice in one object (JSON.parse would silently keep the last)."
                    },
                    "help": {
                      "text": "Source: CLI; RFC 8259 §4 (\\"names within an object SHOULD be unique\\")."
                    }
                  },
                  {
                    "id": "file-unreadable",
                    "shortDescription": {
                      "text": "The file could not be read (missing, a directory, no permission)."
                    },
                    "help": {
                      "text": "Source: CLI."
                    }
                  },
                  {
                    "id": "invalid-type",
                    "shortDescription": {
                      "text": "The value has the wrong JSON type (or is not JSON at all: NaN, undefined, a Date)."
                    },
                    "help": {
                      "text": "Source: NCCO reference field tables; docs/rules.md §1."
                    }
                  },
                  {
                    "id": "missing-required",
                    "shortDescription": {
                      "text": "A required field is absent; reported at the path it should have."
                    },
                    "help": {
                      "text": "Source: NCCO reference field tables (Required column); Voice API OpenAPI 1.10."
                    }
                  },
                  {
                    "id": "out-of-range",
                    "shortDescription": {
                      "text": "A number outside its documented range (ranges are inclusive)."
                    },
                    "help": {
                      "text": "Source: NCCO reference; docs/rules.md §4, §6."
                    }
                  },
                  {
                    "id": "parse-error",
                    "shortDescription": {
                      "text": "The file is not valid JSON or YAML; the position is that of the error."
                    },
                    "help": {
                      "text": "Source: CLI."
                    }
                  },
                  {
                    "id": "unknown-key",
                    "shortDescription": {
                      "text": "A key that the documentation does not define for this object (error in strict, warning in lenient)."
                    },
                    "help": {
                      "text": "Source: docs/rules.md §1."
                    }
                  }
                ]
              }
            },
            "originalUriBaseIds": {
              "%SRCROOT%": {
                "uri": "<cwd>/"
              }
            },
            "columnKind": "utf16CodeUnits",
            "results": [
              {
                "ruleId": "deprecated-voice-name",
                "ruleIndex": 0,
                "level": "warning",
                "message": {
                  "text": "\\"voiceName\\" is deprecated; use \\"language\\" and \\"style\\" instead."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "warnings/voice-name.json",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 1,
                        "startColumn": 52
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "invalid-type",
                "ruleIndex": 3,
                "level": "error",
                "message": {
                  "text": "Expected a boolean, got a string (\\"yes\\"). Hint: YAML 1.2 reads the unquoted yes as the string \\"yes\\", not a boolean: write true or false."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/booleans.yaml",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 3,
                        "startColumn": 12
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "invalid-type",
                "ruleIndex": 3,
                "level": "error",
                "message": {
                  "text": "Expected a boolean, got a string (\\"on\\"). Hint: YAML 1.2 reads the unquoted on as the string \\"on\\", not a boolean: write true or false."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/booleans.yaml",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 7,
                        "startColumn": 19
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "missing-required",
                "ruleIndex": 4,
                "level": "error",
                "message": {
                  "text": "The talk action requires \\"text\\", which is missing."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/ivr.json",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 2,
                        "startColumn": 3
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "unknown-key",
                "ruleIndex": 7,
                "level": "error",
                "message": {
                  "text": "\\"txt\\" is not a known field of the talk action. Hint: did you mean \\"text\\"?"
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/ivr.json",
                        "uriBaseId": "%SRCROOT%"
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
                "ruleId": "out-of-range",
                "ruleIndex": 5,
                "level": "error",
                "message": {
                  "text": "\\"level\\" must be between -1 and 1, got 2."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/ivr.json",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 5,
                        "startColumn": 14
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "duplicate-key",
                "ruleIndex": 1,
                "level": "error",
                "message": {
                  "text": "The key \\"type\\" appears more than once in this object; only the last would be used."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/ivr.json",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 10,
                        "startColumn": 5
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "unknown-key",
                "ruleIndex": 7,
                "level": "error",
                "message": {
                  "text": "\\"__proto__\\" is not a known field of the talk action."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/ivr.json",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 13,
                        "startColumn": 38
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "parse-error",
                "ruleIndex": 6,
                "level": "error",
                "message": {
                  "text": "Invalid JSON: a trailing comma before '}' is not allowed."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/trailing-comma.json",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 2,
                        "startColumn": 37
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "parse-error",
                "ruleIndex": 6,
                "level": "error",
                "message": {
                  "text": "Invalid YAML: the file holds 2 documents; put each NCCO or request in a file of its own."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "invalid/two-documents.yaml",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 3,
                        "startColumn": 1
                      }
                    }
                  }
                ]
              },
              {
                "ruleId": "file-unreadable",
                "ruleIndex": 2,
                "level": "error",
                "message": {
                  "text": "The file could not be read: no such file or directory."
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "missing.json",
                        "uriBaseId": "%SRCROOT%"
                      }
                    }
                  }
                ]
              }
            ]
          }
        ]
      }
      "
    `)
  })
})

describe.concurrent('ncco validate: what it reads', () => {
  it('reads standard input with -, as JSON or YAML by its first character', async ({ expect }) => {
    const jsonIn = await ncco(['validate', '--format', 'json', '-'], {
      input: '[{"action": "talk", "txt": "Hi"}]'
    })
    expect(jsonIn.code).toBe(1)
    expect(findings(json(jsonIn.stdout))).toStrictEqual([
      '-: missing-required@1:2',
      '-: unknown-key@1:21'
    ])
    const yamlIn = await ncco(['validate', '--format', 'json', '--kind', 'ncco', '-'], {
      input: '- action: talk\n  text: Hi\n  bargeIn: on\n'
    })
    expect(findings(json(yamlIn.stdout))).toStrictEqual(['-: invalid-type@3:12'])
    expect(json(yamlIn.stdout).files[0]?.issues[0]?.['hint']).toBe(
      'YAML 1.2 reads the unquoted on as the string "on", not a boolean: write true or false.'
    )
    const valid = await ncco(['validate', '-', '-'], {
      input: '[{"action": "wait", "timeout": 1}]'
    })
    expect(valid).toStrictEqual({ code: 0, stdout: '✔ 1 file valid.\n', stderr: '' })
  })

  it('expands quoted patterns itself, without duplicates, in a stable order', async ({
    expect
  }) => {
    const result = await ncco(
      ['validate', '--format', 'json', '**/*.yaml', 'valid/*', 'valid/greeting.json'],
      { cwd: fixtures }
    )
    expect(json(result.stdout).files.map((f) => f.file)).toStrictEqual([
      'invalid/booleans.yaml',
      'invalid/two-documents.yaml',
      'valid/outbound.yaml',
      'valid/greeting.json'
    ])
  })

  it('validates as the kind it is told', async ({ expect }) => {
    const auto = json(
      (await ncco(['validate', '--format', 'json', 'requests'], { cwd: fixtures })).stdout
    )
    expect(auto.files.map((f) => [f.kind, f.valid])).toStrictEqual([['call-v1', true]])
    const v2 = await ncco(['validate', '--format', 'json', '--kind', 'call-v2', 'requests'], {
      cwd: fixtures
    })
    expect(v2.code).toBe(0)
    expect(json(v2.stdout).files.map((f) => f.kind)).toStrictEqual(['call-v2'])
    const asNcco = await ncco(['validate', '--format', 'json', '--kind', 'ncco', 'requests'], {
      cwd: fixtures
    })
    expect(findings(json(asNcco.stdout))).toStrictEqual(['requests/app-v2.json: invalid-type@1:1'])
  })

  it('reports the lenient profile’s findings as warnings', async ({ expect }) => {
    const strict = json(
      (
        await ncco(['validate', '--format', 'json', '-'], {
          input: '[{"action":"talk","text":"x","loop":"2"}]'
        })
      ).stdout
    )
    const lenient = await ncco(['validate', '--format', 'json', '--profile', 'lenient', '-'], {
      input: '[{"action":"talk","text":"x","loop":"2"}]'
    })
    expect(strict.summary).toStrictEqual({ files: 1, errors: 1, warnings: 0 })
    expect(lenient.code).toBe(0)
    expect(json(lenient.stdout).summary).toStrictEqual({ files: 1, errors: 0, warnings: 1 })
  })
})

describe.concurrent('ncco validate: files it cannot use', () => {
  it('reports each as a finding for that file and still validates the others', async ({
    expect
  }) => {
    const dir = join(scratch, 'unusable')
    mkdirSync(join(dir, 'empty-dir'), { recursive: true })
    mkdirSync(join(dir, 'texts'), { recursive: true })
    writeFileSync(join(dir, 'texts', 'readme.txt'), 'not validated')
    const files: Record<string, string | Uint8Array> = {
      'ok.json': '[{"action": "talk", "text": "Hi"}]',
      'empty.json': '',
      'blank.yaml': '  \n\t\n',
      'comments.yaml': '# nothing but a comment\n',
      'binary.json': Uint8Array.from([0x5b, 0x0a, 0x00, 0x01, 0x5d]),
      'latin1.json': Uint8Array.from([
        ...Buffer.from('[{"text": "caf'),
        0xe9,
        ...Buffer.from('"}]')
      ]),
      'utf16.json': Uint8Array.from([0xff, 0xfe, 0x5b, 0x00, 0x5d, 0x00]),
      'syntax.json': '[\n  {"action": "talk", "text": "Hi"\n]\n',
      'bom.json': '\ufeff[{"action": "talk", "txt": "Hi"}]'
    }
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
    const result = await ncco(
      [
        'validate',
        '--format',
        'json',
        ...Object.keys(files),
        'missing.json',
        'empty-dir',
        'texts',
        'absent/*.json'
      ],
      { cwd: dir }
    )
    expect(result.code).toBe(1)
    const output = json(result.stdout)
    expect(
      output.files.map((f) => [f.file, f.valid, ...f.issues.map((i) => i['message'])])
    ).toStrictEqual([
      ['ok.json', true],
      ['empty.json', false, 'The file is empty.'],
      ['blank.yaml', false, 'The file is empty.'],
      ['comments.yaml', false, 'The file is empty.'],
      [
        'binary.json',
        false,
        'The file is not UTF-8 text: it contains a NUL byte at byte 2, so it looks binary.'
      ],
      ['latin1.json', false, 'The file is not UTF-8 text: invalid UTF-8 sequence at byte 14.'],
      [
        'utf16.json',
        false,
        'The file is not UTF-8 text: it starts with a UTF-16 byte order mark; save it as UTF-8.'
      ],
      ['syntax.json', false, "Invalid JSON: expected ',' or '}', found ']'."],
      ['bom.json', false, expect.any(String), expect.any(String)],
      ['missing.json', false, 'The file could not be read: no such file or directory.'],
      [
        'empty-dir',
        false,
        'The file could not be read: it is a directory with no .json, .yaml or .yml files in it.'
      ],
      [
        'texts',
        false,
        'The file could not be read: it is a directory with no .json, .yaml or .yml files in it.'
      ],
      ['absent/*.json', false, 'The file could not be read: no file matches this pattern.']
    ])
    expect(findings(output)).toStrictEqual([
      'empty.json: file-empty',
      'blank.yaml: file-empty',
      'comments.yaml: file-empty',
      'binary.json: file-not-text@2:1',
      'latin1.json: file-not-text@1:15',
      'utf16.json: file-not-text',
      'syntax.json: parse-error@3:1',
      // The byte order mark is not a column: positions are those an editor shows.
      'bom.json: missing-required@1:2',
      'bom.json: unknown-key@1:21',
      'missing.json: file-unreadable',
      'empty-dir: file-unreadable',
      'texts: file-unreadable',
      'absent/*.json: file-unreadable'
    ])
    expect(output.summary).toStrictEqual({ files: 13, errors: 13, warnings: 0 })
  })

  it('reports a file it has no permission to read', async ({ expect, skip }) => {
    const file = join(scratch, 'secret.json')
    writeFileSync(file, '[]', { mode: 0o000 })
    // Root reads any file: as root, run the CLI as the unprivileged user "nobody" instead,
    // when that user can run it at all here (it needs to read the checkout).
    const asRoot = process.getuid?.() === 0
    const uid = asRoot ? 65534 : undefined
    if (uid !== undefined && (await ncco(['--version'], { uid })).code !== 0) {
      skip('running as root, and the user nobody cannot run the built CLI here')
    }
    const run = await ncco(['validate', '--format', 'json', file], uid === undefined ? {} : { uid })
    expect(run.code).toBe(1)
    expect(json(run.stdout).files[0]?.issues[0]?.['message']).toBe(
      'The file could not be read: permission denied.'
    )
  })

  it('turns 100,000 nested arrays into a parse error, in JSON and in YAML', async ({ expect }) => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    writeFileSync(join(scratch, 'deep.json'), deep)
    writeFileSync(join(scratch, 'deep.yaml'), deep)
    const result = await ncco(['validate', '--format', 'json', 'deep.json', 'deep.yaml'], {
      cwd: scratch
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    expect(
      json(result.stdout).files.map((f) =>
        f.issues.map((i) => [i['message'], i['line'], i['column']])
      )
    ).toStrictEqual([
      [['Invalid JSON: arrays and objects are nested more than 256 levels deep.', 1, 257]],
      [['Invalid YAML: collections are nested more than 256 levels deep.', 1, 257]]
    ])
  })
})

describe.concurrent('ncco validate: a directory of 1,000 files', () => {
  it('validates every file once, and counts right', async ({ expect }) => {
    const root = join(scratch, 'many')
    const expected: string[] = []
    const invalid: string[] = []
    for (let i = 0; i < 1000; i++) {
      const directory = `batch-${String(i % 7)}`
      const yaml = i % 10 === 3
      const name = `${directory}/doc-${String(i).padStart(4, '0')}.${yaml ? 'yaml' : 'json'}`
      const broken = i % 100 === 42
      const content = yaml
        ? broken
          ? '- action: talk\n'
          : `- action: talk\n  text: "Message ${String(i)}"\n`
        : JSON.stringify(
            broken ? [{ action: 'talk' }] : [{ action: 'talk', text: `Message ${String(i)}` }]
          )
      mkdirSync(join(root, directory), { recursive: true })
      writeFileSync(join(root, name), content)
      expected.push(`many/${name}`)
      if (broken) invalid.push(`many/${name}`)
    }
    mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true })
    writeFileSync(join(root, 'node_modules', 'dep', 'package.json'), '{}')
    writeFileSync(join(root, 'README.md'), '# not validated')
    const result = await ncco(['validate', '--format', 'json', 'many'], { cwd: scratch })
    expect(result.code).toBe(1)
    const output = json(result.stdout)
    expect(output.summary).toStrictEqual({ files: 1000, errors: 10, warnings: 0 })
    expect(output.files.map((f) => f.file)).toStrictEqual([...expected].sort())
    expect(output.files.filter((f) => !f.valid).map((f) => f.file)).toStrictEqual(
      [...invalid].sort()
    )
    const globbed = json(
      (await ncco(['validate', '--format', 'json', 'many/**/*.json'], { cwd: scratch })).stdout
    )
    expect(globbed.summary.files).toBe(900)
  })
})
