/**
 * JSON Schemas (draft 2020-12) generated from the same field descriptions as the codecs, for
 * editors (completion, hover docs) and for tools that speak JSON Schema. A schema describes
 * the strict profile; the rules that span fields or actions are checked by the validator only
 * (see the README's list).
 *
 * @since 0.1.0
 */
import { createCallV1Struct } from './call/v1.js'
import { createCallV2Struct } from './call/v2.js'
import { formats } from './internal/formats.js'
import type { AnyNode, NamedField } from './internal/node.js'
import { Ncco } from './ncco/ncco.js'

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

const DRAFT = 'https://json-schema.org/draft/2020-12/schema'

// -------------------------------------------------------------------------------------
// interpreter
// -------------------------------------------------------------------------------------

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

  field(f: NamedField): JsonSchema {
    const base = this.schema(f.node)
    return {
      ...base,
      description: f.doc,
      ...(f.default === undefined ? {} : { default: f.default })
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
        return {
          type: 'string',
          ...(spec.nonEmpty ? { minLength: 1 } : {}),
          ...(spec.maxLength === undefined ? {} : { maxLength: spec.maxLength }),
          ...(spec.format === undefined ? {} : { pattern: formats[spec.format].pattern })
        }
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
          items: { type: 'string', pattern: formats['http-url'].pattern },
          minItems: 1
        }
      case 'stringMap':
        return { type: 'object', additionalProperties: { type: 'string' } }
      case 'jsonObject':
        return { type: 'object' }
      case 'struct': {
        const properties: Record<string, JsonSchema> = {}
        for (const f of spec.fields) properties[f.name] = this.field(f)
        const required = spec.fields.filter((f) => f.required).map((f) => f.name)
        return {
          title: node.name,
          type: 'object',
          properties,
          ...(required.length === 0 ? {} : { required }),
          ...(spec.unknownKeys === 'report' ? { additionalProperties: false } : {})
        }
      }
      case 'union': {
        // if/then per tag, rather than oneOf: editors and ajv then report the errors of the
        // one member the tag names, instead of every member's.
        const tags: string[] = []
        const branches = spec.members.map((m) => {
          const tagField = m.fields.find((f) => f.name === spec.discriminator)
          const tagSpec = tagField?.node.spec
          const tag = tagSpec?.kind === 'enum' ? tagSpec.values[0] : undefined
          if (tag === undefined) throw new Error(`${m.name} has no literal tag`)
          tags.push(tag)
          return {
            if: { properties: { [spec.discriminator]: { const: tag } } },
            then: this.ref(m)
          }
        })
        return {
          title: node.name,
          type: 'object',
          required: [spec.discriminator],
          properties: { [spec.discriminator]: { type: 'string', enum: tags } },
          allOf: branches
        }
      }
    }
  }
}

/** `ncco` and `answer_url`: exactly one (OpenAPI 1.10 oneOf of the two request variants). */
const exactlyOneInstruction: JsonSchema = {
  oneOf: [{ required: ['ncco'] }, { required: ['answer_url'] }]
}

/**
 * The JSON Schema of an NCCO or a create-call request.
 *
 * @example
 * import { jsonSchema } from 'ncco-kit'
 *
 * const schema = jsonSchema('ncco')
 * assert.equal(schema['type'], 'array')
 *
 * @category constructors
 * @since 0.1.0
 */
export const jsonSchema = (kind: SchemaKind): JsonSchema => {
  const g = new Generator()
  let root: JsonSchema
  let title: string
  switch (kind) {
    case 'ncco':
      title = 'NCCO (Vonage Call Control Object)'
      root = g.inline(Ncco)
      break
    case 'call-v1':
      title = 'Vonage Voice API v1 create-call request'
      root = { ...g.inline(createCallV1Struct), ...exactlyOneInstruction }
      break
    case 'call-v2':
      title = 'Vonage Voice API v2 create-call request'
      root = { ...g.inline(createCallV2Struct), ...exactlyOneInstruction }
      break
  }
  const defs: Record<string, JsonSchema> = {}
  for (const [name, def] of [...g.defs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    defs[name] = def
  }
  return {
    $schema: DRAFT,
    $id: `urn:ncco-kit:schema:${kind}`,
    ...root,
    title,
    $defs: defs
  }
}
