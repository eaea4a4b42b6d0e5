/**
 * The packed tarball in the projects users have: an ESM app, a CommonJS app (`require`, as most
 * Express answer-webhook apps are), and TypeScript CommonJS code (`.cts`) under the two module
 * settings such projects use. Each consumer runs as a child process of plain Node, with no
 * tsx or vitest in between, so an export map or an import that only the tooling resolves
 * fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as sourceRoot from '../../src/index.js'
import * as sourceNode from '../../src/node.js'
import {
  cleanUp,
  makeConsumer,
  node,
  packPackage,
  run,
  succeeded,
  tool,
  type Packed
} from './packed.js'

let packed: Packed | undefined
beforeAll(async () => {
  packed = await packPackage()
}, 180_000)
afterAll(() => cleanUp(packed))

const surface = {
  root: Object.keys(sourceRoot).sort(),
  node: Object.keys(sourceNode).sort()
}

const answerQuery = 'to=447700900000&from=447700900001&uuid=u-1&conversation_uuid=CON-1'

/** Shared by the ESM and CommonJS apps: what a webhook app and a sender do first. */
const exercise = `
  const out = {}
  out.root = Object.keys(kit).sort()
  out.node = Object.keys(nodeKit).sort()

  const menu = kit.ncco(kit.talk('Press 1').bargeIn(true), kit.input.dtmf({ maxDigits: 1 }))
  out.valid = kit.validateNcco(menu.buildOrThrow())._tag
  out.invalid = kit.validateNcco([{ action: 'tlak' }]).left.map((i) => i.code)

  // an answer webhook served from node:http, as an Express app serves it
  const handler = kit.webhookHandler({ answer: (w) => kit.ncco(kit.talk('Hello ' + w.to)) })
  const server = http.createServer(nodeKit.toNodeListener(handler))
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const answer = await fetch('http://127.0.0.1:' + server.address().port + '/answer?${answerQuery}')
  out.answer = { status: answer.status, body: await answer.json() }
  await new Promise((resolve) => server.close(resolve))

  // a call: the Node client reads the key file, the sandbox checks the RS256 token
  const keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  fs.writeFileSync('private.key', keys.privateKey.export({ type: 'pkcs8', format: 'pem' }))
  const sandbox = await nodeKit.startSandbox({
    publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' })
  })
  try {
    const options = { applicationId: 'app-1', privateKey: 'private.key', baseUrl: sandbox.url, limiter: false }
    const client = nodeKit.createClientOrThrow(options)
    const request = kit.callV1().to(kit.phone('+44 7700 900001')).from('447700900000').ncco(menu)
    const created = await client.createCallV1OrThrow(request)
    out.call = { status: created.status, attempts: created.attempts, uuid: typeof created.call.uuid }
    const refused = await client.createCallV1OrThrow({ to: [] }).catch((e) => e)
    out.refused = {
      name: refused.name,
      kind: refused.failure.kind,
      sameClass: typeof kit.CreateCallError === 'function' && refused instanceof kit.CreateCallError
    }
    const root = kit.createClient(options)
    out.rootWithPath = root._tag === 'Left' ? root.left.map((p) => p.message) : 'a client'
  } finally {
    await sandbox.close()
  }
  console.log(JSON.stringify(out))
`

const expectedRun = {
  root: surface.root,
  node: surface.node,
  valid: 'Right',
  invalid: ['unknown-action'],
  answer: { status: 200, body: [{ action: 'talk', text: 'Hello 447700900000' }] },
  call: { status: 201, attempts: 1, uuid: 'string' },
  refused: { name: 'CreateCallError', kind: 'invalid-request', sameClass: true },
  rootWithPath: [
    'privateKey must be PEM text, got what looks like a file path ("private.key"); to read a key file, use createClient from "ncco-kit/node", or pass the file\'s text.'
  ]
}

describe('the packed package in consumer projects', () => {
  it('ESM: import of both entries; webhook app, sandbox call and key file work', async () => {
    const dir = await makeConsumer(packed!, 'esm', {
      type: 'module',
      files: {
        'app.js': `
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as kit from 'ncco-kit'
import * as nodeKit from 'ncco-kit/node'
${exercise}`
      }
    })
    const output = succeeded('the ESM app', await run(node, ['app.js'], { cwd: dir }))
    expect(JSON.parse(output)).toEqual(expectedRun)
  }, 60_000)

  it('CommonJS: require of both entries gives the same exports, one module graph, no warning', async () => {
    const dir = await makeConsumer(packed!, 'cjs', {
      type: 'commonjs',
      files: {
        'app.js': `
'use strict'
const crypto = require('node:crypto')
const fs = require('node:fs')
const http = require('node:http')
const kit = require('ncco-kit')
const nodeKit = require('ncco-kit/node')
const main = async () => {
  if (require('ncco-kit') !== kit) throw new Error('require gave two module objects')
  ${exercise}
}
main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})`
      }
    })
    const result = await run(node, ['app.js'], { cwd: dir })
    expect(JSON.parse(succeeded('the CommonJS app', result))).toEqual(expectedRun)
    // Node 20.19+ loads the ESM build through require() without an experimental warning.
    expect(result.stderr).toBe('')
  }, 60_000)

  it('TypeScript .cts: type-checks under module node20 and commonjs, and runs', async () => {
    const app = `
import { createServer } from 'node:http'
import { createClient, input, ncco, talk, validateNcco, webhookHandler, type Ncco } from 'ncco-kit'
import { createClient as createNodeClient, toNodeListener } from 'ncco-kit/node'

const menu: Ncco = ncco(talk('Press 1').bargeIn(true), input.dtmf({ maxDigits: 1 })).buildOrThrow()
// @ts-expect-error bargeIn takes a boolean: the types are real, not any
talk('Hello').bargeIn('yes')
const checked = validateNcco(menu)
const warnings: number = checked._tag === 'Right' ? checked.right.warnings.length : -1
const server = createServer(toNodeListener(webhookHandler({ answer: () => menu })))
const root = createClient({ applicationId: 'app', privateKey: 'missing.key' })
const fromFile = createNodeClient({ applicationId: 'app', privateKey: 'missing.key' })
console.log(
  JSON.stringify({
    actions: menu.map((action) => action.action),
    warnings,
    listening: server.listening,
    root: root._tag === 'Left' ? root.left[0].option : 'client',
    fromFile: fromFile._tag === 'Left' ? fromFile.left[0].message : 'client'
  })
)
`
    // skipLibCheck as most projects have it; browser.test.ts checks the declarations themselves.
    const compilerOptions = {
      strict: true,
      skipLibCheck: true,
      target: 'es2022',
      lib: ['es2023'],
      types: ['node'],
      rootDir: 'src'
    }
    const dir = await makeConsumer(packed!, 'cts', {
      type: 'commonjs',
      extra: ['@types/node', 'undici-types'],
      files: {
        'src/app.cts': app,
        'tsconfig.node20.json': JSON.stringify({
          compilerOptions: { ...compilerOptions, module: 'node20', outDir: 'out-node20' },
          include: ['src']
        }),
        'tsconfig.commonjs.json': JSON.stringify({
          compilerOptions: {
            ...compilerOptions,
            module: 'commonjs',
            moduleResolution: 'node10',
            outDir: 'out-commonjs'
          },
          include: ['src']
        })
      }
    })
    const builds = await Promise.all(
      ['node20', 'commonjs'].map((config) =>
        run(node, [tool('tsc'), '-p', `tsconfig.${config}.json`], { cwd: dir, timeoutMs: 60_000 })
      )
    )
    builds.forEach((build, i) => succeeded(`tsc (${['node20', 'commonjs'][i]})`, build))
    const expected = {
      actions: ['talk', 'input'],
      warnings: 0,
      listening: false,
      root: 'privateKey',
      fromFile:
        'Cannot read the private key file "missing.key" (ENOENT); privateKey must be PEM text or the path of a file holding it.'
    }
    for (const out of ['out-node20', 'out-commonjs']) {
      const output = succeeded(out, await run(node, [`${out}/app.cjs`], { cwd: dir }))
      expect(JSON.parse(output)).toEqual(expected)
    }
  }, 120_000)
})
