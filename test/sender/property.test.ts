import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeVoiceApi, steps, type FakeVoiceApi, type Step } from './fake-voice-api.js'
import { clientFor, requestV1 } from './helpers.js'

const answers = {
  '201': steps.created(),
  '429': steps.rateLimited('0'),
  refuse: steps.refuse(),
  '401': steps.unauthorized(),
  '400': steps.badRequest(),
  '500': steps.serverError(500),
  '503': steps.serverError(503),
  destroy: steps.destroy(),
  hang: steps.hang(),
  malformed: steps.malformed()
} as const satisfies Record<string, Step>
type Answer = keyof typeof answers

/** What the fake API answers once the script is used up. */
type Played = Answer | 'exhausted'

const expectedKind: Record<Played, string> = {
  '201': 'created',
  '429': 'rate-limited',
  refuse: 'network',
  '401': 'unauthorized',
  '400': 'rejected',
  '500': 'server-error',
  '503': 'server-error',
  exhausted: 'server-error',
  destroy: 'outcome-unknown',
  hang: 'outcome-unknown',
  malformed: 'unexpected-response'
}

const retryable = (answer: Played): boolean => answer === '429' || answer === 'refuse'

/** The policy, played by hand: retry 429 and refused, up to maxAttempts. */
const simulate = (script: ReadonlyArray<Answer>, maxAttempts: number) => {
  const played: Played[] = []
  for (;;) {
    const answer: Played = script[played.length] ?? 'exhausted'
    played.push(answer)
    if (!retryable(answer) || played.length === maxAttempts) {
      return { played, posts: played.filter((a) => a !== 'refuse').length }
    }
  }
}

let api: FakeVoiceApi
beforeAll(async () => {
  api = await startFakeVoiceApi()
})
afterAll(async () => {
  await api.close()
})

describe('the retry policy, for any sequence of answers', () => {
  it('POSTs ≤ 1 + the 429 / refused answers; the failure is that of the last answer', async () => {
    const maxAttempts = 4
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...(Object.keys(answers) as Answer[])), {
          minLength: 1,
          maxLength: 6
        }),
        async (script) => {
          await api.script(...script.map((a) => answers[a]))
          const { client } = clientFor(api, {
            timeoutMs: 200,
            retry: { maxAttempts, maxTotalWaitMs: 60_000 }
          })
          const result = await client.createCallV1(requestV1)()
          const expected = simulate(script, maxAttempts)

          expect(api.posts.length).toBeLessThanOrEqual(1 + expected.played.filter(retryable).length)
          expect(api.posts.length).toBe(expected.posts)
          expect(api.posts.every((p) => p.jwtError === undefined)).toBe(true)
          const kind = E.isRight(result) ? 'created' : result.left.kind
          expect(kind).toBe(expectedKind[expected.played.at(-1)!])
          const attempts = E.isRight(result)
            ? result.right.attempts
            : 'attempts' in result.left
              ? result.left.attempts
              : undefined
          expect(attempts).toBe(expected.played.length)
        }
      ),
      { numRuns: 60 }
    )
  }, 60_000)
})
