/**
 * The modules a Worker, Deno or a browser runs (builders, codecs, validator, webhooks,
 * signatures, the Fetch handler, the simulator) import no `node:` module and use no Node
 * global, following their imports from each entry module. Node-only code lives under src/node/
 * and src/cli/, behind the `ncco-kit/node` entry and the CLI.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Every module reachable from `entry` through relative imports and re-exports (type-only ones
 * skipped).
 */
const reachable = (entry: string): string[] => {
  const seen = new Set<string>()
  const stack = [entry]
  while (stack.length > 0) {
    const file = stack.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    for (const m of source.matchAll(/^(?:import|export) (?!type )[^'"]*?from '(\.[^']+)'/gm)) {
      stack.push(join(dirname(file), m[1]!.replace(/\.js$/, '.ts')))
    }
    for (const m of source.matchAll(/import\('(\.[^']+)'\)/g)) {
      stack.push(join(dirname(file), m[1]!.replace(/\.js$/, '.ts')))
    }
  }
  return [...seen].map((f) => relative('.', f)).sort()
}

/** Code without comments, so prose that names `Buffer` does not count. */
const code = (file: string): string =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')

const neutralEntries = [
  'src/webhooks/decode.ts',
  'src/webhooks/signature.ts',
  'src/webhooks/handler.ts',
  'src/simulator/engine.ts',
  'src/validate.ts',
  'src/builders/index.ts',
  'src/sender/client.ts',
  'src/index.ts'
]

describe('platform-neutral modules', () => {
  for (const entry of neutralEntries) {
    it(`${entry} and what it imports use no Node-only API`, () => {
      const files = reachable(entry)
      expect(files.length).toBeGreaterThan(0)
      const offenders = files.flatMap((file) => {
        const text = code(file)
        const found: string[] = []
        if (/from 'node:|import\('node:|require\(/.test(text)) found.push('a node: import')
        if (/\bBuffer\b/.test(text)) found.push('Buffer')
        if (/\bprocess\./.test(text)) found.push('process')
        if (/\b(setImmediate|__dirname|__filename)\b/.test(text)) found.push('a Node global')
        return found.map((what) => `${file}: ${what}`)
      })
      expect(offenders).toEqual([])
    })
  }

  it('the check itself finds a Node import', () => {
    expect(/from 'node:/.test(code('src/cli/file-system.ts'))).toBe(true)
  })
})
