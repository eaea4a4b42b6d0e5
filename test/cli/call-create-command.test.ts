import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import { exampleCall, steps } from '../sender/fake-voice-api.js'
import { requestV1, requestV2 } from '../sender/helpers.js'
import { applicationId, keys, pemBody } from '../sender/keys.js'
import { callCreateFixture } from './call-create-fixture.js'

const fixture = callCreateFixture('ncco-kit-cli-')
const { dir, run, credentials } = fixture
writeFileSync(join(dir, 'request-v2.yaml'), toYaml(requestV2))
writeFileSync(join(dir, 'invalid.json'), JSON.stringify({ ...requestV1, ringing_timer: 0 }))
writeFileSync(join(dir, 'broken.yaml'), 'to: [unclosed\n')
writeFileSync(join(dir, 'comments.yaml'), '# nothing here yet\n')
writeFileSync(join(dir, 'binary.json'), new Uint8Array([0x7b, 0x00, 0x7d]))
writeFileSync(
  join(dir, 'duplicate.json'),
  '{\n  "ringing_timer": 20,\n  "to": [],\n  "ringing_timer": 30\n}\n'
)

describe('ncco call create: sending', () => {
  it('json: {"ok":true,"status":201,"call":{…}}, exit 0', async () => {
    await fixture.api.script(steps.created())
    const result = await run(['request.json', ...credentials(), '--format', 'json'])
    expect(result).toEqual({
      code: 0,
      stdout: JSON.stringify({ ok: true, status: 201, call: exampleCall }) + '\n',
      stderr: ''
    })
    expect(fixture.api.posts).toHaveLength(1)
    expect(fixture.api.posts[0]?.body).toEqual(requestV1)
  })

  it('pretty, the default', async () => {
    await fixture.api.script(steps.created())
    const result = await run(['request.json', ...credentials()])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      [
        'Call created (201 Created).',
        '  uuid               63f61863-4a51-4f6b-86e1-46edebcf9356',
        '  status             started',
        '  direction          outbound',
        '  conversation_uuid  CON-f972836a-550f-45fa-956c-12a2ab5b7d22',
        ''
      ].join('\n')
    )
  })

  it('reads VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY_PATH, YAML, --api v2', async () => {
    await fixture.api.script(steps.accepted())
    const env = {
      VONAGE_APPLICATION_ID: applicationId,
      VONAGE_PRIVATE_KEY_PATH: join(dir, 'private.key')
    }
    const result = await run(['request-v2.yaml', '--api', 'v2', `--base-url=${fixture.api.url}`], {
      env
    })
    expect(result).toEqual({
      code: 0,
      stdout:
        'Call accepted (202 Accepted). Vonage sends a CallPlacedWebhook to the event_url for each leg.\n',
      stderr: ''
    })
    expect(fixture.api.posts.map((p) => [p.path, p.body])).toEqual([['/v2/calls', requestV2]])
  })

  it('reads the request from standard input with -', async () => {
    await fixture.api.script(steps.created())
    const stdin = new TextEncoder().encode(JSON.stringify(requestV1))
    const result = await run(['-', ...credentials(), '--format', 'json'], {
      readStdin: () => Promise.resolve(stdin)
    })
    expect(result.code).toBe(0)
    expect(fixture.api.posts).toHaveLength(1)
  })
})

describe('ncco call create: exit codes', () => {
  it('1 when the API refuses (400), with the failure as JSON', async () => {
    await fixture.api.script(steps.badRequest())
    const result = await run(['request.json', ...credentials(), '--format', 'json'])
    expect(result.code).toBe(1)
    const output = JSON.parse(result.stdout) as { ok: boolean; error: Record<string, unknown> }
    expect(output.ok).toBe(false)
    expect(output.error).toMatchObject({
      kind: 'rejected',
      status: 400,
      attempts: 1,
      traceId: 'trace-400',
      problem: { type: 400, title: 'Bad Request' }
    })
    expect(output.error['message']).toBe(
      'Vonage rejected the request (400).\nVonage said: Bad Request (invalid parameters: to: Number is not valid)\nTrace id: trace-400\nNo call was created.'
    )
  })

  it('1 when the request is invalid: nothing is sent', async () => {
    await fixture.api.script(steps.created())
    const result = await run(['invalid.json', ...credentials()])
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'The request is invalid; nothing was sent.\ninvalid.json:1:156: error out-of-range: "ringing_timer" must be between 1 and 120, got 0.\n'
    })
    expect(fixture.api.posts).toHaveLength(0)
  })

  it('1 when the file is not there or does not parse', async () => {
    const missing = await run(['nope.json', ...credentials(), '--format', 'json'])
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', issues: [{ code: 'file-unreadable', path: '' }] }
    })
    expect(JSON.parse(missing.stdout).error.issues[0].message).toBe(
      'The file could not be read: no such file or directory.'
    )
    const codes = await Promise.all(
      ['broken.yaml', 'comments.yaml', 'binary.json'].map(async (file) => {
        const result = await run([file, ...credentials(), '--format', 'json'])
        expect(result.code).toBe(1)
        const output = JSON.parse(result.stdout) as { error: { issues: Array<{ code: string }> } }
        return output.error.issues.map((i) => i.code)
      })
    )
    expect(codes).toEqual([['parse-error'], ['file-empty'], ['file-not-text']])
    expect(fixture.api.posts).toHaveLength(0)
  })

  it('1 when a key is repeated: JSON.parse would silently drop a value, so nothing is sent', async () => {
    const result = await run(['duplicate.json', ...credentials(), '--format', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: {
        kind: 'invalid-request',
        issues: [
          {
            code: 'duplicate-key',
            severity: 'error',
            path: '/ringing_timer',
            message:
              'The key "ringing_timer" appears more than once in this object; only the last would be used.',
            line: 4,
            column: 3
          }
        ],
        message:
          'The request is invalid; nothing was sent.\nduplicate.json:4:3: error duplicate-key: The key "ringing_timer" appears more than once in this object; only the last would be used.'
      }
    })
    expect(fixture.api.posts).toHaveLength(0)
  })

  it('1 when nothing could be sent (connection refused on every attempt)', async () => {
    await fixture.api.script(steps.refuse(), steps.refuse(), steps.refuse())
    const result = await run(['request.json', ...credentials(), '--format', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'network', code: 'ECONNREFUSED', attempts: 3 }
    })
  })

  it('3 when the outcome is unknown (no answer within --timeout)', async () => {
    await fixture.api.script(steps.hang())
    const result = await run(['request.json', ...credentials(), '--timeout', '300'])
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'No complete answer within 300 ms. The request had been sent: the call may or may not exist.\nCheck whether the call exists before sending the request again.\n'
    })
    expect(fixture.api.posts).toHaveLength(1)
  })

  it('3 after a 5xx, which is not retried', async () => {
    await fixture.api.script(steps.serverError(500), steps.created())
    const result = await run(['request.json', ...credentials(), '--format', 'json'])
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: { kind: 'server-error', status: 500 }
    })
    expect(fixture.api.posts).toHaveLength(1)
  })
})

describe('ncco call create --dry-run', () => {
  it('prints the request, Authorization redacted; needs no credentials; sends nothing', async () => {
    const result = await run(['request.json', '--dry-run', '--format', 'json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      dryRun: true,
      request: {
        method: 'POST',
        url: 'https://api.nexmo.com/v1/calls',
        headers: {
          authorization: 'Bearer [redacted]',
          'content-type': 'application/json',
          accept: 'application/json'
        },
        body: requestV1
      }
    })
  })

  it('pretty: an HTTP request, and never the key', async () => {
    const result = await run(['request-v2.yaml', '--dry-run', '--api', 'v2', ...credentials()])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      [
        `POST ${fixture.api.url}/v2/calls`,
        'authorization: Bearer [redacted]',
        'content-type: application/json',
        'accept: application/json',
        '',
        JSON.stringify(requestV2, null, 2),
        ''
      ].join('\n')
    )
    expect(result.stderr).toBe('Dry run: nothing was sent.\n')
    expect(result.stdout + result.stderr).not.toContain(pemBody(keys.pkcs8).slice(0, 40))
    expect(fixture.api.posts).toHaveLength(0)
  })

  it('still reports an invalid request (exit 1)', async () => {
    const result = await run(['invalid.json', '--dry-run', '--format', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' }
    })
  })
})

describe('ncco call create: usage errors exit 2', () => {
  it.each([
    [[], 'missing the request file'],
    [['a.json', 'b.json'], 'expected one request file, got 2'],
    [['request.json', '--bogus'], 'unknown option --bogus'],
    [['request.json', '--api', 'v3'], '--api must be v1 or v2, got v3'],
    [['request.json', '--api'], '--api needs a value'],
    [
      ['request.json', '--timeout', '1.5'],
      '--timeout must be a whole number of milliseconds from 1, got 1.5'
    ],
    [['request.json', '--format', 'xml'], '--format must be pretty or json, got xml'],
    [
      ['request.json', '--base-url', 'http://api.nexmo.com'],
      '--base-url must use https (the request carries a token), got "http://api.nexmo.com"'
    ],
    [
      ['request.json'],
      'missing credentials: give --application-id and --private-key (or VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY_PATH)'
    ],
    [
      ['request.json', '--application-id', applicationId],
      'missing --private-key (or VONAGE_PRIVATE_KEY_PATH)'
    ],
    [
      ['request.json', '--application-id', applicationId, '--private-key', 'missing.key'],
      `Cannot read the private key file ${JSON.stringify(join(dir, 'missing.key'))} (ENOENT)`
    ],
    [
      ['request.json', '--application-id', applicationId, '--private-key', 'request.json'],
      `The private key file ${JSON.stringify(join(dir, 'request.json'))} is not a PEM private key`
    ]
  ])('%j', async (argv, message) => {
    const result = await run(argv)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.startsWith(`ncco call create: ${message}`)).toBe(true)
    expect(result.stderr).toContain('Usage: ncco call create')
  })

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('--private-key PATH')
  })
})
