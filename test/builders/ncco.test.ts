import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  NccoValidationError,
  input,
  ncco,
  stream,
  talk,
  transfer,
  wait
} from '../../src/builders/index.js'
import { findingsOf } from './helpers.js'

describe('ncco', () => {
  it('composes builders and plain actions, in order', () => {
    const built = ncco(talk('Hi'), { action: 'wait', timeout: 1 }).add(input.dtmf())
    expect(built.value).toEqual([
      { action: 'talk', text: 'Hi' },
      { action: 'wait', timeout: 1 },
      { action: 'input', type: ['dtmf'] }
    ])
  })

  it('can be shared and extended in two directions', () => {
    const greeting = ncco(talk('Hi'))
    const a = greeting.add(wait(1))
    const b = greeting.add(talk('Bye'))
    expect(greeting.value).toEqual([{ action: 'talk', text: 'Hi' }])
    expect(a.value).toEqual([
      { action: 'talk', text: 'Hi' },
      { action: 'wait', timeout: 1 }
    ])
    expect(b.value).toEqual([
      { action: 'talk', text: 'Hi' },
      { action: 'talk', text: 'Bye' }
    ])
  })

  it('hands out a frozen array that the caller cannot change', () => {
    const value = ncco(talk('Hi')).value
    expect(Object.isFrozen(value)).toBe(true)
    expect(() => (value as unknown[]).push({ action: 'wait' })).toThrow(TypeError)
  })

  it('reports the barge-in rule across actions', () => {
    expect(findingsOf(ncco(talk('Menu').bargeIn(true), wait(1)).build())).toEqual([
      ['barge-in-without-input', '/1', 'error']
    ])
    expect(findingsOf(ncco(stream('https://example.com/a.mp3').bargeIn(true)).build())).toEqual([
      ['barge-in-without-input', '/0/bargeIn', 'error']
    ])
    expect(
      findingsOf(ncco(talk('Menu').bargeIn(true), talk('More'), input.dtmf()).build())
    ).toEqual([])
  })

  it('returns warnings with a valid NCCO', () => {
    expect(findingsOf(ncco(transfer('CON-1'), talk('Never heard')).build())).toEqual([
      ['unreachable-after-transfer', '/1', 'warning']
    ])
  })

  it('reports an empty NCCO', () => {
    expect(findingsOf(ncco().build())).toEqual([['empty-array', '', 'error']])
  })

  it('paths into a bad action', () => {
    expect(findingsOf(ncco(talk('Hi'), talk('Hi').loop(-1)).build())).toEqual([
      ['out-of-range', '/1/loop', 'error']
    ])
  })

  it('turns into the wire format with JSON.stringify', () => {
    const built = ncco(talk('Hi').bargeIn(false), input.dtmf({ maxDigits: 1 }))
    expect(JSON.stringify(built)).toBe(
      '[{"action":"talk","text":"Hi","bargeIn":false},{"action":"input","type":["dtmf"],"dtmf":{"maxDigits":1}}]'
    )
  })
})

describe('buildOrThrow', () => {
  it('returns the value when there are no errors', () => {
    const built = ncco(talk('Hi'))
    expect(built.buildOrThrow()).toBe(built.value)
    expect(E.isRight(built.build())).toBe(true)
  })

  it('throws a NccoValidationError with every finding and a message that lists them', () => {
    const bad = ncco(talk('Menu').bargeIn(true).level(3), wait(-1), transfer('CON-1'), wait())
    let thrown: unknown
    try {
      bad.buildOrThrow()
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(NccoValidationError)
    const error = thrown as NccoValidationError
    expect(error.name).toBe('NccoValidationError')
    const result = bad.build()
    expect(E.isLeft(result) && result.left).toEqual(error.issues)
    expect(error.message).toMatchInlineSnapshot(`
      "The NCCO is not valid (3 errors, 1 warning):
        error out-of-range at /0/level: "level" must be between -1 and 1, got 3.
        error out-of-range at /1/timeout: "timeout" must be at least 0, got -1.
        error barge-in-without-input at /1: The talk at index 0 has "bargeIn": true, so an "input" action must come before this wait action.
        warning unreachable-after-transfer at /3: This action comes after a "transfer" and never runs."
    `)
  })
})
