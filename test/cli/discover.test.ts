import { describe, expect, it } from 'vitest'
import { discover } from '../../src/cli/discover.js'
import type { Target } from '../../src/cli/discover.js'
import { memoryFileSystem } from './memory-fs.js'

const cwd = '/repo'
const fs = memoryFileSystem(cwd, {
  'examples/b.json': '[]',
  'examples/a.yaml': '[]',
  'examples/notes.md': '# not validated',
  'examples/sub/c.yml': '[]',
  'examples/sub/deeper/d.JSON': '[]',
  'examples/node_modules/pkg/e.json': '[]',
  'examples/.hidden/f.json': '[]',
  'examples/.g.json': '[]',
  'examples/loop': '-> examples',
  'examples/linked.json': '-> examples/b.json',
  'empty/': '',
  'only-text/readme.txt': 'x',
  'top.json': '{}',
  'weird name [1].json': '[]'
})

/** Targets as short strings: `file`, `? file: reason` for unusable ones, `-` for stdin. */
const run = async (...operands: string[]): Promise<ReadonlyArray<string>> =>
  (await discover(operands, { fs, cwd })).map((t: Target) =>
    t._tag === 'Stdin' ? '-' : t._tag === 'File' ? t.file : `? ${t.file}: ${t.reason}`
  )

describe('discover', () => {
  it('walks a directory: supported extensions in any case, sorted, node_modules and links to directories skipped', async () => {
    expect(await run('examples')).toStrictEqual([
      'examples/.g.json',
      'examples/.hidden/f.json',
      'examples/a.yaml',
      'examples/b.json',
      'examples/linked.json',
      'examples/sub/c.yml',
      'examples/sub/deeper/d.JSON'
    ])
  })

  it('keeps the operand as written in the names it yields', async () => {
    expect(await run('./examples/sub/')).toStrictEqual([
      './examples/sub/c.yml',
      './examples/sub/deeper/d.JSON'
    ])
  })

  it('takes a named file whatever its extension', async () => {
    expect(await run('examples/notes.md', 'top.json')).toStrictEqual([
      'examples/notes.md',
      'top.json'
    ])
  })

  it('expands patterns: * within a segment, ** across directories, no leading dots', async () => {
    expect(await run('examples/*.json')).toStrictEqual(['examples/b.json', 'examples/linked.json'])
    expect(await run('examples/**/*.y*ml')).toStrictEqual(['examples/a.yaml', 'examples/sub/c.yml'])
    expect(await run('**/d.*')).toStrictEqual(['examples/sub/deeper/d.JSON'])
    expect(await run('examples/[ab].*')).toStrictEqual(['examples/a.yaml', 'examples/b.json'])
    expect(await run('examples/.*.json')).toStrictEqual(['examples/.g.json'])
  })

  it('walks the directories a pattern matches, and a trailing **', async () => {
    expect(await run('examples/s*')).toStrictEqual([
      'examples/sub/c.yml',
      'examples/sub/deeper/d.JSON'
    ])
    expect(await run('examples/sub/**')).toStrictEqual([
      'examples/sub/c.yml',
      'examples/sub/deeper/d.JSON'
    ])
  })

  it('goes into node_modules only when the pattern names it', async () => {
    expect(await run('examples/*/pkg/*.json')).toStrictEqual([])
    expect(await run('examples/node_modules/*/*.json')).toStrictEqual([
      'examples/node_modules/pkg/e.json'
    ])
  })

  it('matches file names with pattern characters through a class', async () => {
    expect(await run('weird name [[]1].json')).toStrictEqual(['weird name [1].json'])
  })

  it('removes duplicates, keeping the first place a file appears', async () => {
    expect(
      await run('examples/b.json', 'examples/*.json', './examples/b.json', '-', '-')
    ).toStrictEqual(['examples/b.json', 'examples/linked.json', '-'])
  })

  it('turns each operand that yields nothing into a target with the reason', async () => {
    expect(
      await run('top.json', 'missing.json', 'empty', 'only-text', 'nope/*.json', '[z-a]')
    ).toStrictEqual([
      'top.json',
      '? missing.json: no such file or directory',
      '? empty: it is a directory with no .json, .yaml or .yml files in it',
      '? only-text: it is a directory with no .json, .yaml or .yml files in it',
      '? nope/*.json: no file matches this pattern',
      '? [z-a]: "[z-a]" is not a valid pattern (is a range in [...] reversed?)'
    ])
  })

  it('gives nothing to validate when every operand is a pattern that matches nothing', async () => {
    expect(await run('*.yaml', 'examples/*.txt')).toStrictEqual([])
  })

  it('resolves paths against the working directory', async () => {
    const targets = await discover(['sub/c.yml'], { fs, cwd: '/repo/examples' })
    expect(targets).toStrictEqual([
      { _tag: 'File', file: 'sub/c.yml', absolutePath: '/repo/examples/sub/c.yml' }
    ])
  })
})
