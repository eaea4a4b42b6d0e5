/**
 * A campaign's plan, made before anything is enqueued: the template (a v1 or v2 create-call
 * request without `to`, or with `{{placeholders}}`) is filled in for every row and each
 * request is validated as the sender would validate it. Every finding carries the row's line;
 * a finding the template causes is reported once, for the template. The plan names each
 * recipient by a digest of whom it calls, so the same person is one recipient however often
 * the list names them and however often the campaign is started.
 *
 * @since 0.3.0
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { Issue, Profile } from '../issue.js'
import type { ApiVersion } from '../sender/prepare.js'
import { quote } from '../internal/text.js'
import { validateCallV1, validateCallV2 } from '../validate.js'
import {
  fileFindingCodes,
  nestsDeeper,
  type CampaignFinding,
  type ParsedRecipients,
  type RecipientRow
} from './recipients.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One recipient, ready to be called.
 *
 * @category model
 * @since 0.3.0
 */
export interface PlannedRecipient {
  /** Stable for whom it calls: a digest of the request's `to`. */
  readonly id: string
  readonly line: number
  /** The create-call request for this recipient, validated. */
  readonly request: Readonly<Record<string, unknown>>
  /** Whom it calls, for reports: the number, or the endpoint's type and address. */
  readonly label: string
  readonly customData?: unknown
}

/**
 * @category model
 * @since 0.3.0
 */
export interface CampaignPlan {
  readonly api: ApiVersion
  /** Valid recipients, each once, in file order. */
  readonly recipients: ReadonlyArray<PlannedRecipient>
  /** Rows with an error (not planned), by line. */
  readonly invalid: ReadonlyArray<{
    readonly line: number
    readonly label: string
    readonly reason: string
  }>
  /** Every finding: the template's, the file's and the rows', errors and warnings. */
  readonly findings: ReadonlyArray<CampaignFinding>
  /** Whether a finding outside any row (the template, the file) is an error: never start then. */
  readonly blocked: boolean
}

/**
 * @category model
 * @since 0.3.0
 */
export interface PlanOptions {
  readonly api?: ApiVersion
  /** Validation profile of the requests (default `strict`). */
  readonly profile?: Profile
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** The deepest a template may nest (an NCCO needs about ten levels). */
const maxTemplateDepth = 64

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const pointer = (path: ReadonlyArray<string | number>): string =>
  path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')

interface Filled {
  readonly value: unknown
  /** Pointers of the strings that held a placeholder. */
  readonly touched: ReadonlyArray<string>
  readonly missing: ReadonlyArray<{ readonly name: string; readonly path: string }>
}

/** Replaces `{{name}}` in every string of the template with the row's values. */
const fill = (template: unknown, values: Readonly<Record<string, string>>): Filled => {
  const touched: string[] = []
  const missing: Array<{ name: string; path: string }> = []
  const walk = (value: unknown, path: Array<string | number>): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('{{')) return value
      const at = pointer(path)
      touched.push(at)
      return value.replace(PLACEHOLDER, (whole, name: string) => {
        const given = Object.hasOwn(values, name) ? values[name] : undefined
        if (given === undefined) {
          missing.push({ name, path: at })
          return whole
        }
        return given
      })
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]))
    if (isRecord(value)) {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) out[key] = walk(item, [...path, key])
      return out
    }
    return value
  }
  return { value: walk(template, []), touched, missing }
}

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** The request's `to` as an array of endpoints: a number is a phone endpoint. */
const endpointsOf = (to: unknown): unknown =>
  Array.isArray(to)
    ? to
    : isRecord(to)
      ? [to]
      : [
          {
            type: 'phone',
            number: typeof to === 'string' ? to.trim() : typeof to === 'number' ? String(to) : to
          }
        ]

/** The field that says whom an endpoint calls. */
const ADDRESS_KEYS = ['number', 'uri', 'user', 'extension', 'id'] as const

/** `type:address` of each endpoint (trimmed): whom a request calls, whatever else it sets. */
const addressesOf = (to: unknown): string[] =>
  (Array.isArray(to) ? to : [to]).map((endpoint: unknown) => {
    if (!isRecord(endpoint)) return canonical(endpoint)
    for (const key of ADDRESS_KEYS) {
      const address = endpoint[key]
      if (typeof address === 'string') return `${String(endpoint['type'])}:${address.trim()}`
    }
    return canonical(endpoint)
  })

const labelOf = (to: unknown): string => {
  const first: unknown = Array.isArray(to) ? to[0] : undefined
  if (!isRecord(first)) return canonical(to)
  for (const key of ADDRESS_KEYS) {
    const address = first[key]
    if (typeof address === 'string') {
      const type = String(first['type'])
      return type === 'phone' || address.startsWith(`${type}:`) ? address : `${type}:${address}`
    }
  }
  return canonical(first)
}

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined

const validatorOf = (api: ApiVersion) => (api === 'v2' ? validateCallV2 : validateCallV1)

const fromIssue = (issue: Issue, line?: number): CampaignFinding => ({
  code: issue.code,
  severity: issue.severity,
  message: issue.message,
  path: issue.path,
  ...(issue.hint === undefined ? {} : { hint: issue.hint }),
  ...(line === undefined ? {} : { line })
})

const ownedByRow = (path: string, touched: ReadonlyArray<string>): boolean =>
  path === '/to' ||
  path.startsWith('/to/') ||
  touched.some((at) => path === at || path.startsWith(`${at}/`))

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The recipient id for a request's `to`: made of whom its endpoints call (type and address),
 * so the same endpoints in any key order, or with other options, give the same id.
 *
 * @category constructors
 * @since 0.3.0
 */
export const recipientId = (to: unknown): string =>
  createHash('sha256')
    .update([...new Set(addressesOf(to))].sort().join('\n'))
    .digest('hex')
    .slice(0, 24)

/**
 * Fills the template for every row and validates each request.
 *
 * @category constructors
 * @since 0.3.0
 */
export const planCampaign = (
  template: unknown,
  parsed: ParsedRecipients,
  options: PlanOptions = {}
): CampaignPlan => {
  const api = options.api ?? 'v1'
  const validate = validatorOf(api)
  const profile = options.profile ?? 'strict'
  const findings: CampaignFinding[] = [...parsed.findings]
  const templateSeen = new Set<string>()
  const recipients: PlannedRecipient[] = []
  const invalid: Array<{ line: number; label: string; reason: string }> = []
  const firstLine = new Map<string, number>()
  const addressLine = new Map<string, number>()

  if (!isRecord(template)) {
    findings.push({
      code: 'template-not-object',
      severity: 'error',
      message: 'The template must be a create-call request: a JSON object.'
    })
    return { api, recipients, invalid, findings, blocked: true }
  }
  if (nestsDeeper(template, maxTemplateDepth)) {
    findings.push({
      code: 'template-too-deep',
      severity: 'error',
      message: `The template nests more than ${maxTemplateDepth} levels deep.`
    })
    return { api, recipients, invalid, findings, blocked: true }
  }
  const templateTo = template['to']
  // A "to" in the template must take whom it calls from the row: a placeholder in each
  // endpoint's address (a placeholder elsewhere, in dtmfAnswer say, would call one number).
  if (templateTo !== undefined && !addressesOf(templateTo).every((a) => a.includes('{{'))) {
    findings.push({
      code: 'template-has-to',
      severity: 'error',
      path: '/to',
      message: 'The template has a fixed "to": every recipient would be called at the same number.',
      hint: 'remove "to" (each row gives it), or write a placeholder such as "{{number}}"'
    })
    return { api, recipients, invalid, findings, blocked: true }
  }

  for (const row of parsed.rows) {
    const made = requestFor(template, row)
    const label = labelOf(made.to)
    const rowErrors: CampaignFinding[] = []
    for (const m of made.missing) {
      rowErrors.push({
        code: 'missing-field',
        severity: 'error',
        line: row.line,
        path: m.path,
        message: `The template's {{${m.name}}} has no value in this row.`,
        hint: `add a "${m.name}" column (or key) to the recipients file`
      })
    }
    const result = validate(made.request, { profile })
    const issues = E.isLeft(result) ? result.left : result.right.warnings
    for (const issue of issues) {
      if (ownedByRow(issue.path, made.touched)) {
        ;(issue.severity === 'error' ? rowErrors : findings).push(fromIssue(issue, row.line))
      } else {
        const key = `${issue.code} ${issue.path} ${issue.message}`
        if (!templateSeen.has(key)) {
          templateSeen.add(key)
          findings.push(fromIssue(issue))
        }
      }
    }
    const templateError =
      E.isLeft(result) &&
      result.left.some((i) => i.severity === 'error' && !ownedByRow(i.path, made.touched))
    if (rowErrors.length > 0) {
      findings.push(...rowErrors)
      invalid.push({ line: row.line, label, reason: rowErrors[0]!.message })
      continue
    }
    if (templateError) continue
    const id = recipientId(made.to)
    // The same person, alone or next to another endpoint, is called once.
    const seen =
      firstLine.get(id) ??
      addressesOf(made.to)
        .map((a) => addressLine.get(a))
        .find((l) => l !== undefined)
    if (seen !== undefined) {
      findings.push({
        code: 'duplicate-recipient',
        severity: 'warning',
        line: row.line,
        message: `The same recipient as on line ${seen} (${quote(label)}); it is called once.`
      })
      continue
    }
    firstLine.set(id, row.line)
    for (const address of addressesOf(made.to)) addressLine.set(address, row.line)
    const customData = row.fields['custom_data']
    recipients.push({
      id,
      line: row.line,
      request: made.request,
      label,
      ...(customData === undefined ? {} : { customData })
    })
  }
  // Rows the file itself could not give (a wrong cell count, bad JSON) are invalid rows too.
  for (const f of parsed.findings) {
    if (f.severity === 'error' && f.line !== undefined && !fileFindingCodes.has(f.code))
      invalid.push({ line: f.line, label: '(unreadable row)', reason: f.message })
  }
  invalid.sort((a, b) => a.line - b.line)
  // File order: the findings about the whole file or the template first, then by line.
  const ordered = findings
    .map((f, i) => [f, i] as const)
    .sort(([a, i], [b, j]) => (a.line ?? 0) - (b.line ?? 0) || i - j)
    .map(([f]) => f)
  const blocked = ordered.some(
    (f) => f.severity === 'error' && (f.line === undefined || fileFindingCodes.has(f.code))
  )
  return { api, recipients, invalid, findings: ordered, blocked }
}

const requestFor = (
  template: Readonly<Record<string, unknown>>,
  row: RecipientRow
): {
  request: Readonly<Record<string, unknown>>
  to: unknown
  touched: ReadonlyArray<string>
  missing: Filled['missing']
} => {
  const to = endpointsOf(row.to)
  const first: unknown = Array.isArray(to) ? to[0] : undefined
  const values: Record<string, string> = {}
  for (const [name, value] of Object.entries(row.fields)) {
    const text = textOf(value)
    if (text !== undefined) values[name] = text
  }
  const number = isRecord(first) ? textOf(first['number']) : undefined
  if (number !== undefined) {
    values['number'] ??= number
    values['to'] ??= number
  }
  const filled = fill(template, values)
  const request = { ...(filled.value as Record<string, unknown>) }
  if (template['to'] === undefined) request['to'] = to
  return { request, to: request['to'], touched: filled.touched, missing: filled.missing }
}
