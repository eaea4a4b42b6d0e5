// Sequential ringing: the on-call phone for 20 seconds, then the on-call engineer's app, then
// a message. The first leg's synchronous events let the webhook replace the NCCO on failure.
import { app, connect, ncco, phone, talk } from '../src/index.js'
import type { EndpointInput } from '../src/index.js'

const ring = (endpoint: EndpointInput) => connect(endpoint).from('+44 7700 900000').timeout(20)

const sequential = ncco(
  ring(phone('+44 7700 900001'))
    .eventType('synchronous')
    .eventUrl('https://example.com/webhooks/connect-fallback'),
  ring(app('on-call-engineer')),
  talk('Nobody is available right now. Please try again later.')
).buildOrThrow()

console.log(JSON.stringify(sequential, null, 2))
