/**
 * The `connect` builder: connects the call to one endpoint. The caller id is either `from` or
 * `randomFromNumber()`, never both: once one is given, the types no longer offer the other.
 *
 * @since 0.1.0
 */
import { ConnectAction } from '../ncco/connect.js'
import { validatorFor } from '../validate.js'
import { Builder } from './builder.js'
import type { Buildable, BuildResult } from './builder.js'
import { endpointOf } from './endpoints.js'
import type { EndpointInput } from './endpoints.js'
import { frozenObject, phoneNumber, urlList } from './internal.js'
import type { Given, MissingMethods, NoneMissing, UrlInput } from './internal.js'
import type { ConnectActionMethods } from './method-docs.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Which caller id was chosen: none yet, a `from` number, or a random number of the
 * application.
 *
 * @category model
 * @since 0.1.0
 */
export type CallerState = 'none' | 'from' | 'random'

interface ConnectMethods<C extends CallerState>
  extends
    Buildable<ConnectAction>,
    Pick<
      ConnectActionMethods,
      | 'eventType'
      | 'timeout'
      | 'limit'
      | 'machineDetection'
      | 'advancedMachineDetection'
      | 'eventUrl'
      | 'eventMethod'
      | 'ringbackTone'
    > {
  eventType(eventType: Given<ConnectAction, 'eventType'>): ConnectBuilder<C>
  timeout(timeout: Given<ConnectAction, 'timeout'>): ConnectBuilder<C>
  limit(limit: Given<ConnectAction, 'limit'>): ConnectBuilder<C>
  machineDetection(machineDetection: Given<ConnectAction, 'machineDetection'>): ConnectBuilder<C>
  advancedMachineDetection(
    advancedMachineDetection: Given<ConnectAction, 'advancedMachineDetection'>
  ): ConnectBuilder<C>
  eventUrl(eventUrl: UrlInput): ConnectBuilder<C>
  eventMethod(eventMethod: Given<ConnectAction, 'eventMethod'>): ConnectBuilder<C>
  ringbackTone(ringbackTone: Given<ConnectAction, 'ringbackTone'>): ConnectBuilder<C>
}

interface FromMethod extends Pick<ConnectActionMethods, 'from'> {
  /**
   * Caller id: one of your Vonage numbers. `+44 7700 900000` is normalised to
   * `447700900000`; for a phone endpoint it must be E.164.
   */
  from(from: string): ConnectBuilder<'from'>
}

interface RandomFromNumberMethod extends Pick<ConnectActionMethods, 'randomFromNumber'> {
  randomFromNumber(): ConnectBuilder<'random'>
}

/**
 * A `connect` action under construction, with the caller id choice `C`.
 *
 * @category builders
 * @since 0.1.0
 */
export type ConnectBuilder<C extends CallerState = 'none'> = ConnectMethods<C> &
  (C extends 'random' ? unknown : FromMethod) &
  (C extends 'from' ? unknown : RandomFromNumberMethod)

// -------------------------------------------------------------------------------------
// implementation
// -------------------------------------------------------------------------------------

const validateConnect = validatorFor(ConnectAction)

/** Every method; the public `ConnectBuilder` type shows those that apply. */
class ConnectBuilderImpl extends Builder<ConnectAction> {
  protected override readonly what = 'The connect action'
  protected override validate(value: ConnectAction): BuildResult<ConnectAction> {
    return validateConnect(value)
  }
  from(from: string): this {
    return this.with({ from: phoneNumber(from) })
  }
  randomFromNumber(): this {
    return this.with({ randomFromNumber: true })
  }
  eventType(eventType: Given<ConnectAction, 'eventType'>): this {
    return this.with({ eventType })
  }
  timeout(timeout: Given<ConnectAction, 'timeout'>): this {
    return this.with({ timeout })
  }
  limit(limit: Given<ConnectAction, 'limit'>): this {
    return this.with({ limit })
  }
  machineDetection(machineDetection: Given<ConnectAction, 'machineDetection'>): this {
    return this.with({ machineDetection })
  }
  advancedMachineDetection(
    advancedMachineDetection: Given<ConnectAction, 'advancedMachineDetection'>
  ): this {
    return this.with({ advancedMachineDetection })
  }
  eventUrl(eventUrl: UrlInput): this {
    return this.with({ eventUrl: urlList(eventUrl) })
  }
  eventMethod(eventMethod: Given<ConnectAction, 'eventMethod'>): this {
    return this.with({ eventMethod })
  }
  ringbackTone(ringbackTone: Given<ConnectAction, 'ringbackTone'>): this {
    return this.with({ ringbackTone })
  }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A `connect` action to one endpoint (a builder such as `phone(…)`, or a plain endpoint).
 *
 * @example
 * import { connect, phone } from 'ncco-kit'
 *
 * connect(phone('447700900001')).from('447700900000').timeout(20)
 *
 * @category constructors
 * @since 0.1.0
 */
export const connect = (endpoint: EndpointInput): ConnectBuilder =>
  new ConnectBuilderImpl(
    frozenObject<ConnectAction>({ action: 'connect', endpoint: [endpointOf(endpoint)] })
  )

type _ConnectCovered = NoneMissing<
  MissingMethods<ConnectAction, ConnectBuilder, 'action' | 'endpoint'>
>
