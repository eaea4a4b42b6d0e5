/**
 * The `ncco` program: reads the command words and hands the rest to the command. This is the
 * composition root, where the real file system and validators are given to `validate`.
 *
 * @since 0.1.0
 */
import { printable } from './colour.js'
import { suggestion } from './suggestion.js'
import type { CliIo, Command } from './io.js'
import { packageVersion } from './version.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const usage = `Usage: ncco <command> [options]

Commands:
  validate [options] <file|dir|glob|->...   validate NCCOs and create-call requests
  call create [options] <request|->         validate and send a create-call request
  schema [--kind ncco|call-v1|call-v2]      print the JSON Schema, for editors
  simulate --answer-url URL [options]       play a call through your app, with a scripted caller
  sandbox [options]                         run a local Voice API that plays calls through your app
  campaign <start|work|status|report|retry> outbound campaigns on BullMQ and Redis

Options:
  -h, --help     show this help
  --version      print the version

Run 'ncco <command> --help' for a command's options.
`

const usageError = (io: CliIo, message: string): number => {
  io.stderr(`ncco: ${message}\nRun 'ncco --help' for usage.\n`)
  return 2
}

// Commands are loaded on demand: `--version` should not pay for the validator, nor `validate`
// for the HTTP client and JWT signing.
const validate: Command = async (argv, io) => {
  const [
    { validateCallV1, validateCallV2, validateNcco },
    { nodeFileSystem },
    { makeValidateCommand }
  ] = await Promise.all([
    import('../validate.js'),
    import('./file-system.js'),
    import('./validate-command.js')
  ])
  return makeValidateCommand({
    fs: nodeFileSystem,
    validators: { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 },
    version: packageVersion()
  })(argv, io)
}

const schema: Command = async (argv, io) => {
  const { schemaCommand } = await import('./schema-command.js')
  return schemaCommand(argv, io)
}

const call: Command = async (argv, io) => {
  const [subcommand, ...rest] = argv
  if (subcommand === 'create') {
    const { callCreateCommand } = await import('./call-create-command.js')
    return callCreateCommand(rest, io)
  }
  if (subcommand === '--help' || subcommand === '-h') {
    io.stdout(
      "Usage: ncco call create [options] <request|->\n\nRun 'ncco call create --help' for its options.\n"
    )
    return 0
  }
  return usageError(
    io,
    subcommand === undefined
      ? "'ncco call' needs a subcommand: create"
      : `unknown subcommand 'call ${printable(subcommand)}'` +
          `${suggestion(subcommand, ['create'], (c) => `'call ${c}'`)} (subcommands: create)`
  )
}

const simulate: Command = async (argv, io) => {
  const { simulateCommand } = await import('./simulate-command.js')
  return simulateCommand(argv, io)
}

const sandbox: Command = async (argv, io) => {
  const { sandboxCommand } = await import('./sandbox-command.js')
  return sandboxCommand(argv, io)
}

const campaign: Command = async (argv, io) => {
  const [{ makeCampaignCommand }, { processStopSignal }] = await Promise.all([
    import('./campaign-command.js'),
    import('./sandbox-command.js')
  ])
  return makeCampaignCommand({ stopSignal: processStopSignal })(argv, io)
}

const commands: Readonly<Record<string, Command>> = {
  validate,
  schema,
  call,
  simulate,
  sandbox,
  campaign
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Never throws: a failure that escapes a command is a bug, reported as such with exit code 2.
 *
 * @category destructors
 * @since 0.1.0
 */
export const main: Command = async (argv, io) => {
  try {
    const [first, ...rest] = argv
    if (first === undefined) {
      io.stderr(usage)
      return 2
    }
    if (first === '--help' || first === '-h') {
      io.stdout(usage)
      return 0
    }
    if (first === '--version') {
      io.stdout(`${packageVersion()}\n`)
      return 0
    }
    if (first.startsWith('-')) {
      const flag = first.split('=')[0] ?? first
      return usageError(
        io,
        `unknown option ${printable(flag)}${suggestion(flag, ['--help', '--version'])}`
      )
    }
    const command = Object.hasOwn(commands, first) ? commands[first] : undefined
    if (command === undefined) {
      return usageError(
        io,
        `unknown command '${printable(first)}'${suggestion(first, Object.keys(commands), (c) => `'${c}'`)}` +
          ' (commands: validate, call create, simulate, sandbox, schema, campaign)'
      )
    }
    return await command(rest, io)
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    io.stderr(`ncco: internal error; this is a bug in ncco-kit, please report it:\n${detail}\n`)
    return 2
  }
}
