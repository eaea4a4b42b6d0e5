/**
 * The sandbox's HTTP plumbing: bodies read with a size limit, and answers in the Voice API's
 * shape. Every error is an RFC 7807 problem-details body (`type`, `title`, `detail`,
 * `instance`, and `invalid_parameters` for a request that fails validation) with the
 * `x-nexmo-trace-id` header, the shape the sender decodes (`ProblemDetails`).
 *
 * @since 0.2.0
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import type { Issue } from '../issue.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One entry of `invalid_parameters`: `name` is the finding's JSON Pointer (`(root)` for the
 * whole body), `reason` its message, `code` its issue code.
 *
 * @category model
 * @since 0.2.0
 */
export interface InvalidParameterBody {
  readonly name: string
  readonly reason: string
  readonly code: string
}

/**
 * @category model
 * @since 0.2.0
 */
export interface ProblemBody {
  readonly type: string
  readonly title: string
  readonly detail: string
  readonly instance: string
  readonly invalid_parameters?: ReadonlyArray<InvalidParameterBody>
}

/**
 * Why a body could not be read.
 *
 * @category model
 * @since 0.2.0
 */
export type BodyFailure = 'too-large' | 'aborted'

// -------------------------------------------------------------------------------------
// problems
// -------------------------------------------------------------------------------------

const errorsPage = 'https://developer.nexmo.com/api-errors'

/**
 * The problems the sandbox answers with, by status.
 *
 * @category problems
 * @since 0.2.0
 */
export const problemTypes = {
  400: { type: `${errorsPage}#bad-request`, title: 'Bad Request' },
  401: { type: `${errorsPage}#unauthorized`, title: 'Unauthorized' },
  403: { type: `${errorsPage}#forbidden`, title: 'Forbidden' },
  404: { type: `${errorsPage}#not-found`, title: 'Not Found' },
  405: { type: `${errorsPage}#wrong-verb`, title: 'Method Not Allowed' },
  413: { type: `${errorsPage}#payload-too-large`, title: 'Payload Too Large' },
  415: { type: `${errorsPage}#content-type-header`, title: 'Unsupported Media Type' },
  429: { type: `${errorsPage}#rate-limit`, title: 'Rate Limit Hit' },
  500: { type: `${errorsPage}#internal`, title: 'Internal Server Error' },
  503: { type: `${errorsPage}#unavailable`, title: 'Service Unavailable' }
} as const

/**
 * @category problems
 * @since 0.2.0
 */
export type ProblemStatus = keyof typeof problemTypes

/**
 * A trace id as Vonage's look: 32 hex digits.
 *
 * @category problems
 * @since 0.2.0
 */
export const newTraceId = (): string => randomBytes(16).toString('hex')

/**
 * `invalid_parameters` from validation findings: the errors only (warnings do not refuse a
 * request), each with a path prefix when the document sits inside the body.
 *
 * @category problems
 * @since 0.2.0
 */
export const invalidParameters = (
  issues: ReadonlyArray<Issue>,
  prefix = ''
): ReadonlyArray<InvalidParameterBody> =>
  issues
    .filter((issue) => issue.severity === 'error')
    .map((issue) => {
      const path = prefix + issue.path
      return {
        name: path === '' ? '(root)' : path,
        reason: issue.message,
        code: issue.code
      }
    })

// -------------------------------------------------------------------------------------
// answering
// -------------------------------------------------------------------------------------

/**
 * A JSON answer. `connection: close` when the request body may not have been read to its end.
 *
 * @category answering
 * @since 0.2.0
 */
export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {}
): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers
  })
  res.end(text)
}

/**
 * A problem-details answer.
 *
 * @category answering
 * @since 0.2.0
 */
export const sendProblem = (
  res: ServerResponse,
  status: ProblemStatus,
  detail: string,
  options: {
    readonly traceId: string
    readonly invalidParameters?: ReadonlyArray<InvalidParameterBody>
    readonly headers?: Readonly<Record<string, string>>
  }
): void => {
  const body: ProblemBody = {
    ...problemTypes[status],
    detail,
    instance: options.traceId,
    ...(options.invalidParameters === undefined
      ? {}
      : { invalid_parameters: options.invalidParameters })
  }
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': String(Buffer.byteLength(text)),
    'x-nexmo-trace-id': options.traceId,
    ...options.headers
  })
  res.end(text)
}

// -------------------------------------------------------------------------------------
// reading
// -------------------------------------------------------------------------------------

/**
 * The request body, or why not: over `limit` bytes (by its `content-length` or as it
 * arrives: reading stops there), or the client went away.
 *
 * @category reading
 * @since 0.2.0
 */
export const readBody = (
  req: IncomingMessage,
  limit: number
): Promise<E.Either<BodyFailure, Uint8Array>> =>
  new Promise((resolve) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      resolve(E.left('too-large'))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (result: E.Either<BodyFailure, Uint8Array>): void => {
      if (settled) return
      settled = true
      req.removeListener('data', onData)
      resolve(result)
    }
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) {
        req.pause()
        settle(E.left('too-large'))
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => settle(E.right(Buffer.concat(chunks))))
    req.on('error', () => settle(E.left('aborted')))
    req.on('close', () => settle(req.complete ? E.right(Buffer.concat(chunks)) : E.left('aborted')))
  })
