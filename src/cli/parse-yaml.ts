/**
 * A YAML reader on top of the `yaml` package (YAML 1.2, core schema): the value as
 * `yaml` builds it, plus the positions, duplicate keys and syntax errors the CLI reports.
 *
 * Decisions:
 * - A file holds one document. A second document (after `---`) is a parse error at its start,
 *   and the file is not validated: which of the documents was meant is a guess we do not make.
 * - Duplicate keys are findings (`yaml` would stop at the first); the last one wins, as in JSON.
 * - Nesting is checked on the concrete syntax tree, which `yaml` builds without recursion, before
 *   the recursive composer runs: deep input is a parse error, never a stack overflow.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { Composer, Lexer, Parser, isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml'
import type { CST, Document, Node as YamlNode } from 'yaml'
import { maxNestingDepth, syntaxFailure } from './parsed-document.js'
import type {
  DuplicateKey,
  ParseFailure,
  ParsedDocument,
  SyntaxProblem
} from './parsed-document.js'
import { appendToPointer } from './source-map.js'
import type { SourceNode } from './source-map.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** The offset of the first token nested deeper than `maxNestingDepth`, if any. */
const findTooDeep = (tokens: ReadonlyArray<CST.Token>): number | undefined => {
  const work: Array<readonly [CST.Token, number]> = tokens.map((t) => [t, 0] as const)
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const [token, depth] = item
    if (token.type === 'document') {
      if (token.value !== undefined) work.push([token.value, depth])
    } else if (
      token.type === 'block-map' ||
      token.type === 'block-seq' ||
      token.type === 'flow-collection'
    ) {
      if (depth >= maxNestingDepth) return token.offset
      for (const entry of token.items) {
        if (entry.key !== undefined && entry.key !== null) work.push([entry.key, depth + 1])
        if (entry.value !== undefined) work.push([entry.value, depth + 1])
      }
    }
  }
  return undefined
}

/**
 * A first, cheap look at the nesting, for input that `yaml`'s parser would take seconds and
 * hundreds of megabytes to build a tree of (a million `[`): the offset of a token that is
 * certainly nested more than `maxNestingDepth` levels deep, if the lexer's tokens show one.
 * What it counts is a lower bound of the depth, never more: flow collections still open
 * (the lexer emits `[` and `{` only where they open one), plus the block sequences opened
 * on the current line (`- - - x`). Where it finds nothing, the exact check on the tree runs.
 */
const certainlyTooDeep = (text: string): number | undefined => {
  let offset = 0
  let flow = 0
  let dashes = 0
  let scalar = false
  for (const token of new Lexer().lex(text)) {
    if (scalar) {
      // A scalar's text, which may be anything: `[`, `-`, line breaks.
      scalar = false
      if (/[\n\r]/.test(token)) dashes = 0
    } else if (token === '\x1f') scalar = true
    else if (token === '[' || token === '{') flow++
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1)
    else if (token === '-') dashes += flow === 0 ? 1 : 0
    // A document starts, or a flow collection was cut short by the indentation.
    else if (token === '\x02' || token === '\x18') flow = 0
    else if (/[\n\r]/.test(token)) dashes = 0
    if (flow + dashes > maxNestingDepth) return offset
    // The lexer's control tokens (document, scalar, flow end) hold no text of the input.
    if (token !== '\x02' && token !== '\x18' && token !== '\x1f') offset += token.length
  }
  return undefined
}

/** `yaml`'s messages start with a capital and may end with a full stop; ours complete a sentence. */
const asReason = (message: string): string => {
  const trimmed = message.replace(/\.$/, '')
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0]?.toLowerCase() + trimmed.slice(1) : trimmed
}

/** The key `yaml`'s `toJS` gives a scalar key in a plain object; undefined for other keys. */
const keyString = (key: unknown): string | undefined => {
  if (!isScalar(key)) return undefined
  const value = key.value
  if (value === null) return ''
  return typeof value === 'object' || typeof value === 'function' ? undefined : String(value)
}

const startOf = (node: YamlNode): number => node.range?.[0] ?? 0

interface Task {
  readonly node: YamlNode
  readonly pointer: string
  /** Where to put the SourceNode built for `node`. */
  readonly attach: (source: SourceNode) => void
}

/** Builds the position tree and finds duplicate keys, without recursion and without following aliases. */
const mapSource = (
  contents: YamlNode,
  text: string
): { readonly source: SourceNode; readonly duplicateKeys: ReadonlyArray<DuplicateKey> } => {
  const duplicateKeys: DuplicateKey[] = []
  let root: SourceNode = { offset: startOf(contents) }
  const work: Task[] = [{ node: contents, pointer: '', attach: (s) => (root = s) }]
  for (let task = work.pop(); task !== undefined; task = work.pop()) {
    const { node, pointer, attach } = task
    if (isMap(node)) {
      const members = new Map<string, SourceNode>()
      attach({ offset: startOf(node), members })
      // The last of duplicate keys wins, as in the value `toJS` builds.
      const last = new Map<string, { readonly keyOffset: number; readonly value: unknown }>()
      for (const pair of node.items) {
        const key = keyString(pair.key)
        if (key === undefined || !isScalar(pair.key)) continue
        const keyOffset = startOf(pair.key)
        if (last.has(key))
          duplicateKeys.push({ path: appendToPointer(pointer, key), key, keyOffset })
        last.set(key, { keyOffset, value: pair.value })
      }
      for (const [key, { keyOffset, value }] of last) {
        if (isScalar(value) || isMap(value) || isSeq(value) || isAlias(value)) {
          work.push({
            node: value,
            pointer: appendToPointer(pointer, key),
            attach: (s) => members.set(key, { ...s, keyOffset })
          })
        } else {
          // `key:` with nothing after it: the value is null, and the key is its best position.
          members.set(key, { offset: keyOffset, keyOffset })
        }
      }
    } else if (isSeq(node)) {
      const elements: SourceNode[] = []
      attach({ offset: startOf(node), elements })
      node.items.forEach((item, index) => {
        const slot = elements.length
        elements.push({ offset: startOf(node) })
        if (isScalar(item) || isMap(item) || isSeq(item) || isAlias(item)) {
          work.push({
            node: item,
            pointer: appendToPointer(pointer, index),
            attach: (s) => (elements[slot] = s)
          })
        }
      })
    } else if (isScalar(node) && node.type === Scalar.PLAIN && typeof node.value === 'string') {
      attach({ offset: startOf(node), plainScalar: node.value })
    } else if (isScalar(node) && node.type === Scalar.PLAIN && typeof node.value === 'number') {
      attach({ offset: startOf(node), plainNumber: node.source ?? String(node.value) })
    } else if (
      isScalar(node) &&
      node.value === null &&
      (node.source ?? '') === '' &&
      /^[ \t]*#/y.test(text.slice(startOf(node), startOf(node) + 200))
    ) {
      attach({ offset: startOf(node), emptyBeforeComment: true })
    } else {
      attach({ offset: startOf(node) })
    }
  }
  return { source: root, duplicateKeys }
}

const compose = (text: string): E.Either<ParseFailure, ParsedDocument> => {
  const certain = certainlyTooDeep(text)
  // Only the text up to the first token certainly too deep is parsed, which places the
  // finding exactly (the first collection too deep), at the cost of a normal file.
  const tokens = Array.from(
    new Parser().parse(certain === undefined ? text : text.slice(0, certain + 1))
  )
  const tooDeep = findTooDeep(tokens) ?? certain
  if (tooDeep !== undefined) {
    return E.left(
      syntaxFailure([
        {
          offset: tooDeep,
          reason: `collections are nested more than ${maxNestingDepth} levels deep`
        }
      ])
    )
  }
  const documents: ReadonlyArray<Document.Parsed> = Array.from(
    new Composer({ uniqueKeys: false, logLevel: 'silent' }).compose(tokens, true, text.length)
  )
  const problems: SyntaxProblem[] = documents.flatMap((d) =>
    d.errors.map((e) => ({ offset: e.pos[0], reason: asReason(e.message) }))
  )
  const second = documents[1]
  if (second !== undefined) {
    problems.push({
      offset: second.range[0],
      reason: `the file holds ${documents.length} documents; put each NCCO or request in a file of its own`
    })
  }
  const first = documents[0]
  if (problems.length > 0 || first === undefined) return E.left(syntaxFailure(problems))
  const contents = first.contents
  if (contents === null) return E.left({ _tag: 'NoContent' })
  const value: unknown = first.toJS({ maxAliasCount: 100 })
  return E.right({ value, ...mapSource(contents, text) })
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Parses YAML text (byte order mark already removed). Never throws: what `yaml` throws (too many
 * aliases, a stack overflow it did not catch) is a parse error at the start of the file.
 *
 * @category destructors
 * @since 0.1.0
 */
export const parseYaml = (text: string): E.Either<ParseFailure, ParsedDocument> => {
  try {
    return compose(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return E.left(syntaxFailure([{ offset: 0, reason: asReason(message) }]))
  }
}
