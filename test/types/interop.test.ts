/**
 * docs/interop.md shows the interop example as it is (so the type test that compiles the
 * example also checks the page), and the values the SDK takes stay frozen at run time.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { menu, reminder } from '../../examples/interop/with-the-sdk.js'

const EXAMPLE = 'examples/interop/with-the-sdk.ts'

/** The first TypeScript code block of a Markdown page. */
const firstCodeBlock = (markdown: string): string | undefined =>
  /^```ts\n([\s\S]*?)^```$/m.exec(markdown)?.[1]

/** Whether every array and object reachable from `u` is frozen. */
const deeplyFrozen = (u: unknown): boolean =>
  typeof u !== 'object' ||
  u === null ||
  (Object.isFrozen(u) && Object.values(u).every(deeplyFrozen))

describe('docs/interop.md', () => {
  it('shows the example file, importing ncco-kit by its package name', () => {
    const example = readFileSync(EXAMPLE, 'utf8')
    expect(example).toContain("from '../../src/index.js'")
    expect(firstCodeBlock(readFileSync('docs/interop.md', 'utf8'))).toBe(
      example.replace("from '../../src/index.js'", "from 'ncco-kit'")
    )
  })
})

describe('the values handed to the SDK', () => {
  it('are frozen all the way down', () => {
    expect(deeplyFrozen(menu)).toBe(true)
    expect(deeplyFrozen(reminder)).toBe(true)
    expect(Array.isArray(menu)).toBe(true)
    expect(() => (menu as unknown as unknown[]).push({ action: 'talk', text: 'x' })).toThrow(
      TypeError
    )
    expect(menu).toHaveLength(2)
  })

  it('are the wire values that were built', () => {
    expect(menu).toEqual([
      { action: 'talk', text: 'For sales press 1, for support press 2.', bargeIn: true },
      {
        action: 'input',
        type: ['dtmf'],
        dtmf: { maxDigits: 1, timeOut: 5 },
        eventUrl: ['https://example.com/webhooks/menu']
      }
    ])
    expect(reminder).toEqual({
      to: [{ type: 'phone', number: '447700900001' }],
      from: { type: 'phone', number: '447700900000' },
      ncco: menu
    })
  })
})
