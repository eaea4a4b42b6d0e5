/**
 * A builder method never throws, whatever it is given (code without types can pass
 * anything): what is wrong is kept for build() to report, and build() does not throw either.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as builders from '../../src/builders/index.js'
import { Builder } from '../../src/builders/builder.js'

// Called with values their types do not allow, on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true })

const factories: Readonly<Record<string, (...args: Loose[]) => Loose>> = {
  talk: builders.talk,
  stream: builders.stream,
  record: builders.record,
  conversation: builders.conversation,
  connect: builders.connect,
  notify: builders.notify,
  wait: builders.wait,
  transfer: builders.transfer,
  'input.dtmf': builders.input.dtmf,
  'input.speech': builders.input.speech,
  'input.dtmfAndSpeech': builders.input.dtmfAndSpeech,
  phone: builders.phone,
  app: builders.app,
  websocket: builders.websocket,
  sip: builders.sip,
  vbc: builders.vbc,
  ncco: builders.ncco,
  callV1: builders.callV1,
  callV2: builders.callV2
}

/** The fluent methods of a builder: everything on its prototypes but the base's own. */
const methodsOf = (builder: object): string[] => {
  const names = new Set<string>()
  for (
    let proto: unknown = Object.getPrototypeOf(builder);
    proto !== Builder.prototype && proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) names.add(name)
  }
  for (const internal of ['constructor', 'validate', 'set']) names.delete(internal)
  return [...names]
}

describe.each(Object.entries(factories))('%s', (name, make) => {
  it('does not throw when made from anything', () => {
    fc.assert(
      fc.property(fc.array(anything, { maxLength: 3 }), (args) => {
        const built: Loose = make(...args)
        expect(built).toBeInstanceOf(Builder)
        built.build()
      })
    )
  })

  const sample: Loose = make(...(name === 'websocket' ? ['wss://x.example', 'x'] : ['x', 'y']))
  it.each(methodsOf(sample))('.%s does not throw on anything', (method) => {
    fc.assert(
      fc.property(fc.array(anything, { maxLength: 3 }), (args) => {
        const built: Loose = sample[method](...args)
        expect(built).toBeInstanceOf(Builder)
        built.build()
      })
    )
  })
})
