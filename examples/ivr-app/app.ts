// An IVR as a whole application: the answer URL plays a menu, the input webhooks choose a
// branch, and every NCCO is built with the builders and checked by the webhook handler before
// it leaves. Signatures are verified when a signature secret is given.
//
//   answer              -> "Welcome to Acme. ..." + a one-key DTMF input
//   input (menu)        1 -> "Say sales or support." + a speech input
//                       2 -> a voicemail: record until #, then goodbye
//                       anything else -> the menu once more, then goodbye
//   input (department)  "sales" / "support" -> connect to that team
//                       anything else -> the question once more, then goodbye
//   record              logged
//
// The menu state travels in the query of each input's eventUrl (?menu=main&attempt=1), so the
// app keeps nothing between requests.
import {
  connect,
  describeWebhookHandlerError,
  input,
  ncco,
  phone,
  record,
  talk,
  webhookHandler
} from '../../src/index.js'
import type { InputWebhook, NccoBuilder, WebhookContext } from '../../src/index.js'

export interface IvrAppOptions {
  /** Where the Voice API reaches this app, e.g. `https://abcd.ngrok.app`; eventUrls start with it. */
  readonly baseUrl: string
  /** The application's signature secret; default the `VONAGE_SIGNATURE_SECRET` variable. */
  readonly signatureSecret?: string
  /** Where the app says what it receives, one line per webhook. */
  readonly log?: (line: string) => void
}

/** The numbers each department answers on. */
export const departments = {
  sales: '447700900001',
  support: '447700900002'
} as const

type Department = keyof typeof departments
type Menu = 'main' | 'department'

const menuPrompt = 'Welcome to Acme. For sales or support press 1. To leave a message press 2.'
const departmentPrompt = 'Say sales or support.'
const goodbye = 'Sorry, I did not understand. Goodbye.'

/** The best hypothesis that names a department, if any. */
const departmentSaid = (webhook: InputWebhook): Department | undefined => {
  for (const { text } of webhook.speech?.results ?? []) {
    const word = text.trim().toLowerCase()
    if (word === 'sales' || word === 'support') return word
  }
  return undefined
}

/** What the caller did, for the log: "pressed 1", "said "support"", "nothing (timed out)". */
const describeInput = (webhook: InputWebhook): string => {
  const digits = webhook.dtmf?.digits
  if (digits !== undefined && digits !== '') return `pressed ${digits}`
  const heard = webhook.speech?.results?.[0]?.text
  if (heard !== undefined) return `said ${JSON.stringify(heard)}`
  const why =
    webhook.dtmf?.timed_out === true
      ? 'timed out'
      : (webhook.speech?.timeout_reason ?? webhook.speech?.error ?? 'no result')
  return `nothing (${why})`
}

export const createIvrApp = (options: IvrAppOptions): ((request: Request) => Promise<Response>) => {
  const base = options.baseUrl.replace(/\/+$/, '')
  const log = options.log ?? (() => undefined)
  const secret =
    options.signatureSecret ??
    (typeof process === 'undefined' ? undefined : process.env['VONAGE_SIGNATURE_SECRET'])
  const signed = secret === undefined || secret === '' ? undefined : secret
  const how = signed === undefined ? '(signature not checked)' : '(signature verified)'

  const inputUrl = (menu: Menu, attempt: number): string =>
    `${base}/input?menu=${menu}&attempt=${attempt}`

  const mainMenu = (attempt: number): NccoBuilder =>
    ncco(
      talk(menuPrompt).bargeIn(true),
      input.dtmf({ maxDigits: 1 }).eventUrl(inputUrl('main', attempt))
    )

  const departmentMenu = (attempt: number): NccoBuilder =>
    ncco(
      talk(departmentPrompt),
      input.speech({ context: ['sales', 'support'] }).eventUrl(inputUrl('department', attempt))
    )

  const voicemail = (): NccoBuilder =>
    ncco(
      talk('Please leave a message after the tone, then press the hash key.'),
      record().beepStart(true).endOnKey('#').eventUrl(`${base}/record`),
      talk('Thank you for your message. Goodbye.')
    )

  const connectTo = (department: Department): NccoBuilder =>
    ncco(talk(`Connecting you to ${department}.`), connect(phone(departments[department])))

  /** Nothing understood: the same question once more, then goodbye. */
  const retry = (menu: Menu, attempt: number): NccoBuilder =>
    attempt >= 2 ? ncco(talk(goodbye)) : menu === 'main' ? mainMenu(2) : departmentMenu(2)

  const onInput = (webhook: InputWebhook, context: WebhookContext): NccoBuilder => {
    log(`app ← input: ${describeInput(webhook)} ${how}`)
    const query = new URL(context.request.url).searchParams
    const menu: Menu = query.get('menu') === 'department' ? 'department' : 'main'
    const attempt = query.get('attempt') === '2' ? 2 : 1
    if (menu === 'department') {
      const department = departmentSaid(webhook)
      return department === undefined ? retry(menu, attempt) : connectTo(department)
    }
    switch (webhook.dtmf?.digits) {
      case '1':
        return departmentMenu(1)
      case '2':
        return voicemail()
      default:
        return retry(menu, attempt)
    }
  }

  return webhookHandler(
    {
      answer: (webhook) => {
        log(
          `app ← answer: call from ${webhook.from ?? webhook.from_user ?? 'unknown'} to ${webhook.to} ${how}`
        )
        return mainMenu(1)
      },
      input: onInput,
      record: (webhook) => {
        log(`app ← record: ${webhook.recording_url}, ${webhook.size ?? 'unknown'} bytes ${how}`)
      },
      event: (webhook) => {
        log(`app ← event: ${webhook.kind} ${how}`)
      }
    },
    {
      ...(signed === undefined ? {} : { signatureSecret: signed }),
      onError: (error) => log(`app ✗ ${describeWebhookHandlerError(error)}`)
    }
  )
}
