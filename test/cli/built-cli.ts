/**
 * Builds the package once and runs the built `ncco` binary as a child process, as a user would:
 * what passes here cannot be broken by an import that only tsc and vitest accept.
 *
 * The build is `tsc -p tsconfig.build.json --noCheck` and the CLI bundle, as `npm run build`
 * makes them (type checking is `npm run typecheck`'s job). A lock directory keeps two vitest processes
 * from building into `dist/` at the same time.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))
export const binPath = join(repositoryRoot, 'dist', 'cli', 'bin.js')

const lockPath = join(repositoryRoot, '.vitest-tmp', 'cli-build.lock')
const staleLockMs = 120_000

const acquireLock = async (): Promise<void> => {
  mkdirSync(join(repositoryRoot, '.vitest-tmp'), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lockPath)
      return
    } catch {
      const age = existsSync(lockPath) ? Date.now() - statSync(lockPath).mtimeMs : 0
      if (age > staleLockMs) rmSync(lockPath, { recursive: true, force: true })
      await sleep(100)
    }
  }
}

export const buildCli = async (): Promise<void> => {
  await acquireLock()
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
    const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], {
      cwd: repositoryRoot,
      encoding: 'utf8'
    })
    if (result.status !== 0) {
      throw new Error(`the build failed:\n${result.stdout}${result.stderr}`)
    }
    // The CLI ships bundled (npm run build): the tests run what ships.
    const bundled = spawnSync(
      process.execPath,
      [join(repositoryRoot, 'scripts', 'bundle-cli.mjs')],
      {
        cwd: repositoryRoot,
        encoding: 'utf8'
      }
    )
    if (bundled.status !== 0) {
      throw new Error(`bundling the CLI failed:\n${bundled.stdout}${bundled.stderr}`)
    }
  } finally {
    rmSync(lockPath, { recursive: true, force: true })
  }
  if (!existsSync(binPath)) throw new Error(`the build did not produce ${binPath}`)
}

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `ncco …` with a clean environment (only PATH, plus what the test sets). Asynchronous, so
 * the tests of a concurrent suite run their processes side by side.
 */
export const ncco = (
  args: ReadonlyArray<string>,
  options: {
    readonly cwd?: string
    readonly input?: string | Uint8Array
    readonly env?: Readonly<Record<string, string>>
    /** Run as this user id (and group id), e.g. to test permissions when the tests run as root. */
    readonly uid?: number
  } = {}
): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: options.cwd ?? repositoryRoot,
      env: { PATH: process.env['PATH'] ?? '', ...options.env },
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid })
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8')
      })
    )
    child.stdin.end(options.input ?? '')
  })
