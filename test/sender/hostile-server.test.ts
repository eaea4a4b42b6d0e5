/**
 * Servers that try to hurt the client: bodies too large to hold, bodies that never end,
 * a base URL fetch refuses. Each test asserts what a user sees: the failure's kind, whether a
 * call may exist, the POSTs the server received, the memory the process used, the time taken.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '../../src/sender/client.js'
import { describeFailure, mayHaveCreatedCall } from '../../src/sender/failure.js'
import { exampleCall, startFakeVoiceApi, type FakeVoiceApi } from './fake-voice-api.js'
import { clientFor, leftOf, requestV1, rightOf } from './helpers.js'
import { applicationId, keys } from './keys.js'

let api: FakeVoiceApi
beforeEach(async () => {
  api = await startFakeVoiceApi()
})
afterEach(async () => {
  await api.close()
})

const MiB = 1_048_576

/** Heap and array buffers in use: where a body read whole would sit. */
const inUse = (): number => {
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}

/** Runs `task`, sampling memory every millisecond; returns the peak growth over the start. */
const peakGrowth = async <A>(task: () => Promise<A>): Promise<{ result: A; grewBy: number }> => {
  const start = inUse()
  let peak = start
  const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 1)
  try {
    const result = await task()
    peak = Math.max(peak, inUse())
    return { result, grewBy: peak - start }
  } finally {
    clearInterval(sampler)
  }
}

const tooLarge = ['the body is larger than 1 MiB; reading stopped there']

describe('a huge response body', () => {
  it('a 201 streaming 64 MiB: unexpected-response, the call may exist, memory far below the body', async () => {
    await api.script({ type: 'huge-body', status: 201, bytes: 64 * MiB })
    const { client } = clientFor(api)
    const started = Date.now()
    const { result, grewBy } = await peakGrowth(() => client.createCallV1(requestV1)())
    expect(grewBy).toBeLessThan(16 * MiB)
    const failure = leftOf(result)
    expect(failure).toEqual({
      kind: 'unexpected-response',
      status: 201,
      attempts: 1,
      callMayExist: true,
      errors: tooLarge,
      body: `${'a'.repeat(2_000)}…`
    })
    expect(mayHaveCreatedCall(failure)).toBe(true)
    expect(describeFailure(failure)).toBe(
      'The Voice API answered 201, which is not the documented answer: the body is larger than 1 MiB; reading stopped there.\nThe call has probably been created; check before sending the request again.'
    )
    expect(api.posts).toHaveLength(1)
    // The client stopped reading: the server could not push the whole body.
    expect(api.bodyBytesWritten()).toBeLessThan(32 * MiB)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('a declared Content-Length over the limit is not read at all', async () => {
    await api.script({ type: 'huge-body', status: 201, bytes: 64 * MiB, declare: true })
    const { client } = clientFor(api)
    const { result, grewBy } = await peakGrowth(() => client.createCallV1(requestV1)())
    expect(grewBy).toBeLessThan(16 * MiB)
    expect(leftOf(result)).toEqual({
      kind: 'unexpected-response',
      status: 201,
      attempts: 1,
      callMayExist: true,
      errors: tooLarge
    })
  })

  it.each([
    [400, false],
    [429, false],
    [500, true],
    [503, true]
  ])(
    'after %i the body is not read past the limit either; the call may exist: %s',
    async (status, mayExist) => {
      await api.script({ type: 'huge-body', status, bytes: 4 * MiB })
      const { client, sleeps } = clientFor(api)
      const failure = leftOf(await client.createCallV1(requestV1)())
      expect(failure).toMatchObject({
        kind: 'unexpected-response',
        status,
        callMayExist: mayExist,
        errors: tooLarge
      })
      expect(mayHaveCreatedCall(failure)).toBe(mayExist)
      // Not retried, not even a 429: the answer is not one the API documents.
      expect(api.posts).toHaveLength(1)
      expect(sleeps).toEqual([])
    }
  )

  it('exactly 1 MiB is read; one byte more is too large', async () => {
    const call = JSON.stringify(exampleCall)
    const exactly = call + ' '.repeat(MiB - call.length)
    await api.script(
      { type: 'respond', status: 201, body: exactly },
      { type: 'respond', status: 201, body: `${exactly} ` }
    )
    const { client } = clientFor(api)
    expect(rightOf(await client.createCallV1(requestV1)()).call).toEqual(exampleCall)
    expect(leftOf(await client.createCallV1(requestV1)())).toMatchObject({
      kind: 'unexpected-response',
      errors: tooLarge
    })
  })

  it('a body that trickles for ever ends at the timeout: outcome unknown, with the status', async () => {
    await api.script({ type: 'trickle', status: 201, intervalMs: 20 })
    const { client } = clientFor(api, { timeoutMs: 300 })
    const started = Date.now()
    expect(leftOf(await client.createCallV1(requestV1)())).toEqual({
      kind: 'outcome-unknown',
      reason: 'timeout',
      attempts: 1,
      status: 201,
      timeoutMs: 300,
      detail: 'no complete answer within 300 ms'
    })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(api.posts).toHaveLength(1)
  })
})

describe('a URL fetch refuses', () => {
  it('127.0.0.1:9, a port on the Fetch standard\u2019s blocked list: not sent, not retried', async () => {
    const made = createClient({
      applicationId,
      privateKey: keys.pkcs8,
      baseUrl: 'http://127.0.0.1:9',
      limiter: false
    })
    if (E.isLeft(made)) throw new Error('client')
    const failure = leftOf(await made.right.createCallV1(requestV1)())
    expect(failure).toEqual({
      kind: 'network',
      attempts: 1,
      detail: 'fetch refuses to connect to port 9, which the Fetch standard blocks'
    })
    expect(mayHaveCreatedCall(failure)).toBe(false)
    expect(describeFailure(failure)).toBe(
      'Could not reach the Voice API: fetch refuses to connect to port 9, which the Fetch standard blocks.\nNothing was sent, so no call was created.'
    )
  })
})
