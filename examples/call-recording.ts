// Call recording with transcription: both sides recorded in separate channels, transcribed
// with sentiment analysis, while the caller talks to an agent.
import { connect, ncco, phone, record, talk } from '../src/index.js'

const recorded = ncco(
  talk('This call may be recorded for quality and training purposes.'),
  record()
    .split('conversation')
    .channels(2)
    .format('wav')
    .transcription({
      language: 'en-GB',
      eventUrl: 'https://example.com/webhooks/transcription',
      sentimentAnalysis: true
    })
    .eventUrl('https://example.com/webhooks/recording'),
  connect(phone('+44 7700 900001')).from('+44 7700 900000')
).buildOrThrow()

console.log(JSON.stringify(recorded, null, 2))
