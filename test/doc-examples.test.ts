/**
 * Runs the `@example` of every doc comment in src/, so that the examples cannot rot. An example
 * imports from 'ncco-kit' or 'ncco-kit/node' (bound here to src/index.ts and src/node.ts, the
 * public surface) and may import fp-ts modules; `assert` is node:assert.
 */
import { strict as assert } from 'node:assert'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as Either from 'fp-ts/lib/Either.js'
import ts from 'typescript'
import { describe, expect, it, vi } from 'vitest'
import * as kit from '../src/index.js'
import * as kitNode from '../src/node.js'

const modules: Readonly<Record<string, unknown>> = {
  'ncco-kit': kit,
  'ncco-kit/node': kitNode,
  'fp-ts/lib/Either.js': Either
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })

/** The code of each `@example` in a file's doc comments. */
const examplesOf = (source: string): string[] =>
  [...source.matchAll(/\/\*\*([\s\S]*?)\*\//g)].flatMap(([, comment]) => {
    const lines = comment!.split('\n').map((l) => l.replace(/^\s*\* ?/, ''))
    return lines.flatMap((line, start) => {
      if (!line.startsWith('@example')) return []
      const end = lines.findIndex((l, i) => i > start && l.startsWith('@'))
      return [lines.slice(start + 1, end === -1 ? undefined : end).join('\n')]
    })
  })

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>

const run = async (example: string): Promise<void> => {
  const code = ts.transpileModule(example, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS }
  }).outputText
  const require = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`an example imports ${name}, which is not bound here`)
    return modules[name]
  }
  await new AsyncFunction('require', 'assert', 'exports', code)(require, assert, {})
}

const cases = sourceFiles('src').flatMap((file) =>
  examplesOf(readFileSync(file, 'utf8')).map((code, i) => [`${file} #${i + 1}`, code] as const)
)

describe('doc comment examples', () => {
  it('has examples', () => {
    expect(cases.length).toBeGreaterThan(20)
  })

  it.each(cases)('%s runs', async (_, code) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await expect(run(code)).resolves.toBeUndefined()
    vi.restoreAllMocks()
  })
})
