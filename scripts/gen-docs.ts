// Writes the files derived from the field descriptions: docs/fields.md, the README's code
// table, schema/*.json and the compiled validators. test/docs.test.ts and
// test/compiled/generated.test.ts fail when one of them is out of date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { COMPILED_FILE, compiledValidatorsSource } from './compiled.js'
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
mkdirSync('src/generated', { recursive: true })
writeFileSync(COMPILED_FILE, await compiledValidatorsSource())
console.log(
  `wrote docs/fields.md, the README code table, the webhook field tables, schema/*.json and ${COMPILED_FILE}`
)
await (await import('./gen-builder-docs.js')).writeBuilderDocs()
