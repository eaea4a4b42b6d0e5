/**
 * Built values go to the official SDK (@vonage/voice) without a cast: `transferCallWithNCCO`
 * takes a built NCCO, `createOutboundCall` a built request (or a request of its own around a
 * built NCCO). Type-level only: nothing here calls the Voice API.
 */
import type { Action as SdkAction, OutboundCall, Voice } from '@vonage/voice'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expectTypeOf, it } from 'vitest'
import type { Action, Ncco } from '../../src/index.js'
import { app, callV1, callV2, input, ncco, phone, sip, talk, vbc } from '../../src/index.js'
import {
  callCustomer,
  menu,
  reminder,
  transferToMenu
} from '../../examples/interop/with-the-sdk.js'

type Transfer = Voice['transferCallWithNCCO']
type CreateCall = Voice['createOutboundCall']

const menuBuilder = ncco(talk('For sales press 1').bargeIn(true), input.dtmf({ maxDigits: 1 }))

describe('a built NCCO', () => {
  it('is an Ncco, which is what editors and messages call it', () => {
    expectTypeOf(menuBuilder.buildOrThrow()).toEqualTypeOf<Ncco>()
    expectTypeOf(menuBuilder.value).toEqualTypeOf<Ncco>()
    expectTypeOf(menu).toEqualTypeOf<Ncco>()
  })

  it('goes to transferCallWithNCCO from buildOrThrow(), value, toJSON() and build()', () => {
    expectTypeOf<Transfer>().toBeCallableWith('uuid', menuBuilder.buildOrThrow())
    expectTypeOf<Transfer>().toBeCallableWith('uuid', menuBuilder.value)
    expectTypeOf<Transfer>().toBeCallableWith('uuid', menuBuilder.toJSON())
    const result = menuBuilder.build()
    if (E.isRight(result)) expectTypeOf<Transfer>().toBeCallableWith('uuid', result.right.value)
    expectTypeOf<Ncco>().toMatchTypeOf<Array<SdkAction>>()
  })

  it('goes into a request written for the SDK', () => {
    expectTypeOf<CreateCall>().toBeCallableWith({
      to: [{ type: 'phone', number: '447700900001' }],
      from: { type: 'phone', number: '447700900000' },
      ncco: menuBuilder.buildOrThrow()
    })
  })

  it('is still refused as a readonly array, so the check above can fail', () => {
    const readonlyActions: ReadonlyArray<Action> = menuBuilder.buildOrThrow()
    // @ts-expect-error: a readonly array is not the SDK's mutable Action[]
    expectTypeOf<Transfer>().toBeCallableWith('uuid', readonlyActions)
  })
})

describe('a built create-call request', () => {
  it('goes to createOutboundCall when it has an NCCO, from and phone, app or vbc endpoints', () => {
    const v1 = callV1().to(phone('447700900001')).from('447700900000').ncco(menuBuilder)
    expectTypeOf<CreateCall>().toBeCallableWith(v1.buildOrThrow())
    expectTypeOf<CreateCall>().toBeCallableWith(v1.value)
    const several = callV1().to(phone('447700900001'), app('alice'), vbc('1234'))
    expectTypeOf<CreateCall>().toBeCallableWith(
      several.ncco(menuBuilder).from('447700900000').buildOrThrow()
    )
    const v2 = callV2()
      .from('447700900000')
      .to(app('alice'))
      .ncco([talk('Hi')])
    expectTypeOf<CreateCall>().toBeCallableWith(v2.buildOrThrow())
    expectTypeOf(reminder).toMatchTypeOf<OutboundCall>()
  })

  it('does not when the SDK cannot express it: answer_url, a random caller id, sip by user and domain', () => {
    const answerUrl = callV1()
      .to(phone('447700900001'))
      .from('447700900000')
      .answerUrl('https://example.com/answer')
    // @ts-expect-error: the SDK's request takes answerUrl in camelCase
    expectTypeOf<CreateCall>().toBeCallableWith(answerUrl.buildOrThrow())
    const random = callV1().to(phone('447700900001')).randomFromNumber().ncco(menuBuilder)
    // @ts-expect-error: the SDK's request requires from
    expectTypeOf<CreateCall>().toBeCallableWith(random.buildOrThrow())
    const bySip = callV1()
      .to(sip({ user: 'alice', domain: 'example' }))
      .from('447700900000')
    // @ts-expect-error: the SDK's sip endpoint requires uri
    expectTypeOf<CreateCall>().toBeCallableWith(bySip.ncco(menuBuilder).buildOrThrow())
  })
})

describe('the interop example (docs/interop.md)', () => {
  it('passes built values to the SDK', () => {
    expectTypeOf(transferToMenu).parameters.toEqualTypeOf<[Voice, string]>()
    expectTypeOf(callCustomer).parameter(0).toEqualTypeOf<Voice>()
  })
})
