// Bundles the built CLI (dist/cli/bin.js and what it imports, fp-ts and io-ts included) into
// dist/cli/bin.js and its chunks: one ESM file to load instead of ~60 modules, two of them
// CommonJS. Commands and the YAML reader stay separate chunks, loaded when used. Run after tsc:
// `node scripts/bundle-cli.mjs [dist]`.
import { build } from 'esbuild'
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const dist = resolve(process.argv[2] ?? 'dist')
const out = mkdtempSync(join(tmpdir(), 'ncco-cli-'))
await build({
  entryPoints: [join(dist, 'cli', 'bin.js')],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: out,
  // The CommonJS packages inside (yaml) require Node's modules: give them a require.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
  },
  logLevel: 'warning'
})
for (const file of readdirSync(out)) renameSync(join(out, file), join(dist, 'cli', file))
rmSync(out, { recursive: true, force: true })
console.log(`bundled ${join(dist, 'cli', 'bin.js')}`)
