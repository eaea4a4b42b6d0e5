/**
 * The `input` builder: collects DTMF digits and/or speech. What the input listens for is
 * chosen when it is made (`input.dtmf`, `input.speech`, `input.dtmfAndSpeech`), and `type` is
 * derived from that choice. The types then offer only what applies: DTMF settings and `mode`
 * on an input that listens for DTMF, speech settings on one that listens for speech, and
 * `mode('asynchronous')` only while there are no DTMF settings (the NCCO reference: with
 * asynchronous mode "DTMF settings must be left blank"), and DTMF settings only while the mode
 * is not asynchronous.
 *
 * @since 0.1.0
 */
import { InputAction } from '../ncco/input.js'
import type { DtmfSettings, InputType, SpeechSettings } from '../ncco/input.js'
import { isPlainObject } from '../internal/text.js'
import { validatorFor } from '../validate.js'
import { Builder } from './builder.js'
import type { Buildable, BuildResult } from './builder.js'
import { frozenObject, urlList } from './internal.js'
import type { Given, MissingMethods, NoneMissing, UrlInput } from './internal.js'
import type { InputActionMethods } from './method-docs.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Where an input that listens for DTMF stands: `open` (neither DTMF settings nor asynchronous
 * mode), `settings` (DTMF settings given), `async` (mode asynchronous).
 *
 * @category model
 * @since 0.1.0
 */
export type DtmfState = 'open' | 'settings' | 'async'

/**
 * @category model
 * @since 0.1.0
 */
export type InputMode = Given<InputAction, 'mode'>

type ModesAllowed<D extends DtmfState> = D extends 'settings' ? 'synchronous' : InputMode
type AfterMode<D extends DtmfState, M extends InputMode> = M extends 'asynchronous'
  ? 'async'
  : D extends 'async'
    ? 'open'
    : D

/** What every input offers. */
interface InputMethods<L extends InputType, D extends DtmfState>
  extends Buildable<InputAction>, Pick<InputActionMethods, 'eventUrl' | 'eventMethod'> {
  eventUrl(eventUrl: UrlInput): InputBuilder<L, D>
  eventMethod(eventMethod: Given<InputAction, 'eventMethod'>): InputBuilder<L, D>
}

/** DTMF settings, replacing any given before. */
interface DtmfSettingsMethod<L extends InputType> extends Pick<InputActionMethods, 'dtmf'> {
  dtmf(dtmf: DtmfSettings): InputBuilder<L, 'settings'>
}

/** `mode` only affects DTMF input; asynchronous only without DTMF settings. */
interface ModeMethod<L extends InputType, D extends DtmfState> extends Pick<
  InputActionMethods,
  'mode'
> {
  mode<M extends ModesAllowed<D>>(mode: M): InputBuilder<L, AfterMode<D, M>>
}

/** Speech settings, replacing any given before. */
interface SpeechSettingsMethod<L extends InputType, D extends DtmfState> extends Pick<
  InputActionMethods,
  'speech'
> {
  speech(speech: SpeechSettings): InputBuilder<L, D>
}

/**
 * An `input` action that listens for `L` (`'dtmf'`, `'speech'` or both), with the DTMF state
 * `D`. Only the methods that apply exist on it.
 *
 * @category builders
 * @since 0.1.0
 */
export type InputBuilder<L extends InputType, D extends DtmfState = 'open'> = InputMethods<L, D> &
  ('dtmf' extends L
    ? ModeMethod<L, D> & (D extends 'async' ? unknown : DtmfSettingsMethod<L>)
    : unknown) &
  ('speech' extends L ? SpeechSettingsMethod<L, D> : unknown)

// -------------------------------------------------------------------------------------
// implementation
// -------------------------------------------------------------------------------------

const validateInput = validatorFor(InputAction)

/** Every method; the public `InputBuilder` type shows those that apply. */
class InputBuilderImpl extends Builder<InputAction> {
  protected override readonly what = 'The input action'
  protected override validate(value: InputAction): BuildResult<InputAction> {
    return validateInput(value)
  }
  dtmf(dtmf: DtmfSettings): this {
    return this.with({ dtmf })
  }
  speech(speech: SpeechSettings): this {
    return this.with({ speech })
  }
  mode(mode: InputMode): this {
    return this.with({ mode })
  }
  eventUrl(eventUrl: UrlInput): this {
    return this.with({ eventUrl: urlList(eventUrl) })
  }
  eventMethod(eventMethod: Given<InputAction, 'eventMethod'>): this {
    return this.with({ eventMethod })
  }
}

const make = (
  type: ReadonlyArray<InputType>,
  settings: {
    readonly dtmf?: DtmfSettings | undefined
    readonly speech?: SpeechSettings | undefined
  }
): InputBuilderImpl =>
  new InputBuilderImpl(
    frozenObject<InputAction>({
      action: 'input',
      type,
      ...(settings.dtmf === undefined ? {} : { dtmf: settings.dtmf }),
      ...(settings.speech === undefined ? {} : { speech: settings.speech })
    })
  )

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

function dtmf(): InputBuilder<'dtmf'>
function dtmf(settings: DtmfSettings): InputBuilder<'dtmf', 'settings'>
function dtmf(settings?: DtmfSettings): InputBuilder<'dtmf', DtmfState> {
  return make(['dtmf'], { dtmf: settings }) as InputBuilder<'dtmf', 'settings'>
}

function speech(settings?: SpeechSettings): InputBuilder<'speech'> {
  return make(['speech'], { speech: settings }) as InputBuilder<'speech'>
}

function dtmfAndSpeech(settings: {
  readonly dtmf: DtmfSettings
  readonly speech?: SpeechSettings
}): InputBuilder<'dtmf' | 'speech', 'settings'>
function dtmfAndSpeech(settings?: {
  readonly speech?: SpeechSettings
}): InputBuilder<'dtmf' | 'speech'>
function dtmfAndSpeech(
  settings: { readonly dtmf?: DtmfSettings; readonly speech?: SpeechSettings } = {}
): InputBuilder<'dtmf' | 'speech', DtmfState> {
  return make(['dtmf', 'speech'], isPlainObject(settings) ? settings : {}) as InputBuilder<
    'dtmf' | 'speech',
    'settings'
  >
}

/**
 * The three ways to make an `input` action; `type` follows from the one chosen.
 *
 * @example
 * import { input } from 'ncco-kit'
 *
 * input.dtmf({ maxDigits: 1 })                   // type: ['dtmf']
 * input.speech({ language: 'en-GB' })            // type: ['speech']
 * input.dtmfAndSpeech({ dtmf: { maxDigits: 1 } }) // type: ['dtmf', 'speech']
 * input.dtmf().mode('asynchronous')              // each digit sent as it is pressed
 *
 * @category constructors
 * @since 0.1.0
 */
export const input = Object.freeze({
  /** An input that listens for DTMF digits, with optional DTMF settings. */
  dtmf,
  /** An input that listens for speech, with optional speech settings. */
  speech,
  /** An input that listens for both, with optional settings for each. */
  dtmfAndSpeech
})

type _InputCovered = NoneMissing<
  MissingMethods<InputAction, InputBuilder<'dtmf' | 'speech'>, 'action' | 'type'>
>
