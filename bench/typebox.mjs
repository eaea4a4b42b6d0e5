// A second anchor for the benchmark: TypeBox's compiled checker, given the same description as
// the JSON Schema (types, ranges, patterns, closed objects; none of the rules across fields).
// The TypeBox types are made from the field descriptions, as the JSON Schema is.
import { Type } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'

/** The TypeBox type of a node, from its spec (`formats` gives each string format's pattern). */
export const typeboxOf = (root, formats) => {
  const made = new Map()
  const of = (node) => {
    const known = made.get(node)
    if (known !== undefined) return known
    const spec = node.spec
    let t
    switch (spec.kind) {
      case 'string':
        t = Type.String({
          ...(spec.nonEmpty ? { minLength: 1 } : {}),
          ...(spec.maxLength === undefined ? {} : { maxLength: spec.maxLength }),
          ...(spec.format === undefined ? {} : { pattern: formats[spec.format].pattern })
        })
        break
      case 'enum':
        t =
          spec.values.length === 1
            ? Type.Literal(spec.values[0])
            : Type.Union(spec.values.map((v) => Type.Literal(v)))
        break
      case 'boolean':
        t = Type.Boolean()
        break
      case 'number': {
        const range = {
          ...(spec.min === undefined ? {} : { minimum: spec.min }),
          ...(spec.max === undefined ? {} : { maximum: spec.max })
        }
        t = spec.integer ? Type.Integer(range) : Type.Number(range)
        break
      }
      case 'array':
        t = Type.Array(of(spec.items), {
          ...(spec.minItems > 0 ? { minItems: spec.minItems } : {}),
          ...(spec.maxItems === undefined ? {} : { maxItems: spec.maxItems }),
          ...(spec.distinct ? { uniqueItems: true } : {})
        })
        break
      case 'urls':
        t = Type.Array(Type.String({ pattern: formats['http-url'].pattern }), { minItems: 1 })
        break
      case 'stringMap':
        t = Type.Record(Type.String(), Type.String())
        break
      case 'jsonObject':
        t = Type.Record(Type.String(), Type.Unknown())
        break
      case 'struct': {
        const properties = {}
        for (const f of spec.fields) {
          properties[f.name] = f.required ? of(f.node) : Type.Optional(of(f.node))
        }
        t = Type.Object(properties, { additionalProperties: spec.unknownKeys === 'allow' })
        break
      }
      case 'union':
        t = Type.Union(spec.members.map(of))
        break
    }
    made.set(node, t)
    return t
  }
  return TypeCompiler.Compile(of(root))
}
