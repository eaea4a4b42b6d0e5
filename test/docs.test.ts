/**
 * The committed derived files agree with the descriptions they come from: a field or a code
 * added in src/ without `npm run docs` fails here, and so does a hand edit of a generated file.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { issueCatalog } from '../src/index.js'
import {
  CODES_END,
  CODES_START,
  fieldsMarkdown,
  schemaFile,
  schemaKinds,
  withCodesTable,
  withWebhookTables
} from '../scripts/generated.js'

const readme = readFileSync('README.md', 'utf8')

describe('generated documentation', () => {
  it('docs/fields.md is up to date', () => {
    expect(readFileSync('docs/fields.md', 'utf8')).toBe(fieldsMarkdown())
  })

  it('the README code table is up to date', () => {
    expect(readme).toBe(withCodesTable(readme))
  })

  it('every code has exactly one README row and every row is a code', () => {
    const table = readme.slice(readme.indexOf(CODES_START), readme.indexOf(CODES_END))
    const rowCodes = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1])
    expect(rowCodes.sort()).toEqual(Object.keys(issueCatalog).sort())
  })

  it('the webhook field tables of docs/webhooks.md are up to date', () => {
    const doc = readFileSync('docs/webhooks.md', 'utf8')
    expect(doc).toBe(withWebhookTables(doc))
  })

  it('the shipped schemas are up to date', () => {
    for (const kind of schemaKinds) {
      expect(readFileSync(`schema/${kind}.json`, 'utf8')).toBe(schemaFile(kind))
    }
  })
})
