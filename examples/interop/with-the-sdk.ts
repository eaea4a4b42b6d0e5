// ncco-kit builds and validates; the official SDK (@vonage/voice) does the rest of the Voice
// API: transfers, hang-ups, recordings. Built values go to the SDK as they are, without a cast,
// and stay frozen: neither library can change them afterwards.
import type { Voice } from '@vonage/voice'
import { callV1, input, ncco, phone, talk } from '../../src/index.js'

// Validated once, when the module loads: buildOrThrow() throws on an invalid NCCO.
export const menu = ncco(
  talk('For sales press 1, for support press 2.').bargeIn(true),
  input.dtmf({ maxDigits: 1, timeOut: 5 }).eventUrl('https://example.com/webhooks/menu')
).buildOrThrow()

export const reminder = callV1()
  .to(phone('+44 7700 900001'))
  .from('+44 7700 900000')
  .ncco(menu)
  .buildOrThrow()

/** Moves a call in progress to the menu. */
export const transferToMenu = (voice: Voice, uuid: string): Promise<void> =>
  voice.transferCallWithNCCO(uuid, menu)

/** Calls the customer with the request built above. */
export const callCustomer = (voice: Voice): Promise<unknown> => voice.createOutboundCall(reminder)

/** Ends a call, and saves its recording: the SDK's own methods. */
export const hangUpAndSave = async (voice: Voice, uuid: string, recordingUrl: string) => {
  await voice.hangupCall(uuid)
  await voice.downloadRecording(recordingUrl, `recordings/${uuid}.mp3`)
}
