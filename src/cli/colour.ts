/**
 * Colour for the pretty format, and making text from files safe to print on a terminal.
 *
 * @since 0.1.0
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export interface Palette {
  readonly bold: (s: string) => string
  readonly dim: (s: string) => string
  readonly red: (s: string) => string
  readonly yellow: (s: string) => string
  readonly green: (s: string) => string
  readonly cyan: (s: string) => string
}

// -------------------------------------------------------------------------------------
// instances
// -------------------------------------------------------------------------------------

const sgr =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`

/**
 * @category instances
 * @since 0.1.0
 */
export const ansiPalette: Palette = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39)
}

const same = (s: string): string => s

/**
 * @category instances
 * @since 0.1.0
 */
export const plainPalette: Palette = {
  bold: same,
  dim: same,
  red: same,
  yellow: same,
  green: same,
  cyan: same
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Whether to colour: `FORCE_COLOR` decides when set (`0` or `false` turn colour off, anything
 * else on), as in Node itself; then a non-empty `NO_COLOR` turns it off (no-color.org); then
 * colour follows whether standard output is a terminal.
 *
 * @category destructors
 * @since 0.1.0
 */
export const colourEnabled = (
  env: Readonly<Record<string, string | undefined>>,
  stdoutIsTTY: boolean
): boolean => {
  const force = env['FORCE_COLOR']
  if (force !== undefined) return force !== '0' && force !== 'false'
  const noColour = env['NO_COLOR']
  if (noColour !== undefined && noColour !== '') return false
  return stdoutIsTTY
}

/**
 * Replaces characters that would act on a terminal instead of being shown (escape sequences,
 * carriage returns, bidirectional overrides) with a visible stand-in of the same width, so a
 * hostile file cannot rewrite the screen and code-frame carets stay aligned. Tabs are kept.
 *
 * @category destructors
 * @since 0.1.0
 */
export const printable = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0)
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd'
  })
