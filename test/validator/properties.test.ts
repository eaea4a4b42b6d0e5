/**
 * Property tests of the validator (issue 2): valid documents come back as given; one mutation
 * is reported at the mutated path; nothing makes the validator throw. The mutation targets
 * come from walking each generated document alongside the field descriptions.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { describe, expect, it } from 'vitest'
import {
  CreateCallV1Request,
  CreateCallV2Request,
  Ncco,
  issueCatalog,
  validateCallV1,
  validateCallV2,
  validateNcco
} from '../../src/index.js'
import type { Issue, Profile, ValidateOptions, Validated } from '../../src/index.js'
import { MAX_JSON_DEPTH } from '../../src/internal/node.js'
import type { AnyNode, Spec } from '../../src/internal/node.js'
import { createCallV1, createCallV2, ncco } from '../arbitraries/documents.js'
import { deleteAt, pointer, replaceAt, tagOf, withTargets } from './spec-walk.js'
import type { Path } from './spec-walk.js'
import { hostileValue } from '../arbitraries/values.js'

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

type Result = E.Either<ReadonlyNonEmptyArray<Issue>, Validated<unknown>>

interface Kind {
  readonly name: string
  readonly root: AnyNode
  readonly arbitrary: fc.Arbitrary<unknown>
  readonly validate: (input: unknown, options: ValidateOptions) => Result
}

const kinds: ReadonlyArray<Kind> = [
  { name: 'NCCO', root: Ncco, arbitrary: ncco, validate: validateNcco },
  {
    name: 'v1 create-call request',
    root: CreateCallV1Request,
    arbitrary: createCallV1,
    validate: validateCallV1
  },
  {
    name: 'v2 create-call request',
    root: CreateCallV2Request,
    arbitrary: createCallV2,
    validate: validateCallV2
  }
]

const profiles: ReadonlyArray<Profile> = ['strict', 'lenient']

const findingsOf = (r: Result): ReadonlyArray<Issue> => (E.isLeft(r) ? r.left : r.right.warnings)

type Brief = [code: string, path: string, severity: string]

const brief = (r: Result): Brief[] => findingsOf(r).map((i) => [i.code, i.path, i.severity])

const briefNcco = (doc: unknown, profile: Profile = 'strict'): Brief[] =>
  brief(validateNcco(doc, { profile }))

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const POINTER = /^(\/([^~/]|~[01])*)*$/

/** What any result must look like, whatever the input. */
const expectWellFormed = (r: Result, input: unknown): void => {
  const issues = findingsOf(r)
  for (const i of issues) {
    expect(Object.keys(issueCatalog)).toContain(i.code)
    expect(['error', 'warning']).toContain(i.severity)
    expect(i.path).toMatch(POINTER)
    expect(typeof i.message === 'string' && i.message.length > 0).toBe(true)
  }
  // Findings are plain data.
  expect(JSON.parse(JSON.stringify(issues))).toEqual(issues)
  if (E.isLeft(r)) expect(issues.some((i) => i.severity === 'error')).toBe(true)
  else {
    expect(r.right.value).toBe(input)
    expect(issues.every((i) => i.severity === 'warning')).toBe(true)
  }
}

/** The valid documents of a kind, with the targets `pick` finds in them (at least one). */
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/

const someObject = fc.constantFrom<unknown>({}, { text: 'x' }, new Date(0))
const someArray = fc.constantFrom<unknown>([], ['x'], [1, 2])

/**
 * A value of the wrong JSON type for a node. No stringly scalars (`"true"`, `"45"`): the
 * lenient profile accepts those with a warning.
 */
const wrongTypeFor = (spec: Spec): fc.Arbitrary<unknown> => {
  switch (spec.kind) {
    case 'string':
    case 'enum':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), someObject, someArray)
    case 'boolean':
      return fc.oneof(
        fc.integer(),
        fc.constant(null),
        someObject,
        someArray,
        fc.string().filter((s) => s !== 'true' && s !== 'false')
      )
    case 'number':
      return fc.oneof(
        fc.boolean(),
        fc.constant(null),
        someObject,
        someArray,
        fc.string().filter((s) => !DECIMAL.test(s))
      )
    case 'array':
    case 'urls':
      // Not a string: a bare string where URLs are expected is `url-not-array`.
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), someObject)
    case 'struct':
    case 'union':
    case 'jsonObject':
    case 'stringMap':
      return fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), someArray)
  }
}

const anythingHostile = hostileValue

const RUNS = { numRuns: 150 }

// -------------------------------------------------------------------------------------
// valid documents
// -------------------------------------------------------------------------------------

describe.each(kinds)('a valid $name', (kind) => {
  it('has no finding in either profile and comes back as the very input, unchanged', () => {
    fc.assert(
      fc.property(kind.arbitrary, (doc) => {
        const before = structuredClone(doc)
        const json = JSON.stringify(doc)
        for (const profile of profiles) {
          const r = kind.validate(doc, { profile })
          expect(brief(r)).toEqual([])
          expect(E.isRight(r) && r.right.value).toBe(doc)
        }
        expect(doc).toEqual(before)
        // Same keys in the same order.
        expect(JSON.stringify(doc)).toBe(json)
      }),
      { numRuns: 200 }
    )
  })

  it('decodes with the io-ts codec to the very input, and `is` holds', () => {
    fc.assert(
      fc.property(kind.arbitrary, (doc) => {
        const decoded = kind.root.decode(doc)
        expect(E.isRight(decoded) && decoded.right).toBe(doc)
        expect(kind.root.is(doc)).toBe(true)
      }),
      RUNS
    )
  })
})

// -------------------------------------------------------------------------------------
// one mutation, reported at the mutated path
// -------------------------------------------------------------------------------------

describe.each(kinds)('one mutation of a valid $name', (kind) => {
  it('a dropped required key is missing-required at the path it should have', () => {
    const targets = withTargets(kind, (s) =>
      s.structs.flatMap((site) =>
        site.spec.fields.filter((f) => f.required).map((f): Path => [...site.path, f.name])
      )
    )
    fc.assert(
      fc.property(targets, ({ doc, target }) => {
        const mutated = deleteAt(doc, target)
        for (const profile of profiles) {
          const r = kind.validate(mutated, { profile })
          expect(E.isLeft(r)).toBe(true)
          expect(brief(r)).toContainEqual(['missing-required', pointer(target), 'error'])
        }
      }),
      RUNS
    )
  })

  it('a value of the wrong type is invalid-type at its path', () => {
    const targets = withTargets(kind, (s) => s.values).chain(({ doc, target }) =>
      wrongTypeFor(target.node.spec).map((value) => ({ doc, target, value }))
    )
    fc.assert(
      fc.property(targets, ({ doc, target, value }) => {
        const mutated = replaceAt(doc, target.path, value)
        for (const profile of profiles) {
          const r = kind.validate(mutated, { profile })
          expect(E.isLeft(r)).toBe(true)
          expect(brief(r)).toContainEqual(['invalid-type', pointer(target.path), 'error'])
        }
      }),
      RUNS
    )
  })

  it('a number outside its documented range is out-of-range at its path, and only that', () => {
    const targets = withTargets(kind, (s) =>
      s.values.flatMap((site) => {
        const spec = site.node.spec
        return spec.kind === 'number' && (spec.min !== undefined || spec.max !== undefined)
          ? [{ path: site.path, spec }]
          : []
      })
    ).chain(({ doc, target }) => {
      const { min, max, integer } = target.spec
      const delta = integer
        ? fc.integer({ min: 1, max: 1_000_000 })
        : fc.double({ min: 0.001, max: 1e6, noNaN: true })
      const sides = [
        ...(min === undefined ? [] : [(d: number) => min - d]),
        ...(max === undefined ? [] : [(d: number) => max + d])
      ]
      return fc
        .tuple(fc.constantFrom(...sides), delta)
        .map(([side, d]) => ({ doc, path: target.path, value: side(d) }))
    })
    fc.assert(
      fc.property(targets, ({ doc, path, value }) => {
        const mutated = replaceAt(doc, path, value)
        for (const profile of profiles) {
          expect(brief(kind.validate(mutated, { profile }))).toEqual([
            ['out-of-range', pointer(path), 'error']
          ])
        }
      }),
      RUNS
    )
  })

  it('an unknown key is unknown-key at that key: an error in strict, a warning in lenient', () => {
    const keyName = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a/b~c', '')
    )
    const targets = withTargets(kind, (s) =>
      s.structs.filter((site) => site.spec.unknownKeys === 'report')
    ).chain(({ doc, target }) => {
      const known = new Set(target.spec.fields.flatMap((f) => [f.name, ...(f.aliases ?? [])]))
      return fc
        .tuple(
          keyName.filter((k) => !known.has(k)),
          fc.jsonValue({ maxDepth: 2 })
        )
        .map(([key, value]) => ({ doc, path: [...target.path, key], value }))
    })
    fc.assert(
      fc.property(targets, ({ doc, path, value }) => {
        const mutated = replaceAt(doc, path, value)
        const strict = kind.validate(mutated, { profile: 'strict' })
        expect(brief(strict)).toEqual([['unknown-key', pointer(path), 'error']])
        const lenient = kind.validate(mutated, { profile: 'lenient' })
        expect(brief(lenient)).toEqual([['unknown-key', pointer(path), 'warning']])
        expect(E.isRight(lenient) && lenient.right.value).toBe(mutated)
        // The io-ts codec says the same, with the pointer in its message.
        const decoded = kind.root.decode(mutated)
        expect(E.isLeft(decoded)).toBe(true)
        if (E.isLeft(decoded)) {
          expect(decoded.left.map((e) => e.message)).toEqual([
            expect.stringMatching(new RegExp(`^${escapeRegExp(pointer(path))}: `))
          ])
        }
        expect(kind.root.is(mutated)).toBe(false)
      }),
      RUNS
    )
  })

  it('an unknown action or endpoint type is reported at its discriminator', () => {
    const targets = withTargets(kind, (s) => s.unions).chain(({ doc, target }) => {
      const tags = new Set(target.spec.members.map((m) => tagOf(m, target.spec.discriminator)))
      const removed = Object.keys(target.spec.removed)
      return fc
        .string({ maxLength: 12 })
        .filter((name) => !tags.has(name) && !removed.includes(name))
        .map((name) => ({ doc, target, path: [...target.path, target.spec.discriminator], name }))
    })
    fc.assert(
      fc.property(targets, ({ doc, target, path, name }) => {
        const mutated = replaceAt(doc, path, name)
        for (const profile of profiles) {
          const r = kind.validate(mutated, { profile })
          expect(E.isLeft(r)).toBe(true)
          expect(brief(r)).toContainEqual([target.spec.unknownCode, pointer(path), 'error'])
        }
      }),
      RUNS
    )
  })
})

// -------------------------------------------------------------------------------------
// nothing makes the validator throw
// -------------------------------------------------------------------------------------

describe('no input makes the validator throw', () => {
  it.each(kinds)('anything as a $name', (kind) => {
    fc.assert(
      fc.property(anythingHostile, (u) => {
        for (const profile of profiles) expectWellFormed(kind.validate(u, { profile }), u)
      }),
      { numRuns: 300 }
    )
  })

  it('arrays of anything as an NCCO, and objects of anything as actions', () => {
    const action = fc
      .tuple(
        fc.constantFrom('record', 'conversation', 'connect', 'talk', 'stream', 'input', 'notify'),
        fc.dictionary(fc.string({ maxLength: 12 }), anythingHostile, { maxKeys: 4 })
      )
      .map(([name, rest]) => ({ action: name, ...rest }))
    fc.assert(
      fc.property(fc.array(fc.oneof(anythingHostile, action), { maxLength: 4 }), (u) => {
        for (const profile of profiles) expectWellFormed(validateNcco(u, { profile }), u)
      }),
      { numRuns: 300 }
    )
  })

  it.each(kinds)('anything in place of one value of a valid $name', (kind) => {
    const targets = withTargets(kind, (s) => s.values).chain(({ doc, target }) =>
      anythingHostile.map((value) => replaceAt(doc, target.path, value))
    )
    fc.assert(
      fc.property(targets, (mutated) => {
        for (const profile of profiles)
          expectWellFormed(kind.validate(mutated, { profile }), mutated)
      }),
      { numRuns: 300 }
    )
  })
})

// -------------------------------------------------------------------------------------
// hostile input, made by hand
// -------------------------------------------------------------------------------------

const eventUrl = ['https://example.com/event']
const notify = (payload: unknown): Record<string, unknown> => ({
  action: 'notify',
  payload,
  eventUrl
})

const throwingGetter = <T extends object>(target: T, key: string): T =>
  Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      throw new Error(`cannot read ${key}`)
    }
  })

describe('hostile input made by hand', () => {
  const DEPTH = 100_000

  it('a 100,000-deep object or array in a payload is too-deep once, at the depth limit', () => {
    const object: Record<string, unknown> = {}
    let o = object
    for (let i = 0; i < DEPTH; i++) {
      const next = {}
      o['x'] = next
      o = next
    }
    expect(briefNcco([notify(object)])).toEqual([
      ['too-deep', '/0/payload' + '/x'.repeat(MAX_JSON_DEPTH), 'error']
    ])

    const array: unknown[] = []
    let a = array
    for (let i = 0; i < DEPTH; i++) {
      const next: unknown[] = []
      a.push(next)
      a = next
    }
    expect(briefNcco([notify({ a: array })])).toEqual([
      ['too-deep', '/0/payload/a' + '/0'.repeat(MAX_JSON_DEPTH - 1), 'error']
    ])
    // As an NCCO, the nested array is not an action, and is not walked.
    expect(briefNcco(array)).toEqual([['invalid-type', '/0', 'error']])
  })

  it('an NCCO of 200,000 talk actions validates', () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => ({ action: 'talk', text: `Line ${i}` }))
    const r = validateNcco(huge)
    expect(brief(r)).toEqual([])
    expect(E.isRight(r) && r.right.value).toBe(huge)
  })

  it('__proto__ as an own key of an action is an unknown key at /0/__proto__', () => {
    const doc: unknown = [JSON.parse('{"action": "talk", "text": "Hi", "__proto__": 1}')]
    expect(briefNcco(doc)).toEqual([['unknown-key', '/0/__proto__', 'error']])
    expect(briefNcco(doc, 'lenient')).toEqual([['unknown-key', '/0/__proto__', 'warning']])
  })

  it('__proto__ as a key of a JSON payload is plain data', () => {
    const doc: unknown = [
      JSON.parse(
        `{"action": "notify", "payload": {"__proto__": {"x": 1}}, "eventUrl": ["${eventUrl[0]}"]}`
      )
    ]
    const r = validateNcco(doc)
    expect(brief(r)).toEqual([])
    expect(E.isRight(r) && r.right.value).toBe(doc)
  })

  it('names of Object.prototype members are unknown keys, actions and endpoint types', () => {
    expect(
      briefNcco([
        { action: 'talk', text: 'Hi', constructor: 1, toString: 'x', hasOwnProperty: null },
        { action: 'constructor' },
        { action: 'toString' },
        { action: '__proto__' },
        { action: 'connect', endpoint: [{ type: 'constructor' }] }
      ])
    ).toEqual([
      ['unknown-key', '/0/constructor', 'error'],
      ['unknown-key', '/0/toString', 'error'],
      ['unknown-key', '/0/hasOwnProperty', 'error'],
      ['unknown-action', '/1/action', 'error'],
      ['unknown-action', '/2/action', 'error'],
      ['unknown-action', '/3/action', 'error'],
      ['unknown-endpoint-type', '/4/endpoint/0/type', 'error']
    ])
  })

  it('a cycle is cyclic-reference where the value refers back to its ancestor', () => {
    const record: Record<string, unknown> = { action: 'record' }
    record['transcription'] = record
    expect(briefNcco([record])).toEqual([['cyclic-reference', '/0/transcription', 'error']])

    const selfish: Record<string, unknown> = {}
    selfish['self'] = selfish
    expect(briefNcco([notify(selfish)])).toEqual([['cyclic-reference', '/0/payload/self', 'error']])

    const loop: unknown[] = []
    loop.push(loop)
    expect(briefNcco([notify({ a: loop })])).toEqual([
      ['cyclic-reference', '/0/payload/a/0', 'error']
    ])
  })

  it('a payload that is its own action is cyclic-reference at /0/payload', () => {
    // As with /0/transcription above, the value that refers back to an ancestor is the payload.
    const action = notify({})
    action['payload'] = action
    expect(briefNcco([action])).toEqual([['cyclic-reference', '/0/payload', 'error']])
  })

  it('an NCCO that contains itself is a non-action at /0; one action twice is no cycle', () => {
    const self: unknown[] = []
    self.push(self)
    expect(briefNcco(self)).toEqual([['invalid-type', '/0', 'error']])

    const talk = { action: 'talk', text: 'Hi' }
    expect(briefNcco([talk, talk])).toEqual([])
  })

  it('NaN, Infinity and 1e309 are type errors; -0 is a number like 0', () => {
    const tooBig: unknown = JSON.parse('1e309')
    expect(tooBig).toBe(Infinity)
    expect(
      briefNcco([
        { action: 'talk', text: 'Hi', level: NaN, loop: Infinity },
        { action: 'wait', timeout: tooBig },
        notify({ x: NaN, y: [-Infinity], z: -0 }),
        { action: 'wait', timeout: -0 },
        { action: 'talk', text: 'Hi', level: -0, loop: -0, style: -0 },
        { action: 'wait' }
      ])
    ).toEqual([
      ['invalid-type', '/0/level', 'error'],
      ['invalid-type', '/0/loop', 'error'],
      ['invalid-type', '/1/timeout', 'error'],
      ['invalid-type', '/2/payload/x', 'error'],
      ['invalid-type', '/2/payload/y/0', 'error'],
      // -0 is below the 0.1 s the platform clamps to, like 0.
      ['wait-timeout-clamped', '/3/timeout', 'warning'],
      // loop: -0 repeats forever, like loop: 0.
      ['unreachable-after-infinite-loop', '/5', 'warning']
    ])
  })

  it('a getter that throws is unreadable-value at its key', () => {
    expect(briefNcco([throwingGetter({ action: 'talk' }, 'text')])).toEqual([
      ['unreadable-value', '/0/text', 'error']
    ])
    const phone = throwingGetter({ type: 'phone' }, 'number')
    expect(
      brief(validateCallV1({ to: [phone], random_from_number: true, answer_url: eventUrl }))
    ).toEqual([['unreadable-value', '/to/0/number', 'error']])
  })

  it('a getter that throws on the discriminator is unreadable-value at that key', () => {
    // The value that cannot be read is the action key's, not the whole action.
    expect(briefNcco([throwingGetter({ text: 'Hi' }, 'action')])).toEqual([
      ['unreadable-value', '/0/action', 'error']
    ])
  })

  it('a getter that throws inside a JSON payload is unreadable-value at its key', () => {
    expect(briefNcco([notify(throwingGetter({}, 'x'))])).toEqual([
      ['unreadable-value', '/0/payload/x', 'error']
    ])
  })

  it('a getter that throws does not hide the other findings (docs/rules.md §2)', () => {
    // "Validation does not stop at the first finding: every finding in the document is collected."
    expect(
      briefNcco([
        { action: 'talk', txt: 'Hi' },
        throwingGetter({ action: 'talk' }, 'text'),
        { action: 'tlak', text: 'Hi' }
      ])
    ).toEqual([
      ['unknown-key', '/0/txt', 'error'],
      ['missing-required', '/0/text', 'error'],
      ['unreadable-value', '/1/text', 'error'],
      ['unknown-action', '/2/action', 'error']
    ])
  })

  it('a proxy that throws on ownKeys is unreadable-value at the object', () => {
    const proxy = new Proxy(
      { action: 'talk', text: 'Hi' },
      {
        ownKeys() {
          throw new Error('no keys')
        }
      }
    )
    expect(briefNcco([proxy])).toEqual([['unreadable-value', '/0', 'error']])
  })

  it('class instances, Dates and Maps are not plain JSON', () => {
    class Talk {
      readonly action = 'talk'
      readonly text = 'Hi'
    }
    expect(
      briefNcco([
        new Talk(),
        { action: 'talk', text: new Date(0) },
        notify(new Map([['a', 1]])),
        notify({ when: new Date(0) })
      ])
    ).toEqual([
      ['invalid-type', '/0', 'error'],
      ['invalid-type', '/1/text', 'error'],
      ['invalid-type', '/2/payload', 'error'],
      ['invalid-type', '/3/payload/when', 'error']
    ])
  })

  it('objects without a prototype are plain objects and valid', () => {
    const bare = <T extends object>(o: T): T => Object.assign(Object.create(null) as T, o)
    const doc = [
      bare({ action: 'talk', text: 'Hi' }),
      bare({
        action: 'connect',
        endpoint: [bare({ type: 'phone', number: '447700900000' })]
      }),
      notify(bare({ nested: bare({ a: 1 }) }))
    ]
    const r = validateNcco(doc)
    expect(brief(r)).toEqual([])
    expect(E.isRight(r) && r.right.value).toBe(doc)
  })
})

// -------------------------------------------------------------------------------------
// io-ts
// -------------------------------------------------------------------------------------

describe('the io-ts codecs', () => {
  it('decode an invalid NCCO to Left with one message per error, each led by its pointer', () => {
    const invalid = [{ action: 'talk', txt: 'Hi' }]
    const decoded = Ncco.decode(invalid)
    expect(E.isLeft(decoded) && decoded.left.map((e) => e.message)).toEqual([
      expect.stringMatching(/^\/0\/txt: /),
      expect.stringMatching(/^\/0\/text: /)
    ])
    expect(Ncco.is(invalid)).toBe(false)
    const root = Ncco.decode(5)
    expect(E.isLeft(root) && root.left.map((e) => e.message)).toEqual([
      expect.stringMatching(/^\(root\): /)
    ])
  })

  it('decode a request whose NCCO is invalid with pointers that continue into it', () => {
    const request = {
      to: [{ type: 'phone', number: '447700900001' }],
      from: { type: 'phone', number: '447700900000' },
      ncco: [{ action: 'talk', text: 'Hi', level: 2 }]
    }
    const decoded = CreateCallV2Request.decode(request)
    expect(E.isLeft(decoded) && decoded.left.map((e) => e.message)).toEqual([
      expect.stringMatching(/^\/ncco\/0\/level: /)
    ])
  })
})
