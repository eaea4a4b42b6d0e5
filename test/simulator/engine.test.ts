/**
 * The engine against scripted in-process apps: event order, every action's semantics, the
 * caller script, NCCO replacement, invalid NCCOs and the fallback, timers and machine
 * detection, ids and determinism.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { placeCall, simulateCall, simulateCallTask } from '../../src/simulator/engine.js'
import type { SimulateOptions } from '../../src/simulator/engine.js'
import type { CallTranscript, TranscriptStep } from '../../src/simulator/transcript.js'
import { base, scriptedApp } from './apps.js'
import type { Route, ScriptedApp } from './apps.js'

const answer = `${base}/answer`
const event = `${base}/event`

/** An app with an answer route, an event route that answers 200, and the given extra routes. */
const app = (
  ncco: ReadonlyArray<unknown> | Route,
  routes: Readonly<Record<string, Route>> = {}
): ScriptedApp =>
  scriptedApp({
    '/answer': typeof ncco === 'function' ? ncco : () => ncco,
    '/event': () => undefined,
    ...routes
  })

const run = (a: ScriptedApp, options: Partial<SimulateOptions> = {}): Promise<CallTranscript> =>
  simulateCall({ answerUrl: answer, eventUrl: event, fetch: a.fetch, seed: 1, ...options })

/** `route kind` of every request, in order. */
const requests = (t: CallTranscript): ReadonlyArray<string> =>
  t.requests.map((r) => `${r.route} ${r.kind}`)

const ofType = <T extends TranscriptStep['type']>(
  t: CallTranscript,
  type: T
): ReadonlyArray<Extract<TranscriptStep, { type: T }>> =>
  t.steps.filter((s): s is Extract<TranscriptStep, { type: T }> => s.type === type)

const codes = (t: CallTranscript): ReadonlyArray<string> => t.findings.map((f) => f.code)

const talk = (text: string, extra: Record<string, unknown> = {}) => ({
  action: 'talk',
  text,
  ...extra
})

describe('event order', () => {
  it('inbound: the answer webhook, then started, ringing, answered; completed at the end', async () => {
    const a = app([talk('Hi')])
    const t = await run(a)
    expect(requests(t)).toStrictEqual([
      'answer answer',
      'event started',
      'event ringing',
      'event answered',
      'event completed'
    ])
    expect(a.log()).toStrictEqual([
      '/answer',
      '/event started',
      '/event ringing',
      '/event answered',
      '/event completed'
    ])
    expect(t.ok).toBe(true)
    expect(t.outcome).toStrictEqual({
      status: 'completed',
      answered: true,
      reason: 'ncco-ended',
      disconnectedBy: 'platform',
      duration: 0.14,
      endTime: 0.14
    })
  })

  it('outbound: started, ringing, answered (after 3 s of ringing), then the answer webhook', async () => {
    const t = await run(app([talk('Hi')]), { direction: 'outbound' })
    expect(requests(t)).toStrictEqual([
      'event started',
      'event ringing',
      'event answered',
      'answer answer',
      'event completed'
    ])
    expect(t.requests.map((r) => r.time)).toStrictEqual([0, 0, 3, 3, 3.14])
    expect(t.requests[0]?.payload['direction']).toBe('outbound')
  })

  it('v2: the CallPlacedWebhook stands for started', async () => {
    const t = await run(app([talk('Hi')]), { direction: 'outbound', callPlaced: true })
    expect(requests(t).slice(0, 2)).toStrictEqual(['event call-placed', 'event ringing'])
    expect(t.requests[0]?.payload['status']).toBe('started')
  })

  it('sends no event without an event URL, but the steps still show the statuses', async () => {
    const t = await simulateCall({ ncco: [talk('Hi')], seed: 1 })
    expect(t.requests).toStrictEqual([])
    expect(ofType(t, 'status').map((s) => s.status)).toStrictEqual([
      'started',
      'ringing',
      'answered',
      'completed'
    ])
    expect(t.ok).toBe(true)
  })
})

describe('requests', () => {
  it('asks the answer URL by GET with query parameters, and sends events as POST JSON', async () => {
    const a = app([talk('Hi')])
    const t = await run(a, { from: '441234567890', to: '447700900999' })
    const [first, second] = a.received
    expect(first?.method).toBe('GET')
    expect(Object.fromEntries(first!.query)).toStrictEqual({
      to: '447700900999',
      from: '441234567890',
      uuid: t.call.uuid,
      conversation_uuid: t.call.conversation_uuid
    })
    expect(second?.method).toBe('POST')
    expect(second?.contentType).toBe('application/json')
    expect(second?.payload).toStrictEqual({
      from: '441234567890',
      to: '447700900999',
      uuid: t.call.uuid,
      conversation_uuid: t.call.conversation_uuid,
      status: 'started',
      direction: 'inbound',
      timestamp: '2025-01-01T00:00:00.000Z'
    })
    expect(first?.authorization).toBeNull()
  })

  it('POSTs the answer webhook with answerMethod POST, and GETs events with eventMethod GET', async () => {
    const a = app([talk('Hi')])
    await run(a, { answerMethod: 'POST', eventMethod: 'GET' })
    expect(a.received.map((r) => r.method)).toStrictEqual(['POST', 'GET', 'GET', 'GET', 'GET'])
    // A query has no null: answered's null start_time, rate and network are left out.
    expect(Object.keys(a.received[3]!.payload)).toStrictEqual([
      'from',
      'to',
      'uuid',
      'conversation_uuid',
      'status',
      'direction',
      'timestamp'
    ])
    expect(a.received[4]?.payload['duration']).toBe('0')
  })

  it('keeps the answer URL own query before the payload', async () => {
    const a = app([talk('Hi')])
    await run(a, { answerUrl: `${answer}?tenant=acme` })
    expect([...a.received[0]!.query.keys()]).toStrictEqual([
      'tenant',
      'to',
      'from',
      'uuid',
      'conversation_uuid'
    ])
  })

  it('sends completed with times, duration, rate, price and who hung up', async () => {
    const t = await run(app([{ action: 'wait', timeout: 90 }]))
    expect(t.requests.at(-1)?.payload).toStrictEqual({
      from: '447700900000',
      to: '447700900001',
      uuid: t.call.uuid,
      conversation_uuid: t.call.conversation_uuid,
      status: 'completed',
      direction: 'inbound',
      timestamp: '2025-01-01T00:01:30.000Z',
      start_time: '2025-01-01T00:00:00.000Z',
      end_time: '2025-01-01T00:01:30.000Z',
      duration: '90',
      rate: '0.01000000',
      price: '0.01500000',
      network: 'GB-FIXED',
      disconnected_by: 'platform'
    })
  })
})

describe('talk, stream and wait on the virtual clock', () => {
  it('talk lasts 0.07 s per spoken character, SSML tags not counted, times loop', async () => {
    const t = await run(
      app([
        talk('Hello', { loop: 2 }),
        talk('<speak>Hi <break time="1s"/>there</speak>'),
        { action: 'stream', streamUrl: ['https://example.com/a.mp3'] },
        { action: 'wait', timeout: 2.5 }
      ])
    )
    const steps = t.steps.filter((s) => ['talk', 'stream', 'wait'].includes(s.type))
    expect(steps.map((s) => [s.type, s.time])).toStrictEqual([
      ['talk', 0],
      ['talk', 0.7],
      ['stream', 1.26],
      ['wait', 6.26]
    ])
    expect(ofType(t, 'talk').map((s) => s.duration)).toStrictEqual([0.7, 0.56])
    expect(t.outcome.endTime).toBe(8.76)
  })

  it('a loop: 0 talk plays until length_timer when no caller step comes', async () => {
    const t = await run(app([talk('Hold on', { loop: 0 })]), { lengthTimer: 30 })
    expect(t.outcome.reason).toBe('length-timer')
    expect(t.outcome.endTime).toBe(30)
    expect(ofType(t, 'talk')[0]).toMatchObject({ duration: 30, interrupted: true })
    expect(t.requests.at(-1)?.payload['disconnected_by']).toBe('platform')
  })

  it('a loop: 0 talk stops at the next caller step: a hang-up ends the call', async () => {
    const t = await run(app([talk('Hold on', { loop: 0 })]), {
      script: { caller: [{ hangup: true }] }
    })
    expect(t.outcome).toMatchObject({ reason: 'caller-hung-up', disconnectedBy: 'user' })
    expect(ofType(t, 'talk')[0]).toMatchObject({ duration: 0.49, interrupted: true })
    expect(t.ok).toBe(true)
  })

  it('clamps wait to 0.1–7200 s as the platform does', async () => {
    const t = await run(app([{ action: 'wait', timeout: 0 }]))
    expect(ofType(t, 'wait')[0]?.seconds).toBe(0.1)
  })
})

describe('bargeIn', () => {
  const menu = [
    talk('Press one', { bargeIn: true, loop: 3 }),
    talk('or two', { bargeIn: true }),
    { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [`${base}/input`] }
  ]

  it('the caller hears the prompt once, then barges in: the loops and later prompts are cut', async () => {
    const a = app(menu, { '/input': () => undefined })
    const t = await run(a, { script: { caller: [{ dtmf: '1' }] } })
    expect(ofType(t, 'talk').map((s) => [s.time, s.duration, s.interrupted])).toStrictEqual([
      [0, 0.63, true],
      [0.63, 0, true]
    ])
    expect(ofType(t, 'caller')[0]).toMatchObject({ time: 0.63, digits: '1' })
  })

  it('without a caller step to act on, the prompts play in full', async () => {
    const a = app(menu, { '/input': () => undefined })
    const t = await run(a, { script: { caller: [{ silence: true }] } })
    expect(ofType(t, 'talk').map((s) => [s.time, s.duration, s.interrupted])).toStrictEqual([
      [0, 1.89, false],
      [1.89, 0.42, false]
    ])
  })
})

describe('input', () => {
  const input = (extra: Record<string, unknown>) => ({
    action: 'input',
    eventUrl: [`${base}/input`],
    ...extra
  })
  const inputApp = (ncco: ReadonlyArray<unknown>, reply: Route = () => undefined) =>
    app(ncco, { '/input': reply })
  const result = (a: ScriptedApp) => {
    const r = a.received.find((x) => x.path === '/input')!.payload
    return { dtmf: r['dtmf'], speech: r['speech'] }
  }

  it('collects keys up to maxDigits', async () => {
    const a = inputApp([input({ type: ['dtmf'], dtmf: { maxDigits: 2 } })])
    const t = await run(a, { script: { caller: [{ dtmf: '123' }] } })
    expect(result(a)).toStrictEqual({ dtmf: { digits: '12', timed_out: false }, speech: undefined })
    expect(t.requests.find((r) => r.route === 'input')?.time).toBe(0.6)
    expect(ofType(t, 'caller')[0]?.digits).toBe('12')
  })

  it('ends on # with submitOnHash, without the #', async () => {
    const a = inputApp([input({ type: ['dtmf'], dtmf: { submitOnHash: true, maxDigits: 10 } })])
    await run(a, { script: { caller: [{ dtmf: '42#' }] } })
    expect(result(a).dtmf).toStrictEqual({ digits: '42', timed_out: false })
  })

  it('times out timeOut seconds after fewer keys than maxDigits', async () => {
    const a = inputApp([input({ type: ['dtmf'], dtmf: { maxDigits: 4, timeOut: 5 } })])
    const t = await run(a, { script: { caller: [{ dtmf: '7' }] } })
    expect(result(a).dtmf).toStrictEqual({ digits: '7', timed_out: true })
    expect(t.requests.find((r) => r.route === 'input')?.time).toBe(5.3)
  })

  it('times out on silence: no digits, start_timeout for speech', async () => {
    const a = inputApp([input({ type: ['dtmf', 'speech'], speech: { startTimeout: 4 } })])
    const t = await run(a, { script: { caller: [{ silence: true }] } })
    expect(result(a)).toStrictEqual({
      dtmf: { digits: '', timed_out: true },
      speech: { timeout_reason: 'start_timeout' }
    })
    expect(t.requests.find((r) => r.route === 'input')?.time).toBe(4)
    expect(t.ok).toBe(true)
  })

  it('times out the same way when the script has no step left', async () => {
    const a = inputApp([input({ type: ['dtmf'] })])
    const t = await run(a)
    expect(result(a).dtmf).toStrictEqual({ digits: '', timed_out: true })
    expect(t.requests.find((r) => r.route === 'input')?.time).toBe(3)
  })

  it('DTMF over speech: speech says it was overridden', async () => {
    const a = inputApp([input({ type: ['dtmf', 'speech'], dtmf: { maxDigits: 1 } })])
    await run(a, { script: { caller: [{ dtmf: '2' }] } })
    expect(result(a)).toStrictEqual({
      dtmf: { digits: '2', timed_out: false },
      speech: { error: 'Speech overridden by DTMF' }
    })
  })

  it('a speech result has its text and confidence, and dtmf {digits: null, timed_out: false}', async () => {
    const a = inputApp([input({ type: ['speech'], speech: { endOnSilence: 1 } })])
    const t = await run(a, { script: { caller: [{ speech: 'support', confidence: 0.75 }] } })
    expect(result(a)).toStrictEqual({
      dtmf: { digits: null, timed_out: false },
      speech: {
        timeout_reason: 'end_on_silence_timeout',
        results: [{ text: 'support', confidence: 0.75 }]
      }
    })
    expect(t.requests.find((r) => r.route === 'input')?.time).toBe(1.49)
  })

  it('cuts speech at maxDuration', async () => {
    const a = inputApp([input({ type: ['speech'], speech: { maxDuration: 1 } })])
    await run(a, { script: { caller: [{ speech: 'a very long sentence indeed' }] } })
    expect(result(a).speech).toStrictEqual({
      timeout_reason: 'max_duration',
      results: [{ text: 'a very long sentence indeed', confidence: 0.9 }]
    })
  })

  it('keys for a speech-only input have no effect (a warning) and the input times out', async () => {
    const a = inputApp([input({ type: ['speech'] })])
    const t = await run(a, { script: { caller: [{ dtmf: '1' }] } })
    expect(result(a).speech).toStrictEqual({ timeout_reason: 'start_timeout' })
    expect(t.findings).toStrictEqual([
      {
        code: 'caller-step-ignored',
        severity: 'warning',
        path: '/script/caller/0',
        message: 'Caller step 0 (press 1) had no effect: this input listens for speech only.'
      }
    ])
    expect(t.ok).toBe(true)
  })

  it('sends the result to the call event URL when the input has no eventUrl', async () => {
    const a = app([{ action: 'input', type: ['dtmf'] }])
    const t = await run(a, { script: { caller: [{ dtmf: '1' }] } })
    expect(requests(t)).toContain('event input')
    expect(a.received.find((r) => r.payload['dtmf'] !== undefined)?.path).toBe('/event')
  })

  it('an NCCO returned by the input webhook replaces the rest of the flow', async () => {
    const a = inputApp([input({ type: ['dtmf'] }), talk('never heard')], () => [talk('Thanks')])
    const t = await run(a, { script: { caller: [{ dtmf: '1' }] } })
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['Thanks'])
    expect(ofType(t, 'ncco').map((s) => s.source)).toStrictEqual(['answer', 'input'])
  })

  it('an empty reply continues with the next action', async () => {
    const a = inputApp([input({ type: ['dtmf'] }), talk('next')], () => new Response(''))
    const t = await run(a, { script: { caller: [{ dtmf: '1' }] } })
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['next'])
    expect(t.ok).toBe(true)
  })

  it('the caller hanging up at an input ends the call, with no input webhook', async () => {
    const a = inputApp([input({ type: ['dtmf'] })])
    const t = await run(a, { script: { caller: [{ hangup: true }] } })
    expect(requests(t)).not.toContain('input input')
    expect(t.outcome).toMatchObject({ reason: 'caller-hung-up', disconnectedBy: 'user' })
    expect(t.requests.at(-1)?.payload['disconnected_by']).toBe('user')
  })

  it('asynchronous mode sends one webhook per key and goes on', async () => {
    const a = inputApp([input({ type: ['dtmf'], mode: 'asynchronous' }), talk('after')])
    const t = await run(a, { script: { caller: [{ dtmf: '12' }] } })
    expect(
      a.received.filter((r) => r.path === '/input').map((r) => r.payload['dtmf'])
    ).toStrictEqual([
      { digits: '1', timed_out: false },
      { digits: '2', timed_out: false }
    ])
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['after'])
  })
})

describe('notify', () => {
  const notify = {
    action: 'notify',
    payload: { step: 'one' },
    eventUrl: [`${base}/notify`]
  }

  it('posts its payload; an NCCO reply replaces the rest', async () => {
    const a = app([notify, talk('not this')], { '/notify': () => [talk('this')] })
    const t = await run(a)
    expect(a.received.find((r) => r.path === '/notify')?.payload).toStrictEqual({
      payload: { step: 'one' },
      conversation_uuid: t.call.conversation_uuid,
      timestamp: '2025-01-01T00:00:00.000Z'
    })
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['this'])
  })

  it('an empty reply continues', async () => {
    const a = app([notify, talk('next')], { '/notify': () => undefined })
    const t = await run(a)
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['next'])
  })
})

describe('invalid NCCOs and the fallback', () => {
  const broken = [{ action: 'talk', txt: 'typo' }]

  it('without a fallback URL: an error event, and the call ends', async () => {
    const a = app(broken)
    const t = await run(a)
    expect(requests(t)).toStrictEqual([
      'answer answer',
      'event error',
      'event started',
      'event ringing',
      'event answered',
      'event completed'
    ])
    expect(a.received[1]?.payload).toStrictEqual({
      reason: 'Syntax error in NCCO. Invalid value type or action.',
      conversation_uuid: t.call.conversation_uuid,
      timestamp: '2025-01-01T00:00:00.000Z'
    })
    expect(t.outcome.reason).toBe('no-ncco')
    expect(t.ok).toBe(false)
    expect(t.findings).toStrictEqual([
      {
        code: 'invalid-ncco',
        severity: 'error',
        path: '/steps/1/ncco',
        message:
          'The NCCO from the answer URL (GET http://app.test/answer) is invalid (2 errors), so it is not run.'
      },
      {
        code: 'unknown-key',
        severity: 'error',
        path: '/steps/1/ncco/0/txt',
        message: '"txt" is not a known field of the talk action.',
        hint: 'did you mean "text"?'
      },
      {
        code: 'missing-required',
        severity: 'error',
        path: '/steps/1/ncco/0/text',
        message: 'The talk action requires "text", which is missing.'
      }
    ])
    expect(t.steps[1]).toMatchObject({ type: 'ncco', valid: false, ncco: broken })
  })

  it('with a fallback URL: the fallback request with reason and original_request, whose NCCO runs', async () => {
    const a = app(broken, { '/fallback': () => [talk('Sorry, try later')] })
    const t = await run(a, { fallbackUrl: `${base}/fallback` })
    expect(requests(t).slice(0, 3)).toStrictEqual([
      'answer answer',
      'event error',
      'fallback fallback'
    ])
    const fallback = a.received.find((r) => r.path === '/fallback')
    expect(fallback?.method).toBe('POST')
    expect(fallback?.payload).toStrictEqual({
      to: '447700900001',
      from: '447700900000',
      uuid: t.call.uuid,
      conversation_uuid: t.call.conversation_uuid,
      reason: 'Invalid NCCO.',
      original_request: { url: answer, type: 'answer' }
    })
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['Sorry, try later'])
    expect(ofType(t, 'ncco').map((s) => [s.source, s.valid])).toStrictEqual([
      ['answer', false],
      ['fallback', true]
    ])
    expect(t.ok).toBe(false)
  })

  it('a fallback reply that is not JSON is an invalid NCCO too: an error event, and the call ends', async () => {
    const a = scriptedApp({
      '/answer': () => new Response('', { status: 500 }),
      '/fallback': () => new Response('<html>sorry</html>'),
      '/event': () => undefined
    })
    const t = await run(a, { fallbackUrl: `${base}/fallback` })
    expect(requests(t)).toStrictEqual([
      'answer answer',
      'fallback fallback',
      'event error',
      'event started',
      'event ringing',
      'event answered',
      'event completed'
    ])
    expect(codes(t)).toStrictEqual(['webhook-status', 'reply-not-json'])
    expect(t.findings[1]?.path).toBe('/requests/1/reply')
    expect(t.outcome.reason).toBe('no-ncco')
  })

  it('an invalid NCCO from an input webhook goes to the fallback as an event', async () => {
    const a = app([{ action: 'input', type: ['dtmf'], eventUrl: [`${base}/input`] }], {
      '/input': () => broken,
      '/fallback': () => undefined
    })
    const t = await run(a, { fallbackUrl: `${base}/fallback`, script: { caller: [{ dtmf: '1' }] } })
    const fallback = a.received.find((r) => r.path === '/fallback')
    expect(fallback?.payload['original_request']).toStrictEqual({
      url: `${base}/input`,
      type: 'event'
    })
    expect(fallback?.payload['dtmf']).toStrictEqual({ digits: '1', timed_out: true })
    // The fallback answered with nothing: not an NCCO, so the call ends.
    expect(t.outcome.reason).toBe('no-ncco')
    expect(codes(t)).toStrictEqual([
      'invalid-ncco',
      'unknown-key',
      'missing-required',
      'reply-not-json'
    ])
  })

  it('an answer reply that is not JSON is a finding, then an error event', async () => {
    const a = app(
      () => new Response('<html>oops</html>', { headers: { 'content-type': 'text/html' } })
    )
    const t = await run(a)
    expect(t.findings[0]).toMatchObject({ code: 'reply-not-json', path: '/requests/0/reply' })
    expect(t.findings[0]?.message).toMatch(
      /^The reply to GET http:\/\/app\.test\/answer is not JSON \(.+\), so it cannot be run as an NCCO\.$/
    )
    expect(requests(t)[1]).toBe('event error')
  })

  it('an empty answer reply is not an NCCO', async () => {
    const t = await run(app(() => new Response('')))
    expect(t.findings[0]?.message).toBe(
      'The reply to GET http://app.test/answer is not JSON (the body is empty), so it cannot be run as an NCCO.'
    )
  })

  it('an inline NCCO is validated like any other', async () => {
    const t = await simulateCall({ ncco: broken, seed: 1 })
    expect(codes(t)).toStrictEqual(['invalid-ncco', 'unknown-key', 'missing-required'])
    expect(t.findings[0]?.message).toBe(
      'The NCCO from the call options is invalid (2 errors), so it is not run.'
    )
  })

  it('keeps the validator warnings of a valid NCCO, at their transcript paths', async () => {
    const t = await run(app([talk('Hi'), { action: 'wait', timeout: 9000 }]))
    expect(t.findings).toStrictEqual([
      expect.objectContaining({
        code: 'wait-timeout-clamped',
        severity: 'warning',
        path: '/steps/1/ncco/1/timeout'
      })
    ])
    expect(t.ok).toBe(true)
  })
})

describe('record', () => {
  const recordApp = (ncco: ReadonlyArray<unknown>) =>
    app(ncco, { '/record': () => undefined, '/transcription': () => undefined })

  it('without a stop condition it records in the background until the call ends', async () => {
    const a = recordApp([
      { action: 'record', eventUrl: [`${base}/record`] },
      talk('Hello there'),
      { action: 'wait', timeout: 4 }
    ])
    const t = await run(a)
    expect(requests(t).slice(-2)).toStrictEqual(['event completed', 'record record'])
    const payload = a.received.find((r) => r.path === '/record')!.payload
    expect(payload).toMatchObject({
      start_time: '2025-01-01T00:00:00.000Z',
      end_time: '2025-01-01T00:00:04.770Z',
      size: 19080,
      conversation_uuid: t.call.conversation_uuid,
      uuid: t.call.uuid
    })
    expect(payload['recording_url']).toBe(
      `https://api.nexmo.com/v1/files/${String(payload['recording_uuid'])}`
    )
  })

  it('stops at its timeOut, while the call goes on', async () => {
    const a = recordApp([
      { action: 'record', timeOut: 3, eventUrl: [`${base}/record`] },
      { action: 'wait', timeout: 5 }
    ])
    const t = await run(a)
    expect(requests(t).slice(-2)).toStrictEqual(['record record', 'event completed'])
    expect(t.requests.find((r) => r.route === 'record')?.time).toBe(3)
  })

  it('with endOnKey it blocks until the key, then sends the record and transcription webhooks', async () => {
    const a = recordApp([
      {
        action: 'record',
        endOnKey: '#',
        eventUrl: [`${base}/record`],
        transcription: { eventUrl: [`${base}/transcription`] }
      },
      talk('Bye')
    ])
    const t = await run(a, { script: { caller: [{ speech: 'call me back' }, { dtmf: '1#9' }] } })
    expect(requests(t).slice(-3)).toStrictEqual([
      'record record',
      'transcription transcription',
      'event completed'
    ])
    expect(ofType(t, 'caller').map((s) => s.digits ?? s.text)).toStrictEqual(['call me back', '1#'])
    expect(t.requests.find((r) => r.route === 'record')?.time).toBe(1.44)
    const transcription = a.received.find((r) => r.path === '/transcription')!.payload
    expect(transcription).toMatchObject({
      conversation_uuid: t.call.conversation_uuid,
      status: 'transcribed',
      type: 'record'
    })
    expect(ofType(t, 'talk')[0]?.time).toBe(1.44)
  })

  it('with endOnSilence it stops after that much silence', async () => {
    const a = recordApp([{ action: 'record', endOnSilence: 3, eventUrl: [`${base}/record`] }])
    const t = await run(a)
    expect(t.requests.find((r) => r.route === 'record')?.time).toBe(3)
  })
})

describe('conversation, connect, transfer', () => {
  it('conversation: the rest is ignored; the caller hangs up', async () => {
    const a = app([{ action: 'conversation', name: 'room' }, talk('ignored')])
    const t = await run(a, { script: { caller: [{ hangup: true }] } })
    expect(ofType(t, 'conversation')[0]?.name).toBe('room')
    expect(ofType(t, 'talk')).toStrictEqual([])
    expect(t.outcome).toMatchObject({ reason: 'caller-hung-up', disconnectedBy: 'user' })
  })

  it('conversation: the end of the script ends it too', async () => {
    const t = await run(app([{ action: 'conversation', name: 'room' }, talk('ignored')]))
    expect(t.outcome.reason).toBe('conversation-ended')
    expect(ofType(t, 'talk')).toStrictEqual([])
  })

  const connect = (extra: Record<string, unknown> = {}) => ({
    action: 'connect',
    endpoint: [{ type: 'phone', number: '447700900002' }],
    eventUrl: [`${base}/leg`],
    ...extra
  })

  it('connect: the new leg events go to the connect eventUrl; then the NCCO goes on', async () => {
    const a = app([connect(), talk('after the call')], { '/leg': () => undefined })
    const t = await run(a)
    const legs = a.received.filter((r) => r.path === '/leg')
    expect(legs.map((r) => r.payload['status'])).toStrictEqual([
      'started',
      'ringing',
      'answered',
      'completed'
    ])
    const leg = ofType(t, 'connect')[0]!
    expect(leg).toMatchObject({ endpoint: 'phone', address: '447700900002', outcome: 'answered' })
    expect(legs[0]?.payload).toMatchObject({
      uuid: leg.leg,
      conversation_uuid: t.call.conversation_uuid,
      from: '447700900001',
      to: '447700900002',
      direction: 'outbound'
    })
    expect(leg.leg).not.toBe(t.call.uuid)
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['after the call'])
  })

  it('connect: the caller hanging up during the connected call ends both legs', async () => {
    const a = app([connect(), talk('never')], { '/leg': () => undefined })
    const t = await run(a, { script: { caller: [{ hangup: true }] } })
    expect(
      a
        .log()
        .filter((l) => l.startsWith('/leg'))
        .at(-1)
    ).toBe('/leg completed')
    expect(t.outcome.reason).toBe('caller-hung-up')
  })

  it('connect: a busy leg, and without synchronous events the NCCO goes on', async () => {
    const a = app([connect(), talk('nobody there')], { '/leg': () => [talk('ignored')] })
    const t = await run(a, { script: { legs: { '447700900002': 'busy' } } })
    expect(a.log().filter((l) => l.startsWith('/leg'))).toStrictEqual([
      '/leg started',
      '/leg ringing',
      '/leg busy',
      '/leg completed'
    ])
    expect(a.received.find((r) => r.payload['status'] === 'busy')?.payload['sip_code']).toBe(486)
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['nobody there'])
  })

  it('connect: with eventType synchronous a failure event may return an NCCO that replaces the flow', async () => {
    const a = app([connect({ eventType: 'synchronous', timeout: 20 }), talk('not this')], {
      '/leg': (r) => (r.payload['status'] === 'timeout' ? [talk('Voicemail')] : undefined)
    })
    const t = await run(a, { script: { legs: { '447700900002': 'timeout' } } })
    expect(ofType(t, 'talk').map((s) => [s.text, s.time])).toStrictEqual([['Voicemail', 20]])
    expect(ofType(t, 'ncco').map((s) => s.source)).toStrictEqual(['answer', 'connect'])
  })

  it('connect: a rejected leg gets no completed event', async () => {
    const a = app([connect()], { '/leg': () => undefined })
    await run(a, { script: { legs: { '447700900002': 'rejected' } } })
    expect(a.log().filter((l) => l.startsWith('/leg'))).toStrictEqual([
      '/leg started',
      '/leg ringing',
      '/leg rejected'
    ])
  })

  it('transfer: the transfer event, then the call ends', async () => {
    const a = app([{ action: 'transfer', conversationId: 'CON-other' }, talk('never')])
    const t = await run(a)
    expect(a.received.find((r) => r.payload['type'] === 'transfer')?.payload).toStrictEqual({
      conversation_uuid_from: t.call.conversation_uuid,
      conversation_uuid_to: 'CON-other',
      uuid: t.call.uuid,
      timestamp: '2025-01-01T00:00:00.000Z',
      type: 'transfer'
    })
    expect(t.outcome.reason).toBe('transferred')
    expect(requests(t).at(-1)).toBe('event completed')
  })
})

describe('answer outcomes, timers and machine detection', () => {
  const outboundWithMachineEvent = [
    'event started',
    'event ringing',
    'event answered',
    'answer answer',
    'event machine',
    'event completed'
  ]

  it.for([
    ['busy', 486],
    ['failed', 404],
    ['unanswered', 480]
  ] as const)('%s: no answer webhook, the status, then completed', async ([outcome, sip]) => {
    const a = app([talk('never')])
    const t = await run(a, { direction: 'outbound', script: { answer: outcome } })
    expect(requests(t)).toStrictEqual([
      'event started',
      'event ringing',
      `event ${outcome}`,
      'event completed'
    ])
    expect(a.received[2]?.payload['sip_code']).toBe(sip)
    expect(t.outcome).toMatchObject({
      status: 'completed',
      answered: false,
      reason: 'not-answered'
    })
    expect(t.ok).toBe(true)
  })

  it('rejected: no completed after it', async () => {
    const t = await run(app([talk('x')]), { direction: 'outbound', script: { answer: 'rejected' } })
    expect(requests(t)).toStrictEqual(['event started', 'event ringing', 'event rejected'])
    expect(t.outcome.status).toBe('rejected')
  })

  it('unanswered rings until ringing_timer', async () => {
    const t = await run(app([talk('x')]), {
      direction: 'outbound',
      ringingTimer: 25,
      script: { answer: 'unanswered' }
    })
    expect(t.requests[2]).toMatchObject({ kind: 'unanswered', time: 25 })
  })

  it('ringing_timer shorter than the ringing ends the call with timeout', async () => {
    const t = await run(app([talk('x')]), { direction: 'outbound', ringingTimer: 1 })
    expect(requests(t)).toStrictEqual([
      'event started',
      'event ringing',
      'event timeout',
      'event completed'
    ])
    expect(t.requests[2]?.time).toBe(1)
  })

  it('machine_detection hangup: the machine event, then the call ends', async () => {
    const a = app([talk('Hello')])
    const t = await run(a, {
      direction: 'outbound',
      machineDetection: 'hangup',
      script: { answer: 'machine' }
    })
    expect(requests(t)).toStrictEqual(outboundWithMachineEvent)
    expect(a.received[4]?.payload).toStrictEqual({
      call_uuid: t.call.uuid,
      from: '447700900000',
      to: '447700900001',
      status: 'machine',
      conversation_uuid: t.call.conversation_uuid,
      timestamp: '2025-01-01T00:00:03.000Z'
    })
    expect(t.outcome.reason).toBe('machine-detected')
    expect(ofType(t, 'talk')).toStrictEqual([])
  })

  it('machine_detection continue: a human event, and the NCCO runs', async () => {
    const t = await run(app([talk('Hello')]), {
      direction: 'outbound',
      machineDetection: 'continue'
    })
    expect(requests(t)).toContain('event human')
    expect(ofType(t, 'talk').length).toBe(1)
  })

  it('advanced detection, detect_beep: the beep event when the script gives the beep', async () => {
    const a = app([talk('Please hold', { loop: 0 })])
    const t = await run(a, {
      direction: 'outbound',
      advancedMachineDetection: { behavior: 'continue', mode: 'detect_beep' },
      lengthTimer: 60,
      script: { answer: 'machine', beep: 4 }
    })
    const beep = a.received.find((r) => r.payload['sub_state'] !== undefined)
    expect(beep?.payload).toMatchObject({ status: 'machine', sub_state: 'beep_start' })
    expect(t.requests.find((r) => r.payload['sub_state'] !== undefined)?.time).toBe(7)
    expect(requests(t)).not.toContain('event human')
  })

  it('advanced detection: the beep event may return an NCCO that replaces the flow', async () => {
    const events = scriptedApp({
      '/answer': () => [talk('Please hold', { loop: 0 })],
      '/event': (r) =>
        r.payload['sub_state'] === 'beep_start' ? [talk('Leaving a message')] : undefined
    })
    const t = await run(events, {
      direction: 'outbound',
      advancedMachineDetection: { behavior: 'continue', mode: 'default' },
      script: { answer: 'machine', beep: 2 }
    })
    expect(requests(t).filter((r) => r.includes('machine'))).toStrictEqual([
      'event machine',
      'event machine'
    ])
    expect(ofType(t, 'talk').map((s) => [s.text, s.time, s.duration])).toStrictEqual([
      ['Please hold', 3, 2],
      ['Leaving a message', 5, 1.19]
    ])
    expect(t.outcome.reason).toBe('ncco-ended')
  })

  it('advanced detection without a mode detects as mode detect: the status event, no beep event', async () => {
    const a = app([{ action: 'wait', timeout: 10 }])
    const t = await run(a, {
      direction: 'outbound',
      advancedMachineDetection: { behavior: 'continue' },
      script: { answer: 'machine', beep: 4 }
    })
    expect(requests(t)).toStrictEqual(outboundWithMachineEvent)
    expect(a.received[4]?.payload['sub_state']).toBeUndefined()
    expect(t.outcome).toMatchObject({ reason: 'ncco-ended', endTime: 13 })
  })

  it('advanced detection without a beep: beep_timeout after beep_timeout seconds, then hang up', async () => {
    const a = app([{ action: 'wait', timeout: 100 }])
    const t = await run(a, {
      direction: 'outbound',
      advancedMachineDetection: { behavior: 'hangup', mode: 'detect_beep', beep_timeout: 30 },
      script: { answer: 'machine' }
    })
    expect(a.received.find((r) => r.payload['sub_state'] !== undefined)?.payload['sub_state']).toBe(
      'beep_timeout'
    )
    expect(t.outcome).toMatchObject({ reason: 'machine-detected', endTime: 33 })
  })
})

describe('the caller script', () => {
  it('a step left unused is an error finding', async () => {
    const t = await run(app([talk('Bye')]), {
      script: { caller: [{ dtmf: '1' }, { hangup: true }] }
    })
    expect(t.findings).toStrictEqual([
      {
        code: 'caller-step-unused',
        severity: 'error',
        path: '/script/caller/0',
        message:
          'Caller step 0 (press 1) was never used: the call ended before anything waited for it.'
      },
      {
        code: 'caller-step-unused',
        severity: 'error',
        path: '/script/caller/1',
        message:
          'Caller step 1 (hang up) was never used: the call ended before anything waited for it.'
      }
    ])
    expect(t.ok).toBe(false)
  })

  it('an invalid script is reported at /script and the call does not start', async () => {
    const t = await simulateCall({
      ncco: [talk('x')],
      script: { caller: [{ press: '1' }] } as never
    })
    expect(t.outcome.reason).toBe('not-started')
    expect(t.findings).toStrictEqual([
      {
        code: 'invalid-caller-step',
        severity: 'error',
        path: '/script/caller/0',
        message:
          'Caller step 0 must have exactly one of "dtmf", "speech", "silence" and "hangup"; it has none of them.'
      }
    ])
  })
})

describe('options', () => {
  it('unusable options give a call that never started, and a Left from the task', async () => {
    const options = {
      answerUrl: 'ftp://x',
      ncco: [talk('x')],
      eventMethod: 'PUT',
      seed: 1.5
    } as unknown as SimulateOptions
    const t = await simulateCall(options)
    expect(t.ok).toBe(false)
    expect(t.requests).toStrictEqual([])
    expect(t.findings.map((f) => [f.path, f.message])).toStrictEqual([
      [
        '/answerUrl',
        'The option "answerUrl" must be an absolute http: or https: URL, got "ftp://x".'
      ],
      ['/ncco', 'The option "ncco" cannot be given together with "answerUrl"; give one of them.'],
      ['/eventMethod', 'The option "eventMethod" must be "GET" or "POST", got "PUT".'],
      ['/seed', 'The option "seed" must be a whole number, got 1.5.']
    ])
    const task = await simulateCallTask(options)()
    expect(E.isLeft(task) && task.left).toStrictEqual(t.findings)
  })

  it('never shows the signature secret', async () => {
    const t = await simulateCall({ ncco: [talk('x')], signatureSecret: 42 as never })
    expect(t.findings[0]?.message).toBe('The option "signatureSecret" must be a non-empty string.')
  })

  it('a time limit longer than a timer can wait is a finding (it would fire at once)', async () => {
    const t = await simulateCall({ ncco: [talk('Hi')], timeouts: { answerMs: 3e9 } })
    expect(t.outcome.reason).toBe('not-started')
    expect(t.findings.map((f) => [f.path, f.message])).toStrictEqual([
      [
        '/timeouts',
        'The option "timeouts" must be at most 2147483647 milliseconds (no timer waits longer), got 3000000000.'
      ]
    ])
  })

  it('a now that is not a function is a finding, not a throw', async () => {
    const options = { ncco: [talk('Hi')], now: 5 } as unknown as SimulateOptions
    const t = await placeCall(options).transcript
    expect(t.outcome.reason).toBe('not-started')
    expect(t.findings.map((f) => [f.path, f.message])).toStrictEqual([
      ['/now', 'The option "now" must be a function returning milliseconds, got 5.']
    ])
  })

  it('needs an answer URL or an NCCO', async () => {
    const t = await simulateCall({})
    expect(t.findings[0]?.message).toBe(
      'The option "answerUrl" or "ncco" is needed: the call needs a first NCCO.'
    )
  })

  it('the task is Right for a call that ran, even one with errors', async () => {
    const task = await simulateCallTask({ ncco: [{ action: 'talk' }], seed: 1 })()
    expect(E.isRight(task) && task.right.ok).toBe(false)
  })
})

describe('identifiers and determinism', () => {
  it('uuid is 32 hex digits, conversation_uuid CON- and a dashed UUID', async () => {
    const t = await simulateCall({ ncco: [talk('x')] })
    expect(t.call.uuid).toMatch(/^[0-9a-f]{32}$/)
    expect(t.call.conversation_uuid).toMatch(
      /^CON-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
  })

  it('uses the identifiers it is given', async () => {
    const t = await simulateCall({
      ncco: [talk('x')],
      ids: { uuid: 'abc', conversationUuid: 'CON-xyz' }
    })
    expect([t.call.uuid, t.call.conversation_uuid]).toStrictEqual(['abc', 'CON-xyz'])
  })

  it('the same app, script and seed give the same transcript, apart from latencies', async () => {
    const ncco = [
      talk('Menu', { bargeIn: true }),
      { action: 'input', type: ['dtmf', 'speech'], eventUrl: [`${base}/input`] },
      { action: 'record', eventUrl: [`${base}/record`] },
      { action: 'connect', endpoint: [{ type: 'app', user: 'bob' }] }
    ]
    const once = async (seed: number) => {
      const a = app(ncco, { '/input': () => undefined, '/record': () => undefined })
      const t = await run(a, {
        seed,
        signatureSecret: 's3cret',
        script: { caller: [{ speech: 'hi' }] }
      })
      return { ...t, requests: t.requests.map((r) => ({ ...r, latencyMs: 0 })) }
    }
    const [a, b, c] = await Promise.all([once(7), once(7), once(8)])
    expect(a).toStrictEqual(b)
    expect(a.call.uuid).not.toBe(c.call.uuid)
    expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a)
  })
})

describe('a running call', () => {
  it('hangup() while ringing cancels the call', async () => {
    const a = app([talk('x')])
    const call = placeCall({
      answerUrl: answer,
      eventUrl: event,
      fetch: a.fetch,
      direction: 'outbound',
      seed: 1
    })
    call.hangup()
    const t = await call.transcript
    expect(requests(t)).toStrictEqual([
      'event started',
      'event ringing',
      'event cancelled',
      'event completed'
    ])
    expect(call.state()).toBe('completed')
  })

  it('hangup() and transfer() take effect at the next step boundary', async () => {
    const first: { call?: ReturnType<typeof placeCall> } = {}
    const a = app(
      [
        talk('one'),
        { action: 'notify', payload: {}, eventUrl: [`${base}/notify`] },
        talk('two'),
        talk('three')
      ],
      {
        '/notify': () => {
          expect(first.call?.state()).toBe('answered')
          first.call?.transfer([talk('transferred')])
          return undefined
        }
      }
    )
    first.call = placeCall({ answerUrl: answer, eventUrl: event, fetch: a.fetch, seed: 1 })
    const t = await first.call.transcript
    expect(ofType(t, 'talk').map((s) => s.text)).toStrictEqual(['one', 'transferred'])
    expect(ofType(t, 'ncco').map((s) => s.source)).toStrictEqual(['answer', 'transfer'])

    const second: { call?: ReturnType<typeof placeCall> } = {}
    const b = app(
      [talk('one'), { action: 'notify', payload: {}, eventUrl: [`${base}/notify`] }, talk('two')],
      {
        '/notify': () => {
          second.call?.hangup()
          return undefined
        }
      }
    )
    second.call = placeCall({ answerUrl: answer, eventUrl: event, fetch: b.fetch, seed: 1 })
    const u = await second.call.transcript
    expect(ofType(u, 'talk').map((s) => s.text)).toStrictEqual(['one'])
    expect(u.outcome.reason).toBe('hung-up-by-api')
  })

  it('stops an app that returns the same NCCO forever', async () => {
    const loop = [{ action: 'notify', payload: {}, eventUrl: [`${base}/notify`] }]
    const a = app(loop, { '/notify': () => loop })
    const t = await run(a)
    expect(t.outcome.reason).toBe('too-many-actions')
    expect(codes(t)).toStrictEqual(['too-many-actions'])
  })
})
