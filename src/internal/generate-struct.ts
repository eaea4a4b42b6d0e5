/**
 * The generated reading of an object (the struct checker of node-struct.ts): its keys in the
 * document's order, stand-in spellings, unknown keys, required fields, then the rules' test
 * forms (their report forms only when a test cannot vouch for the object).
 */
import type { Emitter } from './generate-emitter.js'
import { identifier, q, severityOf } from './generate-scalars.js'
import type { AnyStruct, NamedField, Spec } from './node.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

type StructSpec = Extract<Spec, { readonly kind: 'struct' }>

// -------------------------------------------------------------------------------------
// readings
// -------------------------------------------------------------------------------------

/** An object: its keys in the document's order, as the interpreter reads them. */
export const structReading = (e: Emitter, node: AnyStruct, spec: StructSpec): string[] => {
  const options = node.options
  if (options.nullAsAbsent === true || options.aliases === 'accept') {
    throw new Error(`${node.name}: the tolerant struct options are not compiled`)
  }
  const lenient = e.profile === 'lenient'
  const owner = q(options.owner)
  const tracked = spec.fields.filter((f) => f.required || (f.aliases ?? []).length > 0)
  const hasRules = (options.rules ?? []).length > 0
  const hasAliases = spec.fields.some((f) => (f.aliases ?? []).length > 0)
  // A stand-in spelling sends the object to the rules' report forms (the test forms read
  // canonical keys only).
  const aliased = lenient && hasRules && hasAliases
  if (tracked.length > 30) throw new Error(`${node.name}: too many fields to track`)
  const bit = new Map<NamedField, number>(tracked.map((f, i) => [f, 1 << i]))
  const cases: string[] = []
  for (const f of spec.fields) {
    const place = `${node.name}.${f.name}`
    const mark = bit.get(f)
    cases.push(
      `case ${q(f.name)}: {`,
      ...e.value(f.node, 'v', 'd', 'k', place),
      ...(mark === undefined ? [] : [`seen |= ${mark}`]),
      'break',
      '}'
    )
    for (const alias of f.aliases ?? []) {
      if (!lenient) {
        cases.push(`case ${q(alias)}:`, 'return false')
        continue
      }
      cases.push(
        `case ${q(alias)}: {`,
        `s.nonCanonical(d, k, ${q(f.name)}, ${owner})`,
        ...(aliased ? ['aliased = true'] : []),
        // conflicting-spellings is an error
        `if (Object.prototype.hasOwnProperty.call(u, ${q(f.name)})) return false`,
        `if ((seen & ${mark ?? 0}) !== 0) break`,
        ...e.value(f.node, 'v', 'd', 'k', place),
        `seen |= ${mark ?? 0}`,
        'break',
        '}'
      )
    }
  }
  let fallback: string[]
  if (spec.unknownKeys === 'allow') fallback = ['break']
  else if (severityOf('unknown-key', e.profile) === 'error') fallback = ['return false']
  else {
    const names = e.constant(
      `${identifier(node.name)}Keys`,
      `[${spec.fields.map((f) => q(f.name)).join(', ')}]`
    )
    fallback = [`s.unknownKey(d, k, ${owner}, ${names})`, 'break']
  }
  const required = spec.fields.reduce((m, f) => (f.required ? m | (bit.get(f) ?? 0) : m), 0)
  const out = [
    'if (!isRecord(u)) return false',
    ...(tracked.length > 0 ? ['let seen = 0'] : []),
    ...(aliased ? ['let aliased = false'] : []),
    'for (const k in u) {',
    'const v = u[k]',
    'switch (k) {',
    ...cases,
    'default:',
    ...fallback,
    '}',
    '}'
  ]
  if (required !== 0) out.push(`if ((seen & ${required}) !== ${required}) return false`)
  if (hasRules) {
    e.use('../internal/compiled.js', 'ruleTable')
    e.use('../internal/compiled.js', 'rulesPass')
    const table = e.constant(
      `${identifier(node.name)}Rules`,
      `ruleTable(${e.imported(node, `${node.name}, which has rules,`)})`
    )
    out.push(
      `if (${aliased ? 'aliased || ' : ''}!rulesPass(${table}, u)) {`,
      `if (!s.runRules(${table}, u, d)) return false`,
      '}'
    )
  }
  return out
}
