// Writes the files derived from the field descriptions: docs/fields.md, the README's code
// table and schema/*.json. test/docs.test.ts fails when one of them is out of date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import {
  fieldsMarkdown,
  schemaFile,
  schemaKinds,
  withCodesTable,
  withWebhookTables
} from './generated.js'

mkdirSync('docs', { recursive: true })
writeFileSync('docs/fields.md', fieldsMarkdown())
writeFileSync('README.md', withCodesTable(readFileSync('README.md', 'utf8')))
writeFileSync('docs/webhooks.md', withWebhookTables(readFileSync('docs/webhooks.md', 'utf8')))
mkdirSync('schema', { recursive: true })
for (const kind of schemaKinds) writeFileSync(`schema/${kind}.json`, schemaFile(kind))
console.log(
  'wrote docs/fields.md, the README code table, the webhook field tables and schema/*.json'
)
