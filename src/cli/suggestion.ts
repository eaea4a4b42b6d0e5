/**
 * Did-you-mean for the CLI's own words (commands, subcommands, flags), apart from the flag
 * scanner so that starting the CLI does not load fp-ts.
 *
 * @since 0.3.0
 */
import { didYouMean } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * `: did you mean --format?` after a message about a mistyped word, when one of `candidates`
 * is a plausible typo of it (the text module's did-you-mean); the empty string otherwise.
 * `quote` writes the candidate as the message writes words (`'validate'`, `--format`).
 *
 * @category destructors
 * @since 0.2.0
 */
export const suggestion = (
  typed: string,
  candidates: ReadonlyArray<string>,
  quote: (candidate: string) => string = (c) => c
): string => {
  const best = didYouMean(typed, candidates)
  return best === undefined ? '' : `: did you mean ${quote(best)}?`
}
