/**
 * A server that sends the token back wherever a client might look: response headers
 * (`x-nexmo-trace-id`, `location`), the body whole, each JWT segment alone, the signature cut
 * over a line break. No piece of the token may reach a result, a failure or its message.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeFailure } from '../../src/sender/failure.js'
import { startFakeVoiceApi, type FakeVoiceApi } from './fake-voice-api.js'
import { clientFor, requestV1 } from './helpers.js'

let api: FakeVoiceApi
beforeEach(async () => {
  api = await startFakeVoiceApi()
})
afterEach(async () => {
  await api.close()
})

/** Every 24-character run of the token: any of them in an output is a leak. */
const tokenRuns = (token: string): string[] => {
  const runs: string[] = []
  for (let i = 0; i + 24 <= token.length; i++) runs.push(token.slice(i, i + 24))
  return runs
}

const leaks = (text: string, token: string): string[] => [
  ...token.split('.').filter((segment) => text.includes(segment)),
  ...tokenRuns(token).filter((run) => text.includes(run))
]

describe('the token echoed by a server never comes back out', () => {
  it.each([201, 302, 400, 401, 429, 500])(
    'answered %i: headers, body, segments, cut signature all redacted',
    async (status) => {
      await api.script({ type: 'echo-secrets', status })
      const { client } = clientFor(api, { retry: { maxAttempts: 1 } })
      const result = await client.createCallV1(requestV1)()
      expect(api.posts).toHaveLength(1)
      const token = api.posts[0]?.authorization?.slice('Bearer '.length) ?? ''
      expect(token.split('.')).toHaveLength(3)
      const texts = [
        JSON.stringify(result),
        E.isLeft(result) ? describeFailure(result.left) : JSON.stringify(result.right.call)
      ]
      for (const text of texts) expect(leaks(text, token)).toEqual([])
      // The server did send it back: redacted, not dropped.
      expect(texts[0]).toContain('[redacted]')
    }
  )

  it('the trace id that echoed the header reads Bearer [redacted]', async () => {
    await api.script({ type: 'echo-secrets', status: 400 })
    const { client } = clientFor(api)
    const result = await client.createCallV1(requestV1)()
    expect(E.isLeft(result) && result.left).toMatchObject({
      kind: 'rejected',
      traceId: 'Bearer [redacted]'
    })
  })
})
