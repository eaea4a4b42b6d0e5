// Smoke test of the BUILT package: imports resolve under plain Node ESM (an fp-ts import that
// passes tsc can still crash here) and under require(), the validator runs, and the CLI binary
// validates and prints a schema.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const kit = await import('ncco-kit')

// CommonJS: require() loads the same ESM build (Node 20.19+), with the same exports.
const require = createRequire(import.meta.url)
assert.deepEqual(Object.keys(require('ncco-kit')).sort(), Object.keys(kit).sort())
assert.equal(require('ncco-kit'), kit, 'require() and import give one module')

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

const answer = kit.decodeWebhook(
  'answer',
  new URLSearchParams(
    'to=447700900000&uuid=a1&conversation_uuid=CON-1&custom_data=%7B%22n%22%3A1%7D'
  )
)
assert.equal(answer._tag, 'Right', 'the answer webhook decodes')
assert.deepEqual(answer.right.custom_data, { n: 1 })

const handler = kit.webhookHandler({ answer: () => [{ action: 'talk', text: 'Hi' }] })
const reply = await handler(
  new Request('http://localhost/answer?to=1&uuid=a1&conversation_uuid=CON-1')
)
assert.equal(reply.status, 200)
assert.deepEqual(await reply.json(), [{ action: 'talk', text: 'Hi' }])

const transcript = await kit.simulateCall({
  answerUrl: 'http://app.test/answer',
  fetch: handler,
  seed: 1
})
assert.equal(transcript.ok, true, 'a simulated call runs through the handler in-process')

const node = await import('ncco-kit/node')
assert.equal(typeof node.toNodeListener, 'function')
assert.deepEqual(Object.keys(require('ncco-kit/node')).sort(), Object.keys(node).sort())

// The root client takes PEM text; the one from ncco-kit/node also reads a key file.
const missingKey = { applicationId: 'app', privateKey: 'no/such/private.key' }
assert.match(kit.createClient(missingKey).left[0].message, /^privateKey must be PEM text/)
assert.match(node.createClient(missingKey).left[0].message, /^Cannot read the private key file/)
const sandbox = await node.startSandbox({ noAuth: true })
assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/)
await sandbox.close()

assert.ok(existsSync('dist/cli/bin.js'), 'the CLI is built')
const version = execFileSync(process.execPath, ['dist/cli/bin.js', '--version'], {
  encoding: 'utf8'
})
assert.equal(version.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version)
const report = JSON.parse(
  execFileSync(
    process.execPath,
    ['dist/cli/bin.js', 'validate', '--format', 'json', 'examples/ncco/ivr-menu.json'],
    { encoding: 'utf8' }
  )
)
assert.deepEqual(report.summary, { files: 1, errors: 0, warnings: 0 })
const schema = JSON.parse(
  execFileSync(process.execPath, ['dist/cli/bin.js', 'schema'], { encoding: 'utf8' })
)
assert.equal(schema.type, 'array')

console.log('smoke: built package imports and runs')
