/**
 * Create-call request builders: `callV1()` for `POST /v1/calls` and `callV2()` for the seed's
 * `POST /v2/calls`. Methods are camelCase and write the request's snake_case keys.
 *
 * The types track the required parts, and `build`, `buildOrThrow`, `value` and `toJSON`
 * exist only once they are all given: `to`, exactly one of `ncco` / `answerUrl`, and the
 * caller (v1: exactly one of `from` / `randomFromNumber()`; v2: `from`). Once `ncco` is given,
 * `answerUrl` is no longer offered, and the reverse; the same holds for `from` and
 * `randomFromNumber()`.
 *
 * @since 0.1.0
 */
import type { CreateCallV1Request } from '../call/v1.js'
import type { CreateCallV2Request } from '../call/v2.js'
import type { Ncco } from '../ncco/ncco.js'
import { validateCallV1, validateCallV2 } from '../validate.js'
import { Builder, plainOf } from './builder.js'
import type { Buildable, BuildResult } from './builder.js'
import type { CallerState } from './connect.js'
import { callEndpointOf } from './endpoints.js'
import type { CallEndpointInput } from './endpoints.js'
import { phoneNumber, urlList } from './internal.js'
import type { Given, MissingMethods, NoneMissing, UrlInput } from './internal.js'
import { NccoBuilder } from './ncco.js'
import type { ActionInput } from './ncco.js'

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
  C extends CallerState
> = V extends 'v1' ? CallV1Builder<T, I, C> : CallV2Builder<T, I, Exclude<C, 'random'>>

/** What both versions offer in every state. */
interface CallOptions<
  V extends Version,
  T extends boolean,
  I extends InstructionsState,
  C extends CallerState
> {
  /** The endpoints to call, replacing any given before. */
  to(first: CallEndpointInput, ...more: ReadonlyArray<CallEndpointInput>): Next<V, true, I, C>
  eventUrl(eventUrl: UrlInput): Next<V, T, I, C>
  eventMethod(eventMethod: Field<V, 'event_method'>): Next<V, T, I, C>
  machineDetection(machineDetection: Field<V, 'machine_detection'>): Next<V, T, I, C>
  lengthTimer(lengthTimer: Field<V, 'length_timer'>): Next<V, T, I, C>
  ringingTimer(ringingTimer: Field<V, 'ringing_timer'>): Next<V, T, I, C>
}

interface NccoMethod<V extends Version, T extends boolean, C extends CallerState> {
  /** The NCCO to run when the call is answered (instead of `answerUrl`). */
  ncco(ncco: NccoInput): Next<V, T, 'ncco', C>
}

interface AnswerUrlMethod<V extends Version, T extends boolean, C extends CallerState> {
  /** The webhook that returns the NCCO (instead of `ncco`). */
  answerUrl(answerUrl: UrlInput): Next<V, T, 'answerUrl', C>
}

interface AnswerMethodMethod<V extends Version, T extends boolean, C extends CallerState> {
  answerMethod(answerMethod: Field<V, 'answer_method'>): Next<V, T, 'answerUrl', C>
}

/** `ncco` or `answerUrl`, whichever is not ruled out, and `answerMethod` with `answerUrl`. */
type Instructions<
  V extends Version,
  T extends boolean,
  I extends InstructionsState,
  C extends CallerState
> = (I extends 'answerUrl' ? AnswerMethodMethod<V, T, C> : NccoMethod<V, T, C>) &
  (I extends 'ncco' ? unknown : AnswerUrlMethod<V, T, C>)

interface FromMethod<V extends Version, T extends boolean, I extends InstructionsState> {
  /** Caller id: one of your Vonage numbers; `+44 7700 900000` is normalised. */
  from(number: string): Next<V, T, I, 'from'>
}

interface V1Options<T extends boolean, I extends InstructionsState, C extends CallerState> {
  advancedMachineDetection(
    settings: Given<CreateCallV1Request, 'advanced_machine_detection'>
  ): CallV1Builder<T, I, C>
}

interface RandomFromNumberMethod<T extends boolean, I extends InstructionsState> {
  /** Uses a random number linked to the application as caller id (instead of `from`). */
  randomFromNumber(): CallV1Builder<T, I, 'random'>
}

/**
 * A v1 create-call request under construction: `T` whether `to` was given, `I` the call
 * instructions, `C` the caller id.
 *
 * @category builders
 * @since 0.1.0
 */
export type CallV1Builder<
  T extends boolean = false,
  I extends InstructionsState = 'none',
  C extends CallerState = 'none'
> = CallOptions<'v1', T, I, C> &
  V1Options<T, I, C> &
  Instructions<'v1', T, I, C> &
  (C extends 'random' ? unknown : FromMethod<'v1', T, I>) &
  (C extends 'from' ? unknown : RandomFromNumberMethod<T, I>) &
  ([T, I, C] extends [true, 'ncco' | 'answerUrl', 'from' | 'random']
    ? Buildable<CreateCallV1Request>
    : unknown)

/**
 * A v2 create-call request under construction: `T` whether `to` was given, `I` the call
 * instructions, `C` whether `from` was given.
 *
 * @category builders
 * @since 0.1.0
 */
export type CallV2Builder<
  T extends boolean = false,
  I extends InstructionsState = 'none',
  C extends 'none' | 'from' = 'none'
> = CallOptions<'v2', T, I, C> &
  Instructions<'v2', T, I, C> &
  FromMethod<'v2', T, I> &
  ([T, I, C] extends [true, 'ncco' | 'answerUrl', 'from']
    ? Buildable<CreateCallV2Request>
    : unknown)

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
