/**
 * What the builders' types allow and rule out. Each `@ts-expect-error` marks a call that must
 * not compile; the typecheck fails if it does.
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { describe, expectTypeOf, it } from 'vitest'
import type {
  ConnectAction,
  CreateCallV1Request,
  CreateCallV2Request,
  InputAction,
  Issue,
  Ncco,
  TalkAction,
  Validated
} from '../../src/index.js'
import {
  app,
  callV1,
  callV2,
  connect,
  input,
  ncco,
  phone,
  record,
  sip,
  talk,
  websocket
} from '../../src/builders/index.js'
import type {
  BuildResult,
  Buildable,
  BuiltCallV1Request,
  BuiltCallV2Request
} from '../../src/builders/index.js'
import type { PhoneFrom } from '../../src/call/common.js'
import type {
  AppEndpoint,
  CallSipEndpoint,
  PhoneEndpoint,
  WebsocketEndpoint
} from '../../src/ncco/endpoints.js'

const hello = ncco(talk('Hello'))

describe('values and results', () => {
  it('types the value with the codec types', () => {
    expectTypeOf(talk('Hi').toJSON()).toEqualTypeOf<TalkAction>()
    expectTypeOf(hello.value).toEqualTypeOf<Ncco>()
    expectTypeOf(input.dtmf().build()).toEqualTypeOf<
      E.Either<ReadonlyNonEmptyArray<Issue>, Validated<InputAction>>
    >()
    expectTypeOf(connect(app('a')).buildOrThrow()).toEqualTypeOf<ConnectAction>()
  })

  it('offers enum fields as literal unions', () => {
    expectTypeOf(record().format).parameter(0).toEqualTypeOf<'mp3' | 'wav' | 'ogg'>()
    expectTypeOf(websocket)
      .parameter(1)
      .toEqualTypeOf<'audio/l16;rate=8000' | 'audio/l16;rate=16000' | 'audio/l16;rate=24000'>()
    // @ts-expect-error: not a documented audio format
    websocket('wss://example.com', 'audio/l16;rate=44100')
    // @ts-expect-error: not a documented format
    record().format('flac')
  })

  it('takes one URL or an array where the wire format wants an array', () => {
    talk('Hi')
    input.dtmf().eventUrl('https://example.com/a')
    input.dtmf().eventUrl(['https://example.com/a'])
    // @ts-expect-error: a URL is a string
    input.dtmf().eventUrl(new URL('https://example.com/a'))
  })
})

describe('input', () => {
  it('offers DTMF settings and mode only on an input that listens for DTMF', () => {
    input.dtmf().dtmf({ maxDigits: 4 }).mode('synchronous')
    input.dtmfAndSpeech().dtmf({ maxDigits: 4 }).speech({ language: 'en-GB' })
    // @ts-expect-error: a speech-only input has no DTMF settings
    input.speech().dtmf({ maxDigits: 4 })
    // @ts-expect-error: mode only affects DTMF input
    input.speech().mode('synchronous')
    expectTypeOf(input.speech()).not.toHaveProperty('dtmf')
    expectTypeOf(input.speech()).not.toHaveProperty('mode')
  })

  it('offers speech settings only on an input that listens for speech', () => {
    // @ts-expect-error: a DTMF-only input has no speech settings
    input.dtmf().speech({ language: 'en-GB' })
    expectTypeOf(input.dtmf()).not.toHaveProperty('speech')
  })

  it('rules out asynchronous mode together with DTMF settings', () => {
    input.dtmf().mode('asynchronous')
    // @ts-expect-error: "DTMF settings must be left blank" with asynchronous mode
    input.dtmf({ maxDigits: 1 }).mode('asynchronous')
    // @ts-expect-error: the same, the other way round
    input.dtmf().mode('asynchronous').dtmf({ maxDigits: 1 })
    // @ts-expect-error: the same, on an input that listens for both
    input.dtmfAndSpeech({ dtmf: {} }).mode('asynchronous')
    input.dtmf().mode('asynchronous').mode('synchronous').dtmf({ maxDigits: 1 })
  })

  it('checks the settings objects against the codec types', () => {
    // @ts-expect-error: maxDigit is not a DTMF setting
    input.dtmf({ maxDigit: 1 })
    // @ts-expect-error: dtmf settings given to the speech slot
    input.dtmfAndSpeech({ speech: { maxDigits: 1 } })
  })
})

describe('connect', () => {
  it('takes from or randomFromNumber, not both', () => {
    connect(phone('447700900001')).from('447700900000').timeout(20)
    connect(phone('447700900001')).randomFromNumber().timeout(20)
    // @ts-expect-error: from rules out randomFromNumber
    connect(phone('447700900001')).from('447700900000').randomFromNumber()
    // @ts-expect-error: randomFromNumber rules out from
    connect(phone('447700900001')).randomFromNumber().limit(60).from('447700900000')
  })
})

describe('callV1', () => {
  it('can be built once to, the instructions and the caller are given, in any order', () => {
    expectTypeOf(
      callV1().to(phone('447700900001')).ncco(hello).from('447700900000').build()
    ).toEqualTypeOf<BuildResult<BuiltCallV1Request<PhoneEndpoint, 'ncco', 'from'>>>()
    expectTypeOf(
      callV1().randomFromNumber().answerUrl('https://example.com/a').to(app('a')).toJSON()
    ).toEqualTypeOf<BuiltCallV1Request<AppEndpoint, 'answerUrl', 'random'>>()
    expectTypeOf(callV1().to(app('a')).ncco(hello).randomFromNumber()).toMatchTypeOf<
      Buildable<CreateCallV1Request>
    >()
  })

  it('types to with the kinds of endpoint given, and the request with the parts given', () => {
    const built = callV1()
      .to(phone('447700900001'), app('a'), websocket('wss://example.com/s', 'audio/l16;rate=16000'))
      .from('447700900000')
      .ncco(hello)
      .buildOrThrow()
    expectTypeOf(built.to).toEqualTypeOf<Array<PhoneEndpoint | AppEndpoint | WebsocketEndpoint>>()
    expectTypeOf(built.ncco).toEqualTypeOf<Ncco>()
    expectTypeOf(built.from).toEqualTypeOf<PhoneFrom>()
    expectTypeOf(built).toMatchTypeOf<CreateCallV1Request>()
    expectTypeOf(
      callV1().to(sip('sip:a@example.com')).from('4477').ncco(hello).value.to
    ).items.toEqualTypeOf<CallSipEndpoint>()
  })

  it('cannot be built before its required parts are given', () => {
    // @ts-expect-error: nothing given
    callV1().build()
    // @ts-expect-error: no to
    callV1().ncco(hello).from('447700900000').build()
    // @ts-expect-error: no ncco or answerUrl
    callV1().to(app('a')).from('447700900000').build()
    // @ts-expect-error: no from or randomFromNumber
    callV1().to(app('a')).ncco(hello).buildOrThrow()
    // @ts-expect-error: no value to hand out either
    void callV1().to(app('a')).ncco(hello).value
    expectTypeOf(callV1().to(app('a')).ncco(hello)).not.toHaveProperty('toJSON')
  })

  it('takes ncco or answerUrl, not both', () => {
    // @ts-expect-error: ncco rules out answerUrl
    callV1().ncco(hello).answerUrl('https://example.com/a')
    // @ts-expect-error: answerUrl rules out ncco
    callV1().answerUrl('https://example.com/a').to(app('a')).ncco(hello)
    // @ts-expect-error: answerMethod only goes with answerUrl
    callV1().ncco(hello).answerMethod('GET')
    callV1().answerUrl('https://example.com/a').answerMethod('GET')
  })

  it('takes from or randomFromNumber, not both', () => {
    // @ts-expect-error: from rules out randomFromNumber
    callV1().from('447700900000').randomFromNumber()
    // @ts-expect-error: randomFromNumber rules out from
    callV1().randomFromNumber().from('447700900000')
  })
})

describe('callV2', () => {
  it('can be built once to, the instructions and from are given', () => {
    expectTypeOf(
      callV2().from('447700900000').to(app('a')).answerUrl('https://example.com/a').build()
    ).toEqualTypeOf<BuildResult<BuiltCallV2Request<AppEndpoint, 'answerUrl'>>>()
    expectTypeOf(
      callV2().from('447700900000').to(app('a')).answerUrl('https://example.com/a').value
    ).toMatchTypeOf<CreateCallV2Request>()
    // @ts-expect-error: v2 requires from
    callV2().to(app('a')).ncco(hello).build()
    // @ts-expect-error: no to
    callV2().from('447700900000').ncco(hello).build()
  })

  it('has neither a random caller id nor advanced machine detection', () => {
    // @ts-expect-error: v1 only
    callV2().randomFromNumber()
    // @ts-expect-error: v1 only
    callV2().advancedMachineDetection({ behavior: 'continue' })
    // @ts-expect-error: ncco rules out answerUrl here too
    callV2().ncco(hello).answerUrl('https://example.com/a')
  })
})
