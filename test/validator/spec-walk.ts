/**
 * Walks a document alongside the field descriptions (`node.spec`), to find the places a test
 * can mutate: every object with its description, every checked value with its node, every
 * tagged object with its tag. The targets come from the descriptions, so a new field is a new
 * target without any change here.
 */
import fc from 'fast-check'
import type { AnyNode, NamedField, Spec } from '../../src/internal/node.js'

export type Path = ReadonlyArray<string | number>
export type StructSpec = Extract<Spec, { readonly kind: 'struct' }>
export type UnionSpec = Extract<Spec, { readonly kind: 'union' }>

/** RFC 6901, written here independently of the validator's own escaping. */
export const pointer = (path: Path): string =>
  path.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('')

export const structSpec = (node: AnyNode): StructSpec => {
  if (node.spec.kind !== 'struct') throw new Error(`${node.name} is not a struct`)
  return node.spec
}

/** The literal value of a union member's discriminator field (`talk`, `phone`). */
export const tagOf = (member: AnyNode, discriminator: string): string => {
  const field = structSpec(member).fields.find((f) => f.name === discriminator)
  const spec = field?.node.spec
  if (spec?.kind !== 'enum' || spec.values.length !== 1) {
    throw new Error(`${member.name} has no literal ${discriminator}`)
  }
  return spec.values[0]!
}

/** An object of the document and the description it was checked against. */
export interface StructSite {
  readonly path: Path
  readonly node: AnyNode
  readonly spec: StructSpec
  readonly value: Readonly<Record<string, unknown>>
}

/** A value the descriptions check: the document, a field's value or an array element. */
export interface ValueSite {
  readonly path: Path
  readonly node: AnyNode
  /** The field, when the value is a field of an object. */
  readonly field?: NamedField
}

/** An object told apart by a discriminator (an action, an endpoint). */
export interface UnionSite {
  readonly path: Path
  readonly spec: UnionSpec
  readonly tag: string
}

export interface Sites {
  readonly structs: ReadonlyArray<StructSite>
  readonly values: ReadonlyArray<ValueSite>
  readonly unions: ReadonlyArray<UnionSite>
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * Every site of a document that is valid against `root`. Throws when the document has a key
 * or a tag that the descriptions do not define (generated documents never have one).
 */
export const sitesOf = (doc: unknown, root: AnyNode): Sites => {
  const structs: StructSite[] = []
  const values: ValueSite[] = [{ path: [], node: root }]
  const unions: UnionSite[] = []
  const visit = (value: unknown, node: AnyNode, path: Path): void => {
    const spec = node.spec
    switch (spec.kind) {
      case 'struct': {
        if (!isRecord(value)) throw new Error(`${pointer(path)} is not an object`)
        structs.push({ path, node, spec, value })
        for (const key of Object.keys(value)) {
          const field = spec.fields.find((f) => f.name === key)
          if (field === undefined) throw new Error(`${pointer(path)}: ${key} is not a field`)
          values.push({ path: [...path, key], node: field.node, field })
          visit(value[key], field.node, [...path, key])
        }
        return
      }
      case 'union': {
        if (!isRecord(value)) throw new Error(`${pointer(path)} is not an object`)
        const tag = value[spec.discriminator]
        const member = spec.members.find((m) => tagOf(m, spec.discriminator) === tag)
        if (member === undefined || typeof tag !== 'string') {
          throw new Error(`${pointer(path)}: no member for ${String(tag)}`)
        }
        unions.push({ path, spec, tag })
        visit(value, member, path)
        return
      }
      case 'array': {
        if (!Array.isArray(value)) throw new Error(`${pointer(path)} is not an array`)
        value.forEach((item: unknown, i) => {
          values.push({ path: [...path, i], node: spec.items })
          visit(item, spec.items, [...path, i])
        })
        return
      }
      default:
        return
    }
  }
  visit(doc, root, [])
  return { structs, values, unions }
}

/** Every struct node reachable from the roots, each once. */
export const reachableStructs = (roots: ReadonlyArray<AnyNode>): ReadonlyArray<AnyNode> => {
  const seen = new Set<AnyNode>()
  const out: AnyNode[] = []
  const visit = (node: AnyNode): void => {
    if (seen.has(node)) return
    seen.add(node)
    const spec = node.spec
    if (spec.kind === 'struct') {
      out.push(node)
      for (const f of spec.fields) visit(f.node)
    } else if (spec.kind === 'union') {
      for (const m of spec.members) visit(m)
    } else if (spec.kind === 'array') {
      visit(spec.items)
    }
  }
  for (const r of roots) visit(r)
  return out
}

/** Every element of `value` (a field's value, or the elements when it is an array). */
export const leaves = (value: unknown): ReadonlyArray<unknown> =>
  Array.isArray(value) ? value : [value]

/** A deep copy of `doc` with the value at `path` replaced (the document itself when `[]`). */
export const replaceAt = (doc: unknown, path: Path, value: unknown): unknown => {
  if (path.length === 0) return value
  const copy: unknown = structuredClone(doc)
  const parent = parentAt(copy, path)
  Object.defineProperty(parent, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true
  })
  return copy
}

/** A deep copy of `doc` without the key at `path`. */
export const deleteAt = (doc: unknown, path: Path): unknown => {
  const copy: unknown = structuredClone(doc)
  const parent = parentAt(copy, path) as Record<string | number, unknown>
  delete parent[path[path.length - 1]!]
  return copy
}

const parentAt = (root: unknown, path: Path): object => {
  let v = root
  for (const s of path.slice(0, -1)) v = (v as Record<string | number, unknown>)[s]
  if (typeof v !== 'object' || v === null) throw new Error(`no parent at ${pointer(path)}`)
  return v
}

/**
 * A generated valid document with one of its sites picked by `pick` (documents without such a
 * site are skipped).
 */
export const withTargets = <T>(
  kind: { readonly arbitrary: fc.Arbitrary<unknown>; readonly root: AnyNode },
  pick: (sites: Sites) => ReadonlyArray<T>
): fc.Arbitrary<{ readonly doc: unknown; readonly target: T }> =>
  kind.arbitrary
    .map((doc) => ({ doc, targets: pick(sitesOf(doc, kind.root)) }))
    .filter(({ targets }) => targets.length > 0)
    .chain(({ doc, targets }) => fc.constantFrom(...targets).map((target) => ({ doc, target })))
