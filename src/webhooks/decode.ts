/**
 * `decodeWebhook`: from the URL a request arrived at (its route) and its payload to a typed,
 * normalised webhook, or every finding.
 *
 * A payload is decoded for its route first, then by its shape: the event URL receives call
 * statuses (told apart by `status`) and, without a `status`, whatever the keys say (a
 * transfer, an input or record result, an error). A status the decoder does not know is
 * `kind: 'unknown'`, never a failure. See docs/webhooks.md.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { Issue } from '../issue.js'
import {
  INVALID,
  at,
  isView,
  jsonText,
  materialize,
  openEnum,
  readAt,
  report,
  req,
  runCheckWithValue,
  string
} from '../internal/node.js'
import type {
  AnyStruct,
  CheckContext,
  CheckFn,
  Effective,
  StructView,
  TypeOf
} from '../internal/node.js'
import { describeType, describeValue, isPlainObject } from '../internal/text.js'
import { AnswerWebhook } from './answer.js'
import {
  CallPlacedWebhook,
  DisconnectedEvent,
  MachineDetectionEvent,
  callStatusCodecs
} from './call-status.js'
import type {
  CallPlacedWebhook as CallPlaced,
  CallStatusWebhook,
  DisconnectedEvent as Disconnected,
  MachineDetectionEvent as MachineDetection
} from './call-status.js'
import {
  optionalConversationUuidField,
  optionalUuidField,
  setOwn,
  timestampField,
  webhookCodec,
  webhookStruct
} from './fields.js'
import type { Decoded } from './fields.js'
import { ErrorWebhook, TransferWebhook } from './flow.js'
import type { ErrorWebhook as ErrorEvent, TransferWebhook as Transfer } from './flow.js'
import { InputWebhook, NotifyWebhook, RecordWebhook, TranscriptionWebhook } from './results.js'
import type {
  InputWebhook as Input,
  NotifyWebhook as Notify,
  RecordWebhook as Record_,
  TranscriptionWebhook as Transcription
} from './results.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The URLs the Voice API sends requests to: the answer URL, the event URL (of the
 * application, of a create-call request, or of a connect action), the fallback answer URL,
 * and the `eventUrl` of an input, record (and its transcription) or notify action.
 *
 * @category model
 * @since 0.2.0
 */
export const webhookRoutes = [
  'answer',
  'event',
  'fallback',
  'input',
  'record',
  'transcription',
  'notify'
] as const

/**
 * @category model
 * @since 0.2.0
 */
export type WebhookRoute = (typeof webhookRoutes)[number]

const unknownFields = webhookStruct(
  'UnknownWebhook',
  {
    status: { ...req(string(), 'The status, when the payload has one.'), required: false },
    uuid: optionalUuidField,
    conversation_uuid: optionalConversationUuidField,
    timestamp: timestampField
  },
  { owner: 'the event' }
)

/**
 * An event the decoder does not know (a status Vonage added, or a payload without a telling
 * key): its well-known fields are checked, and every field is kept.
 *
 * @category model
 * @since 0.2.0
 */
export type UnknownWebhook = Decoded<
  'unknown',
  TypeOf<typeof unknownFields> & { readonly [key: string]: unknown }
>

/**
 * @category codecs
 * @since 0.2.0
 */
export const UnknownWebhook = webhookCodec(unknownFields, (fields, raw): UnknownWebhook => ({
  ...fields,
  kind: 'unknown',
  raw
}))

/**
 * What the event URL receives.
 *
 * @category model
 * @since 0.2.0
 */
export type EventWebhook =
  | CallStatusWebhook
  | MachineDetection
  | Disconnected
  | Transfer
  | ErrorEvent
  | CallPlaced
  | Input
  | Record_
  | Transcription
  | Notify
  | UnknownWebhook

const OriginalRequest = webhookStruct(
  'OriginalRequest',
  {
    url: req(string(), 'The URL of the request that failed.'),
    type: req(openEnum(['answer', 'event']), 'Which request failed: the answer or an event.')
  },
  { owner: 'the original request' }
)

const fallbackFields = webhookStruct(
  'FallbackWebhook',
  {
    reason: req(
      openEnum([
        'Connection closed.',
        'Connection reset.',
        'Socket timeout.',
        'Invalid NCCO.',
        'Invalid response code.'
      ]),
      'Why the primary URL failed.'
    ),
    original_request: req(jsonText(OriginalRequest), 'The request that failed.')
  },
  { owner: 'the fallback request' }
)

/**
 * The fallback answer URL's request: the failed request's payload, with `reason` and
 * `original_request` added. `original` is that payload decoded for its route.
 *
 * @category model
 * @since 0.2.0
 */
export type FallbackWebhook = Decoded<
  'fallback',
  TypeOf<typeof fallbackFields> & { readonly original?: AnswerWebhook | EventWebhook }
>

/**
 * Every decoded webhook, told apart by `kind`.
 *
 * @category model
 * @since 0.2.0
 */
export type Webhook = AnswerWebhook | EventWebhook | FallbackWebhook

/**
 * @category model
 * @since 0.2.0
 */
export type WebhookKind = Webhook['kind']

/**
 * What a route can decode to.
 *
 * @category model
 * @since 0.2.0
 */
export type RouteWebhook<R extends WebhookRoute> = {
  answer: AnswerWebhook
  event: EventWebhook
  fallback: FallbackWebhook
  input: Input
  record: Record_
  transcription: Transcription
  notify: Notify
}[R]

/**
 * A payload as the decoder takes it: parsed JSON, the query of a GET request, or a query
 * object such as a framework's `req.query`.
 *
 * @category model
 * @since 0.2.0
 */
export type WebhookPayload = unknown

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const isSearchParams = (u: unknown): u is URLSearchParams => {
  try {
    return typeof URLSearchParams !== 'undefined' && u instanceof URLSearchParams
  } catch {
    return false
  }
}

/**
 * A query as an object; a repeated key takes its last value (all are still in `raw`). The
 * parameters are read by URLSearchParams' own `forEach`, never by an iterator a subclass may
 * override (and which could yield anything, for ever); an object that only looks like a
 * URLSearchParams makes it throw, which the check reports.
 */
const fromQuery = (query: URLSearchParams): Record<string, string> => {
  const out: Record<string, string> = {}
  URLSearchParams.prototype.forEach.call(query, (value, key) => {
    setOwn(out, key, value)
  })
  return out
}

interface Chosen {
  codec: AnyStruct | undefined
  /** A fallback's payload without its own two keys: the failed request's, as read once. */
  original: Record<string, unknown> | undefined
}

const has = (u: object, key: string): boolean => Object.prototype.hasOwnProperty.call(u, key)

/** Statuses that some sources send on results whose shape the keys tell better. */
const resultStatuses = new Set(['input', 'record', 'notify'])

/** The event URL's codec for a payload: by `status`, else by the keys present. */
const chooseEvent = (u: object, ctx: CheckContext): AnyStruct | undefined => {
  if (has(u, 'status')) {
    const status = at(ctx, 'status', () => readAt(ctx, u, 'status'))
    if (status === INVALID) return undefined
    if (typeof status !== 'string') {
      at(ctx, 'status', () =>
        report(ctx, 'invalid-type', { expected: 'a string', actual: describeType(status) })
      )
      return undefined
    }
    if (status === 'started' && has(u, 'client_ref')) return CallPlacedWebhook
    if (Object.prototype.hasOwnProperty.call(callStatusCodecs, status)) {
      return callStatusCodecs[status as keyof typeof callStatusCodecs]
    }
    if (status === 'human' || status === 'machine') return MachineDetectionEvent
    if (status === 'disconnected') return DisconnectedEvent
    if (status === 'transfer') return TransferWebhook
    if (status === 'transcribed') return TranscriptionWebhook
    if (!resultStatuses.has(status)) return UnknownWebhook
  }
  if (has(u, 'conversation_uuid_from')) return TransferWebhook
  if (has(u, 'dtmf') || has(u, 'speech')) return InputWebhook
  if (has(u, 'recording_url') && !has(u, 'transcription_url')) return RecordWebhook
  if (has(u, 'transcription_url')) return TranscriptionWebhook
  if (has(u, 'reason')) return ErrorWebhook
  if (has(u, 'payload')) return NotifyWebhook
  return UnknownWebhook
}

const routeCodecs: Readonly<Record<Exclude<WebhookRoute, 'event' | 'fallback'>, AnyStruct>> = {
  answer: AnswerWebhook,
  input: InputWebhook,
  record: RecordWebhook,
  transcription: TranscriptionWebhook,
  notify: NotifyWebhook
}

const notAnObject = (ctx: CheckContext, u: unknown): typeof INVALID => {
  report(ctx, 'invalid-type', {
    expected: 'a JSON object or a query',
    actual: describeType(u)
  })
  return INVALID
}

/** The keys a fallback struct does not know, with the values it read: the failed request. */
const originalPayload = (view: StructView): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of view.extras) setOwn(out, key, value)
  return out
}

const checkFallback = (u: object, ctx: CheckContext, chosen: Chosen): Effective => {
  chosen.codec = fallbackFields
  const r = fallbackFields.check(u, ctx)
  if (!isView(r)) return r
  // The rest of the payload is the failed request's, checked as that route's payload. It is
  // taken from what the struct read, so that the payload is read once, here.
  const original = originalPayload(r)
  chosen.original = original
  const request = r.values.get('original_request')
  const type = isView(request) ? request.values.get('type') : undefined
  if (type === 'answer') AnswerWebhook.check(original, ctx)
  else if (type === 'event') chooseEvent(original, ctx)?.check(original, ctx)
  return r
}

const checkRoute =
  (route: WebhookRoute, chosen: Chosen): CheckFn =>
  (payload, ctx) => {
    // Inside the check, so that an object that only looks like a query becomes a finding.
    const u = isSearchParams(payload) ? fromQuery(payload) : payload
    if (!isPlainObject(u)) return notAnObject(ctx, u)
    if (route === 'fallback') return checkFallback(u, ctx, chosen)
    chosen.codec = route === 'event' ? chooseEvent(u, ctx) : routeCodecs[route]
    return chosen.codec === undefined ? INVALID : chosen.codec.check(u, ctx)
  }

const decodeFallback = (
  effective: Effective,
  rest: Record<string, unknown>,
  raw: unknown
): FallbackWebhook => {
  const fields = materialize(effective) as TypeOf<typeof fallbackFields>
  const type = fields.original_request.type
  const original: E.Either<unknown, AnswerWebhook | EventWebhook> | undefined =
    type === 'answer'
      ? decodeWebhook('answer', rest)
      : type === 'event'
        ? decodeWebhook('event', rest)
        : undefined
  return {
    ...fields,
    ...(original !== undefined && E.isRight(original) ? { original: original.right } : {}),
    kind: 'fallback',
    raw
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Decodes a webhook for the route it arrived at. Right: the decoded webhook, with the payload
 * as received in `raw`. Left: every finding, in the shape the validator uses (`code`, `path`
 * as a JSON Pointer into the payload, `message`). Never throws, whatever `payload` is, and
 * never changes it.
 *
 * @example
 * import { decodeWebhook } from 'ncco-kit'
 * import * as E from 'fp-ts/lib/Either.js'
 *
 * const query = new URLSearchParams('to=447700900000&from=447700900001&uuid=aaa&conversation_uuid=CON-1')
 * const decoded = decodeWebhook('answer', query)
 * assert.ok(E.isRight(decoded) && decoded.right.kind === 'answer' && decoded.right.from === '447700900001')
 *
 * const completed = decodeWebhook('event', { uuid: 'aaa', conversation_uuid: 'CON-1', status: 'completed', duration: '42' })
 * assert.ok(E.isRight(completed) && completed.right.kind === 'completed' && completed.right.duration === 42)
 *
 * @category destructors
 * @since 0.2.0
 */
export const decodeWebhook = <R extends WebhookRoute>(
  route: R,
  payload: WebhookPayload
): E.Either<ReadonlyNonEmptyArray<Issue>, RouteWebhook<R>> => {
  if (typeof route !== 'string' || !(webhookRoutes as ReadonlyArray<string>).includes(route)) {
    const { issues } = runCheckWithValue(
      (_u, ctx) => {
        report(ctx, 'unknown-webhook-route', {
          actual: describeValue(route),
          allowed: webhookRoutes
        })
        return INVALID
      },
      undefined,
      'strict'
    )
    return E.left(issues as unknown as ReadonlyNonEmptyArray<Issue>)
  }
  const chosen: Chosen = { codec: undefined, original: undefined }
  const { issues, effective } = runCheckWithValue(checkRoute(route, chosen), payload, 'strict')
  const errors = issues.filter((i) => i.severity === 'error')
  if (errors.length > 0 || chosen.codec === undefined || effective === INVALID) {
    return E.left((errors.length > 0 ? errors : issues) as unknown as ReadonlyNonEmptyArray<Issue>)
  }
  if (route === 'fallback') {
    const rest = chosen.original ?? {}
    return E.right(decodeFallback(effective, rest, payload) as RouteWebhook<R>)
  }
  const output = chosen.codec.output
  const decoded = output === undefined ? materialize(effective) : output(effective, payload)
  return E.right(decoded as RouteWebhook<R>)
}

/**
 * The webhook of one kind.
 *
 * @category model
 * @since 0.2.0
 */
export type WebhookOfKind<K extends WebhookKind> = Extract<Webhook, { readonly kind: K }>

/**
 * A type guard for one or more kinds.
 *
 * @example
 * import { decodeWebhook, isWebhook } from 'ncco-kit'
 * import * as E from 'fp-ts/lib/Either.js'
 *
 * const decoded = decodeWebhook('event', { uuid: 'a', conversation_uuid: 'CON-1', status: 'busy' })
 * assert.ok(E.isRight(decoded) && isWebhook('busy', 'failed')(decoded.right))
 *
 * @category destructors
 * @since 0.2.0
 */
export const isWebhook =
  <K extends WebhookKind>(...kinds: ReadonlyArray<K>) =>
  (webhook: Webhook): webhook is WebhookOfKind<K> =>
    (kinds as ReadonlyArray<WebhookKind>).includes(webhook.kind)

/**
 * An exhaustive match on `kind`: leaving a kind out is a type error. For a few kinds, use
 * `matchWebhookOr` or a `switch`.
 *
 * @category destructors
 * @since 0.2.0
 */
export const matchWebhook =
  <R>(cases: { readonly [K in WebhookKind]: (webhook: WebhookOfKind<K>) => R }) =>
  (webhook: Webhook): R =>
    (cases[webhook.kind] as (w: Webhook) => R)(webhook)

/**
 * A match on some kinds, with `otherwise` for the rest.
 *
 * @example
 * import { decodeWebhook, matchWebhookOr } from 'ncco-kit'
 * import * as E from 'fp-ts/lib/Either.js'
 *
 * const describe = matchWebhookOr(
 *   { completed: (w) => `call ended after ${w.duration ?? 0} s` },
 *   (w) => `event ${w.kind}`
 * )
 * const decoded = decodeWebhook('event', { uuid: 'a', conversation_uuid: 'CON-1', status: 'completed', duration: '7' })
 * assert.ok(E.isRight(decoded) && describe(decoded.right) === 'call ended after 7 s')
 *
 * @category destructors
 * @since 0.2.0
 */
export const matchWebhookOr =
  <R>(
    cases: { readonly [K in WebhookKind]?: (webhook: WebhookOfKind<K>) => R },
    otherwise: (webhook: Webhook) => R
  ) =>
  (webhook: Webhook): R => {
    const f = Object.prototype.hasOwnProperty.call(cases, webhook.kind)
      ? (cases[webhook.kind] as ((w: Webhook) => R) | undefined)
      : undefined
    return f === undefined ? otherwise(webhook) : f(webhook)
  }
