/**
 * Runs every TypeScript example in examples/ as a user would (with tsx), and validates what it
 * prints. A new example must say here what it prints, or this test fails.
 */
import { execFile } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { promisify } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { validateCallV1, validateCallV2, validateNcco } from '../../src/index.js'

const validators = { ncco: validateNcco, v1: validateCallV1, v2: validateCallV2 } as const
type Kind = keyof typeof validators

/** What each example prints: one document, or an object of named documents. */
const examples: Readonly<Record<string, Kind | Readonly<Record<string, Kind>>>> = {
  'ivr-menu.ts': 'ncco',
  'moderated-conference.ts': { moderator: 'ncco', attendee: 'ncco' },
  'call-recording.ts': 'ncco',
  'websocket-agent.ts': 'ncco',
  'sip-transfer.ts': 'ncco',
  'sequential-ringing.ts': 'ncco',
  'outbound-call.ts': { v1: 'v1', v2: 'v2' }
}

const run = promisify(execFile)

describe('examples', () => {
  it('lists every example', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.ts'))
    expect(files.sort()).toEqual(Object.keys(examples).sort())
  })

  // One Node process per example, as a user runs them; sequential, since each starts tsx.
  it.for(Object.entries(examples))(
    '%s prints documents that validate without warnings',
    { timeout: 60_000 },
    async ([file, kinds]) => {
      const { stdout, stderr } = await run(process.execPath, [
        '--import',
        'tsx',
        `examples/${file}`
      ])
      expect(stderr).toBe('')
      const printed: unknown = JSON.parse(stdout)
      const documents: Array<[Kind, unknown]> =
        typeof kinds === 'string'
          ? [[kinds, printed]]
          : Object.entries(kinds).map(([key, kind]) => [
              kind,
              (printed as Record<string, unknown>)[key]
            ])
      if (typeof kinds !== 'string')
        expect(Object.keys(printed as object)).toEqual(Object.keys(kinds))
      for (const [kind, document] of documents) {
        const result = validators[kind](document)
        expect(E.isLeft(result) ? result.left : result.right.warnings).toEqual([])
      }
    }
  )
})

/** Documents that show an example's code, which must stay the same code. */
const shown: ReadonlyArray<readonly [document: string, example: string]> = [
  ['docs/builders.md', 'ivr-menu.ts'],
  ['README.md', 'ivr-menu.ts']
]

/** The example as a user writes it: without its leading comment, importing 'ncco-kit'. */
const asShown = (code: string): string =>
  code
    .replace(/^(\/\/.*\n)+/, '')
    .replaceAll(/from '\.\.\/src\/(builders\/)?index\.js'/g, "from 'ncco-kit'")
    .trim()

describe.each(shown)('%s', (document, example) => {
  it(`shows the code of examples/${example}`, () => {
    const blocks = [...readFileSync(document, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
      ([, code]) => code!.trim()
    )
    expect(blocks).toContain(asShown(readFileSync(`examples/${example}`, 'utf8')))
  })
})
