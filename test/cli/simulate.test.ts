/**
 * `ncco simulate`: in-process through `main` with a fake console, against an app on a real
 * loopback server (every exit code, both formats pinned, the script file and the flags), and
 * the built binary as a child process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { verifyWebhookSignature } from '../../src/webhooks/signature.js'
import { closedPort, scriptedApp, serve } from '../simulator/apps.js'
import type { LoopbackServer, ScriptedApp } from '../simulator/apps.js'
import { buildCli, ncco } from './built-cli.js'
import { fakeIo } from './fake-io.js'

let server: LoopbackServer
let app: ScriptedApp
let scratch = ''
const verdicts: string[] = []

/** An IVR: a menu, then a question; 9 gets an invalid NCCO; the event URL always 200. */
const ivr = (): ScriptedApp =>
  scriptedApp({
    '/answer': () => [
      { action: 'talk', text: 'Press 1 or 9.', bargeIn: true },
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [`${server.url}/input`] }
    ],
    '/input': async (r) => {
      if (r.authorization !== null) {
        const v = await verifyWebhookSignature(
          { method: 'POST', authorization: r.authorization, rawBody: r.body },
          { secret: 'cli-secret' }
        )
        verdicts.push(E.isRight(v) ? 'verified' : v.left.code)
      }
      const digits = (r.payload['dtmf'] as { digits: string } | undefined)?.digits
      if (digits === '9') return [{ action: 'talk', txt: 'oops' }]
      if (digits === '1') {
        return [
          { action: 'talk', text: 'Say a word.' },
          { action: 'input', type: ['speech'], eventUrl: [`${server.url}/input`] }
        ]
      }
      return [{ action: 'talk', text: 'Bye.' }]
    },
    '/event': () => undefined
  })

beforeAll(async () => {
  server = await serve((request) => app.fetch(request))
  scratch = mkdtempSync(join(tmpdir(), 'ncco-simulate-'))
})

afterAll(async () => {
  await server.close()
  rmSync(scratch, { recursive: true, force: true })
})

/** Output with what changes from run to run (the port, latencies) replaced. */
const stable = (s: string): string =>
  s
    .replaceAll(server.url, 'http://APP')
    .replace(/ \d+ ms/g, ' N ms')
    .replace(/"latencyMs": \d+/g, '"latencyMs": 0')

const simulate = async (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  app = ivr()
  const recorded = fakeIo({ cwd: scratch, env })
  const code = await main(['simulate', ...args], recorded.io)
  return { code, stdout: stable(recorded.stdout()), stderr: stable(recorded.stderr()) }
}

const answerUrl = () => [
  '--answer-url',
  `${server.url}/answer`,
  '--event-url',
  `${server.url}/event`
]

describe('ncco simulate, in-process', () => {
  it('exit 0: pretty output of a call that ran to its end', async () => {
    const r = await simulate([...answerUrl(), '--seed', '1', '--press', '1', '--say', 'hello'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatchInlineSnapshot(`
      "Simulated inbound call from 447700900000 to 447700900001 (uuid 2f3d1c4abfa66005098cf040449b7e4f, conversation CON-76a3ace2-1040-453d-903c-87a140f77b27)
          0.00s    → GET http://APP/answer  answer  200  N ms
          0.00s  NCCO from the answer URL: talk, input
          0.00s  call started
          0.00s    → POST http://APP/event  started  200  N ms
          0.00s  call ringing
          0.00s    → POST http://APP/event  ringing  200  N ms
          0.00s  call answered
          0.00s    → POST http://APP/event  answered  200  N ms
          0.00s  caller hears "Press 1 or 9." (barge-in)
          0.91s  input listens for dtmf
          0.91s  caller presses 1
          1.21s    → POST http://APP/input  input (dtmf "1")  200  N ms
          1.21s  NCCO from the input webhook: talk, input
          1.21s  caller hears "Say a word."
          1.98s  input listens for speech
          1.98s  caller says "hello" (confidence 0.9)
          4.33s    → POST http://APP/input  input (speech "hello")  200  N ms
          4.33s  NCCO from the input webhook: talk
          4.33s  caller hears "Bye."
          4.61s  call completed
          4.61s    → POST http://APP/event  completed  200  N ms
          4.61s  call ended: the NCCO ran to its end

      ✔ The call ran to its end (completed, the NCCO ran to its end) after 4.61 s.
      "
    `)
  })

  it('exit 1: an invalid NCCO, as JSON (one object)', async () => {
    const r = await simulate([...answerUrl(), '--seed', '2', '--press', '9', '--format', 'json'])
    expect(r.code).toBe(1)
    const transcript = JSON.parse(r.stdout) as {
      ok: boolean
      findings: Array<{ code: string; path: string }>
    }
    expect(transcript.ok).toBe(false)
    expect(transcript.findings.map((f) => `${f.code} ${f.path}`)).toStrictEqual([
      'invalid-ncco /steps/12/ncco',
      'unknown-key /steps/12/ncco/0/txt',
      'missing-required /steps/12/ncco/0/text'
    ])
    expect(r.stdout).toMatchInlineSnapshot(`
      "{
        "version": 1,
        "call": {
          "uuid": "8c42d31de007a7cdfa316961e52ff1cb",
          "conversation_uuid": "CON-22be5e19-2481-4a92-91a4-c9bc23d09afe",
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
                "text": "Press 1 or 9.",
                "bargeIn": true
              },
              {
                "action": "input",
                "type": [
                  "dtmf"
                ],
                "dtmf": {
                  "maxDigits": 1
                },
                "eventUrl": [
                  "http://APP/input"
                ]
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
            "text": "Press 1 or 9.",
            "loop": 1,
            "bargeIn": true,
            "duration": 0.91,
            "interrupted": false
          },
          {
            "time": 0.91,
            "type": "input",
            "index": 1,
            "input": [
              "dtmf"
            ]
          },
          {
            "time": 0.91,
            "type": "caller",
            "step": 0,
            "action": "dtmf",
            "digits": "9"
          },
          {
            "time": 1.21,
            "type": "request",
            "request": 4
          },
          {
            "time": 1.21,
            "type": "ncco",
            "source": "input",
            "request": 4,
            "valid": false,
            "ncco": [
              {
                "action": "talk",
                "txt": "oops"
              }
            ]
          },
          {
            "time": 1.21,
            "type": "request",
            "request": 5
          },
          {
            "time": 1.21,
            "type": "status",
            "status": "completed"
          },
          {
            "time": 1.21,
            "type": "request",
            "request": 6
          },
          {
            "time": 1.21,
            "type": "end",
            "reason": "no-ncco"
          }
        ],
        "requests": [
          {
            "index": 0,
            "time": 0,
            "route": "answer",
            "kind": "answer",
            "method": "GET",
            "url": "http://APP/answer?to=447700900001&from=447700900000&uuid=8c42d31de007a7cdfa316961e52ff1cb&conversation_uuid=CON-22be5e19-2481-4a92-91a4-c9bc23d09afe",
            "payload": {
              "to": "447700900001",
              "from": "447700900000",
              "uuid": "8c42d31de007a7cdfa316961e52ff1cb",
              "conversation_uuid": "CON-22be5e19-2481-4a92-91a4-c9bc23d09afe"
            },
            "signed": false,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": "[{\\"action\\":\\"talk\\",\\"text\\":\\"Press 1 or 9.\\",\\"bargeIn\\":true},{\\"action\\":\\"input\\",\\"type\\":[\\"dtmf\\"],\\"dtmf\\":{\\"maxDigits\\":1},\\"eventUrl\\":[\\"http://APP/input\\"]}]"
          },
          {
            "index": 1,
            "time": 0,
            "route": "event",
            "kind": "started",
            "method": "POST",
            "url": "http://APP/event",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8c42d31de007a7cdfa316961e52ff1cb",
              "conversation_uuid": "CON-22be5e19-2481-4a92-91a4-c9bc23d09afe",
              "status": "started",
              "direction": "inbound",
              "timestamp": "2025-01-01T00:00:00.000Z"
            },
            "signed": false,
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
            "url": "http://APP/event",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8c42d31de007a7cdfa316961e52ff1cb",
              "conversation_uuid": "CON-22be5e19-2481-4a92-91a4-c9bc23d09afe",
              "status": "ringing",
              "direction": "inbound",
              "timestamp": "2025-01-01T00:00:00.000Z"
            },
            "signed": false,
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
            "url": "http://APP/event",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8c42d31de007a7cdfa316961e52ff1cb",
              "conversation_uuid": "CON-22be5e19-2481-4a92-91a4-c9bc23d09afe",
              "status": "answered",
              "direction": "inbound",
              "timestamp": "2025-01-01T00:00:00.000Z",
              "start_time": null,
              "rate": null,
              "network": null
            },
            "signed": false,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": ""
          },
          {
            "index": 4,
            "time": 1.21,
            "route": "input",
            "kind": "input",
            "method": "POST",
            "url": "http://APP/input",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8c42d31de007a7cdfa316961e52ff1cb",
              "conversation_uuid": "CON-22be5e19-2481-4a92-91a4-c9bc23d09afe",
              "timestamp": "2025-01-01T00:00:01.210Z",
              "dtmf": {
                "digits": "9",
                "timed_out": false
              }
            },
            "signed": false,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": "[{\\"action\\":\\"talk\\",\\"txt\\":\\"oops\\"}]"
          },
          {
            "index": 5,
            "time": 1.21,
            "route": "event",
            "kind": "error",
            "method": "POST",
            "url": "http://APP/event",
            "payload": {
              "reason": "Syntax error in NCCO. Invalid value type or action.",
              "conversation_uuid": "CON-22be5e19-2481-4a92-91a4-c9bc23d09afe",
              "timestamp": "2025-01-01T00:00:01.210Z"
            },
            "signed": false,
            "attempt": 1,
            "result": "ok",
            "status": 200,
            "latencyMs": 0,
            "reply": ""
          },
          {
            "index": 6,
            "time": 1.21,
            "route": "event",
            "kind": "completed",
            "method": "POST",
            "url": "http://APP/event",
            "payload": {
              "from": "447700900000",
              "to": "447700900001",
              "uuid": "8c42d31de007a7cdfa316961e52ff1cb",
              "conversation_uuid": "CON-22be5e19-2481-4a92-91a4-c9bc23d09afe",
              "status": "completed",
              "direction": "inbound",
              "timestamp": "2025-01-01T00:00:01.210Z",
              "start_time": "2025-01-01T00:00:00.000Z",
              "end_time": "2025-01-01T00:00:01.210Z",
              "duration": "1",
              "rate": "0.01000000",
              "price": "0.00016667",
              "network": "GB-FIXED",
              "disconnected_by": "platform"
            },
            "signed": false,
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
          "reason": "no-ncco",
          "disconnectedBy": "platform",
          "duration": 1.21,
          "endTime": 1.21
        },
        "findings": [
          {
            "code": "invalid-ncco",
            "severity": "error",
            "path": "/steps/12/ncco",
            "message": "The NCCO from the input webhook (POST http://APP/input) is invalid (2 errors), so it is not run."
          },
          {
            "code": "unknown-key",
            "severity": "error",
            "path": "/steps/12/ncco/0/txt",
            "message": "\\"txt\\" is not a known field of the talk action.",
            "hint": "did you mean \\"text\\"?"
          },
          {
            "code": "missing-required",
            "severity": "error",
            "path": "/steps/12/ncco/0/text",
            "message": "The talk action requires \\"text\\", which is missing."
          }
        ],
        "ok": false
      }
      "
    `)
  })

  it('appends the flags to the script file steps, in order', async () => {
    writeFileSync(join(scratch, 'caller.yaml'), 'caller:\n  - dtmf: "1"\n')
    const r = await simulate([
      ...answerUrl(),
      '--script',
      'caller.yaml',
      '--say',
      'word',
      '--silence',
      '--format',
      'json'
    ])
    const t = JSON.parse(r.stdout) as {
      steps: Array<{ type: string; action?: string; step?: number }>
      findings: Array<{ code: string; path: string }>
    }
    expect(
      t.steps.filter((s) => s.type === 'caller').map((s) => `${s.step} ${s.action}`)
    ).toStrictEqual(['0 dtmf', '1 speech'])
    // The silence was never needed: after the word, the app said bye and the call ended.
    expect(t.findings.map((f) => `${f.code} ${f.path}`)).toStrictEqual([
      'caller-step-unused /script/caller/2'
    ])
    expect(r.code).toBe(1)
  })

  it('reads a JSON script, and signs with VONAGE_SIGNATURE_SECRET, which it never prints', async () => {
    writeFileSync(join(scratch, 'caller.json'), '{"caller": [{"dtmf": "2"}]}')
    verdicts.length = 0
    const r = await simulate([...answerUrl(), '--script', 'caller.json'], {
      VONAGE_SIGNATURE_SECRET: 'cli-secret'
    })
    expect(r.code).toBe(0)
    expect(verdicts).toStrictEqual(['verified'])
    expect(r.stdout + r.stderr).not.toContain('cli-secret')
  })

  it('--signature-secret wins over the environment', async () => {
    verdicts.length = 0
    await simulate([...answerUrl(), '--press', '2', '--signature-secret', 'cli-secret'], {
      VONAGE_SIGNATURE_SECRET: 'other'
    })
    expect(verdicts).toStrictEqual(['verified'])
  })

  it('exit 1: a URL that does not answer', async () => {
    const nobody = await closedPort()
    const r = await simulate(['--answer-url', `${nobody}/answer`, '--seed', '1'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      `error webhook-unreachable at /requests/1: GET ${nobody}/answer could not be reached (fetch failed`
    )
  })

  it.for<readonly [ReadonlyArray<string>, string]>([
    [[], 'ncco simulate: --answer-url is required'],
    [['--answer-url'], 'ncco simulate: --answer-url needs a value'],
    [['--answer-url', 'x', '--answer-url', 'y'], 'ncco simulate: --answer-url is given twice'],
    [['--answer-url', 'http://a/', '--colour'], 'ncco simulate: unknown option --colour'],
    [
      ['--answer-url', 'http://a/', 'extra'],
      'ncco simulate: unexpected argument "extra"; options start with --'
    ],
    [
      ['--answer-url', 'http://a/', '--press', '1a'],
      'ncco simulate: --press takes keys 0-9, * and #; got "1a"'
    ],
    [['--answer-url', 'http://a/', '--say', ' '], 'ncco simulate: --say needs words to say'],
    [
      ['--answer-url', 'http://a/', '--format', 'xml'],
      'ncco simulate: --format must be pretty or json, got "xml"'
    ],
    [
      ['--answer-url', 'http://a/', '--seed', '-1'],
      'ncco simulate: --seed must be a whole number of 0 or more, got "-1"'
    ],
    [
      ['--answer-url', 'http://a/', '--direction', 'up'],
      'ncco simulate: --direction must be inbound or outbound'
    ],
    [
      ['--answer-url', 'http://a/', '--answer-method', 'PUT'],
      'ncco simulate: --answer-method must be GET or POST'
    ],
    [
      ['--answer-url', 'not a url'],
      'ncco simulate: the call cannot start:\n  error invalid-simulate-option at /answerUrl: The option "answerUrl" must be an absolute http: or https: URL, got "not a url".'
    ]
  ])('exit 2 for %j', async ([args, message]) => {
    const r = await simulate(args)
    expect(r).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `${message}\nRun 'ncco simulate --help' for usage.\n`
    })
  })

  it('exit 2 for a script that cannot be read or used, with the findings', async () => {
    writeFileSync(join(scratch, 'bad.yaml'), 'caller:\n  - press: "1"\nanswer: maybe\n')
    writeFileSync(join(scratch, 'broken.json'), '{"caller": [')
    expect(await simulate([...answerUrl(), '--script', 'bad.yaml'])).toStrictEqual({
      code: 2,
      stdout: '',
      stderr:
        'ncco simulate: the script bad.yaml cannot be used:\n' +
        '  2:5: error invalid-caller-step at /caller/0: Caller step 0 must have exactly one of "dtmf", "speech", "silence" and "hangup"; it has none of them.\n' +
        '  3:9: error invalid-enum at /answer: "answer" must be one of "answered", "busy", "unanswered", "rejected", "failed", "timeout", "machine", got "maybe".\n'
    })
    const broken = await simulate([...answerUrl(), '--script', 'broken.json'])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(
      /^ncco simulate: the script broken\.json cannot be used:\n {2}1:13: error parse-error: Invalid JSON: /
    )
    const missing = await simulate([...answerUrl(), '--script', 'missing.yaml'])
    expect(missing.stderr).toBe(
      'ncco simulate: the script missing.yaml cannot be used:\n  error file-unreadable at (root): The file could not be read: no such file or directory.\n'
    )
  })

  it('prints its help', async () => {
    const r = await simulate(['--answer-url', 'x', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: ncco simulate --answer-url URL \[options\]\n/)
  })

  it('is listed in ncco --help', async () => {
    const recorded = fakeIo()
    await main(['--help'], recorded.io)
    expect(recorded.stdout()).toContain('  simulate --answer-url URL [options]')
  })
})

describe('ncco simulate, the built binary', () => {
  beforeAll(async () => {
    await buildCli()
  }, 120_000)

  it('runs a call against a loopback app: exit 0, one JSON object', async () => {
    app = ivr()
    const r = await ncco([
      'simulate',
      ...answerUrl(),
      '--press',
      '2',
      '--seed',
      '3',
      '--format',
      'json'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const t = JSON.parse(r.stdout) as { ok: boolean; call: { uuid: string } }
    expect(t.ok).toBe(true)
    expect(t.call.uuid).toMatch(/^[0-9a-f]{32}$/)
  })

  it('exit 1 and 2 as a child process', async () => {
    app = ivr()
    expect((await ncco(['simulate', ...answerUrl(), '--press', '9'])).code).toBe(1)
    const usage = await ncco(['simulate', '--seed', 'x'])
    expect(usage.code).toBe(2)
    expect(usage.stdout).toBe('')
  })
})
