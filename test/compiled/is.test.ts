/**
 * Every exported codec's `is` runs its generated strict checker (src/generated/validators.ts,
 * `guardedCodecs`) and means what it meant before: "the interpreter finds no error in the
 * strict profile", which is also `isRight(decode(x))`. Checked on generated valid values (which
 * must be decided by the compiled checker, never handed to the interpreter), on single
 * mutations of them, and on anything at all.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as root from '../../src/index.js'
import { guardedCodecs } from '../../src/generated/validators.js'
import { Node, runCheck } from '../../src/internal/node.js'
import type { AnyNode } from '../../src/internal/node.js'
import { ncco } from '../arbitraries/documents.js'
import { createCallV1, createCallV2, phoneFrom } from '../arbitraries/documents.js'
import { callEndpoint, endpoint } from '../arbitraries/endpoints.js'
import { structArbitraries } from '../arbitraries/registry.js'
import { machineDetection } from '../arbitraries/settings.js'
import { hostileValue } from '../arbitraries/values.js'
import { deleteAt, replaceAt, sitesOf } from '../validator/spec-walk.js'

// -------------------------------------------------------------------------------------
// the codecs and their valid values
// -------------------------------------------------------------------------------------

const enumValues = (node: AnyNode): fc.Arbitrary<unknown> => {
  if (node.spec.kind !== 'enum') throw new Error(`${node.name} is not an enum`)
  return fc.constantFrom(...node.spec.values)
}

const action = ncco.filter((n) => n.length > 0).chain((n) => fc.constantFrom(...n))

/** A valid value of each guarded codec (the structs' come from the shared registry). */
const validValues = new Map<AnyNode, fc.Arbitrary<unknown>>([
  ...structArbitraries.map((s) => [s.node, s.arbitrary] as const),
  [root.Ncco, ncco],
  [root.Action, action],
  [root.Endpoint, endpoint],
  [root.CallEndpoint, callEndpoint],
  [root.PhoneFrom, phoneFrom],
  [root.CreateCallV1Request, createCallV1],
  [root.CreateCallV2Request, createCallV2],
  [root.CreateCallRequestNcco, createCallV2.filter((r) => 'ncco' in r)],
  [root.CreateCallRequestAnswerUrl, createCallV2.filter((r) => 'answer_url' in r)],
  [
    root.CreateCallV1Response,
    fc.record({
      uuid: fc.uuid(),
      status: fc.constantFrom('started', 'ringing'),
      direction: fc.constantFrom('outbound', 'inbound'),
      conversation_uuid: fc.uuid().map((u) => `CON-${u}`)
    })
  ],
  [root.MachineDetection, machineDetection],
  [root.InputType, enumValues(root.InputType)],
  [root.WebsocketContentType, enumValues(root.WebsocketContentType)]
])

const nameOf = (node: AnyNode): string =>
  Object.entries(root).find(([, v]) => v === node)?.[0] ?? node.name

const codecs = guardedCodecs.map((node) => {
  const valid = validValues.get(node)
  if (valid === undefined) throw new Error(`no valid values for ${nameOf(node)}`)
  return { codec: nameOf(node), node, valid }
})

// -------------------------------------------------------------------------------------
// agreement
// -------------------------------------------------------------------------------------

/** The meaning of `is` before it was compiled: no error from the interpreter, strict. */
const interpreted = (node: AnyNode, u: unknown): boolean =>
  runCheck(node.check, u, 'strict').every((i) => i.severity !== 'error')

/** Checks `is`, `decode` and the compiled checker agree; returns the compiled verdict. */
const agree = (node: AnyNode, u: unknown): boolean | undefined => {
  const expected = interpreted(node, u)
  expect(node.is(u)).toBe(expected)
  expect(E.isRight(node.decode(u))).toBe(expected)
  const verdict = node.guard?.(u)
  if (verdict !== undefined) expect(verdict).toBe(expected)
  return verdict
}

const nearMiss = fc.constantFrom<unknown>(
  '',
  'true',
  '1',
  0,
  -1,
  1e9,
  2.5,
  true,
  null,
  [],
  {},
  'en-gb',
  'xx-XX',
  'Acme',
  '447700900000',
  'https://example.com/a',
  ['https://example.com/a', 'https://example.com/b'],
  ['ftp://example.com/a'],
  'sip:alice@example.com',
  '<b>hi</b>',
  'x'.repeat(1501)
)

/** One change to a valid value: a part replaced, a key removed, or a key added. */
const mutated = (node: AnyNode, valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  valid.chain((value) => {
    const sites = sitesOf(value, node)
    const keys = sites.structs.flatMap((s) =>
      s.spec.fields.flatMap((f) => [f.name, ...(f.aliases ?? [])])
    )
    const site = fc.constantFrom(...sites.values)
    const replacement = fc.oneof(nearMiss, hostileValue)
    const edits: Array<fc.Arbitrary<unknown>> = [
      fc.tuple(site, replacement).map(([s, v]) => replaceAt(value, s.path, v)),
      site.map((s) => (s.path.length === 0 ? value : deleteAt(value, s.path)))
    ]
    if (sites.structs.length > 0) {
      const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string()) : fc.string()
      edits.push(
        fc
          .tuple(fc.constantFrom(...sites.structs), key, replacement)
          .map(([s, k, v]) => replaceAt(value, [...s.path, k], v))
      )
    }
    return fc.oneof(...edits)
  })

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

describe('the compiled `is`', () => {
  it('is installed on every exported codec of the NCCO and call descriptions', () => {
    const unguarded = Object.entries(root)
      .filter(([, v]) => v instanceof Node && v.guard === undefined)
      .map(([name]) => name)
      .sort()
    // The webhook codecs read tolerantly (null as absent, numbers and booleans as strings,
    // open enums): the generator does not compile those readings.
    expect(unguarded).toStrictEqual([
      'AnswerWebhook',
      'AnsweredEvent',
      'BusyEvent',
      'CallPlacedWebhook',
      'CancelledEvent',
      'CompletedEvent',
      'DisconnectedEvent',
      'DtmfResult',
      'ErrorWebhook',
      'FailedEvent',
      'InputWebhook',
      'MachineDetectionEvent',
      'NotifyWebhook',
      'RecordWebhook',
      'RejectedEvent',
      'RingingEvent',
      'SpeechHypothesis',
      'SpeechResult',
      'StartedEvent',
      'TimeoutEvent',
      'TranscriptionWebhook',
      'TransferWebhook',
      'UnansweredEvent',
      'UnknownWebhook'
    ])
    expect(codecs.map((c) => c.codec)).toContain('TalkAction')
    expect(codecs).toHaveLength(34)
  })

  it('keeps working when the codec is used detached, as io-ts combinators do', () => {
    const is = root.TalkAction.is
    expect(is({ action: 'talk', text: 'hi' })).toBe(true)
    expect([{ action: 'talk', text: 'hi' }, { action: 'talk' }].map(is)).toStrictEqual([
      true,
      false
    ])
  })
})

describe.each(codecs)('$codec: is agrees with the interpreter', ({ node, valid }) => {
  it('on valid values, decided by the compiled checker', () => {
    fc.assert(
      fc.property(valid, (u) => {
        expect(agree(node, u)).toBe(true)
      }),
      { numRuns: 60 }
    )
  })

  it('on single mutations of valid values', () => {
    let decided = 0
    let rejected = 0
    fc.assert(
      fc.property(mutated(node, valid), (u) => {
        const verdict = agree(node, u)
        if (verdict !== undefined) decided++
        if (verdict === false) rejected++
      }),
      { numRuns: 150 }
    )
    // Most mutations are decided without the interpreter, and some are errors.
    expect(decided).toBeGreaterThan(100)
    expect(rejected).toBeGreaterThan(10)
  })

  it('on anything at all', () => {
    fc.assert(
      fc.property(hostileValue, (u) => {
        agree(node, u)
      }),
      { numRuns: 100 }
    )
  })
})
