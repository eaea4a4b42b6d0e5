/**
 * The pretty and JSON renderings of a transcript, pinned (latencies set to 0 first: they are
 * the one part of a seeded transcript that changes from run to run).
 */
import { describe, expect, it } from 'vitest'
import { simulateCall } from '../../src/simulator/engine.js'
import { renderJson, renderPretty } from '../../src/simulator/render.js'
import type { CallTranscript } from '../../src/simulator/transcript.js'
import { hasAnsi, showAnsi } from '../cli/ansi.js'
import { base, scriptedApp } from './apps.js'

const stable = (t: CallTranscript): CallTranscript => ({
  ...t,
  requests: t.requests.map((r) => ({ ...r, latencyMs: 0 }))
})

const ivr = () =>
  scriptedApp({
    '/answer': () => [
      { action: 'talk', text: 'Welcome. Press 1 for sales.', bargeIn: true, loop: 2 },
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [`${base}/input`] }
    ],
    '/input': (r) =>
      (r.payload['dtmf'] as { digits: string }).digits === '1'
        ? [
            { action: 'talk', text: 'Say your name.' },
            { action: 'input', type: ['speech'], eventUrl: [`${base}/input`] }
          ]
        : undefined,
    '/event': (r) =>
      r.payload['status'] === 'ringing' ? new Response('', { status: 500 }) : undefined
  })

const call = async (): Promise<CallTranscript> =>
  stable(
    await simulateCall({
      answerUrl: `${base}/answer`,
      eventUrl: `${base}/event`,
      fetch: ivr().fetch,
      seed: 11,
      script: { caller: [{ dtmf: '1' }, { speech: 'Ada' }, { dtmf: '9' }] }
    })
  )

describe('renderPretty', () => {
  it('shows the call moment by moment, then the findings and a summary', async () => {
    expect(renderPretty(await call(), { colour: false })).toMatchInlineSnapshot(`
      "Simulated inbound call from 447700900000 to 447700900001 (uuid c880e2f57094dcb2aab1e1b07e45a876, conversation CON-ee8d33d6-0310-4b3f-aff4-5f081adc539c)
          0.00s    → GET http://app.test/answer  answer  200  0 ms
          0.00s  NCCO from the answer URL: talk, input
          0.00s  call started
          0.00s    → POST http://app.test/event  started  200  0 ms
          0.00s  call ringing
          0.00s    → POST http://app.test/event  ringing  500  0 ms
          0.00s  call answered
          0.00s    → POST http://app.test/event  answered  200  0 ms
          0.00s  caller hears "Welcome. Press 1 for sales." (2 times, barge-in, stopped after 1.89 s)
          1.89s  input listens for dtmf
          1.89s  caller presses 1
          2.19s    → POST http://app.test/input  input (dtmf "1")  200  0 ms
          2.19s  NCCO from the input webhook: talk, input
          2.19s  caller hears "Say your name."
          3.17s  input listens for speech
          3.17s  caller says "Ada" (confidence 0.9)
          5.38s    → POST http://app.test/input  input (speech "Ada")  200  0 ms
          5.38s  call completed
          5.38s    → POST http://app.test/event  completed  200  0 ms
          5.38s  call ended: the NCCO ran to its end

      error webhook-status at /requests/2: POST http://app.test/event answered 500; the Voice API expects a 2xx status.
      error caller-step-unused at /script/caller/2: Caller step 2 (press 9) was never used: the call ended before anything waited for it.

      ✖ 2 errors and 0 warnings; the call ended (completed) after 5.38 s because the NCCO ran to its end.
      "
    `)
  })

  it('colours times, requests, the caller and the findings', async () => {
    const t = await simulateCall({
      answerUrl: `${base}/answer`,
      eventUrl: `${base}/event`,
      fetch: scriptedApp({
        '/answer': () => [{ action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } }],
        '/event': (r) =>
          r.payload['status'] === 'completed' ? new Response('', { status: 404 }) : undefined
      }).fetch,
      seed: 2,
      script: { caller: [{ dtmf: '1' }, { hangup: true }] }
    })
    expect(showAnsi(renderPretty(stable(t), { colour: true }))).toMatchInlineSnapshot(`
      "<1>Simulated inbound call from 447700900000 to 447700900001 (uuid 8c42d31de007a7cdfa316961e52ff1cb, conversation CON-22be5e19-2481-4a92-91a4-c9bc23d09afe)<22>
      <2>    0.00s<22>  <36>  → GET http://app.test/answer<39>  answer  <32>200<39>  0 ms
      <2>    0.00s<22>  NCCO from the answer URL: input
      <2>    0.00s<22>  call started
      <2>    0.00s<22>  <36>  → POST http://app.test/event<39>  started  <32>200<39>  0 ms
      <2>    0.00s<22>  call ringing
      <2>    0.00s<22>  <36>  → POST http://app.test/event<39>  ringing  <32>200<39>  0 ms
      <2>    0.00s<22>  call answered
      <2>    0.00s<22>  <36>  → POST http://app.test/event<39>  answered  <32>200<39>  0 ms
      <2>    0.00s<22>  input listens for dtmf
      <2>    0.00s<22>  <33>caller presses 1<39>
      <2>    0.30s<22>  <36>  → POST http://app.test/event<39>  input (dtmf "1")  <32>200<39>  0 ms
      <2>    0.30s<22>  call completed
      <2>    0.30s<22>  <36>  → POST http://app.test/event<39>  completed  <31>404<39>  0 ms
      <2>    0.30s<22>  <1>call ended: the NCCO ran to its end<22>

      <31>error<39> <2>webhook-status<22> at /requests/5: POST http://app.test/event answered 404; the Voice API expects a 2xx status.
      <31>error<39> <2>caller-step-unused<22> at /script/caller/1: Caller step 1 (hang up) was never used: the call ended before anything waited for it.

      <31>✖ 2 errors and 0 warnings; the call ended (completed) after 0.3 s because the NCCO ran to its end.<39>
      "
    `)
  })

  it('prints what the caller hears and says safely, whatever the app sends', async () => {
    const t = await simulateCall({
      ncco: [
        { action: 'talk', text: 'evil \u001b[2J text' },
        { action: 'input', type: ['speech'] }
      ],
      seed: 3,
      script: { caller: [{ speech: 'hi\rthere' }] }
    })
    const out = renderPretty(t, { colour: false })
    expect(hasAnsi(out) || out.includes('\r')).toBe(false)
    expect(out).toContain('caller hears "evil \\u001b[2J text"')
  })
})

describe('renderJson', () => {
  it('is the transcript, as one JSON object', async () => {
    const t = await call()
    const json = renderJson(t)
    expect(JSON.parse(json)).toStrictEqual(t)
    expect(json.endsWith('}\n')).toBe(true)
  })

  it('pins the format of a short call', async () => {
    const t = await simulateCall({
      answerUrl: `${base}/answer`,
      eventUrl: `${base}/event`,
      fetch: scriptedApp({
        '/answer': () => [{ action: 'talk', text: 'Bye' }],
        '/event': () => undefined
      }).fetch,
      seed: 5,
      signatureSecret: 'secret'
    })
    expect(renderJson(stable(t))).toMatchInlineSnapshot(`
      "{
        "version": 1,
        "call": {
          "uuid": "8269dc86ae5d6555fcbcf439dbbd3cc5",
          "conversation_uuid": "CON-891769c9-df4f-4997-8b71-70997dd01108",
          "from": "447700900000",
          "to": "447700900001",
          "direction": "inbound",
          "start": "2025-01-01T00:00:00.000Z"
        },
        "steps": [
          {
            "time": 0,
            "type": "request",
            "request": 0
          },
          {
            "time": 0,
            "type": "ncco",
            "source": "answer",
            "request": 0,
            "valid": true,
            "ncco": [
              {
                "action": "talk",
                "text": "Bye"
              }
            ]
          },
          {
            "time": 0,
            "type": "status",
            "status": "started"
          },
          {
            "time": 0,
            "type": "request",
            "request": 1
          },
          {
            "time": 0,
            "type": "status",
            "status": "ringing"
          },
          {
            "time": 0,
            "type": "request",
            "request": 2
          },
          {
            "time": 0,
            "type": "status",
            "status": "answered"
          },
          {
            "time": 0,
            "type": "request",
            "request": 3
          },
          {
            "time": 0,
            "type": "talk",
            "index": 0,
            "text": "Bye",
            "loop": 1,
            "bargeIn": false,
            "duration": 0.21,
            "interrupted": false
          },
          {
            "time": 0.21,
            "type": "status",
            "status": "completed"
          },
          {
            "time": 0.21,
            "type": "request",
            "request": 4
          },
          {
            "time": 0.21,
            "type": "end",
            "reason": "ncco-ended"
          }
        ],
        "requests": [
          {
            "index": 0,
            "time": 0,
            "route": "answer",
            "kind": "answer",
            "method": "GET",
            "url": "http://app.test/answer?to=447700900001&from=447700900000&uuid=8269dc86ae5d6555fcbcf439dbbd3cc5&conversation_uuid=CON-891769c9-df4f-4997-8b71-70997dd01108",
            "payload": {
              "to": "447700900001",
              "from": "447700900000",
              "uuid": "8269dc86ae5d6555fcbcf439dbbd3cc5",
              "conversation_uuid": "CON-891769c9-df4f-4997-8b71-70997dd01108"
            },
            "signed": true,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": "[{\\"action\\":\\"talk\\",\\"text\\":\\"Bye\\"}]"
          },
          {
            "index": 1,
            "time": 0,
            "route": "event",
            "kind": "started",
            "method": "POST",
            "url": "http://app.test/event",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8269dc86ae5d6555fcbcf439dbbd3cc5",
              "conversation_uuid": "CON-891769c9-df4f-4997-8b71-70997dd01108",
              "status": "started",
              "direction": "inbound",
              "timestamp": "2025-01-01T00:00:00.000Z"
            },
            "signed": true,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": ""
          },
          {
            "index": 2,
            "time": 0,
            "route": "event",
            "kind": "ringing",
            "method": "POST",
            "url": "http://app.test/event",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8269dc86ae5d6555fcbcf439dbbd3cc5",
              "conversation_uuid": "CON-891769c9-df4f-4997-8b71-70997dd01108",
              "status": "ringing",
              "direction": "inbound",
              "timestamp": "2025-01-01T00:00:00.000Z"
            },
            "signed": true,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": ""
          },
          {
            "index": 3,
            "time": 0,
            "route": "event",
            "kind": "answered",
            "method": "POST",
            "url": "http://app.test/event",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8269dc86ae5d6555fcbcf439dbbd3cc5",
              "conversation_uuid": "CON-891769c9-df4f-4997-8b71-70997dd01108",
              "status": "answered",
              "direction": "inbound",
              "timestamp": "2025-01-01T00:00:00.000Z",
              "start_time": null,
              "rate": null,
              "network": null
            },
            "signed": true,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": ""
          },
          {
            "index": 4,
            "time": 0.21,
            "route": "event",
            "kind": "completed",
            "method": "POST",
            "url": "http://app.test/event",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8269dc86ae5d6555fcbcf439dbbd3cc5",
              "conversation_uuid": "CON-891769c9-df4f-4997-8b71-70997dd01108",
              "status": "completed",
              "direction": "inbound",
              "timestamp": "2025-01-01T00:00:00.210Z",
              "start_time": "2025-01-01T00:00:00.000Z",
              "end_time": "2025-01-01T00:00:00.210Z",
              "duration": "0",
              "rate": "0.01000000",
              "price": "0.00000000",
              "network": "GB-FIXED",
              "disconnected_by": "platform"
            },
            "signed": true,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": ""
          }
        ],
        "outcome": {
          "status": "completed",
          "answered": true,
          "reason": "ncco-ended",
          "disconnectedBy": "platform",
          "duration": 0.21,
          "endTime": 0.21
        },
        "findings": [],
        "ok": true
      }
      "
    `)
  })
})
