/**
 * The client's options, normalised once when the client is made: every problem is collected
 * and reported with the option's name and a plain sentence, so a client that exists is one
 * that can sign and send.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { sequenceS } from 'fp-ts/lib/Apply.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as RNEA from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { Profile } from '../issue.js'
import { clockWith, type Clock } from './clock.js'
import type { ConfigProblem } from './config-problem.js'
import { defaultJwtTtlSeconds, jwtTtlBounds, parsePrivateKey, type SigningKey } from './jwt.js'
import { createLimiter, type Limiter, type LimiterOptions } from './limiter.js'
import { defaultRetryPolicy, type RetryPolicy } from './retry.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The documented Voice API hosts: the global default, the regional shorthands (the Java SDK's
 * `ApiRegion`) and the data-centre hosts of the Applications API's `voice.region`.
 *
 * @category constants
 * @since 0.1.0
 */
export const regions = {
  global: 'https://api.nexmo.com',
  eu: 'https://api-eu.vonage.com',
  us: 'https://api-us.vonage.com',
  ap: 'https://api-ap.vonage.com',
  'na-east': 'https://api-us-3.vonage.com',
  'na-west': 'https://api-us-4.vonage.com',
  'eu-east': 'https://api-eu-4.vonage.com',
  'eu-west': 'https://api-eu-3.vonage.com',
  'apac-sng': 'https://api-ap-3.vonage.com',
  'apac-australia': 'https://api-ap-4.vonage.com'
} as const

/**
 * @category model
 * @since 0.1.0
 */
export type Region = keyof typeof regions

/**
 * Sign a JWT for each attempt with the application's private key.
 *
 * @category model
 * @since 0.1.0
 */
export interface KeyCredentials {
  /** The application id, put in the `application_id` claim. */
  readonly applicationId: string
  /**
   * The application's RSA private key as PEM text (PKCS#8 `BEGIN PRIVATE KEY` or PKCS#1
   * `BEGIN RSA PRIVATE KEY`). `createClient` from `ncco-kit/node` also takes the path of a
   * file holding it.
   */
  readonly privateKey: string
  /** Lifetime of each token, 30 to 86,400 s. Default 300. */
  readonly jwtTtlSeconds?: number
  readonly token?: never
}

/**
 * Ask a function for the bearer token of each attempt (a token service, a vault, a test).
 *
 * @category model
 * @since 0.1.0
 */
export interface TokenCredentials {
  /** Called once per attempt, just before sending. */
  readonly token: () => string | Promise<string>
  readonly applicationId?: never
  readonly privateKey?: never
  readonly jwtTtlSeconds?: never
}

/**
 * @category model
 * @since 0.1.0
 */
export interface CommonOptions {
  /**
   * The API's base URL. Default `https://api.nexmo.com`. `https` is required, except for
   * loopback hosts (tests, local proxies): a token must not travel in clear text.
   */
  readonly baseUrl?: string
  /** One of the documented hosts, instead of `baseUrl`. */
  readonly region?: Region
  /** Time allowed for one attempt, from sending to the end of the answer. Default 10,000 ms. */
  readonly timeoutMs?: number
  /**
   * Longest wait for a turn in the limiter's queue, per attempt; past it the call is not sent
   * and fails with `not-sent` (`queue-timeout`). Default 60,000 ms. A caller's `signal`
   * bounds the wait too: time in the queue counts against the caller's own deadline.
   *
   * @since 0.2.0
   */
  readonly queueTimeoutMs?: number
  /** Validation profile for the request. Default `strict`. */
  readonly profile?: Profile
  /** Retry bounds for the answers that prove no call was created (429, connection refused). */
  readonly retry?: Partial<RetryPolicy>
  /**
   * Queue calls so that at most N start per second (default 3, Vonage's account limit) and at
   * most `maxQueue` wait (default 100); `false` to send at once; a `Limiter` to share one
   * between clients.
   */
  readonly limiter?: false | Pick<LimiterOptions, 'callsPerSecond' | 'maxQueue'> | Limiter
  /** Replaces `Date.now()` / `performance.now()` / `setTimeout` (tests). */
  readonly clock?: Partial<Clock>
}

/**
 * @category model
 * @since 0.1.0
 */
export type ClientOptions = CommonOptions & (KeyCredentials | TokenCredentials)

export type { ConfigProblem } from './config-problem.js'

/**
 * @category model
 * @since 0.1.0
 */
export type Authentication =
  | {
      readonly type: 'key'
      readonly applicationId: string
      readonly key: SigningKey
      readonly ttlSeconds: number
    }
  | { readonly type: 'token'; readonly token: () => string | Promise<string> }

/**
 * Options after normalisation.
 *
 * @category model
 * @since 0.1.0
 */
export interface ClientConfig {
  readonly baseUrl: string
  readonly timeoutMs: number
  readonly queueTimeoutMs: number
  readonly profile: Profile
  readonly retry: RetryPolicy
  readonly limiter: Limiter | undefined
  readonly clock: Clock
  readonly authentication: Authentication
}

/**
 * Reads a key file by path: its text, or why it cannot be read (a system error code such as
 * `ENOENT`, when there is one). Given by `ncco-kit/node`; the platform-neutral client has
 * none, and takes PEM text only.
 *
 * @category model
 * @since 0.2.0
 */
export type KeyFileReader = (path: string) => E.Either<{ readonly code?: string }, string>

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * @category constants
 * @since 0.1.0
 */
export const defaultTimeoutMs = 10_000

/**
 * @category constants
 * @since 0.2.0
 */
export const defaultQueueTimeoutMs = 60_000

/** Largest delay `setTimeout` accepts. */
const maxTimerMs = 2_147_483_647

// -------------------------------------------------------------------------------------
// normalisation
// -------------------------------------------------------------------------------------

type Checked<A> = E.Either<ReadonlyNonEmptyArray<ConfigProblem>, A>

const problem = (option: string, message: string): Checked<never> => E.left([{ option, message }])

/** Collects the problems of every field instead of stopping at the first. */
const Validation = E.getApplicativeValidation(RNEA.getSemigroup<ConfigProblem>())

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Checks a base URL and returns it without a trailing slash.
 *
 * @category normalisation
 * @since 0.1.0
 */
export const normalizeBaseUrl = (input: string): E.Either<string, string> => {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return E.left(
      `must be an absolute URL such as "https://api.nexmo.com", got ${JSON.stringify(input)}`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return E.left(`must be an http(s) URL, got the scheme "${url.protocol}"`)
  }
  if (url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) {
    return E.left(`must use https (the request carries a token), got ${JSON.stringify(input)}`)
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return E.left('must not contain credentials, a query or a fragment')
  }
  return E.right(url.href.replace(/\/+$/, ''))
}

const integerOption = (
  option: string,
  value: number | undefined,
  bounds: { readonly min: number; readonly max: number },
  byDefault: number
): Checked<number> =>
  value === undefined
    ? E.right(byDefault)
    : Number.isSafeInteger(value) && value >= bounds.min && value <= bounds.max
      ? E.right(value)
      : problem(
          option,
          `${option} must be an integer from ${bounds.min} to ${bounds.max}, got ${String(value)}.`
        )

const baseUrlOf = (options: CommonOptions): Checked<string> => {
  if (options.baseUrl !== undefined && options.region !== undefined) {
    return problem('baseUrl', 'Give either baseUrl or region, not both.')
  }
  if (options.region !== undefined) {
    return Object.hasOwn(regions, options.region)
      ? E.right(regions[options.region])
      : problem(
          'region',
          `region must be one of ${Object.keys(regions).join(', ')}, got ${JSON.stringify(options.region)}.`
        )
  }
  if (options.baseUrl === undefined) return E.right(regions.global)
  return pipe(
    normalizeBaseUrl(options.baseUrl),
    E.mapLeft((why) => [{ option: 'baseUrl', message: `baseUrl ${why}.` }])
  )
}

const profileOf = (profile: Profile | undefined): Checked<Profile> =>
  profile === undefined || profile === 'strict' || profile === 'lenient'
    ? E.right(profile ?? 'strict')
    : problem('profile', `profile must be "strict" or "lenient", got ${JSON.stringify(profile)}.`)

const retryOf = (retry: Partial<RetryPolicy> | undefined): Checked<RetryPolicy> =>
  sequenceS(Validation)({
    maxAttempts: integerOption(
      'retry.maxAttempts',
      retry?.maxAttempts,
      { min: 1, max: 10 },
      defaultRetryPolicy.maxAttempts
    ),
    maxTotalWaitMs: integerOption(
      'retry.maxTotalWaitMs',
      retry?.maxTotalWaitMs,
      { min: 0, max: maxTimerMs },
      defaultRetryPolicy.maxTotalWaitMs
    )
  })

const limiterOf = (
  option: ClientOptions['limiter'],
  clock: Partial<Clock> | undefined
): Checked<Limiter | undefined> => {
  if (option === false) return E.right(undefined)
  if (option !== undefined && 'take' in option) return E.right(option)
  return createLimiter(clock === undefined ? { ...option } : { ...option, clock })
}

/**
 * Whether `privateKey` holds key material rather than a path. Anything that could be a key,
 * even a damaged one (PEM armour, line breaks, the length of a key), is never repeated in a
 * message, so only short single-line strings count as paths.
 */
const isKeyText = (privateKey: string): boolean =>
  privateKey.includes('-----') || /[\r\n]/.test(privateKey) || privateKey.length > 512

const readKey = (
  privateKey: string | undefined,
  keyFiles: KeyFileReader | undefined
): Checked<SigningKey> => {
  if (typeof privateKey !== 'string' || privateKey.trim() === '') {
    return problem(
      'privateKey',
      `privateKey is required (${keyFiles === undefined ? 'PEM text' : 'PEM text or a file path'}), unless token is given.`
    )
  }
  if (isKeyText(privateKey)) {
    // A key kept in an environment variable often has its line breaks written as "\n".
    const pem = /[\r\n]/.test(privateKey) ? privateKey : privateKey.replace(/\\n/g, '\n')
    return pipe(
      parsePrivateKey(pem),
      E.mapLeft((why) => [{ option: 'privateKey', message: `privateKey ${why}.` }])
    )
  }
  const file = JSON.stringify(privateKey)
  if (keyFiles === undefined) {
    return problem(
      'privateKey',
      `privateKey must be PEM text, got what looks like a file path (${file}); to read a key file, use createClient from "ncco-kit/node", or pass the file's text.`
    )
  }
  const read = keyFiles(privateKey)
  if (E.isLeft(read)) {
    const code = read.left.code
    return problem(
      'privateKey',
      `Cannot read the private key file ${file}${code === undefined ? '' : ` (${code})`}; privateKey must be PEM text or the path of a file holding it.`
    )
  }
  return pipe(
    parsePrivateKey(read.right),
    E.mapLeft((why) => [{ option: 'privateKey', message: `The private key file ${file} ${why}.` }])
  )
}

const applicationIdOf = (applicationId: string | undefined): Checked<string> =>
  typeof applicationId === 'string' && applicationId.trim() !== ''
    ? E.right(applicationId.trim())
    : problem(
        'applicationId',
        'applicationId is required (the Vonage application id), unless token is given.'
      )

const authenticationOf = (
  options: KeyCredentials | TokenCredentials,
  keyFiles: KeyFileReader | undefined
): Checked<Authentication> => {
  if (options.token !== undefined) {
    if (options.applicationId !== undefined || options.privateKey !== undefined) {
      return problem('token', 'Give either token, or applicationId and privateKey, not both.')
    }
    return typeof options.token === 'function'
      ? E.right({ type: 'token', token: options.token })
      : problem('token', 'token must be a function that returns the token.')
  }
  return pipe(
    sequenceS(Validation)({
      applicationId: applicationIdOf(options.applicationId),
      key: readKey(options.privateKey, keyFiles),
      ttlSeconds: integerOption(
        'jwtTtlSeconds',
        options.jwtTtlSeconds,
        jwtTtlBounds,
        defaultJwtTtlSeconds
      )
    }),
    E.map((fields): Authentication => ({ type: 'key', ...fields }))
  )
}

/**
 * Checks and completes the options; all problems are reported at once. Each field of
 * `ClientConfig` has its check here, so a new field that is not wired fails to compile.
 * `privateKey` may be a file path only when `keyFiles` is given.
 *
 * @category normalisation
 * @since 0.1.0
 */
export const normalizeOptions = (
  options: ClientOptions,
  keyFiles?: KeyFileReader
): Checked<ClientConfig> => {
  const checks: { readonly [K in keyof ClientConfig]: Checked<ClientConfig[K]> } = {
    baseUrl: baseUrlOf(options),
    timeoutMs: integerOption(
      'timeoutMs',
      options.timeoutMs,
      { min: 1, max: maxTimerMs },
      defaultTimeoutMs
    ),
    queueTimeoutMs: integerOption(
      'queueTimeoutMs',
      options.queueTimeoutMs,
      { min: 0, max: maxTimerMs },
      defaultQueueTimeoutMs
    ),
    profile: profileOf(options.profile),
    retry: retryOf(options.retry),
    limiter: limiterOf(options.limiter, options.clock),
    clock: E.right(clockWith(options.clock)),
    authentication: authenticationOf(options, keyFiles)
  }
  return sequenceS(Validation)(checks)
}

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

export { ClientConfigError, formatConfigProblems } from './config-problem.js'
