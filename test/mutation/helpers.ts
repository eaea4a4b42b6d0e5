/**
 * The findings of a document as a user gets them (`validateNcco`, `validateCallV1`), after
 * checking that the interpreter says exactly the same: a mutant of a description shows in one
 * reading or the other, and either way the test sees it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import { CreateCallV1Request } from '../../src/call/v1.js'
import type { Issue, Profile } from '../../src/issue.js'
import { Ncco } from '../../src/ncco/ncco.js'
import { interpretedValidatorFor, validateCallV1, validateNcco } from '../../src/validate.js'

type Result = E.Either<ReadonlyArray<Issue>, { readonly warnings: ReadonlyArray<Issue> }>
type Validate = (input: unknown, options: { readonly profile: Profile }) => Result

const of = (r: Result): ReadonlyArray<Issue> => (E.isLeft(r) ? r.left : r.right.warnings)

const readings =
  (publicOne: Validate, interpreted: Validate) =>
  (doc: unknown, profile: Profile = 'strict'): ReadonlyArray<Issue> => {
    const found = of(publicOne(doc, { profile }))
    expect(of(interpreted(doc, { profile }))).toStrictEqual(found)
    return found
  }

/** Every finding of an NCCO, errors and warnings, in order. */
export const nccoFindings = readings(
  validateNcco as Validate,
  interpretedValidatorFor(Ncco) as Validate
)

/** Every finding of a v1 create-call request. */
export const callV1Findings = readings(
  validateCallV1 as Validate,
  interpretedValidatorFor(CreateCallV1Request) as Validate
)

export const error = (code: string, path: string, message: string, hint?: string): Issue =>
  ({ code, severity: 'error', path, message, ...(hint === undefined ? {} : { hint }) }) as Issue

export const warning = (code: string, path: string, message: string, hint?: string): Issue =>
  ({ code, severity: 'warning', path, message, ...(hint === undefined ? {} : { hint }) }) as Issue
