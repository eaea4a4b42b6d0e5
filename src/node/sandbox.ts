/**
 * The sandbox: a local Voice API on 127.0.0.1. It answers the create-call endpoints the way
 * Vonage does (an RS256 JWT checked against the application's public key, the body validated
 * with the project's validator, 400/401/413/429 answers in problem-details form), then plays
 * every accepted call through the application with the call simulator, in outbound order,
 * against the request's `answer_url` (or inline `ncco`) and `event_url`.
 *
 * Routes: `POST /v1/calls` (201), `POST /v2/calls` (202), `GET /v1/calls/{uuid}` (the call's
 * state), `PUT /v1/calls/{uuid}` (hangup, or transfer to an inline NCCO; 204). Every route
 * needs the token unless the sandbox was started with `noAuth`.
 *
 * Bounded: a body size limit, a cap on calls running at once and on calls kept for
 * `calls()`, timeouts on slow clients; a malformed request gets an answer, never a crash.
 * Bodies must be sent as `application/json` and addressed to 127.0.0.1 or localhost, so a web
 * page the developer visits cannot place calls through it.
 *
 * This module is the public surface and the server's life (listening, closing); the options
 * are checked in `sandbox-options.ts`, the routes are `sandbox-routes.ts` (with the request
 * bodies in `sandbox-bodies.ts` and the HTTP plumbing in `sandbox-http.ts`), the tokens
 * `sandbox-auth.ts`, and the accepted calls `sandbox-registry.ts` and `sandbox-calls.ts`.
 *
 * @since 0.2.0
 */
import { createServer } from 'node:http'
import type { KeyObject } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { ConfigProblem } from '../sender/config.js'
import type { SimulateOptions } from '../simulator/options.js'
import type { CallScript } from '../simulator/script.js'
import type { CallState, CallTranscript } from '../simulator/transcript.js'
import { makeRateWindow } from './sandbox-calls.js'
import { normalizeSandboxOptions, type SandboxConfig } from './sandbox-options.js'
import { makeCallRegistry } from './sandbox-registry.js'
import { makeRouter } from './sandbox-routes.js'

export { sandboxDefaults } from './sandbox-options.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.2.0
 */
export interface SandboxOptionsBase {
  /** The port on 127.0.0.1; default 0 (a free port, see `Sandbox.port`). */
  readonly port?: number
  /** The caller script every call is played with (keys, speech, how the call is answered). */
  readonly script?: CallScript
  /** Signs every webhook the calls send (HS256, as the Voice API's signed webhooks). */
  readonly signatureSecret?: string
  /** The `api_key` claim of the webhook signatures. */
  readonly apiKey?: string
  /**
   * The application's id: tokens for another application are refused, and it is the
   * `application_id` of the webhook signatures. Default: any token's (signatures carry the
   * token's `application_id`).
   */
  readonly applicationId?: string
  /** New calls accepted per second before 429 (Vonage's limit: 3). Default 3. */
  readonly cps?: number
  /** Seeds the call identifiers and the simulator: the same seed gives the same calls. */
  readonly seed?: number
  /** Calls that may run at once before 429. Default 20. */
  readonly maxConcurrentCalls?: number
  /** The largest request body accepted, in bytes (413 above). Default 65,536. */
  readonly maxBodyBytes?: number
  /** Called with each accepted call, as soon as it is accepted. An exception is ignored. */
  readonly onCall?: (call: SandboxCall) => void
  /** Called with each answer the sandbox gives, for a log. An exception is ignored. */
  readonly onResponse?: (entry: SandboxLogEntry) => void
  /** How the calls reach the application; default `globalThis.fetch`. */
  readonly fetch?: (request: Request) => Promise<Response>
  /** The simulator's webhook time limits. */
  readonly timeouts?: SimulateOptions['timeouts']
}

/**
 * The sandbox's options: the application's public key to check tokens with, or `noAuth`.
 *
 * @category model
 * @since 0.2.0
 */
export type SandboxOptions = SandboxOptionsBase &
  (
    | {
        /**
         * The application's RSA public key: PEM text (a private key gives its public half)
         * or a `KeyObject`.
         */
        readonly publicKey: string | KeyObject
        readonly noAuth?: never
      }
    | {
        /** Accept requests without a token (a sandbox nobody else can reach). */
        readonly noAuth: true
        readonly publicKey?: never
      }
  )

/**
 * A call the sandbox accepted.
 *
 * @category model
 * @since 0.2.0
 */
export interface SandboxCall {
  readonly uuid: string
  readonly conversationUuid: string
  readonly api: 'v1' | 'v2'
  /** The request body as received (parsed JSON). */
  readonly request: unknown
  /** When it was accepted, milliseconds since the epoch. */
  readonly acceptedAt: number
  /** The token's `application_id`, when the sandbox checks tokens. */
  readonly applicationId?: string
  /** Where the call is now: `started`, `ringing`, `answered`, `completed`, … */
  readonly status: () => CallState
  /** The call's transcript, when it ends; never rejects. */
  readonly transcript: Promise<CallTranscript>
  /** The transcript once the call has ended, else `undefined`. */
  readonly result: () => CallTranscript | undefined
}

/**
 * One answer, for a log: never the token nor a body.
 *
 * @category model
 * @since 0.2.0
 */
export interface SandboxLogEntry {
  readonly method: string
  readonly path: string
  readonly status: number
  /** Why a request was refused. */
  readonly detail?: string
}

/**
 * A running sandbox.
 *
 * @category model
 * @since 0.2.0
 */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`, the `baseUrl` for the sender. */
  readonly url: string
  readonly port: number
  /** Stops listening, hangs up the running calls, waits for them (briefly), closes sockets. */
  readonly close: () => Promise<void>
  /** The calls accepted so far, oldest first (the last 1,000). */
  readonly calls: () => ReadonlyArray<SandboxCall>
}

/**
 * Why a sandbox did not start.
 *
 * @category model
 * @since 0.2.0
 */
export type SandboxStartFailure =
  | { readonly kind: 'invalid-options'; readonly problems: ReadonlyNonEmptyArray<ConfigProblem> }
  | { readonly kind: 'listen-failed'; readonly code?: string; readonly detail: string }

/**
 * What `startSandbox` rejects with.
 *
 * @category model
 * @since 0.2.0
 */
export class SandboxStartError extends Error {
  override readonly name = 'SandboxStartError'
  constructor(readonly failure: SandboxStartFailure) {
    super(describeStartFailure(failure))
  }
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/** How long `close()` waits for hung-up calls to send their last webhooks. */
const closeGraceMs = 3_000

// -------------------------------------------------------------------------------------
// server
// -------------------------------------------------------------------------------------

const listen = (
  server: ReturnType<typeof createServer>,
  port: number
): Promise<E.Either<SandboxStartFailure, number>> =>
  new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      resolve(
        E.left({
          kind: 'listen-failed',
          ...(error.code === undefined ? {} : { code: error.code }),
          detail:
            error.code === 'EADDRINUSE'
              ? `port ${port} on 127.0.0.1 is already in use`
              : error.code === 'EACCES'
                ? `port ${port} on 127.0.0.1 needs more permissions`
                : error.message
        })
      )
    }
    server.once('error', onError)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError)
      resolve(E.right((server.address() as AddressInfo).port))
    })
  })

/** A hook's failure is the hook's business; the sandbox goes on. */
const safely =
  <A>(hook: ((a: A) => void) | undefined) =>
  (a: A): void => {
    if (hook === undefined) return
    try {
      hook(a)
    } catch {
      // ignored, as documented
    }
  }

const start = async (
  config: SandboxConfig,
  options: SandboxOptions
): Promise<E.Either<SandboxStartFailure, Sandbox>> => {
  const registry = makeCallRegistry(config)
  let closing: Promise<void> | undefined
  let address = { url: '', port: 0 }
  const router = makeRouter({
    config,
    registry,
    window: makeRateWindow(config.cps),
    closing: () => closing !== undefined,
    address: () => address,
    onResponse: safely(options.onResponse),
    onCall: safely(options.onCall)
  })
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    void router(req, res)
  })
  server.keepAliveTimeout = 5_000
  server.maxConnections = 256

  const listened = await listen(server, config.port)
  if (E.isLeft(listened)) return listened
  address = { url: `http://127.0.0.1:${listened.right}`, port: listened.right }

  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    const calls = registry.running()
    for (const record of calls) record.running.hangup()
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      Promise.allSettled(calls.map((r) => r.call.transcript)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, closeGraceMs)
      })
    ])
    clearTimeout(timer)
    server.closeAllConnections()
    await closed
  }

  return E.right({
    url: address.url,
    port: address.port,
    close: () => (closing ??= close()),
    calls: registry.calls
  })
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Starts a sandbox; `Left` when an option is wrong (every problem at once) or the port cannot
 * be had. The task never rejects.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { startSandboxTask } from 'ncco-kit/node'
 *
 * const started = await startSandboxTask({ noAuth: true, port: 70000 })()
 * assert.ok(E.isLeft(started) && started.left.kind === 'invalid-options')
 * assert.strictEqual(
 *   started.left.problems[0].message,
 *   'port must be an integer from 0 to 65535, got 70000.'
 * )
 *
 * @category constructors
 * @since 0.2.0
 */
export const startSandboxTask =
  (options: SandboxOptions): TE.TaskEither<SandboxStartFailure, Sandbox> =>
  async () => {
    const config = normalizeSandboxOptions(options)
    if (E.isLeft(config)) return E.left({ kind: 'invalid-options', problems: config.left })
    try {
      return await start(config.right, options)
    } catch (error) {
      return E.left({
        kind: 'listen-failed',
        detail: error instanceof Error ? error.message : String(error)
      })
    }
  }

/**
 * Starts a sandbox on 127.0.0.1. Rejects with a `SandboxStartError` when an option is wrong or
 * the port cannot be had (see `startSandboxTask` for the same as a value).
 *
 * @example
 * import { startSandbox } from 'ncco-kit/node'
 *
 * const sandbox = await startSandbox({ noAuth: true })
 * const created = await fetch(`${sandbox.url}/v1/calls`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({
 *     to: [{ type: 'phone', number: '447700900001' }],
 *     from: { type: 'phone', number: '447700900000' },
 *     ncco: [{ action: 'talk', text: 'Hello' }]
 *   })
 * })
 * assert.strictEqual(created.status, 201)
 * const [call] = sandbox.calls()
 * const transcript = await call!.transcript
 * assert.deepStrictEqual(
 *   transcript.steps.flatMap((s) => (s.type === 'talk' ? [s.text] : [])),
 *   ['Hello']
 * )
 * await sandbox.close()
 *
 * @category constructors
 * @since 0.2.0
 */
export const startSandbox = async (options: SandboxOptions): Promise<Sandbox> => {
  const started = await startSandboxTask(options)()
  if (E.isLeft(started)) throw new SandboxStartError(started.left)
  return started.right
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Why the sandbox did not start, as lines for a person.
 *
 * @category destructors
 * @since 0.2.0
 */
export const describeStartFailure = (failure: SandboxStartFailure): string =>
  failure.kind === 'invalid-options'
    ? failure.problems.map((p) => p.message).join('\n')
    : `The sandbox could not listen: ${failure.detail}.`
