/**
 * Run by deep-yaml.test.ts in a child process: parses a million `[` as YAML and prints the
 * finding and the process's peak resident memory, so the parent can bound it.
 */
import { parseYaml } from '../../src/cli/parse-yaml.js'

const result = parseYaml('['.repeat(1_000_000))
process.stdout.write(
  JSON.stringify({
    result,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
  })
)
