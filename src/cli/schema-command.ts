/**
 * `ncco schema [--kind ncco|call-v1|call-v2]`: prints the JSON Schema generated from the field
 * descriptions (the same text as the package's `schema/*.json`).
 *
 * @since 0.1.0
 */
import { jsonSchema } from '../schema.js'
import type { SchemaKind } from '../schema.js'
import { printable } from './colour.js'
import { suggestion } from './flags.js'
import type { Command } from './io.js'
import { packageVersion } from './version.js'

const kinds: ReadonlyArray<SchemaKind> = ['ncco', 'call-v1', 'call-v2']

/**
 * @category constants
 * @since 0.1.0
 */
export const schemaUsage = `Usage: ncco schema [--kind ncco|call-v1|call-v2]

Prints the JSON Schema (draft 2020-12) of an NCCO (the default) or of a create-call request,
for editors and other JSON Schema tools.

Options:
  --kind KIND   ncco (default), call-v1 or call-v2
  -h, --help    show this help
`

const isKind = (s: string): s is SchemaKind => (kinds as ReadonlyArray<string>).includes(s)

/**
 * @category commands
 * @since 0.1.0
 */
export const schemaCommand: Command = async (argv, io) => {
  const fail = (message: string): number => {
    io.stderr(`ncco schema: ${message}\nRun 'ncco schema --help' for usage.\n`)
    return 2
  }
  let kind: SchemaKind = 'ncco'
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '-h' || arg === '--help') {
      io.stdout(schemaUsage)
      return 0
    }
    let value: string | undefined
    if (arg === '--kind') {
      value = argv[i + 1]
      i++
      if (value === undefined) return fail('--kind needs a value: ncco, call-v1 or call-v2')
    } else if (arg.startsWith('--kind=')) {
      value = arg.slice('--kind='.length)
    } else {
      const flag = arg.split('=')[0] ?? arg
      return fail(
        arg.startsWith('-')
          ? `unknown option ${printable(flag)}${suggestion(flag, ['--kind', '--help'])}`
          : `unexpected argument ${printable(arg)}`
      )
    }
    if (!isKind(value)) return fail(`--kind must be ncco, call-v1 or call-v2, got ${value}`)
    kind = value
  }
  io.stdout(JSON.stringify(jsonSchema(kind, { version: packageVersion() }), null, 2) + '\n')
  return 0
}
