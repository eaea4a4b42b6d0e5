/**
 * The compiled validators and the interpreter are the same validator: on generated valid
 * documents, on documents with one to three mutations, and on anything at all, in both
 * profiles, `validateNcco` / `validateCallV1` / `validateCallV2` (compiled first) return
 * exactly what the interpreter alone returns (every finding with its code, path, severity,
 * message and hint, or the input itself with its warnings). The compiled pass itself fails
 * over to the interpreter exactly when the document has an error: a document with warnings
 * only stays on the compiled road.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CreateCallV1Request,
  CreateCallV2Request,
  Ncco,
  validateCallV1,
  validateCallV2,
  validateNcco
} from '../../src/index.js'
import type { Issue, Profile, ValidateOptions } from '../../src/index.js'
import { compiledCallV1, compiledCallV2, compiledNcco } from '../../src/generated/validators.js'
import { CollectedFindings, FAILED } from '../../src/internal/compiled.js'
import type { CompiledValidator } from '../../src/internal/compiled.js'
import type { AnyNode } from '../../src/internal/node.js'
import { interpretedValidatorFor } from '../../src/validate.js'
import { createCallV1, createCallV2, ncco } from '../arbitraries/documents.js'
import { deleteAt, replaceAt, sitesOf } from '../validator/spec-walk.js'
import type { Path } from '../validator/spec-walk.js'
import { hostileValue } from '../arbitraries/values.js'

type Validate = (
  input: unknown,
  options: ValidateOptions
) => E.Either<
  ReadonlyArray<Issue>,
  { readonly value: unknown; readonly warnings: ReadonlyArray<Issue> }
>

interface Kind {
  readonly name: string
  readonly root: AnyNode
  readonly arbitrary: fc.Arbitrary<unknown>
  readonly validate: Validate
  readonly interpreted: Validate
  readonly compiled: CompiledValidator
}

const kinds: ReadonlyArray<Kind> = [
  {
    name: 'NCCO',
    root: Ncco,
    arbitrary: ncco,
    validate: validateNcco,
    interpreted: interpretedValidatorFor(Ncco),
    compiled: compiledNcco
  },
  {
    name: 'v1 create-call request',
    root: CreateCallV1Request,
    arbitrary: createCallV1,
    validate: validateCallV1,
    interpreted: interpretedValidatorFor(CreateCallV1Request),
    compiled: compiledCallV1
  },
  {
    name: 'v2 create-call request',
    root: CreateCallV2Request,
    arbitrary: createCallV2,
    validate: validateCallV2,
    interpreted: interpretedValidatorFor(CreateCallV2Request),
    compiled: compiledCallV2
  }
]

const profiles: ReadonlyArray<Profile> = ['strict', 'lenient']

type Outcome = 'clean' | 'warnings' | 'errors'

/** Checks both readings agree on `doc` in `profile`, and says what the document had. */
const agree = (kind: Kind, doc: unknown, profile: Profile): Outcome => {
  const expected = kind.interpreted(doc, { profile })
  const actual = kind.validate(doc, { profile })
  expect(actual).toStrictEqual(expected)
  const fast = kind.compiled(doc, profile)
  if (E.isLeft(expected)) {
    // The interpreter, or the compiled pass having collected every finding itself.
    if (fast !== FAILED) expect(fast).toStrictEqual(new CollectedFindings(expected.left))
    return 'errors'
  }
  expect(E.isRight(actual) && actual.right.value).toBe(doc)
  expect(fast).toStrictEqual(expected.right.warnings)
  return expected.right.warnings.length > 0 ? 'warnings' : 'clean'
}

const counting = () => {
  const seen: Record<Outcome, number> = { clean: 0, warnings: 0, errors: 0 }
  return {
    seen,
    check: (kind: Kind, doc: unknown): void => {
      for (const profile of profiles) seen[agree(kind, doc, profile)]++
    }
  }
}

// -------------------------------------------------------------------------------------
// mutations
// -------------------------------------------------------------------------------------

const hostile = hostileValue

/** Values that are near misses: warnings in one profile, errors in the other, edge cases. */
const nearMiss = fc.constantFrom<unknown>(
  '',
  'true',
  'false',
  '0',
  '1',
  '2.5',
  '-1',
  '007',
  0,
  -0,
  0.05,
  7201,
  1e9,
  -1,
  true,
  null,
  [],
  {},
  'xx-XX',
  'en-gb',
  'en-GB',
  '+44 7700 900000',
  'Acme',
  '447700900000',
  'https://example.com/a',
  ['https://example.com/a'],
  ['https://example.com/a', 'https://example.com/b'],
  ['https://example.com/a', 'https://example.com/a'],
  'https://example.com/a',
  ['ftp://example.com/a'],
  ['dtmf', 'dtmf'],
  ['speech'],
  'sip:alice@example.com',
  'synchronous',
  'asynchronous',
  'conversation',
  'detect',
  'custom',
  '<speak>hi</speak>',
  '<b>hi</b>',
  'x'.repeat(1501),
  { 'User-to-User': 'abc' },
  { a: 1 },
  { big: 'x'.repeat(600) },
  'sip:' + 'a'.repeat(60) + '@example.com',
  'user',
  'example.com'
)

type Mutation =
  | { readonly op: 'replace'; readonly path: Path; readonly value: unknown }
  | { readonly op: 'stringify'; readonly path: Path }
  | { readonly op: 'delete'; readonly path: Path }
  | { readonly op: 'rename'; readonly path: Path; readonly to: string }
  | { readonly op: 'add'; readonly path: Path; readonly value: unknown }

const valueAt = (doc: unknown, path: Path): unknown => {
  let v = doc
  for (const s of path) v = (v as Record<string | number, unknown>)[s]
  return v
}

const apply = (doc: unknown, m: Mutation): unknown => {
  try {
    switch (m.op) {
      case 'replace':
      case 'add':
        return replaceAt(doc, m.path, m.value)
      case 'stringify': {
        const v = valueAt(doc, m.path)
        return typeof v === 'number' || typeof v === 'boolean'
          ? replaceAt(doc, m.path, String(v))
          : doc
      }
      case 'delete':
        return m.path.length === 0 ? doc : deleteAt(doc, m.path)
      case 'rename': {
        if (m.path.length === 0 || typeof m.path[m.path.length - 1] !== 'string') return doc
        const v = valueAt(doc, m.path)
        return replaceAt(deleteAt(doc, m.path), [...m.path.slice(0, -1), m.to], v)
      }
    }
  } catch {
    return doc // the path went away with an earlier mutation
  }
}

/** A valid document and one to three mutations of its parts, found by the descriptions. */
const mutated = (kind: Kind): fc.Arbitrary<unknown> =>
  kind.arbitrary.chain((doc) => {
    const sites = sitesOf(doc, kind.root)
    const keys = sites.structs.flatMap((s) =>
      s.spec.fields.flatMap((f) => [f.name, ...(f.aliases ?? [])])
    )
    const keyName = fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 }))
    const valueSite = fc.constantFrom(...sites.values)
    const structSite = fc.constantFrom(...sites.structs)
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      valueSite.chain((site) =>
        fc
          .oneof(hostile, nearMiss)
          .map((value): Mutation => ({ op: 'replace', path: site.path, value }))
      ),
      valueSite.map((site): Mutation => ({ op: 'stringify', path: site.path })),
      valueSite.map((site): Mutation => ({ op: 'delete', path: site.path })),
      fc.tuple(valueSite, keyName).map(([site, to]): Mutation => {
        const aliases = site.field?.aliases ?? []
        return { op: 'rename', path: site.path, to: aliases[0] ?? to }
      }),
      fc
        .tuple(structSite, keyName, fc.oneof(nearMiss, hostile))
        .map(([site, key, value]): Mutation => ({ op: 'add', path: [...site.path, key], value }))
    )
    return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(apply, doc))
  })

/** Valid values of each key of each object, taken from a sample of valid documents. */
const donorsOf = (
  kind: Kind
): ReadonlyMap<AnyNode, ReadonlyMap<string, ReadonlyArray<unknown>>> => {
  const out = new Map<AnyNode, Map<string, unknown[]>>()
  for (const doc of fc.sample(kind.arbitrary, { numRuns: 300, seed: 7 })) {
    for (const site of sitesOf(doc, kind.root).structs) {
      const byKey = out.get(site.node) ?? new Map<string, unknown[]>()
      out.set(site.node, byKey)
      for (const [key, value] of Object.entries(site.value)) {
        const values = byKey.get(key) ?? []
        if (values.length < 6) values.push(value)
        byKey.set(key, values)
      }
    }
  }
  return out
}

/**
 * A valid document with one to three keys of one of its objects set (to a valid value taken
 * from another document, a near miss, the value as a string, or anything) or removed: the
 * combinations that rules across fields read.
 */
const focused = (kind: Kind): fc.Arbitrary<unknown> => {
  const donors = donorsOf(kind)
  return kind.arbitrary.chain((doc) => {
    const structs = sitesOf(doc, kind.root).structs
    return fc.constantFrom(...structs).chain((site) => {
      const fields = site.spec.fields
      const keys = fields.flatMap((f) => [f.name, ...(f.aliases ?? [])])
      const byKey = donors.get(site.node)
      const edit = fc.constantFrom(...keys).chain((key) => {
        const canonical = fields.find((f) => f.name === key || (f.aliases ?? []).includes(key))
        const valid = byKey?.get(canonical?.name ?? key) ?? []
        const value = fc.oneof(
          { arbitrary: valid.length > 0 ? fc.constantFrom(...valid) : nearMiss, weight: 4 },
          { arbitrary: nearMiss, weight: 3 },
          { arbitrary: hostile, weight: 1 }
        )
        return fc.oneof(
          {
            arbitrary: value.map((v): Mutation => ({
              op: 'replace',
              path: [...site.path, key],
              value: v
            })),
            weight: 5
          },
          {
            arbitrary: fc.constant<Mutation>({ op: 'stringify', path: [...site.path, key] }),
            weight: 1
          },
          {
            arbitrary: fc.constant<Mutation>({ op: 'delete', path: [...site.path, key] }),
            weight: 1
          }
        )
      })
      return fc.array(edit, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(apply, doc))
    })
  })
}

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

describe.each(kinds)('$name: the compiled validator and the interpreter agree', (kind) => {
  it('on generated valid documents, in both profiles, on the compiled road', () => {
    const { seen, check } = counting()
    fc.assert(
      fc.property(kind.arbitrary, (doc) => check(kind, doc)),
      { numRuns: 200 }
    )
    expect(seen.errors).toBe(0)
  })

  it('on one to three mutations of a valid document', () => {
    const { seen, check } = counting()
    fc.assert(
      fc.property(mutated(kind), (doc) => check(kind, doc)),
      { numRuns: 600 }
    )
    // The mutations reach all three outcomes, so each road is exercised.
    expect(seen.clean).toBeGreaterThan(0)
    expect(seen.warnings).toBeGreaterThan(20)
    expect(seen.errors).toBeGreaterThan(100)
  })

  it('on one to three keys of one object set or removed', () => {
    const { seen, check } = counting()
    fc.assert(
      fc.property(focused(kind), (doc) => check(kind, doc)),
      { numRuns: 1000 }
    )
    expect(seen.warnings).toBeGreaterThan(20)
  })

  it('on anything at all', () => {
    const { check } = counting()
    fc.assert(
      fc.property(hostile, (doc) => check(kind, doc)),
      { numRuns: 300 }
    )
  })
})

describe('the NCCO: anything as an action, and actions of anything', () => {
  it('agree', () => {
    const { check } = counting()
    const nccoKind = kinds[0]!
    const action = fc
      .tuple(
        fc.constantFrom(
          'record',
          'conversation',
          'connect',
          'talk',
          'stream',
          'input',
          'notify',
          'wait',
          'transfer'
        ),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom('text', 'bargeIn', 'loop', 'eventUrl', 'endpoint', 'type'),
            fc.string({ maxLength: 8 })
          ),
          fc.oneof(nearMiss, hostile),
          { maxKeys: 4 }
        )
      )
      .map(([name, rest]) => ({ action: name, ...rest }))
    fc.assert(
      fc.property(fc.array(fc.oneof(hostile, action), { minLength: 1, maxLength: 4 }), (doc) =>
        check(nccoKind, doc)
      ),
      { numRuns: 300 }
    )
  })
})

// -------------------------------------------------------------------------------------
// every field, every near miss
// -------------------------------------------------------------------------------------

/** One place of each field of each object, found in a sample of valid documents. */
interface Place {
  readonly doc: unknown
  readonly path: Path
  readonly aliases: ReadonlyArray<string>
}

const fieldPlaces = (kind: Kind): ReadonlyArray<Place> => {
  const seen = new Set<string>()
  const out: Place[] = []
  for (const doc of fc.sample(kind.arbitrary, { numRuns: 400, seed: 12 })) {
    for (const site of sitesOf(doc, kind.root).values) {
      const id = `${site.node.name}:${site.field?.name ?? ''}:${site.path.filter((p) => typeof p === 'string').join('/')}`
      if (seen.has(id)) continue
      seen.add(id)
      out.push({ doc, path: site.path, aliases: site.field?.aliases ?? [] })
    }
  }
  return out
}

/** Reverses the keys of the object at `path` (the order findings come out in). */
const reversed = (doc: unknown, path: Path): unknown => {
  const target = valueAt(doc, path)
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return doc
  const flipped = Object.fromEntries(Object.entries(target).reverse())
  return path.length === 0 ? flipped : replaceAt(doc, path, flipped)
}

/** Every boolean and number of the object at `path` given as a string. */
const allStringified = (doc: unknown, path: Path): unknown => {
  const target = valueAt(doc, path)
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return doc
  const out = Object.fromEntries(
    Object.entries(target).map(([k, v]) => [
      k,
      typeof v === 'number' || typeof v === 'boolean' ? String(v) : v
    ])
  )
  return path.length === 0 ? out : replaceAt(doc, path, out)
}

/** One place of each object of the descriptions, found in a sample of valid documents. */
const structPlaces = (
  kind: Kind
): ReadonlyArray<{
  readonly doc: unknown
  readonly path: Path
  readonly keys: ReadonlyArray<string>
}> => {
  const seen = new Set<AnyNode>()
  const out: Array<{
    readonly doc: unknown
    readonly path: Path
    readonly keys: ReadonlyArray<string>
  }> = []
  for (const doc of fc.sample(kind.arbitrary, { numRuns: 400, seed: 12 })) {
    for (const site of sitesOf(doc, kind.root).structs) {
      if (seen.has(site.node)) continue
      seen.add(site.node)
      out.push({
        doc,
        path: site.path,
        keys: site.spec.fields.flatMap((f) => [f.name, ...(f.aliases ?? [])])
      })
    }
  }
  return out
}

describe.each(kinds)('$name: every key of every object with every near miss', (kind) => {
  it('agrees, and documents with warnings only stay on the compiled road', () => {
    const { seen, check } = counting()
    const values = [...new Set(fc.sample(nearMiss, { numRuns: 300, seed: 4 }))]
    for (const { doc, path, keys } of structPlaces(kind)) {
      for (const key of keys) {
        for (const value of values) check(kind, replaceAt(doc, [...path, key], value))
      }
    }
    expect(seen.warnings).toBeGreaterThan(100)
  })
})

describe.each(kinds)('$name: every field with every near miss', (kind) => {
  it('agrees, and documents with warnings only stay on the compiled road', () => {
    const { seen, check } = counting()
    const misses = fc.sample(nearMiss, { numRuns: 200, seed: 3 })
    const distinct = [...new Set(misses)]
    for (const { doc, path, aliases } of fieldPlaces(kind)) {
      for (const value of distinct) check(kind, replaceAt(doc, path, value))
      check(kind, apply(doc, { op: 'stringify', path }))
      check(kind, apply(doc, { op: 'delete', path }))
      const parent = path.slice(0, -1)
      check(kind, reversed(doc, parent))
      check(kind, reversed(allStringified(doc, parent), parent))
      check(kind, apply(doc, { op: 'add', path: [...parent, 'voicename'], value: 1 }))
      for (const alias of aliases) {
        // A stand-in spelling alone, and both spellings together.
        check(kind, apply(doc, { op: 'rename', path, to: alias }))
        check(kind, apply(doc, { op: 'add', path: [...parent, alias], value: valueAt(doc, path) }))
      }
    }
    expect(seen.warnings).toBeGreaterThan(100)
  })
})

// -------------------------------------------------------------------------------------
// by hand
// -------------------------------------------------------------------------------------

describe('edge cases by hand', () => {
  const nccoKind = kinds[0]!
  const outcome = (doc: unknown, profile: Profile): Outcome => agree(nccoKind, doc, profile)

  it('a number written with 400 digits is Infinity, clamped with a warning (lenient)', () => {
    const doc = [{ action: 'wait', timeout: '9'.repeat(400) }]
    expect(outcome(doc, 'lenient')).toBe('warnings')
    expect(compiledNcco(doc, 'lenient')).not.toBe(FAILED)
    expect(outcome(doc, 'strict')).toBe('errors')
  })

  it('two stand-in spellings and stringly values keep the document order of their warnings', () => {
    const doc = [
      {
        action: 'connect',
        advanced_machine_detection: { beepTimeout: '45', behavior: 'continue' },
        endpoint: [{ type: 'phone', number: '447700900001' }],
        timeout: '30'
      }
    ]
    expect(outcome(doc, 'lenient')).toBe('warnings')
    const fast = compiledNcco(doc, 'lenient')
    expect(
      fast !== FAILED && !(fast instanceof CollectedFindings) && fast.map((i) => i.path)
    ).toEqual([
      '/0/advanced_machine_detection',
      '/0/advanced_machine_detection/beepTimeout',
      '/0/advanced_machine_detection/beepTimeout',
      '/0/timeout'
    ])
  })

  it('a getter that validates while it is read gets its own run', () => {
    const inner = [{ action: 'talk', text: 'inner', voiceName: 'Amy' }]
    let innerResult: unknown
    const action = {
      action: 'talk',
      get text(): string {
        innerResult = validateNcco(inner)
        return 'outer'
      }
    }
    expect(outcome([action], 'strict')).toBe('clean')
    expect(innerResult).toStrictEqual(interpretedValidatorFor(Ncco)(inner))
  })
})
