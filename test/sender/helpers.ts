import * as E from 'fp-ts/lib/Either.js'
import type { CreateCallV1Request } from '../../src/call/v1.js'
import type { CreateCallV2Request } from '../../src/call/v2.js'
import { createClient, type Client } from '../../src/sender/client.js'
import { formatConfigProblems, type CommonOptions } from '../../src/sender/config.js'
import type { FakeVoiceApi } from './fake-voice-api.js'
import { applicationId, keys } from './keys.js'

export const requestV1: CreateCallV1Request = {
  to: [{ type: 'phone', number: '447700900000' }],
  from: { type: 'phone', number: '447700900001' },
  ncco: [{ action: 'talk', text: 'Hello' }]
}

export const requestV2: CreateCallV2Request = {
  to: [{ type: 'app', user: 'jamie' }],
  from: { type: 'phone', number: '447700900001' },
  ncco: [{ action: 'talk', text: 'Hello' }]
}

export interface TestClient {
  readonly client: Client
  /** Every delay the client asked to sleep. */
  readonly sleeps: ReadonlyArray<number>
}

/**
 * A client of the fake API signing with the application's key. By default it has no limiter
 * and does not really sleep: each sleep is recorded and lets the fake API move past a refused
 * attempt.
 */
export const clientFor = (
  api: FakeVoiceApi,
  options: CommonOptions & { readonly privateKey?: string } = {}
): TestClient => {
  const sleeps: number[] = []
  const made = createClient({
    applicationId,
    privateKey: keys.pkcs8,
    baseUrl: api.url,
    limiter: false,
    clock: {
      sleep: async (ms) => {
        sleeps.push(ms)
        await api.betweenAttempts()
      }
    },
    ...options
  })
  if (E.isLeft(made)) throw new Error(formatConfigProblems(made.left))
  return { client: made.right, sleeps }
}

/** The `Left` of an `Either`, or a failed test. */
export const leftOf = <L, R>(result: E.Either<L, R>): L => {
  if (E.isRight(result)) throw new Error(`expected a Left, got ${JSON.stringify(result.right)}`)
  return result.left
}

/** The `Right` of an `Either`, or a failed test. */
export const rightOf = <L, R>(result: E.Either<L, R>): R => {
  if (E.isLeft(result)) throw new Error(`expected a Right, got ${JSON.stringify(result.left)}`)
  return result.right
}
