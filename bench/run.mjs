// Benchmarks of the built validator, reported as ratios measured in one run against two
// baselines on the same documents: JSON.parse of the same bytes, and ajv with the schema that
// ncco-kit generates. Absolute times are printed for context only: these machines are shared.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { jsonSchema, validateCallV1, validateNcco } from 'ncco-kit'

const ROUNDS = 7
const MIN_ROUND_MS = 150

/** Median over rounds of the time per call, each round long enough to dwarf timer noise. */
const measure = (fn) => {
  let iterations = 1
  for (;;) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) fn()
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (ms >= MIN_ROUND_MS) break
    iterations *= 2
  }
  const perCall = []
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) fn()
    perCall.push(Number(process.hrtime.bigint() - t0) / iterations)
  }
  perCall.sort((a, b) => a - b)
  return perCall[Math.floor(ROUNDS / 2)]
}

const examples = readdirSync('examples/ncco')
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join('examples/ncco', f), 'utf8'))

const bigNcco = JSON.stringify(
  Array.from({ length: 2000 }, (_, i) =>
    i % 2 === 0
      ? { action: 'talk', text: `Prompt number ${i}`, language: 'en-GB', bargeIn: i % 4 === 0 }
      : {
          action: 'input',
          type: ['dtmf'],
          dtmf: { maxDigits: 2 },
          eventUrl: ['https://e.example/i']
        }
  )
)

const cases = [
  { name: 'every example NCCO (9 files)', texts: examples, kind: 'ncco' },
  { name: 'one NCCO of 2,000 actions', texts: [bigNcco], kind: 'ncco' },
  {
    name: 'v1 create-call request',
    texts: [readFileSync('examples/requests/outbound-v1.json', 'utf8')],
    kind: 'call-v1'
  }
]

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false })
const schemaValidators = {
  ncco: ajv.compile(jsonSchema('ncco')),
  'call-v1': ajv.compile(jsonSchema('call-v1'))
}
const validators = { ncco: validateNcco, 'call-v1': validateCallV1 }

const rows = []
for (const c of cases) {
  const docs = c.texts.map((t) => JSON.parse(t))
  const validate = validators[c.kind]
  const schema = schemaValidators[c.kind]
  for (const d of docs) {
    if (validate(d)._tag !== 'Right' || !schema(d)) throw new Error(`${c.name}: not valid`)
  }
  const parse = measure(() => {
    for (const t of c.texts) JSON.parse(t)
  })
  const ours = measure(() => {
    for (const d of docs) validate(d)
  })
  const theirs = measure(() => {
    for (const d of docs) schema(d)
  })
  rows.push({
    case: c.name,
    bytes: c.texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
    'JSON.parse µs': (parse / 1000).toFixed(1),
    'validate µs': (ours / 1000).toFixed(1),
    'ajv µs': (theirs / 1000).toFixed(1),
    'validate / JSON.parse': (ours / parse).toFixed(2),
    'validate / ajv': (ours / theirs).toFixed(2)
  })
}

console.log(`node ${process.version}; median of ${ROUNDS} rounds of at least ${MIN_ROUND_MS} ms`)
console.table(rows)
console.log(
  'Ratios above 1 mean the validator is slower than the baseline. ajv checks what the schema can\n' +
    'express; the validator also checks the cross-field and cross-action rules and builds messages.'
)
