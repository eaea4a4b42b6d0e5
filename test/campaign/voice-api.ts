/**
 * The Voice API the campaign tests call: the project's sandbox (tokens checked with the test
 * application's public key), behind a loopback proxy that counts every POST per number, can
 * answer 429 or reset the connection for chosen numbers, and can hold a POST until released.
 * What the sandbox accepted (and when) is what the tests assert.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startSandbox, type Sandbox } from '../../src/node/sandbox.js'
import { readBody } from '../sandbox/helpers.js'
import { applicationId, keys } from '../sender/keys.js'

export type Fault = 'pass' | 'rate-limit' | 'reset-after-forward' | 'hold'

export interface VoiceApi {
  /** The proxy's URL: the workers' `--base-url`. */
  readonly url: string
  readonly sandbox: Sandbox
  /** POSTs received by the proxy per number (429s and resets included); empty without faults. */
  readonly posts: ReadonlyMap<string, number>
  /** Arrival times at the sandbox of accepted calls, per number. */
  readonly accepted: ReadonlyMap<string, ReadonlyArray<number>>
  /** Resolves when a held POST has arrived, with its number. */
  readonly held: Promise<string>
  readonly releaseHeld: () => void
  readonly close: () => Promise<void>
}

const numberOf = (body: string): string => {
  try {
    const to = (JSON.parse(body) as { to?: Array<{ number?: string }> }).to
    return to?.[0]?.number ?? '?'
  } catch {
    return '?'
  }
}

/**
 * `fault(number, attempt)` picks what happens to the attempt-th POST (1-based) for a number.
 */
export const startVoiceApi = async (
  fault?: (number: string, attempt: number) => Fault
): Promise<VoiceApi> => {
  const accepted = new Map<string, number[]>()
  const sandbox = await startSandbox({
    publicKey: keys.publicPem,
    applicationId,
    cps: 1000,
    maxConcurrentCalls: 1000,
    onCall: (call) => {
      const number = numberOf(JSON.stringify(call.request))
      accepted.set(number, [...(accepted.get(number) ?? []), call.acceptedAt])
    }
  })
  const posts = new Map<string, number>()
  let releaseHeld = (): void => undefined
  const released = new Promise<void>((resolve) => {
    releaseHeld = resolve
  })
  let heldNumber = (_: string): void => undefined
  const held = new Promise<string>((resolve) => {
    heldNumber = resolve
  })

  const forward = async (req: IncomingMessage, body: string): Promise<Response> =>
    fetch(`${sandbox.url}${req.url ?? '/'}`, {
      method: 'POST',
      headers: {
        'content-type': req.headers['content-type'] ?? 'application/json',
        authorization: req.headers.authorization ?? ''
      },
      body,
      signal: AbortSignal.timeout(10_000)
    })

  const send = async (res: ServerResponse, answer: Response): Promise<void> => {
    const text = await answer.text()
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json'
    })
    res.end(text)
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      const number = numberOf(body)
      const attempt = (posts.get(number) ?? 0) + 1
      posts.set(number, attempt)
      const what = fault?.(number, attempt) ?? 'pass'
      if (what === 'rate-limit') {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
        res.end(JSON.stringify({ title: 'Too Many Requests', detail: 'test: rate limited' }))
        return
      }
      if (what === 'hold') {
        heldNumber(number)
        await released
      }
      const answer = await forward(req, body)
      if (what === 'reset-after-forward') {
        await answer.text()
        req.socket.destroy()
        return
      }
      await send(res, answer)
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    // Without faults the workers talk to the sandbox itself: what it counts is what arrived.
    url: fault === undefined ? sandbox.url : `http://127.0.0.1:${port}`,
    sandbox,
    posts,
    accepted,
    held,
    releaseHeld,
    close: async () => {
      releaseHeld()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await sandbox.close()
    }
  }
}

/** The most calls accepted in any window of `windowMs`. */
export const busiestWindow = (times: ReadonlyArray<number>, windowMs = 1000): number => {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  let start = 0
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1
    most = Math.max(most, end - start + 1)
  }
  return most
}
