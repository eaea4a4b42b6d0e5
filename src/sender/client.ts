/**
 * The Voice API client: places calls and never surprises its user. No invalid request leaves
 * the machine (the merged request is validated first, `prepare.ts`), no call is dialled twice
 * (only answers that prove no call was created are retried, `retry.ts`), no answer can exhaust
 * memory (bodies are read up to 1 MiB, `response-body.ts`) or leak the token (everything that
 * comes back is redacted, `redact.ts`), and every failure is a value of `CreateCallFailure`:
 * `createCallV1` / `createCallV2` return a `TaskEither` that never rejects. For code without
 * fp-ts, `createCallV1OrThrow` / `createCallV2OrThrow` return a Promise that rejects with a
 * `CreateCallError` carrying the same failure.
 *
 * Platform-neutral: `fetch` and Web Crypto only. Reading a key file by path is the one thing
 * that needs Node.js; `createClient` from `ncco-kit/node` does it.
 *
 * @since 0.1.0
 */
import type { Buildable } from '../builders/builder.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { CreateCallV1Response } from '../call/response.js'
import type { CreateCallV1Request } from '../call/v1.js'
import type { CreateCallV2Request } from '../call/v2.js'
import type { Loose } from '../validate.js'
import {
  ClientConfigError,
  normalizeOptions,
  type ClientOptions,
  type ConfigProblem,
  type KeyFileReader
} from './config.js'
import type { CreateCallFailure } from './failure-kinds.js'
import { CreateCallError } from './failure-message.js'
import { prepareCall, type ApiVersion, type CallOptionsV1, type CallOptionsV2 } from './prepare.js'
import { decodeV1, decodeV2, type Decode } from './response.js'
import { sendPrepared, type CallCreated } from './send.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

export { mergeCallOptions, prepareCall } from './prepare.js'
export type { ApiVersion, CallOptionsV1, CallOptionsV2, PreparedCall } from './prepare.js'
export type { CallCreated } from './send.js'

/**
 * @category model
 * @since 0.1.0
 */
export type CallCreatedV1 = CallCreated<CreateCallV1Response>

/**
 * @category model
 * @since 0.1.0
 */
export type CallAcceptedV2 = CallCreated<Readonly<Record<string, unknown>>>

/**
 * @category model
 * @since 0.1.0
 */
export interface Client {
  /**
   * Either version, for a request of unknown shape (JSON or YAML read from a file): it is
   * validated like any other.
   */
  readonly createCall: <V extends ApiVersion>(
    api: V,
    request: unknown,
    options?: V extends 'v1' ? CallOptionsV1 : CallOptionsV2
  ) => TE.TaskEither<CreateCallFailure, V extends 'v1' ? CallCreatedV1 : CallAcceptedV2>
  /** `POST /v1/calls`. Nothing is sent until the task runs; the task never rejects. */
  readonly createCallV1: (
    request: CreateCallV1Request | Loose<CreateCallV1Request> | Buildable<CreateCallV1Request>,
    options?: CallOptionsV1
  ) => TE.TaskEither<CreateCallFailure, CallCreatedV1>
  /** `POST /v2/calls` (beta: IP calls; the call is then managed with v1). */
  readonly createCallV2: (
    request: CreateCallV2Request | Loose<CreateCallV2Request> | Buildable<CreateCallV2Request>,
    options?: CallOptionsV2
  ) => TE.TaskEither<CreateCallFailure, CallAcceptedV2>
  /**
   * `createCall` as a Promise, for code without fp-ts: sent at once; resolves to the result or
   * rejects with a `CreateCallError` whose `failure` is what `createCall` returns.
   *
   * @since 0.2.0
   */
  readonly createCallOrThrow: <V extends ApiVersion>(
    api: V,
    request: unknown,
    options?: V extends 'v1' ? CallOptionsV1 : CallOptionsV2
  ) => Promise<V extends 'v1' ? CallCreatedV1 : CallAcceptedV2>
  /**
   * `createCallV1` as a Promise: sent at once; rejects only with a `CreateCallError`.
   *
   * @example
   * import { CreateCallError, callV1, createClientOrThrow, phone, talk } from 'ncco-kit'
   * import { startSandbox } from 'ncco-kit/node'
   *
   * // The local Voice API of `startSandbox` stands in for https://api.nexmo.com here.
   * const sandbox = await startSandbox({ noAuth: true })
   * try {
   *   const client = createClientOrThrow({
   *     baseUrl: sandbox.url,
   *     token: () => 'jwt-from-your-token-service'
   *   })
   *   const created = await client.createCallV1OrThrow(
   *     callV1().to(phone('447700900001')).from('447700900000').ncco([talk('Your table is ready.')])
   *   )
   *   assert.strictEqual(created.call.status, 'started')
   *
   *   // An invalid request is never sent; the error says why.
   *   await assert.rejects(
   *     client.createCallV1OrThrow({
   *       to: [{ type: 'phone', number: '447700900001' }],
   *       random_from_number: true,
   *       ncco: []
   *     }),
   *     (e) => e instanceof CreateCallError && e.failure.kind === 'invalid-request'
   *   )
   * } finally {
   *   await sandbox.close()
   * }
   *
   * @since 0.2.0
   */
  readonly createCallV1OrThrow: (
    request: CreateCallV1Request | Loose<CreateCallV1Request> | Buildable<CreateCallV1Request>,
    options?: CallOptionsV1
  ) => Promise<CallCreatedV1>
  /**
   * `createCallV2` as a Promise: sent at once; rejects only with a `CreateCallError`.
   *
   * @since 0.2.0
   */
  readonly createCallV2OrThrow: (
    request: CreateCallV2Request | Loose<CreateCallV2Request> | Buildable<CreateCallV2Request>,
    options?: CallOptionsV2
  ) => Promise<CallAcceptedV2>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** The task's result, or a `CreateCallError` with its failure. */
const orThrow = async <A>(task: TE.TaskEither<CreateCallFailure, A>): Promise<A> => {
  const result = await task()
  if (E.isLeft(result)) throw new CreateCallError(result.left)
  return result.right
}

/**
 * `createClient`, with a way to read key files when the runtime has one (`ncco-kit/node`
 * gives `node:fs`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeClient = (
  options: ClientOptions,
  keyFiles: KeyFileReader | undefined
): E.Either<ReadonlyNonEmptyArray<ConfigProblem>, Client> =>
  pipe(
    normalizeOptions(options, keyFiles),
    E.map((config): Client => {
      const create =
        <A>(api: ApiVersion, decode: Decode<A>) =>
        (
          request: unknown,
          callOptions: CallOptionsV1 = {}
        ): TE.TaskEither<CreateCallFailure, CallCreated<A>> =>
        async () => {
          try {
            const prepared = prepareCall(api, request, callOptions, config)
            return E.isLeft(prepared)
              ? prepared
              : await sendPrepared(config, prepared.right, decode, callOptions.signal)
          } catch (error) {
            // prepareCall does not throw; should it, nothing was sent.
            return E.left({
              kind: 'local-failure',
              source: 'internal',
              attempts: 0,
              detail: error instanceof Error ? error.message : String(error)
            })
          }
        }
      const createCallV1 = create('v1', decodeV1)
      const createCallV2 = create('v2', decodeV2)
      const createCall = ((api: ApiVersion, request: unknown, callOptions?: CallOptionsV1) =>
        api === 'v1'
          ? createCallV1(request, callOptions)
          : createCallV2(request, callOptions)) as Client['createCall']
      return {
        createCall,
        createCallV1,
        createCallV2,
        createCallOrThrow: ((api: ApiVersion, request: unknown, callOptions?: CallOptionsV1) =>
          orThrow(createCall(api, request, callOptions))) as Client['createCallOrThrow'],
        createCallV1OrThrow: (request, callOptions) => orThrow(createCallV1(request, callOptions)),
        createCallV2OrThrow: (request, callOptions) => orThrow(createCallV2(request, callOptions))
      }
    })
  )

/**
 * A client, or every problem with the options. The private key is checked here, once (it is
 * imported into Web Crypto on the first call). `privateKey` is PEM text: to give the path of a
 * key file, use `createClient` from `ncco-kit/node`.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createClient } from 'ncco-kit'
 *
 * const client = createClient({ applicationId: 'app-id', privateKey: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----' })
 * assert.ok(E.isLeft(client))
 * assert.strictEqual(client.left[0].option, 'privateKey')
 *
 * @category constructors
 * @since 0.1.0
 */
export const createClient = (
  options: ClientOptions
): E.Either<ReadonlyNonEmptyArray<ConfigProblem>, Client> => makeClient(options, undefined)

/**
 * `createClient` for code without fp-ts: the client, or a thrown `ClientConfigError` that
 * carries every problem.
 *
 * @example
 * import { createClientOrThrow, ClientConfigError } from 'ncco-kit'
 *
 * assert.throws(
 *   () => createClientOrThrow({ applicationId: '', privateKey: 'private.key' }),
 *   (e) => e instanceof ClientConfigError && e.problems.map((p) => p.option).join() === 'applicationId,privateKey'
 * )
 *
 * @category constructors
 * @since 0.2.0
 */
export const createClientOrThrow = (options: ClientOptions): Client => {
  const made = createClient(options)
  if (E.isLeft(made)) throw new ClientConfigError(made.left)
  return made.right
}
