/**
 * docs/simulate.md agrees with the code: every transcript step type, request kind, end reason,
 * option and CLI flag has its row. The records below are checked by the compiler, so a new
 * one that is not listed here fails tsc, and one not documented fails here.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { simulateUsage } from '../../src/cli/simulate-command.js'
import type { IssueCode } from '../../src/issue.js'
import type { SimulateOptions } from '../../src/simulator/options.js'
import type {
  EndReason,
  RequestKind,
  RequestRoute,
  TranscriptStep
} from '../../src/simulator/transcript.js'

const docs = readFileSync(new URL('../../docs/simulate.md', import.meta.url), 'utf8')

const stepTypes: Record<TranscriptStep['type'], true> = {
  status: true,
  request: true,
  ncco: true,
  talk: true,
  stream: true,
  input: true,
  caller: true,
  record: true,
  wait: true,
  connect: true,
  conversation: true,
  notify: true,
  transfer: true,
  end: true
}

const reasons: Record<EndReason, true> = {
  'ncco-ended': true,
  'caller-hung-up': true,
  'length-timer': true,
  'hung-up-by-api': true,
  transferred: true,
  'conversation-ended': true,
  'machine-detected': true,
  'not-answered': true,
  'no-ncco': true,
  'too-many-actions': true,
  'not-started': true
}

const routes: Record<RequestRoute, true> = {
  answer: true,
  event: true,
  fallback: true,
  input: true,
  record: true,
  transcription: true,
  notify: true
}

const kinds: ReadonlyArray<RequestKind> = [
  'answer',
  'human',
  'machine',
  'input',
  'record',
  'transcription',
  'notify',
  'transfer',
  'error',
  'fallback',
  'call-placed'
]

const options: Record<keyof SimulateOptions, true> = {
  answerUrl: true,
  ncco: true,
  answerMethod: true,
  eventUrl: true,
  eventMethod: true,
  fallbackUrl: true,
  from: true,
  to: true,
  direction: true,
  script: true,
  signatureSecret: true,
  apiKey: true,
  applicationId: true,
  seed: true,
  ringingTimer: true,
  lengthTimer: true,
  machineDetection: true,
  advancedMachineDetection: true,
  callPlaced: true,
  ids: true,
  fetch: true,
  timeouts: true,
  now: true,
  startTime: true,
  maxReplyBytes: true
}

const simulatorCodes: ReadonlyArray<IssueCode> = [
  'invalid-caller-step',
  'invalid-simulate-option',
  'webhook-unreachable',
  'webhook-timeout',
  'webhook-status',
  'webhook-retried',
  'reply-not-json',
  'reply-too-large',
  'invalid-ncco',
  'caller-step-unused',
  'caller-step-ignored',
  'simulation-failed',
  'too-many-actions'
]

describe('docs/simulate.md agrees with the code', () => {
  it('has a row for every step type, end reason and route', () => {
    for (const type of Object.keys(stepTypes))
      expect(docs).toMatch(new RegExp(`^\\| \`${type}\` +\\|`, 'm'))
    for (const reason of Object.keys(reasons))
      expect(docs).toMatch(new RegExp(`^\\| \`${reason}\` +\\|`, 'm'))
    for (const route of Object.keys(routes)) expect(docs).toContain(`\`${route}\``)
    for (const kind of kinds) expect(docs).toContain(`\`${kind}\``)
  })

  it('lists every option', () => {
    for (const option of Object.keys(options))
      expect(docs).toMatch(new RegExp(`^\\| [^|]*\`${option}\``, 'm'))
  })

  it('lists every simulator finding code', () => {
    for (const code of simulatorCodes)
      expect(docs).toMatch(new RegExp(`^\\| \`${code}\` +\\|`, 'm'))
  })

  it('documents every flag of the help', () => {
    const flags = [...simulateUsage.matchAll(/^ {2}(-h, )?(--[a-z-]+)/gm)].map((m) => m[2]!)
    expect(flags.length).toBe(16)
    for (const flag of flags)
      expect(docs).toMatch(new RegExp(`^\\| \`(-h\`, \`)?${flag}[ \`]`, 'm'))
  })
})
