/**
 * An in-memory `FileSystem` for discovery and command tests: paths ending in `/` are
 * directories, `-> target` marks a symbolic link, anything else is a file with its content.
 */
import * as E from 'fp-ts/lib/Either.js'
import { dirname, posix } from 'node:path'
import type { DirectoryEntry, EntryType, FileSystem } from '../../src/cli/file-system.js'

export const memoryFileSystem = (
  root: string,
  tree: Readonly<Record<string, string | Uint8Array>>
): FileSystem => {
  const files = new Map<string, string | Uint8Array>()
  const directories = new Set<string>([root])
  const links = new Map<string, string>()
  const addParents = (path: string): void => {
    for (let d = dirname(path); !directories.has(d); d = dirname(d)) directories.add(d)
  }
  for (const [name, content] of Object.entries(tree)) {
    const path = posix.join(root, name)
    if (typeof content === 'string' && content.startsWith('-> ')) {
      links.set(path.replace(/\/$/, ''), posix.join(root, content.slice(3)))
    } else if (name.endsWith('/')) {
      directories.add(path.replace(/\/$/, ''))
    } else {
      files.set(path, content)
    }
    addParents(path.replace(/\/$/, ''))
  }
  const follow = (path: string): string => links.get(path) ?? path
  const typeOf = (path: string): EntryType | undefined => {
    const target = follow(path)
    return files.has(target) ? 'file' : directories.has(target) ? 'directory' : undefined
  }
  const missing = E.left({ reason: 'no such file or directory' })
  return {
    stat: async (path) => {
      const type = typeOf(path)
      return type === undefined ? missing : E.right(type)
    },
    readDirectory: async (path) => {
      const directory = follow(path)
      if (!directories.has(directory)) {
        return files.has(directory)
          ? E.left({ reason: 'a part of the path is not a directory' })
          : missing
      }
      const names = new Set<string>()
      for (const p of [...files.keys(), ...directories, ...links.keys()]) {
        if (p !== directory && dirname(p) === directory) names.add(posix.basename(p))
      }
      const entries: DirectoryEntry[] = [...names].map((name) => {
        const path = posix.join(directory, name)
        return { name, type: typeOf(path) ?? 'file', symbolicLink: links.has(path) }
      })
      return E.right(entries.reverse())
    },
    readFile: async (path) => {
      const content = files.get(follow(path))
      if (content === undefined)
        return directories.has(path) ? E.left({ reason: 'it is a directory' }) : missing
      return E.right(typeof content === 'string' ? new TextEncoder().encode(content) : content)
    }
  }
}
