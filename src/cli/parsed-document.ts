/**
 * What the JSON and YAML readers produce: the value, where its parts came from, and the
 * problems a plain `JSON.parse` would hide (duplicate keys) or throw on (syntax errors).
 *
 * @since 0.1.0
 */
import type { SourceNode } from './source-map.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A key that appears more than once in one object. The value keeps the last one, as
 * `JSON.parse` does; `path` points at it and `keyOffset` at the repeated key.
 *
 * @category model
 * @since 0.1.0
 */
export interface DuplicateKey {
  readonly path: string
  readonly key: string
  readonly keyOffset: number
}

/**
 * @category model
 * @since 0.1.0
 */
export interface ParsedDocument {
  readonly value: unknown
  readonly source: SourceNode
  readonly duplicateKeys: ReadonlyArray<DuplicateKey>
}

/**
 * `reason` completes the sentence "Invalid JSON: …" (no final full stop); `offset` is where
 * the problem is, which may be the end of the text.
 *
 * @category model
 * @since 0.1.0
 */
export interface SyntaxProblem {
  readonly offset: number
  readonly reason: string
}

/**
 * Why a text gave no document: syntax problems, or (YAML) a stream with nothing in it but
 * comments and markers.
 *
 * @category model
 * @since 0.1.0
 */
export type ParseFailure =
  | { readonly _tag: 'Syntax'; readonly problems: ReadonlyArray<SyntaxProblem> }
  | { readonly _tag: 'NoContent' }

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * How deeply arrays and objects may nest in a file. No NCCO or request comes near it; the cap
 * keeps hostile input from exhausting the stack of recursive code downstream (the `yaml`
 * composer, the validator): such input is a parse error, not a crash.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxNestingDepth = 256

/**
 * @category constructors
 * @since 0.1.0
 */
export const syntaxFailure = (problems: ReadonlyArray<SyntaxProblem>): ParseFailure => ({
  _tag: 'Syntax',
  problems
})
