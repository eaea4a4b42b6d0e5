/**
 * What the schemas carry for editors, beyond validation: `$id`, descriptions in Markdown,
 * examples, deprecation, snippets, and the Schema Store catalog entry of docs/schema.md. The
 * tables of src/schema.ts are keyed by struct and field name; these tests fail when a key
 * names nothing, when an example or a snippet is not a valid value, or when a note is lost.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  issueCatalog,
  jsonSchema,
  validateCallV1,
  validateCallV2,
  validateNcco
} from '../../src/index.js'
import type { Issue, SchemaKind } from '../../src/index.js'
import { createCallV1Struct } from '../../src/call/v1.js'
import { createCallV2Struct } from '../../src/call/v2.js'
import { runCheck } from '../../src/internal/node.js'
import type { AnyNode, NamedField } from '../../src/internal/node.js'
import { Ncco } from '../../src/ncco/ncco.js'
import {
  editorKeywords,
  fieldNotes,
  markdownOf,
  rootSnippets,
  schemaUrl,
  structRules,
  unionSnippets
} from '../../src/schema.js'
import { schemaFile, schemaKinds } from '../../scripts/generated.js'
import { reachableStructs, structSpec } from '../validator/spec-walk.js'

const kinds: ReadonlyArray<SchemaKind> = ['ncco', 'call-v1', 'call-v2']
const schemas = Object.fromEntries(kinds.map((k) => [k, jsonSchema(k)])) as Record<
  SchemaKind,
  Record<string, unknown>
>

const ajv = new Ajv2020({ allErrors: true, strict: true })
ajv.addVocabulary([...editorKeywords])
for (const k of kinds) ajv.addSchema(schemas[k])

const structs = new Map(
  reachableStructs([Ncco, createCallV1Struct, createCallV2Struct]).map((n) => [n.name, n])
)

const fieldOf = (struct: string, field: string): NamedField | undefined => {
  const node = structs.get(struct)
  return node === undefined ? undefined : structSpec(node).fields.find((f) => f.name === field)
}

const roots: Readonly<Record<string, SchemaKind>> = {
  [createCallV1Struct.name]: 'call-v1',
  [createCallV2Struct.name]: 'call-v2'
}

/** Where a struct's schema is: the root of a call schema, or a `$defs` entry of the NCCO's. */
const structPointer = (struct: string): string => {
  const root = roots[struct]
  if (root !== undefined) return `${schemaUrl(root)}#`
  for (const k of kinds) {
    const defs = schemas[k]['$defs'] as Record<string, unknown>
    if (defs[struct] !== undefined) return `${schemaUrl(k)}#/$defs/${struct}`
  }
  throw new Error(`${struct} is in no schema`)
}

const propertyOf = (struct: string, field: string): Record<string, unknown> => {
  const root = roots[struct]
  const schema = (
    root === undefined
      ? (Object.values(schemas)
          .map((s) => (s['$defs'] as Record<string, Record<string, unknown>>)[struct])
          .find((d) => d !== undefined) ?? {})
      : schemas[root]
  ) as { properties?: Record<string, Record<string, unknown>> }
  const property = schema.properties?.[field]
  if (property === undefined) throw new Error(`${struct}.${field} has no schema`)
  return property
}

const accepts = (ref: string, value: unknown): boolean => {
  const validate = ajv.getSchema(ref)
  if (validate === undefined) throw new Error(`no schema at ${ref}`)
  return validate(value) as boolean
}

const validators = { ncco: validateNcco, 'call-v1': validateCallV1, 'call-v2': validateCallV2 }

/** Every finding of a document in the strict profile. */
const findings = (kind: SchemaKind, doc: unknown): ReadonlyArray<Issue> => {
  const r = validators[kind](doc)
  return E.isLeft(r) ? r.left : r.right.warnings
}

const noFindings = (node: AnyNode, value: unknown): ReadonlyArray<Issue> =>
  runCheck(node.check, value, 'strict')

describe('$id and root', () => {
  it('$id is the https URL of the published file, pinned to the version given', () => {
    expect(jsonSchema('call-v2', { version: '1.2.3' })['$id']).toBe(
      'https://cdn.jsdelivr.net/npm/ncco-kit@1.2.3/schema/call-v2.json'
    )
    expect(jsonSchema('ncco')['$id']).toBe('https://cdn.jsdelivr.net/npm/ncco-kit/schema/ncco.json')
  })

  it('the shipped files are pinned to the version of package.json', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    for (const kind of schemaKinds) {
      const shipped = JSON.parse(schemaFile(kind)) as Record<string, unknown>
      expect(shipped['$id']).toBe(
        `https://cdn.jsdelivr.net/npm/ncco-kit@${version}/schema/${kind}.json`
      )
    }
  })

  it('every root has a title and a description', () => {
    expect(kinds.map((k) => [schemas[k]['title'], typeof schemas[k]['description']])).toEqual([
      ['NCCO (Vonage Call Control Object)', 'string'],
      ['Vonage Voice API v1 create-call request', 'string'],
      ['Vonage Voice API v2 create-call request', 'string']
    ])
  })
})

describe('markdownDescription', () => {
  it('renders names, markup, JSON and settings as code, and adds the default', () => {
    expect(
      markdownOf('Number of channels to record (requires split: "conversation").')
    ).toMatchInlineSnapshot(`"Number of channels to record (requires \`split: "conversation"\`)."`)
    expect(markdownOf('Custom headers, each sent as X-<key> in the INVITE.')).toMatchInlineSnapshot(
      `"Custom headers, each sent as \`X-<key>\` in the INVITE."`
    )
    expect(markdownOf('What to listen for: ["dtmf"], ["speech"] or both.')).toMatchInlineSnapshot(
      `"What to listen for: \`["dtmf"]\`, \`["speech"]\` or both."`
    )
    expect(
      markdownOf('Caller id: one of your numbers (or random_from_number: true).')
    ).toMatchInlineSnapshot(`"Caller id: one of your numbers (or \`random_from_number: true\`)."`)
    expect(markdownOf('Transcribes the recording; {} uses the defaults.')).toMatchInlineSnapshot(
      `"Transcribes the recording; \`{}\` uses the defaults."`
    )
    expect(markdownOf('Lets the caller interrupt; *an* input [must] follow_up.', false))
      .toMatchInlineSnapshot(`
        "Lets the caller interrupt; \\*an\\* input \`[must]\` \`follow_up\`.

        Default: \`false\`."
      `)
  })

  it('says exactly the description, for every field of every schema', () => {
    const plain = (md: string): string =>
      md
        .split('\n\nDefault: ')[0]!
        .replace(/(?<!\\)`/g, '')
        .replace(/\\(.)/g, '$1')
    let count = 0
    const walk = (u: unknown): void => {
      if (Array.isArray(u)) u.forEach(walk)
      else if (typeof u === 'object' && u !== null) {
        const o = u as Record<string, unknown>
        if (typeof o['markdownDescription'] === 'string') {
          count++
          expect(plain(o['markdownDescription'])).toBe(o['description'])
        }
        for (const [k, v] of Object.entries(o)) if (k !== 'defaultSnippets') walk(v)
      }
    }
    kinds.forEach((k) => walk(schemas[k]))
    expect(count).toBeGreaterThan(150)
  })

  it('gives the default of a field that has one', () => {
    expect(propertyOf('TalkAction', 'loop')['markdownDescription']).toMatchInlineSnapshot(`
      "How many times to speak the text; 0 repeats until the call ends.

      Default: \`1\`."
    `)
  })
})

describe('field notes (examples, deprecation, value rules)', () => {
  const notes = Object.entries(fieldNotes).flatMap(([struct, fields]) =>
    Object.entries(fields).map(([field, note]) => ({ struct, field, note }))
  )

  it('every key names a real struct and field', () => {
    expect(notes.filter(({ struct, field }) => fieldOf(struct, field) === undefined)).toEqual([])
    expect(notes.length).toBeGreaterThan(20)
  })

  it.each(notes)(
    '$struct, $field: emitted, and every example is valid in both',
    ({ struct, field, note }) => {
      const property = propertyOf(struct, field)
      const f = fieldOf(struct, field)!
      if (note.examples !== undefined) {
        expect(property['examples']).toEqual(note.examples)
        for (const example of note.examples) {
          expect([example, noFindings(f.node, example)]).toEqual([example, []])
          expect([
            example,
            accepts(`${structPointer(struct)}/properties/${field}`, example)
          ]).toEqual([example, true])
        }
      }
      if (note.deprecated === true) {
        expect([property['deprecated'], property['deprecationMessage']]).toEqual([true, f.doc])
      }
      if (note.rules !== undefined)
        expect((property['allOf'] as unknown[]).length).toBe(note.rules.length)
    }
  )

  it('talk voiceName is deprecated, and nothing else is', () => {
    const deprecated: string[] = []
    for (const [name, node] of structs) {
      for (const f of structSpec(node).fields) {
        if (propertyOf(name, f.name)['deprecated'] === true) deprecated.push(`${name}.${f.name}`)
      }
    }
    expect(deprecated).toEqual(['TalkAction.voiceName'])
  })

  it('every struct rule names a real struct and an error code', () => {
    for (const [struct, rules] of Object.entries(structRules)) {
      expect([struct, structs.has(struct)]).toEqual([struct, true])
      for (const r of rules)
        expect([r.code, issueCatalog[r.code].severity]).toEqual([r.code, 'error'])
    }
  })
})

/** A snippet body as an editor inserts it, with each tab stop's default text. */
const expand = (body: unknown): unknown => {
  const text = JSON.stringify(body).replace(/\$\{\d+:([^}]*)\}/g, '$1')
  expect(text).not.toMatch(/\$(\d|\{)/)
  return JSON.parse(text)
}

describe('defaultSnippets', () => {
  const from = { type: 'phone', number: '447700900000' }
  /** Each union's snippet put where it belongs, in a whole document. */
  const placed: Readonly<Record<string, (body: unknown) => readonly [SchemaKind, unknown]>> = {
    Action: (b) => ['ncco', [b]],
    Endpoint: (b) => ['ncco', [{ action: 'connect', endpoint: [b] }]],
    CallEndpoint: (b) => ['call-v2', { to: [b], from, ncco: [{ action: 'talk', text: 'Hi' }] }]
  }

  it('every union of the schemas has a snippet for each of its members', () => {
    const offered: Record<string, string[]> = {}
    for (const k of kinds) {
      for (const [name, def] of Object.entries(
        schemas[k]['$defs'] as Record<string, Record<string, unknown>>
      )) {
        if (def['defaultSnippets'] !== undefined) {
          offered[name] = (def['defaultSnippets'] as Array<{ label: string }>).map((s) => s.label)
        }
      }
    }
    expect(offered).toMatchInlineSnapshot(`
      {
        "Action": [
          "record",
          "conversation",
          "connect",
          "talk",
          "stream",
          "input",
          "notify",
          "wait",
          "transfer",
        ],
        "CallEndpoint": [
          "phone endpoint",
          "app endpoint",
          "websocket endpoint",
          "sip endpoint",
          "vbc endpoint",
        ],
        "Endpoint": [
          "phone endpoint",
          "app endpoint",
          "websocket endpoint",
          "sip endpoint",
          "vbc endpoint",
        ],
      }
    `)
    expect(Object.keys(offered).sort()).toEqual(Object.keys(unionSnippets).sort())
  })

  it.each(
    Object.entries(unionSnippets).flatMap(([union, byTag]) =>
      Object.entries(byTag).map(([tag, snippet]) => ({ union, tag, snippet }))
    )
  )('$union $tag: inserts a valid value with no warning', ({ union, snippet }) => {
    const [kind, doc] = placed[union]!(expand(snippet.body))
    expect(findings(kind, doc)).toEqual([])
    expect(accepts(schemaUrl(kind), doc)).toBe(true)
  })

  it.each(kinds)('%s: the file snippets are valid documents with no warning', (kind) => {
    for (const snippet of rootSnippets[kind]) {
      const doc = expand(snippet.body)
      expect(accepts(schemaUrl(kind), doc)).toBe(true)
      expect(findings(kind, doc)).toEqual([])
    }
    expect(schemas[kind]['defaultSnippets']).toEqual(rootSnippets[kind])
  })
})

describe('docs/schema.md', () => {
  const doc = readFileSync('docs/schema.md', 'utf8')

  it('has a ready Schema Store catalog entry for NCCO files', () => {
    const m = /<!-- catalog-entry -->\n+```json\n([\s\S]*?)\n```/.exec(doc)
    expect(m).not.toBeNull()
    const entry = JSON.parse(m![1]!) as Record<string, unknown>
    expect(entry['fileMatch']).toEqual(['*.ncco.json', '*.ncco.yaml', 'ncco/*.json'])
    expect(entry['url']).toBe(schemaUrl('ncco'))
    expect(Object.keys(entry).sort()).toEqual(['description', 'fileMatch', 'name', 'url'])
  })

  it('names every editor keyword a strict validator must be told about', () => {
    for (const keyword of editorKeywords) expect(doc).toContain(`\`${keyword}\``)
  })
})
