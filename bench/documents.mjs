// The documents the benchmark measures, made the same way on every run (a seeded generator):
// NCCOs that look like real ones (a menu, its input, music, a recording, a transfer to a phone),
// with a handful of distinct URLs as real applications have, and their invalid twins where one
// action in five has one mistake of the kinds users make.

/** mulberry32: a small seeded generator, so every run measures the same documents. */
export const random = (seed) => () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const host = (next) => `https://app${Math.floor(next() * 4)}.example.com`

const actionAt = (i, next) => {
  switch (i % 5) {
    case 0:
      return {
        action: 'talk',
        text: `Welcome to Acme. For sales press 1, for support press 2. (${i})`,
        language: next() < 0.5 ? 'en-GB' : 'en-US',
        style: Math.floor(next() * 3),
        bargeIn: true
      }
    case 1:
      return {
        action: 'input',
        type: ['dtmf', 'speech'],
        dtmf: { maxDigits: 1, timeOut: 5 },
        speech: { language: 'en-GB', context: ['sales', 'support'], endOnSilence: 1.5 },
        eventUrl: [`${host(next)}/webhooks/input`]
      }
    case 2:
      return {
        action: 'stream',
        streamUrl: [`${host(next)}/audio/hold.mp3`],
        loop: 2,
        level: 0.5
      }
    case 3:
      return {
        action: 'record',
        format: 'mp3',
        beepStart: true,
        endOnKey: '#',
        timeOut: 120,
        eventUrl: [`${host(next)}/webhooks/recording`]
      }
    default:
      return {
        action: 'connect',
        from: '447700900000',
        timeout: 30,
        endpoint: [{ type: 'phone', number: `4477009${String(10000 + (i % 90000)).slice(-5)}` }],
        eventUrl: [`${host(next)}/webhooks/event`]
      }
  }
}

/** A value out of its documented range, by action. */
const outOfRange = {
  talk: ['style', -1],
  input: ['dtmf', { maxDigits: 99 }],
  stream: ['level', 3],
  record: ['timeOut', 1],
  connect: ['timeout', 500]
}

/**
 * One mistake in an action, of four kinds in turn: a URL not in an array, a misspelt key, a
 * value out of range, and a number or boolean written as a word.
 */
const broken = (action, k) => {
  const entries = Object.entries(action)
  switch (k % 4) {
    case 0: {
      const key = 'streamUrl' in action ? 'streamUrl' : 'eventUrl'
      return { ...action, [key]: 'https://example.com/webhooks/event' }
    }
    case 1: {
      // The second key, misspelt: an unknown key (with a suggestion) and maybe a missing one.
      const [name, value] = entries[1]
      const typo = name.slice(0, 2) + name[3] + name[2] + name.slice(4)
      return Object.fromEntries([entries[0], [typo, value], ...entries.slice(2)])
    }
    case 2: {
      const [key, value] = outOfRange[action.action]
      return { ...action, [key]: value }
    }
    default: {
      const scalar = entries.find(([, v]) => typeof v === 'number' || typeof v === 'boolean')
      return scalar === undefined ? { ...action, loop: 'twice' } : { ...action, [scalar[0]]: 'yes' }
    }
  }
}

/** An NCCO of `actions` actions; `invalid`: one action in five has one mistake. */
export const makeNcco = (actions, { seed = 1, invalid = false } = {}) => {
  const next = random(seed)
  const out = []
  for (let i = 0; i < actions; i++) {
    const action = actionAt(i, next)
    out.push(invalid && i % 5 === 2 ? broken(action, Math.floor(i / 5)) : action)
  }
  return out
}

/** Small NCCOs of 2 to 12 actions, for the corpus of many files. */
export const smallNcco = (index, invalid) => {
  const next = random(index + 1)
  const n = 2 + Math.floor(next() * 11)
  const doc = makeNcco(n, { seed: index + 1 })
  // A menu that barges in must be followed by an input.
  if (doc[n - 1].action === 'talk') doc[n - 1] = { ...doc[n - 1], bargeIn: false }
  if (invalid) {
    const k = Math.floor(next() * n)
    doc[k] = broken(doc[k], index)
  }
  return doc
}
