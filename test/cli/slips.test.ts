/**
 * Messages that fix the common slips (issue 10): YAML scalars that are not what they look
 * like, the same warning on many actions said once, did-you-mean for commands and flags,
 * `--max-warnings` that says why the run fails, the github note only when it applies, and
 * SARIF locations relative to `%SRCROOT%`.
 */
import { describe, expect, it } from 'vitest'
import { callCreateCommand } from '../../src/cli/call-create-command.js'
import { main } from '../../src/cli/main.js'
import { makeValidateCommand } from '../../src/cli/validate-command.js'
import { validateCallV1, validateCallV2, validateNcco } from '../../src/validate.js'
import { fakeIo } from './fake-io.js'
import { memoryFileSystem } from './memory-fs.js'

const talk = { action: 'talk', text: 'Hi' }
const voiced = { ...talk, voiceName: 'Amy' }
const fs = memoryFileSystem('/repo', {
  'slips.yaml': [
    '- action: record',
    '  endOnKey: #',
    '- action: connect',
    '  endpoint:',
    '    - type: phone',
    '      number: 447700900001',
    '- action: record',
    '  endOnKey: 1',
    '- action: record',
    "  endOnKey: '#'",
    '- action: talk',
    '  text: Hi',
    '  bargeIn: 1',
    ''
  ].join('\n'),
  'voices.json': JSON.stringify([voiced, talk, voiced, voiced, voiced, voiced, voiced, voiced]),
  'two-voices.json': JSON.stringify([voiced, voiced]),
  'nccos/sub/ivr.json': JSON.stringify([{ action: 'talk' }]),
  'eleven.json': JSON.stringify(Array.from({ length: 11 }, () => ({ action: 'talk' }))),
  'app.key':
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n'
})
const validators = { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 }
const validate = makeValidateCommand({ fs, validators, version: '0.2.0' })

const run = async (
  argv: ReadonlyArray<string>,
  cwd = '/repo'
): Promise<readonly [number, string, string]> => {
  const recorded = fakeIo({ cwd })
  const code = await validate(argv, recorded.io)
  return [code, recorded.stdout(), recorded.stderr()]
}

describe('YAML scalars that are not what they look like', () => {
  it('an unquoted number where a string is wanted: quote it; an empty value before #: a comment', async () => {
    const [code, out] = await run(['slips.yaml'])
    expect(code).toBe(1)
    expect(out).toMatchInlineSnapshot(`
      "slips.yaml:2:13: error invalid-type: Expected one of "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", got null.
        hint: In YAML a # after a space starts a comment, so this value is empty (null): write "#" in quotes when # is the value.
          1 | - action: record
        > 2 |   endOnKey: #
            |             ^
          3 | - action: connect

      slips.yaml:6:15: error invalid-type: Expected a string, got a number (447700900001).
        hint: YAML reads the unquoted 447700900001 as a number: quote it, "447700900001", to give a string.
          5 |     - type: phone
        > 6 |       number: 447700900001
            |               ^
          7 | - action: record

      slips.yaml:8:13: error invalid-type: Expected one of "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", got a number (1).
        hint: YAML reads the unquoted 1 as a number: quote it, "1", to give a string.
          7 | - action: record
        > 8 |   endOnKey: 1
            |             ^
          9 | - action: record

      slips.yaml:13:12: error invalid-type: Expected a boolean, got a number (1).
          12 |   text: Hi
        > 13 |   bargeIn: 1
             |            ^

      ✖ 4 errors and 0 warnings in 1 of 1 file.
      "
    `)
  })
})

describe('the same warning on many actions', () => {
  it('pretty: the first in full, then one line for the others', async () => {
    const [code, out] = await run(['voices.json', 'two-voices.json'])
    expect(code).toBe(0)
    expect(out).toMatchInlineSnapshot(`
      "voices.json:1:43: warning deprecated-voice-name: "voiceName" is deprecated; use "language" and "style" instead.
        > 1 | [{"action":"talk","text":"Hi","voiceName":"Amy"},{"action":"talk","text":"Hi"},{"action":"talk","tex…
            |                                           ^
        … and 6 more deprecated-voice-name warnings in this file, at 1:121, 1:169, 1:217, 1:265, 1:313, …

      two-voices.json:1:43: warning deprecated-voice-name: "voiceName" is deprecated; use "language" and "style" instead.
        > 1 | [{"action":"talk","text":"Hi","voiceName":"Amy"},{"action":"talk","text":"Hi","voiceName":"Amy"}]
            |                                           ^

      two-voices.json:1:91: warning deprecated-voice-name: "voiceName" is deprecated; use "language" and "style" instead.
        > 1 | [{"action":"talk","text":"Hi","voiceName":"Amy"},{"action":"talk","text":"Hi","voiceName":"Amy"}]
            |                                                                                           ^

      ✔ 2 files valid, 9 warnings.
      "
    `)
  })

  it('json still lists each one', async () => {
    const [, out] = await run(['--format', 'json', 'voices.json'])
    expect(
      (JSON.parse(out) as { files: Array<{ issues: unknown[] }> }).files[0]?.issues
    ).toHaveLength(7)
  })
})

describe('did you mean', () => {
  const ncco = async (...argv: string[]): Promise<readonly [number, string]> => {
    const recorded = fakeIo()
    const code = await main(argv, recorded.io)
    return [code, recorded.stderr()]
  }

  it.each([
    [
      ['valdate', 'a.json'],
      "ncco: unknown command 'valdate': did you mean 'validate'? (commands: validate, call create, simulate, sandbox, schema, campaign)"
    ],
    [['--verison'], 'ncco: unknown option --verison: did you mean --version?'],
    [
      ['call', 'craete'],
      "ncco: unknown subcommand 'call craete': did you mean 'call create'? (subcommands: create)"
    ],
    [['schema', '--knd=ncco'], 'ncco schema: unknown option --knd: did you mean --kind?'],
    [
      ['validate', '--fromat', 'json', 'a.json'],
      'ncco validate: unknown option --fromat: did you mean --format? (options: --kind, --profile, --format, --max-warnings, --max-findings, --help)'
    ],
    [
      ['simulate', '--answer-ulr', 'http://127.0.0.1:1/'],
      'ncco simulate: unknown option --answer-ulr: did you mean --answer-url?'
    ]
  ])('%j', async (argv, message) => {
    const [code, stderr] = await ncco(...argv)
    expect([code, stderr.split('\n')[0]]).toStrictEqual([2, message])
  })

  it('call create: a mistyped flag, named without its value', async () => {
    const recorded = fakeIo()
    const code = await callCreateCommand(
      ['request.json', '--dryrun', '--privte-key=secret.key'],
      recorded.io
    )
    expect([code, recorded.stderr().split('\n')[0]]).toStrictEqual([
      2,
      'ncco call create: unknown option --dryrun: did you mean --dry-run?'
    ])
  })

  it('no suggestion for a word nothing is close to', async () => {
    expect(await ncco('lint')).toStrictEqual([
      2,
      "ncco: unknown command 'lint' (commands: validate, call create, simulate, sandbox, schema, campaign)\nRun 'ncco --help' for usage.\n"
    ])
  })
})

describe('--max-warnings exceeded', () => {
  it('the summary says so, not "valid"', async () => {
    const [code, out, err] = await run(['two-voices.json', '--max-warnings', '1'])
    expect(code).toBe(1)
    expect(out.split('\n').at(-2)).toBe(
      '✖ 2 warnings in 1 of 1 file, more than --max-warnings 1 allows (no errors).'
    )
    expect(err).toBe('ncco validate: 2 warnings, more than --max-warnings 1 allows.\n')
    const [, github] = await run(['--format', 'github', 'two-voices.json', '--max-warnings=0'])
    expect(github.split('\n').at(-2)).toBe(
      '✖ 2 warnings in 1 of 1 file, more than --max-warnings 0 allows (no errors).'
    )
  })

  it('within the limit, the summary is unchanged', async () => {
    const [code, out] = await run(['two-voices.json', '--max-warnings', '2'])
    expect([code, out.split('\n').at(-2)]).toStrictEqual([0, '✔ 1 file valid, 2 warnings.'])
  })
})

describe('github: the note on GitHub showing 10 annotations', () => {
  it('only with more than 10 findings', async () => {
    const heading = async (file: string): Promise<string | undefined> =>
      (await run(['--format', 'github', file]))[1].split('\n').find((l) => l.startsWith('All '))
    expect(await heading('nccos/sub/ivr.json')).toBe('All 1 finding:')
    expect(await heading('eleven.json')).toBe(
      'All 11 findings (GitHub shows at most 10 annotations per step):'
    )
  })
})

describe('sarif: locations relative to %SRCROOT%', () => {
  it('run from a subdirectory, the base is that directory as a file: URI ending in /', async () => {
    const [, out] = await run(['--format', 'sarif', 'sub/ivr.json'], '/repo/nccos')
    const run0 = (
      JSON.parse(out) as {
        runs: Array<{
          originalUriBaseIds: unknown
          results: Array<{ locations: Array<{ physicalLocation: unknown }> }>
        }>
      }
    ).runs[0]
    expect(run0?.originalUriBaseIds).toStrictEqual({ '%SRCROOT%': { uri: 'file:///repo/nccos/' } })
    expect(run0?.results[0]?.locations[0]?.physicalLocation).toStrictEqual({
      artifactLocation: { uri: 'sub/ivr.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 2 }
    })
  })
})

describe('a private key given to validate', () => {
  it('is named as one, and none of it is quoted', async () => {
    expect(await run(['app.key'])).toStrictEqual([
      1,
      'app.key: error request-is-private-key: The file holds a private key, not an NCCO or a create-call request; its content is not shown.\n' +
        '  hint: a private key is no NCCO; keep key files out of what you validate.\n\n' +
        '✖ 1 error and 0 warnings in 1 of 1 file.\n',
      ''
    ])
  })
})
