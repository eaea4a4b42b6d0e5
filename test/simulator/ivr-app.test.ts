/**
 * examples/ivr-app tested the way a user would test their own app: `simulateCall` with the
 * app as an in-process Fetch handler (no network, no server), signatures switched on, and
 * assertions on the transcript. docs/simulate.md shows this file's first test.
 */
import { describe, expect, it } from 'vitest'
import { createIvrApp } from '../../examples/ivr-app/app.js'
import { simulateCall } from '../../src/simulator/engine.js'
import type { CallerStep } from '../../src/simulator/script.js'

const secret = 'test-signature-secret'

const call = async (caller: ReadonlyArray<CallerStep>) => {
  const log: string[] = []
  const app = createIvrApp({
    baseUrl: 'https://ivr.example',
    signatureSecret: secret,
    log: (l) => log.push(l)
  })
  const transcript = await simulateCall({
    answerUrl: 'https://ivr.example/answer',
    eventUrl: 'https://ivr.example/event',
    fetch: app,
    signatureSecret: secret,
    seed: 1,
    script: { caller }
  })
  const heard = transcript.steps.flatMap((s) => (s.type === 'talk' ? [s.text] : []))
  const connected = transcript.steps.flatMap((s) => (s.type === 'connect' ? [s.address] : []))
  return { transcript, heard, connected, log }
}

describe('the IVR example', () => {
  it('connects a caller who presses 1 and says "support" to the support team', async () => {
    const { transcript, heard, connected } = await call([{ dtmf: '1' }, { speech: 'support' }])
    expect(transcript.ok).toBe(true)
    expect(heard).toStrictEqual([
      'Welcome to Acme. For sales or support press 1. To leave a message press 2.',
      'Say sales or support.',
      'Connecting you to support.'
    ])
    expect(connected).toStrictEqual(['447700900002'])
  })

  it('records a message after 2, ended with #', async () => {
    const { transcript, log } = await call([
      { dtmf: '2' },
      { speech: 'Please call me back' },
      { dtmf: '#' }
    ])
    expect(transcript.ok).toBe(true)
    expect(
      transcript.requests.filter((r) => r.kind === 'record').map((r) => r.route)
    ).toStrictEqual(['record'])
    expect(log.filter((l) => l.includes('record'))).toHaveLength(1)
  })

  it('says goodbye to a caller who says nothing, after one more try', async () => {
    const { transcript, heard } = await call([{ silence: true }, { silence: true }])
    expect(transcript.ok).toBe(true)
    expect(heard.at(-1)).toBe('Sorry, I did not understand. Goodbye.')
    expect(heard.filter((h) => h.startsWith('Welcome'))).toHaveLength(2)
  })

  it('every webhook passed the app signature check', async () => {
    const { transcript, log } = await call([{ dtmf: '1' }, { speech: 'sales' }])
    expect(transcript.requests.every((r) => r.status === 200)).toBe(true)
    expect(log.every((l) => l.endsWith('(signature verified)'))).toBe(true)
  })
})
