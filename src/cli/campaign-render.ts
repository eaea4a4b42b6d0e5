/**
 * How `ncco campaign` prints: findings with the file and line they belong to, counts with a
 * progress bar, and the report as CSV or JSON lines. Everything printed that came from a file
 * or from Vonage goes through `printable` (no control characters reach the terminal).
 *
 * @since 0.3.0
 */
import type { CampaignFinding } from '../campaign/recipients.js'
import type { CampaignAttention, CampaignStatus, ReportLine } from '../campaign/queue.js'
import type { WorkerEvent } from '../campaign/worker.js'
import { printable } from './colour.js'

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * Findings printed before the rest are only counted.
 *
 * @category constants
 * @since 0.3.0
 */
export const maxPrintedFindings = 1000

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * One line per finding: `recipients.csv:12: error invalid-phone-number at /to/0/number: …`;
 * the template's findings name the request file.
 *
 * @category destructors
 * @since 0.3.0
 */
export const renderFindings = (
  findings: ReadonlyArray<CampaignFinding>,
  files: { readonly request: string; readonly recipients: string }
): string => {
  const shown = findings.slice(0, maxPrintedFindings).map((f) => {
    const where =
      f.line !== undefined
        ? `${files.recipients}:${f.line}`
        : f.code.startsWith('recipients-') || f.code === 'too-many-recipients'
          ? files.recipients
          : files.request
    const at = f.path === undefined || f.path === '' ? '' : ` at ${f.path}`
    const hint = f.hint === undefined ? '' : ` (hint: ${f.hint})`
    return printable(`${where}: ${f.severity} ${f.code}${at}: ${f.message}${hint}`)
  })
  const more = findings.length - shown.length
  return [...shown, ...(more > 0 ? [`… and ${more} more findings`] : [])]
    .map((l) => `${l}\n`)
    .join('')
}

const order: ReadonlyArray<readonly [keyof CampaignStatus['counts'], string]> = [
  ['queued', 'queued'],
  ['in-flight', 'in flight'],
  ['placed', 'placed'],
  ['rejected', 'rejected'],
  ['failed', 'failed (not sent)'],
  ['unknown', 'outcome unknown'],
  ['invalid', 'invalid']
]

/** Recipients with an outcome (everything but queued and in flight). */
export const doneCount = (status: CampaignStatus): number =>
  status.total - status.counts.queued - status.counts['in-flight']

/**
 * `[#########-----------]  45%  135/300`.
 *
 * @category destructors
 * @since 0.3.0
 */
export const progressBar = (status: CampaignStatus, width = 30): string => {
  const done = doneCount(status)
  const share = status.total === 0 ? 1 : done / status.total
  const filled = Math.round(share * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${done}/${status.total}`
}

/**
 * The counts, one outcome a line, and the progress bar.
 *
 * @category destructors
 * @since 0.3.0
 */
export const renderStatus = (status: CampaignStatus): string => {
  const width = Math.max(...order.map(([, label]) => label.length))
  const digits = String(status.total).length
  const lines = order.map(
    ([key, label]) => `  ${label.padEnd(width)}  ${String(status.counts[key]).padStart(digits)}`
  )
  return [
    `campaign ${status.campaign} (${status.api}): ${status.total} recipients${status.finished ? ', finished' : ''}`,
    ...lines,
    `  ${progressBar(status)}`
  ]
    .map((l) => `${l}\n`)
    .join('')
}

/**
 * What needs a person, after the counts: the recipients whose outcome is unknown and the
 * reasons for rejections. Empty when there are none.
 *
 * @category destructors
 * @since 0.3.0
 */
export const renderAttention = (status: CampaignStatus, attention: CampaignAttention): string => {
  const lines: string[] = []
  if (attention.unknown.length > 0) {
    lines.push(
      `outcome unknown (check your call records before calling them again; then 'ncco campaign retry --outcome unknown'):`
    )
    for (const u of attention.unknown)
      lines.push(`  line ${u.line} ${u.recipient}${u.reason === undefined ? '' : `: ${u.reason}`}`)
    const more = status.counts.unknown - attention.unknown.length
    if (more > 0) lines.push(`  … and ${more} more ('ncco campaign report' lists them all)`)
  }
  if (attention.rejected.length > 0) {
    lines.push('rejected by the Voice API:')
    for (const r of attention.rejected) lines.push(`  ${r.count} × ${r.reason}`)
  }
  return lines.map((l) => `${printable(l)}\n`).join('')
}

/**
 * The status as one JSON object.
 *
 * @category destructors
 * @since 0.3.0
 */
export const statusJson = (status: CampaignStatus): string =>
  `${JSON.stringify({
    campaign: status.campaign,
    api: status.api,
    total: status.total,
    finished: status.finished,
    counts: status.counts
  })}\n`

/**
 * A CSV cell: quoted when it holds a comma, a quote or a line break; control characters shown
 * as visible stand-ins (the report may be printed); and a cell a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@` first) prefixed with `'`, so that a name or a reason taken from a
 * file or from Vonage cannot compute anything when the report is opened.
 */
const csvCell = (value: unknown): string => {
  const raw = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  // eslint-disable-next-line no-control-regex
  const visible = raw.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) =>
    printable(c)
  )
  const text = /^[=+\-@]/.test(visible) ? `'${visible}` : visible
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The report: a header and one line per recipient (CSV), or one JSON object per line.
 *
 * @category destructors
 * @since 0.3.0
 */
export const renderReport = (lines: ReadonlyArray<ReportLine>, format: 'csv' | 'jsonl'): string => {
  if (format === 'jsonl') return lines.map((l) => `${JSON.stringify(l)}\n`).join('')
  const header = 'line,recipient,outcome,uuid,reason,attempts,custom_data\n'
  return (
    header +
    lines
      .map(
        (l) =>
          [l.line, l.recipient, l.outcome, l.uuid, l.reason, l.attempts, l.customData]
            .map((v) => csvCell(typeof v === 'number' ? String(v) : v))
            .join(',') + '\n'
      )
      .join('')
  )
}

/**
 * A worker's line for an event.
 *
 * @category destructors
 * @since 0.3.0
 */
export const renderEvent = (event: WorkerEvent): string => {
  if (event.type === 'error') return printable(`error ${event.message}`)
  const who = `${event.campaign} line ${event.line} ${event.recipient}`
  switch (event.type) {
    case 'sending':
      return printable(`sending ${who}`)
    case 'placed':
      return printable(`placed ${who}${event.uuid === undefined ? '' : ` uuid ${event.uuid}`}`)
    case 'retrying':
      return printable(`retrying ${who} in ${(event.delayMs / 1000).toFixed(1)} s: ${event.reason}`)
    case 'rejected':
    case 'unknown':
    case 'failed':
      return printable(
        `${event.type === 'unknown' ? 'outcome-unknown' : event.type} ${who}: ${event.reason ?? ''}`
      )
  }
}
