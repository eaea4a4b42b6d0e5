/**
 * Time on the simulated call: how long the media and the caller take (docs/simulate.md,
 * "Time"), and the virtual clock that moves on by those amounts and fires the timers due on
 * the way. Nothing here waits in real time.
 *
 * Where the Voice API leaves a duration to the media, the simulator decides: talk at 0.07 s
 * per spoken character (SSML tags not counted), a stream play 5 s, ringing 3 s, a key 0.3 s,
 * speech at the talk rate.
 *
 * @since 0.2.0
 */
import { spokenLength } from '../ncco/talk.js'
import { EndCall } from './call.js'
import type { Call, Timer } from './call.js'

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * A stream's length is unknown to the simulator: one play counts as 5 s.
 *
 * @category constants
 * @since 0.2.0
 */
export const STREAM_PLAY_MS = 5000

/**
 * An outbound call or a connected leg rings 3 s before it is answered (or busy, …).
 *
 * @category constants
 * @since 0.2.0
 */
export const RING_MS = 3000

/**
 * The caller presses one key every 0.3 s.
 *
 * @category constants
 * @since 0.2.0
 */
export const KEY_MS = 300

/**
 * The create-call `ringing_timer` default, in seconds.
 *
 * @category constants
 * @since 0.2.0
 */
export const DEFAULT_RINGING_TIMER_S = 60

/** Talk speed: 0.07 s per spoken character. */
const MS_PER_CHARACTER = 70

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * How long one play of a talk's text lasts (SSML tags not counted).
 *
 * @category destructors
 * @since 0.2.0
 */
export const talkMs = (text: string): number => spokenLength(text) * MS_PER_CHARACTER

/**
 * How long the caller takes to say these words: the talk rate, character by character.
 *
 * @category destructors
 * @since 0.2.0
 */
export const speakingMs = (words: string): number => words.length * MS_PER_CHARACTER

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Moves virtual time on by `ms`, firing the timers due on the way, earliest first (in the
 * order they were set when two are due at once). A timer may end the call or replace its
 * flow, and then time stops there. Infinite `ms` (a prompt that plays forever with nobody to
 * stop it) ends at the first timer; `length_timer` is always set once a call is answered.
 *
 * @category combinators
 * @since 0.2.0
 */
export const advance = async (call: Call, ms: number): Promise<void> => {
  const target = call.now + ms
  for (;;) {
    let earliest: Timer | undefined
    for (const t of call.timers) {
      if (t.at <= target && (earliest === undefined || t.at < earliest.at)) earliest = t
    }
    if (earliest === undefined) {
      if (!Number.isFinite(target)) throw new EndCall('length-timer', 'platform')
      call.now = target
      return
    }
    call.timers.splice(call.timers.indexOf(earliest), 1)
    call.now = Math.max(call.now, earliest.at)
    await earliest.fire()
  }
}
