/**
 * From the command line's operands to the list of things to validate: files as given,
 * directories walked, patterns expanded, `-` for standard input; duplicates removed, in a
 * deterministic order (operands in the order given, each expansion sorted by path).
 *
 * An operand that yields nothing becomes a target of its own that carries the reason, so it is
 * reported like an unreadable file — unless no operand yields anything, which is "nothing to
 * validate" (an empty list).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { resolve } from 'node:path'
import type { FileSystem } from './file-system.js'
import { compileSegment, isGlob, splitPattern } from './glob.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * `file` is the path as the user wrote it (or as the expansion of what they wrote).
 *
 * @category model
 * @since 0.1.0
 */
export type Target =
  | { readonly _tag: 'Stdin' }
  | { readonly _tag: 'File'; readonly file: string; readonly absolutePath: string }
  | {
      readonly _tag: 'Unusable'
      readonly file: string
      readonly absolutePath: string
      /** Completes "The file could not be read: …". */
      readonly reason: string
    }

/**
 * @category model
 * @since 0.1.0
 */
export interface DiscoverContext {
  readonly fs: FileSystem
  readonly cwd: string
}

/** One result of walking or matching, relative to the operand's directory (`/`-separated). */
type Found =
  | { readonly kind: 'file'; readonly relative: string }
  | { readonly kind: 'problem'; readonly relative: string; readonly reason: string }

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const supportedName = /\.(json|ya?ml)$/i

const ignoredDirectory = 'node_modules'

const joinRelative = (parent: string, name: string): string =>
  parent === '' ? name : `${parent}/${name}`

const joinDisplay = (base: string, relative: string): string =>
  relative === ''
    ? base
    : base === ''
      ? relative
      : base.endsWith('/')
        ? base + relative
        : `${base}/${relative}`

const byRelativePath = (a: Found, b: Found): number =>
  a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0

/** Every .json/.yaml/.yml file under a directory, skipping node_modules and links to directories. */
const walk = async (fs: FileSystem, root: string, start: string): Promise<ReadonlyArray<Found>> => {
  const found: Found[] = []
  const pending: string[] = [start]
  for (let relative = pending.pop(); relative !== undefined; relative = pending.pop()) {
    const entries = await fs.readDirectory(resolve(root, relative))
    if (E.isLeft(entries)) {
      found.push({ kind: 'problem', relative, reason: entries.left.reason })
      continue
    }
    for (const entry of entries.right) {
      const path = joinRelative(relative, entry.name)
      if (entry.type === 'directory') {
        if (!entry.symbolicLink && entry.name !== ignoredDirectory) pending.push(path)
      } else if (entry.type === 'file' && supportedName.test(entry.name)) {
        found.push({ kind: 'file', relative: path })
      }
    }
  }
  return found
}

/** Failures that only mean "this pattern does not match here". */
const isAbsence = (reason: string): boolean =>
  reason === 'no such file or directory' || reason === 'a part of the path is not a directory'

const expandGlob = async (
  fs: FileSystem,
  root: string,
  segments: ReadonlyArray<string>
): Promise<E.Either<string, ReadonlyArray<Found>>> => {
  const matchers: Array<((name: string) => boolean) | undefined> = []
  for (const segment of segments) {
    if (segment === '**' || segment === '') {
      matchers.push(undefined)
      continue
    }
    const matcher = compileSegment(segment)
    if (E.isLeft(matcher)) return matcher
    matchers.push(matcher.right)
  }
  const found: Found[] = []
  const directories: string[] = []
  const visited = new Set<string>()
  const pending: Array<readonly [string, number]> = [['', 0]]
  for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
    const [relative, index] = state
    const stateKey = `${index}\u0000${relative}`
    if (visited.has(stateKey)) continue
    visited.add(stateKey)
    const segment = segments[index]
    // The whole pattern matched a directory (`dir/*/`, `dir/**`): it is walked.
    if (
      segment === undefined ||
      segment === '' ||
      (segment === '**' && index === segments.length - 1)
    ) {
      directories.push(relative)
      continue
    }
    const entries = await fs.readDirectory(resolve(root, relative))
    if (E.isLeft(entries)) {
      if (!isAbsence(entries.left.reason)) {
        found.push({ kind: 'problem', relative, reason: entries.left.reason })
      }
      continue
    }
    const last = index === segments.length - 1
    if (segment === '**') {
      pending.push([relative, index + 1])
      for (const entry of entries.right) {
        if (
          entry.type === 'directory' &&
          !entry.symbolicLink &&
          entry.name !== ignoredDirectory &&
          !entry.name.startsWith('.')
        ) {
          pending.push([joinRelative(relative, entry.name), index])
        }
      }
      continue
    }
    const matches = matchers[index] ?? (() => false)
    for (const entry of entries.right) {
      if (!matches(entry.name)) continue
      const path = joinRelative(relative, entry.name)
      const skipDirectory =
        entry.symbolicLink || (entry.name === ignoredDirectory && segment !== ignoredDirectory)
      if (entry.type === 'directory' && !skipDirectory) {
        if (last) directories.push(path)
        else pending.push([path, index + 1])
      } else if (last && entry.type === 'file' && supportedName.test(entry.name)) {
        found.push({ kind: 'file', relative: path })
      }
    }
  }
  for (const directory of directories) found.push(...(await walk(fs, root, directory)))
  return E.right(found)
}

/** Sorted by path, each path once (a pattern like `**\/*` reaches a file more than once). */
const sortUnique = (found: ReadonlyArray<Found>): ReadonlyArray<Found> => {
  const seen = new Set<string>()
  return [...found].sort(byRelativePath).filter((f) => {
    const key = `${f.kind}\u0000${f.relative}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const toTargets = (cwd: string, base: string, found: ReadonlyArray<Found>): ReadonlyArray<Target> =>
  sortUnique(found).map((f) => {
    const file = joinDisplay(base, f.relative)
    const absolutePath = resolve(cwd, file)
    return f.kind === 'file'
      ? { _tag: 'File', file, absolutePath }
      : { _tag: 'Unusable', file, absolutePath, reason: f.reason }
  })

const unusable = (cwd: string, file: string, reason: string): Target => ({
  _tag: 'Unusable',
  file,
  absolutePath: resolve(cwd, file),
  reason
})

/** What one operand yields; `unmatched` for a pattern that matched nothing. */
const discoverOne = async (
  operand: string,
  { fs, cwd }: DiscoverContext
): Promise<ReadonlyArray<Target> | 'unmatched'> => {
  if (operand === '-') return [{ _tag: 'Stdin' }]
  if (isGlob(operand)) {
    const { base, segments } = splitPattern(operand)
    const found = await expandGlob(fs, resolve(cwd, base), segments)
    if (E.isLeft(found)) return [unusable(cwd, operand, found.left)]
    return found.right.length === 0 ? 'unmatched' : toTargets(cwd, base, found.right)
  }
  const absolutePath = resolve(cwd, operand)
  const type = await fs.stat(absolutePath)
  if (E.isLeft(type)) return [unusable(cwd, operand, type.left.reason)]
  switch (type.right) {
    case 'file':
      return [{ _tag: 'File', file: operand, absolutePath }]
    case 'directory': {
      const found = await walk(fs, absolutePath, '')
      return found.length === 0
        ? [unusable(cwd, operand, 'it is a directory with no .json, .yaml or .yml files in it')]
        : toTargets(cwd, operand, found)
    }
    case 'other':
      return [unusable(cwd, operand, 'it is neither a regular file nor a directory')]
  }
}

const keyOf = (target: Target): string => (target._tag === 'Stdin' ? '-' : target.absolutePath)

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The targets for a list of operands. Empty when there is nothing to validate: every operand
 * is a pattern that matched no file. Otherwise a pattern that matched nothing is a target that
 * reports it.
 *
 * @category destructors
 * @since 0.1.0
 */
export const discover = async (
  operands: ReadonlyArray<string>,
  context: DiscoverContext
): Promise<ReadonlyArray<Target>> => {
  const results: Array<readonly [string, ReadonlyArray<Target> | 'unmatched']> = []
  for (const operand of operands) results.push([operand, await discoverOne(operand, context)])
  if (results.every(([, r]) => r === 'unmatched')) return []
  const seen = new Set<string>()
  return results
    .flatMap(([operand, r]) =>
      r === 'unmatched' ? [unusable(context.cwd, operand, 'no file matches this pattern')] : r
    )
    .filter((target) => {
      const key = keyOf(target)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}
