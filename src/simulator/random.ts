/**
 * The simulator's identifiers, drawn from a seeded generator so that the same seed gives the
 * same call every time. Platform-neutral: without a seed, the seed itself comes from
 * `crypto.getRandomValues`, which Node, browsers, Deno and Workers all have.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through
 * splitmix32: 128 bits of state, fast, and good enough for identifiers (not for secrets, which
 * the simulator never makes: the signatures' `jti` comes from the signer).
 *
 * @since 0.2.0
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A source of identifiers. Each call advances it.
 *
 * @category model
 * @since 0.2.0
 */
export interface IdSource {
  /** 32 lower-case hex digits, the shape of a real call leg `uuid`. */
  readonly legUuid: () => string
  /** A dashed, version-4 shaped UUID (recordings, files). */
  readonly dashedUuid: () => string
  /** `CON-` and a dashed UUID, the shape of a real `conversation_uuid`. */
  readonly conversationUuid: () => string
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const splitmix32 = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

const sfc32 = (seed: number): (() => number) => {
  const init = splitmix32(seed)
  let a = init()
  let b = init()
  let c = init()
  let d = 1
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = (b ^ (b >>> 9)) >>> 0
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  // The first outputs of a freshly seeded sfc32 are poorly mixed: skip them, as its author does.
  for (let i = 0; i < 12; i++) next()
  return next
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0')

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A seed for when none is given: 32 random bits.
 *
 * @category constructors
 * @since 0.2.0
 */
export const randomSeed = (): number => {
  const bytes = new Uint32Array(1)
  globalThis.crypto.getRandomValues(bytes)
  return bytes[0] ?? 0
}

/**
 * Identifiers from a seed: the same seed gives the same sequence. The seed is read as a
 * 32-bit unsigned integer after its integer part is taken (`seed >>> 0`), so `1` and `1.5`
 * are the same seed; the simulator only accepts safe integers, so this never surprises.
 *
 * @category constructors
 * @since 0.2.0
 */
export const seededIds = (seed: number): IdSource => {
  const next = sfc32(seed)
  const hex32 = (): string => hex8(next()) + hex8(next()) + hex8(next()) + hex8(next())
  const dashedUuid = (): string => {
    const h = hex32()
    // Version 4 and the RFC 4122 variant, so that strict UUID parsers in apps accept it.
    const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
  }
  return {
    legUuid: hex32,
    dashedUuid,
    conversationUuid: () => `CON-${dashedUuid()}`
  }
}
