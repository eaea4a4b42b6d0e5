/**
 * `ncco call create` against servers that leak and flood: what the user reads (standard
 * output and error, the exit code) holds no piece of the token, says whether the call may
 * exist, and says "nothing was sent" when nothing left the machine.
 */
import { describe, expect, it } from 'vitest'
import { callCreateFixture } from './call-create-fixture.js'

const fixture = callCreateFixture('ncco-kit-call-create-')
const { run } = fixture

const send = (baseUrl: string, ...more: string[]) => [
  'request.json',
  ...fixture.credentials(baseUrl),
  ...more
]

/** The token's segments and every 24-character run of it. */
const pieces = (token: string): string[] => {
  const runs = token.split('.')
  for (let i = 0; i + 24 <= token.length; i++) runs.push(token.slice(i, i + 24))
  return runs
}

describe('ncco call create: a server that echoes the token', () => {
  it.each(['pretty', 'json'])(
    '--format %s: not in the trace id, not in the body, not by segments',
    async (format) => {
      await fixture.api.script({ type: 'echo-secrets', status: 400 })
      const result = await run(send(fixture.api.url, '--format', format))
      expect(result.code).toBe(1)
      const token = fixture.api.posts[0]?.authorization?.slice('Bearer '.length) ?? ''
      expect(token.length).toBeGreaterThan(300)
      const printed = result.stdout + result.stderr
      expect(pieces(token).filter((piece) => printed.includes(piece))).toEqual([])
      if (format === 'pretty') expect(result.stderr).toContain('\nTrace id: Bearer [redacted]\n')
      else expect(JSON.parse(result.stdout).error.traceId).toBe('Bearer [redacted]')
    }
  )
})

describe('ncco call create: a huge body', () => {
  it('a 201 with 8 MiB of body: exit 3, the call has probably been created', async () => {
    await fixture.api.script({ type: 'huge-body', status: 201, bytes: 8 * 1_048_576 })
    const result = await run(send(fixture.api.url))
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'The Voice API answered 201, which is not the documented answer: the body is larger than 1 MiB; reading stopped there.\nThe call has probably been created; check before sending the request again.\n'
    })
    expect(fixture.api.posts).toHaveLength(1)
  })
})

describe('ncco call create: a URL fetch refuses', () => {
  it('--base-url http://127.0.0.1:9: exit 1, nothing was sent', async () => {
    const result = await run(send('http://127.0.0.1:9'))
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Could not reach the Voice API: fetch refuses to connect to port 9, which the Fetch standard blocks.\nNothing was sent, so no call was created.\n'
    })
  })
})

describe('ncco call create: the flags are read by the shared scanner', () => {
  it('an unknown option is named without its value, which may be a secret', async () => {
    const result = await run(['request.json', '--private-key-path=/secret/key.pem'])
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe('ncco call create: unknown option --private-key-path')
  })

  it('the request file may come before, between or after the options, or after --', async () => {
    for (const argv of [
      ['request.json', '--dry-run', '--format', 'json'],
      ['--dry-run', 'request.json', '--format=json'],
      ['--format', 'json', '--dry-run', '--', 'request.json']
    ]) {
      const result = await run(argv)
      expect(result.code, argv.join(' ')).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, dryRun: true })
    }
  })
})
