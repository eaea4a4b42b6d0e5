/**
 * The test arbitraries are hand-written, so they are tested to agree with the one description
 * of each field (`node.spec`): the keys they generate, the keys they must always generate, the
 * keys they ever generate, the ends of every documented range and every documented value.
 * A field added to a description without an arbitrary fails here.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCallV1Struct } from '../../src/call/v1.js'
import { createCallV2Struct } from '../../src/call/v2.js'
import { Ncco, TalkAction, validatorFor } from '../../src/index.js'
import type { AnyNode, Spec } from '../../src/internal/node.js'
import { createCallV1, createCallV2, ncco } from '../arbitraries/documents.js'
import { structArbitraries } from '../arbitraries/registry.js'
import { leaves, pointer, reachableStructs, sitesOf, structSpec } from './spec-walk.js'

/** Fixed seeds: the samples, and so the verdicts, are the same on every run. */
const SAMPLES = { numRuns: 400, seed: 0x2_0251 }

/**
 * Fields the arbitraries leave out because any value draws a warning, and generated documents
 * draw none. Each entry is checked below to draw exactly that warning.
 */
const warningOnlyFields: ReadonlyArray<{
  readonly node: AnyNode
  readonly field: string
  readonly example: Readonly<Record<string, unknown>>
  readonly code: string
}> = [
  {
    node: TalkAction,
    field: 'voiceName',
    example: { action: 'talk', text: 'Hello', voiceName: 'Amy' },
    code: 'deprecated-voice-name'
  }
]

const leftOut = (node: AnyNode): ReadonlySet<string> =>
  new Set(warningOnlyFields.filter((w) => w.node === node).map((w) => w.field))

const roots = [Ncco, createCallV1Struct, createCallV2Struct]

const asRecord = (u: unknown): Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) throw new Error('not an object')
  return u as Readonly<Record<string, unknown>>
}

/** The range a generated number must cover: the hard range, or the soft one inside it. */
const coveredRange = (
  spec: Extract<Spec, { kind: 'number' }>
): { readonly min?: number; readonly max?: number } => spec.soft ?? spec

describe('the registry of arbitraries', () => {
  it('has an arbitrary for every object the descriptions define, and for nothing else', () => {
    const described = reachableStructs(roots).map((n) => n.name)
    const registered = structArbitraries.map((s) => s.node.name)
    expect([...registered].sort()).toEqual([...described].sort())
    // Names could repeat; identities may not.
    expect(new Set(structArbitraries.map((s) => s.node)).size).toBe(described.length)
    for (const node of reachableStructs(roots)) {
      expect(structArbitraries.some((s) => s.node === node)).toBe(true)
    }
  })

  it.each(warningOnlyFields)('leaves out $field only because it draws $code', (w) => {
    const result = validatorFor(w.node)(w.example)
    expect(result).toEqual({
      _tag: 'Right',
      right: {
        value: w.example,
        warnings: [expect.objectContaining({ code: w.code, path: `/${w.field}` })]
      }
    })
  })
})

describe.each(structArbitraries.map((s) => ({ name: s.node.name, ...s })))(
  'the $name arbitrary',
  ({ node, arbitrary }) => {
    const spec = structSpec(node)
    const samples = fc.sample(arbitrary, SAMPLES).map(asRecord)
    const names = spec.fields.map((f) => f.name)

    it('generates canonical field names only (no alias, no unknown key)', () => {
      for (const sample of samples) {
        for (const key of Object.keys(sample)) expect(names).toContain(key)
      }
    })

    it('always generates the required fields', () => {
      const required = spec.fields.filter((f) => f.required).map((f) => f.name)
      for (const sample of samples)
        expect(Object.keys(sample)).toEqual(expect.arrayContaining(required))
    })

    it('generates every field, and leaves out each optional field at times', () => {
      const skipped = leftOut(node)
      for (const f of spec.fields) {
        const count = samples.filter((s) => Object.prototype.hasOwnProperty.call(s, f.name)).length
        if (skipped.has(f.name)) expect(count, f.name).toBe(0)
        else if (f.required) expect(count, f.name).toBe(samples.length)
        else {
          expect(count, `${f.name} present`).toBeGreaterThan(0)
          expect(count, `${f.name} absent`).toBeLessThan(samples.length)
        }
      }
    })

    it('reaches both ends of every documented range and every documented value', () => {
      for (const f of spec.fields) {
        if (leftOut(node).has(f.name)) continue
        const fieldSpec = f.node.spec
        const itemSpec = fieldSpec.kind === 'array' ? fieldSpec.items.spec : fieldSpec
        const values = samples.flatMap((s) =>
          Object.prototype.hasOwnProperty.call(s, f.name) ? leaves(s[f.name]) : []
        )
        if (itemSpec.kind === 'number') {
          const numbers = values as ReadonlyArray<number>
          const { min, max } = coveredRange(itemSpec)
          if (min !== undefined) expect(Math.min(...numbers), `${f.name} min`).toBe(min)
          if (max !== undefined) expect(Math.max(...numbers), `${f.name} max`).toBe(max)
          if (itemSpec.integer) expect(numbers.every(Number.isInteger), f.name).toBe(true)
        }
        if (itemSpec.kind === 'enum') {
          expect(new Set(values), f.name).toEqual(new Set(itemSpec.values))
        }
        if (itemSpec.kind === 'string' && itemSpec.maxLength !== undefined) {
          const lengths = (values as ReadonlyArray<string>).map((s) => s.length)
          expect(Math.max(...lengths), `${f.name} length`).toBe(itemSpec.maxLength)
        }
      }
    })
  }
)

describe('whole generated documents', () => {
  const documents = [
    { name: 'NCCO', root: Ncco, arbitrary: ncco as fc.Arbitrary<unknown> },
    { name: 'v1 request', root: createCallV1Struct, arbitrary: createCallV1 },
    { name: 'v2 request', root: createCallV2Struct, arbitrary: createCallV2 }
  ]

  it('use every field of every object reachable from their root', () => {
    for (const { name, root, arbitrary } of documents) {
      const seen = new Map<AnyNode, Set<string>>()
      for (const doc of fc.sample(arbitrary, { numRuns: 600, seed: 0x2_0252 })) {
        for (const site of sitesOf(doc, root).structs) {
          const keys = seen.get(site.node) ?? new Set<string>()
          for (const key of Object.keys(site.value)) keys.add(key)
          seen.set(site.node, keys)
        }
      }
      for (const node of reachableStructs([root])) {
        const expected = structSpec(node)
          .fields.map((f) => f.name)
          .filter((f) => !leftOut(node).has(f))
        expect([...(seen.get(node) ?? [])].sort(), `${name}: ${node.name}`).toEqual(
          [...expected].sort()
        )
      }
    }
  })

  it('never share one object or array between two places (mutations rely on it)', () => {
    for (const { root, arbitrary } of documents) {
      for (const doc of fc.sample(arbitrary, { numRuns: 200, seed: 0x2_0253 })) {
        const owners = new Map<object, string>()
        for (const site of sitesOf(doc, root).values) {
          let value: unknown = doc
          for (const s of site.path) value = (value as Record<string | number, unknown>)[s]
          if (typeof value !== 'object' || value === null) continue
          const here = pointer(site.path)
          expect(owners.get(value) ?? here, here).toBe(here)
          owners.set(value, here)
        }
      }
    }
  })
})
