/**
 * The API reference (`npm run docs`, typedoc) shows the `@example` of each exported declaration
 * and of its members; here every one of them type-checks and runs, so that none can rot.
 *
 * The public API is what the two entries export: `ncco-kit` (src/index.ts) and `ncco-kit/node`
 * (src/node.ts), found with the TypeScript compiler, re-exports followed. Each example is written
 * as a module under .vitest-tmp/ with its `'ncco-kit'` and `'ncco-kit/node'` imports bound to those
 * two files, type-checked with the project's compiler options (one program for all), then
 * imported, so that a top-level `await` and a thrown error or failed assertion fail its test.
 * An example may use `assert` (node:assert's strict mode) without importing it.
 *
 * An example whose first line is the comment `// type-check only: <why>` is compiled but not run:
 * for what needs a real Vonage account. Every other example runs offline; whatever it starts (a
 * sandbox, a server on 127.0.0.1) it closes.
 *
 * The last test runs typedoc's conversion and validation (what `npm run docs` does, without
 * writing the pages) and expects no warning.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const root = resolve('.')
const entries = { 'ncco-kit': 'src/index.ts', 'ncco-kit/node': 'src/node.ts' } as const
const typeCheckOnly = /^\/\/ type-check only: \S/

// -------------------------------------------------------------------------------------
// finding the examples
// -------------------------------------------------------------------------------------

interface Example {
  /** The exported name, with the member path: `createClient`, `Client.createCallV1OrThrow`. */
  readonly name: string
  /** Where the code starts: `src/sender/client.ts:184`. */
  readonly at: string
  readonly file: string
  /** 1-based line of the `@example` tag in `file`. */
  readonly tagLine: number
  /** 1-based line of the example's first line of code in `file`. */
  readonly line: number
  readonly code: string
}

const parsedConfig = (): ts.ParsedCommandLine => {
  const read = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path))
  if (read.error !== undefined)
    throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'))
  return ts.parseJsonConfigFileContent(read.config, ts.sys, root)
}

const compilerOptions: ts.CompilerOptions = { ...parsedConfig().options, noEmit: true }

/** The code of an `@example` tag: the lines after the tag line, `*` margins removed. */
const codeOf = (
  text: string,
  tag: ts.JSDocTag
): { readonly code: string; readonly offset: number } => {
  const lines = text
    .slice(tag.pos, tag.end)
    .split('\n')
    .map((line) => line.replace(/^\s*\*(?: |$)/, '').replace(/\s*\*\/\s*$/, ''))
  const body = lines.slice(1)
  const fence = body.findIndex((line) => line.startsWith('```'))
  if (fence === -1) return { code: body.join('\n').trimEnd(), offset: 1 }
  const close = body.findIndex((line, i) => i > fence && line.startsWith('```'))
  return {
    code: body.slice(fence + 1, close === -1 ? undefined : close).join('\n'),
    offset: fence + 2
  }
}

/** The names from `declaration` down to `node`: `Client.createCallV1OrThrow`. */
const memberPath = (node: ts.Node, declaration: ts.Node): string[] => {
  const names: string[] = []
  for (let n: ts.Node | undefined = node; n !== undefined && n !== declaration; n = n.parent) {
    const name = (n as { readonly name?: ts.Node }).name
    if (name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name))) {
      names.unshift(name.text)
    }
  }
  return names
}

/** The statement a declaration's doc comment sits on. */
const documented = (declaration: ts.Declaration): ts.Node =>
  ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration

const findExamples = (): { readonly examples: Example[]; readonly program: ts.Program } => {
  const program = ts.createProgram({
    rootNames: Object.values(entries).map((entry) => join(root, entry)),
    options: compilerOptions
  })
  const checker = program.getTypeChecker()
  const seen = new Set<string>()
  const examples: Example[] = []
  for (const entry of Object.values(entries)) {
    const source = program.getSourceFile(join(root, entry))
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source)
    if (module === undefined) throw new Error(`${entry} is not a module`)
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      for (const declaration of symbol.declarations ?? []) {
        const top = documented(declaration)
        const file = top.getSourceFile()
        const visit = (node: ts.Node): void => {
          for (const tag of ts.getJSDocTags(node)) {
            const key = `${file.fileName}:${tag.pos}`
            if (tag.tagName.text !== 'example' || seen.has(key)) continue
            seen.add(key)
            const { code, offset } = codeOf(file.text, tag)
            const tagLine = file.getLineAndCharacterOfPosition(tag.pos).line + 1
            const line = tagLine + offset
            const path = relative(root, file.fileName)
            examples.push({
              name: [exported.name, ...memberPath(node, top)].join('.'),
              at: `${path}:${line}`,
              file: path,
              tagLine,
              line,
              code
            })
          }
          ts.forEachChild(node, visit)
        }
        visit(top)
      }
    }
  }
  return { examples, program }
}

const { examples, program: apiProgram } = findExamples()
const cases = examples.map((example) => [`${example.name} (${example.at})`, example] as const)

/** Every `@example` written in src/, by `file:line` of its tag, to compare with the API's. */
const examplesInSource = (): string[] => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name)
      return entry.isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
    })
  return files('src').flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (/^\s*\*\s*@example\b/.test(line) ? [`${file}:${i + 1}`] : []))
  )
}

// -------------------------------------------------------------------------------------
// writing, checking and running them
// -------------------------------------------------------------------------------------

let scratch = ''
const written = new Map<Example, string>()
const diagnostics = new Map<Example, string[]>()

/** The example as a module: the package's entries bound to src/, `assert` in scope. */
const moduleOf = (example: Example, path: string): string => {
  const toEntry = (entry: string): string => {
    const target = relative(dirname(path), join(root, entry)).replace(/\.ts$/, '.js')
    return target.startsWith('.') ? target : `./${target}`
  }
  const bound = example.code.replace(
    /(from\s+|import\s*\(\s*)(['"])(ncco-kit(?:\/node)?)\2/g,
    (_, before: string, quote: string, name: keyof typeof entries) =>
      `${before}${quote}${toEntry(entries[name])}${quote}`
  )
  const importsAssert = /import[^;]*\bassert\b[^;]*from\s+['"](node:)?assert(\/strict)?['"]/.test(
    bound
  )
  // on the first line, so that line numbers stay those of the example
  const prelude = importsAssert ? '' : "import { strict as assert } from 'node:assert'; "
  return `${prelude}${bound}\nexport {}\n`
}

const location = (example: Example, diagnostic: ts.Diagnostic): string => {
  if (diagnostic.file === undefined || diagnostic.start === undefined) return example.at
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
  return `${example.file}:${example.line + line}`
}

beforeAll(() => {
  mkdirSync('.vitest-tmp', { recursive: true })
  scratch = mkdtempSync(join(root, '.vitest-tmp', 'api-examples-'))
  examples.forEach((example, i) => {
    const path = join(
      scratch,
      `${String(i).padStart(3, '0')}-${example.name.replace(/\W/g, '_')}.ts`
    )
    writeFileSync(path, moduleOf(example, path))
    written.set(example, path)
  })
  const program = ts.createProgram({
    rootNames: [...written.values()],
    options: compilerOptions,
    oldProgram: apiProgram
  })
  for (const [example, path] of written) {
    const source = program.getSourceFile(path)
    const found = source === undefined ? [] : ts.getPreEmitDiagnostics(program, source)
    diagnostics.set(
      example,
      found.map(
        (d) =>
          `${location(example, d)}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
      )
    )
  }
}, 120_000)

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true })
})

describe('API examples', () => {
  it('finds the examples of the main entry points', () => {
    const names = new Set(examples.map((e) => e.name))
    for (const name of [
      'ncco',
      'talk',
      'input',
      'connect',
      'phone',
      'validateNcco',
      'decodeWebhook',
      'verifyWebhookSignature',
      'webhookHandler',
      'simulateCall',
      'createClient',
      'Client.createCallV1OrThrow',
      'toNodeListener',
      'startSandbox'
    ]) {
      expect(names, name).toContain(name)
    }
  })

  it('every @example in src/ is on the public API', () => {
    const onApi = examples.map((e) => `${e.file}:${e.tagLine}`)
    expect(examplesInSource().filter((at) => !onApi.includes(at))).toEqual([])
  })

  it.each(cases)('%s type-checks', (_, example) => {
    expect(diagnostics.get(example)).toEqual([])
  })

  it.each(cases.filter(([, e]) => !typeCheckOnly.test(e.code)))('%s runs', async (_, example) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      await import(pathToFileURL(written.get(example)!).href)
    } finally {
      vi.restoreAllMocks()
    }
  })
})

describe('API reference', () => {
  // `npm run docs` without writing the pages: typedoc converts and validates with typedoc.json,
  // where `treatWarningsAsErrors` is on. A type of the public API that refers to a type that is
  // not exported is a warning: export it, or list it in `intentionallyNotExported`.
  it('typedoc builds it without a warning', { timeout: 120_000 }, async () => {
    const typedoc = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc')
    const run = promisify(execFile)
    const outcome = await run(process.execPath, [typedoc, '--emit', 'none'], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 110_000
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        output: (error.stdout ?? '') + (error.stderr ?? '')
      })
    )
    // eslint-disable-next-line no-control-regex
    const lines = outcome.output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')
    expect(lines.filter((line) => /^\[(warning|error)\]/.test(line))).toEqual([])
    expect(outcome.code).toBe(0)
  })
})
