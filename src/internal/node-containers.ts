/**
 * The container nodes of the description language: arrays, URL lists, string maps and
 * free-form JSON objects, and how a checker enters an object or array (cycles).
 */
import {
  INVALID,
  Node,
  at,
  checkValue,
  described,
  keyLabel,
  keysOf,
  readAt,
  report,
  typeError
} from './node-model.js'
import type { AnyNode, CheckContext, CheckFn, Effective, Spec, TypeOf } from './node-model.js'
import { string } from './node-scalars.js'
import { describeValue, isArray, isPlainObject, wrapInArrayHint } from './text.js'

// -------------------------------------------------------------------------------------
// constructors: containers
// -------------------------------------------------------------------------------------

/**
 * Enters an object or array: reports a cycle, else runs `f` with the value marked active. (No
 * `finally`: after an exception the context is discarded.)
 */
export const enter = (u: object, ctx: CheckContext, f: () => Effective): Effective =>
  enterWith(u, ctx, f)

/** `enter` with a checker of the value, so that no closure is made per value. */
export const enterWith = <T extends object>(
  u: T,
  ctx: CheckContext,
  f: (u: T, ctx: CheckContext) => Effective
): Effective => {
  if (ctx.active.includes(u)) {
    report(ctx, 'cyclic-reference', {})
    return INVALID
  }
  ctx.active.push(u)
  const r = f(u, ctx)
  ctx.active.pop()
  return r
}

export interface ArrayOptions {
  readonly minItems?: number
  readonly maxItems?: number
  readonly distinct?: boolean
  readonly what: string
}

export const array = <N extends AnyNode>(
  items: N,
  options: ArrayOptions
): Node<ReadonlyArray<TypeOf<N>>> => {
  const spec: Spec = {
    kind: 'array',
    items,
    minItems: options.minItems ?? 0,
    ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }),
    distinct: options.distinct === true,
    what: options.what
  }
  const checkItems = (u: ReadonlyArray<unknown>, ctx: CheckContext): Effective => {
    const before = ctx.errors
    if (u.length === 0 && (options.minItems ?? 0) > 0)
      report(ctx, 'empty-array', { key: keyLabel(ctx.path), what: options.what })
    if (options.maxItems !== undefined && u.length > options.maxItems) {
      report(ctx, 'too-many-items', {
        key: keyLabel(ctx.path),
        max: options.maxItems,
        actual: u.length,
        what: options.what
      })
    }
    const out: Effective[] = []
    const seen = options.distinct === true ? new Set<unknown>() : undefined
    for (let i = 0; i < u.length; i++) {
      ctx.path.push(i)
      const r = checkValue(items, readAt(ctx, u, i), ctx)
      ctx.path.pop()
      out.push(r)
      if (seen !== undefined && r !== INVALID) {
        if (seen.has(r)) {
          const key = keyLabel(ctx.path)
          at(ctx, i, () => report(ctx, 'duplicate-item', { key, value: describeValue(r) }))
        }
        seen.add(r)
      }
    }
    return ctx.errors > before ? INVALID : out
  }
  const itemSpec = items.spec
  const wrap =
    itemSpec.kind === 'struct' || itemSpec.kind === 'union'
      ? 'objects'
      : itemSpec.kind === 'string' || itemSpec.kind === 'enum'
        ? 'strings'
        : undefined
  // `"type": "dtmf"` gets `use ["dtmf"]`; a string the items would refuse gets no hint.
  const wrapHint = (u: unknown): string | undefined =>
    wrap === undefined ||
    (itemSpec.kind === 'enum' && !(typeof u === 'string' && itemSpec.values.includes(u)))
      ? undefined
      : wrapInArrayHint(u, wrap)
  const check: CheckFn = (u, ctx) => {
    if (!isArray(u)) return typeError(ctx, `an array of ${options.what}s`, u, wrapHint(u))
    if (tooLong(u, ctx)) return INVALID
    return enterWith(u, ctx, checkItems)
  }
  return described(new Node(`Array<${items.name}>`, spec, check))
}

const httpUrl = string({ format: 'http-url' })

const checkUrls = (u: ReadonlyArray<unknown>, ctx: CheckContext): Effective => {
  const before = ctx.errors
  if (u.length === 0) report(ctx, 'empty-array', { key: keyLabel(ctx.path), what: 'URL' })
  for (let i = 0; i < u.length; i++) {
    ctx.path.push(i)
    checkValue(httpUrl, readAt(ctx, u, i), ctx)
    ctx.path.pop()
  }
  if (u.length > 1) report(ctx, 'multiple-urls', { key: keyLabel(ctx.path), count: u.length })
  return ctx.errors > before ? INVALID : u
}

/**
 * A webhook or audio URL list: the docs say these MUST be arrays, even for one URL; exactly
 * one is expected (docs/rules.md §3).
 */
export const urls: Node<ReadonlyArray<string>> = described(
  new Node<ReadonlyArray<string>>('Array<http-url>', { kind: 'urls' }, (u, ctx) => {
    if (typeof u === 'string') {
      const key = keyLabel(ctx.path)
      report(ctx, 'url-not-array', { key }, { hint: `use [${describeValue(u)}]` })
      return INVALID
    }
    if (!isArray(u)) return typeError(ctx, 'an array of URLs', u)
    if (tooLong(u, ctx)) return INVALID
    return enterWith(u, ctx, checkUrls)
  })
)

/** An object whose values are all strings (SIP custom headers). */
export const stringMap: Node<Readonly<Record<string, string>>> = described(
  new Node('Record<string, string>', { kind: 'stringMap' }, (u, ctx) => {
    if (!isPlainObject(u)) return typeError(ctx, 'an object of strings', u)
    const before = ctx.errors
    for (const k of keysOf(ctx, u) ?? []) {
      ctx.path.push(k)
      const v = readAt(ctx, u, k)
      if (typeof v !== 'string' && v !== INVALID) typeError(ctx, 'a string', v)
      ctx.path.pop()
    }
    return ctx.errors > before ? INVALID : u
  })
)

export const MAX_JSON_DEPTH = 100

/**
 * The most items an array may have before the validator refuses to walk it: JSON cannot make
 * a sparse array, but code can (`a.length = 2 ** 32 - 1`), and walking every index of one
 * would take minutes and unbounded memory. No Voice API document comes near it.
 */
export const MAX_ARRAY_ITEMS = 1_000_000

/** Reports an array too long to walk (see MAX_ARRAY_ITEMS); true when it is. */
export const tooLong = (u: ReadonlyArray<unknown>, ctx: CheckContext): boolean => {
  if (u.length <= MAX_ARRAY_ITEMS) return false
  report(ctx, 'array-too-long', { max: MAX_ARRAY_ITEMS, actual: u.length })
  return true
}

const utf8 = new TextEncoder()

/**
 * Any JSON object (notify payload, websocket headers). The walk is iterative, so no nesting
 * depth can overflow the stack; it still stops at MAX_JSON_DEPTH, since such a value could not
 * be serialised safely either.
 */
export const jsonObject = (
  options: { readonly warnAboveBytes?: number } = {}
): Node<Readonly<Record<string, unknown>>> =>
  described(
    new Node(
      'JsonObject',
      {
        kind: 'jsonObject',
        ...(options.warnAboveBytes === undefined ? {} : { warnAboveBytes: options.warnAboveBytes })
      },
      (u, ctx) => {
        if (!isPlainObject(u)) return typeError(ctx, 'a JSON object', u)
        const before = ctx.errors
        checkJsonTree(u, ctx)
        if (ctx.errors > before) return INVALID
        if (options.warnAboveBytes !== undefined) {
          const bytes = utf8.encode(JSON.stringify(u)).byteLength
          if (bytes > options.warnAboveBytes) report(ctx, 'headers-too-large', { actual: bytes })
        }
        return u
      }
    )
  )

interface Frame {
  /** The container the value is read from (undefined for the root, given as `value`). */
  readonly parent: object | undefined
  readonly key: string | number
  readonly value?: unknown
  readonly path: ReadonlyArray<string | number>
  /** Ancestors of this value (for cycles), shared structurally. */
  readonly ancestors: Ancestors | undefined
}
interface Ancestors {
  readonly value: object
  readonly parent: Ancestors | undefined
}

const isAncestor = (value: object, chain: Ancestors | undefined): boolean => {
  for (let a = chain; a !== undefined; a = a.parent) if (a.value === value) return true
  return false
}

/**
 * Walks a free-form JSON value with an explicit stack. Values are read when their frame is
 * taken, with the path set to theirs, so a throwing getter is reported at its own key.
 */
const checkJsonTree = (root: object, ctx: CheckContext): void => {
  const base = ctx.path.length
  const stack: Frame[] = [
    { parent: undefined, key: '', value: root, path: [], ancestors: undefined }
  ]
  while (stack.length > 0) {
    const frame = stack.pop()!
    ctx.path.length = base
    for (const segment of frame.path) ctx.path.push(segment)
    const value = frame.parent === undefined ? frame.value : readAt(ctx, frame.parent, frame.key)
    if (value === INVALID) continue
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) typeError(ctx, 'a JSON value', value)
      continue
    }
    if (typeof value !== 'object' || !(isArray(value) || isPlainObject(value))) {
      typeError(ctx, 'a JSON value', value)
      continue
    }
    if (isAncestor(value, frame.ancestors) || ctx.active.includes(value)) {
      report(ctx, 'cyclic-reference', {})
      continue
    }
    if (frame.path.length >= MAX_JSON_DEPTH) {
      report(ctx, 'too-deep', { max: MAX_JSON_DEPTH })
      continue
    }
    if (isArray(value) && tooLong(value, ctx)) continue
    const chain: Ancestors = { value, parent: frame.ancestors }
    const children: Frame[] = []
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        children.push({ parent: value, key: i, path: [...frame.path, i], ancestors: chain })
      }
    } else {
      for (const k of keysOf(ctx, value) ?? []) {
        children.push({ parent: value, key: k, path: [...frame.path, k], ancestors: chain })
      }
    }
    // Push in reverse so findings come out in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
  }
  ctx.path.length = base
}
