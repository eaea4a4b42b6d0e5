// A moderated conference: attendees wait with hold music until the moderator joins, and the
// conference, recorded and transcribed, ends when the moderator leaves.
import { conversation, ncco, talk } from '../src/index.js'

// One shared builder, extended in two directions: neither affects the other.
const room = conversation('weekly-standup')

const moderator = ncco(
  talk('Welcome, you are the moderator. The conference starts now.'),
  room
    .startOnEnter(true)
    .endOnExit(true)
    .record(true)
    .transcription({ language: 'en-US', eventUrl: 'https://example.com/webhooks/transcription' })
    .eventUrl('https://example.com/webhooks/recording')
).buildOrThrow()

const attendee = ncco(
  room.startOnEnter(false).musicOnHoldUrl('https://example.com/audio/hold.mp3')
).buildOrThrow()

console.log(JSON.stringify({ moderator, attendee }, null, 2))
