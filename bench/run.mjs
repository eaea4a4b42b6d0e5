// `npm run bench`: the validator against the anchors it should beat, every figure a ratio to an
// anchor measured in the same run (these machines are shared, so absolute times are context):
// - in one process, with interleaved rounds and medians: the compiled validator (what
//   `validateNcco` runs), the interpreter alone, `Ncco.is` (the generated checker, verdict
//   only), ajv with the generated schema (all errors, and first error), TypeBox's compiled
//   checker, and JSON.parse of the same bytes; valid and invalid NCCOs of 10, 100, 1,000 and
//   100,000 actions;
// - as processes: `ncco validate` against ajv-cli with the same schema on 1,000 files (valid
//   and invalid) and on one 50 MB file (time and peak memory), and `ncco --version` against
//   `node -e 0`.
// It prints one table and writes bench/results.json. NCCO_BENCH_DIST names the build to
// measure (default dist/); `--quick` measures a little of everything, fast (a smoke run), and
// `--cli` the processes only.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { makeNcco, smallNcco } from './documents.mjs'
import { typeboxOf } from './typebox.mjs'

const quick = process.argv.includes('--quick')
// `--cli`: the process comparisons only (to measure a different build of the CLI).
const cliOnly = process.argv.includes('--cli')
const DIST = resolve(process.env.NCCO_BENCH_DIST ?? 'dist')
const load = (path) => import(pathToFileURL(join(DIST, path)).href)

const { validateNcco, jsonSchema } = await load('index.js')
const { interpretedValidatorFor } = await load('validate.js')
const { Ncco } = await load('ncco/ncco.js')
const { formats } = await load('internal/formats.js')
const { editorKeywords } = await load('schema.js')
const interpreted = interpretedValidatorFor(Ncco)
// The codecs' `is` runs the generated checker once the generated module has loaded (it has:
// index.js loads it); without it, the row below would time the interpreter.
if (Ncco.guard === undefined) throw new Error('Ncco.is is not the compiled one')

// -------------------------------------------------------------------------------------
// measuring
// -------------------------------------------------------------------------------------

const ROUNDS = quick ? 3 : 9
const BATCH_MS = quick ? 5 : 40

const now = () => process.hrtime.bigint()
const msSince = (t0) => Number(now() - t0) / 1e6

/** How many calls make a batch of at least BATCH_MS (this also warms the function up). */
const calibrate = (fn) => {
  let n = 1
  for (;;) {
    const t0 = now()
    for (let i = 0; i < n; i++) fn()
    const ms = msSince(t0)
    if (ms >= BATCH_MS) return n
    n = ms < 0.5 ? n * 10 : Math.ceil((n * BATCH_MS * 1.2) / ms)
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/**
 * Nanoseconds per call of each contender: ROUNDS rounds, each timing one batch of every
 * contender in turn (the order rotates from round to round), and the median of the rounds.
 */
const compare = (contenders) => {
  const batches = contenders.map((c) => calibrate(c.fn))
  const samples = contenders.map(() => [])
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + r) % contenders.length
      const { fn } = contenders[i]
      const n = batches[i]
      const t0 = now()
      for (let j = 0; j < n; j++) fn()
      samples[i].push((msSince(t0) * 1e6) / n)
    }
  }
  return Object.fromEntries(contenders.map((c, i) => [c.name, median(samples[i])]))
}

// -------------------------------------------------------------------------------------
// the library, in one process
// -------------------------------------------------------------------------------------

const ajvWith = (allErrors) => {
  const ajv = new Ajv2020({ allErrors, strict: true, strictRequired: false })
  ajv.addVocabulary([...editorKeywords])
  return ajv.compile(jsonSchema('ncco'))
}
const ajvAll = ajvWith(true)
const ajvFirst = ajvWith(false)
const typebox = typeboxOf(Ncco, formats)

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

const SIZES = cliOnly ? [] : quick ? [10, 100, 1000] : [10, 100, 1000, 100_000]
const library = []
for (const invalid of [false, true]) {
  for (const actions of SIZES) {
    const doc = makeNcco(actions, { invalid })
    const text = JSON.stringify(doc)
    // Every contender gives the expected verdict, and both readings the same findings.
    const ours = validateNcco(doc)
    const verdicts = [
      ours._tag === 'Right',
      Ncco.is(doc),
      ajvAll(doc),
      ajvFirst(doc),
      typebox.Check(doc)
    ]
    if (verdicts.some((v) => v === invalid)) {
      throw new Error(`${actions} actions, invalid ${invalid}: verdicts ${verdicts}`)
    }
    if (!same(ours, interpreted(doc))) throw new Error(`${actions} actions: the readings differ`)
    const ns = compare([
      { name: 'ncco-kit', fn: () => validateNcco(doc) },
      { name: 'interpreter', fn: () => interpreted(doc) },
      { name: 'Ncco.is', fn: () => Ncco.is(doc) },
      { name: 'ajv allErrors', fn: () => ajvAll(doc) },
      { name: 'ajv first error', fn: () => ajvFirst(doc) },
      { name: 'TypeBox', fn: () => typebox.Check(doc) },
      { name: 'JSON.parse', fn: () => JSON.parse(text) }
    ])
    library.push({
      actions,
      valid: !invalid,
      bytes: Buffer.byteLength(text),
      findings: ours._tag === 'Left' ? ours.left.length : ours.right.warnings.length,
      ns
    })
    process.stderr.write(`measured ${invalid ? 'invalid' : 'valid'} NCCO of ${actions} actions\n`)
  }
}

// -------------------------------------------------------------------------------------
// the CLI, as processes
// -------------------------------------------------------------------------------------

const TIME = '/usr/bin/time'
const work = mkdtempSync(join(tmpdir(), 'ncco-kit-bench-'))
const bin = join(DIST, 'cli', 'bin.js')
// Which CLI was measured: as tsc leaves it, or bundled by scripts/bundle-cli.mjs.
const cliBuild = readFileSync(bin, 'utf8').includes('__createRequire') ? 'bundled' : 'tsc'
const ajvCli = resolve('node_modules/ajv-cli/dist/index.js')
const schemaFile = join(work, 'ncco.schema.json')
writeFileSync(schemaFile, JSON.stringify(jsonSchema('ncco')))
const keywordsModule = join(work, 'editor-keywords.cjs')
writeFileSync(
  keywordsModule,
  `module.exports = (ajv) => ajv.addVocabulary(${JSON.stringify(editorKeywords)})\n`
)

const ours = (target) => [process.execPath, bin, 'validate', '--kind', 'ncco', target]
const theirs = (target) => [
  process.execPath,
  ajvCli,
  'validate',
  '-s',
  schemaFile,
  '-d',
  target,
  '-c',
  keywordsModule,
  '--spec=draft2020',
  '--all-errors',
  '--strict-required=false',
  '--errors=text'
]

/** One run of a command: its wall time and, when GNU time is there, its peak RSS. */
const runOnce = ([cmd, ...args], expectedStatus) => {
  const memoryFile = join(work, 'rss')
  const withTime = existsSync(TIME)
  const t0 = now()
  const r = withTime
    ? spawnSync(TIME, ['-f', '%M', '-o', memoryFile, cmd, ...args], { stdio: 'ignore', cwd: work })
    : spawnSync(cmd, args, { stdio: 'ignore', cwd: work })
  const ms = msSince(t0)
  if (r.status !== expectedStatus) {
    throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}, not ${expectedStatus}`)
  }
  const rssMb = withTime ? Number(readFileSync(memoryFile, 'utf8').trim()) / 1024 : undefined
  return { ms, rssMb }
}

/** Medians of interleaved runs of two commands. */
const race = (a, b, expectedStatus, rounds) => {
  const runs = { a: [], b: [] }
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? ['a', 'b'] : ['b', 'a']) {
      runs[which].push(runOnce(which === 'a' ? a : b, expectedStatus))
    }
  }
  const sum = (xs) => ({
    ms: median(xs.map((x) => x.ms)),
    rssMb: xs[0].rssMb === undefined ? undefined : median(xs.map((x) => x.rssMb))
  })
  return { ours: sum(runs.a), theirs: sum(runs.b) }
}

const FILES = quick ? 50 : 1000
const corpus = (invalid) => {
  const dir = join(work, invalid ? 'invalid' : 'valid')
  mkdirSync(dir)
  for (let i = 0; i < FILES; i++) {
    writeFileSync(join(dir, `ncco-${i}.json`), JSON.stringify(smallNcco(i, invalid), null, 2))
  }
  return dir
}

const processes = []
for (const invalid of [false, true]) {
  const dir = corpus(invalid)
  // ajv-cli reads every file: it prints "<file> valid" or "<file> invalid" for each.
  const [cmd, ...args] = theirs(`${dir}/*.json`)
  const out = spawnSync(cmd, args, { cwd: work, encoding: 'utf8' })
  const verdicts = `${out.stdout}${out.stderr}`.match(/ (in)?valid$/gm) ?? []
  if (verdicts.length !== FILES) throw new Error(`ajv-cli read ${verdicts.length} files`)
}
for (const invalid of [false, true]) {
  const dir = join(work, invalid ? 'invalid' : 'valid')
  const r = race(ours(dir), theirs(`${dir}/*.json`), invalid ? 1 : 0, quick ? 1 : 5)
  processes.push({
    name: `${FILES} ${invalid ? 'invalid' : 'valid'} NCCO files`,
    files: FILES,
    valid: !invalid,
    ...r
  })
  process.stderr.write(`measured the CLI on ${FILES} ${invalid ? 'invalid' : 'valid'} files\n`)
}

const bigActions = quick ? 20_000 : 350_000
const big = join(work, 'big.json')
writeFileSync(big, JSON.stringify(makeNcco(bigActions)))
const bigBytes = readFileSync(big).byteLength
{
  const r = race(ours(big), theirs(big), 0, quick ? 1 : 3)
  processes.push({ name: `one ${(bigBytes / 1e6).toFixed(0)} MB NCCO file`, bytes: bigBytes, ...r })
  process.stderr.write('measured the CLI on one large file\n')
}
const cold = race(
  [process.execPath, bin, '--version'],
  [process.execPath, '-e', '0'],
  0,
  quick ? 3 : 15
)
rmSync(work, { recursive: true, force: true })

// -------------------------------------------------------------------------------------
// the table
// -------------------------------------------------------------------------------------

const time = (ns) =>
  ns >= 1e6
    ? `${(ns / 1e6).toFixed(2)} ms`
    : ns >= 1e3
      ? `${(ns / 1e3).toFixed(2)} µs`
      : `${ns.toFixed(0)} ns`
const ratio = (x) => x.toFixed(2)
const rows = []
const goals = []
const row = (measurement, oursText, anchor, anchorText, r, limit) => {
  const holds = limit === undefined ? undefined : r <= limit
  rows.push([
    measurement,
    oursText,
    anchor,
    anchorText,
    ratio(r),
    limit === undefined ? '' : `≤ ${limit}`,
    holds === undefined ? '' : holds ? 'holds' : `missed by ${ratio(r / limit)}×`
  ])
  if (limit !== undefined) goals.push({ measurement, anchor, ratio: r, limit, holds })
}

for (const c of library) {
  // The 100-action case is the base of the linearity row only.
  if (c.actions === 100) continue
  const name = `${c.valid ? 'valid' : 'invalid'} NCCO, ${c.actions.toLocaleString('en')} actions`
  const kit = c.ns['ncco-kit']
  const vs = (anchor, limit) =>
    row(name, time(kit), anchor, time(c.ns[anchor]), kit / c.ns[anchor], limit)
  vs('ajv allErrors', c.valid ? (c.actions <= 1000 ? 0.5 : undefined) : 1.0)
  vs('JSON.parse', c.valid && c.actions <= 1000 ? 0.3 : undefined)
  // On an invalid document these two stop at the first error: their times are in the JSON.
  if (c.valid) {
    vs('ajv first error')
    vs('TypeBox')
  }
  // `is` gives a verdict only: ajv's first-error mode is the check that does as little.
  row(
    `${name}: Ncco.is`,
    time(c.ns['Ncco.is']),
    'ajv first error',
    time(c.ns['ajv first error']),
    c.ns['Ncco.is'] / c.ns['ajv first error']
  )
  row(
    `${name} (interpreter alone)`,
    time(c.ns.interpreter),
    'ajv allErrors',
    time(c.ns['ajv allErrors']),
    c.ns.interpreter / c.ns['ajv allErrors']
  )
}
const perAction = (actions) => {
  const c = library.find((x) => x.valid && x.actions === actions)
  return c === undefined ? undefined : c.ns['ncco-kit'] / actions
}
const largest = SIZES[SIZES.length - 1]
if (largest !== undefined)
  row(
    `ns per action, valid NCCO of ${largest.toLocaleString('en')} actions`,
    `${perAction(largest).toFixed(1)} ns`,
    'the same at 100 actions',
    `${perAction(100).toFixed(1)} ns`,
    perAction(largest) / perAction(100),
    1.5
  )
for (const p of processes) {
  const limit = p.files !== undefined ? 0.6 : 1.5
  row(
    `ncco validate, ${p.name}: time`,
    `${p.ours.ms.toFixed(0)} ms`,
    'ajv-cli',
    `${p.theirs.ms.toFixed(0)} ms`,
    p.ours.ms / p.theirs.ms,
    limit
  )
  if (p.files === undefined && p.ours.rssMb !== undefined) {
    row(
      `ncco validate, ${p.name}: peak RSS`,
      `${p.ours.rssMb.toFixed(0)} MB`,
      'ajv-cli',
      `${p.theirs.rssMb.toFixed(0)} MB`,
      p.ours.rssMb / p.theirs.rssMb,
      2
    )
  }
}
row(
  'ncco --version: cold start',
  `${cold.ours.ms.toFixed(0)} ms`,
  'node -e 0',
  `${cold.theirs.ms.toFixed(0)} ms`,
  cold.ours.ms / cold.theirs.ms,
  1.2
)

const header = ['measurement', 'ncco-kit', 'anchor', 'anchor took', 'ratio', 'goal', '']
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${process.platform}`
const date = new Date().toISOString().slice(0, 10)
const lines = [
  `npm run bench, ${date}, Node ${process.version}, ${machine}, ${cliBuild} CLI${quick ? ' (quick run)' : ''}`,
  `medians of ${ROUNDS} interleaved rounds; ratio = ncco-kit ÷ anchor (below 1: ncco-kit is faster)`,
  '',
  `| ${header.join(' | ')} |`,
  `| ${header.map((h, i) => (i === 0 || i === 2 ? '---' : '---:')).join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`)
]
console.log(lines.join('\n'))

if (!quick && !cliOnly) {
  writeFileSync(
    'bench/results.json',
    JSON.stringify(
      {
        date,
        node: process.version,
        machine,
        cliBuild,
        rounds: ROUNDS,
        library,
        processes,
        coldStart: cold,
        goals
      },
      null,
      2
    ) + '\n'
  )
  console.log('\nwrote bench/results.json')
}
