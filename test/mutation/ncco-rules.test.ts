/**
 * The rules across actions (src/ncco/ncco.ts, across-actions.ts): a barge-in prompt needs an
 * input before the next action that is not a prompt; a second barge-in prompt while one is
 * pending changes nothing; an action that cannot be read is reported on its own and neither
 * opens nor closes a barge-in.
 */
import { describe, expect, it } from 'vitest'
import { error, nccoFindings, warning } from './helpers.js'

const talk = (bargeIn?: boolean) => ({
  action: 'talk',
  text: 'Press 1',
  ...(bargeIn === undefined ? {} : { bargeIn })
})
const stream = (bargeIn: boolean) => ({
  action: 'stream',
  streamUrl: ['https://example.com/a.mp3'],
  bargeIn
})
const input = { action: 'input', type: ['dtmf'] }
const record = { action: 'record' }

describe('two bargeIn prompts pending at once', () => {
  it('the first is the one named, at the action that breaks the rule', () => {
    expect(nccoFindings([talk(true), stream(true), record])).toStrictEqual([
      error(
        'barge-in-without-input',
        '/2',
        'The talk at index 0 has "bargeIn": true, so an "input" action must come before this record action.'
      )
    ])
  })

  it('a stream first: the stream is named', () => {
    expect(nccoFindings([stream(true), talk(true), record])).toStrictEqual([
      error(
        'barge-in-without-input',
        '/2',
        'The stream at index 0 has "bargeIn": true, so an "input" action must come before this record action.'
      )
    ])
  })

  it('both pending when the NCCO ends: one finding, at the first one\u2019s bargeIn', () => {
    expect(nccoFindings([talk(true), talk(true)])).toStrictEqual([
      error(
        'barge-in-without-input',
        '/0/bargeIn',
        'The talk at index 0 has "bargeIn": true, so an "input" action must come before the NCCO ends.'
      )
    ])
  })

  it('an input closes both; a later barge-in is judged on its own', () => {
    expect(
      nccoFindings([talk(true), talk(true), input, talk(true), { action: 'wait' }])
    ).toStrictEqual([
      error(
        'barge-in-without-input',
        '/4',
        'The talk at index 3 has "bargeIn": true, so an "input" action must come before this wait action.'
      )
    ])
    expect(nccoFindings([talk(true), talk(false), stream(true), input, record])).toStrictEqual([])
  })

  it('after one finding the rule starts again: a second breach is reported too', () => {
    expect(nccoFindings([talk(true), record, talk(true), record])).toStrictEqual([
      error(
        'barge-in-without-input',
        '/1',
        'The talk at index 0 has "bargeIn": true, so an "input" action must come before this record action.'
      ),
      error(
        'barge-in-without-input',
        '/3',
        'The talk at index 2 has "bargeIn": true, so an "input" action must come before this record action.'
      )
    ])
  })
})

describe('an unreadable action after a barge-in talk', () => {
  it('a number: only its own finding; the input after it still closes the barge-in', () => {
    expect(nccoFindings([talk(true), 42, input])).toStrictEqual([
      error('invalid-type', '/1', 'Expected an object, got a number (42).')
    ])
  })

  it('an object without "action": its finding, and the record after it breaks the barge-in', () => {
    expect(nccoFindings([talk(true), { nope: 1 }, record])).toStrictEqual([
      error('missing-required', '/1/action', 'An action requires "action", which is missing.'),
      error(
        'barge-in-without-input',
        '/2',
        'The talk at index 0 has "bargeIn": true, so an "input" action must come before this record action.'
      )
    ])
  })

  it('an action whose name cannot be read: unreadable-value, nothing more', () => {
    const unreadable = Object.defineProperty({}, 'action', {
      enumerable: true,
      get() {
        throw new Error('no')
      }
    })
    expect(nccoFindings([talk(true), unreadable, input])).toStrictEqual([
      error('unreadable-value', '/1/action', 'Reading this value failed: Error: no.')
    ])
  })

  it('an unreadable action as the last one: the barge-in is still pending at the end', () => {
    expect(nccoFindings([talk(true), 42])).toStrictEqual([
      error('invalid-type', '/1', 'Expected an object, got a number (42).'),
      error(
        'barge-in-without-input',
        '/0/bargeIn',
        'The talk at index 0 has "bargeIn": true, so an "input" action must come before the NCCO ends.'
      )
    ])
  })
})

describe('prompts that loop for ever', () => {
  it('loop 0 without barge-in makes the next action unreachable; with barge-in it does not', () => {
    expect(nccoFindings([{ ...talk(), loop: 0 }, record])).toStrictEqual([
      warning(
        'unreachable-after-infinite-loop',
        '/1',
        'This action never runs: the talk before it loops forever ("loop": 0).'
      )
    ])
    expect(nccoFindings([{ ...talk(true), loop: 0 }, input])).toStrictEqual([])
    expect(nccoFindings([record, { ...talk(), loop: 0 }])).toStrictEqual([])
  })
})

describe('more of the rules across actions', () => {
  const hi = { action: 'talk', text: 'hi' }
  const transfer = { action: 'transfer', conversationId: 'CON-1' }
  const afterTransfer = (path: string) =>
    warning(
      'unreachable-after-transfer',
      path,
      'This action comes after a "transfer" and never runs.'
    )
  const loopsForever = (path: string, owner = 'talk') =>
    warning(
      'unreachable-after-infinite-loop',
      path,
      `This action never runs: the ${owner} before it loops forever ("loop": 0).`
    )

  it('every action after a transfer never runs; a transfer at the end is fine', () => {
    expect(nccoFindings([hi, transfer, hi, record])).toStrictEqual([
      afterTransfer('/2'),
      afterTransfer('/3')
    ])
    expect(nccoFindings([hi, transfer])).toStrictEqual([])
  })

  it('a barge-in talk before a transfer: the transfer breaks it', () => {
    expect(nccoFindings([talk(true), transfer])).toStrictEqual([
      error(
        'barge-in-without-input',
        '/1',
        'The talk at index 0 has "bargeIn": true, so an "input" action must come before this transfer action.'
      )
    ])
  })

  it('bargeIn false, or an input first: no barge-in finding from the earlier actions', () => {
    expect(nccoFindings([talk(false), record])).toStrictEqual([])
    expect(nccoFindings([input, talk(true)])).toStrictEqual([
      error(
        'barge-in-without-input',
        '/1/bargeIn',
        'The talk at index 1 has "bargeIn": true, so an "input" action must come before the NCCO ends.'
      )
    ])
  })

  it('loops for ever: a stream too, each such prompt, not the last action, not loop 1', () => {
    expect(
      nccoFindings([{ action: 'stream', streamUrl: ['https://example.com/a.mp3'], loop: 0 }, hi])
    ).toStrictEqual([loopsForever('/1', 'stream')])
    expect(nccoFindings([{ ...hi, loop: 0 }, { ...hi, loop: 0 }, hi])).toStrictEqual([
      loopsForever('/1'),
      loopsForever('/2')
    ])
    expect(nccoFindings([hi, { ...hi, loop: 0 }])).toStrictEqual([])
    expect(nccoFindings([{ ...hi, loop: 1 }, hi])).toStrictEqual([])
  })

  it('an invalid bargeIn with loop 0: whether it loops for ever is unknown, so only the type', () => {
    expect(nccoFindings([{ ...hi, bargeIn: 'yes', loop: 0 }, record])).toStrictEqual([
      error('invalid-type', '/0/bargeIn', 'Expected a boolean, got a string ("yes").')
    ])
  })

  describe('lenient: the rules read "true" and "0" as true and 0', () => {
    const stringly = (path: string, type: 'boolean' | 'integer', value: string) =>
      warning(
        'stringly-scalar',
        path,
        `Expected a${type === 'integer' ? 'n' : ''} ${type}, got the string ${JSON.stringify(value)}; Vonage tolerates it, but the documented type is a${type === 'integer' ? 'n' : ''} ${type}.`
      )

    it('bargeIn "true" needs an input', () => {
      expect(nccoFindings([{ ...hi, bargeIn: 'true' }, record], 'lenient')).toStrictEqual([
        stringly('/0/bargeIn', 'boolean', 'true'),
        error(
          'barge-in-without-input',
          '/1',
          'The talk at index 0 has "bargeIn": true, so an "input" action must come before this record action.'
        )
      ])
    })

    it('loop "0" and "00" loop for ever; bargeIn "false" does not stop that', () => {
      expect(nccoFindings([{ ...hi, loop: '0' }, record], 'lenient')).toStrictEqual([
        stringly('/0/loop', 'integer', '0'),
        loopsForever('/1')
      ])
      expect(nccoFindings([{ ...hi, loop: '00' }, record], 'lenient')).toStrictEqual([
        stringly('/0/loop', 'integer', '00'),
        loopsForever('/1')
      ])
      expect(nccoFindings([{ ...hi, bargeIn: 'false', loop: 0 }, record], 'lenient')).toStrictEqual(
        [stringly('/0/bargeIn', 'boolean', 'false'), loopsForever('/1')]
      )
    })

    it('bargeIn "true" with loop "0" and an input after it: only the two warnings', () => {
      expect(nccoFindings([{ ...hi, bargeIn: 'true', loop: '0' }, input], 'lenient')).toStrictEqual(
        [stringly('/0/bargeIn', 'boolean', 'true'), stringly('/0/loop', 'integer', '0')]
      )
    })
  })
})
