import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  describeFailure,
  type CreateCallFailure,
  type FailureKind
} from '../../src/sender/failure.js'
import { createClient } from '../../src/sender/client.js'
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
