/**
 * The failures of creating a call, in one place for the public entry: the kinds and what they
 * mean are in `failure-kinds.ts`, how they read in `failure-message.ts`. Named re-exports
 * only; the sender's own modules import from those two files.
 *
 * @since 0.1.0
 */

// model, constructors, and whether a call may exist
export { httpFailure, mayHaveCreatedCall } from './failure-kinds.js'
export type {
  CreateCallFailure,
  FailureKind,
  Forbidden,
  HttpAnswer,
  InvalidRequest,
  LocalFailure,
  NetworkFailure,
  NotSent,
  OutcomeUnknown,
  RateLimited,
  Rejected,
  ServerError,
  Unauthorized,
  UnexpectedResponse
} from './failure-kinds.js'

// how a failure reads
export { CreateCallError, describeFailure } from './failure-message.js'
