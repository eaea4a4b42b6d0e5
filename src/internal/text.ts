/**
 * Small string helpers shared by the rules: JSON Pointer escaping, the did-you-mean search and
 * a short rendering of values for messages.
 */

/** RFC 6901: `~` becomes `~0`, `/` becomes `~1`. */
export const escapePointerSegment = (segment: string | number): string =>
  typeof segment === 'number'
    ? String(segment)
    : segment.indexOf('~') === -1 && segment.indexOf('/') === -1
      ? segment
      : segment.replace(/~/g, '~0').replace(/\//g, '~1')

export const toPointer = (path: ReadonlyArray<string | number>): string => {
  let out = ''
  for (const segment of path) out += '/' + escapePointerSegment(segment)
  return out
}

/** The rows `editDistance` works in, reused (and grown) from call to call. */
let rows: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(66),
  new Int32Array(66),
  new Int32Array(66)
]

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
export const editDistance = (a: string, b: string): number => {
  const n = a.length
  const m = b.length
  if (n === 0) return m
  if (m === 0) return n
  if (rows[0].length < m + 1)
    rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)]
  let [prevPrev, prev, cur] = rows
  for (let j = 0; j <= m; j++) prev[j] = j
  for (let i = 1; i <= n; i++) {
    cur[0] = i
    const ai = a.charCodeAt(i - 1)
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1)
      const cost = ai === bj ? 0 : 1
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, prevPrev[j - 2]! + 1)
      }
      cur[j] = v
    }
    const spare = prevPrev
    prevPrev = prev
    prev = cur
    cur = spare
  }
  return prev[m]!
}

const fold = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '')

/** A candidate list with each candidate's folded and lower-case forms, made once. */
interface Prepared {
  readonly raw: ReadonlyArray<string>
  readonly folded: ReadonlyArray<string>
  readonly lower: ReadonlyArray<string>
}

const prepare = (candidates: Iterable<string>): Prepared => {
  const raw = [...candidates]
  return { raw, folded: raw.map(fold), lower: raw.map((c) => c.toLowerCase()) }
}

/** Prepared lists, by the array or set they were made from (those lists never change). */
const preparedLists = new WeakMap<object, Prepared>()

const prepared = (candidates: Iterable<string>): Prepared => {
  if (!Array.isArray(candidates) && !(candidates instanceof Set)) return prepare(candidates)
  const known = preparedLists.get(candidates)
  if (known !== undefined) return known
  const made = prepare(candidates)
  preparedLists.set(candidates, made)
  return made
}

/**
 * The closest candidate, when it is close enough to be a plausible typo: the same word in
 * another case or with `_`/`-` instead of camelCase, or within an edit distance that grows
 * with the word's length. Ties go to the earlier candidate, so the answer is deterministic.
 * An array or set of candidates is prepared once and remembered: it must not change later.
 */
export const didYouMean = (input: string, candidates: Iterable<string>): string | undefined => {
  if (input.length > 64) return undefined
  const { raw, folded, lower } = prepared(candidates)
  const inputFolded = fold(input)
  const inputLower = input.toLowerCase()
  let best: string | undefined
  let bestScore = Infinity
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === input) continue
    if (folded[i] === inputFolded) return c
    const limit = Math.max(1, Math.min(3, Math.floor(Math.max(input.length, c.length) / 4)))
    const other = lower[i]!
    // The distance is at least the difference in length; only a closer candidate counts.
    if (Math.abs(inputLower.length - other.length) > Math.min(limit, bestScore - 1)) continue
    const d = editDistance(inputLower, other)
    if (d <= limit && d < bestScore) {
      best = c
      bestScore = d
    }
  }
  return best
}

/** The most characters of user input a message or hint quotes (docs/rules.md §2). */
export const MAX_QUOTED = 60

/** A string cut to MAX_QUOTED characters, the cut marked with `...`. */
export const cut = (s: string): string =>
  s.length > MAX_QUOTED ? s.slice(0, MAX_QUOTED - 3) + '...' : s

/** A string in double quotes, as JSON writes it, cut first (see `cut`). */
export const quote = (s: string): string => JSON.stringify(cut(s))

/** `1 call`, `2 calls`: a count and its noun, plural when it is not one. */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

/** A short, JSON-like rendering of a value for messages (strings quoted, long ones cut). */
export const describeValue = (u: unknown): string => {
  if (typeof u === 'string') return quote(u)
  if (typeof u === 'number') return Number.isFinite(u) ? String(u) : String(u)
  if (typeof u === 'bigint') return `the bigint ${cut(String(u))}`
  if (u === null) return 'null'
  if (u === undefined) return 'undefined'
  if (typeof u === 'boolean') return String(u)
  if (typeof u === 'function') return 'a function'
  if (typeof u === 'symbol') return 'a symbol'
  if (Array.isArray(u)) return 'an array'
  return 'an object'
}

/**
 * The hint for a boolean or number written as a string in the strict profile (`"45"`,
 * `"true"`, as Vonage's own snippets write them): the fix, and the profile that accepts it.
 */
export const unquoteHint = (u: string): string =>
  `write ${u.length > MAX_QUOTED ? 'the value' : u} without quotes; or validate with the lenient profile, which accepts it with a warning ({ profile: 'lenient' } in code, --profile lenient on the command line)`

/**
 * The hint for one item given where an array of such items is expected: a single object for
 * an array of objects (`"endpoint": { … }`), a single string for an array of strings.
 */
export const wrapInArrayHint = (u: unknown, items: 'objects' | 'strings'): string | undefined =>
  items === 'objects' && isPlainObject(u)
    ? 'wrap it in an array: [{ … }]'
    : items === 'strings' && typeof u === 'string'
      ? `use [${quote(u)}]`
      : undefined

/** The hint for a key that belongs in one of the object's nested objects (`dtmf`). */
export const moveIntoHint = (field: string, key: string): string =>
  `move it into ${quote(field)}: { ${quote(key)}: … }`

/** The JSON type of a value as a user would say it, for "expected X, got Y" messages. */
export const describeType = (u: unknown): string => {
  if (u === null) return 'null'
  if (isArray(u)) return 'an array'
  switch (typeof u) {
    case 'string':
      return `a string (${describeValue(u)})`
    case 'number':
      return Number.isFinite(u) ? `a number (${String(u)})` : `${String(u)} (not a JSON number)`
    case 'boolean':
      return `a boolean (${String(u)})`
    case 'undefined':
      return 'undefined (not a JSON value)'
    case 'bigint':
      return 'a bigint (not a JSON value)'
    case 'function':
      return 'a function (not a JSON value)'
    case 'symbol':
      return 'a symbol (not a JSON value)'
    default: {
      try {
        const proto = safePrototypeName(u)
        return proto === undefined ? 'an object' : `a ${proto} object (not plain JSON)`
      } catch {
        return 'an object that cannot be inspected (not plain JSON)'
      }
    }
  }
}

const safePrototypeName = (u: object): string | undefined => {
  const proto: unknown = Object.getPrototypeOf(u)
  if (proto === null || proto === Object.prototype) return undefined
  const ctor: unknown = (proto as { constructor?: unknown }).constructor
  return typeof ctor === 'function' && ctor.name !== '' ? cut(ctor.name) : 'non-plain'
}

/** A plain JSON object: not null, not an array, prototype `Object.prototype` or null. */
export const isPlainObject = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null || isArray(u)) return false
  try {
    const proto: unknown = Object.getPrototypeOf(u)
    return proto === Object.prototype || proto === null
  } catch {
    return false // a proxy whose getPrototypeOf trap throws is not plain JSON
  }
}

/** `Array.isArray`, false for a revoked proxy (where `Array.isArray` throws). */
export const isArray = (u: unknown): u is ReadonlyArray<unknown> => {
  try {
    return Array.isArray(u)
  } catch {
    return false
  }
}
