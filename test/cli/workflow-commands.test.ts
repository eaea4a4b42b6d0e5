/**
 * Output a GitHub Actions runner reads: it takes a line that starts with `::` (after white
 * space) for a workflow command and `##[` anywhere for one of the older form. No file name,
 * finding or server answer may forge one: only our own annotations start with `::`.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defuseCommands, formatGithub } from '../../src/cli/format-github.js'
import type { FileReport } from '../../src/cli/report.js'
import { callCreateFixture } from './call-create-fixture.js'

/** Lines the runner would take for a command, other than our `::error`/`::warning` ones. */
const forged = (output: string, ours: RegExp = /^::(error|warning) /): ReadonlyArray<string> =>
  output
    .split(/\r\n|\r|\n/)
    .filter((line) => line.includes('##[') || (/^\s*::/.test(line) && !ours.test(line)))

const report = (file: string, message = 'Expected a boolean.'): FileReport => ({
  file,
  relativePath: file,
  kind: 'ncco',
  issues: [
    { code: 'invalid-type', severity: 'error', path: '/0/bargeIn', message, line: 1, column: 2 }
  ]
})

describe('--format github', () => {
  it('a file named like a workflow command forges none', () => {
    const output = formatGithub([
      report('::warning title=Security::Deploy key leaked.json'),
      report('  ::stop-commands::token.json'),
      report('##[warning]legacy.json')
    ])
    expect(forged(output)).toStrictEqual([])
    expect(output).toMatchInlineSnapshot(`
      "::error file=%3A%3Awarning title=Security%3A%3ADeploy key leaked.json,line=1,col=2,title=ncco invalid-type::Expected a boolean.
      ::error file=  %3A%3Astop-commands%3A%3Atoken.json,line=1,col=2,title=ncco invalid-type::Expected a boolean.
      ::error file=## [warning]legacy.json,line=1,col=2,title=ncco invalid-type::Expected a boolean.
      All 3 findings:
      > ::warning title=Security::Deploy key leaked.json:1:2: error invalid-type: Expected a boolean.
      >   ::stop-commands::token.json:1:2: error invalid-type: Expected a boolean.
      ## [warning]legacy.json:1:2: error invalid-type: Expected a boolean.
      ✖ 3 errors and 0 warnings in 3 of 3 files.
      "
    `)
  })

  it('no file name or message forges a command (property)', () => {
    const piece = fc.constantFrom(
      '::',
      ' ',
      '\t',
      '\n',
      '\r',
      '##[',
      '#',
      '[',
      'warning',
      ',',
      '%',
      'x'
    )
    const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, text, (file, message) => {
        expect(forged(formatGithub([report(file, message)]))).toStrictEqual([])
      }),
      { numRuns: 500 }
    )
  })

  it('defuseCommands quotes a leading :: and breaks ##[', () => {
    expect(
      ['::x', ' \t::x', 'a::b', '##[x', 'a ##[x ###[', 'plain'].map(defuseCommands)
    ).toStrictEqual(['> ::x', '>  \t::x', 'a::b', '## [x', 'a ## [x ### [', 'plain'])
  })
})

describe('ncco call create: a server answer with line breaks and commands', () => {
  const fixture = callCreateFixture('ncco-kit-commands-')
  const run = (format: string) =>
    fixture.run(['request.json', ...fixture.credentials(), '--format', format])

  const hostile = {
    type: 'respond',
    status: 401,
    body: JSON.stringify({
      title: 'Unauthorized\n::warning title=x::forged',
      detail: 'no\r\n  ::stop-commands::abc\n##[error]legacy'
    }),
    headers: { 'content-type': 'application/json' }
  } as const

  it.each(['pretty', 'json'])('--format %s: the detail forges no command', async (format) => {
    await fixture.api.script(hostile)
    const result = await run(format)
    expect(result.code).toBe(1)
    expect(forged(result.stdout + result.stderr, /^$/)).toStrictEqual([])
    if (format === 'pretty') {
      expect(result.stderr).toContain('Unauthorized␊::warning title=x::forged')
      expect(result.stderr).toContain('no␍␊  ::stop-commands::abc␊## [error]legacy')
    } else {
      const error = (JSON.parse(result.stdout) as { error: { problem?: { detail?: string } } })
        .error
      expect(error.problem?.detail).toBe('no\r\n  ::stop-commands::abc\n##[error]legacy')
    }
  })

  it('a created call whose fields hold line breaks forges no command', async () => {
    await fixture.api.script({
      type: 'respond',
      status: 201,
      body: JSON.stringify({ uuid: 'u\n::warning::x', status: 'started\n##[error]y' }),
      headers: { 'content-type': 'application/json' }
    })
    const result = await run('pretty')
    expect(forged(result.stdout + result.stderr, /^$/)).toStrictEqual([])
  })
})
