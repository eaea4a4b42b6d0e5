/**
 * `stream`: plays an audio file into the call.
 *
 * @since 0.1.0
 */
import { boolean, integer, literal, number, opt, req, struct, urls } from '../internal/node.js'
import type { TypeOf } from '../internal/node.js'
import type { StreamActionFields } from './field-docs.js'

/**
 * @category codecs
 * @since 0.1.0
 */
export const StreamAction = struct(
  'StreamAction',
  {
    action: req(literal('stream'), 'The action name.'),
    streamUrl: req(urls, 'The MP3 or WAV file to play, as an array of one URL.'),
    level: opt(number({ min: -1, max: 1 }), 'Volume from -1 to 1.', { default: 0 }),
    bargeIn: opt(boolean, 'Lets the caller interrupt the audio; an input action must follow.', {
      default: false
    }),
    loop: opt(
      integer({ min: 0 }),
      'How many times to play the file; 0 loops until the call ends.',
      {
        default: 1
      }
    )
  },
  { owner: 'the stream action' }
)
export type StreamAction = { [K in keyof StreamActionFields]: TypeOf<typeof StreamAction>[K] }
