/**
 * Generated builder chains for the property tests. Arguments are derived from the field
 * descriptions (`Node.spec`), so a new field or a changed range is exercised without editing
 * this file; each generated call knows the wire value it should write and whether its
 * argument is bad (one the validator must report at that field).
 */
import fc from 'fast-check'
import { createCallV1Struct } from '../../src/call/v1.js'
import { createCallV2Struct } from '../../src/call/v2.js'
import { E164, fixPhoneNumber } from '../../src/internal/formats.js'
import type { StringFormat } from '../../src/internal/formats.js'
import { ASR_LANGUAGES, TTS_LANGUAGES } from '../../src/internal/languages.js'
import type { AnyNode, AnyStruct } from '../../src/internal/node.js'
import { escapePointerSegment } from '../../src/internal/text.js'
import {
  AppEndpoint,
  ConnectAction,
  ConversationAction,
  InputAction,
  NotifyAction,
  PhoneEndpoint,
  RecordAction,
  SipEndpoint,
  StreamAction,
  TalkAction,
  TransferAction,
  VbcEndpoint,
  WaitAction,
  WebsocketEndpoint
} from '../../src/index.js'
import {
  app,
  callV1,
  callV2,
  connect,
  conversation,
  input,
  ncco,
  notify,
  phone,
  record,
  sip,
  stream,
  talk,
  transfer,
  vbc,
  wait,
  websocket
} from '../../src/builders/index.js'

// -------------------------------------------------------------------------------------
// values from field descriptions
// -------------------------------------------------------------------------------------

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/)
const plainText = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.]{0,30}$/)
const e164 = fc.stringMatching(/^[1-9][0-9]{6,14}$/)

const validFormat: Readonly<Record<StringFormat, fc.Arbitrary<string>>> = {
  'http-url': word.map((w) => `https://example.com/${w}`),
  'ws-url': word.map((w) => `wss://example.com/${w}`),
  'sip-uri': word.map((w) => `sip:${w}@example.com`),
  e164,
  'language-tts': fc.constantFrom(...TTS_LANGUAGES),
  'language-asr': fc.constantFrom(...ASR_LANGUAGES),
  'dtmf-digits': fc.stringMatching(/^[0-9*#p]{1,8}$/),
  'printable-ascii': fc.stringMatching(/^[\x20-\x7E]{0,40}$/)
}

/** Strings each format rejects; a bad phone number is one that no simple fix repairs. */
const invalidFormat: Readonly<Record<StringFormat, fc.Arbitrary<string>>> = {
  'http-url': fc.constantFrom('ftp://example.com/a', 'not a url', '/relative'),
  'ws-url': fc.constantFrom('https://example.com/socket', 'socket'),
  'sip-uri': fc.constantFrom('tel:447700900000', 'desk@pbx'),
  e164: fc.constantFrom('07700 900000', 'abc', '12'),
  'language-tts': fc.constantFrom('English', 'EN-gb', 'e'),
  'language-asr': fc.constantFrom('English', 'EN-gb', 'e'),
  'dtmf-digits': fc.constantFrom('abc', '1 2'),
  'printable-ascii': fc.constantFrom('caf\u00e9', 'tab\there')
}

/** Any valid value of a node (warnings allowed, errors not). */
export const validOf = (node: AnyNode): fc.Arbitrary<unknown> => {
  const spec = node.spec
  switch (spec.kind) {
    case 'string':
      return spec.format !== undefined
        ? validFormat[spec.format]
        : spec.nonEmpty
          ? plainText
          : fc.oneof(fc.constant(''), plainText)
    case 'enum':
      return fc.constantFrom(...spec.values)
    case 'boolean':
      return fc.boolean()
    case 'number': {
      const min = spec.min ?? -1000
      const max = spec.max ?? (spec.integer ? 100_000 : 1000)
      // The edges, and 0 where it is allowed: `loop: 0` and `level: 0` must survive.
      const edges = fc.constantFrom(...new Set([min, max, ...(min <= 0 && 0 <= max ? [0] : [])]))
      const any = spec.integer
        ? fc.integer({ min, max })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
      return fc.oneof(edges, any)
    }
    case 'array': {
      const constraints = { minLength: spec.minItems, maxLength: spec.maxItems ?? 3 }
      return spec.distinct
        ? fc.uniqueArray(validOf(spec.items), constraints)
        : fc.array(validOf(spec.items), constraints)
    }
    case 'urls':
      return validFormat['http-url'].map((u) => [u])
    case 'stringMap':
      return fc.dictionary(word, plainText, { maxKeys: 3 })
    case 'jsonObject':
      return fc.dictionary(
        word,
        fc.oneof(plainText, fc.integer(), fc.boolean(), fc.constant(null)),
        { maxKeys: 4 }
      )
    case 'struct':
      return fc.record(Object.fromEntries(spec.fields.map((f) => [f.name, validOf(f.node)])), {
        requiredKeys: spec.fields.filter((f) => f.required).map((f) => f.name)
      })
    case 'union':
      return fc.oneof(...spec.members.map(validOf))
  }
}

/**
 * A value of the node's TypeScript type that the validator reports as an error somewhere at
 * or under the field, or undefined when the type admits no such value (a boolean).
 */
export const invalidOf = (node: AnyNode): fc.Arbitrary<unknown> | undefined => {
  const spec = node.spec
  const options: Array<fc.Arbitrary<unknown>> = []
  switch (spec.kind) {
    case 'string':
      if (spec.format !== undefined) options.push(invalidFormat[spec.format])
      if (spec.nonEmpty) options.push(fc.constant(''))
      if (spec.maxLength !== undefined) options.push(fc.constant('x'.repeat(spec.maxLength + 1)))
      break
    case 'enum':
      options.push(fc.constant('bogus-value'))
      break
    case 'number': {
      if (spec.min !== undefined) options.push(fc.constant(spec.min - 1))
      if (spec.max !== undefined) options.push(fc.constant(spec.max + 1))
      const fraction = (spec.min ?? 0) + 0.5
      if (spec.integer && (spec.max === undefined || fraction <= spec.max))
        options.push(fc.constant(fraction))
      break
    }
    case 'array': {
      const item = invalidOf(spec.items)
      if (spec.minItems > 0) options.push(fc.constant([]))
      if (spec.maxItems !== undefined)
        options.push(
          fc.array(validOf(spec.items), {
            minLength: spec.maxItems + 1,
            maxLength: spec.maxItems + 1
          })
        )
      if (item !== undefined) options.push(item.map((bad) => [bad]))
      break
    }
    case 'urls':
      options.push(fc.constantFrom([], ['ftp://example.com/a'], ['not a url']))
      break
    case 'jsonObject':
      options.push(fc.constant({ count: Number.NaN }))
      break
    case 'struct': {
      const base = validOf(node) as fc.Arbitrary<Record<string, unknown>>
      for (const f of spec.fields) {
        const bad = invalidOf(f.node)
        if (bad !== undefined)
          options.push(fc.tuple(base, bad).map(([value, b]) => ({ ...value, [f.name]: b })))
      }
      break
    }
    case 'boolean':
    case 'stringMap':
    case 'union':
      break
  }
  return options.length === 0 ? undefined : fc.oneof(...options)
}

// -------------------------------------------------------------------------------------
// chains
// -------------------------------------------------------------------------------------

/** One generated method call: what it passes, and what it should write where. */
export interface Call {
  readonly method: string
  readonly args: ReadonlyArray<unknown>
  /** The wire key the call writes. */
  readonly field: string
  /** The wire value it should write there. */
  readonly wire: unknown
  readonly bad: boolean
}

/** What a finished chain is, for the assertions. */
export interface Chain {
  readonly kind: string
  /** A fresh builder from the constructor, before any call. */
  readonly start: () => AnyBuilder
  readonly calls: ReadonlyArray<Call>
  /** The wire value the chain should produce. */
  readonly expected: unknown
  /**
   * JSON Pointers of every bad argument, and of fields in a conflict the chain's model knows
   * about; every error must be at or under one of them, and each must have one.
   */
  readonly bad: ReadonlyArray<string>
}

// The builders are called by name with generated arguments: the types cannot follow that.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBuilder = any

export const applyCalls = (builder: AnyBuilder, calls: ReadonlyArray<Call>): AnyBuilder =>
  calls.reduce((b: AnyBuilder, c) => b[c.method](...c.args), builder)

export const run = (chain: Chain): AnyBuilder => applyCalls(chain.start(), chain.calls)

const camel = (key: string): string =>
  key.replace(/[-_]([a-z])/g, (_, c: string) => c.toUpperCase())

const pointer = (...segments: ReadonlyArray<string | number>): string =>
  segments.map((s) => '/' + escapePointerSegment(s)).join('')

/** JSON has no -0; the builders write 0 (so the JSON decodes to an equal value). */
const noNegativeZero = (u: unknown): unknown => {
  if (Object.is(u, -0)) return 0
  if (Array.isArray(u)) return u.map(noNegativeZero)
  if (typeof u === 'object' && u !== null)
    return Object.fromEntries(Object.entries(u).map(([k, v]) => [k, noNegativeZero(v)]))
  return u
}

interface FieldOverride {
  readonly valid: fc.Arbitrary<unknown>
  readonly invalid?: fc.Arbitrary<unknown>
}

const overrides: Readonly<Record<string, FieldOverride>> = {
  // The builder's parameter is the union { type: 'custom', value } | { type?: 'vonage' }.
  authorization: {
    valid: fc.oneof(
      fc.constant({}),
      fc.constant({ type: 'vonage' }),
      validFormat['printable-ascii'].map((value) => ({ type: 'custom', value }))
    ),
    invalid: invalidFormat['printable-ascii'].map((value) => ({ type: 'custom', value }))
  }
}

/**
 * A call of the method for `field` (camelCase of the wire key), with a valid argument most of
 * the time. A one-URL array is sometimes passed as the bare URL, which must still be written
 * as an array.
 */
export const callOf = (field: string, node: AnyNode, method = camel(field)): fc.Arbitrary<Call> => {
  const override = overrides[field]
  const valid = override?.valid ?? validOf(node)
  const invalid = override === undefined ? invalidOf(node) : override.invalid
  const make =
    (bad: boolean) =>
    ([value, bare]: [unknown, boolean]): Call => {
      const single = node.spec.kind === 'urls' && Array.isArray(value) && value.length === 1
      return {
        method,
        args: [single && bare ? value[0] : value],
        field,
        wire: noNegativeZero(value),
        bad
      }
    }
  const good = fc.tuple(valid, fc.boolean()).map(make(false))
  return invalid === undefined
    ? good
    : fc.oneof(
        { arbitrary: good, weight: 5 },
        { arbitrary: fc.tuple(invalid, fc.boolean()).map(make(true)), weight: 1 }
      )
}

/** Calls of every optional field of a struct, except those set otherwise. */
const callsOf = (
  struct: AnyStruct,
  except: ReadonlyArray<string>,
  maxLength = 6
): fc.Arbitrary<Call[]> => {
  const fields = struct.fields.filter((f) => !except.includes(f.name))
  return fc.array(fc.oneof(...fields.map((f) => callOf(f.name, f.node))), { maxLength })
}

const fieldOf = (struct: AnyStruct, name: string): AnyNode => {
  const field = struct.fields.find((f) => f.name === name)
  if (field === undefined) throw new Error(`${struct.name} has no field ${name}`)
  return field.node
}

/** A constructor argument, valid or not. */
interface Arg {
  readonly value: unknown
  readonly wire: unknown
  readonly bad: boolean
}

const argOf = (node: AnyNode): fc.Arbitrary<Arg> => {
  const valid = validOf(node).map((value) => ({ value, wire: noNegativeZero(value), bad: false }))
  const invalid = invalidOf(node)
  return invalid === undefined
    ? valid
    : fc.oneof(
        { arbitrary: valid, weight: 5 },
        { arbitrary: invalid.map((value) => ({ value, wire: value, bad: true })), weight: 1 }
      )
}

/** A phone number as a person writes it (`+44 7700 900000`): the builder writes the digits. */
const prettyPhone: fc.Arbitrary<Arg> = e164.map((digits) => ({
  value: `+${digits.slice(0, 2)} ${digits.slice(2, 6)} ${digits.slice(6)}`,
  wire: digits,
  bad: false
}))

const phoneArg: fc.Arbitrary<Arg> = fc.oneof(argOf(fieldOf(PhoneEndpoint, 'number')), prettyPhone)

/** A field the constructor wrote: its wire value and whether its argument was bad. */
type Initial = Readonly<Record<string, { readonly wire: unknown; readonly bad: boolean }>>

const fixed = (wire: unknown): { wire: unknown; bad: boolean } => ({ wire, bad: false })

/**
 * The chain's expected value and bad pointers. The last call of each field decides what the
 * field holds; `nested` are the bad pointers of builders given to the constructor.
 */
const finish = (
  kind: string,
  start: () => AnyBuilder,
  initial: Initial,
  calls: ReadonlyArray<Call>,
  options: {
    readonly conflicts?: (value: Readonly<Record<string, unknown>>) => ReadonlyArray<string>
    readonly nested?: ReadonlyArray<string>
  } = {}
): Chain => {
  const expected: Record<string, unknown> = {}
  const badFields = new Map<string, boolean>()
  for (const [field, { wire, bad }] of Object.entries(initial)) {
    expected[field] = wire
    badFields.set(field, bad)
  }
  for (const c of calls) {
    expected[c.field] = c.wire
    badFields.set(c.field, c.bad)
  }
  const bad = [
    ...(options.nested ?? []),
    ...[...badFields].filter(([, b]) => b).map(([f]) => pointer(f)),
    ...(options.conflicts?.(expected) ?? []).map((f) => pointer(f))
  ]
  return { kind, start, calls, expected, bad: [...new Set(bad)] }
}

/** `mute: true` with `canSpeak` is an error at `mute` (conversation, transfer). */
const muteConflict = (v: Readonly<Record<string, unknown>>): string[] =>
  v['mute'] === true && 'canSpeak' in v ? ['mute'] : []

// --- actions -------------------------------------------------------------------------

const talkChain: fc.Arbitrary<Chain> = fc
  .tuple(argOf(fieldOf(TalkAction, 'text')), callsOf(TalkAction, ['action', 'text', 'voiceName']))
  .map(([text, calls]) =>
    finish('talk', () => talk(text.value as string), { action: fixed('talk'), text }, calls)
  )

const streamChain: fc.Arbitrary<Chain> = fc
  .tuple(argOf(fieldOf(StreamAction, 'streamUrl')), callsOf(StreamAction, ['action', 'streamUrl']))
  .map(([streamUrl, calls]) =>
    finish(
      'stream',
      () => stream(streamUrl.value as string[]),
      { action: fixed('stream'), streamUrl },
      calls
    )
  )

const recordChain: fc.Arbitrary<Chain> = callsOf(RecordAction, ['action'], 8).map((calls) =>
  finish('record', () => record(), { action: fixed('record') }, calls, {
    // NCCO reference: channels needs split: "conversation".
    conflicts: (v) => ('channels' in v && !('split' in v) ? ['channels'] : [])
  })
)

const conversationChain: fc.Arbitrary<Chain> = fc
  .tuple(
    argOf(fieldOf(ConversationAction, 'name')),
    callsOf(ConversationAction, ['action', 'name'], 8)
  )
  .map(([name, calls]) =>
    finish(
      'conversation',
      () => conversation(name.value as string),
      { action: fixed('conversation'), name },
      calls,
      {
        conflicts: (v) => [
          ...muteConflict(v),
          ...('transcription' in v && v['record'] !== true ? ['transcription'] : [])
        ]
      }
    )
  )

const notifyChain: fc.Arbitrary<Chain> = fc
  .tuple(
    argOf(fieldOf(NotifyAction, 'payload')),
    argOf(fieldOf(NotifyAction, 'eventUrl')),
    callsOf(NotifyAction, ['action', 'payload', 'eventUrl'])
  )
  .map(([payload, eventUrl, calls]) =>
    finish(
      'notify',
      () => notify(payload.value as Record<string, unknown>, eventUrl.value as string[]),
      { action: fixed('notify'), payload, eventUrl },
      calls
    )
  )

const waitChain: fc.Arbitrary<Chain> = fc
  .tuple(
    fc.option(argOf(fieldOf(WaitAction, 'timeout')), { nil: undefined }),
    callsOf(WaitAction, ['action'])
  )
  .map(([timeout, calls]) =>
    finish(
      'wait',
      () => (timeout === undefined ? wait() : wait(timeout.value as number)),
      timeout === undefined ? { action: fixed('wait') } : { action: fixed('wait'), timeout },
      calls
    )
  )

const transferChain: fc.Arbitrary<Chain> = fc
  .tuple(
    argOf(fieldOf(TransferAction, 'conversationId')),
    callsOf(TransferAction, ['action', 'conversationId'])
  )
  .map(([conversationId, calls]) =>
    finish(
      'transfer',
      () => transfer(conversationId.value as string),
      { action: fixed('transfer'), conversationId },
      calls,
      { conflicts: muteConflict }
    )
  )

/**
 * An input: what it listens for is chosen first; then only the calls its type offers are
 * kept, in the order the typestate allows (no DTMF settings while asynchronous, no
 * asynchronous mode once there are DTMF settings).
 */
const inputChain: fc.Arbitrary<Chain> = fc
  .tuple(
    fc.constantFrom('dtmf', 'speech', 'dtmfAndSpeech'),
    fc.option(argOf(fieldOf(InputAction, 'dtmf')), { nil: undefined }),
    fc.option(argOf(fieldOf(InputAction, 'speech')), { nil: undefined }),
    callsOf(InputAction, ['action', 'type'], 8)
  )
  .map(([kind, dtmfArg, speechArg, generated]) => {
    const listensDtmf = kind !== 'speech'
    const listensSpeech = kind !== 'dtmf'
    const dtmf = listensDtmf ? dtmfArg : undefined
    const speech = listensSpeech ? speechArg : undefined
    let hasDtmf = dtmf !== undefined
    let asynchronous = false
    const calls: Call[] = []
    for (const c of generated) {
      if (c.field === 'dtmf') {
        if (!listensDtmf || asynchronous) continue
        hasDtmf = true
      }
      if (c.field === 'speech' && !listensSpeech) continue
      if (c.field === 'mode') {
        if (!listensDtmf || (c.wire === 'asynchronous' && hasDtmf)) continue
        asynchronous = c.wire === 'asynchronous'
      }
      calls.push(c)
    }
    const start = (): AnyBuilder => {
      const d = dtmf?.value as never
      const sp = speech?.value as never
      if (kind === 'dtmf') return dtmf === undefined ? input.dtmf() : input.dtmf(d)
      if (kind === 'speech') return input.speech(sp)
      return input.dtmfAndSpeech({
        ...(dtmf === undefined ? {} : { dtmf: d }),
        ...(speech === undefined ? {} : { speech: sp })
      })
    }
    const type = kind === 'dtmf' ? ['dtmf'] : kind === 'speech' ? ['speech'] : ['dtmf', 'speech']
    return finish(
      'input',
      start,
      {
        action: fixed('input'),
        type: fixed(type),
        ...(dtmf === undefined ? {} : { dtmf }),
        ...(speech === undefined ? {} : { speech })
      },
      calls
    )
  })

// --- endpoints -------------------------------------------------------------------------

const phoneChain: fc.Arbitrary<Chain> = fc
  .tuple(phoneArg, callsOf(PhoneEndpoint, ['type', 'number'], 4))
  .map(([number, calls]) =>
    finish('phone', () => phone(number.value as string), { type: fixed('phone'), number }, calls)
  )

const appChain: fc.Arbitrary<Chain> = argOf(fieldOf(AppEndpoint, 'user')).map((user) =>
  finish('app', () => app(user.value as string), { type: fixed('app'), user }, [])
)

const websocketChain: fc.Arbitrary<Chain> = fc
  .tuple(
    argOf(fieldOf(WebsocketEndpoint, 'uri')),
    argOf(fieldOf(WebsocketEndpoint, 'content-type')),
    callsOf(WebsocketEndpoint, ['type', 'uri', 'content-type'], 4)
  )
  .map(([uri, contentType, calls]) =>
    finish(
      'websocket',
      () => websocket(uri.value as string, contentType.value as never),
      { type: fixed('websocket'), uri, 'content-type': contentType },
      calls
    )
  )

const sipChain: fc.Arbitrary<Chain> = fc
  .tuple(
    fc.oneof(
      argOf(fieldOf(SipEndpoint, 'uri')).map((uri) => ({ arg: uri.value, initial: { uri } })),
      fc
        .tuple(argOf(fieldOf(SipEndpoint, 'user')), argOf(fieldOf(SipEndpoint, 'domain')))
        .map(([user, domain]) => ({
          arg: { user: user.value, domain: domain.value },
          initial: { user, domain }
        }))
    ),
    callsOf(SipEndpoint, ['type', 'uri', 'user', 'domain'], 4)
  )
  .map(([address, calls]) =>
    finish(
      'sip',
      () => sip(address.arg as string),
      { type: fixed('sip'), ...address.initial },
      calls
    )
  )

const vbcChain: fc.Arbitrary<Chain> = argOf(fieldOf(VbcEndpoint, 'extension')).map((extension) =>
  finish('vbc', () => vbc(extension.value as string), { type: fixed('vbc'), extension }, [])
)

export const endpointChains = {
  phone: phoneChain,
  app: appChain,
  websocket: websocketChain,
  sip: sipChain,
  vbc: vbcChain
} as const

const anyEndpoint = fc.oneof(...Object.values(endpointChains))

/** Pointers of a nested chain's bad arguments, under `prefix`. */
const under = (prefix: string, chain: Chain): string[] => chain.bad.map((p) => prefix + p)

/** What the builders write for a phone number (`+44 7700 900000` becomes `447700900000`). */
const asPhoneNumber = (s: string): string => (E164.test(s) ? s : (fixPhoneNumber(s) ?? s))

const connectChain: fc.Arbitrary<Chain> = fc
  .tuple(
    anyEndpoint,
    fc.oneof(
      fc.constant<Call[]>([]),
      fc.oneof(prettyPhone, argOf(fieldOf(ConnectAction, 'from'))).map((from): Call[] => [
        {
          method: 'from',
          args: [from.value],
          field: 'from',
          wire: from.bad ? from.wire : asPhoneNumber(from.wire as string),
          bad: from.bad
        }
      ]),
      fc.constant<Call[]>([
        { method: 'randomFromNumber', args: [], field: 'randomFromNumber', wire: true, bad: false }
      ])
    ),
    callsOf(ConnectAction, ['action', 'endpoint', 'from', 'randomFromNumber'])
  )
  .map(([endpoint, caller, calls]) =>
    finish(
      'connect',
      () => connect(run(endpoint)),
      { action: fixed('connect'), endpoint: fixed([endpoint.expected]) },
      [...caller, ...calls],
      {
        nested: under('/endpoint/0', endpoint),
        // A from that is not E.164 is an error for a phone endpoint (a warning otherwise).
        conflicts: (v) =>
          typeof v['from'] === 'string' &&
          v['from'] !== '' &&
          !E164.test(v['from']) &&
          (endpoint.expected as { type: string }).type === 'phone'
            ? ['from']
            : []
      }
    )
  )

export const actionChains = {
  record: recordChain,
  conversation: conversationChain,
  connect: connectChain,
  talk: talkChain,
  stream: streamChain,
  input: inputChain,
  notify: notifyChain,
  wait: waitChain,
  transfer: transferChain
} as const

// --- NCCOs and requests ----------------------------------------------------------------

const bargesIn = (chain: Chain): boolean =>
  (chain.expected as { bargeIn?: unknown }).bargeIn === true

const listen: Chain = finish(
  'input',
  () => input.dtmf(),
  { action: fixed('input'), type: fixed(['dtmf']) },
  []
)

/**
 * An NCCO of generated actions, some given as builders and some as plain actions. An input
 * follows every prompt that barges in, so that the barge-in rule (tested on its own) is met.
 */
export const nccoChain: fc.Arbitrary<Chain> = fc
  .array(fc.tuple(fc.oneof(...Object.values(actionChains)), fc.boolean()), {
    minLength: 1,
    maxLength: 4
  })
  .map((items) => {
    const actions = items.flatMap(([chain, plain]) =>
      bargesIn(chain)
        ? [
            { chain, plain },
            { chain: listen, plain: false }
          ]
        : [{ chain, plain }]
    )
    return {
      kind: 'ncco',
      start: (): AnyBuilder => ncco(),
      calls: actions.map(({ chain, plain }): Call => ({
        method: 'add',
        args: [plain ? structuredClone(run(chain).value) : run(chain)],
        field: '',
        wire: chain.expected,
        bad: false
      })),
      expected: actions.map(({ chain }) => chain.expected),
      bad: actions.flatMap(({ chain }, i) => under(pointer(i), chain))
    }
  })

/** The create-call form of an endpoint's expected value. */
const callForm = (endpoint: unknown): unknown => {
  const { standardHeaders, ...rest } = endpoint as Record<string, unknown>
  return standardHeaders === undefined ? rest : { ...rest, standard_headers: standardHeaders }
}

const callChain = (version: 'v1' | 'v2'): fc.Arbitrary<Chain> => {
  const struct = version === 'v1' ? createCallV1Struct : createCallV2Struct
  const fromCall = fc.oneof(prettyPhone, phoneArg).map((from): Call => ({
    method: 'from',
    args: [from.value],
    field: 'from',
    wire: { type: 'phone', number: from.wire },
    bad: from.bad
  }))
  const randomCall: Call = {
    method: 'randomFromNumber',
    args: [],
    field: 'random_from_number',
    wire: true,
    bad: false
  }
  const answerUrlCalls = fc
    .tuple(
      callOf('answer_url', fieldOf(struct, 'answer_url')),
      fc.option(callOf('answer_method', fieldOf(struct, 'answer_method')), { nil: undefined })
    )
    .map(([url, method]) => (method === undefined ? [url] : [url, method]))
  return fc
    .tuple(
      fc.array(anyEndpoint, { minLength: 1, maxLength: 2 }),
      fc.oneof(
        nccoChain.map((n) => ({
          nested: under('/ncco', n),
          calls: [{ method: 'ncco', args: [run(n)], field: 'ncco', wire: n.expected, bad: false }]
        })),
        answerUrlCalls.map((calls) => ({ nested: [], calls }))
      ),
      version === 'v1' ? fc.oneof(fromCall, fc.constant(randomCall)) : fromCall,
      // `$schema` is a request file's key for editors: no builder method sets it.
      callsOf(struct, [
        '$schema',
        'to',
        'ncco',
        'answer_url',
        'answer_method',
        'from',
        'random_from_number'
      ])
    )
    .map(([to, instructions, caller, calls]) => {
      const toCall: Call = {
        method: 'to',
        args: to.map(run),
        field: 'to',
        wire: to.map((e) => callForm(e.expected)),
        bad: false
      }
      return finish(
        version,
        version === 'v1' ? callV1 : callV2,
        {},
        [toCall, ...instructions.calls, caller, ...calls],
        {
          nested: [
            // The sip endpoint's standard headers are written standard_headers in create-call.
            ...to.flatMap((e, i) =>
              under(pointer('to', i), e).map((p) =>
                p.replace('/standardHeaders', '/standard_headers')
              )
            ),
            ...instructions.nested
          ]
        }
      )
    })
}

export const requestChains = { v1: callChain('v1'), v2: callChain('v2') } as const
