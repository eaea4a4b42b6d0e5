/**
 * The package's version, read from package.json at run time (two levels up from both
 * `src/cli` and `dist/cli`), so there is no copy to keep in step.
 *
 * @since 0.1.0
 */
import { readFileSync } from 'node:fs'

/**
 * @category destructors
 * @since 0.1.0
 */
export const packageVersion = (): string => {
  try {
    const manifest: unknown = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
    )
    const version =
      typeof manifest === 'object' && manifest !== null && 'version' in manifest
        ? manifest.version
        : undefined
    return typeof version === 'string' ? version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}
