// Writes src/generated/validators.ts, the compiled validators, from the field descriptions.
// test/compiled/generated.test.ts fails when the checked-in file is out of date.
import { mkdirSync, writeFileSync } from 'node:fs'
import { COMPILED_FILE, compiledValidatorsSource } from './compiled.js'

mkdirSync('src/generated', { recursive: true })
writeFileSync(COMPILED_FILE, await compiledValidatorsSource())
console.log(`wrote ${COMPILED_FILE}`)
