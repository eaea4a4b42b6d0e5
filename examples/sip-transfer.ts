// Transferring the caller to a desk phone on a SIP PBX, passing context in User-to-User.
import { connect, ncco, sip, stream } from '../src/index.js'

const toDesk = ncco(
  stream('https://example.com/audio/please-hold.mp3'),
  connect(
    sip('sip:desk@pbx.example.com;transport=tls')
      .headers({ Account: '1042' })
      .standardHeaders({ 'User-to-User': '342342ef34;encoding=hex' })
  ).timeout(30)
).buildOrThrow()

console.log(JSON.stringify(toDesk, null, 2))
