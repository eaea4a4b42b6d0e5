/**
 * The scalar nodes of the description language: strings (with their formats), enums,
 * booleans and numbers, and the tolerant readings of what the Voice API sends to webhooks.
 */
import { formats, fixPhoneNumber, knownLanguages } from './formats.js'
import type { StringFormat } from './formats.js'
import { ABSENT, INVALID, Node, described, keyLabel, report, typeError } from './node-model.js'
import type { CheckContext, CheckFn, Effective, Spec } from './node-model.js'
import type { IssueCode } from '../issue.js'
import { describeValue, didYouMean, unquoteHint } from './text.js'

// -------------------------------------------------------------------------------------
// constructors: scalars
// -------------------------------------------------------------------------------------

/** A number written as a string, which the lenient profile reads as that number. */
export const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/

export interface StringOptions {
  readonly nonEmpty?: boolean
  readonly maxLength?: number
  readonly format?: StringFormat
}

export const string = (options: StringOptions = {}): Node<string> => {
  const spec: Spec = {
    kind: 'string',
    nonEmpty: options.nonEmpty === true,
    ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
    ...(options.format === undefined ? {} : { format: options.format })
  }
  const check: CheckFn = (u, ctx) => {
    if (typeof u !== 'string') return typeError(ctx, 'a string', u)
    if (options.nonEmpty === true && u === '') {
      report(ctx, 'empty-string', { key: keyLabel(ctx.path) })
      return INVALID
    }
    if (options.maxLength !== undefined && u.length > options.maxLength) {
      const max = options.maxLength
      report(ctx, 'too-long', {
        key: keyLabel(ctx.path),
        max,
        actual: u.length,
        unit: 'characters'
      })
      return INVALID
    }
    if (options.format !== undefined) return checkFormat(options.format, u, ctx)
    return u
  }
  return described(new Node<string>(options.format ?? 'string', spec, check))
}

const checkFormat = (format: StringFormat, u: string, ctx: CheckContext): Effective => {
  const info = formats[format]
  const list = knownLanguages[format]
  if (info.test(u) && (list === undefined || list.tags.has(u))) return u
  const key = keyLabel(ctx.path)
  if (!info.test(u)) {
    const actual = describeValue(u)
    switch (format) {
      case 'e164': {
        const fixed = fixPhoneNumber(u)
        report(
          ctx,
          'invalid-phone-number',
          { key, actual },
          fixed === undefined ? {} : { hint: `use "${fixed}"` }
        )
        break
      }
      case 'http-url':
      case 'ws-url':
      case 'sip-uri':
        report(ctx, 'invalid-url', { key, expected: info.expected, actual })
        break
      case 'language-tts':
      case 'language-asr': {
        // `EN-GB`: tags ignore case, but the language subtag is written lower-case.
        const documented = list?.tags.spelling(u)
        report(
          ctx,
          'invalid-language-tag',
          { key, actual },
          documented === undefined ? {} : { hint: `use "${documented}"` }
        )
        break
      }
      default:
        report(ctx, 'invalid-format', { key, expected: info.expected, actual })
    }
    return INVALID
  }
  if (list !== undefined && !list.tags.has(u)) {
    const close = didYouMean(u, list.tags)
    report(
      ctx,
      'unknown-language',
      { key, actual: describeValue(u), list: list.name },
      close === undefined ? {} : { hint: `did you mean "${close}"?` }
    )
  }
  return u
}

export const enumOf = <const V extends string>(values: ReadonlyArray<V>): Node<V> => {
  const check: CheckFn = (u, ctx) => {
    if (typeof u !== 'string')
      return typeError(ctx, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, u)
    if (!(values as ReadonlyArray<string>).includes(u)) {
      const close = didYouMean(u, values)
      report(
        ctx,
        'invalid-enum',
        { key: keyLabel(ctx.path), allowed: values, actual: describeValue(u) },
        close === undefined ? {} : { hint: `did you mean "${close}"?` }
      )
      return INVALID
    }
    return u
  }
  return described(new Node<V>(values.join(' | '), { kind: 'enum', values }, check))
}

export const literal = <const V extends string>(value: V): Node<V> => enumOf([value])

/** A scalar given as a string: a warning in lenient (the coerced value is used), else an error. */
const stringly = (ctx: CheckContext, expected: string, u: string, coerced: unknown): Effective => {
  if (ctx.profile === 'lenient') {
    report(ctx, 'stringly-scalar', { expected, actual: u })
    return coerced
  }
  return typeError(ctx, expected, u, unquoteHint(u))
}

export const boolean: Node<boolean> = described(
  new Node<boolean>('boolean', { kind: 'boolean' }, (u, ctx) => {
    if (typeof u === 'boolean') return u
    if (u === 'true' || u === 'false') return stringly(ctx, 'a boolean', u, u === 'true')
    return typeError(ctx, 'a boolean', u)
  })
)

export interface NumberOptions {
  readonly min?: number
  readonly max?: number
  readonly soft?: { readonly min: number; readonly max: number; readonly code: IssueCode }
}

const rangeText = (min: number | undefined, max: number | undefined): string =>
  min !== undefined && max !== undefined
    ? `between ${min} and ${max}`
    : min !== undefined
      ? `at least ${min}`
      : `at most ${String(max)}`

const numberNode = (integer: boolean, options: NumberOptions): Node<number> => {
  const spec: Spec = {
    kind: 'number',
    integer,
    ...(options.min === undefined ? {} : { min: options.min }),
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(options.soft === undefined ? {} : { soft: options.soft })
  }
  const expected = integer ? 'an integer' : 'a number'
  const check: CheckFn = (u, ctx) => {
    let n: number
    if (typeof u === 'number') {
      if (!Number.isFinite(u)) return typeError(ctx, expected, u)
      n = u
    } else if (typeof u === 'string' && DECIMAL.test(u)) {
      const r = stringly(ctx, expected, u, Number(u))
      if (r === INVALID) return INVALID
      n = Number(u)
    } else {
      return typeError(ctx, expected, u)
    }
    if (integer && !Number.isInteger(n)) {
      report(ctx, 'not-an-integer', { key: keyLabel(ctx.path), actual: String(n) })
      return INVALID
    }
    if (
      (options.min !== undefined && n < options.min) ||
      (options.max !== undefined && n > options.max)
    ) {
      report(ctx, 'out-of-range', {
        key: keyLabel(ctx.path),
        range: rangeText(options.min, options.max),
        actual: String(n)
      })
      return INVALID
    }
    if (options.soft !== undefined && (n < options.soft.min || n > options.soft.max)) {
      report(ctx, options.soft.code, { actual: String(n) } as never)
    }
    return n
  }
  return described(new Node<number>(integer ? 'integer' : 'number', spec, check))
}

export const integer = (options: NumberOptions = {}): Node<number> => numberNode(true, options)
export const number = (options: NumberOptions = {}): Node<number> => numberNode(false, options)

// -------------------------------------------------------------------------------------
// constructors: what the Voice API sends (tolerant readings)
// -------------------------------------------------------------------------------------

const NUMERIC = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/

/**
 * A number that may arrive as a numeric string (`"0.02"`, `"45"`): webhooks send both. A
 * blank string decodes as absent. Either form is read as its number, with no finding.
 */
export const numeric = (options: { readonly integer?: boolean } = {}): Node<number> => {
  const integer = options.integer === true
  const expected = integer ? 'an integer or a string of one' : 'a number or a numeric string'
  return new Node<number>(
    integer ? 'integer' : 'number',
    { kind: 'number', integer, strings: 'accept' },
    (u, ctx) => {
      let n: number
      if (typeof u === 'number' && Number.isFinite(u)) n = u
      else if (typeof u === 'string' && u.trim() === '') return ABSENT
      else if (typeof u === 'string' && NUMERIC.test(u.trim())) n = Number(u.trim())
      else return typeError(ctx, expected, u)
      if (integer && !Number.isInteger(n)) {
        report(ctx, 'not-an-integer', { key: keyLabel(ctx.path), actual: String(n) })
        return INVALID
      }
      return n
    }
  )
}

/** A boolean that may arrive as the string `"true"` or `"false"` (a GET query). */
export const flag: Node<boolean> = new Node<boolean>(
  'boolean',
  { kind: 'boolean', strings: 'accept' },
  (u, ctx) => {
    if (typeof u === 'boolean') return u
    if (u === 'true' || u === 'false') return u === 'true'
    return typeError(ctx, 'a boolean', u)
  }
)

/**
 * An open enum: `values` are the documented ones, and any other string is kept as it is
 * (Vonage adds values without notice). The type offers the known literals to the editor.
 */
export const openEnum = <const V extends string>(
  values: ReadonlyArray<V>
): Node<V | (string & {})> =>
  new Node<V | (string & {})>(
    values.length === 0 ? 'string' : `${values.join(' | ')} | string`,
    { kind: 'string', nonEmpty: false, known: values },
    (u, ctx) => (typeof u === 'string' ? u : typeError(ctx, 'a string', u))
  )

/** A string field whose blank value (`""`) means "no value": it decodes as absent. */
export const blankAsAbsent = <A>(inner: Node<A>): Node<A> =>
  new Node<A>(inner.name, inner.spec, (u, ctx) =>
    typeof u === 'string' && u.trim() === '' ? ABSENT : inner.check(u, ctx)
  )

/** The longest JSON text a field may carry inside a query string before it is refused. */
export const MAX_JSON_TEXT = 1024 * 1024

/**
 * An object-valued field that may also arrive as JSON text: a GET query carries `custom_data`
 * or an input result's `dtmf` that way. Text that starts with `{` or `[` is parsed and then
 * checked by `inner`; anything else goes to `inner` as it is.
 */
export const jsonText = <A>(inner: Node<A>): Node<A> =>
  new Node<A>(inner.name, inner.spec, (u, ctx) => {
    if (typeof u !== 'string') return inner.check(u, ctx)
    const text = u.trim()
    if (!text.startsWith('{') && !text.startsWith('[')) return inner.check(u, ctx)
    if (text.length > MAX_JSON_TEXT) {
      report(ctx, 'invalid-json', {
        key: keyLabel(ctx.path),
        reason: `it is longer than ${MAX_JSON_TEXT} characters`
      })
      return INVALID
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (e) {
      report(ctx, 'invalid-json', {
        key: keyLabel(ctx.path),
        reason: e instanceof Error ? e.message : 'it does not parse'
      })
      return INVALID
    }
    return inner.check(parsed, ctx)
  })
