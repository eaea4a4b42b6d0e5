/**
 * What an editor shows: the hover of a builder method or a codec field is the sentence of the
 * field's description (the one the JSON Schema and docs/fields.md carry), a built NCCO is
 * called `Ncco`, and type errors name what the user wrote against. One language service over
 * the real project answers every probe.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { builderDocsFiles } from '../../scripts/gen-builder-docs.js'
import { DtmfSettings, TalkAction } from '../../src/index.js'
import { createCallV1Struct } from '../../src/call/v1.js'
import type { AnyNode } from '../../src/internal/node.js'
import { languageService } from './language-service.js'
import type { Probes } from './language-service.js'

const HOVERS = 'test/types/hover-probe.ts'
const MESSAGES = 'test/types/message-probe.ts'

const hoverProbe = `import { callV1, input, ncco, phone, talk } from '../../src/index.js'
import type { TalkAction } from '../../src/index.js'

declare const action: TalkAction
export const interrupts = action.bargeIn
export const greeting = talk('Hi').bargeIn(true)
export const menu = input.dtmf({ maxDigits: 1 })
export const later = input.dtmf().dtmf({ maxDigits: 1 })
export const built = ncco(talk('Hi')).buildOrThrow()
export const request = callV1().to(phone('447700900001')).ringingTimer(30)
`

const messageProbe = `import { callV1, phone, talk } from '../../src/index.js'

talk('x').bargeIn('true')
talk('x').loop('2')
callV1().to(phone('447700900001')).build()
callV1().to(phone('447700900001')).from('447700900000').buildOrThrow()
callV1().from('447700900000').ncco([talk('Hi')]).build()
`

/** The description of a struct's field, as the JSON Schema carries it. */
const docOf = (node: AnyNode, field: string): string => {
  if (node.spec.kind !== 'struct') throw new Error(`${node.name} is not a struct`)
  const found = node.spec.fields.find((f) => f.name === field)
  if (found === undefined) throw new Error(`${node.name} has no ${field}`)
  return found.doc
}

let probes: Probes
beforeAll(() => {
  probes = languageService({ [HOVERS]: hoverProbe, [MESSAGES]: messageProbe })
})

describe('the generated declarations', () => {
  it('are up to date (npm run docs writes them)', async () => {
    for (const [file, text] of await builderDocsFiles()) {
      expect(readFileSync(file, 'utf8'), file).toBe(text)
    }
  })
})

describe('hovers', () => {
  it('show a codec field its description: TalkAction bargeIn', () => {
    const hover = probes.quickInfo(HOVERS, 'action.bargeIn', 'action.'.length + 1)
    expect(hover.display).toBe('(property) bargeIn?: boolean | undefined')
    expect(hover.documentation).toBe(docOf(TalkAction, 'bargeIn'))
    expect(hover.documentation).toBe(
      'Lets the caller interrupt the speech; an input action must follow.'
    )
  })

  it("show a builder method its field's description: talk(...).bargeIn", () => {
    const hover = probes.quickInfo(HOVERS, '.bargeIn(true)', 2)
    // The signature shows the parameter as declared; the type errors say `boolean` (below).
    expect(hover.display).toBe(
      '(method) TalkBuilder.bargeIn(bargeIn: Given<TalkAction, "bargeIn">): TalkBuilder'
    )
    expect(hover.documentation).toBe(docOf(TalkAction, 'bargeIn'))
  })

  it("show the input builder's maxDigits its description, in both places it is written", () => {
    const first = probes.quickInfo(HOVERS, 'maxDigits: 1', 1)
    expect(first.display).toBe('(property) maxDigits?: number')
    expect(first.documentation).toBe(docOf(DtmfSettings, 'maxDigits'))
    const second = probes.quickInfo(HOVERS, 'dtmf({ maxDigits: 1 })\nexport const built', 9)
    expect(second.documentation).toBe(docOf(DtmfSettings, 'maxDigits'))
  })

  it("show a request builder's method its field's description", () => {
    const hover = probes.quickInfo(HOVERS, '.ringingTimer(30)', 2)
    expect(hover.documentation).toBe(docOf(createCallV1Struct, 'ringing_timer'))
  })

  it('call a built NCCO an Ncco', () => {
    expect(probes.quickInfo(HOVERS, 'built =', 1).display).toBe('const built: Ncco')
  })
})

describe('type errors', () => {
  it('name what was expected and what is missing', () => {
    expect(probes.errors(MESSAGES)).toMatchInlineSnapshot(`
      [
        "3: Argument of type 'string' is not assignable to parameter of type 'boolean'.",
        "4: Argument of type 'string' is not assignable to parameter of type 'number'.",
        "5: The 'this' context of type 'CallV1Builder<true, "none", "none", PhoneEndpoint>' is not assignable to method's 'this' of type '{ readonly "from (or randomFromNumber) is missing": true; readonly "ncco (or answerUrl) is missing": true; }'.
        Type 'CallOptions<"v1", true, "none", "none", PhoneEndpoint> & V1Options<true, "none", "none", PhoneEndpoint> & NccoMethod<"v1", true, "none", PhoneEndpoint> & AnswerUrlMethod<...> & FromMethod<...> & RandomFromNumberMethod<...> & Unfinished<...>' is missing the following properties from type '{ readonly "from (or randomFromNumber) is missing": true; readonly "ncco (or answerUrl) is missing": true; }': "from (or randomFromNumber) is missing", "ncco (or answerUrl) is missing"",
        "6: The 'this' context of type 'CallV1Builder<true, "none", "from", PhoneEndpoint>' is not assignable to method's 'this' of type '{ readonly "ncco (or answerUrl) is missing": true; }'.
        Property '"ncco (or answerUrl) is missing"' is missing in type 'CallOptions<"v1", true, "none", "from", PhoneEndpoint> & V1Options<true, "none", "from", PhoneEndpoint> & NccoMethod<"v1", true, "from", PhoneEndpoint> & AnswerUrlMethod<...> & FromMethod<...> & Unfinished<...>' but required in type '{ readonly "ncco (or answerUrl) is missing": true; }'.",
        "7: The 'this' context of type 'CallV1Builder<false, "ncco", "from", CallEndpoint>' is not assignable to method's 'this' of type '{ readonly "to is missing": true; }'.
        Property '"to is missing"' is missing in type 'CallOptions<"v1", false, "ncco", "from", CallEndpoint> & V1Options<false, "ncco", "from", CallEndpoint> & NccoMethod<"v1", false, "from", CallEndpoint> & FromMethod<...> & Unfinished<...>' but required in type '{ readonly "to is missing": true; }'.",
      ]
    `)
  })
})
