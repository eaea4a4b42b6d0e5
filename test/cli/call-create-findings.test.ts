/**
 * `ncco call create`'s findings as `validate` gives them: `file:line:column`, the YAML hints,
 * capped by `--max-findings`; and a private key given as the request, named, never quoted.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { steps } from '../sender/fake-voice-api.js'
import { requestV1 } from '../sender/helpers.js'
import { keys, pemBody } from '../sender/keys.js'
import { callCreateFixture } from './call-create-fixture.js'

const fixture = callCreateFixture('ncco-kit-cli-findings-')
const { dir, run, credentials } = fixture
writeFileSync(
  join(dir, 'slips.yaml'),
  [
    'to:',
    '  - type: phone',
    '    number: 447700900000',
    'from: { type: phone, number: "447700900001" }',
    'ncco:',
    '  - action: talk',
    '    txt: Hello',
    ''
  ].join('\n')
)
writeFileSync(
  join(dir, 'warned.json'),
  JSON.stringify({ ...requestV1, answer_method: 'GET' }, null, 2)
)
writeFileSync(
  join(dir, 'broken.json'),
  JSON.stringify({ ...requestV1, ncco: Array.from({ length: 5 }, () => ({ action: 'talk' })) })
)
writeFileSync(join(dir, 'key-as-request.json'), keys.pkcs8)
writeFileSync(join(dir, 'key-as-request'), `\n\n${keys.pkcs1}`)

describe('ncco call create: findings placed in the file', () => {
  it('pretty: file:line:column, with the YAML hints; nothing is sent', async () => {
    await fixture.api.script(steps.created())
    const result = await run(['slips.yaml', ...credentials()])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatchInlineSnapshot(`
      "The request is invalid; nothing was sent.
      slips.yaml:3:13: error invalid-type: Expected a string, got a number (447700900000). (hint: YAML reads the unquoted 447700900000 as a number: quote it, "447700900000", to give a string.)
      slips.yaml:6:5: error missing-required: The talk action requires "text", which is missing.
      slips.yaml:7:5: error unknown-key: "txt" is not a known field of the talk action. (hint: did you mean "text"?)
      "
    `)
    expect(fixture.api.posts).toHaveLength(0)
  })

  it('json: each finding with its line and column', async () => {
    const result = await run(['slips.yaml', '--dry-run', '--format', 'json'])
    const output = JSON.parse(result.stdout) as {
      error: { issues: ReadonlyArray<{ code: string; line?: number; column?: number }> }
    }
    expect(result.code).toBe(1)
    expect(output.error.issues.map((i) => [i.code, i.line, i.column])).toStrictEqual([
      ['invalid-type', 3, 13],
      ['missing-required', 6, 5],
      ['unknown-key', 7, 5]
    ])
  })

  it('warnings of a request that is sent are placed too', async () => {
    const result = await run(['warned.json', '--dry-run'])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatchInlineSnapshot(`
      "warned.json:18:20: warning answer-method-without-answer-url: "answer_method" has no effect without "answer_url".
      Dry run: nothing was sent.
      "
    `)
  })

  it('--max-findings caps the list and counts the rest', async () => {
    const result = await run(['broken.json', '--dry-run', '--max-findings', '2'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatchInlineSnapshot(`
      "The request is invalid; nothing was sent.
      broken.json:1:106: error missing-required: The talk action requires "text", which is missing.
      broken.json:1:124: error missing-required: The talk action requires "text", which is missing.
      broken.json: warning too-many-findings: 3 more findings in this file (3 errors, 0 warnings) not listed after the first 2; --max-findings N or all lists more.
      "
    `)
    const all = await run(['broken.json', '--dry-run', '--max-findings=all', '--format', 'json'])
    const output = JSON.parse(all.stdout) as { error: { issues: unknown[] } }
    expect(output.error.issues).toHaveLength(5)
  })

  it('refuses a --max-findings that is not a whole number or all', async () => {
    const result = await run(['broken.json', '--dry-run', '--max-findings', 'lots'])
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe(
      'ncco call create: --max-findings must be a whole number or all; got "lots"'
    )
  })
})

describe('ncco call create: a private key given as the request', () => {
  it.each([['key-as-request.json'], ['key-as-request']])(
    '%s: says so, shows none of the key, sends nothing',
    async (file) => {
      await fixture.api.script(steps.created())
      const result = await run([file, ...credentials()])
      expect(result).toStrictEqual({
        code: 1,
        stdout: '',
        stderr:
          'The request is invalid; nothing was sent.\n' +
          `${file}: error request-is-private-key: The file holds a private key, not an NCCO or a create-call request; its content is not shown. ` +
          '(hint: give the key with --private-key FILE (or VONAGE_PRIVATE_KEY_PATH), and the request file as the operand.)\n'
      })
      expect(fixture.api.posts).toHaveLength(0)
    }
  )

  it('json: the same finding, and no line of the key', async () => {
    const result = await run(['key-as-request.json', '--dry-run', '--format', 'json'])
    expect(result.code).toBe(1)
    const body = pemBody(keys.pkcs8)
    for (let i = 0; i + 16 <= body.length; i += 16) {
      expect(result.stdout + result.stderr).not.toContain(body.slice(i, i + 16))
    }
    expect(result.stdout).not.toContain('BEGIN')
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', issues: [{ code: 'request-is-private-key', path: '' }] }
    })
  })
})
