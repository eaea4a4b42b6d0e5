/**
 * Findings: the public, stable shape of everything the validator, the builders and the CLI
 * report, and the one place where each code's meaning, source and message live.
 *
 * Validation code never writes a sentence: it names a code and its parameters, and
 * `renderMessage` turns them into the English message. The README's code table is generated
 * from `issueCatalog` (see `scripts/gen-docs.ts`), and a test keeps the two equal.
 *
 * @since 0.1.0
 */

import { quote } from './internal/text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export type Severity = 'error' | 'warning'

/**
 * `strict` (the default) reports stringly scalars, unknown keys and non-canonical spellings as
 * errors; `lenient` reports them as warnings (docs/rules.md §1). Neither rewrites the input.
 *
 * @category model
 * @since 0.1.0
 */
export type Profile = 'strict' | 'lenient'

/**
 * One finding. `path` is an RFC 6901 JSON Pointer into the document as given.
 *
 * @category model
 * @since 0.1.0
 */
export interface Issue {
  readonly code: IssueCode
  readonly severity: Severity
  readonly path: string
  readonly message: string
  readonly hint?: string
}

/** How a code's severity is chosen: fixed, or by the profile (error strict, warning lenient). */
type SeverityRule = Severity | 'profile'

interface CatalogEntry<P> {
  /** Severity of the finding; `profile` means error in strict, warning in lenient. */
  readonly severity: SeverityRule
  /** What the code means, for the README table. */
  readonly meaning: string
  /** The documentation behind the rule (a docs/rules.md section or a Vonage source). */
  readonly source: string
  readonly message: (params: P) => string
  /** Who reports it, when not the validator: the webhook decoder, or the simulator and sandbox. */
  readonly area?: 'webhooks' | 'simulator'
}

const entry = <P = Record<string, never>>(e: CatalogEntry<P>): CatalogEntry<P> => e

/** Quotes a value for a message, cut to a bounded length: keys and values may be user input. */
const q = (s: string): string => quote(s)
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

// -------------------------------------------------------------------------------------
// catalog
// -------------------------------------------------------------------------------------

/**
 * Every code the project can report. Adding a code here is all it takes to use it; a test
 * keeps the README table in step.
 *
 * @category catalog
 * @since 0.1.0
 */
export const issueCatalog = {
  // --- shapes and values -------------------------------------------------------------
  'invalid-type': entry<{ expected: string; actual: string }>({
    severity: 'error',
    meaning: 'The value has the wrong JSON type (or is not JSON at all: NaN, undefined, a Date).',
    source: 'NCCO reference field tables; docs/rules.md §1',
    message: (p) => `Expected ${p.expected}, got ${p.actual}.`
  }),
  'stringly-scalar': entry<{ expected: string; actual: string }>({
    severity: 'warning',
    meaning:
      'Lenient profile: a boolean or number was given as a string; it was range-checked as the coerced value.',
    source: 'docs/rules.md §1, §3 (lenient coercion)',
    message: (p) =>
      `Expected ${p.expected}, got the string ${q(p.actual)}; Vonage tolerates it, but the documented type is ${p.expected}.`
  }),
  'missing-required': entry<{ key: string; owner: string }>({
    severity: 'error',
    meaning: 'A required field is absent; reported at the path it should have.',
    source: 'NCCO reference field tables (Required column); Voice API OpenAPI 1.10',
    message: (p) => `${cap(p.owner)} requires ${q(p.key)}, which is missing.`
  }),
  'unknown-key': entry<{ key: string; owner: string }>({
    severity: 'profile',
    meaning:
      'A key that the documentation does not define for this object (error in strict, warning in lenient).',
    source: 'docs/rules.md §1',
    message: (p) => `${q(p.key)} is not a known field of ${p.owner}.`
  }),
  'non-canonical-key': entry<{ key: string; canonical: string; owner: string }>({
    severity: 'profile',
    meaning:
      'A spelling some Vonage sources use instead of the documented key; it stands in for it (error in strict, warning in lenient).',
    source:
      'docs/rules.md §1; the other spellings are those of the NCCO reference transfer table (conversation_id), the .NET and Ruby SDKs (advanced_machine_detection), the PHP SDK (standard_headers) and the Java SDK (ringback)',
    message: (p) => `${q(p.key)} is a non-canonical spelling of ${q(p.canonical)} in ${p.owner}.`
  }),
  'conflicting-spellings': entry<{ key: string; canonical: string }>({
    severity: 'error',
    meaning: 'Both the documented key and a non-canonical spelling of it are present.',
    source: 'docs/rules.md §3',
    message: (p) =>
      `Both ${q(p.canonical)} and its other spelling ${q(p.key)} are given; keep only ${q(p.canonical)}.`
  }),
  'out-of-range': entry<{ key: string; range: string; actual: string }>({
    severity: 'error',
    meaning: 'A number outside its documented range (ranges are inclusive).',
    source: 'NCCO reference; docs/rules.md §4, §6',
    message: (p) => `${q(p.key)} must be ${p.range}, got ${p.actual}.`
  }),
  'not-an-integer': entry<{ key: string; actual: string }>({
    severity: 'error',
    meaning: 'A number with a fractional part where an integer is documented.',
    source: 'NCCO reference (integer fields); docs/rules.md §4',
    message: (p) => `${q(p.key)} must be an integer, got ${p.actual}.`
  }),
  'invalid-enum': entry<{ key: string; allowed: readonly string[]; actual: string }>({
    severity: 'error',
    meaning: 'A value outside the documented set of values.',
    source: 'NCCO reference; Voice API OpenAPI 1.10 enums',
    message: (p) => `${q(p.key)} must be one of ${p.allowed.map(q).join(', ')}, got ${p.actual}.`
  }),
  'empty-string': entry<{ key: string }>({
    severity: 'error',
    meaning: 'An empty string where a value is required.',
    source: 'docs/rules.md §4 (non-empty fields)',
    message: (p) => `${q(p.key)} must not be empty.`
  }),
  'too-long': entry<{ key: string; max: number; actual: number; unit: string }>({
    severity: 'error',
    meaning: 'A string longer than documented (talk text is counted without SSML tags).',
    source:
      'NCCO reference (talk text 1,500 characters; User-to-User 256); Java SDK (authorization value 8,191)',
    message: (p) => `${q(p.key)} may have at most ${p.max} ${p.unit}, got ${p.actual}.`
  }),
  'empty-array': entry<{ key: string; what: string }>({
    severity: 'error',
    meaning: 'An empty array where at least one element is required.',
    source: 'docs/rules.md §3, §4, §6',
    message: (p) => `${q(p.key)} must contain at least one ${p.what}, got an empty array.`
  }),
  'too-many-items': entry<{ key: string; max: number; actual: number; what: string }>({
    severity: 'error',
    meaning: 'An array with more elements than the API supports.',
    source: 'NCCO reference (connect endpoint: maximum of one; speech uuid: one leg)',
    message: (p) =>
      `${q(p.key)} supports at most ${p.max} ${p.what}${p.max === 1 ? '' : 's'}, got ${p.actual}.`
  }),
  'duplicate-item': entry<{ key: string; value: string }>({
    severity: 'error',
    meaning: 'The same value twice in an array whose values must be distinct.',
    source: 'docs/rules.md §4 (input type)',
    message: (p) => `${q(p.key)} lists ${p.value} more than once.`
  }),
  'url-not-array': entry<{ key: string }>({
    severity: 'error',
    meaning: 'A bare string where the API requires an array of one URL.',
    source:
      'NCCO reference: "eventUrl MUST be a JSON array of strings, even with one value"; docs/rules.md §3',
    message: (p) => `${q(p.key)} must be an array of URLs, got a single string.`
  }),
  'multiple-urls': entry<{ key: string; count: number }>({
    severity: 'warning',
    meaning: 'A URL array with more than one URL; only the first is used.',
    source: 'docs/rules.md §3',
    message: (p) => `${q(p.key)} has ${p.count} URLs; only the first one is used.`
  }),
  'invalid-url': entry<{ key: string; expected: string; actual: string }>({
    severity: 'error',
    meaning:
      'Not an absolute URL of the expected scheme (http/https for webhooks and audio, ws/wss for websockets, sip/sips for SIP).',
    source: 'docs/rules.md §3',
    message: (p) => `${q(p.key)} must be ${p.expected}, got ${p.actual}.`
  }),
  'invalid-phone-number': entry<{ key: string; actual: string }>({
    severity: 'error',
    meaning:
      'Not an E.164 number as Vonage wants it: 7–15 digits, no leading zero, no "+", spaces or dashes.',
    source: 'NCCO reference (phone endpoint); Voice API numbers guide; docs/rules.md §3',
    message: (p) =>
      `${q(p.key)} must be an E.164 number without "+" (7 to 15 digits, no leading zero), got ${p.actual}.`
  }),
  'invalid-language-tag': entry<{ key: string; actual: string }>({
    severity: 'error',
    meaning:
      'A language that is not a well-formed tag of the form Vonage uses (e.g. en-GB, cmn-CN).',
    source: 'docs/rules.md §3',
    message: (p) => `${q(p.key)} must be a language tag such as "en-GB", got ${p.actual}.`
  }),
  'unknown-language': entry<{ key: string; actual: string; list: string }>({
    severity: 'warning',
    meaning: 'A well-formed language tag that is not in the documented list.',
    source:
      'docs/rules.md §3; Voice API OpenAPI 1.10 language enum (text-to-speech); Java SDK language list (speech recognition, transcription); docs/decisions.md',
    message: (p) => `${q(p.key)} ${p.actual} is not in the documented ${p.list} language list.`
  }),
  'invalid-format': entry<{ key: string; expected: string; actual: string }>({
    severity: 'error',
    meaning: 'A string that does not match its documented format (DTMF digits, printable ASCII).',
    source: 'NCCO reference (dtmfAnswer); Java SDK (authorization value)',
    message: (p) => `${q(p.key)} must be ${p.expected}, got ${p.actual}.`
  }),
  'cyclic-reference': entry({
    severity: 'error',
    meaning: 'An object passed from code contains itself; it cannot be sent as JSON.',
    source: 'JSON (RFC 8259) has no cycles',
    message: () => 'This value contains a reference to itself and cannot be serialised as JSON.'
  }),
  'too-deep': entry<{ max: number }>({
    severity: 'error',
    meaning: 'A free-form JSON value nested deeper than the validator follows.',
    source: 'project decision (docs/decisions.md)',
    message: (p) => `This value is nested more than ${p.max} levels deep.`
  }),
  'array-too-long': entry<{ max: number; actual: number }>({
    severity: 'error',
    meaning:
      'An array passed from code with more items than the validator reads (a sparse array of huge length, say).',
    source: 'project decision (docs/decisions.md)',
    message: (p) =>
      `This array has ${p.actual} items; the validator reads at most ${p.max}, and no Voice API document comes near that.`
  }),
  'unreadable-value': entry<{ reason: string }>({
    severity: 'error',
    meaning: 'Reading the value threw (a getter or proxy passed from code).',
    source: 'project decision (docs/decisions.md)',
    message: (p) => `Reading this value failed: ${p.reason}.`
  }),
  // --- actions and endpoints ---------------------------------------------------------
  'unknown-action': entry<{ actual: string }>({
    severity: 'error',
    meaning: 'An action name that is not one of the nine NCCO actions.',
    source: 'NCCO reference (action list); docs/rules.md §3',
    message: (p) =>
      `Unknown action ${p.actual}; expected one of "record", "conversation", "connect", "talk", "stream", "input", "notify", "wait", "transfer".`
  }),
  'removed-action': entry<{ actual: string; why: string }>({
    severity: 'error',
    meaning: 'An action Vonage has removed (pay).',
    source: 'PHP SDK (pay deprecated February 2023); not in the NCCO reference',
    message: (p) => `The ${q(p.actual)} action ${p.why}.`
  }),
  'unknown-endpoint-type': entry<{ actual: string; allowed: readonly string[] }>({
    severity: 'error',
    meaning: 'An endpoint type that is not allowed here.',
    source: 'NCCO reference (connect endpoints); Voice API OpenAPI 1.10 (to)',
    message: (p) =>
      `Unknown endpoint type ${p.actual}; expected one of ${p.allowed.map(q).join(', ')}.`
  }),
  // --- rules inside one object -------------------------------------------------------
  'channels-without-split': entry({
    severity: 'error',
    meaning: 'record: channels is set but split is not "conversation".',
    source: 'NCCO reference (record channels: "split must be set to conversation")',
    message: () => '"channels" requires "split": "conversation", which is missing.'
  }),
  'mute-with-can-speak': entry<{ owner: string }>({
    severity: 'error',
    meaning: 'conversation or transfer: mute: true together with canSpeak.',
    source: 'NCCO reference (mute: "not supported together with canSpeak")',
    message: (p) =>
      `${cap(p.owner)} cannot have "mute": true together with "canSpeak"; remove one of them.`
  }),
  'transcription-without-record': entry({
    severity: 'error',
    meaning: 'conversation: transcription is set but record is not true.',
    source: 'NCCO reference (conversation transcription requires record: true)',
    message: () => '"transcription" only works with "record": true, which is missing.'
  }),
  'from-with-random-from-number': entry<{ from: string; random: string }>({
    severity: 'error',
    meaning: 'Both a caller id and a random caller id were asked for.',
    source:
      'NCCO reference (connect randomFromNumber); Voice API OpenAPI 1.10 (random_from_number)',
    message: (p) =>
      `${q(p.from)} and ${q(p.random)}: true cannot be used together; keep one of them.`
  }),
  'missing-caller': entry({
    severity: 'error',
    meaning: 'create-call v1: neither from nor random_from_number: true is given.',
    source: 'Voice API OpenAPI 1.10 ("specify one or the other")',
    message: () =>
      'A v1 create-call request needs "from" or "random_from_number": true; neither is given.'
  }),
  'from-not-e164': entry<{ actual: string }>({
    severity: 'warning',
    meaning: 'connect: from is not an E.164 number (allowed for non-phone endpoints, but unusual).',
    source: 'NCCO reference (connect from); docs/rules.md §4',
    message: (p) => `"from" is usually an E.164 number, got ${p.actual}.`
  }),
  'both-machine-detections': entry<{ standard: string; advanced: string }>({
    severity: 'warning',
    meaning: 'Standard and advanced machine detection are both set; advanced wins.',
    source: 'Advanced machine detection guide ("advanced overrides machineDetection")',
    message: (p) =>
      `Both ${q(p.standard)} and ${q(p.advanced)} are set; only ${q(p.advanced)} takes effect.`
  }),
  'authorization-value-missing': entry({
    severity: 'error',
    meaning: 'websocket authorization of type custom without a value.',
    source: 'Voice API OpenAPI 1.10 (websocket authorization)',
    message: () => 'An authorization of type "custom" needs a "value", which is missing.'
  }),
  'authorization-value-ignored': entry({
    severity: 'warning',
    meaning: 'websocket authorization of type vonage (the default) with a value, which is ignored.',
    source: 'Voice API OpenAPI 1.10 (websocket authorization)',
    message: () => '"value" is ignored unless "type" is "custom" (the default type is "vonage").'
  }),
  'sip-address-conflict': entry<{ detail: string }>({
    severity: 'error',
    meaning: 'sip endpoint: give either uri, or user and domain together.',
    source: 'NCCO reference (sip endpoint uri / user / domain)',
    message: (p) => `A sip endpoint needs either "uri" or both "user" and "domain": ${p.detail}.`
  }),
  'sip-uri-too-long': entry<{ actual: number }>({
    severity: 'warning',
    meaning: 'A SIP URI longer than the 50 characters of the OpenAPI AddressSip schema.',
    source: 'Voice API OpenAPI 1.10 (AddressSip maxLength 50); docs/decisions.md',
    message: (p) => `"uri" has ${p.actual} characters; the API description allows at most 50.`
  }),
  'headers-too-large': entry<{ actual: number }>({
    severity: 'warning',
    meaning: 'websocket headers larger than 512 bytes once serialised.',
    source: 'Voice API websockets guide (2021): headers up to 512 bytes',
    message: (p) => `"headers" is ${p.actual} bytes as JSON; Vonage documents a limit of 512 bytes.`
  }),
  'ringback-tone-on-phone': entry({
    severity: 'warning',
    meaning:
      'connect: ringbackTone with a phone endpoint, where the carrier already plays ringback.',
    source: 'NCCO reference (ringbackTone: not recommended for phone endpoints)',
    message: () =>
      '"ringbackTone" is not recommended for a phone endpoint: the carrier plays its own ringback.'
  }),
  'ssml-not-wrapped': entry({
    severity: 'error',
    meaning: 'talk text contains SSML tags but is not wrapped in <speak>…</speak>.',
    source: 'NCCO reference (talk text: "SSML must be enclosed in speak tags")',
    message: () => '"text" contains SSML tags, so it must be wrapped in <speak>…</speak>.'
  }),
  'deprecated-voice-name': entry({
    severity: 'warning',
    meaning: 'talk voiceName is deprecated.',
    source: 'NCCO reference (voiceName deprecated: use language and style)',
    message: () => '"voiceName" is deprecated; use "language" and "style" instead.'
  }),
  'dtmf-settings-without-dtmf': entry({
    severity: 'error',
    meaning: 'input: dtmf settings, but type does not list "dtmf".',
    source: 'NCCO reference (input dtmf); docs/rules.md §4',
    message: () => '"dtmf" settings only apply when "type" lists "dtmf", and it does not.'
  }),
  'speech-settings-without-speech': entry({
    severity: 'error',
    meaning: 'input: speech settings, but type does not list "speech".',
    source: 'NCCO reference (input speech); docs/rules.md §4',
    message: () => '"speech" settings only apply when "type" lists "speech", and it does not.'
  }),
  'async-with-dtmf-settings': entry({
    severity: 'error',
    meaning: 'input: mode asynchronous together with dtmf settings.',
    source: 'NCCO reference (input mode: "DTMF settings must be left blank" when asynchronous)',
    message: () => '"mode": "asynchronous" requires the "dtmf" settings to be left out.'
  }),
  'mode-without-dtmf': entry({
    severity: 'warning',
    meaning: 'input: mode is set but type does not list "dtmf" (mode affects DTMF only).',
    source: 'NCCO reference (input mode applies to DTMF only)',
    message: () => '"mode" only affects DTMF input, and "type" does not list "dtmf".'
  }),
  'wait-timeout-clamped': entry<{ actual: string }>({
    severity: 'warning',
    meaning: 'wait: timeout outside 0.1–7200 s; the platform clamps it.',
    source: 'NCCO reference (wait timeout: values outside the range are clamped)',
    message: (p) => `"timeout" ${p.actual} is outside 0.1 to 7200 seconds and will be clamped.`
  }),
  // --- rules across actions ----------------------------------------------------------
  'barge-in-without-input': entry<{ prompt: string; index: number; at: string }>({
    severity: 'error',
    meaning:
      'A talk or stream with bargeIn: true is not followed by an input before another kind of action or the end.',
    source: 'NCCO reference (talk/stream bargeIn: "the next non-talk action must be input")',
    message: (p) =>
      `The ${p.prompt} at index ${p.index} has "bargeIn": true, so an "input" action must come before ${p.at}.`
  }),
  'unreachable-after-transfer': entry({
    severity: 'warning',
    meaning: 'An action after a transfer, which never runs.',
    source: 'NCCO reference (transfer moves the legs to another conversation)',
    message: () => 'This action comes after a "transfer" and never runs.'
  }),
  'unreachable-after-infinite-loop': entry<{ owner: string }>({
    severity: 'warning',
    meaning: 'An action after a talk or stream with loop: 0 and no bargeIn, which plays forever.',
    source: 'NCCO reference (loop: 0 loops infinitely)',
    message: (p) => `This action never runs: the ${p.owner} before it loops forever ("loop": 0).`
  }),
  // --- create-call ---------------------------------------------------------------------
  'ncco-and-answer-url': entry({
    severity: 'error',
    meaning: 'create-call: both ncco and answer_url are given.',
    source: 'Voice API OpenAPI 1.10 (oneOf CreateCallRequestNcco / CreateCallRequestAnswerUrl)',
    message: () => 'Give either "ncco" or "answer_url", not both.'
  }),
  'missing-call-instructions': entry({
    severity: 'error',
    meaning: 'create-call: neither ncco nor answer_url is given.',
    source: 'Voice API OpenAPI 1.10 (oneOf CreateCallRequestNcco / CreateCallRequestAnswerUrl)',
    message: () => 'A create-call request needs "ncco" or "answer_url"; neither is given.'
  }),
  'answer-method-without-answer-url': entry({
    severity: 'warning',
    meaning: 'create-call: answer_method without answer_url has no effect.',
    source: 'Voice API OpenAPI 1.10 (answer_method belongs to the answer_url variant)',
    message: () => '"answer_method" has no effect without "answer_url".'
  }),
  // --- files (CLI) ---------------------------------------------------------------------
  'file-unreadable': entry<{ reason: string }>({
    severity: 'error',
    meaning: 'The file could not be read (missing, a directory, no permission).',
    source: 'CLI',
    message: (p) => `The file could not be read: ${p.reason}.`
  }),
  'file-too-large': entry<{ limit: string }>({
    severity: 'error',
    meaning: 'The file (or standard input) is larger than the CLI reads (64 MiB).',
    source: 'CLI',
    message: (p) =>
      `The file is larger than ${p.limit}, the most the CLI reads; it was not checked.`
  }),
  'file-empty': entry({
    severity: 'error',
    meaning: 'The file is empty or only white space.',
    source: 'CLI',
    message: () => 'The file is empty.'
  }),
  'file-not-text': entry<{ reason: string }>({
    severity: 'error',
    meaning: 'The file is binary or not valid UTF-8.',
    source: 'CLI',
    message: (p) => `The file is not UTF-8 text: ${p.reason}.`
  }),
  'parse-error': entry<{ format: string; reason: string }>({
    severity: 'error',
    meaning: 'The file is not valid JSON or YAML; the position is that of the error.',
    source: 'CLI',
    message: (p) => `Invalid ${p.format}: ${p.reason}.`
  }),
  'duplicate-key': entry<{ key: string }>({
    severity: 'error',
    meaning: 'The same key twice in one object (JSON.parse would silently keep the last).',
    source: 'CLI; RFC 8259 §4 ("names within an object SHOULD be unique")',
    message: (p) =>
      `The key ${q(p.key)} appears more than once in this object; only the last would be used.`
  }),
  'internal-error': entry<{ reason: string }>({
    severity: 'error',
    meaning: 'Validating the file threw: a bug in ncco-kit (the other files are still validated).',
    source: 'CLI',
    message: (p) =>
      `Validating this file failed unexpectedly (${p.reason}); this is a bug in ncco-kit, please report it.`
  }),
  // --- webhooks (decoding what the Voice API sends) ------------------------------------
  'invalid-json': entry<{ key: string; reason: string }>({
    area: 'webhooks',
    severity: 'error',
    meaning:
      'A webhook field sent as JSON text (custom_data, or an input result in a GET query) does not parse.',
    source: 'docs/webhooks.md (GET query form)',
    message: (p) => `${q(p.key)} holds JSON text that does not parse: ${p.reason}.`
  }),
  'unknown-webhook-route': entry<{ actual: string; allowed: readonly string[] }>({
    area: 'webhooks',
    severity: 'error',
    meaning: 'decodeWebhook was asked for a route it does not know.',
    source: 'docs/webhooks.md (routes)',
    message: (p) =>
      `There is no webhook route ${p.actual}; the routes are ${p.allowed.map(q).join(', ')}.`
  }),
  // --- simulator and sandbox -----------------------------------------------------------
  'invalid-caller-step': entry<{ index: number; found: string }>({
    area: 'simulator',
    severity: 'error',
    meaning:
      'A caller script step that is not exactly one of dtmf, speech (with its confidence), silence or hangup.',
    source: 'docs/simulate.md (the caller script)',
    message: (p) =>
      `Caller step ${p.index} must have exactly one of "dtmf", "speech", "silence" and "hangup"; it has ${p.found === '' ? 'none of them' : p.found}.`
  }),
  'invalid-simulate-option': entry<{ option: string; reason: string }>({
    area: 'simulator',
    severity: 'error',
    meaning: 'An option of simulateCall or placeCall that cannot be used; the call is not started.',
    source: 'docs/simulate.md (options)',
    message: (p) => `The option ${q(p.option)} ${p.reason}.`
  }),
  'webhook-unreachable': entry<{ method: string; url: string; reason: string }>({
    area: 'simulator',
    severity: 'error',
    meaning:
      'A webhook URL did not answer at all (connection refused, reset, DNS), after the retry.',
    source: 'Voice API webhook reference (retried on connection failures)',
    message: (p) => `${p.method} ${p.url} could not be reached (${p.reason}).`
  }),
  'webhook-timeout': entry<{ method: string; url: string; limitMs: number; what: string }>({
    area: 'simulator',
    severity: 'error',
    meaning:
      'A webhook took longer than the Voice API waits: 5 s for the answer URL and requests that may return an NCCO, 10 s for other events.',
    source: 'Voice API application settings (socket timeouts 5000 ms and 10000 ms)',
    message: (p) =>
      `${p.method} ${p.url} did not answer within ${p.limitMs} ms, the Voice API's limit for ${p.what}.`
  }),
  'webhook-status': entry<{ method: string; url: string; status: number }>({
    area: 'simulator',
    severity: 'error',
    meaning: 'A webhook answered with a status outside 200–299.',
    source: 'Voice API webhook reference (the app must answer 2xx)',
    message: (p) => `${p.method} ${p.url} answered ${p.status}; the Voice API expects a 2xx status.`
  }),
  'webhook-retried': entry<{ method: string; url: string; first: string }>({
    area: 'simulator',
    severity: 'warning',
    meaning: 'A webhook failed once and its retry (which the Voice API also makes) succeeded.',
    source: 'Voice API webhook reference (one more attempt on timeouts, 429, 503, 504)',
    message: (p) =>
      `${p.method} ${p.url} failed once (${p.first}); the retry the Voice API makes succeeded.`
  }),
  'reply-not-json': entry<{ method: string; url: string; reason: string }>({
    area: 'simulator',
    severity: 'error',
    meaning: 'A webhook that should return an NCCO returned something that is not JSON.',
    source: 'NCCO reference (an NCCO is a JSON array)',
    message: (p) =>
      `The reply to ${p.method} ${p.url} is not JSON (${p.reason}), so it cannot be run as an NCCO.`
  }),
  'reply-too-large': entry<{ method: string; url: string; limit: number }>({
    area: 'simulator',
    severity: 'error',
    meaning: 'A webhook reply larger than the simulator reads.',
    source: 'docs/simulate.md (limits)',
    message: (p) =>
      `The reply to ${p.method} ${p.url} is larger than ${p.limit} bytes; the simulator stopped reading it.`
  }),
  'invalid-ncco': entry<{ source: string; count: string }>({
    area: 'simulator',
    severity: 'error',
    meaning:
      'An NCCO the app returned fails validation (its findings follow, with paths into the transcript); the Voice API does not run it.',
    source:
      'Voice API webhook reference (an invalid NCCO sends an error event and goes to the fallback URL)',
    message: (p) => `The NCCO from ${p.source} is invalid (${p.count}), so it is not run.`
  }),
  'caller-step-unused': entry<{ index: number; step: string }>({
    area: 'simulator',
    severity: 'error',
    meaning: 'A caller script step that nothing in the call consumed.',
    source: 'docs/simulate.md (the caller script)',
    message: (p) =>
      `Caller step ${p.index} (${p.step}) was never used: the call ended before anything waited for it.`
  }),
  'caller-step-ignored': entry<{ index: number; step: string; reason: string }>({
    area: 'simulator',
    severity: 'warning',
    meaning:
      'A caller step was consumed but could not act: keys for a speech-only input, words for a DTMF-only one.',
    source: 'NCCO reference (input type)',
    message: (p) => `Caller step ${p.index} (${p.step}) had no effect: ${p.reason}.`
  }),
  'simulation-failed': entry<{ reason: string }>({
    area: 'simulator',
    severity: 'error',
    meaning: 'The simulator itself failed: a bug in ncco-kit (the transcript holds what ran).',
    source: 'simulator',
    message: (p) =>
      `The simulation failed unexpectedly (${p.reason}); this is a bug in ncco-kit, please report it.`
  }),
  'too-many-actions': entry<{ max: number }>({
    area: 'simulator',
    severity: 'error',
    meaning:
      'The call ran more actions than the simulator allows without ending (a loop in the app).',
    source: 'docs/simulate.md (limits)',
    message: (p) =>
      `The call ran ${p.max} actions without ending, so the simulator stopped it; does the app return the same NCCO again and again?`
  }),
  'too-many-findings': entry<{ shown: number; errors: number; warnings: number }>({
    severity: 'warning',
    meaning:
      'A file has more findings than the CLI lists (--max-findings, default 1000); the rest are counted in the summary, not listed.',
    source: 'CLI (docs/cli.md, --max-findings)',
    message: (p) =>
      `${p.errors + p.warnings} more ${p.errors + p.warnings === 1 ? 'finding' : 'findings'} in this file (${p.errors} ${p.errors === 1 ? 'error' : 'errors'}, ${p.warnings} ${p.warnings === 1 ? 'warning' : 'warnings'}) not listed after the first ${p.shown}; --max-findings N or all lists more.`
  }),
  'request-is-private-key': entry({
    severity: 'error',
    meaning:
      'The file (a request for ncco call create, or a file given to ncco validate) is a PEM private key.',
    source: 'CLI (docs/cli.md, ncco call create)',
    message: () =>
      'The file holds a private key, not an NCCO or a create-call request; its content is not shown.'
  })
} as const satisfies Record<string, CatalogEntry<never>>

/**
 * @category catalog
 * @since 0.1.0
 */
export type IssueCode = keyof typeof issueCatalog

/**
 * The parameters each code's message needs.
 *
 * @category catalog
 * @since 0.1.0
 */
export type IssueParams<C extends IssueCode> = [
  Parameters<(typeof issueCatalog)[C]['message']>[0]
] extends [never]
  ? Record<string, never>
  : Parameters<(typeof issueCatalog)[C]['message']>[0]

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Builds a finding: the message comes from the catalog, the severity from the catalog and the
 * profile.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeIssue = <C extends IssueCode>(
  code: C,
  path: string,
  params: IssueParams<C>,
  options: { readonly profile?: Profile; readonly hint?: string | undefined } = {}
): Issue => {
  const e = issueCatalog[code] as CatalogEntry<IssueParams<C>>
  const severity: Severity =
    e.severity === 'profile' ? (options.profile === 'lenient' ? 'warning' : 'error') : e.severity
  const message = e.message(params)
  return options.hint === undefined
    ? { code, severity, path, message }
    : { code, severity, path, message, hint: options.hint }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * @category destructors
 * @since 0.1.0
 */
export const isError = (issue: Issue): boolean => issue.severity === 'error'

/**
 * One line per finding: `error unknown-key at /0/txt: … (hint: …)`.
 *
 * @category destructors
 * @since 0.1.0
 */
export const formatIssue = (issue: Issue): string =>
  `${issue.severity} ${issue.code} at ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}` +
  (issue.hint === undefined ? '' : ` (hint: ${issue.hint})`)

/**
 * One line per finding (see `formatIssue`), in the order given.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { formatIssues, validateNcco } from 'ncco-kit'
 *
 * const result = validateNcco([{ action: 'talk', txt: 'Hello' }])
 * assert.ok(E.isLeft(result))
 * assert.strictEqual(
 *   formatIssues(result.left),
 *   [
 *     'error unknown-key at /0/txt: "txt" is not a known field of the talk action. (hint: did you mean "text"?)',
 *     'error missing-required at /0/text: The talk action requires "text", which is missing.'
 *   ].join('\n')
 * )
 *
 * @category destructors
 * @since 0.1.0
 */
export const formatIssues = (issues: ReadonlyArray<Issue>): string =>
  issues.map(formatIssue).join('\n')
