/**
 * `ncco call create` against Voice API servers that misbehave on purpose: a body that trickles
 * past the deadline, headers that never end, redirects to another server, a connection reset
 * once the request is read, 429 for ever. Each test asserts what the user sees: the exit code,
 * the POSTs each loopback server received, no piece of the token or key in the output, and the
 * time taken.
 */
import type { ServerResponse } from 'node:http'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  callCreate,
  createdBody,
  leakedSecrets,
  makeScratch,
  startServer,
  type HostileServer
} from './support.js'

const scratch = makeScratch('ncco-hostile-servers-')
afterAll(() => scratch.remove())

const started: HostileServer[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()))
})

const serve = async (handler: Parameters<typeof startServer>[0]): Promise<HostileServer> => {
  const server = await startServer(handler)
  started.push(server)
  return server
}

const mayExist =
  'The request had been sent: the call may or may not exist.\nCheck whether the call exists before sending the request again.\n'

describe('a body that trickles past the deadline', () => {
  it('201, then a byte every 50 ms: --timeout 400 ends it, exit 3, one POST', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' })
      res.write('{')
      const timer = setInterval(() => res.write(' '), 50)
      res.on('close', () => clearInterval(timer))
    })
    const run = await callCreate(scratch, api.url, '--timeout', '400')
    expect([run.code, run.stdout, run.stderr]).toStrictEqual([
      3,
      '',
      `No complete answer within 400 ms; the status was 201. ${mayExist}`
    ])
    expect(api.posts()).toBe(1)
    expect(run.ms).toBeLessThan(2_500)
    expect(leakedSecrets(run.stdout + run.stderr, [api])).toStrictEqual([])
  })

  it('a status line that never ends: the same deadline holds', async () => {
    const api = await serve((_req, res) => {
      const socket = res.socket
      if (socket === null) return
      socket.write('HTTP/1.1 201 Created\r\nx-')
      const timer = setInterval(() => socket.write('a'), 50)
      socket.on('close', () => clearInterval(timer))
    })
    const run = await callCreate(scratch, api.url, '--timeout', '400', '--format', 'json')
    expect(run.code).toBe(3)
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: {
        kind: 'outcome-unknown',
        reason: 'timeout',
        attempts: 1,
        timeoutMs: 400,
        detail: 'no complete answer within 400 ms'
      }
    })
    expect(api.posts()).toBe(1)
    expect(run.ms).toBeLessThan(2_500)
  })
})

describe('redirects: never followed, so the POST and the token go nowhere else', () => {
  it.each([301, 302, 303, 307, 308])(
    '%i to another server: exit 1, that server received nothing',
    async (status) => {
      const elsewhere = await serve((_req, res) => {
        res.writeHead(201, { 'content-type': 'application/json' })
        res.end(createdBody)
      })
      const api = await serve((_req, res) => {
        res.writeHead(status, { location: `${elsewhere.url}/v1/calls?stolen=1` })
        res.end()
      })
      const run = await callCreate(scratch, api.url)
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr.replace(elsewhere.url, '<elsewhere>')).toBe(
        `The Voice API answered ${status}, which is not the documented answer: a redirect to <elsewhere>/v1/calls?stolen=1, which is not followed.\nNo call was created.\n`
      )
      expect(api.posts()).toBe(1)
      expect(elsewhere.received).toStrictEqual([])
      expect(leakedSecrets(run.stdout + run.stderr, [api])).toStrictEqual([])
    }
  )
})

describe('a connection reset', () => {
  it('once the request is read, before any answer: exit 3 (the call may exist), not sent again', async () => {
    const api = await serve((req) => req.socket.resetAndDestroy())
    const run = await callCreate(scratch, api.url)
    expect(run.code).toBe(3)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      `The connection was lost before the answer was complete (fetch failed: read ECONNRESET). ${mayExist}`
    )
    expect(api.posts()).toBe(1)
    expect(leakedSecrets(run.stderr, [api])).toStrictEqual([])
  })

  it('after the status and half the body: exit 3, not sent again', async () => {
    const api = await serve((req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '500' })
      res.write(createdBody.slice(0, 40), () => setTimeout(() => req.socket.resetAndDestroy(), 20))
    })
    const run = await callCreate(scratch, api.url, '--format', 'json')
    expect(run.code).toBe(3)
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: {
        kind: 'outcome-unknown',
        reason: 'connection-lost',
        attempts: 1,
        status: 201,
        code: 'ECONNRESET'
      }
    })
    expect(api.posts()).toBe(1)
  })
})

describe('429 for ever', () => {
  const tooMany = (retryAfter: string | undefined) => (_req: unknown, res: ServerResponse) => {
    res.writeHead(429, {
      'content-type': 'application/json',
      ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter })
    })
    res.end(
      JSON.stringify({ title: 'Rate Limit Hit', detail: 'Please wait, then retry your request' })
    )
  }

  it('Retry-After: 0 every time: three attempts, then exit 1, quickly', async () => {
    const api = await serve(tooMany('0'))
    const run = await callCreate(scratch, api.url)
    expect(run.code).toBe(1)
    expect(api.posts()).toBe(3)
    expect(run.stderr).toBe(
      'Vonage rate-limited the request (429) on each of 3 attempts; it asks to wait 0 s before trying again. Vonage allows 3 new calls per second per account.\nVonage said: Rate Limit Hit: Please wait, then retry your request\nNo call was created.\n'
    )
    expect(run.ms).toBeLessThan(3_000)
    expect(leakedSecrets(run.stderr, [api])).toStrictEqual([])
  })

  it('no Retry-After: one second between attempts, three attempts, within 5 s', async () => {
    const api = await serve(tooMany(undefined))
    const run = await callCreate(scratch, api.url, '--format', 'json')
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', status: 429, attempts: 3 }
    })
    expect(api.posts()).toBe(3)
    expect(run.ms).toBeGreaterThanOrEqual(1_900)
    expect(run.ms).toBeLessThan(5_000)
  })

  it('a Retry-After of 10²⁶ seconds: one attempt, no wait, a wait a person can read', async () => {
    const api = await serve(tooMany('100000000000000000000000000'))
    const run = await callCreate(scratch, api.url)
    expect(run.code).toBe(1)
    expect(api.posts()).toBe(1)
    expect(run.ms).toBeLessThan(2_000)
    expect(run.stderr).toBe(
      'Vonage rate-limited the request (429); it asks to wait more than a day before trying again. Vonage allows 3 new calls per second per account.\nVonage said: Rate Limit Hit: Please wait, then retry your request\nNo call was created.\n'
    )
  })
})
