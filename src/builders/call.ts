/**
 * Create-call request builders: `callV1()` for `POST /v1/calls` and `callV2()` for the seed's
 * `POST /v2/calls`. Methods are camelCase and write the request's snake_case keys.
 *
 * The types track the required parts: `to`, exactly one of `ncco` / `answerUrl`, and the
 * caller (v1: exactly one of `from` / `randomFromNumber()`; v2: `from`). `value` and `toJSON`
 * exist only once they are all given; calling `build` or `buildOrThrow` before fails to
 * compile with a message that names what is missing ("from (or randomFromNumber) is
 * missing"). Once `ncco` is given, `answerUrl` is no longer offered, and the reverse; the same
 * holds for `from` and `randomFromNumber()`. The built request's type says what was given: the
 * kinds of endpoint in `to`, the instructions and the caller.
 *
 * @since 0.1.0
 */
import type { PhoneFrom } from '../call/common.js'
import type { CreateCallV1Request } from '../call/v1.js'
import type { CreateCallV2Request } from '../call/v2.js'
import type { CallEndpoint, CallSipEndpoint } from '../ncco/endpoints.js'
import type { Ncco } from '../ncco/ncco.js'
import { validateCallV1, validateCallV2 } from '../validate.js'
import { Builder, plainOf } from './builder.js'
import type { Buildable, BuildResult } from './builder.js'
import type { CallerState } from './connect.js'
import { callEndpointOf } from './endpoints.js'
import type { CallEndpointInput, SipEndpointBuilder } from './endpoints.js'
import { phoneNumber, urlList } from './internal.js'
import type { Given, MissingMethods, NoneMissing, UrlInput } from './internal.js'
import { NccoBuilder } from './ncco.js'
import type { ActionInput } from './ncco.js'
import type { CreateCallV1RequestMethods } from './method-docs.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How the call gets its NCCO: not said yet, inline (`ncco`), or from a webhook (`answerUrl`).
 *
 * @category model
 * @since 0.1.0
 */
export type InstructionsState = 'none' | 'ncco' | 'answerUrl'

/**
 * An NCCO as a create-call request takes it: an NCCO builder, or a list of actions.
 *
 * @category model
 * @since 0.1.0
 */
export type NccoInput = NccoBuilder | ReadonlyArray<ActionInput>

type Version = 'v1' | 'v2'

/**
 * The members of the request union `R` that the builder's state says: inline NCCO or answer
 * URL (`I`), `from` or a random number (`C`); with the endpoints `E` in `to`.
 */
type Built<R, E, I extends InstructionsState, C extends CallerState> =
  Extract<R, InstructionsOf<I> & CallerOf<C>> extends infer S
    ? S extends unknown
      ? Omit<S, 'to'> & { readonly to: Array<E> }
      : never
    : never

type InstructionsOf<I extends InstructionsState> = I extends 'ncco'
  ? { readonly ncco: Ncco }
  : I extends 'answerUrl'
    ? { readonly answer_url: ReadonlyArray<string> }
    : never

type CallerOf<C extends CallerState> = C extends 'from'
  ? { readonly from: PhoneFrom }
  : C extends 'random'
    ? { readonly random_from_number: true }
    : never

/**
 * What a finished `callV1()` builds: a `CreateCallV1Request` whose `to` has the kinds of
 * endpoint that were given (`E`), with the call instructions (`I`) and the caller (`C`) that
 * were given. Built with an NCCO, `from` and phone, app or vbc endpoints, it also fits the
 * official SDK's `createOutboundCall` (see docs/interop.md).
 *
 * @category model
 * @since 0.2.0
 */
export type BuiltCallV1Request<
  E extends CallEndpoint = CallEndpoint,
  I extends 'ncco' | 'answerUrl' = 'ncco' | 'answerUrl',
  C extends 'from' | 'random' = 'from' | 'random'
> = Built<CreateCallV1Request, E, I, C>

/**
 * What a finished `callV2()` builds: a `CreateCallV2Request` of the kinds of endpoint that
 * were given (`E`), with the call instructions that were given (`I`).
 *
 * @category model
 * @since 0.2.0
 */
export type BuiltCallV2Request<
  E extends CallEndpoint = CallEndpoint,
  I extends 'ncco' | 'answerUrl' = 'ncco' | 'answerUrl'
> = Built<CreateCallV2Request, E, I, 'from'>

/**
 * The plain endpoint that `to(...)` writes for what it was given: a builder's value (a sip
 * builder's in its create-call form), or the plain endpoint itself.
 *
 * @category model
 * @since 0.2.0
 */
export type CallEndpointOf<X extends CallEndpointInput> = X extends SipEndpointBuilder
  ? CallSipEndpoint
  : Extract<CallEndpoint, { readonly type: EndpointKind<X extends Buildable<infer A> ? A : X> }>

/** The `type` of an endpoint. */
type EndpointKind<A> = A extends { readonly type: infer K } ? K : never

/** The type of the request field `K` of version `V` once given, from the codec types. */
type Field<
  V extends Version,
  K extends keyof CreateCallV1Request & keyof CreateCallV2Request
> = V extends 'v1' ? Given<CreateCallV1Request, K> : Given<CreateCallV2Request, K>

/** The builder of version `V` in the given state. */
type Next<
  V extends Version,
  T extends boolean,
  I extends InstructionsState,
  C extends CallerState,
  E extends CallEndpoint
> = V extends 'v1' ? CallV1Builder<T, I, C, E> : CallV2Builder<T, I, Exclude<C, 'random'>, E>

/** What both versions offer in every state. */
interface CallOptions<
  V extends Version,
  T extends boolean,
  I extends InstructionsState,
  C extends CallerState,
  E extends CallEndpoint
> extends Pick<
  CreateCallV1RequestMethods,
  'to' | 'eventUrl' | 'eventMethod' | 'machineDetection' | 'lengthTimer' | 'ringingTimer'
> {
  /** The endpoints to call, replacing any given before. */
  to<X extends readonly [CallEndpointInput, ...Array<CallEndpointInput>]>(
    ...endpoints: X
  ): Next<V, true, I, C, CallEndpointOf<X[number]>>
  eventUrl(eventUrl: UrlInput): Next<V, T, I, C, E>
  eventMethod(eventMethod: Field<V, 'event_method'>): Next<V, T, I, C, E>
  machineDetection(machineDetection: Field<V, 'machine_detection'>): Next<V, T, I, C, E>
  lengthTimer(lengthTimer: Field<V, 'length_timer'>): Next<V, T, I, C, E>
  ringingTimer(ringingTimer: Field<V, 'ringing_timer'>): Next<V, T, I, C, E>
}

interface NccoMethod<
  V extends Version,
  T extends boolean,
  C extends CallerState,
  E extends CallEndpoint
> extends Pick<CreateCallV1RequestMethods, 'ncco'> {
  /** The NCCO to run when the call is answered (instead of `answerUrl`). */
  ncco(ncco: NccoInput): Next<V, T, 'ncco', C, E>
}

interface AnswerUrlMethod<
  V extends Version,
  T extends boolean,
  C extends CallerState,
  E extends CallEndpoint
> extends Pick<CreateCallV1RequestMethods, 'answerUrl'> {
  /** The webhook that returns the NCCO (instead of `ncco`). */
  answerUrl(answerUrl: UrlInput): Next<V, T, 'answerUrl', C, E>
}

interface AnswerMethodMethod<
  V extends Version,
  T extends boolean,
  C extends CallerState,
  E extends CallEndpoint
> extends Pick<CreateCallV1RequestMethods, 'answerMethod'> {
  answerMethod(answerMethod: Field<V, 'answer_method'>): Next<V, T, 'answerUrl', C, E>
}

/** `ncco` or `answerUrl`, whichever is not ruled out, and `answerMethod` with `answerUrl`. */
type Instructions<
  V extends Version,
  T extends boolean,
  I extends InstructionsState,
  C extends CallerState,
  E extends CallEndpoint
> = (I extends 'answerUrl' ? AnswerMethodMethod<V, T, C, E> : NccoMethod<V, T, C, E>) &
  (I extends 'ncco' ? unknown : AnswerUrlMethod<V, T, C, E>)

interface FromMethod<
  V extends Version,
  T extends boolean,
  I extends InstructionsState,
  E extends CallEndpoint
> extends Pick<CreateCallV1RequestMethods, 'from'> {
  /** Caller id: one of your Vonage numbers; `+44 7700 900000` is normalised. */
  from(number: string): Next<V, T, I, 'from', E>
}

interface V1Options<
  T extends boolean,
  I extends InstructionsState,
  C extends CallerState,
  E extends CallEndpoint
> extends Pick<CreateCallV1RequestMethods, 'advancedMachineDetection'> {
  advancedMachineDetection(
    settings: Given<CreateCallV1Request, 'advanced_machine_detection'>
  ): CallV1Builder<T, I, C, E>
}

interface RandomFromNumberMethod<
  T extends boolean,
  I extends InstructionsState,
  E extends CallEndpoint
> extends Pick<CreateCallV1RequestMethods, 'randomFromNumber'> {
  /** Uses a random number linked to the application as caller id (instead of `from`). */
  randomFromNumber(): CallV1Builder<T, I, 'random', E>
}

/**
 * The parts of a request that are still missing, as `build`'s `this` type names them: the type
 * is written out (not an alias), so that the compiler's message shows the sentences.
 */
type Missing<Parts extends string> = {
  readonly [P in Parts as `${P} is missing`]: true
} extends infer M
  ? M
  : never

/**
 * `build` and `buildOrThrow` of a request that is not finished: calling them fails to compile
 * with a message that names what is missing.
 */
interface Unfinished<Parts extends string> {
  build(this: Missing<Parts>): never
  buildOrThrow(this: Missing<Parts>): never
}

/** What a request of version `V` in the given state still needs. */
type MissingParts<
  V extends Version,
  T extends boolean,
  I extends InstructionsState,
  C extends CallerState
> =
  | (T extends true ? never : 'to')
  | (C extends 'none' ? (V extends 'v1' ? 'from (or randomFromNumber)' : 'from') : never)
  | (I extends 'none' ? 'ncco (or answerUrl)' : never)

/** `Buildable` once nothing is missing, `Unfinished` until then. */
type Finish<Parts extends string, A> = [Parts] extends [never] ? Buildable<A> : Unfinished<Parts>

/**
 * A v1 create-call request under construction: `T` whether `to` was given, `I` the call
 * instructions, `C` the caller id, `E` the kinds of endpoint in `to`.
 *
 * @category builders
 * @since 0.1.0
 */
export type CallV1Builder<
  T extends boolean = false,
  I extends InstructionsState = 'none',
  C extends CallerState = 'none',
  E extends CallEndpoint = CallEndpoint
> = CallOptions<'v1', T, I, C, E> &
  V1Options<T, I, C, E> &
  Instructions<'v1', T, I, C, E> &
  (C extends 'random' ? unknown : FromMethod<'v1', T, I, E>) &
  (C extends 'from' ? unknown : RandomFromNumberMethod<T, I, E>) &
  Finish<MissingParts<'v1', T, I, C>, Built<CreateCallV1Request, E, I, C>>

/**
 * A v2 create-call request under construction: `T` whether `to` was given, `I` the call
 * instructions, `C` whether `from` was given, `E` the kinds of endpoint in `to`.
 *
 * @category builders
 * @since 0.1.0
 */
export type CallV2Builder<
  T extends boolean = false,
  I extends InstructionsState = 'none',
  C extends 'none' | 'from' = 'none',
  E extends CallEndpoint = CallEndpoint
> = CallOptions<'v2', T, I, C, E> &
  Instructions<'v2', T, I, C, E> &
  FromMethod<'v2', T, I, E> &
  Finish<MissingParts<'v2', T, I, C>, Built<CreateCallV2Request, E, I, C>>

// -------------------------------------------------------------------------------------
// implementation
// -------------------------------------------------------------------------------------

/** Anything else (from code without types) is kept as given, for `build()` to report. */
const nccoOf = (ncco: NccoInput): Ncco =>
  ncco instanceof NccoBuilder
    ? ncco.value
    : Array.isArray(ncco)
      ? ncco.map(plainOf)
      : (ncco as unknown as Ncco)

/**
 * Every method of both versions' common part; the public types show those that apply. The
 * value is partial until the types let `build` be called.
 */
abstract class CallBuilderImpl<
  A extends CreateCallV1Request | CreateCallV2Request
> extends Builder<A> {
  /** Writes snake_case keys, which the camelCase `Partial<A>` of `with` cannot name. */
  protected set(patch: Readonly<Record<string, unknown>>): this {
    return this.with(patch as Partial<A>)
  }
  to(...endpoints: ReadonlyArray<CallEndpointInput>): this {
    return this.set({ to: endpoints.map(callEndpointOf) })
  }
  from(number: string): this {
    return this.set({ from: { type: 'phone', number: phoneNumber(number) } })
  }
  ncco(ncco: NccoInput): this {
    return this.set({ ncco: nccoOf(ncco) })
  }
  answerUrl(answerUrl: UrlInput): this {
    return this.set({ answer_url: urlList(answerUrl) })
  }
  answerMethod(answerMethod: Field<Version, 'answer_method'>): this {
    return this.set({ answer_method: answerMethod })
  }
  eventUrl(eventUrl: UrlInput): this {
    return this.set({ event_url: urlList(eventUrl) })
  }
  eventMethod(eventMethod: Field<Version, 'event_method'>): this {
    return this.set({ event_method: eventMethod })
  }
  machineDetection(machineDetection: Field<Version, 'machine_detection'>): this {
    return this.set({ machine_detection: machineDetection })
  }
  lengthTimer(lengthTimer: number): this {
    return this.set({ length_timer: lengthTimer })
  }
  ringingTimer(ringingTimer: number): this {
    return this.set({ ringing_timer: ringingTimer })
  }
}

class CallV1Impl extends CallBuilderImpl<CreateCallV1Request> {
  protected override readonly what = 'The v1 create-call request'
  protected override validate(value: CreateCallV1Request): BuildResult<CreateCallV1Request> {
    return validateCallV1(value)
  }
  randomFromNumber(): this {
    return this.set({ random_from_number: true })
  }
  advancedMachineDetection(
    settings: Given<CreateCallV1Request, 'advanced_machine_detection'>
  ): this {
    return this.set({ advanced_machine_detection: settings })
  }
}

class CallV2Impl extends CallBuilderImpl<CreateCallV2Request> {
  protected override readonly what = 'The v2 create-call request'
  protected override validate(value: CreateCallV2Request): BuildResult<CreateCallV2Request> {
    return validateCallV2(value)
  }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const empty = Object.freeze({})

/**
 * A v1 create-call request (`POST /v1/calls`), built up from nothing.
 *
 * @example
 * import { callV1, phone, talk } from 'ncco-kit'
 *
 * callV1()
 *   .to(phone('+44 7700 900001'))
 *   .from('+44 7700 900000')
 *   .ncco([talk('This is a reminder of your appointment.')])
 *   .advancedMachineDetection({ behavior: 'continue', mode: 'detect_beep' })
 *   .buildOrThrow()
 *
 * @category constructors
 * @since 0.1.0
 */
export const callV1 = (): CallV1Builder =>
  new CallV1Impl(empty as CreateCallV1Request) as unknown as CallV1Builder

/**
 * A v2 create-call request (`POST /v2/calls`), built up from nothing.
 *
 * @example
 * import { app, callV2, talk } from 'ncco-kit'
 *
 * assert.deepStrictEqual(
 *   callV2().to(app('alice')).from('447700900000').ncco([talk('Hello Alice')]).buildOrThrow(),
 *   {
 *     to: [{ type: 'app', user: 'alice' }],
 *     from: { type: 'phone', number: '447700900000' },
 *     ncco: [{ action: 'talk', text: 'Hello Alice' }]
 *   }
 * )
 *
 * @category constructors
 * @since 0.1.0
 */
export const callV2 = (): CallV2Builder =>
  new CallV2Impl(empty as CreateCallV2Request) as unknown as CallV2Builder

// `$schema` names a request file's JSON Schema for editors; it is never sent, so no builder
// method sets it.
type _CallV1Covered = NoneMissing<
  MissingMethods<
    CreateCallV1Request,
    CallV1Builder<false, 'none'> & CallV1Builder<false, 'answerUrl'>,
    '$schema'
  >
>
type _CallV2Covered = NoneMissing<
  MissingMethods<
    CreateCallV2Request,
    CallV2Builder<false, 'none'> & CallV2Builder<false, 'answerUrl'>,
    '$schema'
  >
>
