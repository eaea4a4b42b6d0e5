/**
 * The description language every field of the Voice API is written in, once.
 *
 * A `Node<A>` is at the same time:
 * - plain data (`spec`) that the JSON Schema generator, the docs generator and the tests read;
 * - an io-ts codec (`Node` extends `t.Type`), so `decode`, `is`, `pipe` and `t.TypeOf` work;
 * - a checker (`check`) that collects every finding with its JSON Pointer, in either profile.
 *
 * Checkers never throw on any input they can read (the caller catches what a hostile getter
 * throws) and never change the input. They return the value's *effective* reading: the
 * value itself, a coerced scalar (lenient profile), a `StructView` for objects, or `INVALID`
 * when the value has an error, so that rules across fields only see values that passed.
 */
//
// The language is written in a few files with one concern each: node-model.ts (what a node is,
// how checkers report), node-scalars.ts, node-containers.ts, node-struct.ts (the constructors),
// and generate.ts (the compiled reading of the same descriptions). This module exports them
// all under one name.

export {
  ABSENT,
  INVALID,
  Node,
  StructNode,
  at,
  checkValue,
  described,
  isDescribedBySpec,
  isView,
  keyLabel,
  keysOf,
  readAt,
  report,
  runCheck,
  runCheckWithValue,
  typeError
} from './node-model.js'
export type {
  AnyNode,
  AnyStruct,
  CheckContext,
  CheckFn,
  Effective,
  Field,
  NamedField,
  Output,
  Spec,
  StructView,
  TypeOf
} from './node-model.js'
export {
  DECIMAL,
  MAX_JSON_TEXT,
  blankAsAbsent,
  boolean,
  enumOf,
  flag,
  integer,
  jsonText,
  literal,
  number,
  numeric,
  openEnum,
  string
} from './node-scalars.js'
export type { NumberOptions, StringOptions } from './node-scalars.js'
export {
  MAX_ARRAY_ITEMS,
  MAX_JSON_DEPTH,
  array,
  enter,
  enterWith,
  jsonObject,
  stringMap,
  tooLong,
  urls
} from './node-containers.js'
export type { ArrayOptions } from './node-containers.js'
export {
  isTrue,
  materialize,
  narrow,
  opt,
  req,
  rule,
  struct,
  tagOf,
  taggedUnion
} from './node-struct.js'
export type { Fields, Rule, RuleContext, StructOptions, StructType } from './node-struct.js'
