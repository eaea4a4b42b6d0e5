import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { regions } from '../../src/sender/config.js'
import type { FailureKind } from '../../src/sender/failure.js'

const docs = readFileSync(new URL('../../docs/sender.md', import.meta.url), 'utf8')

/** Every kind, checked by the compiler: a new kind that is not listed here fails tsc. */
const kinds: Record<FailureKind, true> = {
  'invalid-request': true,
  'local-failure': true,
  unauthorized: true,
  forbidden: true,
  'rate-limited': true,
  rejected: true,
  'server-error': true,
  'outcome-unknown': true,
  network: true,
  'unexpected-response': true,
  'not-sent': true
}

describe('docs/sender.md agrees with the code', () => {
  it('has a row for every failure kind', () => {
    for (const kind of Object.keys(kinds))
      expect(docs).toMatch(new RegExp(`^\\| \`${kind}\` +\\|`, 'm'))
  })

  it('lists every region with its host', () => {
    for (const [region, host] of Object.entries(regions)) {
      expect(docs).toMatch(
        new RegExp(`^\\| \`${region}\` +\\| \`${host.replace(/\./g, '\\.')}\` +\\|`, 'm')
      )
    }
  })
})
