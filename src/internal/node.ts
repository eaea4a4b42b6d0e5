/**
 * The description language every field of the Voice API is written in, once.
 *
 * A `Node<A>` is at the same time:
 * - plain data (`spec`) that the JSON Schema generator, the docs generator and the tests read;
 * - an io-ts codec (`Node` extends `t.Type`), so `decode`, `is`, `pipe` and `t.TypeOf` work;
 * - a checker (`check`) that collects every finding with its JSON Pointer, in either profile.
 *
 * Checkers never throw on any input they can read (the caller catches what a hostile getter
 * throws) and never change the input. They return the value's *effective* reading: the
 * value itself, a coerced scalar (lenient profile), a `StructView` for objects, or `INVALID`
 * when the value has an error, so that rules across fields only see values that passed.
 */
import * as t from 'io-ts/lib/index.js'
import { makeIssue } from '../issue.js'
import type { Issue, IssueCode, IssueParams, Profile } from '../issue.js'
import { formats, fixPhoneNumber, knownLanguages } from './formats.js'
import type { StringFormat } from './formats.js'
import {
  describeType,
  describeValue,
  didYouMean,
  isArray,
  isPlainObject,
  toPointer
} from './text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

export const INVALID: unique symbol = Symbol('invalid')
/**
 * The effective reading of a value that decodes as absent (a webhook's `null` or blank optional
 * field): the field passed, but a decoded object leaves it out.
 */
export const ABSENT: unique symbol = Symbol('absent')
export type Effective = unknown

export interface CheckContext {
  readonly profile: Profile
  readonly issues: Issue[]
  /** The path of the value being checked; nodes push and pop their own segments. */
  readonly path: Array<string | number>
  /** Objects and arrays on the current path, to find cycles in values passed from code. */
  readonly active: Set<object>
  errors: number
}

export type CheckFn = (u: unknown, ctx: CheckContext) => Effective

/** Turns the effective reading of a value that passed into what `decode` returns. */
export type Output = (effective: Effective, input: unknown) => unknown

export interface Field<N extends AnyNode = AnyNode, R extends boolean = boolean> {
  readonly node: N
  readonly required: R
  /** One sentence for the docs table, the JSON Schema description and editor hovers. */
  readonly doc: string
  /** The value Vonage uses when the field is absent, for the docs and the JSON Schema. */
  readonly default?: string | number | boolean
  /** Other spellings that some Vonage sources use; they stand in for the key (docs/rules.md §1). */
  readonly aliases?: ReadonlyArray<string>
}

export interface NamedField extends Field {
  readonly name: string
}

export type Spec =
  | {
      readonly kind: 'string'
      readonly nonEmpty: boolean
      readonly maxLength?: number
      readonly format?: StringFormat
      /** An open enum (webhooks): these values are documented, any other string is kept. */
      readonly known?: ReadonlyArray<string>
    }
  | { readonly kind: 'enum'; readonly values: ReadonlyArray<string> }
  | {
      readonly kind: 'boolean'
      /** Webhooks: `"true"` and `"false"` (a GET query) are read as booleans, with no finding. */
      readonly strings?: 'accept'
    }
  | {
      readonly kind: 'number'
      readonly integer: boolean
      readonly min?: number
      readonly max?: number
      /** Values inside [min, max] but outside this range get a warning. */
      readonly soft?: { readonly min: number; readonly max: number; readonly code: IssueCode }
      /** Webhooks: a numeric string is read as its number, with no finding. */
      readonly strings?: 'accept'
    }
  | {
      readonly kind: 'array'
      readonly items: AnyNode
      readonly minItems: number
      readonly maxItems?: number
      readonly distinct: boolean
      /** What one element is, for messages: "endpoint", "leg UUID". */
      readonly what: string
    }
  | { readonly kind: 'urls' }
  | { readonly kind: 'stringMap' }
  | { readonly kind: 'jsonObject'; readonly warnAboveBytes?: number }
  | {
      readonly kind: 'struct'
      readonly fields: ReadonlyArray<NamedField>
      readonly unknownKeys: 'report' | 'allow'
    }
  | {
      readonly kind: 'union'
      readonly discriminator: string
      readonly members: ReadonlyArray<AnyStruct>
      readonly unknownCode: 'unknown-action' | 'unknown-endpoint-type'
      readonly removed: Readonly<Record<string, string>>
    }

/**
 * A codec plus its description. `A` is the TypeScript type of a valid value in the strict
 * profile.
 */
export class Node<A> extends t.Type<A, A, unknown> {
  readonly spec: Spec
  readonly check: CheckFn
  readonly output: Output | undefined
  /**
   * What io-ts `decode` succeeds with: by default (the validator's nodes) the very value
   * given; a webhook codec gives its decoded reading instead (see `materialize`).
   */
  constructor(name: string, spec: Spec, check: CheckFn, output?: Output) {
    super(
      name,
      (u): u is A => runCheck(check, u, 'strict').every((i) => i.severity !== 'error'),
      (u, c) => {
        const { issues, effective } = runCheckWithValue(check, u, 'strict')
        const errors = issues.filter((i) => i.severity === 'error')
        return errors.length === 0
          ? t.success((output === undefined ? u : output(effective, u)) as A)
          : t.failures(
              errors.map((i) => ({
                value: u,
                context: c,
                message: `${i.path === '' ? '(root)' : i.path}: ${i.message}`
              }))
            )
      },
      t.identity
    )
    this.spec = spec
    this.check = check
    this.output = output
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNode = Node<any>

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStruct = StructNode<any>

export type TypeOf<N> = N extends Node<infer A> ? A : never

/** The effective reading of an object whose fields were checked. */
export interface StructView {
  readonly kind: 'view'
  /** Canonical key → effective value, for fields whose value passed. */
  readonly values: ReadonlyMap<string, Effective>
  /** Canonical key → the key actually used in the input (canonical or a stand-in spelling). */
  readonly keys: ReadonlyMap<string, string>
  /** The path of the object. */
  readonly path: ReadonlyArray<string | number>
  /** Whether the object (or anything in it) has an error. */
  readonly invalid: boolean
  /** Keys the struct does not know, with the values read, when unknown keys are allowed. */
  readonly extras: ReadonlyArray<readonly [string, unknown]>
}

export const isView = (u: unknown): u is StructView =>
  typeof u === 'object' && u !== null && (u as { kind?: unknown }).kind === 'view'

export class StructNode<A> extends Node<A> {
  readonly fields: ReadonlyArray<NamedField>
  constructor(name: string, spec: Spec & { kind: 'struct' }, check: CheckFn, output?: Output) {
    super(name, spec, check, output)
    this.fields = spec.fields
  }
}

// -------------------------------------------------------------------------------------
// reporting
// -------------------------------------------------------------------------------------

/** Adds a finding at the current path plus `extra` segments. */
export const report = <C extends IssueCode>(
  ctx: CheckContext,
  code: C,
  params: IssueParams<C>,
  options: { readonly at?: ReadonlyArray<string | number>; readonly hint?: string } = {}
): void => {
  const path = options.at === undefined ? ctx.path : [...ctx.path, ...options.at]
  const issue = makeIssue(code, toPointer(path), params, {
    profile: ctx.profile,
    hint: options.hint
  })
  if (issue.severity === 'error') ctx.errors++
  ctx.issues.push(issue)
}

/** The name a message uses for the value at the current path: `timeout`, `eventUrl[0]`. */
export const keyLabel = (path: ReadonlyArray<string | number>): string => {
  let suffix = ''
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i]!
    if (typeof s === 'string') return s + suffix
    suffix = `[${s}]` + suffix
  }
  return suffix === '' ? 'the document' : `item ${suffix}`
}

const safeReason = (e: unknown): string => {
  try {
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
    return text.length > 200 ? text.slice(0, 197) + '...' : text
  } catch {
    return 'an exception that could not be described'
  }
}

/** Runs a checker on a whole document; an exception from a hostile value becomes a finding. */
export const runCheck = (check: CheckFn, u: unknown, profile: Profile): Issue[] =>
  runCheckWithValue(check, u, profile).issues

/** `runCheck`, also returning the effective reading (INVALID after an exception). */
export const runCheckWithValue = (
  check: CheckFn,
  u: unknown,
  profile: Profile
): { readonly issues: Issue[]; readonly effective: Effective } => {
  const ctx: CheckContext = { profile, issues: [], path: [], active: new Set(), errors: 0 }
  let effective: Effective = INVALID
  try {
    effective = check(u, ctx)
  } catch (e) {
    // ctx.path still holds the path where the exception was thrown (see `at`).
    report(ctx, 'unreadable-value', { reason: safeReason(e) })
  }
  return { issues: ctx.issues, effective }
}

/**
 * Runs `f` with `segment` pushed on the path. On an exception the segment is deliberately left
 * on the path, so that `runCheck` reports the path where reading failed.
 */
export const at = <R>(ctx: CheckContext, segment: string | number, f: () => R): R => {
  ctx.path.push(segment)
  const r = f()
  ctx.path.pop()
  return r
}

/**
 * Reads `obj[key]` (the path must already end with `key`). A getter or proxy that throws gives
 * an `unreadable-value` finding here and INVALID, and validation goes on with the rest.
 */
export const readAt = (ctx: CheckContext, obj: object, key: string | number): unknown => {
  try {
    return (obj as Record<string | number, unknown>)[key]
  } catch (e) {
    report(ctx, 'unreadable-value', { reason: safeReason(e) })
    return INVALID
  }
}

/** `Object.keys`, or undefined (with a finding) when a proxy's ownKeys trap throws. */
export const keysOf = (ctx: CheckContext, obj: object): ReadonlyArray<string> | undefined => {
  try {
    return Object.keys(obj)
  } catch (e) {
    report(ctx, 'unreadable-value', { reason: safeReason(e) })
    return undefined
  }
}

/** Checks `node` and returns INVALID when it added an error, else the effective value. */
export const checkValue = (node: AnyNode, u: unknown, ctx: CheckContext): Effective => {
  if (u === INVALID) return INVALID // unreadable, already reported
  const before = ctx.errors
  const r = node.check(u, ctx)
  return ctx.errors > before ? INVALID : r
}

// -------------------------------------------------------------------------------------
// constructors: scalars
// -------------------------------------------------------------------------------------

const typeError = (
  ctx: CheckContext,
  expected: string,
  u: unknown,
  hint?: string
): typeof INVALID => {
  report(
    ctx,
    'invalid-type',
    { expected, actual: describeType(u) },
    hint === undefined ? {} : { hint }
  )
  return INVALID
}

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/

export interface StringOptions {
  readonly nonEmpty?: boolean
  readonly maxLength?: number
  readonly format?: StringFormat
}

export const string = (options: StringOptions = {}): Node<string> => {
  const spec: Spec = {
    kind: 'string',
    nonEmpty: options.nonEmpty === true,
    ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
    ...(options.format === undefined ? {} : { format: options.format })
  }
  return new Node<string>(options.format ?? 'string', spec, (u, ctx) => {
    if (typeof u !== 'string') return typeError(ctx, 'a string', u)
    const key = keyLabel(ctx.path)
    if (options.nonEmpty === true && u === '') {
      report(ctx, 'empty-string', { key })
      return INVALID
    }
    if (options.maxLength !== undefined && u.length > options.maxLength) {
      report(ctx, 'too-long', { key, max: options.maxLength, actual: u.length, unit: 'characters' })
      return INVALID
    }
    if (options.format !== undefined) return checkFormat(options.format, u, ctx)
    return u
  })
}

const checkFormat = (format: StringFormat, u: string, ctx: CheckContext): Effective => {
  const info = formats[format]
  const key = keyLabel(ctx.path)
  if (!info.test(u)) {
    const actual = describeValue(u)
    switch (format) {
      case 'e164': {
        const fixed = fixPhoneNumber(u)
        report(
          ctx,
          'invalid-phone-number',
          { key, actual },
          fixed === undefined ? {} : { hint: `use "${fixed}"` }
        )
        break
      }
      case 'http-url':
      case 'ws-url':
      case 'sip-uri':
        report(ctx, 'invalid-url', { key, expected: info.expected, actual })
        break
      case 'language-tts':
      case 'language-asr':
        report(ctx, 'invalid-language-tag', { key, actual })
        break
      default:
        report(ctx, 'invalid-format', { key, expected: info.expected, actual })
    }
    return INVALID
  }
  const list = knownLanguages[format]
  if (list !== undefined && !list.tags.has(u)) {
    const close = didYouMean(u, list.tags)
    report(
      ctx,
      'unknown-language',
      { key, actual: describeValue(u), list: list.name },
      close === undefined ? {} : { hint: `did you mean "${close}"?` }
    )
  }
  return u
}

export const enumOf = <const V extends string>(values: ReadonlyArray<V>): Node<V> =>
  new Node<V>(values.join(' | '), { kind: 'enum', values }, (u, ctx) => {
    if (typeof u !== 'string')
      return typeError(ctx, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, u)
    if (!(values as ReadonlyArray<string>).includes(u)) {
      const close = didYouMean(u, values)
      report(
        ctx,
        'invalid-enum',
        { key: keyLabel(ctx.path), allowed: values, actual: describeValue(u) },
        close === undefined ? {} : { hint: `did you mean "${close}"?` }
      )
      return INVALID
    }
    return u
  })

export const literal = <const V extends string>(value: V): Node<V> => enumOf([value])

/** A scalar given as a string: a warning in lenient (the coerced value is used), else an error. */
const stringly = (ctx: CheckContext, expected: string, u: string, coerced: unknown): Effective => {
  if (ctx.profile === 'lenient') {
    report(ctx, 'stringly-scalar', { expected, actual: u })
    return coerced
  }
  return typeError(ctx, expected, u, `write ${u} without quotes`)
}

export const boolean: Node<boolean> = new Node<boolean>(
  'boolean',
  { kind: 'boolean' },
  (u, ctx) => {
    if (typeof u === 'boolean') return u
    if (u === 'true' || u === 'false') return stringly(ctx, 'a boolean', u, u === 'true')
    return typeError(ctx, 'a boolean', u)
  }
)

export interface NumberOptions {
  readonly min?: number
  readonly max?: number
  readonly soft?: { readonly min: number; readonly max: number; readonly code: IssueCode }
}

const rangeText = (min: number | undefined, max: number | undefined): string =>
  min !== undefined && max !== undefined
    ? `between ${min} and ${max}`
    : min !== undefined
      ? `at least ${min}`
      : `at most ${String(max)}`

const numberNode = (integer: boolean, options: NumberOptions): Node<number> => {
  const spec: Spec = {
    kind: 'number',
    integer,
    ...(options.min === undefined ? {} : { min: options.min }),
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(options.soft === undefined ? {} : { soft: options.soft })
  }
  const expected = integer ? 'an integer' : 'a number'
  return new Node<number>(integer ? 'integer' : 'number', spec, (u, ctx) => {
    let n: number
    if (typeof u === 'number') {
      if (!Number.isFinite(u)) return typeError(ctx, expected, u)
      n = u
    } else if (typeof u === 'string' && DECIMAL.test(u)) {
      const r = stringly(ctx, expected, u, Number(u))
      if (r === INVALID) return INVALID
      n = Number(u)
    } else {
      return typeError(ctx, expected, u)
    }
    const key = keyLabel(ctx.path)
    if (integer && !Number.isInteger(n)) {
      report(ctx, 'not-an-integer', { key, actual: String(n) })
      return INVALID
    }
    if (
      (options.min !== undefined && n < options.min) ||
      (options.max !== undefined && n > options.max)
    ) {
      report(ctx, 'out-of-range', {
        key,
        range: rangeText(options.min, options.max),
        actual: String(n)
      })
      return INVALID
    }
    if (options.soft !== undefined && (n < options.soft.min || n > options.soft.max)) {
      report(ctx, options.soft.code, { actual: String(n) } as never)
    }
    return n
  })
}

export const integer = (options: NumberOptions = {}): Node<number> => numberNode(true, options)
export const number = (options: NumberOptions = {}): Node<number> => numberNode(false, options)

// -------------------------------------------------------------------------------------
// constructors: containers
// -------------------------------------------------------------------------------------

/**
 * Enters an object or array: reports a cycle, else runs `f` with the value marked active. (No
 * `finally`: after an exception the context is discarded.)
 */
export const enter = (u: object, ctx: CheckContext, f: () => Effective): Effective => {
  if (ctx.active.has(u)) {
    report(ctx, 'cyclic-reference', {})
    return INVALID
  }
  ctx.active.add(u)
  const r = f()
  ctx.active.delete(u)
  return r
}

export interface ArrayOptions {
  readonly minItems?: number
  readonly maxItems?: number
  readonly distinct?: boolean
  readonly what: string
}

export const array = <N extends AnyNode>(
  items: N,
  options: ArrayOptions
): Node<ReadonlyArray<TypeOf<N>>> => {
  const spec: Spec = {
    kind: 'array',
    items,
    minItems: options.minItems ?? 0,
    ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }),
    distinct: options.distinct === true,
    what: options.what
  }
  return new Node(`Array<${items.name}>`, spec, (u, ctx) => {
    if (!isArray(u)) return typeError(ctx, `an array of ${options.what}s`, u)
    return enter(u, ctx, () => {
      const key = keyLabel(ctx.path)
      const before = ctx.errors
      if (u.length === 0 && (options.minItems ?? 0) > 0)
        report(ctx, 'empty-array', { key, what: options.what })
      if (options.maxItems !== undefined && u.length > options.maxItems) {
        report(ctx, 'too-many-items', {
          key,
          max: options.maxItems,
          actual: u.length,
          what: options.what
        })
      }
      const out: Effective[] = []
      const seen = new Set<unknown>()
      for (let i = 0; i < u.length; i++) {
        ctx.path.push(i)
        const r = checkValue(items, readAt(ctx, u, i), ctx)
        ctx.path.pop()
        out.push(r)
        if (options.distinct === true && r !== INVALID) {
          if (seen.has(r)) {
            at(ctx, i, () => report(ctx, 'duplicate-item', { key, value: describeValue(r) }))
          }
          seen.add(r)
        }
      }
      return ctx.errors > before ? INVALID : out
    })
  })
}

const httpUrl = string({ format: 'http-url' })

/**
 * A webhook or audio URL list: the docs say these MUST be arrays, even for one URL; exactly
 * one is expected (docs/rules.md §3).
 */
export const urls: Node<ReadonlyArray<string>> = new Node<ReadonlyArray<string>>(
  'Array<http-url>',
  { kind: 'urls' },
  (u, ctx) => {
    const key = keyLabel(ctx.path)
    if (typeof u === 'string') {
      report(ctx, 'url-not-array', { key }, { hint: `use [${JSON.stringify(u)}]` })
      return INVALID
    }
    if (!isArray(u)) return typeError(ctx, 'an array of URLs', u)
    return enter(u, ctx, () => {
      const before = ctx.errors
      if (u.length === 0) report(ctx, 'empty-array', { key, what: 'URL' })
      for (let i = 0; i < u.length; i++) {
        ctx.path.push(i)
        checkValue(httpUrl, readAt(ctx, u, i), ctx)
        ctx.path.pop()
      }
      if (u.length > 1) report(ctx, 'multiple-urls', { key, count: u.length })
      return ctx.errors > before ? INVALID : u
    })
  }
)

/** An object whose values are all strings (SIP custom headers). */
export const stringMap: Node<Readonly<Record<string, string>>> = new Node(
  'Record<string, string>',
  { kind: 'stringMap' },
  (u, ctx) => {
    if (!isPlainObject(u)) return typeError(ctx, 'an object of strings', u)
    const before = ctx.errors
    for (const k of keysOf(ctx, u) ?? []) {
      ctx.path.push(k)
      const v = readAt(ctx, u, k)
      if (typeof v !== 'string' && v !== INVALID) typeError(ctx, 'a string', v)
      ctx.path.pop()
    }
    return ctx.errors > before ? INVALID : u
  }
)

export const MAX_JSON_DEPTH = 100

const utf8 = new TextEncoder()

/**
 * Any JSON object (notify payload, websocket headers). The walk is iterative, so no nesting
 * depth can overflow the stack; it still stops at MAX_JSON_DEPTH, since such a value could not
 * be serialised safely either.
 */
export const jsonObject = (
  options: { readonly warnAboveBytes?: number } = {}
): Node<Readonly<Record<string, unknown>>> =>
  new Node(
    'JsonObject',
    {
      kind: 'jsonObject',
      ...(options.warnAboveBytes === undefined ? {} : { warnAboveBytes: options.warnAboveBytes })
    },
    (u, ctx) => {
      if (!isPlainObject(u)) return typeError(ctx, 'a JSON object', u)
      const before = ctx.errors
      checkJsonTree(u, ctx)
      if (ctx.errors > before) return INVALID
      if (options.warnAboveBytes !== undefined) {
        const bytes = utf8.encode(JSON.stringify(u)).byteLength
        if (bytes > options.warnAboveBytes) report(ctx, 'headers-too-large', { actual: bytes })
      }
      return u
    }
  )

interface Frame {
  /** The container the value is read from (undefined for the root, given as `value`). */
  readonly parent: object | undefined
  readonly key: string | number
  readonly value?: unknown
  readonly path: ReadonlyArray<string | number>
  /** Ancestors of this value (for cycles), shared structurally. */
  readonly ancestors: Ancestors | undefined
}
interface Ancestors {
  readonly value: object
  readonly parent: Ancestors | undefined
}

const isAncestor = (value: object, chain: Ancestors | undefined): boolean => {
  for (let a = chain; a !== undefined; a = a.parent) if (a.value === value) return true
  return false
}

/**
 * Walks a free-form JSON value with an explicit stack. Values are read when their frame is
 * taken, with the path set to theirs, so a throwing getter is reported at its own key.
 */
const checkJsonTree = (root: object, ctx: CheckContext): void => {
  const base = ctx.path.length
  const stack: Frame[] = [
    { parent: undefined, key: '', value: root, path: [], ancestors: undefined }
  ]
  while (stack.length > 0) {
    const frame = stack.pop()!
    ctx.path.length = base
    for (const segment of frame.path) ctx.path.push(segment)
    const value = frame.parent === undefined ? frame.value : readAt(ctx, frame.parent, frame.key)
    if (value === INVALID) continue
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) typeError(ctx, 'a JSON value', value)
      continue
    }
    if (typeof value !== 'object' || !(isArray(value) || isPlainObject(value))) {
      typeError(ctx, 'a JSON value', value)
      continue
    }
    if (isAncestor(value, frame.ancestors) || ctx.active.has(value)) {
      report(ctx, 'cyclic-reference', {})
      continue
    }
    if (frame.path.length >= MAX_JSON_DEPTH) {
      report(ctx, 'too-deep', { max: MAX_JSON_DEPTH })
      continue
    }
    const chain: Ancestors = { value, parent: frame.ancestors }
    const children: Frame[] = []
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        children.push({ parent: value, key: i, path: [...frame.path, i], ancestors: chain })
      }
    } else {
      for (const k of keysOf(ctx, value) ?? []) {
        children.push({ parent: value, key: k, path: [...frame.path, k], ancestors: chain })
      }
    }
    // Push in reverse so findings come out in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
  }
  ctx.path.length = base
}

// -------------------------------------------------------------------------------------
// constructors: objects
// -------------------------------------------------------------------------------------

export const req = <N extends AnyNode>(
  node: N,
  doc: string,
  extra: Omit<Field, 'node' | 'required' | 'doc'> = {}
): Field<N, true> => ({ node, required: true, doc, ...extra })

export const opt = <N extends AnyNode>(
  node: N,
  doc: string,
  extra: Omit<Field, 'node' | 'required' | 'doc'> = {}
): Field<N, false> => ({ node, required: false, doc, ...extra })

export type Fields = Readonly<Record<string, Field>>

type Simplify<T> = { [K in keyof T]: T[K] } & {}

export type StructType<F extends Fields> = Simplify<
  {
    readonly [K in keyof F as F[K]['required'] extends true ? K : never]: TypeOf<F[K]['node']>
  } & {
    readonly [K in keyof F as F[K]['required'] extends true ? never : K]?: TypeOf<F[K]['node']>
  }
>

/** What a rule across the fields of one object can see and say. */
export interface RuleContext {
  readonly view: StructView
  /** The effective value of a field (undefined when absent or invalid). */
  readonly get: (key: string) => Effective | undefined
  /** Whether the field is present under either spelling, valid or not. */
  readonly has: (key: string) => boolean
  /** The value as given (valid or not), under whichever spelling was used. */
  readonly raw: (key: string) => unknown
  /** Reports at the given field (under the spelling used) or at the object itself. */
  readonly report: <C extends IssueCode>(
    code: C,
    params: IssueParams<C>,
    options?: { readonly at?: string | ReadonlyArray<string | number>; readonly hint?: string }
  ) => void
}

export type Rule = (r: RuleContext) => void

export interface StructOptions {
  /** How messages name the object: `talk`, `the phone endpoint`. */
  readonly owner: string
  readonly unknownKeys?: 'report' | 'allow'
  readonly rules?: ReadonlyArray<Rule>
  /**
   * Webhooks: an optional field whose value is `null` passes and decodes as absent (real
   * payloads send `null` for fields they have no value for).
   */
  readonly nullAsAbsent?: boolean
  /**
   * `report` (the default): an alias is a non-canonical spelling, reported as such. `accept`
   * (webhooks): an alias is a name the Voice API also sends, taken silently; the canonical
   * key wins when both are present.
   */
  readonly aliases?: 'report' | 'accept'
}

export const struct = <F extends Fields>(
  name: string,
  fields: F,
  options: StructOptions
): StructNode<StructType<F>> => {
  const named: NamedField[] = Object.keys(fields).map((k) => ({ name: k, ...fields[k]! }))
  const byKey = new Map<string, NamedField>()
  const aliasOf = new Map<string, NamedField>()
  for (const f of named) {
    byKey.set(f.name, f)
    for (const a of f.aliases ?? []) aliasOf.set(a, f)
  }
  const unknownKeys = options.unknownKeys ?? 'report'
  const rules = options.rules ?? []
  const nullAsAbsent = options.nullAsAbsent === true
  const reportAliases = options.aliases !== 'accept'
  const spec = { kind: 'struct', fields: named, unknownKeys } as const
  return new StructNode<StructType<F>>(name, spec, (u, ctx) => {
    if (!isPlainObject(u)) return typeError(ctx, 'an object', u)
    return enter(u, ctx, () => {
      const values = new Map<string, Effective>()
      /** Canonical key → key used; also the set of fields present. */
      const keys = new Map<string, string>()
      const extras: Array<readonly [string, unknown]> = []
      const before = ctx.errors
      const ownKeys = keysOf(ctx, u)
      if (ownKeys === undefined) return INVALID
      for (const key of ownKeys) {
        ctx.path.push(key)
        const value = readAt(ctx, u, key)
        let field = byKey.get(key)
        if (field === undefined) {
          field = aliasOf.get(key)
          if (field !== undefined && reportAliases) {
            const canonical = field.name
            report(
              ctx,
              'non-canonical-key',
              { key, canonical, owner: options.owner },
              { hint: `use "${canonical}"` }
            )
            if (Object.prototype.hasOwnProperty.call(u, canonical)) {
              report(ctx, 'conflicting-spellings', { key, canonical })
            }
          }
        }
        if (field === undefined) {
          if (unknownKeys === 'allow') extras.push([key, value])
          else {
            const close = didYouMean(key, byKey.keys())
            report(
              ctx,
              'unknown-key',
              { key, owner: options.owner },
              close === undefined ? {} : { hint: `did you mean "${close}"?` }
            )
          }
          ctx.path.pop()
          continue
        }
        const canonical = field.name
        if (keys.has(canonical) && key !== canonical) {
          // The canonical spelling wins over a stand-in; it was checked already.
          ctx.path.pop()
          continue
        }
        if (value === null && nullAsAbsent && !field.required) {
          keys.set(canonical, key)
          values.set(canonical, ABSENT)
          ctx.path.pop()
          continue
        }
        const r = checkValue(field.node, value, ctx)
        keys.set(canonical, key)
        if (r !== INVALID) values.set(canonical, r)
        else values.delete(canonical)
        ctx.path.pop()
      }
      for (const f of named) {
        if (f.required && !keys.has(f.name)) {
          ctx.path.push(f.name)
          report(ctx, 'missing-required', { key: f.name, owner: options.owner })
          ctx.path.pop()
        }
      }
      const view: { -readonly [K in keyof StructView]: StructView[K] } = {
        kind: 'view',
        values,
        keys,
        path: [...ctx.path],
        invalid: false,
        extras
      }
      if (rules.length > 0) {
        const rc: RuleContext = {
          view,
          get: (k) => values.get(k),
          has: (k) => keys.has(k),
          raw: (k) => {
            const actual = keys.get(k)
            return actual === undefined ? undefined : u[actual]
          },
          report: (code, params, o = {}) => {
            const target =
              o.at === undefined ? [] : typeof o.at === 'string' ? [keys.get(o.at) ?? o.at] : o.at
            report(ctx, code, params, {
              at: target,
              ...(o.hint === undefined ? {} : { hint: o.hint })
            })
          }
        }
        for (const rule of rules) rule(rc)
      }
      view.invalid = ctx.errors > before
      return view
    })
  })
}

/**
 * A union of objects told apart by a string key (`action`, `type`). An unknown value is
 * reported at that key, with a did-you-mean hint.
 */
export const taggedUnion = <M extends ReadonlyArray<AnyStruct>>(
  name: string,
  discriminator: string,
  members: M,
  options: {
    readonly owner: string
    readonly unknownCode: 'unknown-action' | 'unknown-endpoint-type'
    readonly removed?: Readonly<Record<string, string>>
  }
): Node<TypeOf<M[number]>> => {
  const byTag = new Map<string, AnyStruct>()
  for (const m of members) {
    const tagField = m.fields.find((f) => f.name === discriminator)
    const spec = tagField?.node.spec
    if (spec === undefined || spec.kind !== 'enum' || spec.values.length !== 1) {
      throw new Error(`${m.name} has no literal "${discriminator}" field`)
    }
    byTag.set(spec.values[0]!, m)
  }
  const removed = options.removed ?? {}
  const allowed = [...byTag.keys()]
  return new Node(
    name,
    { kind: 'union', discriminator, members, unknownCode: options.unknownCode, removed },
    (u, ctx) => {
      if (!isPlainObject(u)) return typeError(ctx, 'an object', u)
      if (!Object.prototype.hasOwnProperty.call(u, discriminator)) {
        at(ctx, discriminator, () =>
          report(ctx, 'missing-required', { key: discriminator, owner: options.owner })
        )
        return INVALID
      }
      ctx.path.push(discriminator)
      const tag = readAt(ctx, u, discriminator)
      if (typeof tag !== 'string') {
        if (tag !== INVALID) typeError(ctx, 'a string', tag)
        ctx.path.pop()
        return INVALID
      }
      ctx.path.pop()
      const member = byTag.get(tag)
      if (member === undefined) {
        const why = Object.prototype.hasOwnProperty.call(removed, tag) ? removed[tag] : undefined
        at(ctx, discriminator, () => {
          if (why !== undefined) report(ctx, 'removed-action', { actual: tag, why })
          else {
            const close = didYouMean(tag, allowed)
            const hint = close === undefined ? {} : { hint: `did you mean "${close}"?` }
            if (options.unknownCode === 'unknown-action')
              report(ctx, 'unknown-action', { actual: describeValue(tag) }, hint)
            else report(ctx, 'unknown-endpoint-type', { actual: describeValue(tag), allowed }, hint)
          }
        })
        return INVALID
      }
      return member.check(u, ctx)
    }
  )
}

/** Narrows a node's static type to what its rules enforce (the rules must enforce it). */
export const narrow = <B>(node: AnyNode): Node<B> => node as Node<B>

// -------------------------------------------------------------------------------------
// constructors: what the Voice API sends (tolerant readings)
// -------------------------------------------------------------------------------------

const NUMERIC = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/

/**
 * A number that may arrive as a numeric string (`"0.02"`, `"45"`): webhooks send both. A
 * blank string decodes as absent. Either form is read as its number, with no finding.
 */
export const numeric = (options: { readonly integer?: boolean } = {}): Node<number> => {
  const integer = options.integer === true
  const expected = integer ? 'an integer or a string of one' : 'a number or a numeric string'
  return new Node<number>(
    integer ? 'integer' : 'number',
    { kind: 'number', integer, strings: 'accept' },
    (u, ctx) => {
      let n: number
      if (typeof u === 'number' && Number.isFinite(u)) n = u
      else if (typeof u === 'string' && u.trim() === '') return ABSENT
      else if (typeof u === 'string' && NUMERIC.test(u.trim())) n = Number(u.trim())
      else return typeError(ctx, expected, u)
      if (integer && !Number.isInteger(n)) {
        report(ctx, 'not-an-integer', { key: keyLabel(ctx.path), actual: String(n) })
        return INVALID
      }
      return n
    }
  )
}

/** A boolean that may arrive as the string `"true"` or `"false"` (a GET query). */
export const flag: Node<boolean> = new Node<boolean>(
  'boolean',
  { kind: 'boolean', strings: 'accept' },
  (u, ctx) => {
    if (typeof u === 'boolean') return u
    if (u === 'true' || u === 'false') return u === 'true'
    return typeError(ctx, 'a boolean', u)
  }
)

/**
 * An open enum: `values` are the documented ones, and any other string is kept as it is
 * (Vonage adds values without notice). The type offers the known literals to the editor.
 */
export const openEnum = <const V extends string>(
  values: ReadonlyArray<V>
): Node<V | (string & {})> =>
  new Node<V | (string & {})>(
    values.length === 0 ? 'string' : `${values.join(' | ')} | string`,
    { kind: 'string', nonEmpty: false, known: values },
    (u, ctx) => (typeof u === 'string' ? u : typeError(ctx, 'a string', u))
  )

/** A string field whose blank value (`""`) means "no value": it decodes as absent. */
export const blankAsAbsent = <A>(inner: Node<A>): Node<A> =>
  new Node<A>(inner.name, inner.spec, (u, ctx) =>
    typeof u === 'string' && u.trim() === '' ? ABSENT : inner.check(u, ctx)
  )

/** The longest JSON text a field may carry inside a query string before it is refused. */
export const MAX_JSON_TEXT = 1024 * 1024

/**
 * An object-valued field that may also arrive as JSON text: a GET query carries `custom_data`
 * or an input result's `dtmf` that way. Text that starts with `{` or `[` is parsed and then
 * checked by `inner`; anything else goes to `inner` as it is.
 */
export const jsonText = <A>(inner: Node<A>): Node<A> =>
  new Node<A>(inner.name, inner.spec, (u, ctx) => {
    if (typeof u !== 'string') return inner.check(u, ctx)
    const text = u.trim()
    if (!text.startsWith('{') && !text.startsWith('[')) return inner.check(u, ctx)
    if (text.length > MAX_JSON_TEXT) {
      report(ctx, 'invalid-json', {
        key: keyLabel(ctx.path),
        reason: `it is longer than ${MAX_JSON_TEXT} characters`
      })
      return INVALID
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (e) {
      report(ctx, 'invalid-json', {
        key: keyLabel(ctx.path),
        reason: e instanceof Error ? e.message : 'it does not parse'
      })
      return INVALID
    }
    return inner.check(parsed, ctx)
  })

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The decoded reading of a checked value: objects become plain objects with their known
 * fields' decoded values (absent ones left out) followed by the unknown keys as received;
 * arrays are decoded item by item; scalars are their effective value. Call it only on a value
 * that checked without errors.
 */
export const materialize = (effective: Effective): unknown => {
  if (isView(effective)) {
    const out: Record<string, unknown> = {}
    for (const key of effective.keys.keys()) {
      if (!effective.values.has(key)) continue
      const v = effective.values.get(key)
      if (v !== ABSENT) defineValue(out, key, materialize(v))
    }
    for (const [key, value] of effective.extras) {
      if (!Object.prototype.hasOwnProperty.call(out, key)) defineValue(out, key, value)
    }
    return out
  }
  if (Array.isArray(effective)) return effective.map(materialize)
  return effective
}

/** Sets an own property, even `__proto__`, without invoking any setter. */
const defineValue = (o: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })
}
