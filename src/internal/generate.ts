/**
 * The validator generator: writes, from the field descriptions, the TypeScript of a compiled
 * pass per document kind and profile (src/generated/validators.ts, written by
 * `npm run generate`; a test fails when the checked-in file is stale).
 *
 * Each description reads here the way its checker in `node.ts` reads it, in the same order, so
 * that a document without errors gets exactly the interpreter's warnings; every error becomes
 * `return false`, and the interpreter then collects the findings. The output is plain code
 * (no `eval`, no `new Function`), so it also runs where generating code at run time is
 * forbidden.
 */
import { issueCatalog } from '../issue.js'
import type { IssueCode, Profile } from '../issue.js'
import { formats, knownLanguages } from './formats.js'
import type { StringFormat } from './formats.js'
import { MAX_ARRAY_ITEMS, isDescribedBySpec, tagOf } from './node.js'
import type { AnyNode, AnyStruct, NamedField, Spec } from './node.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A validator to generate: the export's name and the node it checks. */
export interface GeneratedRoot {
  readonly name: string
  readonly node: AnyNode
  readonly doc: string
}

/** Where the generated module imports a value from: `{ from: '../ncco/talk.js', name }`. */
export type Locate = (value: object) => { readonly from: string; readonly name: string } | undefined

type StructSpec = Extract<Spec, { readonly kind: 'struct' }>
type UnionSpec = Extract<Spec, { readonly kind: 'union' }>
type ArraySpec = Extract<Spec, { readonly kind: 'array' }>

/** The severity a code has in a profile. */
const severityOf = (code: IssueCode, profile: Profile): 'error' | 'warning' => {
  const s = issueCatalog[code].severity
  return s === 'profile' ? (profile === 'lenient' ? 'warning' : 'error') : s
}

const q = (s: string): string => JSON.stringify(s)

const identifier = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_')

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

// -------------------------------------------------------------------------------------
// the emitter
// -------------------------------------------------------------------------------------

class Emitter {
  private readonly imports = new Map<string, Set<string>>()
  private readonly consts = new Map<string, string>()
  private readonly functions: string[] = []
  private readonly names = new Map<AnyNode, string>()
  private readonly used = new Set<string>()

  constructor(
    private readonly locate: Locate,
    private readonly profile: Profile
  ) {}

  use(from: string, name: string): string {
    const set = this.imports.get(from) ?? new Set<string>()
    set.add(name)
    this.imports.set(from, set)
    return name
  }

  /** The imported name of a value the generated code calls (a compiled form, a struct). */
  imported(value: object, what: string): string {
    const at = this.locate(value)
    if (at === undefined)
      throw new Error(`${what} is not exported by any module the generator reads`)
    return this.use(at.from, at.name)
  }

  constant(name: string, init: string): string {
    const known = this.consts.get(name)
    if (known !== undefined && known !== init) throw new Error(`two constants named ${name}`)
    this.consts.set(name, init)
    return name
  }

  private fresh(base: string): string {
    const stem = `${this.profile}${capitalised(identifier(base))}`
    let name = stem
    for (let i = 2; this.used.has(name); i++) name = `${stem}${i}`
    this.used.add(name)
    return name
  }

  /** The generated checker of a container node, emitted on first use. */
  checker(node: AnyNode, place: string): string {
    const known = this.names.get(node)
    if (known !== undefined) return known
    if (!isDescribedBySpec(node) && node.compiled === undefined) {
      throw new Error(`${place}: its checker is written by hand; give it a compiled form`)
    }
    const spec = node.spec
    const name = this.fresh(spec.kind === 'array' ? place : node.name)
    this.names.set(node, name)
    const body =
      spec.kind === 'struct'
        ? this.struct(node as AnyStruct, spec)
        : spec.kind === 'union'
          ? this.union(spec)
          : spec.kind === 'array'
            ? this.array(node, spec, place)
            : undefined
    if (body === undefined) throw new Error(`${place}: ${spec.kind} has no checker of its own`)
    const after =
      node.compiled !== undefined && 'after' in node.compiled ? node.compiled.after : undefined
    const end =
      after === undefined
        ? 'return true'
        : `return ${this.imported(after, `the compiled form of ${place}`)}(u, s, d)`
    const code = `${body.join('\n')}\n${end}`
    // Parameters a checker does not read are named so that the linter lets them be.
    const bare = code.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '')
    const s = /\bs\b/.test(bare) ? 's' : '_s'
    const d = /\bd\b/.test(bare) ? 'd' : '_d'
    this.functions.push(
      `/** ${node.name} (${this.profile}) */\nconst ${name} = (u: unknown, ${s}: Run, ${d}: number): boolean => {\n${code}\n}`
    )
    return name
  }

  /**
   * Statements that check the value `v` at path `s.path[0..d)` + `k` and `return false` on an
   * error: scalars inline, containers through their checker.
   */
  value(node: AnyNode, v: string, d: string, k: string, place: string): string[] {
    const compiled = node.compiled
    if (compiled !== undefined && 'test' in compiled) {
      return [
        `if (!${this.imported(compiled.test, `the compiled form of ${place}`)}(${v})) return false`
      ]
    }
    if (!isDescribedBySpec(node) && compiled === undefined) {
      throw new Error(`${place}: its checker is written by hand; give it a compiled form`)
    }
    const spec = node.spec
    const lenient = this.profile === 'lenient'
    const runtime = '../internal/compiled.js'
    switch (spec.kind) {
      case 'string': {
        if (spec.known !== undefined) throw new Error(`${place}: open enums are not compiled`)
        const fails = [`typeof ${v} !== 'string'`]
        if (spec.nonEmpty) fails.push(`${v} === ''`)
        if (spec.maxLength !== undefined) fails.push(`${v}.length > ${spec.maxLength}`)
        const format = spec.format
        if (format !== undefined && knownLanguages[format] !== undefined) {
          // A documented tag is well-formed (checked here), so it needs no pattern test.
          const tags = this.languages(format)
          return [
            `if (${fails.join(' || ')}) return false`,
            `if (!${tags}.has(${v})) {`,
            `if (!${this.format(format)}(${v})) return false`,
            `s.unknownLanguage(${d}, ${k}, ${v}, ${q(format)})`,
            '}'
          ]
        }
        if (format !== undefined) fails.push(`!${this.format(format)}(${v})`)
        return [`if (${fails.join(' || ')}) return false`]
      }
      case 'enum': {
        if (spec.values.length <= 4) {
          return [`if (${spec.values.map((x) => `${v} !== ${q(x)}`).join(' && ')}) return false`]
        }
        const set = this.constant(
          `${identifier(place)}Values`,
          `new Set<unknown>([${spec.values.map(q).join(', ')}])`
        )
        return [`if (!${set}.has(${v})) return false`]
      }
      case 'boolean':
        if (spec.strings !== undefined)
          throw new Error(`${place}: tolerant booleans are not compiled`)
        return lenient
          ? [
              `if (typeof ${v} !== 'boolean') {`,
              `if (${v} !== 'true' && ${v} !== 'false') return false`,
              `s.stringly(${d}, ${k}, 'a boolean', ${v})`,
              '}'
            ]
          : [`if (typeof ${v} !== 'boolean') return false`]
      case 'number':
        return this.number(spec, v, d, k, place)
      case 'urls':
        this.use(runtime, 'urlsPass')
        return [`s.path[${d}] = ${k}`, `if (!urlsPass(${v}, s, ${d} + 1)) return false`]
      case 'stringMap':
        this.use(runtime, 'stringMapPass')
        return [`if (!stringMapPass(${v})) return false`]
      case 'jsonObject': {
        this.use(runtime, 'jsonObjectPasses')
        const limit = spec.warnAboveBytes === undefined ? '' : `, ${spec.warnAboveBytes}`
        if (
          spec.warnAboveBytes !== undefined &&
          severityOf('headers-too-large', this.profile) !== 'warning'
        ) {
          throw new Error(`${place}: headers-too-large is expected to be a warning`)
        }
        return [
          `s.path[${d}] = ${k}`,
          `if (!jsonObjectPasses(${v}, s, ${d} + 1${limit})) return false`
        ]
      }
      case 'struct':
      case 'union':
      case 'array':
        return [
          `s.path[${d}] = ${k}`,
          `if (!${this.checker(node, place)}(${v}, s, ${d} + 1)) return false`
        ]
    }
  }

  private number(
    spec: Extract<Spec, { readonly kind: 'number' }>,
    v: string,
    d: string,
    k: string,
    place: string
  ): string[] {
    if (spec.strings !== undefined) throw new Error(`${place}: tolerant numbers are not compiled`)
    const out: string[] = []
    let n = v
    const fails = [`typeof ${v} !== 'number'`]
    if (this.profile === 'lenient') {
      // As `numberNode`: a number must be finite; a number given as a string is read as
      // written (a 400-digit string reads as Infinity, which a range may still accept).
      this.use('../internal/node.js', 'DECIMAL')
      n = 'n'
      out.push(
        `let n: unknown = ${v}`,
        `if (typeof n === 'string' && DECIMAL.test(n)) {`,
        `s.stringly(${d}, ${k}, ${q(spec.integer ? 'an integer' : 'a number')}, n)`,
        'n = Number(n)',
        '} else if (!Number.isFinite(n)) return false'
      )
      fails[0] = `typeof n !== 'number'`
      if (spec.integer) fails.push('!Number.isInteger(n)')
    } else {
      fails.push(spec.integer ? `!Number.isInteger(${v})` : `!Number.isFinite(${v})`)
    }
    if (spec.min !== undefined) fails.push(`${n} < ${spec.min}`)
    if (spec.max !== undefined) fails.push(`${n} > ${spec.max}`)
    out.push(`if (${fails.join(' || ')}) return false`)
    if (spec.soft !== undefined) {
      const { min, max, code } = spec.soft
      const outside = `(${n} < ${min} || ${n} > ${max})`
      out.push(
        severityOf(code, this.profile) === 'error'
          ? `if ${outside} return false`
          : `if ${outside} s.soft(${d}, ${k}, ${q(code)}, ${n})`
      )
    }
    return out
  }

  private format(format: StringFormat): string {
    this.use('../internal/formats.js', 'formats')
    return this.constant(`is${capitalised(identifier(format))}`, `formats[${q(format)}].test`)
  }

  private languages(format: StringFormat): string {
    for (const tag of knownLanguages[format]?.tags ?? []) {
      if (!formats[format].test(tag)) throw new Error(`the documented tag ${tag} is not ${format}`)
    }
    this.use('../internal/formats.js', 'knownLanguages')
    return this.constant(
      `${identifier(format)}Tags`,
      `knownLanguages[${q(format)}]?.tags ?? new Set<string>()`
    )
  }

  /** An object: its keys in the document's order, as the interpreter reads them. */
  private struct(node: AnyStruct, spec: StructSpec): string[] {
    const options = node.options
    if (options.nullAsAbsent === true || options.aliases === 'accept') {
      throw new Error(`${node.name}: the tolerant struct options are not compiled`)
    }
    const lenient = this.profile === 'lenient'
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
        ...this.value(f.node, 'v', 'd', 'k', place),
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
          ...this.value(f.node, 'v', 'd', 'k', place),
          `seen |= ${mark ?? 0}`,
          'break',
          '}'
        )
      }
    }
    let fallback: string[]
    if (spec.unknownKeys === 'allow') fallback = ['break']
    else if (severityOf('unknown-key', this.profile) === 'error') fallback = ['return false']
    else {
      const names = this.constant(
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
      this.use('../internal/compiled.js', 'ruleTable')
      this.use('../internal/compiled.js', 'rulesPass')
      const table = this.constant(
        `${identifier(node.name)}Rules`,
        `ruleTable(${this.imported(node, `${node.name}, which has rules,`)})`
      )
      out.push(
        `if (${aliased ? 'aliased || ' : ''}!rulesPass(${table}, u)) {`,
        `if (!s.runRules(${table}, u, d)) return false`,
        '}'
      )
    }
    return out
  }

  /** Objects told apart by a key: the member's checker, or an error. */
  private union(spec: UnionSpec): string[] {
    const cases = spec.members.map(
      (m) => `case ${q(tagOf(m, spec.discriminator))}: return ${this.checker(m, m.name)}(u, s, d)`
    )
    return [
      'if (!isRecord(u)) return false',
      `switch (u[${q(spec.discriminator)}]) {`,
      ...cases,
      'default: return false',
      '}'
    ]
  }

  private array(node: AnyNode, spec: ArraySpec, place: string): string[] {
    // A longer array is the interpreter's to report (array-too-long), never walked here.
    const out = [
      'if (!Array.isArray(u)) return false',
      `if (u.length > ${MAX_ARRAY_ITEMS}) return false`
    ]
    if (spec.minItems > 0) out.push('if (u.length === 0) return false')
    if (spec.maxItems !== undefined) out.push(`if (u.length > ${spec.maxItems}) return false`)
    const itemKind = spec.items.spec.kind
    if (spec.distinct && itemKind !== 'string' && itemKind !== 'enum') {
      throw new Error(`${place}: distinct items are compiled for strings only`)
    }
    const compiled = node.compiled
    const recover = compiled !== undefined && 'recover' in compiled ? compiled.recover : undefined
    if (recover !== undefined) {
      const kind = spec.items.spec.kind
      if (spec.distinct || (kind !== 'struct' && kind !== 'union')) {
        throw new Error(`${place}: only arrays of objects recover item by item`)
      }
      const item = this.checker(spec.items, `${place}[]`)
      const recovery = this.imported(recover, `the compiled form of ${place}`)
      out.push(
        'for (let i = 0; i < u.length; i++) {',
        's.path[d] = i',
        `if (!${item}(u[i], s, d + 1)) return ${recovery}(u, s, d, ${item})`,
        '}'
      )
      return out
    }
    out.push(
      'for (let i = 0; i < u.length; i++) {',
      'const v: unknown = u[i]',
      ...this.value(spec.items, 'v', 'd', 'i', `${place}[]`),
      ...(spec.distinct ? ['for (let j = 0; j < i; j++) if (u[j] === v) return false'] : []),
      '}'
    )
    return out
  }

  source(roots: ReadonlyArray<{ readonly name: string; readonly checker: string }>): {
    readonly imports: Map<string, Set<string>>
    readonly consts: Map<string, string>
    readonly functions: ReadonlyArray<string>
    readonly roots: typeof roots
  } {
    return { imports: this.imports, consts: this.consts, functions: this.functions, roots }
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

const HEADER = `/**
 * Generated by \`npm run generate\` from the field descriptions in src/: do not edit. A test
 * (test/compiled/generated.test.ts) fails when this file is out of date.
 *
 * One compiled pass per document kind and profile: \`true\` when the document has no error,
 * with its warnings reported on the run; \`false\` at the first error, after which the
 * interpreter collects every finding (see src/internal/compiled.ts).
 *
 * @since 0.2.0
 */`

/**
 * The TypeScript source of the compiled validators of `roots` (not yet formatted).
 *
 * @category destructors
 * @since 0.2.0
 */
export const generateValidators = (roots: ReadonlyArray<GeneratedRoot>, locate: Locate): string => {
  const parts = (['strict', 'lenient'] as const).map((profile) => {
    const e = new Emitter(locate, profile)
    const named = roots.map((r) => ({ name: r.name, checker: e.checker(r.node, r.node.name) }))
    return e.source(named)
  })
  const imports = new Map<string, Set<string>>([
    ['../internal/compiled.js', new Set(['isRecord', 'runCompiled'])]
  ])
  const consts = new Map<string, string>()
  for (const p of parts) {
    for (const [from, names] of p.imports) {
      const set = imports.get(from) ?? new Set<string>()
      for (const n of names) set.add(n)
      imports.set(from, set)
    }
    for (const [name, init] of p.consts) consts.set(name, init)
  }
  const importLines = [...imports.keys()]
    .sort()
    .map((from) => `import { ${[...(imports.get(from) ?? [])].sort().join(', ')} } from ${q(from)}`)
  const out = [
    HEADER,
    ...importLines,
    "import type { CompiledValidator, Run } from '../internal/compiled.js'",
    '',
    ...[...consts].map(([name, init]) => `const ${name} = ${init}`),
    ''
  ]
  for (const p of parts) out.push(...p.functions.map((f) => f + '\n'))
  const [strict, lenient] = parts
  roots.forEach((r, i) => {
    out.push(
      `/**\n * ${r.doc}\n *\n * @category compiled\n * @since 0.2.0\n */`,
      `export const ${r.name}: CompiledValidator = (u, profile) =>`,
      `  runCompiled(profile === 'lenient' ? ${lenient?.roots[i]?.checker ?? ''} : ${strict?.roots[i]?.checker ?? ''}, u, profile)`,
      ''
    )
  })
  return out.join('\n')
}
