/**
 * decodeWebhook on payloads written from what Vonage's references, SDK models and SDK fixtures
 * show (string and number variants, nulls on `answered`, `call_uuid`, the flat input form,
 * unknown statuses, extra keys), every failure with its path, and hostile input.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import {
  decodeWebhook,
  isWebhook,
  issueCatalog,
  matchWebhook,
  matchWebhookOr
} from '../../src/index.js'
import type { Issue, Webhook, WebhookRoute } from '../../src/index.js'

const right = <A>(r: E.Either<ReadonlyArray<Issue>, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected Right, got ${JSON.stringify(r.left)}`)
  return r.right
}
/** Every code a test below saw, for the check that each webhook code is asserted. */
const asserted = new Set<string>()
const left = (r: E.Either<ReadonlyArray<Issue>, unknown>): ReadonlyArray<[string, string]> => {
  if (E.isRight(r)) throw new Error(`expected Left, got ${JSON.stringify(r.right)}`)
  for (const i of r.left) asserted.add(i.code)
  return r.left.map((i) => [i.code, i.path])
}

afterAll(() => {
  const webhookCodes = Object.entries(issueCatalog)
    .filter(([, e]) => 'area' in e && e.area === 'webhooks')
    .map(([code]) => code)
  expect(webhookCodes.length).toBeGreaterThan(0)
  expect(webhookCodes.filter((code) => !asserted.has(code))).toEqual([])
})
/** The decoded webhook without `raw`, for exact comparisons. */
const fields = (w: Webhook): Record<string, unknown> => {
  const { raw: _raw, ...rest } = w
  return rest
}

const uuid = '63f61863a51f4b6f86e1a6edebcf9356'
const conversation = 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22'

describe('the answer webhook', () => {
  it('decodes a GET query: strings kept, SIP headers collected, custom_data parsed', () => {
    const query = new URLSearchParams({
      to: '447700900000',
      from: '447700900001',
      uuid,
      conversation_uuid: conversation,
      endpoint_type: 'phone',
      region_url: 'https://api-eu-1.vonage.com',
      custom_data: '{"campaign":"spring","attempt":2}',
      'SipHeader_X-Customer': 'gold',
      'SipHeader_User-to-User': '342342ef34;encoding=hex'
    })
    const before = query.toString()
    const decoded = right(decodeWebhook('answer', query))
    expect(fields(decoded)).toEqual({
      kind: 'answer',
      to: '447700900000',
      from: '447700900001',
      uuid,
      conversation_uuid: conversation,
      endpoint_type: 'phone',
      region_url: 'https://api-eu-1.vonage.com',
      custom_data: { campaign: 'spring', attempt: 2 },
      sipHeaders: { 'X-Customer': 'gold', 'User-to-User': '342342ef34;encoding=hex' }
    })
    expect(decoded.raw).toBe(query)
    expect(query.toString()).toBe(before)
  })

  it('decodes a POST body and a framework query object alike', () => {
    const body = { to: '447700900000', from_user: 'alice', uuid, conversation_uuid: conversation }
    expect(fields(right(decodeWebhook('answer', body)))).toEqual({ kind: 'answer', ...body })
    const query = { ...body, custom_data: '{"a":[1,2]}' }
    expect(right(decodeWebhook('answer', query)).custom_data).toEqual({ a: [1, 2] })
  })

  it('keeps unknown keys and an unknown endpoint type', () => {
    const decoded = right(
      decodeWebhook('answer', {
        to: '1',
        uuid,
        conversation_uuid: conversation,
        endpoint_type: 'whatsapp',
        brand_new_field: { nested: true }
      })
    )
    expect(decoded.endpoint_type).toBe('whatsapp')
    expect((decoded as unknown as Record<string, unknown>)['brand_new_field']).toEqual({
      nested: true
    })
  })

  it('requires uuid and conversation_uuid, at their paths', () => {
    expect(left(decodeWebhook('answer', { to: '1' }))).toEqual([
      ['missing-required', '/uuid'],
      ['missing-required', '/conversation_uuid']
    ])
    expect(left(decodeWebhook('answer', { uuid: '', conversation_uuid: 7 }))).toEqual([
      ['empty-string', '/uuid'],
      ['invalid-type', '/conversation_uuid']
    ])
  })

  it('reports custom_data that is not JSON, and SIP header values that are not strings', () => {
    expect(
      left(decodeWebhook('answer', { uuid, conversation_uuid: conversation, custom_data: '{oops' }))
    ).toEqual([['invalid-json', '/custom_data']])
    expect(
      left(decodeWebhook('answer', { uuid, conversation_uuid: conversation, 'SipHeader_X-A': 1 }))
    ).toEqual([['invalid-type', '/SipHeader_X-A']])
  })
})

describe('call status events', () => {
  const common = {
    from: '447700900000',
    to: '447700900001',
    uuid,
    conversation_uuid: conversation,
    direction: 'outbound',
    timestamp: '2020-01-01T14:00:00.000Z'
  }

  it('decodes each status to its kind', () => {
    for (const status of ['started', 'ringing', 'busy', 'cancelled', 'failed', 'timeout']) {
      expect(right(decodeWebhook('event', { ...common, status })).kind).toBe(status)
    }
  })

  it('answered: null and empty start_time, rate and network are absent (a real 2024 payload)', () => {
    const decoded = right(
      decodeWebhook('event', {
        ...common,
        status: 'answered',
        start_time: null,
        rate: null,
        network: null,
        headers: {}
      })
    )
    expect(fields(decoded)).toEqual({
      kind: 'answered',
      ...common,
      status: 'answered',
      headers: {}
    })
    const empty = right(
      decodeWebhook('event', {
        ...common,
        status: 'answered',
        start_time: '',
        rate: '',
        network: ''
      })
    )
    expect(fields(empty)).toEqual({ kind: 'answered', ...common, status: 'answered' })
    const withValues = right(
      decodeWebhook('event', { ...common, status: 'answered', rate: '0.02', network: 'GB-FIXED' })
    )
    expect(withValues).toMatchObject({ rate: 0.02, network: 'GB-FIXED' })
  })

  it('completed: string numbers (docs, .NET) and numbers (Java) decode to the same numbers', () => {
    const asStrings = right(
      decodeWebhook('event', {
        ...common,
        status: 'completed',
        start_time: '2020-01-01T14:00:00.000Z',
        end_time: '2020-01-01T14:00:30.000Z',
        duration: '30',
        rate: '0.02',
        price: '0.01',
        network: '65512',
        disconnected_by: 'user',
        sip_code: '200'
      })
    )
    const asNumbers = right(
      decodeWebhook('event', {
        ...common,
        status: 'completed',
        start_time: '2020-01-01T14:00:00.000Z',
        end_time: '2020-01-01T14:00:30.000Z',
        duration: 30,
        rate: 0.02,
        price: 0.01,
        network: '65512',
        disconnected_by: 'user',
        sip_code: 200
      })
    )
    expect(fields(asStrings)).toEqual(fields(asNumbers))
    expect(asStrings).toMatchObject({ duration: 30, rate: 0.02, price: 0.01, sip_code: 200 })
  })

  it('keeps unknown details and statuses, never failing on them', () => {
    const unanswered = right(
      decodeWebhook('event', {
        ...common,
        status: 'unanswered',
        detail: 'as-yet-unknown-detail',
        sip_code: 480
      })
    )
    expect(unanswered).toMatchObject({ kind: 'unanswered', detail: 'as-yet-unknown-detail' })
    const unknown = right(decodeWebhook('event', { ...common, status: 'on_hold', level: 3 }))
    expect(fields(unknown)).toEqual({ kind: 'unknown', ...common, status: 'on_hold', level: 3 })
  })

  it('machine detection: call_uuid decodes as uuid, and uuid wins when both come', () => {
    const amd = right(
      decodeWebhook('event', {
        call_uuid: uuid,
        conversation_uuid: conversation,
        status: 'machine',
        sub_state: 'beep_start',
        timestamp: common.timestamp
      })
    )
    expect(fields(amd)).toEqual({
      kind: 'machine',
      uuid,
      conversation_uuid: conversation,
      status: 'machine',
      sub_state: 'beep_start',
      timestamp: common.timestamp
    })
    const both = right(
      decodeWebhook('event', {
        call_uuid: 'other',
        uuid,
        conversation_uuid: conversation,
        status: 'human'
      })
    )
    expect(both).toMatchObject({ kind: 'human', uuid })
  })

  it('tells the other event shapes apart by their keys', () => {
    const kinds = (payload: unknown): string => right(decodeWebhook('event', payload)).kind
    expect(kinds({ ...common, status: 'disconnected' })).toBe('disconnected')
    expect(
      kinds({
        conversation_uuid_from: 'CON-a',
        conversation_uuid_to: 'CON-b',
        uuid,
        type: 'transfer'
      })
    ).toBe('transfer')
    expect(
      kinds({ status: 'transfer', conversation_uuid_from: 'a', conversation_uuid_to: 'b' })
    ).toBe('transfer')
    expect(kinds({ reason: 'Syntax error in NCCO. Invalid value type or action.' })).toBe('error')
    expect(
      kinds({ conversation_uuid: conversation, dtmf: { digits: '1', timed_out: false } })
    ).toBe('input')
    expect(
      kinds({ conversation_uuid: conversation, recording_url: 'https://x', recording_uuid: 'r' })
    ).toBe('record')
    expect(
      kinds({ status: 'transcribed', recording_uuid: 'r', transcription_url: 'https://t' })
    ).toBe('transcription')
    expect(kinds({ conversation_uuid: conversation, payload: { a: 1 } })).toBe('notify')
    expect(kinds({ ...common, status: 'started', client_ref: 'client-ref' })).toBe('call-placed')
    expect(kinds({ hello: 'world' })).toBe('unknown')
  })

  it('reports wrong types at their paths', () => {
    expect(left(decodeWebhook('event', { ...common, status: 7 }))).toEqual([
      ['invalid-type', '/status']
    ])
    expect(
      left(decodeWebhook('event', { ...common, status: 'completed', duration: 'long' }))
    ).toEqual([['invalid-type', '/duration']])
    expect(
      left(decodeWebhook('event', { ...common, status: 'completed', duration: '1.5' }))
    ).toEqual([['not-an-integer', '/duration']])
    expect(left(decodeWebhook('event', { ...common, status: 'busy', timestamp: 1 }))).toEqual([
      ['invalid-type', '/timestamp']
    ])
    expect(left(decodeWebhook('event', { status: 'ringing' }))).toEqual([
      ['missing-required', '/uuid'],
      ['missing-required', '/conversation_uuid']
    ])
  })
})

describe('action results', () => {
  it('input: a speech result with several hypotheses, confidence as a string (.NET fixture)', () => {
    const decoded = right(
      decodeWebhook('input', {
        speech: {
          results: [
            { confidence: '0.9405097', text: 'Sales' },
            { confidence: '0.70543784', text: 'Sails' }
          ]
        },
        dtmf: { digits: null, timed_out: false },
        from: '447700900001',
        to: '447700900000',
        uuid,
        conversation_uuid: conversation,
        timestamp: '2020-01-01T14:00:00.000Z'
      })
    )
    expect(decoded.speech).toEqual({
      results: [
        { confidence: 0.9405097, text: 'Sales' },
        { confidence: 0.70543784, text: 'Sails' }
      ]
    })
    expect(decoded.dtmf).toEqual({ timed_out: false })
  })

  it('input: DTMF that overrode speech', () => {
    const decoded = right(
      decodeWebhook('input', {
        conversation_uuid: conversation,
        dtmf: { digits: '1', timed_out: true },
        speech: { error: 'Speech overridden by DTMF' }
      })
    )
    expect(decoded).toMatchObject({
      dtmf: { digits: '1', timed_out: true },
      speech: { error: 'Speech overridden by DTMF' }
    })
  })

  it('input: the older flat form decodes to the nested one; a null uuid is absent', () => {
    const decoded = right(
      decodeWebhook('input', {
        uuid: null,
        conversation_uuid: conversation,
        dtmf: '42',
        timed_out: true
      })
    )
    expect(fields(decoded)).toEqual({
      kind: 'input',
      conversation_uuid: conversation,
      dtmf: { digits: '42', timed_out: true }
    })
  })

  it('input sent with eventMethod GET: dtmf and speech as JSON text in the query', () => {
    const query = new URLSearchParams({
      conversation_uuid: conversation,
      dtmf: '{"digits":"7","timed_out":"false"}',
      speech: '{"timeout_reason":"start_timeout"}'
    })
    expect(fields(right(decodeWebhook('input', query)))).toEqual({
      kind: 'input',
      conversation_uuid: conversation,
      dtmf: { digits: '7', timed_out: false },
      speech: { timeout_reason: 'start_timeout' }
    })
  })

  it('input failures at their paths', () => {
    expect(
      left(decodeWebhook('input', { conversation_uuid: conversation, dtmf: { digits: 42 } }))
    ).toEqual([['invalid-type', '/dtmf/digits']])
    expect(
      left(
        decodeWebhook('input', {
          conversation_uuid: conversation,
          speech: { results: [{ text: 'a', confidence: 'high' }, { confidence: 1 }] }
        })
      )
    ).toEqual([
      ['invalid-type', '/speech/results/0/confidence'],
      ['missing-required', '/speech/results/1/text']
    ])
    expect(left(decodeWebhook('input', { conversation_uuid: conversation, dtmf: 3 }))).toEqual([
      ['invalid-type', '/dtmf']
    ])
  })

  it('record, transcription and notify', () => {
    const record = right(
      decodeWebhook('record', {
        start_time: '2020-01-01T14:00:00Z',
        recording_url: 'https://api.nexmo.com/v1/files/aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
        size: '12222',
        recording_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
        end_time: '2020-01-01T14:00:10Z',
        conversation_uuid: conversation,
        timestamp: '2020-01-01T14:00:10Z'
      })
    )
    expect(record).toMatchObject({ kind: 'record', size: 12222 })
    expect(left(decodeWebhook('record', { conversation_uuid: conversation }))).toEqual([
      ['missing-required', '/recording_url'],
      ['missing-required', '/recording_uuid']
    ])
    const transcription = right(
      decodeWebhook('transcription', {
        conversation_uuid: conversation,
        type: 'record',
        recording_uuid: 'r-1',
        status: 'transcribed',
        transcription_url: 'https://api.nexmo.com/v1/files/t-1'
      })
    )
    expect(transcription.kind).toBe('transcription')
    const notify = right(
      decodeWebhook('notify', {
        payload: { foo: 'bar', n: [1, { deep: true }] },
        conversation_uuid: conversation,
        timestamp: '2020-01-01T14:00:10Z'
      })
    )
    expect(notify.payload).toEqual({ foo: 'bar', n: [1, { deep: true }] })
    expect(left(decodeWebhook('notify', { conversation_uuid: conversation, payload: [] }))).toEqual(
      [['invalid-type', '/payload']]
    )
  })
})

describe('fallback, transfer and error', () => {
  it('fallback: the failed request decoded for its own route', () => {
    const payload = {
      to: '447700900000',
      from: '447700900001',
      uuid,
      conversation_uuid: conversation,
      reason: 'Invalid NCCO.',
      original_request: { url: 'https://example.com/answer', type: 'answer' }
    }
    const decoded = right(decodeWebhook('fallback', payload))
    expect(decoded.reason).toBe('Invalid NCCO.')
    expect(decoded.original_request).toEqual({ url: 'https://example.com/answer', type: 'answer' })
    expect(decoded.original && fields(decoded.original)).toEqual({
      kind: 'answer',
      to: '447700900000',
      from: '447700900001',
      uuid,
      conversation_uuid: conversation
    })
    const event = right(
      decodeWebhook('fallback', {
        uuid,
        conversation_uuid: conversation,
        dtmf: { digits: '5', timed_out: false },
        reason: 'Socket timeout.',
        original_request: '{"url":"https://example.com/input","type":"event"}'
      })
    )
    expect(event.original?.kind).toBe('input')
  })

  it('fallback failures: the fallback fields and the failed request checked together', () => {
    expect(left(decodeWebhook('fallback', { uuid }))).toEqual([
      ['missing-required', '/reason'],
      ['missing-required', '/original_request']
    ])
    expect(
      left(
        decodeWebhook('fallback', {
          to: '1',
          reason: 'Invalid NCCO.',
          original_request: { url: 'https://example.com/answer', type: 'answer' }
        })
      )
    ).toEqual([
      ['missing-required', '/uuid'],
      ['missing-required', '/conversation_uuid']
    ])
  })
})

describe('never throws, never changes the input', () => {
  it('is not an object', () => {
    for (const payload of [null, undefined, 'text', 42, [], [{}], new Date(0)]) {
      expect(left(decodeWebhook('event', payload))).toEqual([['invalid-type', '']])
    }
  })

  it('an unknown route is a finding', () => {
    expect(left(decodeWebhook('answr' as WebhookRoute, {}))).toEqual([
      ['unknown-webhook-route', '']
    ])
  })

  it('hostile getters, proxies and cycles become findings at their paths', () => {
    const getter = { uuid, conversation_uuid: conversation, status: 'started' }
    Object.defineProperty(getter, 'from', {
      enumerable: true,
      get: () => {
        throw new Error('no')
      }
    })
    expect(left(decodeWebhook('event', getter))).toEqual([['unreadable-value', '/from']])
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys')
        }
      }
    )
    expect(left(decodeWebhook('event', proxy))).toEqual([['unreadable-value', '']])
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect(
      left(decodeWebhook('notify', { conversation_uuid: conversation, payload: cyclic }))
    ).toEqual([['cyclic-reference', '/payload/self']])
  })

  it('something that only looks like a URLSearchParams is a finding: a fake, a proxy', () => {
    const fake: unknown = Object.create(URLSearchParams.prototype)
    const disguised = new Proxy({}, { getPrototypeOf: () => URLSearchParams.prototype })
    for (const query of [fake, disguised]) {
      for (const route of ['answer', 'event', 'fallback'] as const) {
        expect(left(decodeWebhook(route, query))).toEqual([['unreadable-value', '']])
      }
    }
  })

  it('a URLSearchParams subclass is read by its own entries, not by an iterator it overrides', () => {
    // An overriding iterator could yield anything, for ever; the parameters are a finite list.
    class OtherQuery extends URLSearchParams {
      override *[Symbol.iterator](): IterableIterator<[string, string]> {
        yield ['uuid', 'from the iterator']
      }
    }
    const query = new OtherQuery({ uuid, conversation_uuid: conversation })
    expect(right(decodeWebhook('answer', query)).uuid).toBe(uuid)
  })

  it('a proxy whose has or getPrototypeOf trap throws is a finding', () => {
    const payload = { uuid, conversation_uuid: conversation, status: 'started' }
    const throwing = (): never => {
      throw new Error('trap')
    }
    expect(right(decodeWebhook('event', new Proxy(payload, { has: throwing }))).kind).toBe(
      'started'
    )
    expect(left(decodeWebhook('event', new Proxy(payload, { getPrototypeOf: throwing })))).toEqual([
      ['invalid-type', '']
    ])
  })

  it('a fallback payload is read once: a getter that fails on a later read changes nothing', () => {
    let reads = 0
    const payload: Record<string, unknown> = {
      reason: 'Invalid NCCO.',
      original_request: { url: 'https://example.com/answer', type: 'answer' },
      uuid,
      conversation_uuid: conversation
    }
    Object.defineProperty(payload, 'to', {
      enumerable: true,
      get: () => {
        reads++
        if (reads > 1) throw new Error('read twice')
        return '447700900000'
      }
    })
    const decoded = right(decodeWebhook('fallback', payload))
    expect(decoded.original).toMatchObject({ kind: 'answer', to: '447700900000' })
    expect(reads).toBe(1)
  })

  it('a huge string and deep JSON text are bounded', () => {
    const huge = 'x'.repeat(5_000_000)
    expect(
      right(decodeWebhook('answer', { uuid, conversation_uuid: conversation, to: huge })).to
    ).toBe(huge)
    expect(
      left(
        decodeWebhook('answer', {
          uuid,
          conversation_uuid: conversation,
          custom_data: '{"a":"' + huge + '"}'
        })
      )
    ).toEqual([['invalid-json', '/custom_data']])
    const deep = '{"a":'.repeat(200) + '1' + '}'.repeat(200)
    expect(
      left(decodeWebhook('answer', { uuid, conversation_uuid: conversation, custom_data: deep }))
    ).toEqual([['too-deep', '/custom_data' + '/a'.repeat(100)]])
  })

  it('a sparse array of huge length is one finding, not a walk of every index', () => {
    const results: unknown[] = []
    results.length = 2 ** 32 - 1
    expect(
      left(decodeWebhook('input', { conversation_uuid: conversation, speech: { results } }))
    ).toEqual([['array-too-long', '/speech/results']])
    expect(
      left(
        decodeWebhook('answer', { uuid, conversation_uuid: conversation, custom_data: { results } })
      )
    ).toEqual([['array-too-long', '/custom_data/results']])
  })

  it('a key named __proto__ is kept as data', () => {
    const payload = JSON.parse(
      `{"uuid":"${uuid}","conversation_uuid":"${conversation}","status":"started","__proto__":{"polluted":true}}`
    ) as unknown
    const decoded = right(decodeWebhook('event', payload))
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype)
    expect(Object.prototype.hasOwnProperty.call(decoded, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('matching on kind', () => {
  const decoded = right(
    decodeWebhook('event', {
      uuid,
      conversation_uuid: conversation,
      status: 'completed',
      duration: 9
    })
  )

  it('isWebhook narrows to the kinds named', () => {
    expect(isWebhook('completed')(decoded)).toBe(true)
    expect(isWebhook('busy', 'failed')(decoded)).toBe(false)
    if (isWebhook('completed')(decoded)) expect(decoded.duration).toBe(9)
  })

  it('matchWebhookOr picks the case of the kind, else the fallback', () => {
    const f = matchWebhookOr({ completed: (w) => `done in ${w.duration ?? 0}` }, (w) => w.kind)
    expect(f(decoded)).toBe('done in 9')
    expect(
      f(right(decodeWebhook('event', { uuid, conversation_uuid: conversation, status: 'busy' })))
    ).toBe('busy')
  })

  it('matchWebhook calls the case of the kind', () => {
    const label = (k: string) => () => k
    const f = matchWebhook({
      answer: label('answer'),
      started: label('started'),
      ringing: label('ringing'),
      answered: label('answered'),
      busy: label('busy'),
      cancelled: label('cancelled'),
      unanswered: label('unanswered'),
      rejected: label('rejected'),
      failed: label('failed'),
      timeout: label('timeout'),
      completed: (w) => `completed ${w.duration ?? 0}`,
      human: label('human'),
      machine: label('machine'),
      disconnected: label('disconnected'),
      input: label('input'),
      record: label('record'),
      transcription: label('transcription'),
      notify: label('notify'),
      transfer: label('transfer'),
      error: label('error'),
      fallback: label('fallback'),
      'call-placed': label('call-placed'),
      unknown: label('unknown')
    })
    expect(f(decoded)).toBe('completed 9')
  })
})
