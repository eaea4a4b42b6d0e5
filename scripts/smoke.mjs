// Smoke test of the BUILT package: imports resolve under plain Node ESM (an fp-ts import that
// passes tsc can still crash here), the validator runs, and the CLI binary starts.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const kit = await import('ncco-kit')

const ok = kit.validateNcco([{ action: 'talk', text: 'Hello from the built package' }])
assert.equal(ok._tag, 'Right', 'a valid NCCO validates')

const bad = kit.validateNcco([{ action: 'tlak', text: 'x' }])
assert.equal(bad._tag, 'Left')
assert.deepEqual(
  bad.left.map((i) => [i.code, i.path, i.hint]),
  [['unknown-action', '/0/action', 'did you mean "talk"?']]
)

const decoded = kit.TalkAction.decode({ action: 'talk', text: 'io-ts decode works' })
assert.equal(decoded._tag, 'Right', 'codecs are io-ts types')

if (existsSync('dist/cli/bin.js')) {
  const out = execFileSync(process.execPath, ['dist/cli/bin.js', '--version'], { encoding: 'utf8' })
  assert.match(out, /\d+\.\d+\.\d+/)
}

console.log('smoke: built package imports and runs')
