/**
 * Properties of every builder, over generated chains of calls (see chains.ts): the value is
 * exactly what the calls asked for; it validates, or every error names a bad argument; the
 * same chain gives the same value; sharing and extending a builder, or changing what was
 * passed to it, changes nothing already built; and the JSON decodes back to an equal value.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Issue } from '../../src/index.js'
import {
  AppEndpoint,
  ConnectAction,
  ConversationAction,
  CreateCallV1Request,
  CreateCallV2Request,
  InputAction,
  Ncco,
  NotifyAction,
  PhoneEndpoint,
  RecordAction,
  SipEndpoint,
  StreamAction,
  TalkAction,
  TransferAction,
  VbcEndpoint,
  WaitAction,
  WebsocketEndpoint,
  validatorFor
} from '../../src/index.js'
import { Builder } from '../../src/builders/builder.js'
import type { AnyNode } from '../../src/internal/node.js'
import {
  actionChains,
  applyCalls,
  endpointChains,
  nccoChain,
  requestChains,
  run
} from './chains.js'
import type { Call, Chain } from './chains.js'

const kinds = {
  ...actionChains,
  ...endpointChains,
  ncco: nccoChain,
  ...requestChains
} as const

const codecs: Readonly<Record<keyof typeof kinds, AnyNode>> = {
  record: RecordAction,
  conversation: ConversationAction,
  connect: ConnectAction,
  talk: TalkAction,
  stream: StreamAction,
  input: InputAction,
  notify: NotifyAction,
  wait: WaitAction,
  transfer: TransferAction,
  phone: PhoneEndpoint,
  app: AppEndpoint,
  websocket: WebsocketEndpoint,
  sip: SipEndpoint,
  vbc: VbcEndpoint,
  ncco: Ncco,
  v1: CreateCallV1Request,
  v2: CreateCallV2Request
}

/** Whether `path` is the JSON Pointer `prefix` or points inside it. */
const within = (path: string, prefix: string): boolean =>
  path === prefix || path.startsWith(prefix + '/')

const errorsOf = (result: E.Either<ReadonlyArray<Issue>, unknown>): Issue[] =>
  E.isLeft(result) ? result.left.filter((i) => i.severity === 'error') : []

const isDeepFrozen = (u: unknown): boolean =>
  typeof u !== 'object' || u === null
    ? true
    : Object.isFrozen(u) && Object.values(u).every(isDeepFrozen)

/** Changes every array and object in `u`, however deep. */
const vandalise = (u: unknown): void => {
  if (Array.isArray(u)) {
    u.forEach(vandalise)
    u.push('vandalised')
  } else if (typeof u === 'object' && u !== null && !(u instanceof Builder)) {
    for (const v of Object.values(u)) vandalise(v)
    ;(u as Record<string, unknown>)['vandalised'] = true
  }
}

/** The chain with its plain arguments copied, so the test may change them afterwards. */
const ownArguments = (calls: ReadonlyArray<Call>): Call[] =>
  calls.map((c) => ({
    ...c,
    args: c.args.map((a) => (a instanceof Builder ? a : structuredClone(a)))
  }))

describe.each(Object.keys(kinds) as Array<keyof typeof kinds>)('the %s builder', (kind) => {
  const chains: fc.Arbitrary<Chain> = kinds[kind]
  const decode = codecs[kind]
  const validate = validatorFor(decode)

  it('writes what the calls ask for; the value validates, or each error is at a bad argument and each bad argument has an error', () => {
    fc.assert(
      fc.property(chains, (chain) => {
        const built = run(chain)
        expect(built.toJSON()).toEqual(chain.expected)
        const errors = errorsOf(built.build())
        if (chain.bad.length === 0) {
          expect(errors).toEqual([])
          return
        }
        for (const e of errors) {
          expect(
            chain.bad.some((p) => within(e.path, p)),
            `${e.path}: ${e.message}`
          ).toBe(true)
        }
        for (const p of chain.bad) {
          expect(
            errors.some((e) => within(e.path, p)),
            `no error at ${p} in ${JSON.stringify(errors)}`
          ).toBe(true)
        }
      })
    )
  })

  it('gives equal values when the same chain is built twice', () => {
    fc.assert(
      fc.property(chains, (chain) => {
        expect(run(chain).value).toEqual(run(chain).value)
      })
    )
  })

  it('leaves a shared builder unchanged when it is extended in two directions', () => {
    fc.assert(
      fc.property(chains, chains, fc.nat(), (a, b, cut) => {
        const at = a.calls.length === 0 ? 0 : cut % (a.calls.length + 1)
        const shared = applyCalls(a.start(), a.calls.slice(0, at))
        const before = structuredClone(shared.value) as unknown
        const left = applyCalls(shared, a.calls.slice(at))
        const right = applyCalls(shared, b.calls)
        expect(shared.value).toEqual(before)
        expect(left.value).toEqual(run(a).value)
        expect(right.value).toEqual(
          applyCalls(applyCalls(a.start(), a.calls.slice(0, at)), b.calls).value
        )
        for (const x of [shared, left, right]) expect(isDeepFrozen(x.value)).toBe(true)
      })
    )
  })

  it('is not changed by changes to what was passed to it', () => {
    fc.assert(
      fc.property(chains, (chain) => {
        const calls = ownArguments(chain.calls)
        const built = applyCalls(chain.start(), calls)
        const before = structuredClone(built.value) as unknown
        for (const c of calls) c.args.forEach(vandalise)
        expect(built.value).toEqual(before)
      })
    )
  })

  it('hands out a value that cannot be changed', () => {
    fc.assert(
      fc.property(chains, (chain) => {
        const built = run(chain)
        expect(isDeepFrozen(built.value)).toBe(true)
        expect(built.toJSON()).toBe(built.value)
        const result = built.build() as E.Either<unknown, { readonly value: unknown }>
        if (E.isRight(result)) expect(result.right.value).toBe(built.value)
      })
    )
  })

  it('turns into JSON that validates and decodes back to an equal value', () => {
    fc.assert(
      fc.property(
        chains.filter((c) => c.bad.length === 0),
        (chain) => {
          const built = run(chain)
          const json: unknown = JSON.parse(JSON.stringify(built))
          expect(errorsOf(validate(json))).toEqual([])
          const decoded = decode.decode(json)
          expect(E.isRight(decoded) ? decoded.right : decoded).toEqual(built.value)
        }
      )
    )
  })
})
