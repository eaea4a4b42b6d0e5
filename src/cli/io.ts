/**
 * The capabilities a CLI command is given. Commands are pure functions of their arguments and
 * these capabilities, so tests can run them in-process and `bin.ts` only wires the real ones.
 *
 * @since 0.1.0
 */

/**
 * @category model
 * @since 0.1.0
 */
export interface CliIo {
  /** Writes to standard output (no newline added). */
  readonly stdout: (text: string) => void
  /** Writes to standard error (no newline added). */
  readonly stderr: (text: string) => void
  /** Environment variables (NO_COLOR, FORCE_COLOR, VONAGE_APPLICATION_ID, …). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Working directory; relative paths are resolved against it. */
  readonly cwd: string
  /** Whether stdout is a terminal (chooses the default output format and colour). */
  readonly stdoutIsTTY: boolean
  /** Reads all of standard input. */
  readonly readStdin: () => Promise<Uint8Array>
}

/**
 * A command: its arguments (after the command words) and the capabilities; resolves to the
 * process exit code. It never throws: failures are reported and mapped to an exit code.
 *
 * @category model
 * @since 0.1.0
 */
export type Command = (argv: ReadonlyArray<string>, io: CliIo) => Promise<number>
