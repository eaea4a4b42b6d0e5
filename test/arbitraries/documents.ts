/**
 * Arbitraries for whole documents: NCCOs that keep the rules across actions, and v1 / v2
 * create-call requests.
 *
 * The NCCO is built from steps, so that every rule across actions holds by construction:
 * - a talk or stream with `bargeIn: true` opens a block that only talks, streams and finally an
 *   input may follow ("the next non-talk action must be input");
 * - elsewhere, a talk or stream neither barges in nor loops forever (`loop: 0` with no barge-in
 *   makes every later action unreachable), except as the last action;
 * - a transfer only ends the NCCO (actions after it never run).
 */
import fc from 'fast-check'
import type {
  Action,
  CreateCallV1Request,
  CreateCallV2Request,
  Ncco,
  PhoneFrom,
  StreamAction,
  TalkAction
} from '../../src/index.js'
import {
  connectAction,
  conversationAction,
  inputAction,
  notifyAction,
  recordAction,
  streamAction,
  talkAction,
  transferAction,
  waitAction
} from './actions.js'
import { callEndpoint } from './endpoints.js'
import { advancedMachineDetection, machineDetection } from './settings.js'
import { e164, httpMethod, integerIn, urlList } from './values.js'

type Prompt = TalkAction | StreamAction

const prompt: fc.Arbitrary<Prompt> = fc.oneof(talkAction, streamAction)

const loopsForeverSilently = (p: Prompt): boolean => p.loop === 0 && p.bargeIn !== true

/** A talk or stream that may be followed by anything. */
const quietPrompt = prompt.filter((p) => p.bargeIn !== true && p.loop !== 0)

/** `bargeIn: true`, further talks and streams, then the input that closes the barge-in. */
const bargeInBlock: fc.Arbitrary<ReadonlyArray<Action>> = fc
  .tuple(
    prompt.map((p): Prompt => ({ ...p, bargeIn: true })),
    fc.array(
      prompt.filter((p) => !loopsForeverSilently(p)),
      { maxLength: 2 }
    ),
    inputAction
  )
  .map(([first, more, input]) => [first, ...more, input])

const otherAction: fc.Arbitrary<Action> = fc.oneof(
  recordAction,
  conversationAction,
  connectAction,
  inputAction,
  notifyAction,
  waitAction
)

const step: fc.Arbitrary<ReadonlyArray<Action>> = fc.oneof(
  { arbitrary: otherAction.map((a) => [a]), weight: 4 },
  { arbitrary: quietPrompt.map((p) => [p]), weight: 2 },
  { arbitrary: bargeInBlock, weight: 1 }
)

/** What may only come last: nothing, a transfer, or a talk or stream that loops forever. */
const ending: fc.Arbitrary<ReadonlyArray<Action>> = fc.oneof(
  fc.constant([]),
  transferAction.map((t) => [t]),
  prompt
    .filter((p) => p.bargeIn !== true)
    .map((p): Prompt => ({ ...p, loop: 0 }))
    .map((p) => [p])
)

/** A valid NCCO with no warning. */
export const ncco: fc.Arbitrary<Ncco> = fc
  .tuple(fc.array(step, { maxLength: 5 }), ending)
  .map(([steps, end]): Ncco => [...steps.flat(), ...end])
  .filter((actions) => actions.length > 0)

export const phoneFrom: fc.Arbitrary<PhoneFrom> = fc.record({
  type: fc.constant('phone' as const),
  number: e164
})

/** Exactly one of `ncco` and `answer_url`; `answer_method` only with `answer_url`. */
const instructions = fc.oneof(
  fc.record({ ncco }),
  fc.record({ answer_url: urlList, answer_method: httpMethod }, { requiredKeys: ['answer_url'] })
)

const callCommon = fc.record(
  {
    $schema: fc.constantFrom(
      'https://cdn.jsdelivr.net/npm/ncco-kit/schema/call-v1.json',
      './node_modules/ncco-kit/schema/call-v2.json'
    ),
    to: fc.array(callEndpoint, { minLength: 1, maxLength: 3 }),
    event_url: urlList,
    event_method: httpMethod
  },
  { requiredKeys: ['to'] }
)

/** A valid v1 create-call request with no warning. */
export const createCallV1: fc.Arbitrary<CreateCallV1Request> = fc
  .tuple(
    callCommon,
    // Exactly one of from and random_from_number: true.
    fc.oneof(
      fc.record(
        { from: phoneFrom, random_from_number: fc.constant(false) },
        { requiredKeys: ['from'] }
      ),
      fc.record({ random_from_number: fc.constant(true) })
    ),
    instructions,
    // Not both detections (a warning).
    fc.oneof(
      fc.constant({}),
      fc.record({ machine_detection: machineDetection }),
      fc.record({ advanced_machine_detection: advancedMachineDetection })
    ),
    fc.record(
      { length_timer: integerIn(1, 86400), ringing_timer: integerIn(1, 120) },
      { requiredKeys: [] }
    )
  )
  .map(
    ([common, caller, instruction, detection, timers]) =>
      ({ ...common, ...caller, ...instruction, ...detection, ...timers }) as CreateCallV1Request
  )

/** A valid v2 create-call request with no warning. */
export const createCallV2: fc.Arbitrary<CreateCallV2Request> = fc
  .tuple(
    callCommon,
    phoneFrom,
    instructions,
    fc.record(
      {
        machine_detection: machineDetection,
        length_timer: integerIn(1, 7200),
        ringing_timer: integerIn(1, 120)
      },
      { requiredKeys: [] }
    )
  )
  .map(
    ([common, from, instruction, rest]) =>
      ({ ...common, from, ...instruction, ...rest }) as CreateCallV2Request
  )
