import { inspect } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  describeFailure,
  type CreateCallFailure,
  type FailureKind
} from '../../src/sender/failure.js'
import { createClient, createClientOrThrow } from '../../src/sender/client.js'
import { startFakeVoiceApi, steps, type FakeVoiceApi, type Step } from './fake-voice-api.js'
import { clientFor, requestV1 } from './helpers.js'
import { keys, pemBody } from './keys.js'

let api: FakeVoiceApi
beforeEach(async () => {
  api = await startFakeVoiceApi()
})
afterEach(async () => {
  await api.close()
})

/** Pieces of the private key: none may appear anywhere. */
const keyPieces = (pem: string): string[] => {
  const body = pemBody(pem)
  const pieces: string[] = []
  for (let i = 0; i + 32 <= body.length; i += 32) pieces.push(body.slice(i, i + 32))
  return pieces
}

const run = async (
  script: ReadonlyArray<Step>,
  options: Parameters<typeof clientFor>[1] = {},
  request: unknown = requestV1
): Promise<{ failure: CreateCallFailure; tokens: string[] }> => {
  await api.script(...script)
  const { client } = clientFor(api, options)
  const result = await client.createCall('v1', request)()
  if (E.isRight(result)) throw new Error('expected a failure')
  const tokens = api.posts.flatMap((p) =>
    p.authorization === undefined ? [] : [p.authorization.slice(7)]
  )
  return { failure: result.left, tokens }
}

const echo = (status: number): Step => ({ type: 'echo-authorization', status })

describe('the private key and the tokens never appear in a failure', () => {
  it('for every kind, in the value and in describeFailure, even when the server echoes the token', async () => {
    const seen = new Map<FailureKind, { failure: CreateCallFailure; tokens: string[] }>()
    const record = (r: { failure: CreateCallFailure; tokens: string[] }) =>
      seen.set(r.failure.kind, r)

    record(await run([], {}, { to: [] }))
    record(await run([echo(401)]))
    record(await run([echo(403)]))
    record(await run([echo(429)], { retry: { maxAttempts: 1 } }))
    record(await run([echo(400)]))
    record(await run([echo(500)]))
    record(await run([echo(201)]))
    record(await run([steps.hang()], { timeoutMs: 200 }))
    record(await run([steps.refuse()], { retry: { maxAttempts: 1 } }))
    const failing = createClient({
      token: () => {
        throw new Error('no token today')
      },
      baseUrl: api.url,
      limiter: false
    })
    if (E.isLeft(failing)) throw new Error('client')
    const local = await failing.right.createCallV1(requestV1)()
    if (E.isRight(local)) throw new Error('expected a failure')
    record({ failure: local.left, tokens: [] })

    expect([...seen.keys()].sort()).toEqual(
      [
        'forbidden',
        'invalid-request',
        'local-failure',
        'network',
        'outcome-unknown',
        'rate-limited',
        'rejected',
        'server-error',
        'unauthorized',
        'unexpected-response'
      ].sort()
    )
    const pieces = keyPieces(keys.pkcs8)
    for (const [kind, { failure, tokens }] of seen) {
      const texts = [JSON.stringify(failure), describeFailure(failure)]
      for (const text of texts) {
        for (const token of tokens) expect(text, kind).not.toContain(token)
        for (const piece of pieces) expect(text, kind).not.toContain(piece)
      }
    }
    // The echoing server did send the token back: it was redacted, not absent.
    const rejected = seen.get('rejected')
    expect(JSON.stringify(rejected?.failure)).toContain('You sent Bearer [redacted]')
    expect(rejected?.tokens).toHaveLength(1)
  })
})

describe('the errors of the Promise methods hold no secret either', () => {
  it('a CreateCallError after a server echoed the token, inspected every way', async () => {
    await api.script(echo(400))
    const { client } = clientFor(api)
    const error: unknown = await client.createCallV1OrThrow(requestV1).catch((e: unknown) => e)
    const [token] = api.posts.map((p) => p.authorization?.slice(7) ?? '')
    expect(token?.length).toBeGreaterThan(100)
    const texts = [String(error), inspect(error, { depth: 10 }), JSON.stringify(error)]
    expect(texts[1]).toContain('Bearer [redacted]')
    for (const text of texts) {
      expect(text).not.toContain(token)
      for (const piece of keyPieces(keys.pkcs8)) expect(text).not.toContain(piece)
    }
  })

  it('a ClientConfigError for a damaged key', () => {
    const damaged = keys.pkcs8.replace(/[A-Za-z]{20}/, 'A'.repeat(20))
    let error: unknown
    try {
      createClientOrThrow({ applicationId: 'app', privateKey: damaged })
    } catch (e) {
      error = e
    }
    const texts = [String(error), inspect(error, { depth: 10 }), JSON.stringify(error)]
    expect(texts[0]).toBe(
      'ClientConfigError: The client options are not valid:\n  privateKey could not be parsed as a PEM private key.'
    )
    for (const text of texts) {
      for (const piece of keyPieces(damaged)) expect(text).not.toContain(piece)
    }
  })
})
