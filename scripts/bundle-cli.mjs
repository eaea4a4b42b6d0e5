// Bundles the built CLI (dist/cli/bin.js and what it imports) into dist/cli/bin.js and its
// chunks: a few ESM files to load instead of ~60 modules. fp-ts and io-ts are bundled too:
// Node loads their CommonJS builds through its ESM loader, which lexes every module of theirs
// for its export names, and that was about a quarter of a short run. Every other package stays
// a plain import, as tsc leaves it (some read files next to their own code, such as bullmq's
// Lua scripts). Commands and the YAML reader stay separate chunks, loaded when used. Run once,
// after tsc: `node scripts/bundle-cli.mjs [dist]`.
import { build } from 'esbuild'
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const dist = resolve(process.argv[2] ?? 'dist')
const entry = join(dist, 'cli', 'bin.js')
const banner =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
if (readFileSync(entry, 'utf8').includes('__createRequire')) {
  throw new Error(`${entry} is already a bundle: run tsc first`)
}

/** Bare imports other than fp-ts and io-ts stay imports. */
const onlyFpTsAndIoTs = {
  name: 'only-fp-ts-and-io-ts',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      /^(fp-ts|io-ts)(\/|$)/.test(args.path) ? undefined : { path: args.path, external: true }
    )
  }
}

// Inside dist, so that the files are moved, not copied across file systems.
const out = mkdtempSync(join(dist, '.bundle-'))
await build({
  entryPoints: [entry],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: out,
  plugins: [onlyFpTsAndIoTs],
  // The CommonJS code inside (fp-ts, io-ts) gets a `require`, should it ever call one.
  banner: { js: banner },
  logLevel: 'error'
})
for (const file of readdirSync(out)) renameSync(join(out, file), join(dist, 'cli', file))
// The bundle ships without source maps (fp-ts and io-ts have none to chain to); tsc's map of
// the entry described the file the bundle replaced.
rmSync(`${entry}.map`, { force: true })
rmSync(out, { recursive: true, force: true })
console.log(`bundled ${entry}`)
