/**
 * The simulator's HTTP against real `node:http` servers on 127.0.0.1: retries on 503 and none
 * on 500, slow webhooks as timeouts, a port nobody listens on, replies over the size limit,
 * the fallback after a failed answer URL, and signatures the app verifies.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import { simulateCall } from '../../src/simulator/engine.js'
import { verifyWebhookSignature } from '../../src/webhooks/signature.js'
import { closedPort, scriptedApp, serve, sleep } from './apps.js'
import type { LoopbackServer, Route } from './apps.js'

const servers: LoopbackServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const talk = [{ action: 'talk', text: 'Hi' }]

/** A scripted app on a real loopback server. */
const start = async (routes: Readonly<Record<string, Route>>) => {
  const app = scriptedApp({ '/event': () => undefined, ...routes })
  const server = await serve(app.fetch)
  servers.push(server)
  return { app, url: server.url }
}

describe('retries', () => {
  it('retries once on 503; a good second attempt is a warning only', async () => {
    let calls = 0
    const { app, url } = await start({
      '/answer': () => (++calls === 1 ? new Response('busy', { status: 503 }) : talk)
    })
    const t = await simulateCall({ answerUrl: `${url}/answer`, eventUrl: `${url}/event`, seed: 1 })
    expect(
      t.requests.slice(0, 2).map((r) => [r.kind, r.attempt, r.result, r.status])
    ).toStrictEqual([
      ['answer', 1, 'status', 503],
      ['answer', 2, 'ok', 200]
    ])
    expect(app.log()[1]).toBe('/answer')
    expect(t.findings).toStrictEqual([
      {
        code: 'webhook-retried',
        severity: 'warning',
        path: '/requests/0',
        message: `GET ${url}/answer failed once (answered 503); the retry the Voice API makes succeeded.`
      }
    ])
    expect(t.ok).toBe(true)
  })

  it('two 503s are an error, and without a fallback the call ends', async () => {
    const { url } = await start({ '/answer': () => new Response('', { status: 503 }) })
    const t = await simulateCall({ answerUrl: `${url}/answer`, eventUrl: `${url}/event`, seed: 1 })
    expect(t.requests.filter((r) => r.kind === 'answer').length).toBe(2)
    expect(t.findings.map((f) => [f.code, f.path, f.message])).toStrictEqual([
      [
        'webhook-status',
        '/requests/1',
        `GET ${url}/answer answered 503; the Voice API expects a 2xx status.`
      ]
    ])
    expect(t.outcome.reason).toBe('no-ncco')
    expect(t.ok).toBe(false)
  })

  it('does not retry a 500, and goes to the fallback with "Invalid response code."', async () => {
    const { app, url } = await start({
      '/answer': () => new Response('boom', { status: 500 }),
      '/fallback': () => talk
    })
    const t = await simulateCall({
      answerUrl: `${url}/answer`,
      eventUrl: `${url}/event`,
      fallbackUrl: `${url}/fallback`,
      seed: 1
    })
    expect(t.requests.slice(0, 2).map((r) => [r.route, r.attempt, r.status])).toStrictEqual([
      ['answer', 1, 500],
      ['fallback', 1, 200]
    ])
    expect(t.requests[0]?.reply).toBe('boom')
    expect(app.received[1]?.payload).toMatchObject({
      reason: 'Invalid response code.',
      original_request: { url: `${url}/answer`, type: 'answer' }
    })
    expect(t.outcome.reason).toBe('ncco-ended')
  })

  it('a failed plain event is a finding, and the call goes on', async () => {
    const { url } = await start({
      '/answer': () => talk,
      '/event': () => new Response('', { status: 404 })
    })
    const t = await simulateCall({ answerUrl: `${url}/answer`, eventUrl: `${url}/event`, seed: 1 })
    expect(t.findings.map((f) => f.code)).toStrictEqual([
      'webhook-status',
      'webhook-status',
      'webhook-status',
      'webhook-status'
    ])
    expect(t.outcome.reason).toBe('ncco-ended')
    expect(t.steps.filter((s) => s.type === 'talk').length).toBe(1)
  })
})

describe('time limits', () => {
  it('a slow answer URL is a timeout, attempted twice, with the real latency measured', async () => {
    const { url } = await start({
      '/answer': async () => {
        await sleep(300)
        return talk
      }
    })
    const began = Date.now()
    const t = await simulateCall({
      answerUrl: `${url}/answer`,
      eventUrl: `${url}/event`,
      timeouts: { answerMs: 50 },
      seed: 1
    })
    expect(Date.now() - began).toBeLessThan(1500)
    const answers = t.requests.filter((r) => r.kind === 'answer')
    expect(answers.map((r) => [r.attempt, r.result])).toStrictEqual([
      [1, 'timeout'],
      [2, 'timeout']
    ])
    expect(answers[0]!.latencyMs).toBeGreaterThanOrEqual(45)
    expect(answers[0]!.latencyMs).toBeLessThan(300)
    expect(t.findings[0]).toStrictEqual({
      code: 'webhook-timeout',
      severity: 'error',
      path: '/requests/1',
      message: `GET ${url}/answer did not answer within 50 ms, the Voice API's limit for the answer URL.`
    })
  })

  it('a slow event counts against the event limit', async () => {
    const { url } = await start({
      '/answer': () => talk,
      '/event': async (r) => {
        if (r.payload['status'] === 'ringing') await sleep(200)
        return undefined
      }
    })
    const t = await simulateCall({
      answerUrl: `${url}/answer`,
      eventUrl: `${url}/event`,
      timeouts: { eventMs: 40 },
      seed: 1
    })
    expect(t.findings.map((f) => f.message)).toStrictEqual([
      `POST ${url}/event did not answer within 40 ms, the Voice API's limit for an event.`
    ])
    expect(t.outcome.reason).toBe('ncco-ended')
  })

  it('an in-process handler that never answers is raced, not awaited', async () => {
    const t = await simulateCall({
      answerUrl: 'http://app.test/answer',
      fetch: () => new Promise<Response>(() => undefined),
      timeouts: { answerMs: 20 },
      seed: 1
    })
    expect(t.requests.map((r) => r.result)).toStrictEqual(['timeout', 'timeout'])
  })
})

describe('unreachable and oversized', () => {
  it('a port nobody listens on is unreachable, attempted twice', async () => {
    const url = await closedPort()
    const t = await simulateCall({ answerUrl: `${url}/answer`, seed: 1 })
    expect(t.requests.map((r) => [r.attempt, r.result])).toStrictEqual([
      [1, 'unreachable'],
      [2, 'unreachable']
    ])
    expect(t.findings[0]?.code).toBe('webhook-unreachable')
    expect(t.findings[0]?.message).toMatch(
      new RegExp(`^GET ${url}/answer could not be reached \\(fetch failed.*ECONNREFUSED.*\\)\\.$`)
    )
  })

  it('stops reading a reply over the size limit', async () => {
    const { url } = await start({
      '/answer': () => [{ action: 'talk', text: 'x'.repeat(1000) }]
    })
    const t = await simulateCall({ answerUrl: `${url}/answer`, maxReplyBytes: 100, seed: 1 })
    expect(t.requests[0]).toMatchObject({ result: 'too-large', status: 200 })
    expect(t.requests[0]?.reply).toBeUndefined()
    expect(t.findings[0]?.message).toBe(
      `The reply to GET ${url}/answer is larger than 100 bytes; the simulator stopped reading it.`
    )
  })

  it('stops reading a streamed reply without a length over the limit', async () => {
    const big = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64).fill(32))
      }
    })
    const t = await simulateCall({
      answerUrl: 'http://app.test/answer',
      fetch: async () => new Response(big),
      maxReplyBytes: 1000,
      seed: 1
    })
    expect(t.requests[0]?.result).toBe('too-large')
  })
})

describe('signatures', () => {
  it('signs every request; the app verifies each with verifyWebhookSignature', async () => {
    const secret = 'a-signature-secret-for-tests'
    const verdicts: string[] = []
    const verify: Route = async (r) => {
      const result = await verifyWebhookSignature(
        r.method === 'GET'
          ? { method: 'GET', authorization: r.authorization ?? undefined, query: r.query }
          : { method: 'POST', authorization: r.authorization ?? undefined, rawBody: r.body },
        { secret }
      )
      verdicts.push(
        E.isRight(result)
          ? `${r.path} ok ${String(result.right.api_key)} ${String(result.right.application_id)}`
          : `${r.path} ${result.left.code}`
      )
      return undefined
    }
    let here = ''
    const { url } = await start({
      '/answer': async (r) => {
        await verify(r)
        return [
          { action: 'input', type: ['dtmf'], eventUrl: [`${here}/input`], eventMethod: 'GET' },
          { action: 'talk', text: 'Hi' }
        ]
      },
      '/input': verify,
      '/event': verify
    })
    here = url
    const t = await simulateCall({
      answerUrl: `${url}/answer?tenant=acme`,
      eventUrl: `${url}/event`,
      signatureSecret: secret,
      apiKey: 'key1',
      seed: 1
    })
    const claims = 'ok key1 00000000-0000-4000-8000-000000000000'
    expect(verdicts).toStrictEqual([
      `/answer ${claims}`,
      `/event ${claims}`,
      `/event ${claims}`,
      `/event ${claims}`,
      `/input ${claims}`,
      `/event ${claims}`
    ])
    expect(t.requests.find((r) => r.route === 'input')?.method).toBe('GET')
    expect(t.requests.every((r) => r.signed)).toBe(true)
    expect(JSON.stringify(t)).not.toContain(secret)
    expect(JSON.stringify(t)).not.toContain('Bearer')
  })

  it('a wrong secret fails verification', async () => {
    const results: string[] = []
    const { url } = await start({
      '/answer': async (r) => {
        const v = await verifyWebhookSignature(
          { method: 'GET', authorization: r.authorization ?? undefined, query: r.query },
          { secret: 'the-right-one' }
        )
        results.push(E.isLeft(v) ? v.left.code : 'ok')
        return talk
      }
    })
    await simulateCall({ answerUrl: `${url}/answer`, signatureSecret: 'a-wrong-one', seed: 1 })
    expect(results).toStrictEqual(['bad-signature'])
  })
})
