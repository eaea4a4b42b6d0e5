/**
 * The webhook handler's options, checked and normalised once, when the handler is made: the
 * route of each path, the body limit, what signature verification needs, and the fallback
 * NCCO as the text it will be sent as. A mistake in them is the programmer's, so it throws
 * then, rather than failing every call later.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { NccoValidationError } from '../builders/builder.js'
import type { Buildable } from '../builders/builder.js'
import type { Ncco } from '../ncco/ncco.js'
import type { WebhookRoute } from './decode.js'
import type { WebhookHandlerError } from './handler-errors.js'
import { checkNcco } from './replies.js'
import type { VerifyWebhookOptions } from './signature.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.2.0
 */
export interface WebhookHandlerOptions {
  /** The application's signature secret (or a map from API key to secret, for several
   * accounts). When given, every request must carry a valid signed token (401 otherwise). */
  readonly signatureSecret?: string | Readonly<Record<string, string>>
  /** The NCCO to answer with, instead of 500, when a function throws or returns an invalid
   * NCCO, or an answer/fallback function returns nothing. Validated when the handler is made. */
  readonly fallbackNcco?: ReadonlyArray<Ncco[number]> | Buildable<Ncco>
  /** Told about every request that was refused or failed. It may throw; that is ignored. */
  readonly onError?: (error: WebhookHandlerError) => void
  /** The path of each route (default `/answer`, `/event`, `/fallback`, `/input`, `/record`,
   * `/transcription`, `/notify`). */
  readonly paths?: Partial<Record<WebhookRoute, string>>
  /** The largest request body read, in bytes (default 1 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number
  /** How far a token's `iat` may lie from now, in seconds (default 300). */
  readonly toleranceSeconds?: number
  /** The clock, in milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number
}

/**
 * The options as the handler uses them.
 *
 * @category model
 * @since 0.2.0
 */
export interface HandlerConfig {
  readonly routeByPath: ReadonlyMap<string, WebhookRoute>
  readonly maxBodyBytes: number
  /** `undefined` when no signature secret is configured. */
  readonly verify: VerifyWebhookOptions | undefined
  /** The fallback NCCO as JSON text, validated. */
  readonly fallbackText: string | undefined
  readonly onError: ((error: WebhookHandlerError) => void) | undefined
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

const defaultPaths: Readonly<Record<WebhookRoute, string>> = {
  answer: '/answer',
  event: '/event',
  fallback: '/fallback',
  input: '/input',
  record: '/record',
  transcription: '/transcription',
  notify: '/notify'
}

const allRoutes = Object.keys(defaultPaths) as ReadonlyArray<WebhookRoute>

/** 1 MiB: a webhook is a few hundred bytes; an answer webhook with SIP headers a few KiB. */
const defaultMaxBodyBytes = 1024 * 1024

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A route's path as the request URL's `pathname` will spell it. The path is put after an
 * origin rather than resolved against one, so that `//answer` stays a path (resolved, it
 * would be a host and route `/`).
 */
const pathnameOf = (route: WebhookRoute, path: unknown): string => {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(
      `webhookHandler: paths.${route} must be a path starting with "/", got ${JSON.stringify(path)}.`
    )
  }
  if (path.includes('?') || path.includes('#')) {
    throw new TypeError(
      `webhookHandler: paths.${route} must be a path without a query or fragment (the route is the path alone), got ${JSON.stringify(path)}.`
    )
  }
  return new URL(`http://localhost${path}`).pathname
}

const secretMistake =
  'webhookHandler: signatureSecret must be a non-empty string or a map from API key to secret.'

/** An empty secret is most often an unset environment variable: refuse to start rather than
 * refuse every call (or every call of one account). */
const checkSecret = (secret: WebhookHandlerOptions['signatureSecret']): void => {
  if (secret === undefined) return
  if (typeof secret === 'string') {
    if (secret === '') throw new TypeError(secretMistake)
    return
  }
  if (typeof secret !== 'object' || secret === null) throw new TypeError(secretMistake)
  const apiKeys = Object.keys(secret)
  if (apiKeys.length === 0) throw new TypeError(secretMistake)
  for (const apiKey of apiKeys) {
    const value: unknown = secret[apiKey]
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(
        `webhookHandler: signatureSecret[${JSON.stringify(apiKey)}] is empty or not a string (an unset environment variable?).`
      )
    }
  }
}

/**
 * Checks the options once and gives what the handler uses. Throws a `TypeError` for a path,
 * body limit or secret that cannot work, and an `NccoValidationError` for an invalid
 * `fallbackNcco`; no message contains a secret.
 *
 * @category constructors
 * @since 0.2.0
 */
export const configure = (options: WebhookHandlerOptions): HandlerConfig => {
  const routeByPath = new Map<string, WebhookRoute>()
  for (const route of allRoutes) {
    const pathname = pathnameOf(route, options.paths?.[route] ?? defaultPaths[route])
    const taken = routeByPath.get(pathname)
    if (taken !== undefined) {
      throw new TypeError(
        `webhookHandler: the ${taken} and ${route} routes both have the path ${JSON.stringify(pathname)}.`
      )
    }
    routeByPath.set(pathname, route)
  }
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError(
      `webhookHandler: maxBodyBytes must be a positive whole number of bytes, got ${String(maxBodyBytes)}.`
    )
  }
  let fallbackText: string | undefined
  if (options.fallbackNcco !== undefined) {
    const checked = checkNcco(options.fallbackNcco)
    if (E.isLeft(checked)) {
      if (checked.left.type === 'threw') throw checked.left.error
      throw new NccoValidationError('The fallbackNcco option', checked.left.issues)
    }
    fallbackText = checked.right
  }
  const secret = options.signatureSecret
  checkSecret(secret)
  const verify: VerifyWebhookOptions | undefined =
    secret === undefined
      ? undefined
      : {
          secret,
          ...(options.toleranceSeconds === undefined
            ? {}
            : { toleranceSeconds: options.toleranceSeconds }),
          ...(options.now === undefined ? {} : { now: options.now })
        }
  return { routeByPath, maxBodyBytes, verify, fallbackText, onError: options.onError }
}
