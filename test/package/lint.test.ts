/**
 * The tarball itself: publint and `@arethetypeswrong/cli` find nothing wrong with it, it ships
 * what a user needs (and every source a source map names), it declares every package it
 * imports, and its manifest says where the project lives.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cleanUp,
  listFiles,
  node,
  packPackage,
  repositoryRoot,
  run,
  succeeded,
  tool,
  type Packed
} from './packed.js'

let packed: Packed | undefined
/** The tarball, unpacked. */
let unpacked = ''
beforeAll(async () => {
  packed = await packPackage()
  unpacked = join(packed.scratch, 'unpacked')
  mkdirSync(unpacked)
  succeeded(
    'tar',
    await run('tar', ['-xzf', packed.tarball, '-C', unpacked, '--strip-components=1'], {
      cwd: packed.scratch
    })
  )
}, 180_000)
afterAll(() => cleanUp(packed))

const manifest = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Record<string, unknown>

describe('the packed tarball', () => {
  it('publint --strict: all good', async () => {
    const output = succeeded(
      'publint',
      await run(node, [tool('publint'), 'run', packed!.tarball, '--strict'], {
        cwd: packed!.scratch,
        timeoutMs: 60_000
      })
    )
    expect(output).toContain('All good!')
  }, 90_000)

  it('attw: no problem but the one rule ignored, require() of the ESM build (Node 20.19+)', async () => {
    const result = await run(
      node,
      [tool('attw'), packed!.tarball, '--format', 'json', '--ignore-rules', 'cjs-resolves-to-esm'],
      { cwd: packed!.scratch, timeoutMs: 90_000 }
    )
    const report = JSON.parse(succeeded('attw', result)) as {
      readonly problems: Readonly<Record<string, ReadonlyArray<unknown>>>
    }
    // What the ignored rule reports, exactly: nothing else, under no resolution mode.
    expect(report.problems).toEqual({
      CJSResolvesToESM: [
        { kind: 'CJSResolvesToESM', entrypoint: '.', resolutionKind: 'node16-cjs' },
        { kind: 'CJSResolvesToESM', entrypoint: './node', resolutionKind: 'node16-cjs' },
        { kind: 'CJSResolvesToESM', entrypoint: './campaign', resolutionKind: 'node16-cjs' }
      ]
    })
  }, 120_000)

  it('ships the entries, the CLI, the schemas, the sources, LICENSE and CHANGELOG, and no tests', () => {
    const files = packed!.files
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/node.js',
      'dist/node.d.ts',
      'dist/campaign.js',
      'dist/campaign.d.ts',
      'dist/cli/bin.js',
      'schema/ncco.json',
      'schema/call-v1.json',
      'schema/call-v2.json',
      'src/index.ts',
      'src/node.ts'
    ]) {
      expect(files).toContain(file)
    }
    const tops = [...new Set(files.map((f) => f.split('/')[0]))].sort()
    expect(tops).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist',
      'package.json',
      'schema',
      'src'
    ])
    expect(files.filter((f) => f.startsWith('src/') && !f.endsWith('.ts'))).toEqual([])
    expect(listFiles(unpacked)).toEqual(files)
  })

  it('every source map names sources the tarball ships, and every script names its map', () => {
    const maps = packed!.files.filter((f) => f.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(100)
    const missing = maps.flatMap((map) => {
      const { sources, sourceRoot } = JSON.parse(readFileSync(join(unpacked, map), 'utf8')) as {
        readonly sources: ReadonlyArray<string>
        readonly sourceRoot?: string
      }
      return sources
        .map((source) => posix.normalize(posix.join(posix.dirname(map), sourceRoot ?? '', source)))
        .filter((source) => !packed!.files.includes(source))
        .map((source) => `${map} -> ${source}`)
    })
    expect(missing).toEqual([])
    // The CLI's bundle (scripts/bundle-cli.mjs: its files open with the banner that gives
    // fp-ts a `require`) ships without maps; every other script and declaration names its map.
    const bundle = (text: string): boolean =>
      text.slice(0, 200).includes('import { createRequire as __createRequire }')
    const unmapped = packed!.files
      .filter((f) => /\.(js|d\.ts)$/.test(f))
      .filter((f) => {
        const text = readFileSync(join(unpacked, f), 'utf8')
        if (bundle(text)) return false
        const last = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)
        return last === null || !existsSync(join(unpacked, dirname(f), last[1]!))
      })
    expect(unmapped).toEqual([])
    // The bundle is there, and no map is left that describes a file the bundle replaced.
    expect(bundle(readFileSync(join(unpacked, 'dist/cli/bin.js'), 'utf8'))).toBe(true)
    expect(packed!.files).not.toContain('dist/cli/bin.js.map')
  })

  it('declares each package its code imports, as a dependency or a peer, and no other', () => {
    const imported = new Set<string>()
    for (const file of packed!.files.filter((f) => f.startsWith('dist/') && f.endsWith('.js'))) {
      // Without comments: the doc comments' examples import 'ncco-kit'.
      const code = readFileSync(join(unpacked, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
      const specifiers = [
        ...code.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+'([^'.][^']*)'/gm),
        ...code.matchAll(/^\s*import\s+'([^'.][^']*)'/gm),
        ...code.matchAll(/\bimport\('([^'.][^']*)'\)/g)
      ].map((m) => m[1]!)
      for (const specifier of specifiers) {
        if (specifier.startsWith('node:')) continue
        const parts = specifier.split('/')
        imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!)
      }
    }
    const { dependencies, peerDependencies } = manifest() as {
      readonly dependencies: Readonly<Record<string, string>>
      readonly peerDependencies: Readonly<Record<string, string>>
    }
    expect([...imported].sort()).toEqual(
      [...Object.keys(dependencies), ...Object.keys(peerDependencies)].sort()
    )
  })

  it('says where the project lives, under which licence', () => {
    const { license, repository, homepage, bugs, keywords } = manifest()
    expect({ license, repository, homepage, bugs }).toEqual({
      license: 'MIT',
      repository: { type: 'git', url: 'git+https://github.com/ncco-kit/ncco-kit.git' },
      homepage: 'https://github.com/ncco-kit/ncco-kit#readme',
      bugs: { url: 'https://github.com/ncco-kit/ncco-kit/issues' }
    })
    expect(keywords).toEqual(expect.arrayContaining(['vonage', 'ncco', 'voice', 'io-ts']))
    const licence = readFileSync(join(unpacked, 'LICENSE'), 'utf8')
    expect(licence.split('\n').slice(0, 3)).toEqual([
      'MIT License',
      '',
      'Copyright (c) 2026 the ncco-kit authors'
    ])
    expect(licence).toBe(readFileSync(join(repositoryRoot, 'LICENSE'), 'utf8'))
  })
})
