/**
 * The generated reading of the scalar descriptions (strings, enums, booleans, numbers): the
 * statements that check one value the way its checker in node-scalars.ts reads it, in the same
 * order, and `return false` on an error. The containers are in generate-emitter.ts.
 */
import { issueCatalog } from '../issue.js'
import type { IssueCode, Profile } from '../issue.js'
import { formats, knownLanguages } from './formats.js'
import type { StringFormat } from './formats.js'
import type { Spec } from './node.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What the scalar readings need from the emitter: imports, constants and the profile. */
export interface ScalarScope {
  readonly profile: Profile
  /** Imports `name` from `from` into the generated module; returns the name. */
  use(from: string, name: string): string
  /** A module-level constant of the generated module; returns its name. */
  constant(name: string, init: string): string
}

type StringSpec = Extract<Spec, { readonly kind: 'string' }>
type EnumSpec = Extract<Spec, { readonly kind: 'enum' }>
type BooleanSpec = Extract<Spec, { readonly kind: 'boolean' }>
type NumberSpec = Extract<Spec, { readonly kind: 'number' }>

/** The severity a code has in a profile. */
export const severityOf = (code: IssueCode, profile: Profile): 'error' | 'warning' => {
  const s = issueCatalog[code].severity
  return s === 'profile' ? (profile === 'lenient' ? 'warning' : 'error') : s
}

export const q = (s: string): string => JSON.stringify(s)

export const identifier = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_')

export const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

// -------------------------------------------------------------------------------------
// readings
// -------------------------------------------------------------------------------------

const formatTest = (scope: ScalarScope, format: StringFormat): string => {
  scope.use('../internal/formats.js', 'formats')
  return scope.constant(`is${capitalised(identifier(format))}`, `formats[${q(format)}].test`)
}

const languageTags = (scope: ScalarScope, format: StringFormat): string => {
  for (const tag of knownLanguages[format]?.tags ?? []) {
    if (!formats[format].test(tag)) throw new Error(`the documented tag ${tag} is not ${format}`)
  }
  scope.use('../internal/formats.js', 'knownLanguages')
  return scope.constant(
    `${identifier(format)}Tags`,
    `knownLanguages[${q(format)}]?.tags ?? new Set<string>()`
  )
}

/** A string: type, emptiness, length, then its format (a language outside its list warns). */
export const stringReading = (
  scope: ScalarScope,
  spec: StringSpec,
  v: string,
  d: string,
  k: string,
  place: string
): string[] => {
  if (spec.known !== undefined) throw new Error(`${place}: open enums are not compiled`)
  const fails = [`typeof ${v} !== 'string'`]
  if (spec.nonEmpty) fails.push(`${v} === ''`)
  if (spec.maxLength !== undefined) fails.push(`${v}.length > ${spec.maxLength}`)
  const format = spec.format
  if (format !== undefined && knownLanguages[format] !== undefined) {
    // A documented tag is well-formed (checked here), so it needs no pattern test.
    const tags = languageTags(scope, format)
    return [
      `if (${fails.join(' || ')}) return false`,
      `if (!${tags}.has(${v})) {`,
      `if (!${formatTest(scope, format)}(${v})) return false`,
      `s.unknownLanguage(${d}, ${k}, ${v}, ${q(format)})`,
      '}'
    ]
  }
  if (format !== undefined) fails.push(`!${formatTest(scope, format)}(${v})`)
  return [`if (${fails.join(' || ')}) return false`]
}

/** One of a few strings: compared in line, or a set for a longer list. */
export const enumReading = (
  scope: ScalarScope,
  spec: EnumSpec,
  v: string,
  place: string
): string[] => {
  if (spec.values.length <= 4) {
    return [`if (${spec.values.map((x) => `${v} !== ${q(x)}`).join(' && ')}) return false`]
  }
  const set = scope.constant(
    `${identifier(place)}Values`,
    `new Set<unknown>([${spec.values.map(q).join(', ')}])`
  )
  return [`if (!${set}.has(${v})) return false`]
}

/** A boolean; lenient, `"true"` and `"false"` with a warning. */
export const booleanReading = (
  scope: ScalarScope,
  spec: BooleanSpec,
  v: string,
  d: string,
  k: string,
  place: string
): string[] => {
  if (spec.strings !== undefined) throw new Error(`${place}: tolerant booleans are not compiled`)
  return scope.profile === 'lenient'
    ? [
        `if (typeof ${v} !== 'boolean') {`,
        `if (${v} !== 'true' && ${v} !== 'false') return false`,
        `s.stringly(${d}, ${k}, 'a boolean', ${v})`,
        '}'
      ]
    : [`if (typeof ${v} !== 'boolean') return false`]
}

/** A number in its range; a soft range warns (or fails, where its code is an error). */
export const numberReading = (
  scope: ScalarScope,
  spec: NumberSpec,
  v: string,
  d: string,
  k: string,
  place: string
): string[] => {
  if (spec.strings !== undefined) throw new Error(`${place}: tolerant numbers are not compiled`)
  const out: string[] = []
  let n = v
  const fails = [`typeof ${v} !== 'number'`]
  if (scope.profile === 'lenient') {
    // As `numberNode`: a number must be finite; a number given as a string is read as
    // written (a 400-digit string reads as Infinity, which a range may still accept).
    scope.use('../internal/node.js', 'DECIMAL')
    n = 'n'
    out.push(
      `let n: unknown = ${v}`,
      `if (typeof n === 'string' && DECIMAL.test(n)) {`,
      `s.stringly(${d}, ${k}, ${q(spec.integer ? 'an integer' : 'a number')}, n)`,
      'n = Number(n)',
      '} else if (!Number.isFinite(n)) return false'
    )
    fails[0] = `typeof n !== 'number'`
    if (spec.integer) fails.push('!Number.isInteger(n)')
  } else {
    fails.push(spec.integer ? `!Number.isInteger(${v})` : `!Number.isFinite(${v})`)
  }
  if (spec.min !== undefined) fails.push(`${n} < ${spec.min}`)
  if (spec.max !== undefined) fails.push(`${n} > ${spec.max}`)
  out.push(`if (${fails.join(' || ')}) return false`)
  if (spec.soft !== undefined) {
    const { min, max, code } = spec.soft
    const outside = `(${n} < ${min} || ${n} > ${max})`
    out.push(
      severityOf(code, scope.profile) === 'error'
        ? `if ${outside} return false`
        : `if ${outside} s.soft(${d}, ${k}, ${q(code)}, ${n})`
    )
  }
  return out
}
