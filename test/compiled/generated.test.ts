/**
 * The checked-in compiled validators are what the generator writes from today's field
 * descriptions: a field, rule or constructor changed in src/ without `npm run generate` fails
 * here, and so does a hand edit of src/generated/validators.ts.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMPILED_FILE, compiledValidatorsSource } from '../../scripts/compiled.js'

describe('src/generated/validators.ts', () => {
  it('is up to date (run `npm run generate`)', async () => {
    expect(readFileSync(COMPILED_FILE, 'utf8')).toBe(await compiledValidatorsSource())
  })

  it('generates no code at run time', () => {
    const source = readFileSync(COMPILED_FILE, 'utf8')
    expect(source).not.toMatch(/\beval\s*\(|new Function\b|\bFunction\s*\(/)
  })
})
