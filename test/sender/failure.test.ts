import { describe, expect, it } from 'vitest'
import {
  describeFailure,
  httpFailure,
  mayHaveCreatedCall,
  type CreateCallFailure
} from '../../src/sender/failure.js'

const problem = {
  type: 400,
  title: 'Bad Request',
  invalid_parameters: [{ name: 'to', reason: 'Number is not valid' }]
}

/** One failure of each kind, as the client builds them, with its description. */
const cases: ReadonlyArray<[CreateCallFailure, boolean, string]> = [
  [
    {
      kind: 'invalid-request',
      issues: [
        {
          code: 'missing-caller',
          severity: 'error',
          path: '/from',
          message: 'A v1 create-call request needs "from".'
        }
      ]
    },
    false,
    'The request is invalid; nothing was sent.\nerror missing-caller at /from: A v1 create-call request needs "from".'
  ],
  [
    { kind: 'local-failure', source: 'token', attempts: 0, detail: 'vault sealed.' },
    false,
    'The bearer-token function failed before the request was sent: vault sealed.\nNo call was created.'
  ],
  [
    {
      kind: 'unauthorized',
      status: 401,
      attempts: 1,
      problem: { title: 'Unauthorized', detail: 'You did not provide correct credentials.' }
    },
    false,
    "Vonage refused the credentials (401 Unauthorized). Check the application id, that the private key belongs to that application, and this machine's clock.\nVonage said: Unauthorized: You did not provide correct credentials.\nNo call was created."
  ],
  [
    { kind: 'forbidden', status: 403, attempts: 1, body: 'Forbidden' },
    false,
    'Vonage refused the request (403 Forbidden): the account or application may not create this call.\nVonage said: Forbidden\nNo call was created.'
  ],
  [
    { kind: 'rate-limited', status: 429, attempts: 3, retryAfterMs: 1500 },
    false,
    'Vonage rate-limited the request (429) on each of 3 attempts; it asks to wait 1.5 s before trying again. Vonage allows 3 new calls per second per account.\nNo call was created.'
  ],
  [
    { kind: 'rejected', status: 400, attempts: 1, problem, traceId: 'trace-400' },
    false,
    'Vonage rejected the request (400).\nVonage said: Bad Request (invalid parameters: to: Number is not valid)\nTrace id: trace-400\nNo call was created.'
  ],
  [
    { kind: 'server-error', status: 503, attempts: 1 },
    true,
    'The Voice API failed (503). It was not retried: the call may have been created before the error.\nCheck whether the call exists before sending the request again.'
  ],
  [
    {
      kind: 'outcome-unknown',
      reason: 'timeout',
      attempts: 1,
      timeoutMs: 300,
      detail: 'no complete answer within 300 ms'
    },
    true,
    'No complete answer within 300 ms. The request had been sent: the call may or may not exist.\nCheck whether the call exists before sending the request again.'
  ],
  [
    {
      kind: 'outcome-unknown',
      reason: 'connection-lost',
      attempts: 1,
      status: 201,
      code: 'UND_ERR_SOCKET',
      detail: 'terminated: other side closed'
    },
    true,
    'The connection was lost before the answer was complete (terminated: other side closed); the status was 201. The request had been sent: the call may or may not exist.\nCheck whether the call exists before sending the request again.'
  ],
  [
    {
      kind: 'network',
      attempts: 1,
      code: 'ENOTFOUND',
      detail: 'fetch failed: getaddrinfo ENOTFOUND api.nexmo.com'
    },
    false,
    'Could not reach the Voice API (ENOTFOUND): fetch failed: getaddrinfo ENOTFOUND api.nexmo.com.\nNothing was sent, so no call was created.'
  ],
  [
    {
      kind: 'unexpected-response',
      status: 201,
      attempts: 1,
      callMayExist: true,
      errors: ['/uuid: The create-call response requires "uuid", which is missing.']
    },
    true,
    'The Voice API answered 201, which is not the documented answer: /uuid: The create-call response requires "uuid", which is missing.\nThe call has probably been created; check before sending the request again.'
  ],
  [
    {
      kind: 'unexpected-response',
      status: 307,
      attempts: 1,
      callMayExist: false,
      errors: ['a redirect, which is not followed']
    },
    false,
    'The Voice API answered 307, which is not the documented answer: a redirect, which is not followed.\nNo call was created.'
  ]
]

describe('describeFailure / mayHaveCreatedCall', () => {
  it.each(cases)('%j', (failure, mayExist, text) => {
    expect(describeFailure(failure)).toBe(text)
    expect(mayHaveCreatedCall(failure)).toBe(mayExist)
  })
})

describe('httpFailure', () => {
  it('maps the status to the kind', () => {
    const kinds = [401, 403, 429, 400, 404, 422, 500, 502, 504].map(
      (status) => httpFailure({ status, attempts: 1 }).kind
    )
    expect(kinds).toEqual([
      'unauthorized',
      'forbidden',
      'rate-limited',
      'rejected',
      'rejected',
      'rejected',
      'server-error',
      'server-error',
      'server-error'
    ])
  })

  it('keeps the Retry-After of a 429 only', () => {
    expect(httpFailure({ status: 429, attempts: 2 }, 1000)).toEqual({
      kind: 'rate-limited',
      status: 429,
      attempts: 2,
      retryAfterMs: 1000
    })
    expect(httpFailure({ status: 429, attempts: 2 })).toEqual({
      kind: 'rate-limited',
      status: 429,
      attempts: 2
    })
  })
})
