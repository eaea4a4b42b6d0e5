// The demo: runs the built `ncco` CLI on the example documents, the way a CI job would. The
// valid examples must pass (exit 0) and the deliberately broken one must fail (exit 1) with its
// findings shown; any other outcome makes the demo fail.
import { spawnSync } from 'node:child_process'

const steps = [
  {
    title: 'Every example NCCO and the v1 create-call request',
    args: ['validate', 'examples/ncco', 'examples/requests/outbound-v1.json'],
    expect: 0
  },
  {
    title: 'The v2 create-call request',
    args: ['validate', '--kind', 'call-v2', 'examples/requests/v2'],
    expect: 0
  },
  {
    title: 'A deliberately broken NCCO: every mistake, with its line and column',
    args: ['validate', 'examples/broken'],
    expect: 1
  },
  {
    title: 'Placing the v1 call, dry run: validated, and printed as it would be sent',
    args: ['call', 'create', '--dry-run', 'examples/requests/outbound-v1.json'],
    expect: 0
  },
  {
    title: 'The same findings as JSON, for other tools',
    args: ['validate', '--format', 'json', 'examples/broken/broken-ivr.json'],
    expect: 1
  }
]

let failed = 0
for (const step of steps) {
  console.log(`\n=== ${step.title}\n$ ncco ${step.args.join(' ')}`)
  const run = spawnSync(process.execPath, ['dist/cli/bin.js', ...step.args], { stdio: 'inherit' })
  const ok = run.status === step.expect
  console.log(`(exit code ${run.status}, expected ${step.expect}${ok ? '' : ': UNEXPECTED'})`)
  if (!ok) failed++
}
if (failed > 0) {
  console.error(`\n${failed} demo step(s) did not end as expected`)
  process.exit(1)
}
