/**
 * The real capabilities of a CLI process, for `bin.ts`; everything else takes them as `CliIo`.
 *
 * @since 0.1.0
 */
import { InputTooLargeError, maxFileBytes } from './read-limits.js'
import type { CliIo } from './io.js'

/**
 * @category instances
 * @since 0.1.0
 */
export const processIo = (): CliIo => {
  // `ncco validate … | head` closes the pipe early: that is no reason for a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    readStdin: async () => {
      const chunks: Uint8Array[] = []
      let length = 0
      // Leaving the loop early (the throw) destroys the stream: nothing more is read.
      for await (const chunk of process.stdin) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array)
        length += bytes.length
        if (length > maxFileBytes) throw new InputTooLargeError()
        chunks.push(bytes)
      }
      return Buffer.concat(chunks)
    }
  }
}
