/**
 * A campaign's recipients file, read row by row with each row's line number: CSV with a
 * header row, or JSON lines. A row names who is called (`to` or `number`: a phone number, or
 * an endpoint object) and may carry fields for the template's `{{placeholders}}`;
 * `custom_data` is kept with the recipient for the report. Nothing here talks to Redis or
 * the network: a bad row is a finding with its line, never an exception.
 *
 * @since 0.3.0
 */
import { plural, quote } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One row: who is called and the values for the template's placeholders.
 *
 * @category model
 * @since 0.3.0
 */
export interface RecipientRow {
  /** The line of the file the row starts on (1-based). */
  readonly line: number
  /** A phone number (E.164 digits) or an endpoint object, as written. */
  readonly to: unknown
  /** The row's other fields: placeholder values and `custom_data`. */
  readonly fields: Readonly<Record<string, unknown>>
}

/**
 * A finding about the recipients file or the template. `line` is the row's line for a
 * recipient; absent for the template and for the file as a whole.
 *
 * @category model
 * @since 0.3.0
 */
export interface CampaignFinding {
  readonly code: string
  readonly severity: 'error' | 'warning'
  readonly message: string
  readonly line?: number
  /** JSON Pointer into the create-call request made for the row (or into the template). */
  readonly path?: string
  readonly hint?: string
}

/**
 * @category model
 * @since 0.3.0
 */
export type RecipientsFormat = 'csv' | 'jsonl'

/**
 * @category model
 * @since 0.3.0
 */
export interface ParsedRecipients {
  readonly rows: ReadonlyArray<RecipientRow>
  readonly findings: ReadonlyArray<CampaignFinding>
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The most rows one campaign takes (a larger list is several campaigns).
 *
 * @category constants
 * @since 0.3.0
 */
export const maxRecipients = 1_000_000

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const error = (line: number | undefined, code: string, message: string): CampaignFinding =>
  line === undefined
    ? { code, severity: 'error', message }
    : { code, severity: 'error', message, line }

/** The deepest a row's values may nest (an endpoint and custom_data need a few levels). */
const maxRowDepth = 32

/**
 * Whether a parsed value nests deeper than `max`, found without recursion (a hostile row
 * cannot overflow the stack).
 *
 * @category destructors
 * @since 0.3.0
 */
export const nestsDeeper = (value: unknown, max: number): boolean => {
  const stack: Array<readonly [unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (typeof item !== 'object' || item === null) continue
    if (depth >= max) return true
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return false
}

const tooDeep = (line: number, value: unknown): CampaignFinding | undefined =>
  nestsDeeper(value, maxRowDepth)
    ? error(line, 'recipients-too-deep', `This row nests more than ${maxRowDepth} levels deep.`)
    : undefined

/**
 * Codes of findings that make the whole file unusable: a campaign never starts with one of
 * them, `--skip-invalid` or not.
 *
 * @category constants
 * @since 0.3.0
 */
export const fileFindingCodes: ReadonlySet<string> = new Set([
  'recipients-empty',
  'recipients-no-to-column',
  'recipients-unclosed-quote',
  'too-many-recipients'
])

interface CsvRecord {
  readonly line: number
  readonly cells: ReadonlyArray<string>
}

/**
 * RFC 4180 records: quoted cells may hold commas, quotes (doubled) and line breaks; a line
 * ends with LF, CRLF or a lone CR. A quote inside an unquoted cell makes its row unreadable (a
 * finding) and reading goes on at the next line; a quote never closed makes the file unreadable.
 */
const csvRecords = (text: string): { records: CsvRecord[]; problems: CampaignFinding[] } => {
  const records: CsvRecord[] = []
  const problems: CampaignFinding[] = []
  let cells: string[] = []
  let cell = ''
  let line = 1
  let recordLine = 1
  let quoted = false
  let i = 0
  const endCell = (): void => {
    cells.push(cell)
    cell = ''
  }
  const endRecord = (): void => {
    endCell()
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells })
    cells = []
  }
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        quoted = false
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1
        cell += c
      }
      i += 1
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === '"') {
      problems.push(
        error(
          recordLine,
          'recipients-syntax',
          'A quote inside an unquoted cell; quote the whole cell ("…") and double the quotes in it.'
        )
      )
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i += 1
      if (text[i] === '\r' && text[i + 1] === '\n') i += 1
      cells = []
      cell = ''
      line += 1
      recordLine = line
    } else if (c === ',') endCell()
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1
      endRecord()
      line += 1
      recordLine = line
    } else cell += c
    i += 1
  }
  if (quoted) {
    problems.push(
      error(
        recordLine,
        'recipients-unclosed-quote',
        'A quoted cell is not closed: every line after this one would be part of it.'
      )
    )
    return { records, problems }
  }
  endRecord()
  return { records, problems }
}

const parseCsv = (text: string): ParsedRecipients => {
  const { records, problems } = csvRecords(text)
  const findings: CampaignFinding[] = [...problems]
  const [header, ...body] = records
  if (header === undefined || (body.length === 0 && problems.length === 0)) {
    return {
      rows: [],
      findings: [
        ...findings,
        error(undefined, 'recipients-empty', 'The recipients file has no rows.')
      ]
    }
  }
  const names = header.cells.map((name) => name.trim())
  const toColumn = names.findIndex((name) => name === 'to' || name === 'number')
  if (toColumn < 0) {
    return {
      rows: [],
      findings: [
        ...findings,
        error(
          header.line,
          'recipients-no-to-column',
          `The header row (${names.map(quote).join(', ')}) has no "number" or "to" column.`
        )
      ]
    }
  }
  const rows: RecipientRow[] = []
  for (const record of body) {
    if (rows.length > maxRecipients) break
    if (record.cells.length !== names.length) {
      findings.push(
        error(
          record.line,
          'recipients-columns',
          `This row has ${plural(record.cells.length, 'cell')}; the header has ${names.length}.`
        )
      )
      continue
    }
    const fields: Record<string, unknown> = {}
    names.forEach((name, column) => {
      if (column !== toColumn && name !== '') fields[name] = record.cells[column]
    })
    const raw = record.cells[toColumn]!.trim()
    const to = raw.startsWith('{') ? parseJsonCell(raw) : raw
    if (to instanceof Error) {
      findings.push(
        error(
          record.line,
          'recipients-syntax',
          `The "${names[toColumn]!}" cell starts with "{" but is not a JSON object: ${to.message}`
        )
      )
      continue
    }
    const data = fields['custom_data']
    if (typeof data === 'string' && data.trim().startsWith('{')) {
      const parsed = parseJsonCell(data.trim())
      if (!(parsed instanceof Error)) fields['custom_data'] = parsed
    }
    const deep = tooDeep(record.line, { to, fields })
    if (deep !== undefined) findings.push(deep)
    else rows.push({ line: record.line, to, fields })
  }
  return { rows, findings }
}

const parseJsonCell = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    return new Error(e instanceof Error ? e.message : String(e))
  }
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const parseJsonLines = (text: string): ParsedRecipients => {
  const rows: RecipientRow[] = []
  const findings: CampaignFinding[] = []
  const lines = text.split(/\r\n|\r|\n/)
  for (let index = 0; index < lines.length && rows.length <= maxRecipients; index += 1) {
    const content = lines[index]!
    const line = index + 1
    if (content.trim() === '') continue
    const value = parseJsonCell(content)
    if (value instanceof Error) {
      findings.push(error(line, 'recipients-syntax', `Not JSON: ${value.message}`))
      continue
    }
    const deep = tooDeep(line, value)
    if (deep !== undefined) {
      findings.push(deep)
      continue
    }
    if (typeof value === 'string' || typeof value === 'number') {
      rows.push({ line, to: value, fields: {} })
      continue
    }
    if (!isRecord(value)) {
      findings.push(
        error(
          line,
          'recipients-syntax',
          'A line must be a JSON object ({"to": …}) or a phone number.'
        )
      )
      continue
    }
    const key = 'to' in value ? 'to' : 'number' in value ? 'number' : undefined
    if (key === undefined) {
      findings.push(error(line, 'recipients-no-to', 'This row has no "to" (or "number").'))
      continue
    }
    const fields: Record<string, unknown> = {}
    for (const [name, field] of Object.entries(value)) if (name !== key) fields[name] = field
    rows.push({ line, to: value[key], fields })
  }
  if (rows.length === 0 && findings.length === 0) {
    findings.push(error(undefined, 'recipients-empty', 'The recipients file has no rows.'))
  }
  return { rows, findings }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The format a file name says: `.csv` is CSV, `.jsonl` / `.ndjson` / `.json` JSON lines.
 *
 * @category destructors
 * @since 0.3.0
 */
export const recipientsFormatOf = (fileName: string): RecipientsFormat | undefined => {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json'))
    return 'jsonl'
  return undefined
}

/**
 * Reads the rows of a recipients file. Syntax problems are findings with their line; rows
 * beyond `maxRecipients` are one finding.
 *
 * @category destructors
 * @since 0.3.0
 */
export const parseRecipients = (text: string, format: RecipientsFormat): ParsedRecipients => {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const parsed = format === 'csv' ? parseCsv(body) : parseJsonLines(body)
  const findings =
    parsed.rows.length > maxRecipients
      ? [
          ...parsed.findings,
          error(
            undefined,
            'too-many-recipients',
            `${parsed.rows.length} rows; one campaign takes at most ${maxRecipients}.`
          )
        ]
      : parsed.findings
  return { rows: parsed.rows.slice(0, maxRecipients), findings }
}
