import * as E from 'fp-ts/lib/Either.js'
import type { Issue, Profile } from '../../src/index.js'
import { validateCallV1, validateCallV2, validateNcco } from '../../src/index.js'

export type Kind = 'ncco' | 'v1' | 'v2'

const validators = { ncco: validateNcco, v1: validateCallV1, v2: validateCallV2 } as const

/** All findings of a document, errors and warnings, whatever the outcome. */
export const findings = (kind: Kind, doc: unknown, profile: Profile = 'strict'): Issue[] => {
  const r = validators[kind](doc, { profile })
  return E.isLeft(r) ? [...r.left] : [...r.right.warnings]
}

/** `[code, path, severity]` of every finding, in order. */
export const brief = (
  kind: Kind,
  doc: unknown,
  profile: Profile = 'strict'
): Array<[string, string, string]> =>
  findings(kind, doc, profile).map((i) => [i.code, i.path, i.severity])

/** Valid, minimal documents to put a field under test into. */
export const minimal = {
  talk: { action: 'talk', text: 'Hello' },
  stream: { action: 'stream', streamUrl: ['https://example.com/a.mp3'] },
  record: { action: 'record' },
  conversation: { action: 'conversation', name: 'room' },
  connectPhone: {
    action: 'connect',
    endpoint: [{ type: 'phone', number: '447700900001' }]
  },
  input: { action: 'input', type: ['dtmf'] },
  notify: { action: 'notify', payload: {}, eventUrl: ['https://example.com/n'] },
  wait: { action: 'wait' },
  transfer: { action: 'transfer', conversationId: 'CON-1' },
  v1: {
    to: [{ type: 'phone', number: '447700900001' }],
    from: { type: 'phone', number: '447700900000' },
    ncco: [{ action: 'talk', text: 'Hello' }]
  },
  v2: {
    to: [{ type: 'phone', number: '447700900001' }],
    from: { type: 'phone', number: '447700900000' },
    ncco: [{ action: 'talk', text: 'Hello' }]
  }
} as const

export const withKey = <T extends object>(base: T, key: string, value: unknown): object => ({
  ...base,
  [key]: value
})
