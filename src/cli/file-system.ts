/**
 * The file system as the CLI sees it: three reads whose failures are values. The validate
 * command takes it as a capability, so discovery can be tested on an in-memory tree and only
 * `nodeFileSystem` touches the disk.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { makeIssue } from '../issue.js'
import { InputTooLargeError, maxFileBytes, maxFileSize } from './read-limits.js'
import type { Issue } from '../issue.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export type EntryType = 'file' | 'directory' | 'other'

/**
 * A directory entry; symbolic links are followed for `type` and flagged, so a walk can refuse
 * to follow links to directories (they can form cycles).
 *
 * @category model
 * @since 0.1.0
 */
export interface DirectoryEntry {
  readonly name: string
  readonly type: EntryType
  readonly symbolicLink: boolean
}

/**
 * `reason` completes "The file could not be read: …".
 *
 * @category model
 * @since 0.1.0
 */
export interface FsFailure {
  readonly reason: string
  /** Set when the file (or standard input) is larger than `maxFileBytes`. */
  readonly tooLarge?: true
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

export { InputTooLargeError, maxFileBytes, maxFileSize } from './read-limits.js'

/**
 * Paths are absolute.
 *
 * @category model
 * @since 0.1.0
 */
export interface FileSystem {
  readonly stat: (path: string) => Promise<E.Either<FsFailure, EntryType>>
  readonly readDirectory: (
    path: string
  ) => Promise<E.Either<FsFailure, ReadonlyArray<DirectoryEntry>>>
  readonly readFile: (path: string) => Promise<E.Either<FsFailure, Uint8Array>>
}

// -------------------------------------------------------------------------------------
// instances
// -------------------------------------------------------------------------------------

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files'
}

const failure = (error: unknown): FsFailure => {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  return { reason: reasons[code] ?? (error instanceof Error ? error.message : String(error)) }
}

/**
 * A synchronous read, handed over as a settled promise: reading small files one by one through
 * the thread pool (open, stat, read, close, each a round trip) leaves the CLI idle half the
 * time, and a local read of a file is quicker than the round trips.
 */
const attemptNow = <A>(run: () => A): Promise<E.Either<FsFailure, A>> => {
  try {
    return Promise.resolve(E.right(run()))
  } catch (error) {
    return Promise.resolve(E.left(failure(error)))
  }
}

const attempt = async <A>(run: () => Promise<A>): Promise<E.Either<FsFailure, A>> => {
  try {
    return E.right(await run())
  } catch (error) {
    return E.left(failure(error))
  }
}

const tooLarge: FsFailure = { reason: `it is larger than ${maxFileSize}`, tooLarge: true }

/**
 * Reads a regular file, at most `limit` bytes. The file is opened without blocking (a FIFO
 * would otherwise wait for a writer for ever), and anything but a regular file (a FIFO, a
 * device such as /dev/zero, a socket) is refused before a byte is read.
 */
const readRegularFile = (path: string, limit: number): E.Either<FsFailure, Uint8Array> => {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const info = fstatSync(fd)
    if (info.isDirectory()) return E.left({ reason: 'it is a directory' })
    if (!info.isFile()) return E.left({ reason: 'it is not a regular file' })
    if (info.size > limit) return E.left(tooLarge)
    // Read in chunks up to one byte past the limit: the file may grow while it is read.
    const chunks: Buffer[] = []
    let length = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size + 1, 4096), limit + 1 - length))
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      chunks.push(chunk.subarray(0, n))
      length += n
      if (length > limit) return E.left(tooLarge)
    }
    return E.right(Buffer.concat(chunks, length))
  } finally {
    closeSync(fd)
  }
}

const typeOf = (s: { isFile(): boolean; isDirectory(): boolean }): EntryType =>
  s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other'

/**
 * The real file system (`node:fs/promises`).
 *
 * @category instances
 * @since 0.1.0
 */
export const nodeFileSystem: FileSystem = {
  stat: (path) => attempt(async () => typeOf(await stat(path))),
  readDirectory: (path) =>
    attempt(async () => {
      const entries = await readdir(path, { withFileTypes: true })
      return Promise.all(
        entries.map(async (entry): Promise<DirectoryEntry> => {
          if (!entry.isSymbolicLink()) {
            return { name: entry.name, type: typeOf(entry), symbolicLink: false }
          }
          const target = await attempt(() => stat(join(path, entry.name)))
          // A dangling link is kept as a file, so reading it reports what is wrong.
          const type = E.isRight(target) ? typeOf(target.right) : 'file'
          return { name: entry.name, type, symbolicLink: true }
        })
      )
    }),
  readFile: (path) => attemptNow(() => readRegularFile(path, maxFileBytes)).then(E.flatten)
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The finding for a file that cannot be used: `file-too-large` or `file-unreadable`.
 *
 * @category destructors
 * @since 0.2.0
 */
export const fsFailureIssue = (failure: FsFailure): Issue =>
  failure.tooLarge === true
    ? makeIssue('file-too-large', '', { limit: maxFileSize })
    : makeIssue('file-unreadable', '', { reason: failure.reason })

/**
 * Reads a file with `fs`, refusing more than `maxFileBytes` whatever the file system.
 *
 * @category destructors
 * @since 0.2.0
 */
export const readFileCapped = async (
  fs: FileSystem,
  path: string
): Promise<E.Either<FsFailure, Uint8Array>> => {
  const read = await fs.readFile(path)
  return E.isRight(read) && read.right.length > maxFileBytes ? E.left(tooLarge) : read
}

/**
 * Reads standard input with `readStdin`; a failure is a value, and more than `maxFileBytes`
 * is `tooLarge`.
 *
 * @category destructors
 * @since 0.2.0
 */
export const readStdinCapped = async (
  readStdin: () => Promise<Uint8Array>
): Promise<E.Either<FsFailure, Uint8Array>> => {
  try {
    const bytes = await readStdin()
    return bytes.length > maxFileBytes ? E.left(tooLarge) : E.right(bytes)
  } catch (error) {
    return E.left(
      error instanceof InputTooLargeError
        ? tooLarge
        : { reason: error instanceof Error ? error.message : String(error) }
    )
  }
}
