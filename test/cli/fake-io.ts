/** A `CliIo` that records what a command writes, for in-process command tests. */
import type { CliIo } from '../../src/cli/io.js'

export interface Recorded {
  readonly io: CliIo
  readonly stdout: () => string
  readonly stderr: () => string
}

export const fakeIo = (
  options: {
    readonly cwd?: string
    readonly env?: Readonly<Record<string, string | undefined>>
    readonly tty?: boolean
    readonly stdin?: string | (() => Promise<Uint8Array>)
  } = {}
): Recorded => {
  let out = ''
  let err = ''
  const stdin = options.stdin ?? ''
  return {
    io: {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      env: options.env ?? {},
      cwd: options.cwd ?? '/repo',
      stdoutIsTTY: options.tty ?? false,
      readStdin: typeof stdin === 'string' ? async () => new TextEncoder().encode(stdin) : stdin
    },
    stdout: () => out,
    stderr: () => err
  }
}
