/**
 * The flags of `ncco simulate` and `ncco sandbox`, read the same way: `--flag value` or
 * `--flag=value`; a value flag at most once; repeatable flags and switches kept in the order
 * given (`--press 1 --say sales --silence` is a script); `-h`/`--help` anywhere asks for the
 * help. What the values mean is each command's business; this module only says which
 * argument is wrong, in argument order, and never repeats a value in its messages.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { printable } from './colour.js'
import { suggestion } from './suggestion.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A command's flags. `V` are the flags that take one value, `R` those that take a value and
 * may be repeated, `S` the switches (no value).
 *
 * @category model
 * @since 0.2.0
 */
export interface FlagGrammar<V extends string, R extends string, S extends string> {
  readonly values: ReadonlyArray<V>
  /** Each repeatable flag with the check of its value (a message, or `undefined` if fine). */
  readonly repeated: Readonly<Record<R, (value: string) => string | undefined>>
  readonly switches: ReadonlyArray<S>
  /** The message for an argument that is not an option, or `undefined` when it is one. */
  readonly notAnOption: (argument: string) => string | undefined
}

/**
 * The flags given: each value flag's value, and the repeatable flags and switches in order.
 *
 * @category model
 * @since 0.2.0
 */
export interface ScannedFlags<V extends string, R extends string, S extends string> {
  readonly values: Partial<Record<V, string>>
  readonly sequence: ReadonlyArray<
    { readonly flag: R; readonly value: string } | { readonly flag: S }
  >
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

export { suggestion } from './suggestion.js'

/**
 * Reads the arguments; `Left` is the usage error of the first wrong one, `'help'` when help
 * was asked for before any.
 *
 * @category destructors
 * @since 0.2.0
 */
export const scanFlags = <V extends string, R extends string, S extends string>(
  argv: ReadonlyArray<string>,
  grammar: FlagGrammar<V, R, S>
): E.Either<string, ScannedFlags<V, R, S> | 'help'> => {
  const values: Partial<Record<V, string>> = {}
  const sequence: Array<{ readonly flag: R; readonly value: string } | { readonly flag: S }> = []
  const repeatable: ReadonlyArray<string> = Object.keys(grammar.repeated)
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? ''
    if (argument === '-h' || argument === '--help') return E.right('help')
    const switchFlag = grammar.switches.find((s) => s === argument)
    if (switchFlag !== undefined) {
      sequence.push({ flag: switchFlag })
      continue
    }
    const notAnOption = grammar.notAnOption(argument)
    if (notAnOption !== undefined) return E.left(notAnOption)
    const eq = argument.indexOf('=')
    // Only the part before `=` is ever shown: what follows may be a secret.
    const flag = eq === -1 ? argument : argument.slice(0, eq)
    const repeatedFlag = repeatable.find((r): r is R => r === flag)
    const valueFlag = grammar.values.find((v) => v === flag)
    if (repeatedFlag === undefined && valueFlag === undefined) {
      const known = [...grammar.values, ...repeatable, ...grammar.switches, '--help']
      return E.left(`unknown option ${printable(flag)}${suggestion(flag, known)}`)
    }
    const value = eq === -1 ? argv[++i] : argument.slice(eq + 1)
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      return E.left(`${flag} needs a value`)
    }
    if (repeatedFlag !== undefined) {
      const wrong = grammar.repeated[repeatedFlag](value)
      if (wrong !== undefined) return E.left(wrong)
      sequence.push({ flag: repeatedFlag, value })
    } else if (valueFlag !== undefined) {
      if (values[valueFlag] !== undefined) return E.left(`${flag} is given twice`)
      values[valueFlag] = value
    }
  }
  return E.right({ values, sequence })
}
