// Outbound calls: a v1 request with advanced machine detection (the reminder is left on
// voicemail after the beep), and a v2 request whose NCCO comes from a webhook. build() returns
// an fp-ts Either with every finding; buildOrThrow() does the same for code without fp-ts.
import * as E from 'fp-ts/lib/Either.js'
import { app, callV1, callV2, formatIssues, ncco, phone, talk } from '../src/index.js'

const result = callV1()
  .to(phone('+44 7700 900001'))
  .from('+44 7700 900000')
  .ncco(ncco(talk('This is a reminder of your appointment tomorrow at 10.')))
  .eventUrl('https://example.com/webhooks/event')
  .lengthTimer(300)
  .ringingTimer(45)
  .advancedMachineDetection({ behavior: 'continue', mode: 'detect_beep', beep_timeout: 45 })
  .build()

if (E.isLeft(result)) {
  console.error(formatIssues(result.left))
  process.exit(1)
}
const v1 = result.right.value

const v2 = callV2()
  .to(app('alice'))
  .from('447700900000')
  .answerUrl('https://example.com/webhooks/answer')
  .answerMethod('POST')
  .eventUrl('https://example.com/webhooks/event')
  .ringingTimer(30)
  .buildOrThrow()

console.log(JSON.stringify({ v1, v2 }, null, 2))
