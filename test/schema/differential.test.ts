/**
 * The emitted JSON Schemas and the validator agree on everything a JSON Schema can express:
 * ajv (draft 2020-12, strict mode) with `jsonSchema(kind)` and the validator in the strict
 * profile accept the same generated valid documents and reject the same single mutations
 * (dropped required key, wrong type, out-of-range number, unknown key, unknown action or
 * endpoint type), and every rule across fields that the schema states rejects what the
 * validator rejects for it. What only the validator checks is listed in the README.
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
import type { Issue, IssueCode, SchemaKind } from '../../src/index.js'
import { formats } from '../../src/internal/formats.js'
import type { StringFormat } from '../../src/internal/formats.js'
import type { AnyNode, Spec } from '../../src/internal/node.js'
import { editorKeywords } from '../../src/schema.js'
import {
  connectAction,
  conversationAction,
  inputAction,
  recordAction,
  talkAction,
  transferAction
} from '../arbitraries/actions.js'
import { createCallV1, createCallV2, ncco, phoneFrom } from '../arbitraries/documents.js'
import {
  callSipEndpoint,
  phoneEndpoint,
  sipEndpoint,
  websocketEndpoint
} from '../arbitraries/endpoints.js'
import { dtmfSettings, speechSettings, transcriptionSettings } from '../arbitraries/settings.js'
import { e164, legUuids, urlList } from '../arbitraries/values.js'
import { deleteAt, replaceAt, withTargets } from '../validator/spec-walk.js'
import type { Path } from '../validator/spec-walk.js'

const newAjv = (): Ajv2020 => {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  ajv.addVocabulary([...editorKeywords])
  return ajv
}

const ajv = newAjv()

interface Kind {
  readonly kind: SchemaKind
  readonly root: AnyNode
  readonly arbitrary: fc.Arbitrary<unknown>
  readonly validatorAccepts: (doc: unknown) => boolean
  readonly schemaAccepts: (doc: unknown) => boolean
}

const schemaValidators = Object.fromEntries(
  (['ncco', 'call-v1', 'call-v2'] as const).map((kind) => {
    const validate = ajv.compile(jsonSchema(kind))
    return [kind, (doc: unknown): boolean => validate(doc)]
  })
) as Record<SchemaKind, (doc: unknown) => boolean>

const validators = { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 }

/** Every finding of a document in the strict profile. */
const findings = (kind: SchemaKind, doc: unknown): ReadonlyArray<Issue> => {
  const r = validators[kind](doc)
  return E.isLeft(r) ? r.left : r.right.warnings
}

const kinds: ReadonlyArray<Kind> = [
  {
    kind: 'ncco',
    root: Ncco,
    arbitrary: ncco,
    validatorAccepts: (d) => E.isRight(validateNcco(d)),
    schemaAccepts: schemaValidators.ncco
  },
  {
    kind: 'call-v1',
    root: CreateCallV1Request,
    arbitrary: createCallV1,
    validatorAccepts: (d) => E.isRight(validateCallV1(d)),
    schemaAccepts: schemaValidators['call-v1']
  },
  {
    kind: 'call-v2',
    root: CreateCallV2Request,
    arbitrary: createCallV2,
    validatorAccepts: (d) => E.isRight(validateCallV2(d)),
    schemaAccepts: schemaValidators['call-v2']
  }
]

describe('ajv strict mode', () => {
  it.each(['ncco', 'call-v1', 'call-v2'] as const)(
    '%s: compiles with every strict check on, once the editor keywords are declared',
    (kind) => {
      const schema = jsonSchema(kind, { version: '1.2.3' })
      expect(newAjv().validateSchema(schema)).toBe(true)
      expect(() => newAjv().compile(schema)).not.toThrow()
      // Strict mode is really on: the editor keywords are unknown to a bare ajv.
      expect(() => new Ajv2020({ strict: true }).compile(schema)).toThrow(
        /strict mode: unknown keyword: "(markdownDescription|defaultSnippets)"/
      )
    }
  )
})

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

// -------------------------------------------------------------------------------------
// rules across fields
// -------------------------------------------------------------------------------------

/** Documents that break one rule and nothing else, in a document of `kind`. */
interface RuleCase {
  readonly code: IssueCode
  readonly name: string
  readonly kind: SchemaKind
  readonly documents: fc.Arbitrary<unknown>
}

const without = <T extends object>(o: T, ...keys: ReadonlyArray<string>): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as Partial<T>

/** An action in front of a valid NCCO (a first action that is no barge-in prompt changes no rule across actions). */
const leading = (action: fc.Arbitrary<object>): fc.Arbitrary<unknown> =>
  fc.tuple(action, fc.option(ncco, { nil: undefined })).map(([a, rest]) => [a, ...(rest ?? [])])

const connectTo = (endpoint: fc.Arbitrary<object>): fc.Arbitrary<unknown> =>
  leading(endpoint.map((e) => ({ action: 'connect', endpoint: [e] })))

const quietTalk = talkAction.map((t) => ({ ...t, bargeIn: false }))

/** Text with a markup tag that is not wrapped in `<speak>…</speak>`. */
const word = fc
  .string({ unit: fc.constantFrom(...'ab yz.,'), minLength: 1, maxLength: 12 })
  .filter((w) => w.trim() !== '')
const tag = fc.constantFrom('<break time="1s"/>', '<p>', '</p>', '<speak>', '</speak>', '<s>')
const unwrappedSsml = fc.oneof(
  fc.tuple(word, tag, fc.string({ maxLength: 8 })).map(([a, t, b]) => a + t + b),
  word.map((w) => `<speak>${w}`),
  word.map((w) => `${w}<speak>${w}</speak>`),
  word.map((w) => `<speak>${w}</speak>${w}`)
)

/** Plain text over the 1,500-character limit (counted by code point). */
const plainTooLong = fc.string({
  unit: fc.constantFrom('a', ' ', 'é', '😀', '>'),
  minLength: 1501,
  maxLength: 1600
})

const sipConflicts = fc.constantFrom<Readonly<Record<string, string>>>(
  { uri: 'sip:a@example.com', user: 'alice' },
  { uri: 'sip:a@example.com', domain: 'acme' },
  { uri: 'sip:a@example.com', user: 'alice', domain: 'acme' },
  { user: 'alice' },
  { domain: 'acme' },
  {}
)
const conflicting = (sip: fc.Arbitrary<object>) =>
  fc
    .tuple(sip, sipConflicts)
    .map(([e, address]) => ({ ...without(e, 'uri', 'user', 'domain'), ...address }))

const bothInstructions = (doc: object) =>
  fc.tuple(ncco, urlList).map(([n, url]) => ({ ...doc, ncco: n, answer_url: url }))

const ruleCases: ReadonlyArray<RuleCase> = [
  {
    code: 'channels-without-split',
    name: 'record channels without split',
    kind: 'ncco',
    documents: leading(
      fc
        .tuple(recordAction, fc.integer({ min: 1, max: 32 }))
        .map(([r, channels]) => ({ ...without(r, 'split'), channels }))
    )
  },
  {
    code: 'mute-with-can-speak',
    name: 'conversation mute: true with canSpeak',
    kind: 'ncco',
    documents: leading(
      fc
        .tuple(conversationAction, legUuids)
        .map(([c, canSpeak]) => ({ ...c, mute: true, canSpeak }))
    )
  },
  {
    code: 'mute-with-can-speak',
    name: 'transfer mute: true with canSpeak',
    kind: 'ncco',
    documents: fc
      .tuple(transferAction, legUuids)
      .map(([t, canSpeak]) => [{ ...t, mute: true, canSpeak }])
  },
  {
    code: 'transcription-without-record',
    name: 'conversation transcription without record: true',
    kind: 'ncco',
    documents: leading(
      fc
        .tuple(conversationAction, transcriptionSettings, fc.boolean())
        .map(([c, transcription, absentRecord]) => ({
          ...without(c, 'record'),
          transcription,
          ...(absentRecord ? {} : { record: false })
        }))
    )
  },
  {
    code: 'from-with-random-from-number',
    name: 'connect from with randomFromNumber: true',
    kind: 'ncco',
    documents: leading(
      fc.tuple(connectAction, e164).map(([c, from]) => ({ ...c, from, randomFromNumber: true }))
    )
  },
  {
    code: 'invalid-phone-number',
    name: 'connect to a phone with a from that is not E.164',
    kind: 'ncco',
    documents: leading(
      fc
        .tuple(
          connectAction,
          phoneEndpoint,
          fc.constantFrom('Acme', '+447700900000', '07700 900000', '0')
        )
        .map(([c, endpoint, from]) => ({
          ...without(c, 'randomFromNumber', 'ringbackTone'),
          endpoint: [endpoint],
          from
        }))
    )
  },
  {
    code: 'dtmf-settings-without-dtmf',
    name: 'input dtmf settings without dtmf in type',
    kind: 'ncco',
    documents: leading(
      fc.tuple(inputAction, dtmfSettings).map(([i, dtmf]) => ({
        ...without(i, 'mode'),
        type: ['speech'],
        dtmf
      }))
    )
  },
  {
    code: 'speech-settings-without-speech',
    name: 'input speech settings without speech in type',
    kind: 'ncco',
    documents: leading(
      fc.tuple(inputAction, speechSettings).map(([i, speech]) => ({
        ...i,
        type: ['dtmf'],
        speech
      }))
    )
  },
  {
    code: 'async-with-dtmf-settings',
    name: 'input mode asynchronous with dtmf settings',
    kind: 'ncco',
    documents: leading(
      fc.tuple(inputAction, dtmfSettings).map(([i, dtmf]) => ({
        ...i,
        type: ['dtmf', 'speech'],
        mode: 'asynchronous',
        dtmf
      }))
    )
  },
  {
    code: 'authorization-value-missing',
    name: 'websocket custom authorization without value',
    kind: 'ncco',
    documents: connectTo(
      websocketEndpoint.map((w) => ({ ...w, authorization: { type: 'custom' } }))
    )
  },
  {
    code: 'sip-address-conflict',
    name: 'connect sip endpoint without exactly one address form',
    kind: 'ncco',
    documents: connectTo(conflicting(sipEndpoint))
  },
  {
    code: 'sip-address-conflict',
    name: 'create-call sip endpoint without exactly one address form',
    kind: 'call-v2',
    documents: fc
      .tuple(createCallV2, conflicting(callSipEndpoint))
      .map(([doc, sip]) => ({ ...doc, to: [sip] }))
  },
  {
    code: 'ssml-not-wrapped',
    name: 'talk text with SSML tags outside <speak>',
    kind: 'ncco',
    documents: leading(fc.tuple(quietTalk, unwrappedSsml).map(([t, text]) => ({ ...t, text })))
  },
  {
    code: 'too-long',
    name: 'plain talk text over 1,500 characters',
    kind: 'ncco',
    documents: leading(fc.tuple(quietTalk, plainTooLong).map(([t, text]) => ({ ...t, text })))
  },
  {
    code: 'ncco-and-answer-url',
    name: 'v1 with both ncco and answer_url',
    kind: 'call-v1',
    documents: createCallV1.chain(bothInstructions)
  },
  {
    code: 'ncco-and-answer-url',
    name: 'v2 with both ncco and answer_url',
    kind: 'call-v2',
    documents: createCallV2.chain(bothInstructions)
  },
  {
    code: 'missing-call-instructions',
    name: 'v1 with neither ncco nor answer_url',
    kind: 'call-v1',
    documents: createCallV1.map((d) => without(d, 'ncco', 'answer_url', 'answer_method'))
  },
  {
    code: 'missing-call-instructions',
    name: 'v2 with neither ncco nor answer_url',
    kind: 'call-v2',
    documents: createCallV2.map((d) => without(d, 'ncco', 'answer_url', 'answer_method'))
  },
  {
    code: 'from-with-random-from-number',
    name: 'v1 from with random_from_number: true',
    kind: 'call-v1',
    documents: fc
      .tuple(createCallV1, phoneFrom)
      .map(([d, from]) => ({ ...d, from, random_from_number: true }))
  },
  {
    code: 'missing-caller',
    name: 'v1 with neither from nor random_from_number: true',
    kind: 'call-v1',
    documents: fc.tuple(createCallV1, fc.boolean()).map(([d, explicitFalse]) => ({
      ...without(d, 'from', 'random_from_number'),
      ...(explicitFalse ? { random_from_number: false } : {})
    }))
  }
]

/** The codes of the rules a schema states, from the `$comment` the generator puts on each. */
const statedRules = (schema: unknown): Set<string> => {
  const out = new Set<string>()
  const walk = (u: unknown): void => {
    if (Array.isArray(u)) u.forEach(walk)
    else if (typeof u === 'object' && u !== null) {
      for (const [k, v] of Object.entries(u)) {
        if (k === '$comment' && typeof v === 'string') {
          const m = /^validator code: ([a-z0-9-]+)$/.exec(v)
          if (m !== null) out.add(m[1]!)
        } else if (k !== 'defaultSnippets' && k !== 'examples') walk(v)
      }
    }
  }
  walk(schema)
  return out
}

describe('rules across fields: ajv with the schema rejects what the validator rejects', () => {
  it('every rule a schema states has a case here, and every case is a stated rule', () => {
    const stated = new Set([
      ...statedRules(jsonSchema('ncco')),
      ...statedRules(jsonSchema('call-v1')),
      ...statedRules(jsonSchema('call-v2'))
    ])
    expect([...stated].sort()).toEqual([...new Set(ruleCases.map((c) => c.code))].sort())
    expect(stated.size).toBe(15)
  })

  it.each(ruleCases)('$code: $name', ({ code, kind, documents }) => {
    fc.assert(
      fc.property(documents, (doc) => {
        const errors = findings(kind, doc).filter((i) => i.severity === 'error')
        // The document breaks this rule and no other: ajv can only reject it for this rule.
        expect(errors.map((i) => i.code)).toEqual(errors.map(() => code))
        expect(errors.length).toBeGreaterThan(0)
        expect(schemaValidators[kind](doc)).toBe(false)
      }),
      { numRuns: 60 }
    )
  })

  it('accepts the forms each rule allows', () => {
    const accepted = (kind: SchemaKind, doc: unknown): [boolean, boolean] => [
      findings(kind, doc).every((i) => i.severity !== 'error'),
      schemaValidators[kind](doc)
    ]
    const talk = (text: string) => [{ action: 'talk', text }]
    const connect = (endpoint: object, extra: object = {}) => [
      { action: 'connect', endpoint: [endpoint], ...extra }
    ]
    const v1 = {
      to: [{ type: 'phone', number: '447700900001' }],
      ncco: [{ action: 'talk', text: 'Hello' }]
    }
    const cases: ReadonlyArray<readonly [SchemaKind, unknown]> = [
      ['ncco', [{ action: 'record', split: 'conversation', channels: 2 }]],
      ['ncco', [{ action: 'conversation', name: 'r', mute: false, canSpeak: [] }]],
      ['ncco', [{ action: 'conversation', name: 'r', mute: true, canHear: ['a'] }]],
      ['ncco', [{ action: 'conversation', name: 'r', record: true, transcription: {} }]],
      ['ncco', [{ action: 'transfer', conversationId: 'CON-1', mute: true }]],
      ['ncco', connect({ type: 'app', user: 'alice' }, { from: 'Acme' })],
      [
        'ncco',
        connect(
          { type: 'phone', number: '447700900001' },
          { randomFromNumber: false, from: '447700900000' }
        )
      ],
      ['ncco', connect({ type: 'phone', number: '447700900001' }, { randomFromNumber: true })],
      ['ncco', connect({ type: 'sip', user: 'alice', domain: 'acme' })],
      [
        'ncco',
        connect({
          type: 'websocket',
          uri: 'wss://example.com/s',
          'content-type': 'audio/l16;rate=8000',
          authorization: { type: 'custom', value: 'Bearer x' }
        })
      ],
      ['ncco', [{ action: 'input', type: ['dtmf'], mode: 'asynchronous' }]],
      [
        'ncco',
        [{ action: 'input', type: ['speech', 'dtmf'], mode: 'synchronous', dtmf: {}, speech: {} }]
      ],
      ['ncco', talk('  <speak>Hello <break time="1s"/></speak>\n')],
      ['ncco', talk('<speak version="1.1">Hello</speak>')],
      ['ncco', talk('a < b, and 3 > 2')],
      ['ncco', talk('😀'.repeat(1500))],
      [
        'call-v1',
        { ...v1, from: { type: 'phone', number: '447700900000' }, random_from_number: false }
      ],
      ['call-v1', { ...v1, random_from_number: true }],
      ['call-v1', { to: v1.to, random_from_number: true, answer_url: ['https://example.com/a'] }]
    ]
    for (const [kind, doc] of cases)
      expect([kind, accepted(kind, doc)]).toEqual([kind, [true, true]])
  })

  it('talk text: the schema accepts exactly the short texts the validator accepts', () => {
    const piece = fc.constantFrom(
      '<speak>',
      '</speak>',
      '<speak ',
      '<speak/>',
      '<Speak>',
      '<break time="1s"/>',
      '<p>',
      '</p>',
      '<3',
      'a<b',
      '<',
      '>',
      '/',
      ' ',
      '\n',
      '\u00a0',
      'hi',
      '<say-as interpret-as="x">'
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const doc = [{ action: 'talk', text: pieces.join('') }]
        expect(schemaValidators.ncco(doc)).toBe(
          findings('ncco', doc).every((i) => i.severity !== 'error')
        )
      }),
      { numRuns: 400 }
    )
  })

  it('plain talk text: the 1,500-character limit is the same in both', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1490, max: 1510 }), fc.constantFrom('a', '😀', 'é'), (n, c) => {
        const doc = [{ action: 'talk', text: c.repeat(n) }]
        expect([schemaValidators.ncco(doc), E.isRight(validateNcco(doc))]).toEqual([
          n <= 1500,
          n <= 1500
        ])
      })
    )
  })
})

describe('"$schema" in a create-call request file', () => {
  const withSchemaKey = (kind: 'call-v1' | 'call-v2', value: unknown) => ({
    $schema: value,
    to: [{ type: 'phone', number: '447700900001' }],
    ...(kind === 'call-v1'
      ? { random_from_number: true }
      : { from: { type: 'phone', number: '447700900000' } }),
    ncco: [{ action: 'talk', text: 'Hello' }]
  })
  const url = (kind: SchemaKind): string =>
    `https://cdn.jsdelivr.net/npm/ncco-kit@0.2.0/schema/${kind}.json`

  it.each(['call-v1', 'call-v2'] as const)('%s: allowed by the schema, as a string', (kind) => {
    expect(schemaValidators[kind](withSchemaKey(kind, url(kind)))).toBe(true)
    expect(schemaValidators[kind](withSchemaKey(kind, 1))).toBe(false)
  })

  it.each(['call-v1', 'call-v2'] as const)(
    '%s: allowed by the validator, in both profiles, as a string',
    (kind) => {
      expect(findings(kind, withSchemaKey(kind, url(kind)))).toEqual([])
      const lenient = validators[kind](withSchemaKey(kind, url(kind)), { profile: 'lenient' })
      expect(E.isRight(lenient) ? lenient.right.warnings : lenient.left).toEqual([])
      expect(E.isRight(validators[kind](withSchemaKey(kind, 1)))).toBe(false)
    }
  )

  it('is not allowed in an NCCO action', () => {
    const doc = [{ $schema: 'x', action: 'talk', text: 'Hello' }]
    expect([schemaValidators.ncco(doc), E.isRight(validateNcco(doc))]).toEqual([false, false])
  })
})
