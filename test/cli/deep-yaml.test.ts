/**
 * Deep YAML (issue 13, defect 8): a million `[` in a `.yaml` file gets the depth finding at
 * once, as JSON does, instead of `yaml` building a tree of it for seconds and a gigabyte.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseYaml } from '../../src/cli/parse-yaml.js'
import { makeValidateCommand } from '../../src/cli/validate-command.js'
import { validateCallV1, validateCallV2, validateNcco } from '../../src/validate.js'
import { fakeIo } from './fake-io.js'
import { memoryFileSystem } from './memory-fs.js'

const million = '['.repeat(1_000_000)
const fs = memoryFileSystem('/repo', {
  'deep.yaml': million,
  'deep.json': million
})
const validators = { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 }
const validate = makeValidateCommand({ fs, validators, version: '0' })

const depth = (format: string, line: number, column: number, file: string): string =>
  `${file}:${line}:${column}: error parse-error: Invalid ${format}: `

describe('deep YAML', () => {
  it('a million [ in a .yaml file: the depth finding, at the first level too deep, within 3 s', async () => {
    const recorded = fakeIo()
    const started = performance.now()
    const code = await validate(['--format', 'github', 'deep.yaml', 'deep.json'], recorded.io)
    const elapsed = performance.now() - started
    expect(code).toBe(1)
    const lines = recorded
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('deep.'))
    expect(lines).toStrictEqual([
      depth('YAML', 1, 257, 'deep.yaml') + 'collections are nested more than 256 levels deep.',
      depth('JSON', 1, 257, 'deep.json') +
        'arrays and objects are nested more than 256 levels deep.'
    ])
    expect(elapsed).toBeLessThan(3000)
  })

  it('places the finding exactly below block collections, and for - - - on one line', () => {
    const nested = parseYaml(`talk:\n  deeper:\n    ${million}`)
    // 20 characters of two block mappings, then the 255th [ is the 257th level.
    expect(nested).toStrictEqual({
      _tag: 'Left',
      left: {
        _tag: 'Syntax',
        problems: [{ offset: 20 + 254, reason: 'collections are nested more than 256 levels deep' }]
      }
    })
    expect(parseYaml(`${'- '.repeat(500_000)}x\n`)).toStrictEqual({
      _tag: 'Left',
      left: {
        _tag: 'Syntax',
        problems: [{ offset: 512, reason: 'collections are nested more than 256 levels deep' }]
      }
    })
  })

  it('finds nothing too deep in brackets that are text: quoted, in a block scalar, in a comment', () => {
    const text = [
      '- action: talk',
      `  text: "${'['.repeat(400)}"`,
      `  # ${'['.repeat(400)}`,
      '- action: talk',
      '  text: |',
      `    ${'['.repeat(400)}`,
      `- action: talk`,
      `  text: a${'['.repeat(400)}`,
      ''
    ].join('\n')
    const parsed = parseYaml(text)
    expect(parsed._tag).toBe('Right')
  })

  it('stays within bounded memory (a child process with a 256 MB heap)', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=256',
        '--import',
        'tsx',
        fileURLToPath(new URL('./deep-yaml-child.ts', import.meta.url))
      ],
      { encoding: 'utf8', timeout: 20_000 }
    )
    expect(child.status).toBe(0)
    const output = JSON.parse(child.stdout) as { result: unknown; maxRssMb: number }
    expect(output.result).toStrictEqual({
      _tag: 'Left',
      left: {
        _tag: 'Syntax',
        problems: [{ offset: 256, reason: 'collections are nested more than 256 levels deep' }]
      }
    })
    expect(output.maxRssMb).toBeLessThan(400)
  }, 30_000)
})
