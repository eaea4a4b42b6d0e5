/**
 * What every builder needs and no user should import: copying what a caller passes in (so
 * that changing their object later cannot reach a builder), deep freezing (so that nothing a
 * builder hands out can be changed), URL lists and phone numbers.
 *
 * None of these throws: a value that cannot be copied is kept as given, and `build()` reports
 * what is wrong with it at its path.
 */
import { E164, fixPhoneNumber } from '../internal/formats.js'
import { isPlainObject } from '../internal/text.js'
import type { TranscriptionSettings } from '../ncco/common.js'

/** The type of an optional field of `A` once given: `TalkAction['loop']` without `undefined`. */
export type Given<A, K extends keyof A> = Exclude<A[K], undefined> extends infer T ? T : never

/**
 * One URL, or the array the wire format wants. A single string becomes an array of one, since
 * the NCCO reference says these fields MUST be arrays "even with one value".
 *
 * @category model
 * @since 0.1.0
 */
export type UrlInput = string | ReadonlyArray<string>

/** The array of one URL for a bare URL (copying and freezing is left to `frozenWith`). */
export const urlList = (url: UrlInput): ReadonlyArray<string> =>
  typeof url === 'string' ? [url] : url

/**
 * Transcription settings (record, conversation), where `eventUrl` may be one URL.
 *
 * @category model
 * @since 0.1.0
 */
export type TranscriptionInput = Omit<TranscriptionSettings, 'eventUrl'> & {
  readonly eventUrl?: UrlInput
}

export const transcriptionSettings = (settings: TranscriptionInput): TranscriptionSettings =>
  isPlainObject(settings) && typeof settings.eventUrl === 'string'
    ? { ...settings, eventUrl: urlList(settings.eventUrl) }
    : (settings as TranscriptionSettings)

/**
 * A phone number as Vonage wants it (E.164 digits without `+`): `+44 7700 900000` and
 * `0044-7700-900000` become `447700900000`. A number that has no such simple fix is kept as
 * given, so that `build()` reports `invalid-phone-number` at its path with a hint.
 */
export const phoneNumber = (number: string): string =>
  typeof number !== 'string' || E164.test(number) ? number : (fixPhoneNumber(number) ?? number)

const isContainer = (u: unknown): u is object => Array.isArray(u) || isPlainObject(u)

/** JSON cannot tell -0 from 0; writing 0 keeps "the JSON decodes to an equal value" true. */
const scalar = (u: unknown): unknown => (Object.is(u, -0) ? 0 : u)

/**
 * A deep copy of the arrays and plain objects in `value`, every one of them frozen. Other
 * objects (a Date, a Map, a class instance) are kept by reference: they are not JSON, and
 * `build()` reports them. The walk is iterative, so no nesting depth overflows the stack, and
 * a cycle is copied as a cycle (which `build()` reports as `cyclic-reference`).
 */
export const frozenCopy = <T>(value: T): T => {
  if (!isContainer(value)) return scalar(value) as T
  try {
    const copies = new Map<object, Record<string, unknown> | unknown[]>()
    const pending: Array<readonly [object, Record<string, unknown> | unknown[]]> = []
    const copyOf = (source: object): object => {
      const existing = copies.get(source)
      if (existing !== undefined) return existing
      const target = Array.isArray(source) ? new Array<unknown>(source.length) : {}
      copies.set(source, target)
      pending.push([source, target])
      return target
    }
    const root = copyOf(value)
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [source, target] = next
      for (const key of Object.keys(source)) {
        const item: unknown = (source as Record<string, unknown>)[key]
        // defineProperty, not assignment: an own "__proto__" key stays a key.
        Object.defineProperty(target, key, {
          value: isContainer(item) ? copyOf(item) : scalar(item),
          enumerable: true,
          writable: true,
          configurable: true
        })
      }
    }
    for (const copy of copies.values()) Object.freeze(copy)
    return root as T
  } catch {
    // A getter or proxy trap that throws: keep the value, build() reports it as unreadable.
    return value
  }
}

/**
 * `base` with `patch` written over it, itself frozen. Each value of `patch` is copied on its
 * own, so a value that cannot be read is kept as given without keeping the rest unfrozen.
 */
export const frozenWith = <A extends object>(base: A, patch: Partial<A>): A => {
  const next: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const key of Object.keys(patch)) {
    next[key] = frozenCopy((patch as Record<string, unknown>)[key])
  }
  return Object.freeze(next) as A
}

/** A frozen object of frozen copies of `fields`. */
export const frozenObject = <A extends object>(fields: A): A => frozenWith({} as A, fields)

// -------------------------------------------------------------------------------------
// compile-time coverage: every field of a codec has a builder method
// -------------------------------------------------------------------------------------

/** `event_url` → `eventUrl`, `content-type` → `contentType`. */
export type CamelCase<S extends string> = S extends `${infer H}_${infer T}`
  ? `${H}${Capitalize<CamelCase<T>>}`
  : S extends `${infer H}-${infer T}`
    ? `${H}${Capitalize<CamelCase<T>>}`
    : S

/**
 * The fields of `A` that have no method of the same (camelCase) name on `B`, apart from those
 * set otherwise (`excluded`). `never` when the builder covers the codec.
 */
export type MissingMethods<A, B, Excluded extends string> = Exclude<
  CamelCase<Extract<keyof A, string>>,
  Extract<keyof B, string> | Excluded
>

/** Fails to compile, naming the missing methods, unless `T` is `never`. */
export type NoneMissing<T extends never> = T
