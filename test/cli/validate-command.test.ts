/**
 * The validate command run in-process on an in-memory file system, for what the binary tests
 * cannot reach cheaply: colour defaults, failing capabilities, a validator that throws.
 */
import { describe, expect, it } from 'vitest'
import type { Validator } from '../../src/cli/check-file.js'
import { main } from '../../src/cli/main.js'
import { makeValidateCommand } from '../../src/cli/validate-command.js'
import { validateCallV1, validateCallV2, validateNcco } from '../../src/validate.js'
import { hasAnsi } from './ansi.js'
import { fakeIo } from './fake-io.js'
import { memoryFileSystem } from './memory-fs.js'

const fs = memoryFileSystem('/repo', {
  'ok.json': '[{"action": "talk", "text": "Hi"}]',
  'bad.json': '[{"action": "talk"}]',
  'warn.json': '[{"action": "talk", "text": "Hi", "voiceName": "Amy"}]',
  'request.yaml': 'to: []\n'
})

const validators = { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 }
const validate = makeValidateCommand({ fs, validators, version: '1.2.3' })

/** [exit code, stdout, stderr] */
const run = async (
  argv: ReadonlyArray<string>,
  options: Parameters<typeof fakeIo>[0] = {}
): Promise<readonly [number, string, string]> => {
  const recorded = fakeIo(options)
  const code = await validate(argv, recorded.io)
  return [code, recorded.stdout(), recorded.stderr()]
}

describe('ncco validate (in-process)', () => {
  it('colours pretty output on a terminal, and not when NO_COLOR is set or output is piped', async () => {
    expect(hasAnsi((await run(['bad.json'], { tty: true }))[1])).toBe(true)
    expect(hasAnsi((await run(['bad.json'], { tty: true, env: { NO_COLOR: '1' } }))[1])).toBe(false)
    expect(hasAnsi((await run(['bad.json'], { tty: false }))[1])).toBe(false)
    expect(hasAnsi((await run(['bad.json'], { tty: false, env: { FORCE_COLOR: '1' } }))[1])).toBe(
      true
    )
  })

  it('never colours the machine formats', async () => {
    for (const format of ['json', 'github', 'sarif']) {
      const [, out] = await run(['--format', format, 'bad.json'], { env: { FORCE_COLOR: '1' } })
      expect(hasAnsi(out)).toBe(false)
    }
  })

  it('puts the SARIF tool version from its capabilities', async () => {
    const [, out] = await run(['--format', 'sarif', 'ok.json'])
    expect(JSON.parse(out)).toMatchObject({ runs: [{ tool: { driver: { version: '1.2.3' } } }] })
  })

  it('validates by kind: auto, or as told', async () => {
    const kinds = async (...argv: string[]): Promise<unknown> =>
      (JSON.parse((await run(['--format', 'json', ...argv]))[1]) as { files: unknown[] }).files.map(
        (f) => (f as { kind: string }).kind
      )
    expect(await kinds('ok.json', 'request.yaml')).toStrictEqual(['ncco', 'call-v1'])
    expect(await kinds('--kind', 'call-v2', 'ok.json', 'request.yaml')).toStrictEqual([
      'call-v2',
      'call-v2'
    ])
  })

  it('fails on warnings only beyond --max-warnings, and says so on stderr', async () => {
    expect(await run(['warn.json', '--max-warnings', '1'])).toMatchObject([
      0,
      expect.any(String),
      ''
    ])
    const [code, , err] = await run(['warn.json', '--max-warnings', '0'])
    expect([code, err]).toStrictEqual([
      1,
      'ncco validate: 1 warning, more than --max-warnings 0 allows.\n'
    ])
  })

  it('reports standard input that cannot be read as a finding', async () => {
    const [code, out] = await run(['-', 'ok.json'], {
      stdin: () => Promise.reject(new Error('EAGAIN: resource temporarily unavailable'))
    })
    expect(code).toBe(1)
    expect(out).toBe(
      '<stdin>: error file-unreadable: The file could not be read: EAGAIN: resource temporarily unavailable.\n\n' +
        '✖ 1 error and 0 warnings in 1 of 2 files.\n'
    )
  })

  it('turns a validator that throws into a finding, and still validates the other files', async () => {
    const throwing: Validator = () => {
      throw new Error('boom')
    }
    const command = makeValidateCommand({
      fs,
      validators: { ...validators, 'call-v1': throwing },
      version: '0'
    })
    const recorded = fakeIo()
    const code = await command(['--format', 'json', 'request.yaml', 'bad.json'], recorded.io)
    const output = JSON.parse(recorded.stdout()) as { files: Array<{ issues: unknown[] }> }
    expect(code).toBe(1)
    expect(output.files[0]?.issues).toStrictEqual([
      {
        code: 'internal-error',
        severity: 'error',
        path: '',
        message:
          'Validating this file failed unexpectedly (boom); this is a bug in ncco-kit, please report it.',
        line: 1,
        column: 1
      }
    ])
    expect(output.files[1]?.issues).toHaveLength(1)
  })

  it('answers a usage error with exit code 2 and a pointer to the help', async () => {
    expect(await run(['--kind', 'nope', 'ok.json'])).toStrictEqual([
      2,
      '',
      'ncco validate: --kind must be one of auto, ncco, call-v1, call-v2; got "nope"\nRun \'ncco validate --help\' for usage.\n'
    ])
  })

  it('exits 2 when there is nothing to validate', async () => {
    expect(await run(['*.yml', 'x/**/*.json'])).toStrictEqual([
      2,
      '',
      'ncco validate: nothing to validate: no file matches "*.yml", "x/**/*.json".\n'
    ])
  })

  it('is wired into main as "ncco validate"', async () => {
    const recorded = fakeIo({ cwd: process.cwd() })
    const code = await main(['validate', '--format', 'json', 'package.json'], recorded.io)
    expect(code).toBe(1)
    expect(JSON.parse(recorded.stdout())).toMatchObject({
      files: [{ file: 'package.json', kind: 'call-v1', valid: false }]
    })
  })
})
