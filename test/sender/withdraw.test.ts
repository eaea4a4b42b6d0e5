/**
 * A call that waits can always be withdrawn, and the queue is bounded. The scenario of the
 * red-team pass: a limiter of 1 call per second, 5 calls fired at once by a caller that gives
 * up after 1.2 s. Only the calls whose turn came before that are sent; the others leave the
 * queue at once and are never sent, so a caller that retries cannot dial twice.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient, type Client } from '../../src/sender/client.js'
import type { CommonOptions } from '../../src/sender/config.js'
import { describeFailure, mayHaveCreatedCall } from '../../src/sender/failure.js'
import { startFakeVoiceApi, steps, type FakeVoiceApi } from './fake-voice-api.js'
import { leftOf, requestV1, rightOf } from './helpers.js'
import { applicationId, keys } from './keys.js'

let api: FakeVoiceApi
beforeEach(async () => {
  api = await startFakeVoiceApi()
})
afterEach(async () => {
  await api.close()
})

/** A client with the system clock: the waits are real, and short. */
const realClient = (options: CommonOptions): Client => {
  const made = createClient({ applicationId, privateKey: keys.pkcs8, baseUrl: api.url, ...options })
  if (E.isLeft(made)) throw new Error(made.left.map((p) => p.message).join('\n'))
  return made.right
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('an AbortSignal withdraws a queued call', () => {
  it('1 call/s, 5 at once, the caller gives up after 1.2 s: 2 POSTs, 3 not sent, none later', async () => {
    await api.script(...Array.from({ length: 5 }, () => steps.created()))
    const client = realClient({ limiter: { callsPerSecond: 1 } })
    const signal = AbortSignal.timeout(1_200)
    const started = Date.now()
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        client
          .createCallV1(requestV1, { signal })()
          .then((r) => ({ r, at: Date.now() - started }))
      )
    )
    expect(results.map(({ r }) => (E.isRight(r) ? 'created' : r.left.kind))).toEqual([
      'created',
      'created',
      'not-sent',
      'not-sent',
      'not-sent'
    ])
    const withdrawn = results.slice(2).map(({ r }) => leftOf(r))
    expect(withdrawn[0]).toEqual({ kind: 'not-sent', reason: 'aborted', attempts: 0 })
    expect(withdrawn.every((f) => !mayHaveCreatedCall(f))).toBe(true)
    expect(describeFailure(withdrawn[0]!)).toBe(
      'The call was aborted by its signal before it was sent.\nNo call was created.'
    )
    // They returned when the caller gave up, not when their turn would have come.
    for (const { at } of results.slice(2)) expect(at).toBeLessThan(1_500)
    // Past the turn the third call would have had (2 s): still 2 POSTs.
    await wait(2_300 - (Date.now() - started))
    expect(api.posts).toHaveLength(2)
  })

  it('a signal that has already aborted sends nothing', async () => {
    await api.script(steps.created())
    const client = realClient({ limiter: false })
    const controller = new AbortController()
    controller.abort()
    expect(leftOf(await client.createCallV1(requestV1, { signal: controller.signal })())).toEqual({
      kind: 'not-sent',
      reason: 'aborted',
      attempts: 0
    })
    expect(api.posts).toHaveLength(0)
  })

  it('aborted while a retry waits (429, Retry-After 5 s): not sent again, back at once', async () => {
    await api.script(steps.rateLimited('5'), steps.created())
    const client = realClient({ limiter: false })
    const started = Date.now()
    const failure = leftOf(
      await client.createCallV1(requestV1, { signal: AbortSignal.timeout(200) })()
    )
    expect(failure).toEqual({ kind: 'not-sent', reason: 'aborted', attempts: 1 })
    expect(describeFailure(failure)).toBe(
      'The call was aborted by its signal before it was sent. The 1 earlier attempt was answered 429 or refused.\nNo call was created.'
    )
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(api.posts).toHaveLength(1)
  })

  it('aborted while the request is out: outcome unknown, the call may exist', async () => {
    await api.script(steps.hang())
    const client = realClient({ limiter: false, timeoutMs: 5_000 })
    const started = Date.now()
    const failure = leftOf(
      await client.createCallV1(requestV1, { signal: AbortSignal.timeout(200) })()
    )
    expect(failure).toEqual({
      kind: 'outcome-unknown',
      reason: 'aborted',
      attempts: 1,
      detail: 'aborted by the caller'
    })
    expect(mayHaveCreatedCall(failure)).toBe(true)
    expect(describeFailure(failure)).toBe(
      'The call was aborted by its signal while the request was out. The request had been sent: the call may or may not exist.\nCheck whether the call exists before sending the request again.'
    )
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(api.posts).toHaveLength(1)
  })

  it('a limiter written for 0.1.0, which ignores the signal, still cannot send an aborted call', async () => {
    await api.script(steps.created())
    const slow = { take: () => wait(500) }
    const client = realClient({ limiter: slow })
    const started = Date.now()
    expect(
      leftOf(await client.createCallV1(requestV1, { signal: AbortSignal.timeout(100) })())
    ).toEqual({ kind: 'not-sent', reason: 'aborted', attempts: 0 })
    expect(Date.now() - started).toBeLessThan(400)
    await wait(600)
    expect(api.posts).toHaveLength(0)
  })
})

describe('the queue is bounded', () => {
  it('maxQueue: 2 — one call starts, two wait, the others are refused at once', async () => {
    await api.script(...Array.from({ length: 5 }, () => steps.created()))
    const client = realClient({ limiter: { callsPerSecond: 1, maxQueue: 2 } })
    const controller = new AbortController()
    const started = Date.now()
    const pending = Array.from({ length: 5 }, () =>
      client.createCallV1(requestV1, { signal: controller.signal })()
    )
    const [, , , fourth, fifth] = pending
    expect(leftOf(await fourth!)).toEqual({
      kind: 'not-sent',
      reason: 'queue-full',
      attempts: 0,
      maxQueue: 2
    })
    expect(leftOf(await fifth!).kind).toBe('not-sent')
    expect(Date.now() - started).toBeLessThan(500)
    expect(rightOf(await pending[0]!).status).toBe(201)
    controller.abort()
    const all = await Promise.all(pending)
    expect(all.map((r) => (E.isRight(r) ? 'created' : r.left.kind))).toEqual([
      'created',
      'not-sent',
      'not-sent',
      'not-sent',
      'not-sent'
    ])
    expect(describeFailure(leftOf(all[3]!))).toBe(
      "The limiter's queue was full (2 calls waiting); the call was not sent.\nNo call was created."
    )
    await wait(1_200)
    expect(api.posts).toHaveLength(1)
  })

  it('queueTimeoutMs: a call that waits longer is given up and never sent', async () => {
    await api.script(...Array.from({ length: 3 }, () => steps.created()))
    const client = realClient({ limiter: { callsPerSecond: 1 }, queueTimeoutMs: 300 })
    const started = Date.now()
    const results = await Promise.all(
      Array.from({ length: 3 }, () => client.createCallV1(requestV1)())
    )
    expect(rightOf(results[0]!).status).toBe(201)
    expect(results.slice(1).map((r) => leftOf(r))).toEqual([
      { kind: 'not-sent', reason: 'queue-timeout', attempts: 0, queueTimeoutMs: 300 },
      { kind: 'not-sent', reason: 'queue-timeout', attempts: 0, queueTimeoutMs: 300 }
    ])
    expect(Date.now() - started).toBeLessThan(800)
    await wait(1_200 - (Date.now() - started))
    expect(api.posts).toHaveLength(1)
  })
})
