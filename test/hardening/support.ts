/**
 * What the hardening tests share: loopback servers on 127.0.0.1 (port 0) that record every
 * request they receive and answer as a hostile server would, a scratch folder with a private
 * key and a valid request, the CLI run in-process with the real file system, and the checks of
 * what a user sees (no piece of the token or the key in the output, the time taken).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/io.js'
import { requestV1 } from '../sender/helpers.js'
import { applicationId, keys, pemBody } from '../sender/keys.js'

// -------------------------------------------------------------------------------------
// servers
// -------------------------------------------------------------------------------------

export interface Received {
  readonly method: string
  readonly path: string
  readonly authorization: string | undefined
  readonly body: string
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

export interface HostileServer {
  readonly url: string
  readonly received: ReadonlyArray<Received>
  /** Requests that were POSTs. */
  readonly posts: () => number
  readonly close: () => Promise<void>
}

/** A server that reads each request whole, records it, then lets `handler` answer. */
export const startServer = async (handler: Handler): Promise<HostileServer> => {
  const received: Received[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body
      })
      handler(req, res, body)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    posts: () => received.filter((r) => r.method === 'POST').length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

export const createdBody = JSON.stringify({
  uuid: '63f61863-4a51-4f6b-86e1-46edebcf9356',
  status: 'started',
  direction: 'outbound',
  conversation_uuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22'
})

// -------------------------------------------------------------------------------------
// scratch folder and the CLI
// -------------------------------------------------------------------------------------

export interface Scratch {
  readonly dir: string
  readonly remove: () => void
}

/** A scratch folder with `private.key` and a valid v1 `request.json`. */
export const makeScratch = (prefix: string): Scratch => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  writeFileSync(join(dir, 'private.key'), keys.pkcs8)
  writeFileSync(join(dir, 'request.json'), JSON.stringify(requestV1))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

/** Runs `ncco …` in-process in `cwd`, with no environment and a non-TTY output. */
export const runCli = async (
  cwd: string,
  argv: ReadonlyArray<string>,
  io: Partial<CliIo> = {}
): Promise<Run> => {
  let stdout = ''
  let stderr = ''
  const started = performance.now()
  const code = await main(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: {},
    cwd,
    stdoutIsTTY: false,
    readStdin: async () => new Uint8Array(),
    ...io
  })
  return { code, stdout, stderr, ms: performance.now() - started }
}

/** `ncco call create request.json` against `baseUrl` with the scratch key. */
export const callCreate = (scratch: Scratch, baseUrl: string, ...more: string[]): Promise<Run> =>
  runCli(scratch.dir, [
    'call',
    'create',
    'request.json',
    '--base-url',
    baseUrl,
    '--application-id',
    applicationId,
    '--private-key',
    'private.key',
    ...more
  ])

// -------------------------------------------------------------------------------------
// secrets
// -------------------------------------------------------------------------------------

/** Pieces of a secret any of which in an output means it leaked: segments, 24-character runs. */
const piecesOf = (secret: string): string[] => {
  const pieces = secret.split('.').filter((s) => s.length >= 8)
  for (let i = 0; i + 24 <= secret.length; i += 8) pieces.push(secret.slice(i, i + 24))
  return pieces
}

/** The pieces of the tokens the servers received, and of the private key, found in `text`. */
export const leakedSecrets = (
  text: string,
  servers: ReadonlyArray<HostileServer>
): ReadonlyArray<string> => {
  const tokens = servers
    .flatMap((s) => s.received)
    .flatMap((r) =>
      r.authorization === undefined ? [] : [r.authorization.replace(/^Bearer /, '')]
    )
  return [...tokens, pemBody(keys.pkcs8)].flatMap(piecesOf).filter((p) => text.includes(p))
}
