/**
 * The two ways a transcript is printed: `pretty`, one line per moment of the call as a
 * person would follow it, and `json`, the transcript itself. Both are pure functions of the
 * transcript (latencies included, so tests replace them before pinning the output).
 *
 * @since 0.2.0
 */
import { ansiPalette, plainPalette, printable } from '../cli/colour.js'
import type { Palette } from '../cli/colour.js'
import type { Issue } from '../issue.js'
import { nccoSourceLabels } from './transcript.js'
import type { CallTranscript, EndReason, TranscriptStep } from './transcript.js'

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const endReasons: Readonly<Record<EndReason, string>> = {
  'ncco-ended': 'the NCCO ran to its end',
  'caller-hung-up': 'the caller hung up',
  'length-timer': 'length_timer was reached',
  'hung-up-by-api': 'it was hung up through the API',
  transferred: 'it was transferred to another conversation',
  'conversation-ended': 'the caller left the conversation',
  'machine-detected': 'machine detection found a machine',
  'not-answered': 'it was not answered',
  'no-ncco': 'there was no NCCO to run',
  'too-many-actions': 'it ran too many actions',
  'not-started': 'the options are unusable'
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

const time = (seconds: number): string => `${seconds.toFixed(2)}s`.padStart(9)

const shortId = (id: string): string => (id.length > 8 ? `${id.slice(0, 8)}…` : id)

/** The actions of an NCCO, by name: `talk, input`. */
const actionNames = (ncco: unknown): string =>
  Array.isArray(ncco)
    ? ncco
        .map((a: unknown) =>
          typeof a === 'object' &&
          a !== null &&
          typeof (a as Record<string, unknown>)['action'] === 'string'
            ? String((a as Record<string, unknown>)['action'])
            : '?'
        )
        .join(', ')
    : 'not an array'

const plays = (loop: number, bargeIn: boolean, duration: number, interrupted: boolean): string => {
  const notes: string[] = []
  if (loop === 0) notes.push('loops until stopped')
  else if (loop > 1) notes.push(`${loop} times`)
  if (bargeIn) notes.push('barge-in')
  if (interrupted) notes.push(`stopped after ${duration.toFixed(2)} s`)
  return notes.length === 0 ? '' : ` (${notes.join(', ')})`
}

const field = (u: unknown, key: string): unknown =>
  typeof u === 'object' && u !== null ? (u as Record<string, unknown>)[key] : undefined

/** JSON text (an input result sent by GET) or the object itself. */
const objectOf = (u: unknown): unknown => {
  if (typeof u !== 'string') return u
  try {
    return JSON.parse(u) as unknown
  } catch {
    return undefined
  }
}

/** What an input result says, in a few words: `dtmf "1"`, `speech "support"`, `timed out`. */
const inputSummary = (payload: Readonly<Record<string, unknown>>): string => {
  const dtmf = objectOf(payload['dtmf'])
  const speech = objectOf(payload['speech'])
  const digits = field(dtmf, 'digits')
  const results = field(speech, 'results')
  const best = Array.isArray(results) ? field(results[0], 'text') : undefined
  if (typeof digits === 'string' && digits !== '') {
    return ` (dtmf ${JSON.stringify(cut(digits, 40))})`
  }
  if (typeof best === 'string') return ` (speech ${JSON.stringify(cut(best, 60))})`
  const reason = field(speech, 'timeout_reason')
  return typeof reason === 'string' ? ` (nothing: ${reason})` : ' (nothing: timed out)'
}

const stepLine = (
  step: TranscriptStep,
  transcript: CallTranscript,
  p: Palette
): string | undefined => {
  switch (step.type) {
    case 'status':
      return step.leg === undefined
        ? `call ${step.status}${step.subState === undefined ? '' : ` (${step.subState})`}`
        : `leg ${shortId(step.leg)} ${step.status}`
    case 'request': {
      const r = transcript.requests[step.request]
      if (r === undefined) return undefined
      const where = r.method === 'GET' ? (r.url.split('?')[0] ?? r.url) : r.url
      const outcome =
        r.result === 'ok'
          ? p.green(String(r.status ?? ''))
          : p.red(
              r.result === 'status'
                ? String(r.status ?? '')
                : r.result === 'too-large'
                  ? 'reply too large'
                  : r.result
            )
      const retry = r.attempt > 1 ? ' (retry)' : ''
      return (
        p.cyan(`  → ${r.method} ${printable(cut(where, 100))}`) +
        `  ${r.kind}${r.kind === 'input' ? printable(inputSummary(r.payload)) : ''}  ${outcome}  ${r.latencyMs} ms${retry}`
      )
    }
    case 'ncco':
      return step.valid
        ? `NCCO from ${nccoSourceLabels[step.source]}: ${actionNames(step.ncco)}`
        : p.red(`invalid NCCO from ${nccoSourceLabels[step.source]}, not run`)
    case 'talk':
      return (
        `${p.bold('caller hears')} ${printable(JSON.stringify(cut(step.text, 200)))}` +
        plays(step.loop, step.bargeIn, step.duration, step.interrupted)
      )
    case 'stream':
      return (
        `${p.bold('caller hears')} the audio at ${printable(cut(step.url, 100))}` +
        plays(step.loop, step.bargeIn, step.duration, step.interrupted)
      )
    case 'input':
      return `input listens for ${step.input.join(' and ')}`
    case 'caller': {
      const what =
        step.action === 'dtmf'
          ? `presses ${printable(step.digits ?? '')}`
          : step.action === 'speech'
            ? `says ${printable(JSON.stringify(cut(step.text ?? '', 200)))} (confidence ${step.confidence ?? ''})`
            : step.action === 'silence'
              ? 'stays silent'
              : 'hangs up'
      return p.yellow(`caller ${what}`) + (step.ignored === true ? ' (no effect)' : '')
    }
    case 'record':
      return step.event === 'start'
        ? `recording starts (${step.mode === 'background' ? 'in the background' : 'until the caller stops'})`
        : 'recording stops'
    case 'wait':
      return `wait ${step.seconds} s`
    case 'connect':
      return `connect ${step.endpoint} ${printable(cut(step.address, 80))}: ${step.outcome} (leg ${shortId(step.leg)})`
    case 'conversation':
      return `caller joins the conversation ${printable(JSON.stringify(cut(step.name, 80)))}`
    case 'notify':
      return 'notify'
    case 'transfer':
      return `transfer to the conversation ${printable(JSON.stringify(cut(step.conversationId, 80)))}`
    case 'end':
      return p.bold(`call ended: ${endReasons[step.reason]}`)
  }
}

const findingLine = (issue: Issue, p: Palette): string => {
  const paint = issue.severity === 'error' ? p.red : p.yellow
  return (
    `${paint(issue.severity)} ${p.dim(issue.code)} at ${issue.path === '' ? '(root)' : printable(issue.path)}: ` +
    printable(issue.message) +
    (issue.hint === undefined ? '' : ` (hint: ${printable(issue.hint)})`)
  )
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The call as a person would follow it: a heading, one line per moment with its virtual
 * time, the findings, and a summary line.
 *
 * @example
 * import { renderPretty, simulateCall } from 'ncco-kit'
 *
 * const transcript = await simulateCall({ ncco: [{ action: 'talk', text: 'Hello' }], seed: 1 })
 * const lines = renderPretty(transcript, { colour: false }).split('\n')
 * assert.ok(lines.includes('    0.00s  caller hears "Hello"'))
 * assert.strictEqual(
 *   lines.at(-2),
 *   '✔ The call ran to its end (completed, the NCCO ran to its end) after 0.35 s.'
 * )
 *
 * @category destructors
 * @since 0.2.0
 */
export const renderPretty = (
  transcript: CallTranscript,
  options: { readonly colour: boolean }
): string => {
  const p = options.colour ? ansiPalette : plainPalette
  const c = transcript.call
  const lines: string[] = [
    p.bold(
      `Simulated ${c.direction} call from ${printable(c.from)} to ${printable(c.to)}` +
        ` (uuid ${c.uuid}, conversation ${c.conversation_uuid})`
    )
  ]
  for (const step of transcript.steps) {
    const line = stepLine(step, transcript, p)
    if (line !== undefined) lines.push(`${p.dim(time(step.time))}  ${line}`)
  }
  const errors = transcript.findings.filter((f) => f.severity === 'error').length
  const warnings = transcript.findings.length - errors
  if (transcript.findings.length > 0) {
    lines.push('')
    for (const issue of transcript.findings) lines.push(findingLine(issue, p))
  }
  lines.push('')
  const o = transcript.outcome
  lines.push(
    transcript.ok
      ? p.green(
          `✔ The call ran to its end (${o.status}, ${endReasons[o.reason]}) after ${o.endTime} s` +
            (warnings > 0 ? `, with ${count(warnings, 'warning')}.` : '.')
        )
      : p.red(
          `✖ ${count(errors, 'error')} and ${count(warnings, 'warning')}; the call ended (${o.status}) after ${o.endTime} s because ${endReasons[o.reason]}.`
        )
  )
  return lines.join('\n') + '\n'
}

/**
 * The transcript as one JSON object, followed by a new line.
 *
 * @category destructors
 * @since 0.2.0
 */
export const renderJson = (transcript: CallTranscript): string =>
  `${JSON.stringify(transcript, null, 2)}\n`
