// The demo: validates every example document with the built package and prints the findings.
// The valid examples must pass and the deliberately broken one must fail; anything else exits 1.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { formatIssues, validateCallV1, validateCallV2, validateNcco } from 'ncco-kit'

const walk = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : [path]
    })

let unexpected = 0
for (const file of walk('examples').filter((f) => f.endsWith('.json'))) {
  const doc = JSON.parse(readFileSync(file, 'utf8'))
  const kind = file.includes('/v2/') ? 'call-v2' : Array.isArray(doc) ? 'ncco' : 'call-v1'
  const validate = { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 }[
    kind
  ]
  const result = validate(doc)
  const expectValid = !file.includes('broken')
  const valid = result._tag === 'Right'
  const issues = valid ? result.right.warnings : result.left
  console.log(`${valid ? 'valid  ' : 'INVALID'} ${kind.padEnd(7)} ${relative('.', file)}`)
  if (issues.length > 0) console.log(formatIssues(issues).replace(/^/gm, '    '))
  if (valid !== expectValid) unexpected++
}
if (unexpected > 0) {
  console.error(`${unexpected} example(s) did not validate as expected`)
  process.exit(1)
}
