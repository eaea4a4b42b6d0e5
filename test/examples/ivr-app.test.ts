/**
 * The IVR example end to end: its server on 127.0.0.1 (port 0), and the requests the Voice
 * API would send it, signed, in the order of a call. The NCCOs are pinned exactly; their
 * eventUrls use a fixed public base URL, and each is followed back to the local server.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { validateNcco } from '../../src/index.js'
import { signWebhook } from '../../src/webhooks/signature.js'
import { startIvrServer, type IvrServer } from '../../examples/ivr-app/server.js'

const secret = 'ivr-test-secret-0b6d2f9e41'
const baseUrl = 'https://ivr.example.com'
const uuid = '63f61863a4b0d2f1d3e1e2a8b8fa7c7d'
const conversationUuid = 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22'

let server: IvrServer
let lines: string[]

beforeEach(async () => {
  lines = []
  server = await startIvrServer({
    port: 0,
    baseUrl,
    signatureSecret: secret,
    log: (l) => lines.push(l)
  })
})
afterEach(async () => {
  await server.close()
})

type Action = { readonly action: string; readonly eventUrl?: readonly string[] }

/** The local URL of a public one: the same path and query on the test server. */
const local = (publicUrl: string): string => {
  const { pathname, search } = new URL(publicUrl)
  return `${server.url}${pathname}${search}`
}

/** The answer webhook, as a signed GET with query parameters. */
const answer = async (): Promise<Response> => {
  const query = new URLSearchParams([
    ['to', '447700900000'],
    ['from', '447700900123'],
    ['uuid', uuid],
    ['conversation_uuid', conversationUuid],
    ['region_url', 'https://api-eu-1.vonage.com']
  ])
  return fetch(`${server.url}/answer?${query}`, {
    headers: {
      authorization: await signWebhook({ method: 'GET', query }, { secret, apiKey: 'abcd1234' })
    }
  })
}

/** A signed POST with JSON, as the Voice API sends action results. */
const signedPost = async (url: string, payload: unknown): Promise<Response> => {
  const body = JSON.stringify(payload)
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      authorization: await signWebhook({ method: 'POST', body }, { secret, apiKey: 'abcd1234' })
    }
  })
}

const common = { uuid, conversation_uuid: conversationUuid, timestamp: '2024-05-01T10:00:00.000Z' }
const pressed = (digits: string) => ({
  ...common,
  dtmf: { digits, timed_out: false },
  speech: { results: [] }
})
const timedOut = { ...common, dtmf: { digits: '', timed_out: true }, speech: { results: [] } }
const said = (...texts: string[]) => ({
  ...common,
  dtmf: { digits: null, timed_out: false },
  speech: {
    timeout_reason: 'end_on_silence_timeout',
    results: texts.map((text, i) => ({ text, confidence: String(0.9 - i / 10) }))
  }
})
const silence = {
  ...common,
  dtmf: { digits: null, timed_out: false },
  speech: { timeout_reason: 'start_timeout' }
}

/** The NCCO of a 200 answer, checked valid. */
const nccoOf = async (response: Response): Promise<Action[]> => {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/json')
  const ncco = (await response.json()) as Action[]
  expect(validateNcco(ncco)._tag).toBe('Right')
  return ncco
}

/** The eventUrl of the NCCO's input action. */
const inputUrl = (ncco: ReadonlyArray<Action>): string => {
  const url = ncco.find((a) => a.action === 'input')?.eventUrl?.[0]
  if (url === undefined) throw new Error('the NCCO has no input with an eventUrl')
  return url
}

/** Answers the call, then sends each input result to the eventUrl of the NCCO before it. */
const call = async (...results: ReadonlyArray<unknown>): Promise<Action[]> => {
  let ncco = await nccoOf(await answer())
  for (const result of results) ncco = await nccoOf(await signedPost(local(inputUrl(ncco)), result))
  return ncco
}

describe('the IVR app', () => {
  it('the demo call: answer, press 1, say "support", leave a recording event', async () => {
    const menu = await nccoOf(await answer())
    expect(menu).toMatchInlineSnapshot(`
      [
        {
          "action": "talk",
          "bargeIn": true,
          "text": "Welcome to Acme. For sales or support press 1. To leave a message press 2.",
        },
        {
          "action": "input",
          "dtmf": {
            "maxDigits": 1,
          },
          "eventUrl": [
            "https://ivr.example.com/input?menu=main&attempt=1",
          ],
          "type": [
            "dtmf",
          ],
        },
      ]
    `)

    const department = await nccoOf(await signedPost(local(inputUrl(menu)), pressed('1')))
    expect(department).toMatchInlineSnapshot(`
      [
        {
          "action": "talk",
          "text": "Say sales or support.",
        },
        {
          "action": "input",
          "eventUrl": [
            "https://ivr.example.com/input?menu=department&attempt=1",
          ],
          "speech": {
            "context": [
              "sales",
              "support",
            ],
          },
          "type": [
            "speech",
          ],
        },
      ]
    `)

    const connected = await nccoOf(await signedPost(local(inputUrl(department)), said('support')))
    expect(connected).toMatchInlineSnapshot(`
      [
        {
          "action": "talk",
          "text": "Connecting you to support.",
        },
        {
          "action": "connect",
          "endpoint": [
            {
              "number": "447700900002",
              "type": "phone",
            },
          ],
        },
      ]
    `)

    const recorded = await signedPost(`${server.url}/record`, {
      start_time: '2024-05-01T10:01:00Z',
      end_time: '2024-05-01T10:01:20Z',
      recording_url: 'https://api-eu-1.vonage.com/v1/files/5f1c0c8e-aaaa-bbbb-cccc-0123456789ab',
      recording_uuid: '5f1c0c8e-aaaa-bbbb-cccc-0123456789ab',
      size: 162_486,
      conversation_uuid: conversationUuid,
      timestamp: '2024-05-01T10:01:20.500Z'
    })
    expect([recorded.status, await recorded.text()]).toEqual([200, ''])

    expect(lines).toMatchInlineSnapshot(`
      [
        "app ← answer: call from 447700900123 to 447700900000 (signature verified)",
        "app ← input: pressed 1 (signature verified)",
        "app ← input: said "support" (signature verified)",
        "app ← record: https://api-eu-1.vonage.com/v1/files/5f1c0c8e-aaaa-bbbb-cccc-0123456789ab, 162486 bytes (signature verified)",
      ]
    `)
  })

  it('2 leads to the voicemail', async () => {
    expect(await call(pressed('2'))).toMatchInlineSnapshot(`
      [
        {
          "action": "talk",
          "text": "Please leave a message after the tone, then press the hash key.",
        },
        {
          "action": "record",
          "beepStart": true,
          "endOnKey": "#",
          "eventUrl": [
            "https://ivr.example.com/record",
          ],
        },
        {
          "action": "talk",
          "text": "Thank you for your message. Goodbye.",
        },
      ]
    `)
  })

  it('nothing pressed: the menu once more, then goodbye', async () => {
    const again = await call(timedOut)
    expect(inputUrl(again)).toBe(`${baseUrl}/input?menu=main&attempt=2`)
    expect(again.map((a) => a.action)).toEqual(['talk', 'input'])
    expect(await call(timedOut, timedOut)).toMatchInlineSnapshot(`
      [
        {
          "action": "talk",
          "text": "Sorry, I did not understand. Goodbye.",
        },
      ]
    `)
    expect(await call(timedOut, pressed('1'))).toEqual(await call(pressed('1')))
    expect(await call(pressed('7'), pressed('9'))).toEqual(await call(timedOut, timedOut))
  })

  it('"sales" connects to sales, the best hypothesis naming a department wins', async () => {
    expect(await call(pressed('1'), said('sales'))).toMatchInlineSnapshot(`
      [
        {
          "action": "talk",
          "text": "Connecting you to sales.",
        },
        {
          "action": "connect",
          "endpoint": [
            {
              "number": "447700900001",
              "type": "phone",
            },
          ],
        },
      ]
    `)
    expect(await call(pressed('1'), said('sails', 'Support'))).toEqual(
      await call(pressed('1'), said('support'))
    )
  })

  it('no department understood: the question once more, then goodbye', async () => {
    const again = await call(pressed('1'), silence)
    expect(inputUrl(again)).toBe(`${baseUrl}/input?menu=department&attempt=2`)
    expect(await call(pressed('1'), said('billing'), silence)).toEqual(
      await call(timedOut, timedOut)
    )
    expect(await call(pressed('1'), silence, said('sales'))).toEqual(
      await call(pressed('1'), said('sales'))
    )
  })

  it('an unsigned request is refused and logged', async () => {
    const response = await fetch(
      `${server.url}/answer?to=447700900000&uuid=${uuid}&conversation_uuid=${conversationUuid}`
    )
    expect([response.status, await response.text()]).toEqual([401, '{"error":"missing-signature"}'])
    expect(lines).toMatchInlineSnapshot(`
      [
        "app ✗ GET /answer (answer): signature refused (missing-signature: the request has no Authorization header; a signed webhook carries "Authorization: Bearer <JWT>"); answered 401.",
      ]
    `)
  })

  it('every branch gives a valid NCCO, whatever the caller does', async () => {
    const step = fc.oneof(
      fc.constantFrom('1', '2', '3', '#', '').map((d) => (d === '' ? timedOut : pressed(d))),
      fc.constantFrom('sales', 'support', 'sails', '').map((t) => (t === '' ? silence : said(t)))
    )
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 3 }), async (steps) => {
        let ncco = await nccoOf(await answer())
        for (const result of steps) {
          const input = ncco.find((a) => a.action === 'input')
          if (input === undefined) break
          ncco = await nccoOf(await signedPost(local(inputUrl(ncco)), result))
        }
      }),
      { numRuns: 25 }
    )
  })
})
