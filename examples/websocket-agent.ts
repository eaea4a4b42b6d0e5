// Connecting the call to an AI agent over a websocket, with a custom Authorization header.
import { connect, ncco, talk, websocket } from '../src/index.js'

const token = 'demo-token-not-a-secret'

const agent = ncco(
  talk('Connecting you to our virtual assistant.'),
  connect(
    websocket('wss://agent.example.com/socket', 'audio/l16;rate=16000')
      .headers({ customer_id: 'c-1042', locale: 'en-GB' })
      .authorization({ type: 'custom', value: `Bearer ${token}` })
  ).eventUrl('https://example.com/webhooks/agent')
).buildOrThrow()

console.log(JSON.stringify(agent, null, 2))
