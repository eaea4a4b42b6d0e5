/**
 * Every range and every enum of docs/rules.md, written out here by hand from its §4–§6, so
 * that a wrong bound in the field descriptions fails a test. For each range: both boundaries
 * pass, one step past each fails with `out-of-range` at the field. For each enum: every value
 * passes, a wrong one fails with `invalid-enum`. A last test walks the descriptions and fails
 * when a field with a range or an enum has no row here.
 */
import { describe, expect, it } from 'vitest'
import {
  Action,
  AdvancedMachineDetection,
  CreateCallV1Request,
  CreateCallV2Request,
  Ncco
} from '../../src/index.js'
import type { AnyNode } from '../../src/internal/node.js'
import { brief, minimal } from './helpers.js'
import type { Kind } from './helpers.js'

interface RangeRow {
  readonly field: string
  readonly kind: Kind
  readonly make: (v: unknown) => unknown
  readonly path: string
  readonly min?: number
  readonly max?: number
  readonly step: number
}

const ncco = (action: object) => [action]
const inAction =
  (base: object, key: string) =>
  (v: unknown): unknown =>
    ncco({ ...base, [key]: v })

const ranges: RangeRow[] = [
  {
    field: 'record.channels',
    kind: 'ncco',
    make: (v) => ncco({ action: 'record', split: 'conversation', channels: v }),
    path: '/0/channels',
    min: 1,
    max: 32,
    step: 1
  },
  {
    field: 'record.endOnSilence',
    kind: 'ncco',
    make: inAction(minimal.record, 'endOnSilence'),
    path: '/0/endOnSilence',
    min: 3,
    max: 10,
    step: 1
  },
  {
    field: 'record.timeOut',
    kind: 'ncco',
    make: inAction(minimal.record, 'timeOut'),
    path: '/0/timeOut',
    min: 3,
    max: 7200,
    step: 1
  },
  {
    field: 'connect.timeout',
    kind: 'ncco',
    make: inAction(minimal.connectPhone, 'timeout'),
    path: '/0/timeout',
    min: 1,
    max: 120,
    step: 1
  },
  {
    field: 'connect.limit',
    kind: 'ncco',
    make: inAction(minimal.connectPhone, 'limit'),
    path: '/0/limit',
    min: 1,
    max: 7200,
    step: 1
  },
  {
    field: 'advancedMachineDetection.beep_timeout',
    kind: 'ncco',
    make: (v) =>
      ncco({
        ...minimal.connectPhone,
        advancedMachineDetection: { behavior: 'continue', beep_timeout: v }
      }),
    path: '/0/advancedMachineDetection/beep_timeout',
    min: 30,
    max: 120,
    step: 1
  },
  {
    field: 'talk.loop',
    kind: 'ncco',
    make: inAction(minimal.talk, 'loop'),
    path: '/0/loop',
    min: 0,
    step: 1
  },
  {
    field: 'talk.level',
    kind: 'ncco',
    make: inAction(minimal.talk, 'level'),
    path: '/0/level',
    min: -1,
    max: 1,
    step: 0.1
  },
  {
    field: 'talk.style',
    kind: 'ncco',
    make: inAction(minimal.talk, 'style'),
    path: '/0/style',
    min: 0,
    step: 1
  },
  {
    field: 'stream.level',
    kind: 'ncco',
    make: inAction(minimal.stream, 'level'),
    path: '/0/level',
    min: -1,
    max: 1,
    step: 0.1
  },
  {
    field: 'stream.loop',
    kind: 'ncco',
    make: inAction(minimal.stream, 'loop'),
    path: '/0/loop',
    min: 0,
    step: 1
  },
  {
    field: 'input.dtmf.timeOut',
    kind: 'ncco',
    make: (v) => ncco({ ...minimal.input, dtmf: { timeOut: v } }),
    path: '/0/dtmf/timeOut',
    min: 0,
    max: 10,
    step: 1
  },
  {
    field: 'input.dtmf.maxDigits',
    kind: 'ncco',
    make: (v) => ncco({ ...minimal.input, dtmf: { maxDigits: v } }),
    path: '/0/dtmf/maxDigits',
    min: 1,
    max: 20,
    step: 1
  },
  {
    field: 'input.speech.endOnSilence',
    kind: 'ncco',
    make: (v) => ncco({ action: 'input', type: ['speech'], speech: { endOnSilence: v } }),
    path: '/0/speech/endOnSilence',
    min: 0.4,
    max: 10,
    step: 0.1
  },
  {
    field: 'input.speech.startTimeout',
    kind: 'ncco',
    make: (v) => ncco({ action: 'input', type: ['speech'], speech: { startTimeout: v } }),
    path: '/0/speech/startTimeout',
    min: 1,
    max: 60,
    step: 1
  },
  {
    field: 'input.speech.maxDuration',
    kind: 'ncco',
    make: (v) => ncco({ action: 'input', type: ['speech'], speech: { maxDuration: v } }),
    path: '/0/speech/maxDuration',
    min: 1,
    max: 60,
    step: 1
  },
  {
    field: 'input.speech.sensitivity',
    kind: 'ncco',
    make: (v) => ncco({ action: 'input', type: ['speech'], speech: { sensitivity: v } }),
    path: '/0/speech/sensitivity',
    min: 0,
    max: 100,
    step: 1
  },
  {
    field: 'wait.timeout',
    kind: 'ncco',
    make: inAction(minimal.wait, 'timeout'),
    path: '/0/timeout',
    min: 0,
    step: 0.1
  },
  {
    field: 'v1.length_timer',
    kind: 'v1',
    make: (v) => ({ ...minimal.v1, length_timer: v }),
    path: '/length_timer',
    min: 1,
    max: 86400,
    step: 1
  },
  {
    field: 'v1.ringing_timer',
    kind: 'v1',
    make: (v) => ({ ...minimal.v1, ringing_timer: v }),
    path: '/ringing_timer',
    min: 1,
    max: 120,
    step: 1
  },
  {
    field: 'v2.length_timer',
    kind: 'v2',
    make: (v) => ({ ...minimal.v2, length_timer: v }),
    path: '/length_timer',
    min: 1,
    max: 7200,
    step: 1
  },
  {
    field: 'v2.ringing_timer',
    kind: 'v2',
    make: (v) => ({ ...minimal.v2, ringing_timer: v }),
    path: '/ringing_timer',
    min: 1,
    max: 120,
    step: 1
  }
]

const errorsAt = (kind: Kind, doc: unknown, path: string) =>
  brief(kind, doc).filter(([, p, s]) => p === path && s === 'error')

describe('ranges (inclusive), both boundaries and one step past each', () => {
  for (const row of ranges) {
    describe(row.field, () => {
      if (row.min !== undefined) {
        const min = row.min
        it(`accepts the minimum ${min}`, () => {
          expect(errorsAt(row.kind, row.make(min), row.path)).toEqual([])
        })
        it(`rejects ${min} - ${row.step}`, () => {
          const below = Math.round((min - row.step) * 1000) / 1000
          expect(errorsAt(row.kind, row.make(below), row.path)).toEqual([
            ['out-of-range', row.path, 'error']
          ])
        })
      }
      if (row.max !== undefined) {
        const max = row.max
        it(`accepts the maximum ${max}`, () => {
          expect(errorsAt(row.kind, row.make(max), row.path)).toEqual([])
        })
        it(`rejects ${max} + ${row.step}`, () => {
          const above = Math.round((max + row.step) * 1000) / 1000
          expect(errorsAt(row.kind, row.make(above), row.path)).toEqual([
            ['out-of-range', row.path, 'error']
          ])
        })
      } else {
        it('has no maximum', () => {
          expect(errorsAt(row.kind, row.make(1_000_000), row.path)).toEqual([])
        })
      }
      if (row.step === 1) {
        it('rejects a fraction with not-an-integer', () => {
          const inside = (row.min ?? 0) + 0.5
          expect(errorsAt(row.kind, row.make(inside), row.path)).toEqual([
            ['not-an-integer', row.path, 'error']
          ])
        })
      }
    })
  }
})

interface EnumRow {
  readonly field: string
  readonly kind: Kind
  readonly make: (v: unknown) => unknown
  readonly path: string
  readonly values: ReadonlyArray<string>
}

const enums: EnumRow[] = [
  {
    field: 'record.format',
    kind: 'ncco',
    make: inAction(minimal.record, 'format'),
    path: '/0/format',
    values: ['mp3', 'wav', 'ogg']
  },
  {
    field: 'record.split',
    kind: 'ncco',
    make: inAction(minimal.record, 'split'),
    path: '/0/split',
    values: ['conversation']
  },
  {
    field: 'record.endOnKey',
    kind: 'ncco',
    make: inAction(minimal.record, 'endOnKey'),
    path: '/0/endOnKey',
    values: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']
  },
  {
    field: 'connect.eventType',
    kind: 'ncco',
    make: inAction(minimal.connectPhone, 'eventType'),
    path: '/0/eventType',
    values: ['synchronous']
  },
  {
    field: 'connect.machineDetection',
    kind: 'ncco',
    make: inAction(minimal.connectPhone, 'machineDetection'),
    path: '/0/machineDetection',
    values: ['continue', 'hangup']
  },
  {
    field: 'advancedMachineDetection.behavior',
    kind: 'ncco',
    make: (v) => ncco({ ...minimal.connectPhone, advancedMachineDetection: { behavior: v } }),
    path: '/0/advancedMachineDetection/behavior',
    values: ['continue', 'hangup']
  },
  {
    field: 'advancedMachineDetection.mode',
    kind: 'ncco',
    make: (v) =>
      ncco({ ...minimal.connectPhone, advancedMachineDetection: { behavior: 'hangup', mode: v } }),
    path: '/0/advancedMachineDetection/mode',
    values: ['default', 'detect', 'detect_beep']
  },
  {
    field: 'websocket.content-type',
    kind: 'ncco',
    make: (v) =>
      ncco({
        action: 'connect',
        endpoint: [{ type: 'websocket', uri: 'wss://a.example', 'content-type': v }]
      }),
    path: '/0/endpoint/0/content-type',
    values: ['audio/l16;rate=8000', 'audio/l16;rate=16000', 'audio/l16;rate=24000']
  },
  {
    field: 'websocket.authorization.type',
    kind: 'ncco',
    make: (v) =>
      ncco({
        action: 'connect',
        endpoint: [
          {
            type: 'websocket',
            uri: 'wss://a.example',
            'content-type': 'audio/l16;rate=8000',
            authorization: { type: v, ...(v === 'custom' ? { value: 'x' } : {}) }
          }
        ]
      }),
    path: '/0/endpoint/0/authorization/type',
    values: ['vonage', 'custom']
  },
  {
    field: 'input.type[]',
    kind: 'ncco',
    make: (v) => ncco({ action: 'input', type: [v] }),
    path: '/0/type/0',
    values: ['dtmf', 'speech']
  },
  {
    field: 'input.mode',
    kind: 'ncco',
    make: inAction(minimal.input, 'mode'),
    path: '/0/mode',
    values: ['synchronous', 'asynchronous']
  },
  {
    field: 'eventMethod',
    kind: 'ncco',
    make: inAction(minimal.input, 'eventMethod'),
    path: '/0/eventMethod',
    values: ['GET', 'POST']
  },
  {
    field: 'v1.answer_method',
    kind: 'v1',
    make: (v) => ({
      to: minimal.v1.to,
      from: minimal.v1.from,
      answer_url: ['https://example.com/a'],
      answer_method: v
    }),
    path: '/answer_method',
    values: ['GET', 'POST']
  },
  {
    field: 'v1.event_method',
    kind: 'v1',
    make: (v) => ({ ...minimal.v1, event_method: v }),
    path: '/event_method',
    values: ['GET', 'POST']
  },
  {
    field: 'v1.machine_detection',
    kind: 'v1',
    make: (v) => ({ ...minimal.v1, machine_detection: v }),
    path: '/machine_detection',
    values: ['continue', 'hangup']
  },
  {
    field: 'v2.machine_detection',
    kind: 'v2',
    make: (v) => ({ ...minimal.v2, machine_detection: v }),
    path: '/machine_detection',
    values: ['continue', 'hangup']
  }
]

describe('enums: every value passes, a wrong one fails', () => {
  for (const row of enums) {
    describe(row.field, () => {
      for (const v of row.values) {
        it(`accepts ${JSON.stringify(v)}`, () => {
          expect(errorsAt(row.kind, row.make(v), row.path)).toEqual([])
        })
      }
      it('rejects a value outside the set', () => {
        expect(errorsAt(row.kind, row.make('not-a-value'), row.path)).toEqual([
          ['invalid-enum', row.path, 'error']
        ])
      })
    })
  }
})

/** Walks the descriptions and lists every `owner.field` that has a numeric range or an enum. */
const describedFields = (): { ranged: Set<string>; enumerated: Set<string> } => {
  const ranged = new Set<string>()
  const enumerated = new Set<string>()
  const seen = new Set<AnyNode>()
  const visit = (node: AnyNode, owner: string): void => {
    if (seen.has(node)) return
    seen.add(node)
    const spec = node.spec
    switch (spec.kind) {
      case 'struct':
        for (const f of spec.fields) {
          const s = f.node.spec
          const name = `${node.name}.${f.name}`
          if (s.kind === 'number' && (s.min !== undefined || s.max !== undefined)) ranged.add(name)
          if (s.kind === 'enum' && f.name !== 'type' && f.name !== 'action') enumerated.add(name)
          if (s.kind === 'array' && s.items.spec.kind === 'enum') enumerated.add(name)
          visit(f.node, name)
        }
        break
      case 'union':
        for (const m of spec.members) visit(m, owner)
        break
      case 'array':
        visit(spec.items, owner)
        break
      default:
    }
  }
  for (const root of [
    Ncco,
    Action,
    AdvancedMachineDetection,
    CreateCallV1Request,
    CreateCallV2Request
  ]) {
    visit(root as AnyNode, '')
  }
  return { ranged, enumerated }
}

describe('every described range and enum is tested above', () => {
  it('the counts agree with the rows', () => {
    const { ranged, enumerated } = describedFields()
    // Fields shared by several owners (eventMethod, level, …) are listed once per owner in
    // the descriptions; the rows above test each distinct rule, so compare the sets of
    // field names (the last segment) with the tables.
    const last = (s: string) => s.slice(s.lastIndexOf('.') + 1)
    const rangedNames = new Set([...ranged].map(last))
    const enumNames = new Set([...enumerated].map(last))
    const rowRangeNames = new Set(ranges.map((r) => last(r.field)))
    const rowEnumNames = new Set(enums.map((r) => last(r.field).replace('[]', '')))
    expect([...rangedNames].filter((n) => !rowRangeNames.has(n)).sort()).toEqual([])
    expect([...enumNames].filter((n) => !rowEnumNames.has(n)).sort()).toEqual([])
  })
})
