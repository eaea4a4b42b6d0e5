/**
 * The sender's one Node.js-only part: reading the application's private key from a file. The
 * client in the root entry takes PEM text and runs on any runtime with `fetch` and Web Crypto;
 * `createClient` from `ncco-kit/node` is the same client, whose `privateKey` may also be the
 * path of a key file, read here with `node:fs` when the client is made.
 *
 * @since 0.2.0
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
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
 * The most bytes read from a key file (a PEM key is a few kilobytes): 64 MiB.
 *
 * @category reading
 * @since 0.2.0
 */
export const maxKeyFileBytes = 64 * 1024 * 1024

const tooLarge = { code: 'larger than 64 MiB' }

const readRegular = (path: string): E.Either<{ readonly code?: string }, string> => {
  // Opened without blocking, so a FIFO is refused at once instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const info = fstatSync(fd)
    if (info.isDirectory()) return E.left({ code: 'EISDIR' })
    if (!info.isFile()) return E.left({ code: 'not a regular file' })
    if (info.size > maxKeyFileBytes) return E.left(tooLarge)
    // Read in chunks up to one byte past the limit: the file may grow while it is read.
    const chunks: Buffer[] = []
    let length = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(
        Math.min(Math.max(info.size + 1, 4096), maxKeyFileBytes + 1 - length)
      )
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      chunks.push(chunk.subarray(0, n))
      length += n
      if (length > maxKeyFileBytes) return E.left(tooLarge)
    }
    return E.right(Buffer.concat(chunks, length).toString('utf8'))
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads a key file as UTF-8 text; a failure keeps only the system error code, or says that
 * the file is not a regular file (a FIFO, a device) or is larger than `maxKeyFileBytes`;
 * neither is read.
 *
 * @category reading
 * @since 0.2.0
 */
export const readKeyFile: KeyFileReader = (path) => {
  try {
    return readRegular(path)
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
 * @example
 * import { ClientConfigError } from 'ncco-kit'
 * import { createClientOrThrow } from 'ncco-kit/node'
 *
 * assert.throws(
 *   () => createClientOrThrow({ applicationId: 'app-id', privateKey: 'no/such/private.key' }),
 *   (e) => e instanceof ClientConfigError && e.problems[0].option === 'privateKey'
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
