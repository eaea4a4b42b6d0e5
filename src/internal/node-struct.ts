/**
 * Objects in the description language: fields, the struct checker (keys in the document's
 * order, stand-in spellings, unknown keys, required fields, the rules across fields), tagged
 * unions, and `materialize`, the decoded reading of a checked object.
 */
import type { IssueCode, IssueParams } from '../issue.js'
import { enterWith } from './node-containers.js'
import {
  ABSENT,
  INVALID,
  Node,
  StructNode,
  at,
  checkValue,
  described,
  isView,
  keysOf,
  readAt,
  report,
  typeError
} from './node-model.js'
import type {
  AnyNode,
  AnyStruct,
  CheckContext,
  CheckFn,
  Effective,
  Field,
  NamedField,
  StructView,
  TypeOf
} from './node-model.js'
import { describeValue, didYouMean, isPlainObject, moveIntoHint } from './text.js'

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

/**
 * A rule across the fields of one object, in its report form: it reports what it finds. It
 * may carry a test form for the generated validators (see `rule`).
 */
export interface Rule {
  (r: RuleContext): void
  /**
   * The test form: true when the report form would report nothing on `u`, an object whose
   * fields all passed and are spelled canonically (a lenient reading coerces `"true"` to true,
   * so a test reads either). It may say false when unsure: the report form then decides.
   */
  readonly passes?: (u: Readonly<Record<string, unknown>>) => boolean
}

/** A rule with its test form next to its report form; an equivalence test keeps them agreeing. */
export const rule = (
  report: (r: RuleContext) => void,
  passes: (u: Readonly<Record<string, unknown>>) => boolean
): Rule => Object.assign((r: RuleContext) => report(r), { passes })

/** What a test form reads of a boolean field: `true`, or `"true"` in the lenient profile. */
export const isTrue = (v: unknown): boolean => v === true || v === 'true'

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

/** The fields of an object's nested objects (`dtmf`: `timeOut`, `maxDigits`, …), by field. */
type NestedKeys = ReadonlyArray<readonly [field: string, keys: ReadonlyArray<string>]>

/**
 * The nested keys of every struct, by its owner and field names: what both the interpreter and
 * the generated validators (which know only those two) read to make the same hint.
 */
const nestedByShape = new Map<string, NestedKeys>()

const shapeOf = (owner: string, names: ReadonlyArray<string>): string =>
  [owner, ...names].join('\u0000')

/** Nested keys by the array of field names they were looked up with (those never change). */
const nestedByNames = new WeakMap<ReadonlyArray<string>, NestedKeys>()

const nestedKeysOf = (owner: string, names: ReadonlyArray<string>): NestedKeys => {
  const known = nestedByNames.get(names)
  if (known !== undefined) return known
  const found = nestedByShape.get(shapeOf(owner, names)) ?? []
  nestedByNames.set(names, found)
  return found
}

/**
 * The hint of an unknown key of the object `owner` with fields `names`: a key of one of its
 * nested objects belongs in it (`maxDigits` at the top of an input, the commonest slip, goes
 * into `dtmf`); else a did-you-mean among the object's own fields; else among the nested
 * objects' fields. The generated validators call it too, so both readings hint alike.
 */
export const unknownKeyHint = (
  key: string,
  owner: string,
  names: ReadonlyArray<string>
): string | undefined => {
  const nested = nestedKeysOf(owner, names)
  for (const [field, keys] of nested) if (keys.includes(key)) return moveIntoHint(field, key)
  const close = didYouMean(key, names)
  if (close !== undefined) return `did you mean "${close}"?`
  for (const [field, keys] of nested) {
    const nestedClose = didYouMean(key, keys)
    if (nestedClose !== undefined) return moveIntoHint(field, nestedClose)
  }
  return undefined
}

export const struct = <F extends Fields>(
  name: string,
  fields: F,
  options: StructOptions
): StructNode<StructType<F>> => {
  const named: NamedField[] = Object.keys(fields).map((k) => ({ name: k, ...fields[k]! }))
  const fieldNames = named.map((f) => f.name)
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
  const nested: NestedKeys = named.flatMap((f) =>
    f.node.spec.kind === 'struct' ? [[f.name, f.node.spec.fields.map((n) => n.name)] as const] : []
  )
  const shape = shapeOf(options.owner, fieldNames)
  // Two objects of one owner with the same fields would share the first one's nested keys;
  // the objects of the same name and fields in NCCOs and create-call have the same ones.
  if (nested.length > 0 && !nestedByShape.has(shape)) nestedByShape.set(shape, nested)
  const check: CheckFn = (u, ctx) => {
    if (!isPlainObject(u)) return typeError(ctx, 'an object', u)
    return enterWith(u, ctx, checkFields)
  }
  const checkFields = (u: Readonly<Record<string, unknown>>, ctx: CheckContext): Effective => {
    {
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
            const hint = unknownKeyHint(key, options.owner, fieldNames)
            report(
              ctx,
              'unknown-key',
              { key, owner: options.owner },
              hint === undefined ? {} : { hint }
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
    }
  }
  return described(new StructNode<StructType<F>>(name, spec, check, undefined, options))
}

/** The literal value of a union member's discriminator field (`talk`, `phone`). */
export const tagOf = (member: AnyStruct, discriminator: string): string => {
  const spec = member.fields.find((f) => f.name === discriminator)?.node.spec
  if (spec === undefined || spec.kind !== 'enum' || spec.values.length !== 1) {
    throw new Error(`${member.name} has no literal "${discriminator}" field`)
  }
  return spec.values[0]!
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
  for (const m of members) byTag.set(tagOf(m, discriminator), m)
  const removed = options.removed ?? {}
  const allowed = [...byTag.keys()]
  const node = new Node<TypeOf<M[number]>>(
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
  return described(node)
}

/** Narrows a node's static type to what its rules enforce (the rules must enforce it). */
export const narrow = <B>(node: AnyNode): Node<B> => node as Node<B>

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
