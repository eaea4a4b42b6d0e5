/**
 * The fields most webhooks share, described once: identifiers, parties, timestamps, and the
 * struct options of a tolerant reader.
 *
 * Identifiers are opaque non-empty strings: a real `uuid` is 32 hex digits without dashes,
 * documentation examples use dashed UUIDs, redacted ones are neither, and `conversation_uuid`
 * does not always start with `CON-` (docs/webhooks.md, "Decisions").
 *
 * @since 0.2.0
 */
import {
  StructNode,
  jsonObject,
  jsonText,
  materialize,
  openEnum,
  opt,
  req,
  string,
  struct
} from '../internal/node.js'
import type {
  AnyStruct,
  CheckFn,
  Fields,
  Spec,
  StructOptions,
  StructType,
  TypeOf
} from '../internal/node.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** An identifier the Voice API assigns: any non-empty string. */
export const identifier = string({ nonEmpty: true })

export const uuidField = req(identifier, 'The call leg this webhook is about.')
export const optionalUuidField = opt(identifier, 'The call leg this webhook is about.')
export const conversationUuidField = req(identifier, 'The conversation the call leg is part of.')
export const optionalConversationUuidField = opt(
  identifier,
  'The conversation the call leg is part of.'
)
export const fromField = opt(
  string(),
  'Who placed the call: a number, a SIP URI or an application user.'
)
export const toField = opt(string(), 'Who was called: a number, a SIP URI or an application user.')
export const timestampField = opt(string(), 'When the event happened (ISO 8601, kept as sent).')
export const directionField = opt(
  openEnum(['inbound', 'outbound']),
  'inbound for a call to your number, outbound for a call your application placed.'
)
export const headersField = opt(
  jsonText(jsonObject()),
  'The custom SIP headers of the leg, for legs that arrived over SIP.'
)

/**
 * Every webhook struct reads tolerantly: unknown keys are kept, `null` optional fields are
 * absent, and aliases such as `call_uuid` are names the API sends, not mistakes.
 */
export const webhookStruct = <F extends Fields>(
  name: string,
  fields: F,
  options: Pick<StructOptions, 'owner' | 'rules'>
): StructNode<StructType<F>> =>
  struct(name, fields, {
    ...options,
    unknownKeys: 'allow',
    nullAsAbsent: true,
    aliases: 'accept'
  })

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A decoded webhook: its fields as decoded, a literal `kind`, and the payload as received in
 * `raw`. (`kind` and `raw` are set last, so a payload key of either name is only in `raw`.)
 */
export type Decoded<K extends string, A> = A & { readonly kind: K; readonly raw: unknown }

/**
 * A webhook codec: checks like `struct` (the generated docs read its fields), and io-ts
 * `decode` gives the decoded webhook that `decodeWebhook` gives.
 */
export const webhookCodec = <S extends AnyStruct, D>(
  struct: S,
  decode: (fields: TypeOf<S>, raw: unknown) => D,
  check: CheckFn = struct.check
): StructNode<D> =>
  new StructNode<D>(
    struct.name,
    struct.spec as Spec & { kind: 'struct' },
    check,
    (effective, raw) => decode(materialize(effective) as TypeOf<S>, raw)
  )

/**
 * Sets an own data property, even one named `__proto__`, without calling any setter: how
 * decoded objects are built from payload keys.
 */
export const setOwn = (o: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })
}

/** The decode function of a codec whose kind is fixed. */
export const withKind =
  <K extends string>(kind: K) =>
  <A>(fields: A, raw: unknown): Decoded<K, A> => ({ ...fields, kind, raw })
