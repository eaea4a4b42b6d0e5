/**
 * Places a finding in the file: which character a JSON Pointer designates, and the hint for
 * YAML's 1.2 reading of `yes`, `on` and friends as strings.
 *
 * @since 0.1.0
 */
import type { Issue, IssueCode } from '../issue.js'
import { lookupPointer, parentPointer } from './source-map.js'
import type { SourceNode } from './source-map.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** Findings about a key that is there, shown at the key rather than at its value. */
const keyFindings: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'unknown-key',
  'non-canonical-key',
  'conflicting-spellings',
  'duplicate-key'
])

/** Findings about a value's type or value, where a YAML 1.1 boolean word may be the cause. */
const typeFindings: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'invalid-type',
  'stringly-scalar',
  'invalid-enum'
])

/** The words YAML 1.1 read as booleans and YAML 1.2 reads as strings. */
const yaml11Booleans = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The offset a finding is shown at:
 * - a missing key: the object that should hold it (its `{`, or a YAML mapping's first key);
 * - an unknown, non-canonical, conflicting or duplicate key: the key;
 * - anything else: the value.
 *
 * A path that does not exist in the document falls back to its nearest existing ancestor.
 *
 * @category destructors
 * @since 0.1.0
 */
export const offsetOf = (issue: Issue, root: SourceNode): number =>
  offsetWith(issue, (pointer) => {
    const { node, exact } = lookupPointer(root, pointer)
    return { offset: node.offset, keyOffset: node.keyOffset, exact }
  })

/**
 * `offsetOf`, with the pointers followed by `lookup` (through a position tree, or through the
 * text itself: `lookupPointerInText`).
 *
 * @category destructors
 * @since 0.2.0
 */
export const offsetWith = (
  issue: Issue,
  lookup: (pointer: string) => {
    readonly offset: number
    readonly keyOffset: number | undefined
    readonly exact: boolean
  }
): number => {
  if (issue.code === 'missing-required') return lookup(parentPointer(issue.path)).offset
  const { offset, keyOffset, exact } = lookup(issue.path)
  return keyFindings.has(issue.code) && exact && keyOffset !== undefined ? keyOffset : offset
}

/**
 * The hint for a type finding on an unquoted YAML `yes`/`no`/`on`/`off`/`y`/`n`, which YAML 1.2
 * (unlike 1.1) reads as a string.
 *
 * @category destructors
 * @since 0.1.0
 */
export const yamlBooleanHint = (issue: Issue, root: SourceNode): string | undefined => {
  if (!typeFindings.has(issue.code)) return undefined
  const { node, exact } = lookupPointer(root, issue.path)
  const word = node.plainScalar
  return exact && word !== undefined && yaml11Booleans.test(word)
    ? `YAML 1.2 reads the unquoted ${word} as the string "${word}", not a boolean: write true or false.`
    : undefined
}

/** A type finding that asked for a string (or one of some strings). */
const wantedString = (issue: Issue): boolean =>
  issue.code === 'invalid-type' && /^Expected (?:a string|one of ")/.test(issue.message)

/**
 * Every hint the YAML source can add to a finding: a YAML 1.1 boolean word
 * (`yamlBooleanHint`); an unquoted number where a string is wanted (`number: 447700900001`,
 * `endOnKey: 1`), to be quoted; an empty value before a `#` (`endOnKey: #`), which YAML reads
 * as a comment.
 *
 * @category destructors
 * @since 0.2.0
 */
export const yamlScalarHint = (issue: Issue, root: SourceNode): string | undefined => {
  const boolean = yamlBooleanHint(issue, root)
  if (boolean !== undefined || issue.code !== 'invalid-type') return boolean
  const { node, exact } = lookupPointer(root, issue.path)
  if (!exact) return undefined
  if (node.plainNumber !== undefined && wantedString(issue)) {
    return `YAML reads the unquoted ${node.plainNumber} as a number: quote it, "${node.plainNumber}", to give a string.`
  }
  return node.emptyBeforeComment === true
    ? 'In YAML a # after a space starts a comment, so this value is empty (null): write "#" in quotes when # is the value.'
    : undefined
}
