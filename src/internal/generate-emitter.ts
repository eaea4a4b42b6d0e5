/**
 * The emitter of the generated validators: one checker per container node (struct, union,
 * array), each reading its value the way the interpreter's checker in node-struct.ts and
 * node-containers.ts does, in the same order; the objects' readings are in generate-struct.ts
 * and the scalars' in generate-scalars.ts. Every error becomes `return false`; warnings are
 * reported on the run.
 */
import type { Profile } from '../issue.js'
import { MAX_ARRAY_ITEMS, isDescribedBySpec, tagOf } from './node.js'
import type { AnyNode, AnyStruct, Spec } from './node.js'
import {
  booleanReading,
  capitalised,
  enumReading,
  identifier,
  numberReading,
  q,
  severityOf,
  stringReading
} from './generate-scalars.js'
import type { ScalarScope } from './generate-scalars.js'
import { structReading } from './generate-struct.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Where the generated module imports a value from: `{ from: '../ncco/talk.js', name }`. */
export type Locate = (value: object) => { readonly from: string; readonly name: string } | undefined

type UnionSpec = Extract<Spec, { readonly kind: 'union' }>
type ArraySpec = Extract<Spec, { readonly kind: 'array' }>

/** What an emitter wrote: the generated module's imports, constants, checkers and roots. */
export interface Emitted {
  readonly imports: ReadonlyMap<string, ReadonlySet<string>>
  readonly consts: ReadonlyMap<string, string>
  readonly functions: ReadonlyArray<string>
}

// -------------------------------------------------------------------------------------
// the emitter
// -------------------------------------------------------------------------------------

export class Emitter implements ScalarScope {
  private readonly imports = new Map<string, Set<string>>()
  private readonly consts = new Map<string, string>()
  private readonly functions: string[] = []
  private readonly names = new Map<AnyNode, string>()
  private readonly used = new Set<string>()

  constructor(
    private readonly locate: Locate,
    readonly profile: Profile
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

  /**
   * The generated checker of a node, emitted on first use: a container's own, or for a scalar
   * (an exported enum's `is`) its reading of the value as a whole document.
   */
  checker(node: AnyNode, place: string): string {
    const known = this.names.get(node)
    if (known !== undefined) return known
    const kind = node.spec.kind
    if (kind !== 'struct' && kind !== 'union' && kind !== 'array') return this.scalar(node, place)
    if (!isDescribedBySpec(node) && node.compiled === undefined) {
      throw new Error(`${place}: its checker is written by hand; give it a compiled form`)
    }
    const spec = node.spec
    const name = this.fresh(spec.kind === 'array' ? place : node.name)
    this.names.set(node, name)
    const body =
      spec.kind === 'struct'
        ? structReading(this, node as AnyStruct, spec)
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

  /** A scalar read as a document of its own: its reading, then `true`. */
  private scalar(node: AnyNode, place: string): string {
    const kind = node.spec.kind
    if (kind !== 'enum' && kind !== 'string' && kind !== 'boolean' && kind !== 'number') {
      throw new Error(`${place}: ${kind} has no checker of its own`)
    }
    const name = this.fresh(place)
    this.names.set(node, name)
    const code = [...this.value(node, 'u', 'd', "''", place), 'return true'].join('\n')
    const s = /\bs\b/.test(code) ? 's' : '_s'
    const d = /\bd\b/.test(code) ? 'd' : '_d'
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
    const runtime = '../internal/compiled.js'
    switch (spec.kind) {
      case 'string':
        return stringReading(this, spec, v, d, k, place)
      case 'enum':
        return enumReading(this, spec, v, place)
      case 'boolean':
        return booleanReading(this, spec, v, d, k, place)
      case 'number':
        return numberReading(this, spec, v, d, k, place)
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
        // An `is` wants the verdict only: no findings to collect.
        `if (!${item}(u[i], s, d + 1)) return s.verdict ? false : ${recovery}(u, s, d, ${item})`,
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

  /** Everything emitted so far. */
  source(): Emitted {
    return { imports: this.imports, consts: this.consts, functions: this.functions }
  }
}
