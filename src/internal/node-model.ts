/**
 * The model of the description language: what a node is (a spec, a checker, an io-ts codec),
 * the check context, and how checkers report, read values and recurse. The constructors live
 * in node-scalars.ts, node-containers.ts and node-struct.ts; node.ts exports them all.
 */
import * as t from 'io-ts/lib/index.js'
import { makeIssue } from '../issue.js'
import type { Issue, IssueCode, IssueParams, Profile } from '../issue.js'
import type { StringFormat } from './formats.js'
import type { CompiledForm } from './compiled.js'
import type { StructOptions } from './node-struct.js'
import { describeType, toPointer } from './text.js'

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
  /**
   * Objects and arrays on the current path, to find cycles in values passed from code. A
   * stack: the descriptions nest a few levels deep, so a scan beats hashing.
   */
  readonly active: Array<object>
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
  /** How the generated validators read a node whose checker is written by hand. */
  readonly compiled: CompiledForm | undefined
  /**
   * What io-ts `decode` succeeds with: by default (the validator's nodes) the very value
   * given; a webhook codec gives its decoded reading instead (see `materialize`).
   */
  constructor(name: string, spec: Spec, check: CheckFn, output?: Output, compiled?: CompiledForm) {
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
    this.compiled = compiled
    const interpreted = this.is
    // The generated validators install a compiled `is` (see `installGuards`); until then, and
    // whenever it cannot decide, the interpreter answers.
    ;(this as { is: t.Is<A> }).is = (u): u is A => {
      const guard = this.guard
      if (guard !== undefined) {
        const verdict = guard(u)
        if (verdict !== undefined) return verdict
      }
      return interpreted(u)
    }
  }

  /**
   * The compiled `is`: true or false when it can tell, undefined to ask the interpreter.
   * Set once, by the generated validators' module.
   */
  guard: ((u: unknown) => boolean | undefined) | undefined = undefined
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
  /** The options the struct was made with (its rules, for the generated validators). */
  readonly options: StructOptions
  constructor(
    name: string,
    spec: Spec & { kind: 'struct' },
    check: CheckFn,
    output?: Output,
    options: StructOptions = { owner: name }
  ) {
    super(name, spec, check, output)
    this.fields = spec.fields
    this.options = options
  }
}

/**
 * Nodes made by the constructors of this module, whose checker does exactly what their spec
 * says: the validator generator may read them from the spec alone. A node written by hand
 * needs a compiled form instead.
 */
const bySpec = new WeakSet<AnyNode>()

/** Marks a node made by a constructor of the description language (see `bySpec`). */
export const described = <N extends AnyNode>(node: N): N => {
  bySpec.add(node)
  return node
}

/** Whether the node's checker is the one its spec describes (see `bySpec`). */
export const isDescribedBySpec = (node: AnyNode): boolean => bySpec.has(node)

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
  const ctx: CheckContext = { profile, issues: [], path: [], active: [], errors: 0 }
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

/** Reports an `invalid-type` finding at the current path. */
export const typeError = (
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
