/**
 * What the fuzz drivers share: the run budget, the validators under test, and the checks every
 * input must pass (no throw, the input left as it was, findings that point into the input).
 *
 * The budget: `FUZZ_RUNS` is the number of inputs the whole folder tries (default 12,000, which
 * `npm test` runs in about half a minute); each driver takes its share of it. `npm run fuzz` sets
 * 1,000,000. `FUZZ_SEED` replays a run (fast-check prints the seed of a failure).
 */
import type fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import { CreateCallV1Request } from '../../src/call/v1.js'
import { CreateCallV2Request } from '../../src/call/v2.js'
import { compiledCallV1, compiledCallV2, compiledNcco } from '../../src/generated/validators.js'
import { CollectedFindings, FAILED, type CompiledValidator } from '../../src/internal/compiled.js'
import { issueCatalog, type Issue, type Profile } from '../../src/issue.js'
import { Ncco } from '../../src/ncco/ncco.js'
import {
  interpretedValidatorFor,
  validateCallV1,
  validateCallV2,
  validateNcco
} from '../../src/validate.js'

// -------------------------------------------------------------------------------------
// budget
// -------------------------------------------------------------------------------------

const parsedRuns = Number(process.env['FUZZ_RUNS'] ?? '')
/** Inputs the whole fuzz folder tries. */
export const totalRuns = Number.isInteger(parsedRuns) && parsedRuns > 0 ? parsedRuns : 12_000

const parsedSeed = Number(process.env['FUZZ_SEED'] ?? '')

/**
 * The seed: `FUZZ_SEED` when given; in the gate (no `FUZZ_RUNS`) a fixed one, so that `npm test`
 * tries the same inputs on every machine and a failure is a change in the code, not luck;
 * for `npm run fuzz` a new one each run, to find what the gate's inputs do not reach.
 */
const seed: number | undefined =
  Number.isInteger(parsedSeed) && process.env['FUZZ_SEED'] !== undefined
    ? parsedSeed
    : process.env['FUZZ_RUNS'] === undefined
      ? 20_261_201
      : undefined

/** `fc.assert` parameters for a driver that takes `share` of the total (at least 10 runs). */
export const budget = (share: number): fc.Parameters<unknown> => ({
  numRuns: Math.max(10, Math.round(totalRuns * share)),
  ...(seed === undefined ? {} : { seed })
})

/** A vitest timeout for a driver of `share`: 10 ms an input, at least 30 s. */
export const timeoutFor = (share: number): number =>
  Math.max(30_000, Math.round(totalRuns * share * 10))

// -------------------------------------------------------------------------------------
// validators
// -------------------------------------------------------------------------------------

export type Result = E.Either<
  ReadonlyArray<Issue>,
  { readonly value: unknown; readonly warnings: ReadonlyArray<Issue> }
>
export type Validate = (input: unknown, options: { readonly profile: Profile }) => Result

export interface Kind {
  readonly name: 'ncco' | 'v1' | 'v2'
  /** The public validator: the compiled pass, the interpreter when there are findings. */
  readonly validate: Validate
  readonly interpreted: Validate
  readonly compiled: CompiledValidator
}

export const kinds: ReadonlyArray<Kind> = [
  {
    name: 'ncco',
    validate: validateNcco as Validate,
    interpreted: interpretedValidatorFor(Ncco) as Validate,
    compiled: compiledNcco
  },
  {
    name: 'v1',
    validate: validateCallV1 as Validate,
    interpreted: interpretedValidatorFor(CreateCallV1Request) as Validate,
    compiled: compiledCallV1
  },
  {
    name: 'v2',
    validate: validateCallV2 as Validate,
    interpreted: interpretedValidatorFor(CreateCallV2Request) as Validate,
    compiled: compiledCallV2
  }
]

export const profiles: ReadonlyArray<Profile> = ['strict', 'lenient']

export const findingsOf = (r: Result): ReadonlyArray<Issue> =>
  E.isLeft(r) ? r.left : r.right.warnings

// -------------------------------------------------------------------------------------
// the input, unchanged
// -------------------------------------------------------------------------------------

/**
 * The shape of a value read through property descriptors only: no getter runs, no proxy trap
 * but `getPrototypeOf`/`ownKeys`/`getOwnPropertyDescriptor` (and a trap that throws is recorded
 * as such). Objects are numbered as first met, so cycles and shared objects are recorded as
 * references; the walk uses a stack of its own, so 100,000 levels of nesting are fine.
 * Comparing two snapshots tells whether anything was added, removed, replaced or redefined.
 */
export const snapshot = (value: unknown): ReadonlyArray<unknown> => {
  const ids = new Map<object, number>()
  const out: unknown[] = []
  const pending: object[] = []
  const summary = (v: unknown): unknown => {
    if (typeof v === 'object' || typeof v === 'function') {
      if (v === null) return null
      let id = ids.get(v)
      if (id === undefined) {
        id = ids.size
        ids.set(v, id)
        pending.push(v)
      }
      return { ref: id }
    }
    if (typeof v === 'number' && Number.isNaN(v)) return { NaN: true }
    if (Object.is(v, -0)) return { minusZero: true }
    if (typeof v === 'bigint') return { bigint: String(v) }
    if (typeof v === 'symbol') return { symbol: String(v) }
    return v
  }
  out.push(summary(value))
  while (pending.length > 0) {
    const v = pending.pop()!
    const id = ids.get(v)
    try {
      out.push(['object', id, typeof v, protoName(Object.getPrototypeOf(v)), Object.isFrozen(v)])
      for (const key of Reflect.ownKeys(v)) {
        const d = Reflect.getOwnPropertyDescriptor(v, key)
        if (d === undefined) continue
        out.push(
          'value' in d
            ? [id, String(key), summary(d.value), d.writable, d.enumerable, d.configurable]
            : [id, String(key), 'accessor', d.get !== undefined, d.set !== undefined, d.enumerable]
        )
      }
      if (v instanceof Date) out.push([id, '<time>', String(v.getTime())])
      if (v instanceof Map)
        out.push([id, '<map>', [...v.entries()].map(([k, x]) => [summary(k), summary(x)])])
      if (v instanceof Set) out.push([id, '<set>', [...v.values()].map(summary)])
      if (ArrayBuffer.isView(v)) out.push([id, '<bytes>', Array.from(new Uint8Array(v.buffer))])
    } catch (error) {
      out.push([id, 'trap threw', String(error)])
    }
  }
  return out
}

const protoName = (proto: unknown): string => {
  if (proto === null) return 'null'
  if (proto === Object.prototype) return 'Object'
  if (proto === Array.prototype) return 'Array'
  const ctor = (proto as { constructor?: { name?: unknown } }).constructor
  return typeof ctor?.name === 'string' ? ctor.name : 'other'
}

/** `structuredClone(value)`, or `undefined` when it cannot clone it (a function, a proxy). */
export const cloneOrUndefined = (value: unknown): { readonly copy: unknown } | undefined => {
  if (clonesDifferently(value)) return undefined
  try {
    return { copy: structuredClone(value) }
  } catch {
    return undefined
  }
}

/**
 * Whether the value holds an object that `structuredClone` copies without its own extra
 * properties (a typed array, a Map, a boxed primitive, …): comparing with such a clone would
 * report a change that did not happen. The descriptor snapshot still checks those values.
 * Walked without recursion (inputs may nest 20,000 levels).
 */
const clonesDifferently = (value: unknown): boolean => {
  const seen = new Set<object>()
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const item = stack.pop()
    if (typeof item !== 'object' || item === null || seen.has(item)) continue
    seen.add(item)
    if (
      ArrayBuffer.isView(item) ||
      item instanceof ArrayBuffer ||
      item instanceof Map ||
      item instanceof Set ||
      item instanceof Date ||
      item instanceof RegExp ||
      item instanceof Error ||
      item instanceof Boolean ||
      item instanceof Number ||
      item instanceof String
    ) {
      return true
    }
    try {
      for (const key of Object.keys(item)) {
        const d = Object.getOwnPropertyDescriptor(item, key)
        if (d !== undefined && 'value' in d) stack.push(d.value)
      }
    } catch {
      return true
    }
  }
  return false
}

// -------------------------------------------------------------------------------------
// paths
// -------------------------------------------------------------------------------------

/** RFC 6901 syntax, checked without a regular expression (a key may be megabytes long). */
const isPointer = (path: string): boolean => {
  if (path !== '' && !path.startsWith('/')) return false
  for (let i = path.indexOf('~'); i !== -1; i = path.indexOf('~', i + 1)) {
    if (path[i + 1] !== '0' && path[i + 1] !== '1') return false
  }
  return true
}

const unescape = (segment: string): string => segment.replaceAll('~1', '/').replaceAll('~0', '~')

/**
 * Whether `path` leads into `input`: every segment but the last names an own property (read
 * through its descriptor, so no getter runs), and the last names an own property or a key of
 * an object that lacks it (where a missing field belongs). A getter or a proxy on the way ends
 * the walk: its value cannot be known without running it.
 */
export const pathResolves = (input: unknown, path: string): boolean => {
  if (path === '') return true
  const segments = path.slice(1).split('/').map(unescape)
  let here: unknown = input
  for (let i = 0; i < segments.length; i++) {
    if (typeof here !== 'object' || here === null) return false
    const key = segments[i]!
    let d: PropertyDescriptor | undefined
    try {
      d = Reflect.getOwnPropertyDescriptor(here, key)
    } catch {
      return true // a proxy whose trap throws: the finding is about this object
    }
    const last = i === segments.length - 1
    if (d === undefined) {
      // A missing field, or a hole of a sparse array: only at the end.
      if (!Array.isArray(here)) return last
      return last && String(Number(key)) === key && Number(key) < here.length
    }
    if (!('value' in d)) return true
    here = d.value
  }
  return true
}

// -------------------------------------------------------------------------------------
// the check
// -------------------------------------------------------------------------------------

const codes = new Set(Object.keys(issueCatalog))

/** The findings are well-formed, each path leads into the input, and they are plain data. */
export const expectWellFormed = (r: Result, input: unknown, label: string): void => {
  const issues = findingsOf(r)
  for (const i of issues) {
    if (!codes.has(i.code)) expect.fail(`${label}: unknown code ${i.code}`)
    if (i.severity !== 'error' && i.severity !== 'warning') expect.fail(`${label}: severity`)
    if (!isPointer(i.path)) expect.fail(`${label}: ${i.code} at a bad pointer ${i.path}`)
    if (!pathResolves(input, i.path)) {
      expect.fail(`${label}: ${i.code} at ${i.path}, which is not in the input`)
    }
    if (typeof i.message !== 'string' || i.message === '') expect.fail(`${label}: no message`)
  }
  expect(JSON.parse(JSON.stringify(issues))).toStrictEqual(issues)
  if (E.isLeft(r)) expect(issues.some((i) => i.severity === 'error')).toBe(true)
  else {
    expect(r.right.value).toBe(input)
    expect(issues.every((i) => i.severity === 'warning')).toBe(true)
  }
}

export interface CheckOptions {
  /** Compare the interpreter with the public validator (not for values that change as read). */
  readonly agree?: boolean
  /** Deep-compare with a structured clone taken before (values it can clone). */
  readonly clone?: boolean
}

/**
 * Runs every validator of `kind` in both profiles on `input`: none may throw; the input must
 * come back as it was; the findings must be well-formed; and, with `agree`, the interpreter
 * and the compiled validator must say the same.
 */
export const checkInput = (kind: Kind, input: unknown, options: CheckOptions = {}): void => {
  const before = snapshot(input)
  const cloned = options.clone === false ? undefined : cloneOrUndefined(input)
  for (const profile of profiles) {
    const label = `${kind.name} ${profile}`
    const fast = kind.compiled(input, profile)
    if (fast !== FAILED && !(fast instanceof CollectedFindings)) {
      // A pass: the warnings only.
      expect(Array.isArray(fast)).toBe(true)
    }
    const publicResult = kind.validate(input, { profile })
    const interpreted = kind.interpreted(input, { profile })
    expectWellFormed(publicResult, input, label)
    expectWellFormed(interpreted, input, `${label} (interpreted)`)
    if (options.agree === true) expect(publicResult, label).toStrictEqual(interpreted)
  }
  expect(snapshot(input)).toStrictEqual(before)
  // (toEqual: a clone has Object.prototype where the input had none; the snapshot saw that.)
  if (cloned !== undefined) expect(input).toEqual(cloned.copy)
}

/** A deep-frozen copy (cycles allowed). */
export const deepFreeze = <T>(value: T, seen = new Set<object>()): T => {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value
  seen.add(value)
  for (const key of Reflect.ownKeys(value)) {
    const d = Reflect.getOwnPropertyDescriptor(value, key)
    if (d !== undefined && 'value' in d) deepFreeze(d.value, seen)
  }
  return Object.freeze(value)
}
