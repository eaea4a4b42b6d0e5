/**
 * What the webhook types allow and rule out. Each `@ts-expect-error` marks code that must not
 * compile; the typecheck fails if it does.
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { describe, expectTypeOf, it } from 'vitest'
import { decodeWebhook, matchWebhook, webhookHandler } from '../../src/index.js'
import type {
  AnswerWebhook,
  CompletedEvent,
  EventWebhook,
  InputWebhook,
  Issue,
  RecordWebhook,
  RouteWebhook,
  Webhook,
  WebhookKind,
  WebhookOfKind
} from '../../src/index.js'

describe('decodeWebhook', () => {
  it('returns the webhook type of its route', () => {
    expectTypeOf(decodeWebhook('answer', {})).toEqualTypeOf<
      E.Either<ReadonlyNonEmptyArray<Issue>, AnswerWebhook>
    >()
    expectTypeOf(decodeWebhook('input', {})).toEqualTypeOf<
      E.Either<ReadonlyNonEmptyArray<Issue>, InputWebhook>
    >()
    expectTypeOf(decodeWebhook('event', {})).toEqualTypeOf<
      E.Either<ReadonlyNonEmptyArray<Issue>, EventWebhook>
    >()
    expectTypeOf<RouteWebhook<'record'>>().toEqualTypeOf<RecordWebhook>()
    // @ts-expect-error: not a route
    decodeWebhook('answers', {})
  })

  it('has decoded types: numbers, nested input, known literals plus any string', () => {
    expectTypeOf<CompletedEvent['duration']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<CompletedEvent['kind']>().toEqualTypeOf<'completed'>()
    expectTypeOf<CompletedEvent['status']>().toEqualTypeOf<'completed'>()
    expectTypeOf<NonNullable<InputWebhook['dtmf']>['digits']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<'user'>().toMatchTypeOf<NonNullable<CompletedEvent['disconnected_by']>>()
    expectTypeOf<'somebody else'>().toMatchTypeOf<NonNullable<CompletedEvent['disconnected_by']>>()
    expectTypeOf<AnswerWebhook['sipHeaders']>().toEqualTypeOf<
      Readonly<Record<string, string>> | undefined
    >()
    expectTypeOf<AnswerWebhook['raw']>().toEqualTypeOf<unknown>()
  })
})

describe('kinds', () => {
  it('a switch on kind narrows, and covers the union', () => {
    const describeIt = (w: Webhook): string => {
      switch (w.kind) {
        case 'completed':
          expectTypeOf(w).toEqualTypeOf<CompletedEvent>()
          return String(w.duration)
        case 'answer':
          return w.uuid
        default:
          return w.kind
      }
    }
    expectTypeOf(describeIt).returns.toEqualTypeOf<string>()
    expectTypeOf<WebhookOfKind<'human'>['status']>().toEqualTypeOf<'human'>()
    expectTypeOf<'call-placed'>().toMatchTypeOf<WebhookKind>()
  })

  it('matchWebhook needs every kind', () => {
    // @ts-expect-error: the other kinds are missing
    matchWebhook({ completed: () => 1 })
  })
})

describe('webhookHandler', () => {
  it('gives each function its route type and takes NCCOs back', () => {
    webhookHandler({
      answer: (w) => {
        expectTypeOf(w).toEqualTypeOf<AnswerWebhook>()
        return [{ action: 'talk', text: 'Hello' }]
      },
      input: (w) => {
        expectTypeOf(w).toEqualTypeOf<InputWebhook>()
        return undefined
      }
    })
    webhookHandler({
      // @ts-expect-error: an NCCO action needs its required fields
      answer: () => [{ action: 'talk' }]
    })
  })
})
