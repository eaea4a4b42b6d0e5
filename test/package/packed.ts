/**
 * The package as a user gets it: the tarball `npm pack` makes of the built package, installed
 * into throwaway consumer projects. Each test file packs once (`packPackage` in `beforeAll`)
 * and removes everything it made (`cleanUp` in `afterAll`).
 *
 * The build is the one the CLI tests make (`tsc -p tsconfig.build.json --noCheck`), under the
 * same lock directory, and only when `dist/` is missing or older than a source file; the lock
 * is held until the tarball is written, so no concurrent build rewrites `dist/` mid-pack.
 *
 * Installing never touches the network: `npm install --offline` of the tarball, with its
 * dependencies and peer dependencies given as the local copies in this repository's
 * node_modules (npm links them). The npm cache cannot serve them: `npm ci` stores tarballs,
 * not the registry documents that resolving a range needs. That the tarball declares every
 * package it imports is checked separately, from the imports of the built files.
 */
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Node itself, for child processes. */
export const node = process.execPath

/** A tool from this repository's node_modules/.bin, run with Node. */
export const tool = (name: 'tsc' | 'esbuild' | 'attw' | 'publint'): string =>
  ({
    tsc: join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
    esbuild: join(repositoryRoot, 'node_modules', 'esbuild', 'bin', 'esbuild'),
    attw: join(repositoryRoot, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'),
    publint: join(repositoryRoot, 'node_modules', 'publint', 'src', 'cli.js')
  })[name]

// -------------------------------------------------------------------------------------
// child processes
// -------------------------------------------------------------------------------------

export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a program to its end or for at most `timeoutMs`, then kills it (the run's code is then
 * `null` and stderr says so). Only PATH and HOME are inherited, plus `env`.
 */
export const run = (
  file: string,
  args: ReadonlyArray<string>,
  options: {
    readonly cwd: string
    readonly timeoutMs?: number
    readonly env?: Readonly<Record<string, string>>
  }
): Promise<Run> =>
  new Promise((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 30_000
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? tmpdir(),
        NO_COLOR: '1',
        ...options.env
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({
        code: timedOut ? null : code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr:
          Buffer.concat(stderr).toString('utf8') +
          (timedOut ? `\n[killed after ${timeoutMs} ms]` : '')
      })
    })
  })

/** The run's output when it exited with 0; otherwise an error that shows all of it. */
export const succeeded = (what: string, result: Run): string => {
  if (result.code !== 0) {
    throw new Error(
      `${what} failed (exit ${String(result.code)}):\n${result.stdout}\n${result.stderr}`
    )
  }
  return result.stdout
}

// -------------------------------------------------------------------------------------
// building and packing
// -------------------------------------------------------------------------------------

const lockPath = join(repositoryRoot, '.vitest-tmp', 'cli-build.lock')
const staleLockMs = 120_000

/** The build lock of test/cli/built-cli.ts: a directory that only one process can create. */
const withBuildLock = async <A>(f: () => Promise<A>): Promise<A> => {
  mkdirSync(join(repositoryRoot, '.vitest-tmp'), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lockPath)
      break
    } catch {
      const age = existsSync(lockPath) ? Date.now() - statSync(lockPath).mtimeMs : 0
      if (age > staleLockMs) rmSync(lockPath, { recursive: true, force: true })
      await sleep(100)
    }
  }
  try {
    return await f()
  } finally {
    rmSync(lockPath, { recursive: true, force: true })
  }
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })

/** Whether `dist/` has both entries and is newer than every source file and the manifest. */
const distIsFresh = (): boolean => {
  const outputs = ['index.js', 'index.d.ts', 'node.js', 'node.d.ts', 'cli/bin.js'].map((f) =>
    join(repositoryRoot, 'dist', f)
  )
  if (!outputs.every((f) => existsSync(f))) return false
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs))
  const inputs = [
    ...filesUnder(join(repositoryRoot, 'src')).filter((f) => f.endsWith('.ts')),
    join(repositoryRoot, 'tsconfig.json'),
    join(repositoryRoot, 'tsconfig.build.json')
  ]
  if (!inputs.every((f) => statSync(f).mtimeMs <= built)) return false
  // A module whose source was moved or deleted would still be packed: rebuild from nothing then.
  return filesUnder(join(repositoryRoot, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .every((f) =>
      existsSync(
        join(repositoryRoot, 'src', relative(join(repositoryRoot, 'dist'), f)).replace(
          /\.js$/,
          '.ts'
        )
      )
    )
}

export interface Packed {
  /** A temporary directory of this test file; `cleanUp` removes it. */
  readonly scratch: string
  readonly tarball: string
  /** The paths in the tarball, relative to the package root, sorted. */
  readonly files: ReadonlyArray<string>
}

/** Builds `dist/` if needed and packs the package into a new scratch directory. */
export const packPackage = async (): Promise<Packed> => {
  const scratch = mkdtempSync(join(tmpdir(), 'ncco-kit-package-'))
  try {
    return await withBuildLock(async () => {
      if (!distIsFresh()) {
        rmSync(join(repositoryRoot, 'dist'), { recursive: true, force: true })
        succeeded(
          'the build',
          await run(node, [tool('tsc'), '-p', 'tsconfig.build.json', '--noCheck'], {
            cwd: repositoryRoot,
            timeoutMs: 120_000
          })
        )
        succeeded(
          'bundling the CLI',
          await run(node, [join(repositoryRoot, 'scripts', 'bundle-cli.mjs')], {
            cwd: repositoryRoot,
            timeoutMs: 60_000
          })
        )
      }
      const packed = succeeded(
        'npm pack',
        await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
          cwd: repositoryRoot,
          timeoutMs: 60_000
        })
      )
      const [manifest] = JSON.parse(packed) as ReadonlyArray<{
        readonly filename: string
        readonly files: ReadonlyArray<{ readonly path: string }>
      }>
      if (manifest === undefined) throw new Error(`npm pack printed no manifest:\n${packed}`)
      return {
        scratch,
        tarball: join(scratch, manifest.filename),
        files: manifest.files.map((f) => f.path).sort()
      }
    })
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true })
    throw error
  }
}

export const cleanUp = (packed: Packed | undefined): void => {
  if (packed !== undefined) rmSync(packed.scratch, { recursive: true, force: true })
}

// -------------------------------------------------------------------------------------
// consumers
// -------------------------------------------------------------------------------------

/** What a user installs beside ncco-kit: its peers, and (offline) its own dependencies. */
const localPackages = ['fp-ts', 'io-ts', 'jose', 'ky', 'yaml'] as const

/**
 * A new consumer project in the scratch directory with the tarball installed, and `files`
 * written into it. `extra` are more packages of this repository's node_modules to install
 * (e.g. `@types/node` for a TypeScript consumer).
 */
export const makeConsumer = async (
  packed: Packed,
  name: string,
  options: {
    readonly type: 'module' | 'commonjs'
    readonly files: Readonly<Record<string, string>>
    readonly extra?: ReadonlyArray<string>
  }
): Promise<string> => {
  const dir = join(packed.scratch, name)
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${name}`, private: true, type: options.type }, null, 2)
  )
  const locals = [...localPackages, ...(options.extra ?? [])].map((p) =>
    join(repositoryRoot, 'node_modules', p)
  )
  succeeded(
    'npm install',
    await run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--no-package-lock',
        packed.tarball,
        ...locals
      ],
      { cwd: dir, timeoutMs: 60_000 }
    )
  )
  for (const [file, text] of Object.entries(options.files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

/** The installed package's directory in a consumer: exactly the tarball's contents. */
export const installedPackage = (consumer: string): string =>
  join(consumer, 'node_modules', 'ncco-kit')

/** Every file under `dir`, relative to it, sorted. */
export const listFiles = (dir: string): string[] =>
  filesUnder(dir)
    .map((f) => relative(dir, f))
    .sort()
