/**
 * JSON Schemas (draft 2020-12) generated from the same field descriptions as the codecs, for
 * editors (completion, hover docs, snippets) and for tools that speak JSON Schema. A schema
 * describes the strict profile, with the rules across fields that JSON Schema can express;
 * what only the validator checks is listed in the README.
 *
 * What the field descriptions do not carry (examples, deprecation, the rules across fields,
 * snippets) is kept in the tables of this module, keyed by struct and field name; a test checks
 * that every key names a real struct and field, and that every rule here rejects what the
 * validator rejects.
 *
 * @since 0.1.0
 */
import { createCallV1Struct } from './call/v1.js'
import { createCallV2Struct } from './call/v2.js'
import { formats } from './internal/formats.js'
import type { AnyNode, NamedField } from './internal/node.js'
import type { IssueCode } from './issue.js'
import type { Endpoint } from './ncco/endpoints.js'
import { Ncco } from './ncco/ncco.js'
import type { Action } from './ncco/ncco.js'
import { TALK_TEXT_MAX } from './ncco/talk.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export type SchemaKind = 'ncco' | 'call-v1' | 'call-v2'

/**
 * @category model
 * @since 0.1.0
 */
export type JsonSchema = { readonly [key: string]: unknown }

/**
 * @category model
 * @since 0.2.0
 */
export interface JsonSchemaOptions {
  /**
   * The package version the `$id` is pinned to (the shipped files carry the version they were
   * generated from). Without it, the `$id` names the latest published file.
   */
  readonly version?: string
}

/**
 * Something an editor can insert: `body` is the value, and its strings may hold tab stops
 * (`${1:text}`) that the editor lets the user fill in.
 *
 * @category model
 * @since 0.2.0
 */
export interface SchemaSnippet {
  readonly label: string
  readonly description: string
  readonly body: unknown
}

/**
 * A rule that JSON Schema can express, with the code the validator reports for it.
 *
 * @category model
 * @since 0.2.0
 */
export interface SchemaRule {
  readonly code: IssueCode
  readonly schema: JsonSchema
}

/**
 * What a field's schema carries beyond its description.
 *
 * @category model
 * @since 0.2.0
 */
export interface FieldNote {
  readonly examples?: ReadonlyArray<unknown>
  readonly deprecated?: true
  /** Rules on the value alone that its node cannot state (the talk text's SSML wrapping). */
  readonly rules?: ReadonlyArray<SchemaRule>
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

const DRAFT = 'https://json-schema.org/draft/2020-12/schema'

/**
 * The annotation keywords the schemas use beyond JSON Schema: VS Code's (and the YAML language
 * server's) `markdownDescription`, `defaultSnippets`, `deprecationMessage` and
 * `patternErrorMessage`. A validator in strict mode must be told about them, e.g.
 * `ajv.addVocabulary([...editorKeywords])`.
 *
 * @category constants
 * @since 0.2.0
 */
export const editorKeywords: ReadonlyArray<string> = [
  'markdownDescription',
  'defaultSnippets',
  'deprecationMessage',
  'patternErrorMessage'
]

/**
 * The https URL of a published schema file, pinned to `version` when given.
 *
 * @example
 * import { schemaUrl } from 'ncco-kit'
 *
 * assert.equal(
 *   schemaUrl('ncco', '1.2.3'),
 *   'https://cdn.jsdelivr.net/npm/ncco-kit@1.2.3/schema/ncco.json'
 * )
 *
 * @category constructors
 * @since 0.2.0
 */
export const schemaUrl = (kind: SchemaKind, version?: string): string =>
  `https://cdn.jsdelivr.net/npm/ncco-kit${version === undefined ? '' : `@${version}`}/schema/${kind}.json`

const titles: Readonly<Record<SchemaKind, string>> = {
  ncco: 'NCCO (Vonage Call Control Object)',
  'call-v1': 'Vonage Voice API v1 create-call request',
  'call-v2': 'Vonage Voice API v2 create-call request'
}

const descriptions: Readonly<Record<SchemaKind, string>> = {
  ncco:
    'A Vonage Voice API NCCO: the JSON array of actions (talk, stream, input, record, ' +
    'conversation, connect, notify, wait, transfer) that controls a call, in the strict profile ' +
    'of the ncco-kit validator. Rules across actions (barge-in needs an input) are checked by ' +
    'the validator only.',
  'call-v1':
    'The body of a Vonage Voice API POST /v1/calls request (create an outbound call), in the ' +
    'strict profile of the ncco-kit validator. A "$schema" key is allowed and is never sent.',
  'call-v2':
    'The body of a Vonage Voice API POST /v2/calls request (create an outbound call), in the ' +
    'strict profile of the ncco-kit validator. A "$schema" key is allowed and is never sent.'
}

// -------------------------------------------------------------------------------------
// rules across fields
// -------------------------------------------------------------------------------------

/** The keys are present (`properties` names them, so that ajv's strictRequired sees them). */
const present = (...keys: ReadonlyArray<string>): JsonSchema => ({
  required: [...keys],
  properties: Object.fromEntries(keys.map((k) => [k, true]))
})

const absent = (...keys: ReadonlyArray<string>): JsonSchema => ({
  properties: Object.fromEntries(keys.map((k) => [k, false]))
})

const equals = (key: string, value: string | boolean): JsonSchema => ({
  required: [key],
  properties: { [key]: { const: value } }
})

const lists = (key: string, value: string): JsonSchema => ({
  properties: { [key]: { type: 'array', contains: { const: value } } }
})

const muteWithCanSpeak: SchemaRule = {
  code: 'mute-with-can-speak',
  schema: { if: equals('mute', true), then: absent('canSpeak') }
}

/** Either `uri`, or `user` with `domain` (docs/rules.md §4, the sip endpoint). */
const sipAddress: SchemaRule = {
  code: 'sip-address-conflict',
  schema: {
    oneOf: [
      { required: ['uri'], properties: { uri: true, user: false, domain: false } },
      { required: ['user', 'domain'], properties: { user: true, domain: true, uri: false } }
    ]
  }
}

const nccoAndAnswerUrl: SchemaRule = {
  code: 'ncco-and-answer-url',
  schema: { if: present('ncco'), then: absent('answer_url') }
}

const missingCallInstructions: SchemaRule = {
  code: 'missing-call-instructions',
  schema: { anyOf: [present('ncco'), present('answer_url')] }
}

/**
 * The rules across the fields of one object that JSON Schema can express, keyed by struct
 * name. Each is emitted inside the struct's `allOf`, with a `$comment` naming its code.
 *
 * @category constants
 * @since 0.2.0
 */
export const structRules: Readonly<Record<string, ReadonlyArray<SchemaRule>>> = {
  RecordAction: [
    {
      code: 'channels-without-split',
      schema: { if: present('channels'), then: present('split') }
    }
  ],
  ConversationAction: [
    muteWithCanSpeak,
    {
      code: 'transcription-without-record',
      schema: { if: present('transcription'), then: equals('record', true) }
    }
  ],
  TransferAction: [muteWithCanSpeak],
  ConnectAction: [
    {
      code: 'from-with-random-from-number',
      schema: { if: equals('randomFromNumber', true), then: absent('from') }
    },
    {
      // A phone leg's caller id must be one of your numbers in E.164 (a label is allowed for
      // the other endpoints, with a warning).
      code: 'invalid-phone-number',
      schema: {
        if: {
          required: ['endpoint', 'from'],
          properties: {
            from: true,
            endpoint: { type: 'array', contains: { type: 'object', ...equals('type', 'phone') } }
          }
        },
        then: {
          properties: {
            from: {
              type: 'string',
              pattern: formats.e164.pattern,
              patternErrorMessage: `With a phone endpoint, from must be ${formats.e164.expected}.`
            }
          }
        }
      }
    }
  ],
  InputAction: [
    {
      code: 'dtmf-settings-without-dtmf',
      schema: { if: present('dtmf'), then: lists('type', 'dtmf') }
    },
    {
      code: 'speech-settings-without-speech',
      schema: { if: present('speech'), then: lists('type', 'speech') }
    },
    {
      // NCCO reference, input mode: with asynchronous "DTMF settings must be left blank".
      code: 'async-with-dtmf-settings',
      schema: { if: equals('mode', 'asynchronous'), then: absent('dtmf') }
    }
  ],
  WebsocketAuthorization: [
    {
      code: 'authorization-value-missing',
      schema: { if: equals('type', 'custom'), then: present('value') }
    }
  ],
  SipEndpoint: [sipAddress],
  CallSipEndpoint: [sipAddress],
  CreateCallV1Request: [
    nccoAndAnswerUrl,
    missingCallInstructions,
    {
      code: 'from-with-random-from-number',
      schema: { if: equals('random_from_number', true), then: absent('from') }
    },
    {
      code: 'missing-caller',
      schema: { if: equals('random_from_number', true), else: present('from') }
    }
  ],
  CreateCallV2Request: [nccoAndAnswerUrl, missingCallInstructions]
}

/** An SSML tag, as the talk action's checker finds them. */
const SSML_TAG = String.raw`<\/?[A-Za-z][\w:.-]*(\s[^<>]*)?\/?>`

/**
 * Talk text with no SSML tag, or text wrapped in `<speak>…</speak>` (surrounding whitespace
 * allowed): exactly what the validator accepts (the differential test runs both).
 *
 * @category constants
 * @since 0.2.0
 */
export const SSML_WRAPPED = String.raw`^(?![\s\S]*${SSML_TAG})|^\s*<speak[\s>][\s\S]*<\/speak>\s*$`

// -------------------------------------------------------------------------------------
// field notes
// -------------------------------------------------------------------------------------

const eventUrl: FieldNote = { examples: [['https://example.com/webhooks/event']] }
const sipUri: FieldNote = { examples: ['sip:rebekka@sip.example.com'] }
const callFields: Readonly<Record<string, FieldNote>> = {
  answer_url: { examples: [['https://example.com/webhooks/answer']] },
  event_url: eventUrl
}

/**
 * Examples, deprecation flags and value rules of fields, keyed by struct and field name; the
 * examples are those of the Voice API documentation (or of its number ranges for drama).
 *
 * @category constants
 * @since 0.2.0
 */
export const fieldNotes: Readonly<Record<string, Readonly<Record<string, FieldNote>>>> = {
  TalkAction: {
    text: {
      examples: [
        'Thank you for calling. Please hold.',
        '<speak>Your code is <say-as interpret-as="characters">4 2 7</say-as>.</speak>'
      ],
      rules: [
        {
          code: 'ssml-not-wrapped',
          schema: {
            pattern: SSML_WRAPPED,
            patternErrorMessage: 'Text with SSML tags must be wrapped in <speak>…</speak>.'
          }
        },
        {
          // Text without `<` has no tags, so its limit is its length; with tags, the validator
          // counts what is spoken.
          code: 'too-long',
          schema: { if: { pattern: '<' }, else: { maxLength: TALK_TEXT_MAX } }
        }
      ]
    },
    language: { examples: ['en-GB'] },
    voiceName: { deprecated: true }
  },
  StreamAction: { streamUrl: { examples: [['https://example.com/audio/hold-music.mp3']] } },
  InputAction: { type: { examples: [['dtmf'], ['speech'], ['dtmf', 'speech']] }, eventUrl },
  SpeechSettings: {
    language: { examples: ['en-GB'] },
    context: { examples: [['sales', 'support']] }
  },
  RecordAction: { eventUrl },
  ConversationAction: {
    name: { examples: ['support-queue'] },
    musicOnHoldUrl: { examples: [['https://example.com/audio/hold-music.mp3']] },
    eventUrl
  },
  ConnectAction: { from: { examples: ['447700900000'] }, eventUrl },
  NotifyAction: {
    payload: { examples: [{ foo: 'bar' }] },
    eventUrl: { examples: [['https://example.com/webhooks/notify']] }
  },
  TranscriptionSettings: {
    eventUrl: { examples: [['https://example.com/webhooks/transcription']] }
  },
  PhoneEndpoint: { number: { examples: ['447700900000'] }, dtmfAnswer: { examples: ['p*123#'] } },
  WebsocketEndpoint: {
    uri: { examples: ['wss://example.com/socket'] },
    headers: { examples: [{ language: 'en-GB', caller: '447700900000' }] }
  },
  SipEndpoint: { uri: sipUri },
  CallSipEndpoint: { uri: sipUri },
  PhoneFrom: { number: { examples: ['447700900001'] } },
  CreateCallV1Request: callFields,
  CreateCallV2Request: callFields
}

// -------------------------------------------------------------------------------------
// snippets
// -------------------------------------------------------------------------------------

const actionSnippets: Readonly<Record<Action['action'], SchemaSnippet>> = {
  talk: {
    label: 'talk',
    description: 'Speaks text into the call.',
    body: { action: 'talk', text: '${1:Thank you for calling.}' }
  },
  stream: {
    label: 'stream',
    description: 'Plays an audio file into the call.',
    body: { action: 'stream', streamUrl: ['${1:https://example.com/audio/hold-music.mp3}'] }
  },
  input: {
    label: 'input',
    description: 'Collects one DTMF digit and sends it to eventUrl.',
    body: {
      action: 'input',
      type: ['dtmf'],
      dtmf: { maxDigits: 1 },
      eventUrl: ['${1:https://example.com/webhooks/input}']
    }
  },
  record: {
    label: 'record',
    description: 'Records the call after a beep, until # is pressed.',
    body: {
      action: 'record',
      beepStart: true,
      endOnKey: '#',
      eventUrl: ['${1:https://example.com/webhooks/recording}']
    }
  },
  conversation: {
    label: 'conversation',
    description: 'Joins the call to a named conversation.',
    body: { action: 'conversation', name: '${1:support-queue}' }
  },
  connect: {
    label: 'connect',
    description: 'Connects the call to a phone number.',
    body: {
      action: 'connect',
      from: '${1:447700900000}',
      endpoint: [{ type: 'phone', number: '${2:447700900001}' }]
    }
  },
  notify: {
    label: 'notify',
    description: 'Sends a payload to a webhook.',
    body: {
      action: 'notify',
      payload: { step: '${1:menu}' },
      eventUrl: ['${2:https://example.com/webhooks/notify}']
    }
  },
  wait: {
    label: 'wait',
    description: 'Pauses for some seconds.',
    body: { action: 'wait', timeout: 5 }
  },
  transfer: {
    label: 'transfer',
    description: 'Moves the call into another conversation.',
    body: { action: 'transfer', conversationId: '${1:CON-00000000-0000-0000-0000-000000000000}' }
  }
}

const endpointSnippets: Readonly<Record<Endpoint['type'], SchemaSnippet>> = {
  phone: {
    label: 'phone endpoint',
    description: 'A phone number in E.164.',
    body: { type: 'phone', number: '${1:447700900001}' }
  },
  app: {
    label: 'app endpoint',
    description: 'A Client SDK user.',
    body: { type: 'app', user: '${1:alice}' }
  },
  websocket: {
    label: 'websocket endpoint',
    description: "Streams the call's audio to a websocket.",
    body: {
      type: 'websocket',
      uri: '${1:wss://example.com/socket}',
      'content-type': 'audio/l16;rate=16000'
    }
  },
  sip: {
    label: 'sip endpoint',
    description: 'A SIP URI.',
    body: { type: 'sip', uri: '${1:sip:rebekka@sip.example.com}' }
  },
  vbc: {
    label: 'vbc endpoint',
    description: 'A Vonage Business Communications extension.',
    body: { type: 'vbc', extension: '${1:1234}' }
  }
}

/**
 * The snippets of each tagged union, keyed by union name and tag: one for every member.
 *
 * @category constants
 * @since 0.2.0
 */
export const unionSnippets: Readonly<Record<string, Readonly<Record<string, SchemaSnippet>>>> = {
  Action: actionSnippets,
  Endpoint: endpointSnippets,
  CallEndpoint: endpointSnippets
}

const callSnippet = (from: JsonSchema): SchemaSnippet => ({
  label: 'create-call request',
  description: 'Calls a phone number and speaks a message.',
  body: {
    to: [{ type: 'phone', number: '${1:447700900001}' }],
    ...from,
    ncco: [{ action: 'talk', text: '${3:Hello from Vonage.}' }]
  }
})

/**
 * The snippets offered for a whole file.
 *
 * @category constants
 * @since 0.2.0
 */
export const rootSnippets: Readonly<Record<SchemaKind, ReadonlyArray<SchemaSnippet>>> = {
  ncco: [
    {
      label: 'menu',
      description: 'A prompt the caller can interrupt, then one DTMF digit.',
      body: [
        { action: 'talk', text: '${1:For sales press 1, for support press 2.}', bargeIn: true },
        {
          action: 'input',
          type: ['dtmf'],
          dtmf: { maxDigits: 1 },
          eventUrl: ['${2:https://example.com/webhooks/input}']
        }
      ]
    }
  ],
  'call-v1': [callSnippet({ from: { type: 'phone', number: '${2:447700900000}' } })],
  'call-v2': [callSnippet({ from: { type: 'phone', number: '${2:447700900000}' } })]
}

// -------------------------------------------------------------------------------------
// markdown
// -------------------------------------------------------------------------------------

/**
 * What reads as code in a field sentence: markup (`<speak>`, `X-<key>`), JSON (`["dtmf"]`,
 * `{}`, `"+"`), `key: value` settings, and camelCase or snake_case names.
 */
const CODE =
  /[\w-]*<\/?[A-Za-z][^<>]*>|\[[^\]\s]*\]|\{\}|"[^"\s]*"|\b[A-Za-z][\w-]*: (?:true|false|"[^"]*")|\b[a-z]+(?:[A-Z][a-z0-9]*)+\b|\b[a-z]+(?:_[a-z0-9]+)+\b/g

const escapeMarkdown = (s: string): string => s.replace(/[\\`*_[\]<>]/g, '\\$&')

/**
 * A field sentence as Markdown (names, markup and JSON as code), with its default.
 *
 * @category destructors
 * @since 0.2.0
 */
export const markdownOf = (doc: string, defaultValue?: string | number | boolean): string => {
  let out = ''
  let last = 0
  for (const m of doc.matchAll(CODE)) {
    out += escapeMarkdown(doc.slice(last, m.index)) + '`' + m[0] + '`'
    last = m.index + m[0].length
  }
  out += escapeMarkdown(doc.slice(last))
  return defaultValue === undefined
    ? out
    : `${out}\n\nDefault: \`${JSON.stringify(defaultValue)}\`.`
}

// -------------------------------------------------------------------------------------
// interpreter
// -------------------------------------------------------------------------------------

const withRules = (rules: ReadonlyArray<SchemaRule> | undefined): JsonSchema =>
  rules === undefined || rules.length === 0
    ? {}
    : { allOf: rules.map((r) => ({ $comment: `validator code: ${r.code}`, ...r.schema })) }

const stringSchema = (spec: Extract<AnyNode['spec'], { kind: 'string' }>): JsonSchema => {
  const format = spec.format === undefined ? undefined : formats[spec.format]
  return {
    type: 'string',
    ...(spec.nonEmpty ? { minLength: 1 } : {}),
    ...(spec.maxLength === undefined ? {} : { maxLength: spec.maxLength }),
    ...(format === undefined
      ? {}
      : { pattern: format.pattern, patternErrorMessage: `Expected ${format.expected}.` })
  }
}

class Generator {
  readonly defs = new Map<string, JsonSchema>()
  private readonly owners = new Map<string, AnyNode>()

  ref(node: AnyNode): JsonSchema {
    const name = node.name
    const owner = this.owners.get(name)
    if (owner !== undefined && owner !== node) {
      throw new Error(`two different nodes are both named ${name}`)
    }
    if (owner === undefined) {
      this.owners.set(name, node)
      this.defs.set(name, {}) // placeholder: a node may refer to itself
      this.defs.set(name, this.inline(node))
    }
    return { $ref: `#/$defs/${name}` }
  }

  field(owner: string, f: NamedField): JsonSchema {
    const note = fieldNotes[owner]?.[f.name]
    return {
      ...this.schema(f.node),
      description: f.doc,
      markdownDescription: markdownOf(f.doc, f.default),
      ...(f.default === undefined ? {} : { default: f.default }),
      ...(note?.examples === undefined ? {} : { examples: note.examples }),
      ...(note?.deprecated === true ? { deprecated: true, deprecationMessage: f.doc } : {}),
      ...withRules(note?.rules)
    }
  }

  schema(node: AnyNode): JsonSchema {
    const kind = node.spec.kind
    return kind === 'struct' || kind === 'union' ? this.ref(node) : this.inline(node)
  }

  inline(node: AnyNode): JsonSchema {
    const spec = node.spec
    switch (spec.kind) {
      case 'string':
        return stringSchema(spec)
      case 'enum':
        return spec.values.length === 1
          ? { type: 'string', const: spec.values[0] }
          : { type: 'string', enum: [...spec.values] }
      case 'boolean':
        return { type: 'boolean' }
      case 'number':
        return {
          type: spec.integer ? 'integer' : 'number',
          ...(spec.min === undefined ? {} : { minimum: spec.min }),
          ...(spec.max === undefined ? {} : { maximum: spec.max })
        }
      case 'array':
        return {
          type: 'array',
          items: this.schema(spec.items),
          ...(spec.minItems > 0 ? { minItems: spec.minItems } : {}),
          ...(spec.maxItems === undefined ? {} : { maxItems: spec.maxItems }),
          ...(spec.distinct ? { uniqueItems: true } : {})
        }
      case 'urls':
        return {
          type: 'array',
          items: stringSchema({ kind: 'string', nonEmpty: false, format: 'http-url' }),
          minItems: 1
        }
      case 'stringMap':
        return { type: 'object', additionalProperties: { type: 'string' } }
      case 'jsonObject':
        return { type: 'object' }
      case 'struct': {
        const properties: Record<string, JsonSchema> = {}
        for (const f of spec.fields) properties[f.name] = this.field(node.name, f)
        const required = spec.fields.filter((f) => f.required).map((f) => f.name)
        return {
          title: node.name,
          type: 'object',
          properties,
          ...(required.length === 0 ? {} : { required }),
          ...(spec.unknownKeys === 'report' ? { additionalProperties: false } : {}),
          ...withRules(structRules[node.name])
        }
      }
      case 'union': {
        // if/then per tag, rather than oneOf: editors and ajv then report the errors of the
        // one member the tag names, instead of every member's.
        const snippets = unionSnippets[node.name]
        const tags: string[] = []
        const defaultSnippets: SchemaSnippet[] = []
        const branches = spec.members.map((m) => {
          const tagField = m.fields.find((f) => f.name === spec.discriminator)
          const tagSpec = tagField?.node.spec
          const tag = tagSpec?.kind === 'enum' ? tagSpec.values[0] : undefined
          if (tag === undefined) throw new Error(`${m.name} has no literal tag`)
          const snippet = snippets?.[tag]
          if (snippet === undefined) throw new Error(`${node.name} has no snippet for ${tag}`)
          tags.push(tag)
          defaultSnippets.push(snippet)
          return {
            if: { properties: { [spec.discriminator]: { const: tag } } },
            then: this.ref(m)
          }
        })
        const doc = `One of: ${tags.join(', ')}.`
        return {
          title: node.name,
          type: 'object',
          required: [spec.discriminator],
          properties: {
            [spec.discriminator]: {
              type: 'string',
              enum: tags,
              description: doc,
              markdownDescription: markdownOf(doc)
            }
          },
          allOf: branches,
          defaultSnippets
        }
      }
    }
  }
}

const schemaKey = (kind: SchemaKind, version: string | undefined): JsonSchema => {
  const doc =
    "The JSON Schema of this file, for editors (e.g. this schema's URL); the sender leaves it out."
  return {
    type: 'string',
    description: doc,
    markdownDescription: markdownOf(doc),
    examples: [schemaUrl(kind, version)]
  }
}

/**
 * The JSON Schema of an NCCO or a create-call request.
 *
 * @example
 * import { jsonSchema } from 'ncco-kit'
 *
 * const schema = jsonSchema('ncco', { version: '1.2.3' })
 * assert.equal(schema['type'], 'array')
 * assert.equal(schema['$id'], 'https://cdn.jsdelivr.net/npm/ncco-kit@1.2.3/schema/ncco.json')
 *
 * @category constructors
 * @since 0.1.0
 */
export const jsonSchema = (kind: SchemaKind, options: JsonSchemaOptions = {}): JsonSchema => {
  const g = new Generator()
  let root: JsonSchema
  switch (kind) {
    case 'ncco':
      root = g.inline(Ncco)
      break
    case 'call-v1':
    case 'call-v2': {
      const request = g.inline(kind === 'call-v1' ? createCallV1Struct : createCallV2Struct)
      const properties = request['properties'] as Readonly<Record<string, JsonSchema>>
      root = {
        ...request,
        properties: { $schema: schemaKey(kind, options.version), ...properties }
      }
      break
    }
  }
  const defs: Record<string, JsonSchema> = {}
  for (const [name, def] of [...g.defs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    defs[name] = def
  }
  // The struct's own title gives way to the file's.
  const { title: _structTitle, ...body } = root
  return {
    $schema: DRAFT,
    $id: schemaUrl(kind, options.version),
    title: titles[kind],
    description: descriptions[kind],
    ...body,
    defaultSnippets: rootSnippets[kind],
    $defs: defs
  }
}
