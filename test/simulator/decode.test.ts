/**
 * Every request the simulator sends decodes with `decodeWebhook` on its route, with no
 * finding: over hand-picked calls that reach every kind of payload, and over random scripts,
 * methods, directions and outcomes (fast-check).
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { simulateCall } from '../../src/simulator/engine.js'
import type { SimulateOptions } from '../../src/simulator/engine.js'
import { callOutcomes } from '../../src/simulator/script.js'
import type { CallOutcome, CallerStep } from '../../src/simulator/script.js'
import type { CallTranscript } from '../../src/simulator/transcript.js'
import { decodeWebhook } from '../../src/webhooks/decode.js'
import { base, scriptedApp } from './apps.js'

const url = (path: string) => `${base}${path}`

/** An NCCO that reaches every action and every action's own webhook. */
const everything = (method: 'GET' | 'POST') => [
  { action: 'talk', text: 'Welcome', bargeIn: true },
  { action: 'input', type: ['dtmf', 'speech'], eventUrl: [url('/input')], eventMethod: method },
  { action: 'input', type: ['speech'], speech: { saveAudio: true } },
  { action: 'input', type: ['dtmf'], mode: 'asynchronous', eventUrl: [url('/input')] },
  {
    action: 'record',
    eventUrl: [url('/record')],
    eventMethod: method,
    transcription: { eventUrl: [url('/transcription')], eventMethod: method }
  },
  { action: 'record', endOnKey: '#', transcription: {} },
  {
    action: 'notify',
    payload: { step: 1, nested: { a: [1] } },
    eventUrl: [url('/notify')],
    eventMethod: method
  },
  { action: 'stream', streamUrl: ['https://example.com/hold.mp3'] },
  { action: 'wait', timeout: 1 },
  {
    action: 'connect',
    endpoint: [{ type: 'phone', number: '447700900002' }],
    eventType: 'synchronous',
    machineDetection: 'continue'
  },
  { action: 'connect', endpoint: [{ type: 'app', user: 'alice' }], eventUrl: [url('/leg')] },
  { action: 'conversation', name: 'room', record: true }
]

const decodesAll = (t: CallTranscript): void => {
  expect(t.requests.length).toBeGreaterThan(0)
  for (const r of t.requests) {
    const payload = r.method === 'GET' ? new URL(r.url).searchParams : r.payload
    const decoded = decodeWebhook(r.route, payload)
    expect(
      E.isLeft(decoded) ? { request: r.index, kind: r.kind, issues: decoded.left } : 'decoded'
    ).toBe('decoded')
  }
}

const app = (answer: ReadonlyArray<unknown>, fallbackNcco: ReadonlyArray<unknown> = []) =>
  scriptedApp({
    '/answer': () => answer,
    '/event': () => undefined,
    '/input': () => undefined,
    '/record': () => undefined,
    '/transcription': () => undefined,
    '/notify': () => undefined,
    '/leg': () => undefined,
    '/fallback': () => fallbackNcco
  })

describe('decodeWebhook decodes every request the simulator sends', () => {
  it.for(['GET', 'POST'] as const)('every kind of payload, events by %s', async (method) => {
    const a = app(everything(method))
    const t = await simulateCall({
      answerUrl: url('/answer'),
      answerMethod: method,
      eventUrl: url('/event'),
      eventMethod: method,
      fetch: a.fetch,
      seed: 3,
      machineDetection: 'continue',
      script: {
        caller: [
          { dtmf: '12' },
          { speech: 'sales please', confidence: 0.5 },
          { dtmf: '9' },
          { speech: 'hello' },
          { dtmf: '#' },
          { hangup: true }
        ],
        legs: { '447700900002': 'busy' }
      }
    })
    expect(new Set(t.requests.map((r) => `${r.route} ${r.kind}`))).toStrictEqual(
      new Set([
        'answer answer',
        'event started',
        'event ringing',
        'event answered',
        'event human',
        'input input',
        'event input',
        'record record',
        'transcription transcription',
        'event record',
        'event transcription',
        'notify notify',
        'event busy',
        'event completed',
        'event started',
        'event ringing',
        'event answered',
        'event completed'
      ])
    )
    decodesAll(t)
  })

  it('error and fallback payloads, for the answer URL and for an event', async () => {
    const broken = [{ action: 'talk' }]
    const firstNccos = [
      broken,
      [{ action: 'input', type: ['dtmf'], eventUrl: [url('/broken')] }],
      [{ action: 'notify', payload: {}, eventUrl: [url('/missing')] }]
    ]
    for (const answer of firstNccos) {
      const fetch = scriptedApp({
        '/answer': () => answer,
        '/event': () => undefined,
        '/broken': () => broken,
        '/fallback': () => [{ action: 'talk', text: 'Sorry' }]
      }).fetch
      const t = await simulateCall({
        answerUrl: url('/answer'),
        eventUrl: url('/event'),
        fallbackUrl: url('/fallback'),
        fetch,
        seed: 4,
        script: { caller: [{ dtmf: '1' }] }
      })
      expect(t.requests.map((r) => r.kind)).toContain('fallback')
      expect(t.outcome.reason).toBe('ncco-ended')
      decodesAll(t)
    }
  })

  it('machine events, beeps, transfers, the v2 call-placed webhook, failures', async () => {
    const calls: Array<Partial<SimulateOptions>> = [
      {
        direction: 'outbound',
        callPlaced: true,
        advancedMachineDetection: { behavior: 'continue', mode: 'default' },
        script: { answer: 'machine', beep: 2 }
      },
      { direction: 'outbound', machineDetection: 'hangup', script: { answer: 'machine' } },
      { direction: 'outbound', script: { answer: 'rejected' } },
      { direction: 'outbound', script: { answer: 'unanswered' }, ringingTimer: 10 },
      { direction: 'outbound', eventMethod: 'GET', script: { answer: 'failed' } }
    ]
    for (const options of calls) {
      const t = await simulateCall({
        answerUrl: url('/answer'),
        eventUrl: url('/event'),
        fetch: app([
          { action: 'wait', timeout: 5 },
          { action: 'transfer', conversationId: 'CON-elsewhere' }
        ]).fetch,
        seed: 5,
        ...options
      })
      decodesAll(t)
    }
  })

  it('random calls: scripts, methods, directions and outcomes', async () => {
    const step: fc.Arbitrary<CallerStep> = fc.oneof(
      fc.stringMatching(/^[0-9*#]{1,6}$/).map((dtmf) => ({ dtmf })),
      fc
        .record({
          speech: fc.string({ minLength: 1, maxLength: 30 }),
          confidence: fc.double({ min: 0, max: 1, noNaN: true })
        })
        .filter((s) => s.speech.trim() !== ''),
      fc.constant({ silence: true } as const),
      fc.constant({ hangup: true } as const)
    )
    const outcome = fc.constantFrom<CallOutcome>(...callOutcomes)
    const method = fc.constantFrom<'GET' | 'POST'>('GET', 'POST')
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          caller: fc.array(step, { maxLength: 6 }),
          answer: outcome,
          leg: outcome,
          answerMethod: method,
          eventMethod: method,
          direction: fc.constantFrom<'inbound' | 'outbound'>('inbound', 'outbound'),
          seed: fc.nat()
        }),
        async (c) => {
          const t = await simulateCall({
            answerUrl: url('/answer'),
            eventUrl: url('/event'),
            fallbackUrl: url('/fallback'),
            fetch: app(everything(c.eventMethod)).fetch,
            answerMethod: c.answerMethod,
            eventMethod: c.eventMethod,
            direction: c.direction,
            seed: c.seed,
            machineDetection: 'continue',
            script: {
              caller: c.caller,
              answer: c.answer,
              legs: { '447700900002': c.leg, alice: c.leg }
            }
          })
          decodesAll(t)
          expect(t.ok).toBe(!t.findings.some((f) => f.severity === 'error'))
          expect(t.steps.at(-1)?.type).toBe('end')
        }
      ),
      { numRuns: 60 }
    )
  })
})
