/**
 * The answer webhook: the Voice API asks the application for the call's NCCO. It arrives as a
 * GET query (the default, where every value is a string) or as a POST JSON body.
 *
 * @since 0.2.0
 */
import {
  INVALID,
  at,
  isView,
  jsonObject,
  jsonText,
  openEnum,
  opt,
  readAt,
  report,
  string
} from '../internal/node.js'
import type { CheckFn, TypeOf } from '../internal/node.js'
import { describeType } from '../internal/text.js'
import {
  conversationUuidField,
  headersField,
  setOwn,
  toField,
  uuidField,
  webhookCodec,
  webhookStruct
} from './fields.js'
import type { Decoded } from './fields.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The query keys that carry inbound SIP headers: `SipHeader_X-Foo`, `SipHeader_User-to-User`. */
export const SIP_HEADER_PREFIX = 'SipHeader_'

const answerFields = webhookStruct(
  'AnswerWebhook',
  {
    to: toField,
    from: opt(string(), 'The caller: a number or a SIP URI (absent for an application user).'),
    from_user: opt(
      string(),
      'The application user who placed the call from a Client SDK (instead of from).'
    ),
    uuid: uuidField,
    conversation_uuid: conversationUuidField,
    endpoint_type: opt(
      openEnum(['phone', 'sip', 'websocket', 'app', 'vbc']),
      'The kind of endpoint that placed the call.'
    ),
    region_url: opt(string(), 'The regional API base URL to use for this call.'),
    custom_data: opt(
      jsonText(jsonObject()),
      'Data the caller attached (a Client SDK call, or create-call); JSON text in a GET query.'
    ),
    headers: headersField
  },
  { owner: 'the answer webhook' }
)

/** `SipHeader_*` values must be strings, like every other query value. */
const checkAnswer: CheckFn = (u, ctx) => {
  const r = answerFields.check(u, ctx)
  if (!isView(r) || typeof u !== 'object' || u === null) return r
  let bad = false
  for (const [key] of r.extras) {
    if (!key.startsWith(SIP_HEADER_PREFIX)) continue
    at(ctx, key, () => {
      const value = readAt(ctx, u, key)
      if (typeof value !== 'string' && value !== INVALID) {
        report(ctx, 'invalid-type', { expected: 'a string', actual: describeType(value) })
        bad = true
      }
    })
  }
  return bad ? INVALID : r
}

/**
 * @category model
 * @since 0.2.0
 */
export type AnswerWebhook = Decoded<
  'answer',
  TypeOf<typeof answerFields> & {
    /** Inbound SIP headers (`SipHeader_X-Foo=bar` becomes `{ "X-Foo": "bar" }`). */
    readonly sipHeaders?: Readonly<Record<string, string>>
  }
>

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The answer webhook. Its `decode` collects the `SipHeader_*` keys into `sipHeaders` and
 * parses `custom_data` sent as JSON text.
 *
 * @category codecs
 * @since 0.2.0
 */
export const AnswerWebhook = webhookCodec(
  answerFields,
  (fields, raw): AnswerWebhook => {
    const rest: Record<string, unknown> = {}
    const sipHeaders: Record<string, string> = {}
    let any = false
    for (const [key, value] of Object.entries(fields)) {
      if (key.startsWith(SIP_HEADER_PREFIX) && typeof value === 'string') {
        setOwn(sipHeaders, key.slice(SIP_HEADER_PREFIX.length), value)
        any = true
      } else {
        setOwn(rest, key, value)
      }
    }
    return {
      ...(rest as TypeOf<typeof answerFields>),
      ...(any ? { sipHeaders } : {}),
      kind: 'answer',
      raw
    }
  },
  checkAnswer
)
