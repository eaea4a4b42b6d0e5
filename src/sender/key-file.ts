/**
 * The sender's one Node.js-only part: reading the application's private key from a file. The
 * client in the root entry takes PEM text and runs on any runtime with `fetch` and Web Crypto;
 * `createClient` from `ncco-kit/node` is the same client, whose `privateKey` may also be the
 * path of a key file, read here with `node:fs` when the client is made.
 *
 * @since 0.2.0
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { makeClient, type Client } from './client.js'
import {
  ClientConfigError,
  type ClientOptions,
  type ConfigProblem,
  type KeyFileReader
} from './config.js'

// -------------------------------------------------------------------------------------
// reading
// -------------------------------------------------------------------------------------

/**
 * Reads a key file as UTF-8 text; a failure keeps only the system error code.
 *
 * @category reading
 * @since 0.2.0
 */
export const readKeyFile: KeyFileReader = (path) => {
  try {
    return E.right(readFileSync(path, 'utf8'))
  } catch (error) {
    const code = (error as { code?: unknown }).code
    return E.left(typeof code === 'string' ? { code } : {})
  }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A client, or every problem with the options, like `createClient` from `ncco-kit`; here
 * `privateKey` may also be the path of a file holding the PEM key (relative paths are read
 * from the working directory). The file is read once, now.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createClient } from 'ncco-kit/node'
 *
 * const client = createClient({ applicationId: 'app-id', privateKey: 'no/such/private.key' })
 * assert.ok(E.isLeft(client))
 * assert.strictEqual(
 *   client.left[0].message,
 *   'Cannot read the private key file "no/such/private.key" (ENOENT); privateKey must be PEM text or the path of a file holding it.'
 * )
 *
 * @category constructors
 * @since 0.2.0
 */
export const createClient = (
  options: ClientOptions
): E.Either<ReadonlyNonEmptyArray<ConfigProblem>, Client> => makeClient(options, readKeyFile)

/**
 * `createClient` from `ncco-kit/node` for code without fp-ts: the client, or a thrown
 * `ClientConfigError` that carries every problem.
 *
 * @category constructors
 * @since 0.2.0
 */
export const createClientOrThrow = (options: ClientOptions): Client => {
  const made = createClient(options)
  if (E.isLeft(made)) throw new ClientConfigError(made.left)
  return made.right
}
