// An IVR menu: a greeting the caller can interrupt, then a menu answered by a key or in words.
import { input, ncco, talk } from '../src/index.js'

const menu = ncco(
  talk(
    "<speak>Thanks for calling Acme. <break time='300ms'/> For sales press 1, for support press 2, or say what you need.</speak>"
  )
    .language('en-GB')
    .style(2)
    .bargeIn(true),
  input
    .dtmfAndSpeech({
      dtmf: { maxDigits: 1, timeOut: 5 },
      speech: { language: 'en-GB', context: ['sales', 'support'], endOnSilence: 1.5 }
    })
    .eventUrl('https://example.com/webhooks/ivr')
).buildOrThrow()

console.log(JSON.stringify(menu, null, 2))
