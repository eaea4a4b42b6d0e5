/**
 * The emitted JSON Schemas and the validator agree on everything a JSON Schema can express:
 * ajv (draft 2020-12) with `jsonSchema(kind)` and the validator in the strict profile accept the
 * same generated valid documents and reject the same single mutations (dropped required key,
 * wrong type, out-of-range number, unknown key, unknown action or endpoint type). What only the
 * validator checks (rules across fields and actions) is listed in the README.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CreateCallV1Request,
  CreateCallV2Request,
  Ncco,
  jsonSchema,
  validateCallV1,
  validateCallV2,
  validateNcco
} from '../../src/index.js'
import type { SchemaKind } from '../../src/index.js'
import { formats } from '../../src/internal/formats.js'
import type { StringFormat } from '../../src/internal/formats.js'
import type { AnyNode, Spec } from '../../src/internal/node.js'
import { createCallV1, createCallV2, ncco } from '../arbitraries/documents.js'
import { deleteAt, replaceAt, withTargets } from '../validator/spec-walk.js'
import type { Path } from '../validator/spec-walk.js'

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false })

interface Kind {
  readonly kind: SchemaKind
  readonly root: AnyNode
  readonly arbitrary: fc.Arbitrary<unknown>
  readonly validatorAccepts: (doc: unknown) => boolean
  readonly schemaAccepts: (doc: unknown) => boolean
}

const schemaValidator = (kind: SchemaKind) => {
  const validate = ajv.compile(jsonSchema(kind))
  return (doc: unknown): boolean => validate(doc)
}

const kinds: ReadonlyArray<Kind> = [
  {
    kind: 'ncco',
    root: Ncco,
    arbitrary: ncco,
    validatorAccepts: (d) => E.isRight(validateNcco(d)),
    schemaAccepts: schemaValidator('ncco')
  },
  {
    kind: 'call-v1',
    root: CreateCallV1Request,
    arbitrary: createCallV1,
    validatorAccepts: (d) => E.isRight(validateCallV1(d)),
    schemaAccepts: schemaValidator('call-v1')
  },
  {
    kind: 'call-v2',
    root: CreateCallV2Request,
    arbitrary: createCallV2,
    validatorAccepts: (d) => E.isRight(validateCallV2(d)),
    schemaAccepts: schemaValidator('call-v2')
  }
]

const RUNS = { numRuns: 150 }

/** A JSON value of a type the spec does not accept (in the strict profile). */
const wrongType = (spec: Spec): unknown => {
  switch (spec.kind) {
    case 'string':
    case 'enum':
      return 42
    case 'number':
      return 'seven'
    case 'boolean':
      return 'true'
    case 'array':
    case 'urls':
      return { not: 'an array' }
    default:
      return ['not', 'an', 'object']
  }
}

const bothReject = (kind: Kind, doc: unknown): void => {
  expect([kind.validatorAccepts(doc), kind.schemaAccepts(doc)]).toEqual([false, false])
}

describe.each(kinds)('$kind: ajv with the emitted schema and the validator agree', (kind) => {
  it('on generated valid documents: both accept', () => {
    fc.assert(
      fc.property(kind.arbitrary, (doc) => {
        expect([kind.validatorAccepts(doc), kind.schemaAccepts(doc)]).toEqual([true, true])
      }),
      RUNS
    )
  })

  it('on a dropped required key: both reject', () => {
    const targets = withTargets(kind, (s) =>
      s.structs.flatMap((site) =>
        site.spec.fields.filter((f) => f.required).map((f): Path => [...site.path, f.name])
      )
    )
    fc.assert(
      fc.property(targets, ({ doc, target }) => bothReject(kind, deleteAt(doc, target))),
      RUNS
    )
  })

  it('on a value of the wrong type: both reject', () => {
    const targets = withTargets(kind, (s) => s.values.filter((v) => v.path.length > 0))
    fc.assert(
      fc.property(targets, ({ doc, target }) =>
        bothReject(kind, replaceAt(doc, target.path, wrongType(target.node.spec)))
      ),
      RUNS
    )
  })

  it('on a number outside its range: both reject', () => {
    const targets = withTargets(kind, (s) =>
      s.values.flatMap((site) => {
        const spec = site.node.spec
        return spec.kind === 'number' && (spec.min !== undefined || spec.max !== undefined)
          ? [{ path: site.path, spec }]
          : []
      })
    )
    fc.assert(
      fc.property(targets, fc.integer({ min: 1, max: 1000 }), ({ doc, target }, d) => {
        const { min, max } = target.spec
        const value = max !== undefined ? max + d : (min ?? 0) - d
        bothReject(kind, replaceAt(doc, target.path, value))
      }),
      RUNS
    )
  })

  it('on an unknown key: both reject', () => {
    const targets = withTargets(kind, (s) =>
      s.structs.filter((site) => site.spec.unknownKeys === 'report')
    )
    fc.assert(
      fc.property(targets, fc.string({ minLength: 1, maxLength: 8 }), ({ doc, target }, key) => {
        const known = new Set(target.spec.fields.flatMap((f) => [f.name, ...(f.aliases ?? [])]))
        fc.pre(!known.has(key))
        bothReject(kind, replaceAt(doc, [...target.path, key], 1))
      }),
      RUNS
    )
  })

  it('on an unknown action or endpoint type: both reject', () => {
    const targets = withTargets(kind, (s) => s.unions)
    fc.assert(
      fc.property(targets, fc.string({ maxLength: 10 }), ({ doc, target }, tag) => {
        const known = target.spec.members.map((m) => {
          const f = m.fields.find((x) => x.name === target.spec.discriminator)
          return f?.node.spec.kind === 'enum' ? f.node.spec.values[0] : undefined
        })
        fc.pre(!known.includes(tag))
        bothReject(kind, replaceAt(doc, [...target.path, target.spec.discriminator], tag))
      }),
      RUNS
    )
  })
})

describe('string formats: the schema pattern never rejects what the validator accepts', () => {
  const exact: ReadonlyArray<StringFormat> = [
    'e164',
    'language-tts',
    'language-asr',
    'dtmf-digits',
    'printable-ascii',
    'sip-uri'
  ]
  const candidates = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.webUrl({ validSchemes: ['http', 'https', 'ws', 'wss', 'ftp'] }),
    fc.stringMatching(/^[0-9+ ]{5,17}$/),
    fc.stringMatching(/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{1,9}){0,2}$/),
    fc.stringMatching(/^sips?:[a-z@.;=]{0,12}$/)
  )
  for (const name of Object.keys(formats) as StringFormat[]) {
    const format = formats[name]
    const pattern = new RegExp(format.pattern, 'u')
    it(`${name}: ${exact.includes(name) ? 'the same strings' : 'a superset'}`, () => {
      fc.assert(
        fc.property(candidates, (s) => {
          if (format.test(s)) expect(pattern.test(s)).toBe(true)
          if (exact.includes(name)) expect(pattern.test(s)).toBe(format.test(s))
        }),
        { numRuns: 400 }
      )
    })
  }
})
