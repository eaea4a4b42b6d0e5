/**
 * The github format with nothing to report (src/cli/format-github.ts): no annotation, no
 * "All N findings" heading, only the summary line.
 */
import { describe, expect, it } from 'vitest'
import { formatGithub } from '../../src/cli/format-github.js'

describe('formatGithub with zero findings', () => {
  it('no files', () => {
    expect(formatGithub([])).toMatchInlineSnapshot(`
      "✔ 0 files valid.
      "
    `)
  })

  it('two valid files', () => {
    expect(
      formatGithub([
        { file: 'a.json', relativePath: 'a.json', kind: 'ncco', issues: [] },
        { file: 'b.json', relativePath: 'b.json', kind: 'ncco', issues: [] }
      ])
    ).toMatchInlineSnapshot(`
      "✔ 2 files valid.
      "
    `)
  })
})

describe('formatGithub: the heading of the full list', () => {
  const report = (n: number) => ({
    file: 'a.json',
    relativePath: 'a.json',
    kind: 'ncco' as const,
    issues: Array.from({ length: n }, (_, i) => ({
      code: 'invalid-type' as const,
      severity: 'error' as const,
      path: `/${i}`,
      message: 'Expected an object.',
      line: i + 1,
      column: 1
    }))
  })
  const headings = (n: number) =>
    formatGithub([report(n)])
      .split('\n')
      .filter((l) => l.startsWith('All '))

  it('one finding: "All 1 finding:"', () => {
    expect(headings(1)).toStrictEqual(['All 1 finding:'])
  })

  it('ten findings: GitHub shows them all, so no note', () => {
    expect(headings(10)).toStrictEqual(['All 10 findings:'])
  })

  it('eleven findings: the note that GitHub shows ten', () => {
    expect(headings(11)).toStrictEqual([
      'All 11 findings (GitHub shows at most 10 annotations per step):'
    ])
  })
})
