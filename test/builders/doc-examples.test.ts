/**
 * Runs the `@example` of every builder's doc comment, so that the examples cannot rot. Each
 * imports from 'ncco-kit'; here that import is bound to the builders' public surface.
 */
import { readFileSync, readdirSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it, vi } from 'vitest'
import * as builders from '../../src/builders/index.js'

const dir = 'src/builders'

/** The code of each `@example` in a file's doc comments. */
const examplesOf = (source: string): string[] =>
  [...source.matchAll(/\/\*\*([\s\S]*?)\*\//g)].flatMap(([, comment]) => {
    const lines = comment!.split('\n').map((l) => l.replace(/^\s*\* ?/, ''))
    const start = lines.findIndex((l) => l.startsWith('@example'))
    if (start === -1) return []
    const end = lines.findIndex((l, i) => i > start && l.startsWith('@'))
    return [lines.slice(start + 1, end === -1 ? undefined : end).join('\n')]
  })

const IMPORT = /^import \{([^}]*)\} from 'ncco-kit'$/m

const run = (example: string): void => {
  const names = IMPORT.exec(example)?.[1]
  if (names === undefined) throw new Error(`example without an import from 'ncco-kit':\n${example}`)
  const code = ts.transpileModule(example.replace(IMPORT, `const {${names}} = lib`), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext }
  }).outputText
  new Function('lib', code)(builders)
}

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .flatMap((file) =>
    examplesOf(readFileSync(`${dir}/${file}`, 'utf8')).map((code, i) => [`${file} #${i + 1}`, code])
  )

describe('doc comment examples', () => {
  it('has examples', () => {
    expect(cases.length).toBeGreaterThan(10)
  })

  it.each(cases)('%s runs', (_, code) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(() => run(code!)).not.toThrow()
    vi.restoreAllMocks()
  })
})
