/**
 * The sandbox's options, checked once before it starts: every problem at once, each a
 * sentence naming the option (never a secret's value), and the defaults filled in. Without a
 * public key the sandbox refuses to start unless `noAuth: true` says that requests need no
 * token.
 *
 * @since 0.2.0
 */
import type { KeyObject } from 'node:crypto'
import { sequenceS } from 'fp-ts/lib/Apply.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as RNEA from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { formatIssue, type Issue } from '../issue.js'
import type { ConfigProblem } from '../sender/config.js'
import { timeoutProblem, type SimulateOptions } from '../simulator/options.js'
import { parseCallScript, type CallScript } from '../simulator/script.js'
import type { SandboxOptions } from './sandbox.js'
import { makeTokenVerifier, parsePublicKey, type TokenVerifier } from './sandbox-auth.js'
import type { CallSettings } from './sandbox-calls.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The options, checked, with their defaults.
 *
 * @category model
 * @since 0.2.0
 */
export interface SandboxConfig {
  readonly port: number
  readonly verify: TokenVerifier | undefined
  readonly cps: number
  readonly maxConcurrentCalls: number
  readonly maxBodyBytes: number
  readonly seed: number | undefined
  readonly settings: CallSettings
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * @category constants
 * @since 0.2.0
 */
export const sandboxDefaults = {
  cps: 3,
  maxConcurrentCalls: 20,
  maxBodyBytes: 65_536
} as const

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

type Checked<A> = E.Either<ReadonlyNonEmptyArray<ConfigProblem>, A>

const Validation = E.getApplicativeValidation(RNEA.getSemigroup<ConfigProblem>())

const problem = (option: string, message: string): Checked<never> => E.left([{ option, message }])

const integerOption = (
  option: string,
  value: unknown,
  bounds: { readonly min: number; readonly max: number },
  byDefault: number
): Checked<number> =>
  value === undefined
    ? E.right(byDefault)
    : typeof value === 'number' &&
        Number.isSafeInteger(value) &&
        value >= bounds.min &&
        value <= bounds.max
      ? E.right(value)
      : problem(
          option,
          `${option} must be an integer from ${bounds.min} to ${bounds.max}, got ${String(value)}.`
        )

const textOption = (option: string, value: unknown): Checked<string | undefined> =>
  value === undefined || (typeof value === 'string' && value !== '')
    ? E.right(value)
    : problem(option, `${option} must be a non-empty string.`)

const scriptOf = (script: unknown): Checked<CallScript | undefined> =>
  script === undefined
    ? E.right(undefined)
    : pipe(
        parseCallScript(script),
        E.mapLeft((issues) =>
          RNEA.map((issue: Issue) => ({
            option: 'script',
            message: `script ${formatIssue(issue)}`
          }))(issues)
        )
      )

const timeoutsOf = (value: unknown): Checked<SimulateOptions['timeouts'] | undefined> => {
  if (value === undefined) return E.right(undefined)
  if (typeof value !== 'object' || value === null) {
    return problem('timeouts', 'timeouts must be an object: {answerMs?, eventMs?}.')
  }
  const limits = value as Readonly<Record<string, unknown>>
  for (const key of ['answerMs', 'eventMs'] as const) {
    const wrong = limits[key] === undefined ? undefined : timeoutProblem(limits[key])
    if (wrong !== undefined) return problem('timeouts', `timeouts.${key} ${wrong}.`)
  }
  return E.right(value)
}

const fetchOf = (value: unknown): Checked<SimulateOptions['fetch'] | undefined> =>
  value === undefined || typeof value === 'function'
    ? E.right(value as SimulateOptions['fetch'])
    : problem('fetch', 'fetch must be a function: (request: Request) => Promise<Response>.')

const verifierOf = (options: SandboxOptions): Checked<TokenVerifier | undefined> => {
  const { publicKey, noAuth } = options as {
    readonly publicKey?: unknown
    readonly noAuth?: unknown
  }
  if (publicKey !== undefined && noAuth !== undefined) {
    return problem('publicKey', 'Give either publicKey or noAuth, not both.')
  }
  if (publicKey === undefined) {
    return noAuth === true
      ? E.right(undefined)
      : problem(
          'publicKey',
          "The sandbox checks every request's token with the application's public key: give publicKey, or noAuth: true to accept requests without a token."
        )
  }
  if (typeof publicKey !== 'string' && (typeof publicKey !== 'object' || publicKey === null)) {
    return problem('publicKey', 'publicKey must be PEM text or a KeyObject.')
  }
  return pipe(
    parsePublicKey(publicKey as string | KeyObject),
    E.bimap(
      (why) => [{ option: 'publicKey', message: `publicKey ${why}.` }],
      (key) =>
        makeTokenVerifier(
          key,
          options.applicationId === undefined ? {} : { applicationId: options.applicationId }
        )
    )
  )
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Checks the options: every problem at once, or the configuration the sandbox runs on.
 *
 * @category destructors
 * @since 0.2.0
 */
export const normalizeSandboxOptions = (options: SandboxOptions): Checked<SandboxConfig> =>
  pipe(
    sequenceS(Validation)({
      port: integerOption('port', options.port, { min: 0, max: 65_535 }, 0),
      verify: verifierOf(options),
      cps: integerOption('cps', options.cps, { min: 1, max: 1_000 }, sandboxDefaults.cps),
      maxConcurrentCalls: integerOption(
        'maxConcurrentCalls',
        options.maxConcurrentCalls,
        { min: 1, max: 10_000 },
        sandboxDefaults.maxConcurrentCalls
      ),
      maxBodyBytes: integerOption(
        'maxBodyBytes',
        options.maxBodyBytes,
        { min: 1_024, max: 16 * 1_048_576 },
        sandboxDefaults.maxBodyBytes
      ),
      seed:
        options.seed === undefined
          ? E.right(undefined)
          : integerOption('seed', options.seed, { min: 0, max: 4_294_967_295 }, 0),
      signatureSecret: textOption('signatureSecret', options.signatureSecret),
      apiKey: textOption('apiKey', options.apiKey),
      applicationId: textOption('applicationId', options.applicationId),
      script: scriptOf(options.script),
      fetch: fetchOf(options.fetch),
      timeouts: timeoutsOf(options.timeouts)
    }),
    E.map(({ signatureSecret, apiKey, applicationId, script, fetch, timeouts, ...config }) => ({
      ...config,
      settings: {
        ...(script === undefined ? {} : { script }),
        ...(signatureSecret === undefined ? {} : { signatureSecret }),
        ...(apiKey === undefined ? {} : { apiKey }),
        ...(applicationId === undefined ? {} : { applicationId }),
        ...(fetch === undefined ? {} : { fetch }),
        ...(timeouts === undefined ? {} : { timeouts })
      }
    }))
  )
