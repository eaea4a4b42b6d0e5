/**
 * Everything the repository keeps that is derived from the field descriptions and the issue
 * catalog: the field reference (docs/fields.md), the README's code table and the shipped JSON
 * Schemas. `npm run docs` writes them; test/docs.test.ts fails when a committed copy is stale.
 */
import {
  AdvancedMachineDetection,
  AppEndpoint,
  CallSipEndpoint,
  ConnectAction,
  ConversationAction,
  DtmfSettings,
  InputAction,
  NotifyAction,
  OnAnswer,
  PhoneEndpoint,
  PhoneFrom,
  RecordAction,
  SipEndpoint,
  SpeechSettings,
  StreamAction,
  TalkAction,
  TranscriptionSettings,
  TransferAction,
  VbcEndpoint,
  WaitAction,
  WebsocketAuthorization,
  WebsocketEndpoint,
  issueCatalog
} from '../src/index.js'
import { createCallV1Struct } from '../src/call/v1.js'
import { createCallV2Struct } from '../src/call/v2.js'
import type { AnyNode, AnyStruct } from '../src/internal/node.js'
import { formats } from '../src/internal/formats.js'
import { jsonSchema } from '../src/schema.js'
import { packageVersion } from '../src/cli/version.js'
import {
  AnswerWebhook,
  CallPlacedWebhook,
  DisconnectedEvent,
  DtmfResult,
  ErrorWebhook,
  InputWebhook,
  MachineDetectionEvent,
  NotifyWebhook,
  RecordWebhook,
  SpeechHypothesis,
  SpeechResult,
  TranscriptionWebhook,
  TransferWebhook,
  UnknownWebhook
} from '../src/index.js'
import { callStatusCodecs } from '../src/webhooks/call-status.js'
import type { SchemaKind } from '../src/schema.js'

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** How the field reference names a node's type and constraints. */
export const describeNode = (node: AnyNode): string => {
  const spec = node.spec
  switch (spec.kind) {
    case 'string': {
      const parts = [
        spec.format === undefined ? 'string' : `string (${formats[spec.format].expected})`
      ]
      if (spec.nonEmpty) parts.push('non-empty')
      if (spec.maxLength !== undefined) parts.push(`at most ${spec.maxLength} characters`)
      if (spec.known !== undefined) {
        return spec.known.length === 0
          ? 'string'
          : `${spec.known.map((v) => `\`${v}\``).join(' | ')} or another string`
      }
      return parts.join(', ')
    }
    case 'enum':
      return spec.values.map((v) => `\`${v}\``).join(' | ')
    case 'boolean':
      return spec.strings === 'accept' ? 'boolean (or "true" / "false")' : 'boolean'
    case 'number': {
      const t = spec.integer ? 'integer' : 'number'
      const range =
        spec.min !== undefined && spec.max !== undefined
          ? ` ${spec.min}–${spec.max}`
          : spec.min !== undefined
            ? ` ≥ ${spec.min}`
            : spec.max !== undefined
              ? ` ≤ ${spec.max}`
              : ''
      const soft =
        spec.soft === undefined ? '' : ` (warning outside ${spec.soft.min}–${spec.soft.max})`
      return t + range + soft + (spec.strings === 'accept' ? ' (or a string of one)' : '')
    }
    case 'array': {
      const count =
        spec.maxItems === spec.minItems && spec.maxItems !== undefined
          ? `exactly ${spec.maxItems}`
          : spec.minItems > 0
            ? `at least ${spec.minItems}`
            : ''
      const item = describeNode(spec.items)
      return `array of ${item.includes(',') ? `(${item})` : item}${count === '' ? '' : `, ${count}`}${spec.distinct ? ', distinct' : ''}`
    }
    case 'urls':
      return 'array of one http(s) URL'
    case 'stringMap':
      return 'object of strings'
    case 'jsonObject':
      return spec.warnAboveBytes === undefined
        ? 'JSON object'
        : `JSON object (warning above ${spec.warnAboveBytes} bytes)`
    case 'struct':
      return `object ([${node.name}](#${node.name.toLowerCase()}))`
    case 'union':
      return `one of ${spec.members.map((m) => `[${m.name}](#${m.name.toLowerCase()})`).join(', ')}`
  }
}

/** Every struct the field reference documents, under the heading of its section. */
export const documented: ReadonlyArray<readonly [string, AnyStruct]> = [
  ['NCCO actions', RecordAction],
  ['NCCO actions', ConversationAction],
  ['NCCO actions', ConnectAction],
  ['NCCO actions', TalkAction],
  ['NCCO actions', StreamAction],
  ['NCCO actions', InputAction],
  ['NCCO actions', NotifyAction],
  ['NCCO actions', WaitAction],
  ['NCCO actions', TransferAction],
  ['Settings objects', TranscriptionSettings],
  ['Settings objects', DtmfSettings],
  ['Settings objects', SpeechSettings],
  ['Settings objects', AdvancedMachineDetection],
  ['Endpoints', PhoneEndpoint],
  ['Endpoints', OnAnswer],
  ['Endpoints', AppEndpoint],
  ['Endpoints', WebsocketEndpoint],
  ['Endpoints', WebsocketAuthorization],
  ['Endpoints', SipEndpoint],
  ['Endpoints', CallSipEndpoint],
  ['Endpoints', VbcEndpoint],
  ['Create-call requests', createCallV1Struct],
  ['Create-call requests', createCallV2Struct],
  ['Create-call requests', PhoneFrom]
]

const fieldTable = (node: AnyStruct): string[] => {
  const out = [
    '| Field | Type | Required | Default | Description |',
    '| --- | --- | --- | --- | --- |'
  ]
  for (const f of node.fields) {
    const also = (f.aliases ?? []).map((a) => `\`${a}\``).join(', ')
    out.push(
      `| \`${f.name}\`${also === '' ? '' : ` (also spelled ${also})`} | ${cell(describeNode(f.node))} | ${f.required ? 'yes' : 'no'} | ${f.default === undefined ? '' : `\`${JSON.stringify(f.default)}\``} | ${cell(f.doc)} |`
    )
  }
  return out
}

/** The webhooks docs/webhooks.md describes, with the kinds they decode to. */
const documentedWebhooks: ReadonlyArray<readonly [string, AnyStruct, string]> = [
  ['answer', AnswerWebhook, '`answer`'],
  ...Object.entries(callStatusCodecs).map(
    ([status, codec]) => ['event', codec, `\`${status}\``] as const
  ),
  ['event', MachineDetectionEvent, '`human`, `machine`'],
  ['event', DisconnectedEvent, '`disconnected`'],
  ['event', TransferWebhook, '`transfer`'],
  ['event', ErrorWebhook, '`error`'],
  ['event', CallPlacedWebhook, '`call-placed`'],
  ['event', UnknownWebhook, '`unknown`'],
  ['input', InputWebhook, '`input`'],
  ['input (nested)', DtmfResult, ''],
  ['input (nested)', SpeechResult, ''],
  ['input (nested)', SpeechHypothesis, ''],
  ['record', RecordWebhook, '`record`'],
  ['transcription', TranscriptionWebhook, '`transcription`'],
  ['notify', NotifyWebhook, '`notify`']
]

export const WEBHOOKS_START =
  '<!-- webhook-fields:start (generated by `npm run docs`) -->\n<!-- prettier-ignore-start -->'
export const WEBHOOKS_END = '<!-- prettier-ignore-end -->\n<!-- webhook-fields:end -->'

/** The field tables of docs/webhooks.md, from the webhook codecs. */
export const webhookTables = (): string => {
  const out: string[] = [WEBHOOKS_START, '']
  for (const [route, node, kinds] of documentedWebhooks) {
    out.push(`### ${node.name}`, '')
    out.push(
      kinds === ''
        ? `Part of the ${route.replace(' (nested)', '')} webhook.`
        : `Route \`${route}\`; decodes to kind ${kinds}. Unknown keys are kept; an optional field sent as \`null\` is absent.`,
      ''
    )
    out.push(...fieldTable(node), '')
  }
  out.push(WEBHOOKS_END)
  return out.join('\n')
}

/** Replaces the generated tables inside docs/webhooks.md. */
export const withWebhookTables = (doc: string): string => {
  const start = doc.indexOf(WEBHOOKS_START)
  const end = doc.indexOf(WEBHOOKS_END)
  if (start === -1 || end === -1) throw new Error('docs/webhooks.md has no field table markers')
  return doc.slice(0, start) + webhookTables() + doc.slice(end + WEBHOOKS_END.length)
}

/** docs/fields.md: one table per object, generated from the field descriptions. */
export const fieldsMarkdown = (): string => {
  const out: string[] = [
    '# Field reference',
    '',
    '<!-- Generated by `npm run docs` from the field descriptions in src/. Do not edit. -->',
    '',
    'Every field the validator knows, with its type, range and the one sentence that also',
    'appears in the JSON Schema. "Also spelled" lists non-canonical spellings that stand in for',
    'the key (an error in the strict profile, a warning in the lenient one).',
    ''
  ]
  let section = ''
  for (const [group, node] of documented) {
    if (group !== section) {
      out.push(`## ${group}`, '')
      section = group
    }
    out.push(`### ${node.name}`, '')
    out.push(...fieldTable(node), '')
  }
  return out.join('\n')
}

export const CODES_START =
  '<!-- codes:start (generated by `npm run docs`) -->\n<!-- prettier-ignore-start -->'
export const CODES_END = '<!-- prettier-ignore-end -->\n<!-- codes:end -->'

/** The README's table of finding codes, from the issue catalog. */
export const codesTable = (): string => {
  const rows = Object.entries(issueCatalog).map(([code, e]) => {
    const severity = e.severity === 'profile' ? 'error (strict) / warning (lenient)' : e.severity
    return `| \`${code}\` | ${severity} | ${cell(e.meaning)} | ${cell(e.source)} |`
  })
  return [
    CODES_START,
    '| Code | Severity | Meaning | Documentation behind it |',
    '| --- | --- | --- | --- |',
    ...rows,
    CODES_END
  ].join('\n')
}

/** Replaces the generated table inside a README text. */
export const withCodesTable = (readme: string): string => {
  const start = readme.indexOf(CODES_START)
  const end = readme.indexOf(CODES_END)
  if (start === -1 || end === -1) throw new Error('README.md has no codes table markers')
  return readme.slice(0, start) + codesTable() + readme.slice(end + CODES_END.length)
}

export const schemaKinds: ReadonlyArray<SchemaKind> = ['ncco', 'call-v1', 'call-v2']

/** A shipped schema file: its `$id` is pinned to the version in package.json. */
export const schemaFile = (kind: SchemaKind): string =>
  JSON.stringify(jsonSchema(kind, { version: packageVersion() }), null, 2) + '\n'
