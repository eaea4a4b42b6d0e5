import { describe, expect, it } from 'vitest'
import { classifyError, errorCode, errorDetail } from '../../src/sender/transport.js'

const systemError = (code: string, message: string): Error =>
  Object.assign(new Error(message), { code })
const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause })
const sent = { dispatched: true, timedOut: false, timeoutMs: 1000 }

describe('classifyError: nothing sent, or outcome unknown', () => {
  it('connect-phase errors mean nothing was sent', () => {
    for (const code of [
      'ECONNREFUSED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'EHOSTUNREACH',
      'UND_ERR_CONNECT_TIMEOUT',
      'CERT_HAS_EXPIRED'
    ]) {
      expect(classifyError(fetchFailed(systemError(code, `x ${code}`)), sent)).toEqual({
        type: 'not-sent',
        code,
        detail: `fetch failed: x ${code}`
      })
    }
  })

  it('DNS failure as Node reports it', () => {
    const cause = systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.invalid')
    expect(classifyError(fetchFailed(cause), sent)).toEqual({
      type: 'not-sent',
      code: 'ENOTFOUND',
      detail: 'fetch failed: getaddrinfo ENOTFOUND api.example.invalid'
    })
  })

  it('a connection lost after sending, or any unknown error, means the outcome is unknown', () => {
    expect(classifyError(fetchFailed(systemError('ECONNRESET', 'read ECONNRESET')), sent)).toEqual({
      type: 'lost',
      reason: 'connection-lost',
      code: 'ECONNRESET',
      detail: 'fetch failed: read ECONNRESET'
    })
    expect(classifyError(new Error('something new'), sent)).toEqual({
      type: 'lost',
      reason: 'connection-lost',
      detail: 'something new'
    })
  })

  it('the timer firing means the outcome is unknown', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError')
    expect(classifyError(abort, { ...sent, timedOut: true })).toEqual({
      type: 'lost',
      reason: 'timeout',
      detail: 'no complete answer within 1000 ms'
    })
  })

  it('an error before fetch was called means nothing was sent', () => {
    expect(
      classifyError(new TypeError('Invalid header value'), { ...sent, dispatched: false })
    ).toEqual({ type: 'not-sent', detail: 'Invalid header value' })
  })
})

describe('errorCode / errorDetail', () => {
  it('reads an AggregateError (one error per address) only when all agree', () => {
    const refusedBoth = new AggregateError([
      systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:9'),
      systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9')
    ])
    const mixed = new AggregateError([
      systemError('ECONNREFUSED', 'a'),
      systemError('ETIMEDOUT', 'b')
    ])
    expect(errorCode(fetchFailed(refusedBoth))).toBe('ECONNREFUSED')
    expect(errorCode(fetchFailed(mixed))).toBeUndefined()
    expect(classifyError(fetchFailed(mixed), sent).type).toBe('lost')
  })

  it('joins the messages of the cause chain, without repeats', () => {
    const inner = systemError('UND_ERR_SOCKET', 'other side closed')
    expect(errorDetail(fetchFailed(inner))).toBe('fetch failed: other side closed')
    expect(errorDetail('plain')).toBe('plain')
  })
})
