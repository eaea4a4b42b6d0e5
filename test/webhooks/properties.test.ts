/**
 * Properties of decodeWebhook over payloads generated from the codecs' own field descriptions
 * (so a new field is generated without a change here): valid payloads decode, keep `raw`
 * identical and the payload unchanged; one wrong-typed known field is always reported at its
 * path; no value at all makes the decoder throw.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  AnswerWebhook,
  DisconnectedEvent,
  ErrorWebhook,
  InputWebhook,
  MachineDetectionEvent,
  NotifyWebhook,
  RecordWebhook,
  TranscriptionWebhook,
  TransferWebhook,
  callStatuses,
  decodeWebhook,
  webhookRoutes
} from '../../src/index.js'
import type { WebhookRoute } from '../../src/index.js'
import { callStatusCodecs } from '../../src/webhooks/call-status.js'
import type { AnyNode, AnyStruct, NamedField, Spec } from '../../src/internal/node.js'
import { hostileValue } from '../arbitraries/values.js'

const structFields = (node: AnyNode): ReadonlyArray<NamedField> => {
  if (node.spec.kind !== 'struct') throw new Error(`${node.name} is not a struct`)
  return node.spec.fields
}

/** A valid value for a node, in the forms the Voice API sends (numbers as strings too). */
const valueFor = (node: AnyNode): fc.Arbitrary<unknown> => {
  const spec = node.spec
  switch (spec.kind) {
    case 'string': {
      const any = fc.string({ minLength: spec.nonEmpty ? 1 : 0, maxLength: 12 })
      return spec.known === undefined || spec.known.length === 0
        ? any
        : fc.oneof(fc.constantFrom(...spec.known), any)
    }
    case 'enum':
      return fc.constantFrom(...spec.values)
    case 'boolean':
      return spec.strings === 'accept'
        ? fc.oneof(fc.boolean(), fc.constantFrom('true', 'false'))
        : fc.boolean()
    case 'number': {
      const n = spec.integer ? fc.integer() : fc.double({ noNaN: true, noDefaultInfinity: true })
      return spec.strings === 'accept' ? fc.oneof(n, n.map(String)) : n
    }
    case 'array':
      return fc.array(valueFor(spec.items), { maxLength: 3 })
    case 'jsonObject':
      return fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 3
      })
    case 'struct':
      return payloadFor(node as AnyStruct, {})
    default:
      throw new Error(`no generator for ${spec.kind}`)
  }
}

/** Keys that are neither known fields nor keys the event route dispatches on. */
const extraKeys = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 6 }).map((s) => `x_${s}`),
  fc.jsonValue({ maxDepth: 1 }),
  { maxKeys: 2 }
)

/** An object of a struct: required fields always, optional ones sometimes (or null). */
const payloadFor = (
  struct: AnyStruct,
  fixed: Readonly<Record<string, unknown>>,
  omit: ReadonlyArray<string> = []
): fc.Arbitrary<Record<string, unknown>> => {
  const entries = structFields(struct)
    .filter((f) => !Object.hasOwn(fixed, f.name) && !omit.includes(f.name))
    .map((f) => {
      const value = valueFor(f.node)
      const arb: fc.Arbitrary<readonly [string, unknown] | undefined> = f.required
        ? value.map((v) => [f.name, v] as const)
        : fc.oneof(
            fc.constant(undefined),
            fc.constant([f.name, null] as const),
            value.map((v) => [f.name, v] as const)
          )
      return arb
    })
  return fc.tuple(fc.tuple(...entries), extraKeys).map(([fields, extras]) => {
    const out: Record<string, unknown> = { ...fixed }
    for (const entry of fields) if (entry !== undefined) out[entry[0]] = entry[1]
    return { ...out, ...extras }
  })
}

interface Case {
  readonly name: string
  readonly route: WebhookRoute
  readonly codec: AnyStruct
  readonly kind: (payload: Record<string, unknown>) => string
  readonly fixed?: Readonly<Record<string, unknown>>
  /** Fields left out (a transfer's `status` other than "transfer" is another event). */
  readonly omit?: ReadonlyArray<string>
}

const cases: ReadonlyArray<Case> = [
  { name: 'answer', route: 'answer', codec: AnswerWebhook, kind: () => 'answer' },
  ...callStatuses.map((status): Case => ({
    name: status,
    route: 'event',
    codec: callStatusCodecs[status],
    kind: () => status
  })),
  {
    name: 'machine detection',
    route: 'event',
    codec: MachineDetectionEvent,
    kind: (p) => String(p['status'])
  },
  { name: 'disconnected', route: 'event', codec: DisconnectedEvent, kind: () => 'disconnected' },
  {
    name: 'transfer',
    route: 'event',
    codec: TransferWebhook,
    kind: () => 'transfer',
    omit: ['status']
  },
  {
    name: 'transfer (status form)',
    route: 'event',
    codec: TransferWebhook,
    kind: () => 'transfer',
    fixed: { status: 'transfer' }
  },
  { name: 'error', route: 'event', codec: ErrorWebhook, kind: () => 'error' },
  { name: 'input', route: 'input', codec: InputWebhook, kind: () => 'input' },
  { name: 'record', route: 'record', codec: RecordWebhook, kind: () => 'record' },
  {
    name: 'transcription',
    route: 'transcription',
    codec: TranscriptionWebhook,
    kind: () => 'transcription'
  },
  { name: 'notify', route: 'notify', codec: NotifyWebhook, kind: () => 'notify' }
]

/** A value of the wrong JSON type for a field, never one it would take (nor null: absent). */
const wrongTypeFor = (spec: Spec): fc.Arbitrary<unknown> => {
  switch (spec.kind) {
    case 'string':
    case 'enum':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]))
    case 'boolean':
      return fc.oneof(fc.integer(), fc.constant({}), fc.constant(['true']))
    case 'number':
      return fc.oneof(fc.boolean(), fc.constant({}), fc.constant([1]), fc.constant('many'))
    case 'array':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant('text'), fc.constant({}))
    default:
      // objects (some also taken as JSON text or, for dtmf, as a digit string): no strings
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant([]))
  }
}

describe('decodeWebhook properties', () => {
  for (const c of cases) {
    it(`${c.name}: valid payloads decode on their route, raw is the payload, nothing changes`, () => {
      fc.assert(
        fc.property(payloadFor(c.codec, c.fixed ?? {}, c.omit), (payload) => {
          const before = structuredClone(payload)
          const decoded = decodeWebhook(c.route, payload)
          expect(E.isRight(decoded)).toBe(true)
          if (E.isLeft(decoded)) return
          expect(decoded.right.kind).toBe(c.kind(payload))
          expect(decoded.right.raw).toBe(payload)
          expect(payload).toEqual(before)
          // the io-ts codec gives the same decoded webhook
          const viaCodec = c.codec.decode(payload)
          expect(viaCodec).toEqual(E.right(decoded.right))
        }),
        { numRuns: 60 }
      )
    })

    it(`${c.name}: one wrong-typed known field is reported at its path`, () => {
      const fields = structFields(c.codec)
      const mutated = fc
        .tuple(
          payloadFor(c.codec, c.fixed ?? {}, c.omit),
          fc.constantFrom(...fields.filter((f) => !(c.omit ?? []).includes(f.name)))
        )
        .chain(([payload, field]) =>
          wrongTypeFor(field.node.spec).map((bad) => ({
            payload: { ...payload, [field.name]: bad },
            field
          }))
        )
      fc.assert(
        fc.property(mutated, ({ payload, field }) => {
          const decoded = decodeWebhook(c.route, payload)
          expect(E.isLeft(decoded)).toBe(true)
          if (E.isRight(decoded)) return
          expect(decoded.left.map((i) => i.path)).toContain(`/${field.name}`)
        }),
        { numRuns: 60 }
      )
    })
  }

  it('no value makes it throw, on any route', () => {
    const hostile = hostileValue
    fc.assert(
      fc.property(fc.constantFrom(...webhookRoutes), hostile, (route, payload) => {
        const r = decodeWebhook(route, payload)
        expect(r._tag === 'Left' || r._tag === 'Right').toBe(true)
      }),
      { numRuns: 400 }
    )
  })
})
