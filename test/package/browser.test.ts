/**
 * The root entry where answer webhooks also run: browsers, Workers, Deno. esbuild bundles the
 * installed package for the browser (a `node:` import anywhere in the root entry's graph fails
 * the build), the bundle of the whole root entry then runs under Node with Node's own globals
 * watched (it places a call, signing the JWT with Web Crypto, and plays a signed call through
 * the Fetch handler, and must not touch `process`, `Buffer` or another Node global), and its declarations type-check with the DOM library and no Node types.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, type BuildResult, type Metafile } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
let consumer = ''
beforeAll(async () => {
  packed = await packPackage()
  consumer = await makeConsumer(packed, 'browser', { type: 'module', files: {} })
}, 180_000)
afterAll(() => cleanUp(packed))

const bundle = (
  contents: string,
  outfile: string
): Promise<BuildResult<{ metafile: true; write: true }>> =>
  build({
    stdin: { contents, resolveDir: consumer, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    outfile: join(consumer, outfile),
    metafile: true,
    write: true,
    logLevel: 'silent'
  })

/**
 * What a bundle still imports from outside itself (a module left external, such as a `node:`
 * builtin esbuild was told to keep), and any `node:` module it was made of.
 */
const leaks = (metafile: Metafile) => ({
  imports: Object.values(metafile.outputs).flatMap((o) => o.imports.map((i) => i.path)),
  nodeInputs: Object.keys(metafile.inputs).filter((path) => path.startsWith('node:'))
})

describe('the root entry bundled for the browser', () => {
  it('bundles the builders, validator, webhooks, signatures, handler and simulator', async () => {
    const result = await bundle(
      `import { ncco, talk, input, validateNcco, decodeWebhook, webhookHandler, verifyWebhookSignature, simulateCall } from 'ncco-kit'
console.log(ncco, talk, input, validateNcco, decodeWebhook, webhookHandler, verifyWebhookSignature, simulateCall)`,
      'webhook-app.js'
    )
    expect([result.errors, result.warnings]).toEqual([[], []])
    expect(leaks(result.metafile)).toEqual({ imports: [], nodeInputs: [] })
    expect(
      Object.keys(result.metafile.inputs).filter((path) =>
        path.endsWith('node_modules/ncco-kit/dist/index.js')
      )
    ).toHaveLength(1)
  }, 60_000)

  it('the whole root entry, sender included, runs on Web APIs alone: a call, a signed simulated call', async () => {
    const result = await bundle(`export * from 'ncco-kit'`, 'kit.js')
    expect([result.errors, result.warnings]).toEqual([[], []])
    expect(leaks(result.metafile)).toEqual({ imports: [], nodeInputs: [] })
    writeFileSync(join(consumer, 'run.js'), driver)
    writeFileSync(join(consumer, 'probe-kit.js'), 'export const probe = typeof Buffer\n')
    const output = succeeded('the bundle', await run(node, ['run.js'], { cwd: consumer }))
    expect(JSON.parse(output)).toEqual({
      probe: ['Buffer'],
      nodeGlobals: [],
      call: { status: 201, uuid: 'u-1' },
      sent: [
        {
          path: '/v1/calls',
          verified: true,
          claims: ['application_id', 'exp', 'iat', 'jti'],
          body: {
            to: [{ type: 'phone', number: '447700900001' }],
            from: { type: 'phone', number: '447700900000' },
            ncco: [{ action: 'talk', text: 'Hi from a bundle' }]
          }
        }
      ],
      rootWithPath: 'privateKey',
      signature: 'Right',
      simulated: { ok: true, findings: [] }
    })
  }, 60_000)

  it('its declarations type-check with the DOM library and without @types/node', async () => {
    writeFileSync(
      join(consumer, 'worker.ts'),
      `import { createClient, ncco, simulateCall, talk, webhookHandler, type Ncco } from 'ncco-kit'

const menu: Ncco = ncco(talk('Hello from a Worker')).buildOrThrow()
const client = createClient({ applicationId: 'app', privateKey: '-----BEGIN PRIVATE KEY-----' })
export const placed: boolean = client._tag === 'Right'
export const transcript = simulateCall({ ncco: menu })
export default { fetch: webhookHandler({ answer: () => menu }) }
`
    )
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2022', 'dom', 'dom.iterable'],
          types: []
        },
        files: ['worker.ts']
      })
    )
    succeeded(
      'tsc (DOM, no Node types)',
      await run(node, [tool('tsc'), '-p', 'tsconfig.json'], { cwd: consumer, timeoutMs: 60_000 })
    )
  }, 90_000)
})

/**
 * Runs the bundle and records every use it makes of Node's own globals (there must be none).
 * Only this driver uses Node: a fake Voice API that checks the RS256 signature of each token.
 */
const driver = `
import { Buffer } from 'node:buffer'
import { createVerify, generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:http'
import process from 'node:process'

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const sent = []
const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const [header, payload, signature] = String(request.headers.authorization).slice(7).split('.')
    sent.push({
      path: request.url,
      verified: createVerify('RSA-SHA256')
        .update(header + '.' + payload)
        .verify(keys.publicKey, Buffer.from(signature, 'base64url')),
      claims: Object.keys(JSON.parse(Buffer.from(payload, 'base64url').toString())).sort(),
      body: JSON.parse(Buffer.concat(chunks).toString())
    })
    response.writeHead(201, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ uuid: 'u-1', status: 'started', direction: 'outbound', conversation_uuid: 'CON-1' }))
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const baseUrl = 'http://127.0.0.1:' + server.address().port

// Node's own fetch still needs them, so they stay, but any use from the bundle is recorded.
const touched = new Set()
for (const name of ['process', 'Buffer', 'global', 'setImmediate', 'clearImmediate', 'require']) {
  const value = globalThis[name]
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      // The frame that read the global: the bundle itself, not Node code that it called.
      const caller = (new Error().stack ?? '').split('\\n')[2] ?? ''
      if (caller.includes('kit.js')) touched.add(name)
      return value
    }
  })
}
const out = {}

// The trap works: a module whose name ends in kit.js and reads Buffer is caught.
await import('./probe-kit.js')
out.probe = [...touched]
touched.clear()

try {
  const kit = await import('./kit.js')
  // PKCS#1, the older of the two encodings: it is wrapped into PKCS#8 for Web Crypto.
  const privateKey = keys.privateKey.export({ type: 'pkcs1', format: 'pem' })
  const client = kit.createClient({ applicationId: 'app-1', privateKey, baseUrl, limiter: false })
  const created = await client.right.createCallV1OrThrow(
    kit.callV1().to(kit.phone('447700900001')).from('447700900000').ncco(kit.ncco(kit.talk('Hi from a bundle')))
  )
  out.call = { status: created.status, uuid: created.call.uuid }
  out.sent = sent
  const withPath = kit.createClient({ applicationId: 'app-1', privateKey: 'private.key' })
  out.rootWithPath = withPath._tag === 'Left' ? withPath.left[0].option : 'a client'

  const secret = 'a-signature-secret-of-32-characters'
  const body = JSON.stringify({ uuid: 'u-1', conversation_uuid: 'CON-1', status: 'answered' })
  const authorization = await kit.signWebhook({ method: 'POST', body }, { secret })
  out.signature = (await kit.verifyWebhookSignature({ method: 'POST', authorization, rawBody: body }, { secret }))._tag

  const handler = kit.webhookHandler(
    { answer: () => kit.ncco(kit.talk('Welcome')) },
    { signatureSecret: secret }
  )
  const transcript = await kit.simulateCall({
    answerUrl: 'http://app.test/answer',
    eventUrl: 'http://app.test/event',
    fetch: handler,
    signatureSecret: secret,
    seed: 1
  })
  out.simulated = { ok: transcript.ok, findings: transcript.findings }
} finally {
  server.close()
}
out.nodeGlobals = [...touched]
console.log(JSON.stringify(out))
process.exitCode = 0
`
