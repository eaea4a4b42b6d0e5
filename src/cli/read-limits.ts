/**
 * How much the CLI reads from one file or from standard input, apart from the file system
 * module so that starting the CLI (`ncco --version`) does not load the findings catalog.
 *
 * @since 0.3.0
 */

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The most bytes the CLI reads from one file or from standard input: 64 MiB.
 *
 * @category constants
 * @since 0.2.0
 */
export const maxFileBytes = 64 * 1024 * 1024

/**
 * `maxFileBytes` as people write it.
 *
 * @category constants
 * @since 0.2.0
 */
export const maxFileSize = '64 MiB'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Thrown by a `CliIo.readStdin` that stops reading past `maxFileBytes`.
 *
 * @category model
 * @since 0.2.0
 */
export class InputTooLargeError extends Error {
  constructor() {
    super(`it is larger than ${maxFileSize}`)
    this.name = 'InputTooLargeError'
  }
}
