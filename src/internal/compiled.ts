/**
 * What the generated validators (src/generated/validators.ts, written by `npm run generate`
 * from the field descriptions) run on: the run state, the warnings they may report, and the
 * readings of the containers every document shares.
 *
 * A generated checker answers one question: does the value pass without an error? It returns
 * `false` at the first error, and the interpreter (`runCheck`) then collects every finding. It
 * reports warnings itself, in the order the interpreter would, so a document with warnings only
 * never reaches the interpreter. On a document without findings nothing here allocates: the
 * path is a shared array written in place, the rule context is one reused object, and a warning
 * is the first thing that builds a path or an issue.
 */
import { issueCatalog, makeIssue } from '../issue.js'
import type { Issue, IssueCode, IssueParams, Profile } from '../issue.js'
import { formats, knownLanguages } from './formats.js'
import type { StringFormat } from './formats.js'
import type { AnyNode, Effective, Rule, RuleContext, StructView } from './node.js'
import { MAX_ARRAY_ITEMS, MAX_JSON_DEPTH, StructNode, keyLabel } from './node.js'
import { unknownKeyHint } from './node-struct.js'
import { describeValue, didYouMean, toPointer } from './text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a compiled pass returns when it met an error: the interpreter takes over. */
export const FAILED: unique symbol = Symbol('failed')

/** A generated checker: `true` when the value at `run.path[0..depth)` has no error. */
export type CompiledCheck = (u: unknown, run: Run, depth: number) => boolean

/** Every finding of a document with errors, collected by a compiled pass (see `recover`). */
export class CollectedFindings {
  constructor(readonly issues: ReadonlyArray<Issue>) {}
}

/**
 * The whole compiled pass of a document: its warnings when it has no error; FAILED when the
 * interpreter must collect the findings; or every finding, when the pass collected them.
 */
export type CompiledValidator = (
  u: unknown,
  profile: Profile
) => ReadonlyArray<Issue> | CollectedFindings | typeof FAILED

/**
 * How a node whose checker is written by hand reads in the compiled pass. The generator emits
 * a call to the function (found among the modules' exports, so it must be exported).
 */
export type CompiledForm =
  /** Replaces the check: true when the value passes with no finding at all. */
  | { readonly test: (u: unknown) => boolean }
  | {
      /** Runs once the check that the spec describes passed: the rules the spec cannot say. */
      readonly after?: (u: never, run: Run, depth: number) => boolean
      /**
       * An array's: called when an item fails, with the items' checker; it may collect every
       * finding of the document itself (then it sets `run.complete`), or return false.
       */
      readonly recover?: (u: never, run: Run, depth: number, item: CompiledCheck) => boolean
    }

/** How a rule reads a field of an object that passed: its effective value. */
type Reading = 'value' | 'boolean' | 'number' | 'unsupported'

interface RuleField {
  readonly spellings: ReadonlyArray<string>
  readonly reading: Reading
}

/** What the compiled pass needs to run the rules of one struct. */
export interface RuleTable {
  readonly rules: ReadonlyArray<Rule>
  /** The rules' test forms (a rule without one always defers to its report form). */
  readonly tests: ReadonlyArray<(u: Readonly<Record<string, unknown>>) => boolean>
  readonly fields: ReadonlyMap<string, RuleField>
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

/**
 * `isPlainObject` without its guard: a proxy whose trap throws throws here, and the pass
 * fails over to the interpreter, which reports it.
 */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const proto: unknown = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

/**
 * Thrown by the compiled rule context when a rule reads something only the interpreter can
 * give (a nested object's view). The pass then fails over to the interpreter: slower, never
 * wrong.
 */
class NeedsInterpreter extends Error {}

/**
 * The rule context of an object that passed: `get` is the field's effective value (coerced in
 * the lenient profile), `has` and `raw` read the object itself. One instance serves a run.
 */
class CompiledRules implements RuleContext {
  u: Readonly<Record<string, unknown>> = {}
  table: RuleTable | undefined
  depth = 0
  failed = false
  constructor(readonly run: Run) {}

  get view(): StructView {
    throw new NeedsInterpreter('a rule reads the view')
  }

  /**
   * The spelling used for a field (undefined when absent, or not a field): the canonical key
   * wins, else the first stand-in in the object's key order.
   */
  private spelling(key: string): string | undefined {
    const field = this.table?.fields.get(key)
    if (field === undefined) return undefined
    if (hasOwn(this.u, key)) return key
    const spellings = field.spellings
    if (spellings.length === 1) return undefined
    for (const k in this.u) if (spellings.includes(k) && hasOwn(this.u, k)) return k
    return undefined
  }

  readonly has = (key: string): boolean => this.spelling(key) !== undefined

  readonly raw = (key: string): unknown => {
    const k = this.spelling(key)
    return k === undefined ? undefined : this.u[k]
  }

  readonly get = (key: string): Effective | undefined => {
    const k = this.spelling(key)
    if (k === undefined) return undefined
    const v = this.u[k]
    switch (this.table?.fields.get(key)?.reading) {
      case 'value':
        return v
      case 'boolean':
        return typeof v === 'string' ? v === 'true' : v
      case 'number':
        return typeof v === 'string' ? Number(v) : v
      default:
        throw new NeedsInterpreter(`a rule reads ${key}`)
    }
  }

  readonly report = <C extends IssueCode>(
    code: C,
    params: IssueParams<C>,
    o: { readonly at?: string | ReadonlyArray<string | number>; readonly hint?: string } = {}
  ): void => {
    if (this.failed) return
    const path = this.run.pathTo(this.depth)
    if (typeof o.at === 'string') path.push(this.spelling(o.at) ?? o.at)
    else if (o.at !== undefined) path.push(...o.at)
    this.failed = !this.run.add(code, path, params, o.hint)
  }
}

/**
 * The rules of a struct with what they may read: each field's spellings, and how its
 * effective value comes from the value given.
 */
export const ruleTable = (node: AnyNode): RuleTable => {
  if (!(node instanceof StructNode)) throw new Error(`${node.name} is not a struct`)
  const fields = new Map<string, RuleField>()
  for (const f of (node as StructNode<unknown>).fields) {
    const spec = f.node.spec
    const custom = f.node.compiled !== undefined && 'test' in f.node.compiled
    const reading: Reading =
      spec.kind === 'boolean'
        ? 'boolean'
        : spec.kind === 'number'
          ? 'number'
          : custom ||
              spec.kind === 'string' ||
              spec.kind === 'enum' ||
              spec.kind === 'urls' ||
              spec.kind === 'stringMap' ||
              spec.kind === 'jsonObject' ||
              (spec.kind === 'array' &&
                (spec.items.spec.kind === 'string' || spec.items.spec.kind === 'enum'))
            ? 'value'
            : 'unsupported'
    fields.set(f.name, { spellings: [f.name, ...(f.aliases ?? [])], reading })
  }
  const rules = (node as StructNode<unknown>).options.rules ?? []
  return { rules, tests: rules.map((r) => r.passes ?? unsure), fields }
}

const unsure = (): boolean => false

/**
 * The test forms of a struct's rules on an object that passed with canonical spellings: true
 * when no rule can report; false sends the object to the rules' report forms.
 */
export const rulesPass = (table: RuleTable, u: Readonly<Record<string, unknown>>): boolean => {
  const tests = table.tests
  for (let i = 0; i < tests.length; i++) if (!tests[i]!(u)) return false
  return true
}

// -------------------------------------------------------------------------------------
// the run
// -------------------------------------------------------------------------------------

/** The state of one compiled pass: the profile, the current path and the warnings so far. */
export class Run {
  profile: Profile = 'strict'
  /** The path of the value being checked, `path[0..depth)`; written in place. */
  readonly path: Array<string | number> = []
  warnings: Issue[] | undefined
  /** Set by a `recover` form: `warnings` then holds every finding of the document. */
  complete = false
  busy = false
  /**
   * An `is` run: only whether there is an error matters, so a warning builds nothing and no
   * array collects the findings of a document with errors.
   */
  verdict = false
  private readonly rules = new CompiledRules(this)

  /** A copy of `path[0..depth)` (plus `key`), for a finding. */
  pathTo(depth: number, key?: string | number): Array<string | number> {
    const out = this.path.slice(0, depth)
    if (key !== undefined) out.push(key)
    return out
  }

  /** Adds a finding; false when it is an error (the pass is over). */
  add<C extends IssueCode>(
    code: C,
    path: ReadonlyArray<string | number>,
    params: IssueParams<C>,
    hint?: string
  ): boolean {
    if (this.verdict) {
      const severity = issueCatalog[code].severity
      return severity === 'profile' ? this.profile === 'lenient' : severity !== 'error'
    }
    const issue = makeIssue(code, toPointer(path), params, { profile: this.profile, hint })
    if (issue.severity === 'error') return false
    ;(this.warnings ??= []).push(issue)
    return true
  }

  /** Runs the rules of an object that passed; false when one reports an error. */
  runRules(table: RuleTable, u: Readonly<Record<string, unknown>>, depth: number): boolean {
    const r = this.rules
    const saved = r.u
    r.u = u
    r.table = table
    r.depth = depth
    r.failed = false
    for (const rule of table.rules) {
      rule(r)
      if (r.failed) break
    }
    r.u = saved
    return !r.failed
  }

  /** Lenient: a boolean or number given as a string. */
  stringly(depth: number, key: string | number, expected: string, actual: string): void {
    this.add('stringly-scalar', this.pathTo(depth, key), { expected, actual })
  }

  /** A well-formed language tag outside its documented list. */
  unknownLanguage(depth: number, key: string | number, u: string, format: StringFormat): void {
    if (this.verdict) return // a warning
    const list = knownLanguages[format]
    if (list === undefined) return
    const path = this.pathTo(depth, key)
    const close = didYouMean(u, list.tags)
    this.add(
      'unknown-language',
      path,
      { key: keyLabel(path), actual: describeValue(u), list: list.name },
      close === undefined ? undefined : `did you mean "${close}"?`
    )
  }

  /** Lenient: a key the object does not know. */
  unknownKey(depth: number, key: string, owner: string, names: ReadonlyArray<string>): void {
    if (this.verdict) return // lenient only, a warning
    this.add(
      'unknown-key',
      this.pathTo(depth, key),
      { key, owner },
      unknownKeyHint(key, owner, names)
    )
  }

  /** Lenient: a stand-in spelling of a key. */
  nonCanonical(depth: number, key: string, canonical: string, owner: string): void {
    this.add(
      'non-canonical-key',
      this.pathTo(depth, key),
      { key, canonical, owner },
      `use "${canonical}"`
    )
  }

  /** A number inside its range but outside the documented one (a warning code). */
  soft(depth: number, key: string | number, code: IssueCode, n: number): boolean {
    return this.add(code, this.pathTo(depth, key), { actual: String(n) } as never)
  }
}

const shared = new Run()

/**
 * Runs a generated checker on a whole document: its warnings, or FAILED when it has an error,
 * reads a value that throws, or meets something only the interpreter reads.
 */
export const runCompiled = (
  check: CompiledCheck,
  u: unknown,
  profile: Profile
): ReadonlyArray<Issue> | CollectedFindings | typeof FAILED => {
  // The checkers walk keys with for-in, which also visits enumerable keys of Object.prototype.
  for (const _ in Object.prototype) return FAILED
  // A getter that validates while it is read gets a run of its own.
  const run = shared.busy ? new Run() : shared
  run.busy = true
  run.profile = profile
  run.warnings = undefined
  run.complete = false
  try {
    if (check(u, run, 0)) return run.warnings ?? []
    return run.complete ? new CollectedFindings(run.warnings ?? []) : FAILED
  } catch {
    return FAILED
  } finally {
    run.busy = false
    run.warnings = undefined
  }
}

const guarding = Object.assign(new Run(), { verdict: true })

/**
 * Runs a generated strict checker as an `is`: true or false, or undefined when only the
 * interpreter can tell (a value that throws while it is read, a rule that reads what the
 * compiled pass does not keep). Allocates nothing on a value without findings.
 */
export const runGuard = (check: CompiledCheck, u: unknown): boolean | undefined => {
  for (const _ in Object.prototype) return undefined
  const run = guarding.busy ? Object.assign(new Run(), { verdict: true }) : guarding
  run.busy = true
  try {
    return check(u, run, 0)
  } catch {
    return undefined
  } finally {
    run.busy = false
  }
}

/**
 * Makes each codec's `is` run its generated strict checker (the interpreter still answers
 * what the checker cannot tell). Returns the codecs, for the tests.
 */
export const installGuards = (
  guards: ReadonlyArray<readonly [AnyNode, CompiledCheck]>
): ReadonlyArray<AnyNode> => {
  for (const [node, check] of guards) node.guard = (u) => runGuard(check, u)
  return guards.map(([node]) => node)
}

// -------------------------------------------------------------------------------------
// containers every document shares
// -------------------------------------------------------------------------------------

const httpUrl = formats['http-url'].test

/** A URL list (`eventUrl`): an array of absolute http(s) URLs; more than one is a warning. */
export const urlsPass = (u: unknown, run: Run, depth: number): boolean => {
  if (!Array.isArray(u) || u.length === 0 || u.length > MAX_ARRAY_ITEMS) return false
  for (let i = 0; i < u.length; i++) {
    const v: unknown = u[i]
    if (typeof v !== 'string' || !httpUrl(v)) return false
  }
  if (u.length > 1) {
    const path = run.pathTo(depth)
    return run.add('multiple-urls', path, { key: keyLabel(path), count: u.length })
  }
  return true
}

/** An object of strings (SIP custom headers). */
export const stringMapPass = (u: unknown): boolean => {
  if (!isRecord(u)) return false
  for (const k in u) if (typeof u[k] !== 'string') return false
  return true
}

/**
 * A JSON value under a free-form object, at `depth` levels below it: a container at
 * MAX_JSON_DEPTH is an error for the interpreter (too deep, or a cycle), so it fails here too.
 */
const jsonValuePasses = (v: unknown, depth: number): boolean => {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (Array.isArray(v)) {
    if (depth >= MAX_JSON_DEPTH || v.length > MAX_ARRAY_ITEMS) return false
    for (let i = 0; i < v.length; i++) if (!jsonValuePasses(v[i], depth + 1)) return false
    return true
  }
  if (!isRecord(v) || depth >= MAX_JSON_DEPTH) return false
  for (const k in v) if (!jsonValuePasses(v[k], depth + 1)) return false
  return true
}

const utf8 = new TextEncoder()

/** A free-form JSON object (notify payload); `warnAboveBytes` as in `jsonObject`. */
export const jsonObjectPasses = (
  u: unknown,
  run: Run,
  depth: number,
  warnAboveBytes?: number
): boolean => {
  if (!isRecord(u) || !jsonValuePasses(u, 0)) return false
  if (warnAboveBytes !== undefined) {
    const bytes = utf8.encode(JSON.stringify(u)).byteLength
    if (bytes > warnAboveBytes) {
      return run.add('headers-too-large', run.pathTo(depth), { actual: bytes })
    }
  }
  return true
}
