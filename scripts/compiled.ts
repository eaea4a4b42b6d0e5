/**
 * The compiled validators (src/generated/validators.ts), generated from the field descriptions.
 * `npm run generate` writes the file; test/compiled/generated.test.ts fails when it is stale.
 */
import { readdirSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'
import { createCallV1Struct } from '../src/call/v1.js'
import { createCallV2Struct } from '../src/call/v2.js'
import { generateValidators } from '../src/internal/generate.js'
import type { Locate } from '../src/internal/generate.js'
import { Node } from '../src/internal/node.js'
import type { AnyNode } from '../src/internal/node.js'
import { Ncco } from '../src/ncco/ncco.js'

export const COMPILED_FILE = 'src/generated/validators.ts'

/** The modules whose exports the generated code may import, by the path it imports them by. */
const exportingModules = async (): Promise<ReadonlyArray<readonly [string, object]>> => {
  const out: Array<readonly [string, object]> = []
  for (const dir of ['ncco', 'call']) {
    for (const file of readdirSync(`src/${dir}`).sort()) {
      if (!file.endsWith('.ts')) continue
      const module = (await import(`../src/${dir}/${file}`)) as object
      out.push([`../${dir}/${file.replace(/\.ts$/, '.js')}`, module])
    }
  }
  return out
}

const locator = async (): Promise<Locate> => {
  const modules = await exportingModules()
  return (value) => {
    for (const [from, module] of modules) {
      for (const [name, exported] of Object.entries(module)) {
        if (exported === value) return { from, name }
      }
    }
    return undefined
  }
}

/**
 * The codecs the package exports that get a compiled `is`: every node of src/index.ts defined
 * under src/ncco or src/call, by export name. The webhook codecs read tolerantly (null as
 * absent, numbers and booleans as strings, open enums), which the generator does not compile;
 * their `is` stays the interpreter's.
 */
export const guardedCodecs = async (locate: Locate): Promise<ReadonlyArray<AnyNode>> => {
  const root = (await import('../src/index.js')) as Record<string, unknown>
  const out: AnyNode[] = []
  for (const name of Object.keys(root).sort()) {
    const value = root[name]
    if (value instanceof Node && locate(value) !== undefined && !out.includes(value)) {
      out.push(value)
    }
  }
  return out
}

/** The formatted source of src/generated/validators.ts. */
export const compiledValidatorsSource = async (): Promise<string> => {
  const locate = await locator()
  const source = generateValidators(
    [
      { name: 'compiledNcco', node: Ncco, doc: 'The compiled pass of an NCCO.' },
      {
        name: 'compiledCallV1',
        node: createCallV1Struct,
        doc: 'The compiled pass of a v1 create-call request.'
      },
      {
        name: 'compiledCallV2',
        node: createCallV2Struct,
        doc: 'The compiled pass of a v2 create-call request.'
      }
    ],
    await guardedCodecs(locate),
    locate
  )
  const options = (await resolveConfig(COMPILED_FILE)) ?? {}
  return format(source, { ...options, parser: 'typescript' })
}
