import type * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expectTypeOf, it } from 'vitest'
import type {
  CallAcceptedV2,
  CallCreatedV1,
  CallOptionsV2,
  Client
} from '../../src/sender/client.js'
import type { ClientOptions } from '../../src/sender/config.js'
import type { CreateCallFailure, FailureKind } from '../../src/sender/failure.js'

declare const client: Client

describe('client types', () => {
  it('createCall follows the API version', () => {
    expectTypeOf(client.createCall('v1', {})).toEqualTypeOf<
      TE.TaskEither<CreateCallFailure, CallCreatedV1>
    >()
    expectTypeOf(client.createCall('v2', {})).toEqualTypeOf<
      TE.TaskEither<CreateCallFailure, CallAcceptedV2>
    >()
  })

  it('the Promise methods resolve to what the TaskEither ones hold, and take the same options', () => {
    expectTypeOf(client.createCallOrThrow('v1', {})).toEqualTypeOf<Promise<CallCreatedV1>>()
    expectTypeOf(client.createCallOrThrow('v2', {})).toEqualTypeOf<Promise<CallAcceptedV2>>()
    expectTypeOf(client.createCallV1OrThrow).parameters.toEqualTypeOf<
      Parameters<Client['createCallV1']>
    >()
    expectTypeOf(client.createCallV2OrThrow).parameters.toEqualTypeOf<
      Parameters<Client['createCallV2']>
    >()
    expectTypeOf(client.createCallV1OrThrow).returns.toEqualTypeOf<Promise<CallCreatedV1>>()
    expectTypeOf(client.createCallV2OrThrow).returns.toEqualTypeOf<Promise<CallAcceptedV2>>()
    // @ts-expect-error advanced machine detection is v1 only
    void client.createCallOrThrow('v2', {}, { advancedMachineDetection: { behavior: 'continue' } })
  })

  it('v2 has no advanced machine detection', () => {
    expectTypeOf<CallOptionsV2>().not.toHaveProperty('advancedMachineDetection')
    // @ts-expect-error advanced machine detection is v1 only
    client.createCall('v2', {}, { advancedMachineDetection: { behavior: 'continue' } })
  })

  it('credentials: a key or a token function, not both', () => {
    expectTypeOf({ applicationId: 'id', privateKey: 'key.pem' }).toExtend<ClientOptions>()
    expectTypeOf({ token: () => 'jwt' }).toExtend<ClientOptions>()
    expectTypeOf({ token: () => 'jwt', privateKey: 'key.pem' }).not.toExtend<ClientOptions>()
    expectTypeOf({ applicationId: 'id' }).not.toExtend<ClientOptions>()
  })

  it('failures are a closed union of kinds', () => {
    expectTypeOf<FailureKind>().toEqualTypeOf<
      | 'invalid-request'
      | 'local-failure'
      | 'unauthorized'
      | 'forbidden'
      | 'rate-limited'
      | 'rejected'
      | 'server-error'
      | 'outcome-unknown'
      | 'network'
      | 'unexpected-response'
      | 'not-sent'
    >()
    expectTypeOf<
      Extract<CreateCallFailure, { kind: 'rate-limited' }>['retryAfterMs']
    >().toEqualTypeOf<number | undefined>()
  })
})
