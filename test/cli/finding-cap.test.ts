/**
 * Output with bounds (issue 13, defect 9): a file's findings are listed up to `--max-findings`
 * (default 1000), then one `too-many-findings` finding counts the rest, and the summary keeps
 * the true counts, in every format; a huge `Retry-After` reads as a wait, never as 1e+26.
 */
import { describe, expect, it } from 'vitest'
import { makeValidateCommand } from '../../src/cli/validate-command.js'
import { describeFailure } from '../../src/sender/failure-message.js'
import { validateCallV1, validateCallV2, validateNcco } from '../../src/validate.js'
import { fakeIo } from './fake-io.js'
import { memoryFileSystem } from './memory-fs.js'

/** `n` talks, every even one without its text (an error), every odd one with `voiceName` (a warning). */
const talks = (n: number): string =>
  JSON.stringify(
    Array.from({ length: n }, (_, i) =>
      i % 2 === 0 ? { action: 'talk' } : { action: 'talk', text: 'Hi', voiceName: 'Amy' }
    )
  )

const fs = memoryFileSystem('/repo', {
  'six.json': talks(6),
  'many.json': talks(2600),
  'ok.json': '[{"action": "talk", "text": "Hi"}]'
})
const validators = { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 }
const validate = makeValidateCommand({ fs, validators, version: '0.2.0' })

const run = async (...argv: string[]): Promise<readonly [number, string, string]> => {
  const recorded = fakeIo()
  const code = await validate(argv, recorded.io)
  return [code, recorded.stdout(), recorded.stderr()]
}

interface JsonReport {
  readonly files: ReadonlyArray<{
    readonly valid: boolean
    readonly issues: ReadonlyArray<{ readonly code: string; readonly message: string }>
  }>
  readonly summary: unknown
}

describe('--max-findings', () => {
  it('lists 1000 findings of a file by default, then one that counts the rest; the summary counts all', async () => {
    const [code, out] = await run('--format', 'json', 'many.json')
    const report = JSON.parse(out) as JsonReport
    const issues = report.files[0]?.issues ?? []
    expect(code).toBe(1)
    expect(issues).toHaveLength(1001)
    expect(issues[1000]).toStrictEqual({
      code: 'too-many-findings',
      severity: 'warning',
      path: '',
      message:
        '1600 more findings in this file (800 errors, 800 warnings) not listed after the first 1000; --max-findings N or all lists more.'
    })
    expect(report.summary).toStrictEqual({ files: 1, errors: 1300, warnings: 1300 })
  })

  it('pretty: the closing finding, and the true counts in the summary line', async () => {
    const [code, out] = await run('six.json', '--max-findings', '2')
    expect(code).toBe(1)
    expect(out).toMatchInlineSnapshot(`
      "six.json:1:2: error missing-required: The talk action requires "text", which is missing.
        > 1 | [{"action":"talk"},{"action":"talk","text":"Hi","voiceName":"Amy"},{"action":"talk"},{"action":"talk…
            |  ^

      six.json:1:61: warning deprecated-voice-name: "voiceName" is deprecated; use "language" and "style" instead.
        > 1 | [{"action":"talk"},{"action":"talk","text":"Hi","voiceName":"Amy"},{"action":"talk"},{"action":"talk…
            |                                                             ^

      six.json: warning too-many-findings: 4 more findings in this file (2 errors, 2 warnings) not listed after the first 2; --max-findings N or all lists more.

      ✖ 3 errors and 3 warnings in 1 of 1 file.
      "
    `)
  })

  it('a file is invalid when only its unlisted findings are errors', async () => {
    const [code, out] = await run('--format', 'json', '--max-findings=1', 'six.json')
    const report = JSON.parse(out) as JsonReport
    expect(code).toBe(1)
    expect(report.files[0]?.valid).toBe(false)
    expect(report.files[0]?.issues.map((i) => i.code)).toStrictEqual([
      'missing-required',
      'too-many-findings'
    ])
  })

  it('all and 0 list every finding', async () => {
    for (const cap of ['all', '0']) {
      const [, out] = await run('--format', 'json', '--max-findings', cap, 'many.json')
      const issues = (JSON.parse(out) as JsonReport).files[0]?.issues ?? []
      expect(issues).toHaveLength(2600)
      expect(issues.some((i) => i.code === 'too-many-findings')).toBe(false)
    }
  })

  it('caps sarif and github too', async () => {
    const [, sarif] = await run('--format', 'sarif', '--max-findings', '3', 'many.json')
    const results = (JSON.parse(sarif) as { runs: Array<{ results: Array<{ ruleId: string }> }> })
      .runs[0]?.results
    expect(results?.map((r) => r.ruleId)).toStrictEqual([
      'missing-required',
      'deprecated-voice-name',
      'missing-required',
      'too-many-findings'
    ])
    const [, github] = await run('--format', 'github', '--max-findings', '3', 'many.json')
    expect(github.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(4)
    expect(github).toContain('\n✖ 1300 errors and 1300 warnings in 1 of 1 file.\n')
  })

  it('changes nothing for a file within the cap', async () => {
    expect(await run('--max-findings', '1', 'ok.json')).toStrictEqual([0, '✔ 1 file valid.\n', ''])
  })

  it.each([['-1'], ['1.5'], ['some'], ['']])('refuses --max-findings %j', async (value) => {
    expect(await run(`--max-findings=${value}`, 'ok.json')).toStrictEqual([
      2,
      '',
      `ncco validate: --max-findings must be a whole number or all; got ${JSON.stringify(value)}\nRun 'ncco validate --help' for usage.\n`
    ])
  })
})

describe('a long Retry-After', () => {
  const rateLimited = (retryAfterMs: number): string =>
    describeFailure({ kind: 'rate-limited', status: 429, attempts: 1, retryAfterMs })
      .split('\n')[0]
      ?.replace(/ Vonage allows.*$/, '') ?? ''

  it.each([
    [1500, '1.5 s'],
    [59_940, '59.9 s'],
    [59_960, '1 minute'],
    [150_000, '3 minutes'],
    [3_570_000, '1 hour'],
    [7_200_000, '2 hours'],
    [86_400_000, '24 hours'],
    [86_400_001, 'more than a day'],
    [1e29, 'more than a day'],
    [Number.POSITIVE_INFINITY, 'more than a day']
  ])('%d ms is %s', (ms, wait) => {
    expect(rateLimited(ms)).toBe(
      `Vonage rate-limited the request (429); it asks to wait ${wait} before trying again.`
    )
  })
})
