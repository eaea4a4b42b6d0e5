/**
 * The few lines of source around a finding, with a caret under its column.
 *
 * @since 0.1.0
 */
import { printable } from './colour.js'
import type { LineIndex, Position } from './source-map.js'

/** Longest stretch of a line shown; longer lines (minified JSON) are cut around the column. */
const shownWidth = 100

/**
 * Lines before and after the finding's line, a `>` on the finding's line and a caret row; long
 * lines are shown as a window around the column, with `…` where they are cut.
 *
 * @category destructors
 * @since 0.1.0
 */
export const codeFrame = (
  lines: LineIndex,
  position: Position,
  paint: { readonly gutter: (s: string) => string; readonly caret: (s: string) => string }
): ReadonlyArray<string> => {
  const first = Math.max(1, position.line - 1)
  // The empty "line" after a file's final line break is not worth showing as context.
  const lastLine =
    lines.lineCount > 1 && lines.lineText(lines.lineCount) === ''
      ? lines.lineCount - 1
      : lines.lineCount
  const last = Math.max(position.line, Math.min(lastLine, position.line + 1))
  const width = String(last).length
  const target = lines.lineText(position.line)
  const start =
    target.length > shownWidth && position.column > shownWidth - 20 ? position.column - 1 - 40 : 0
  const cut = (line: string): string =>
    (start > 0 && line.length > 0 ? '…' : '') +
    line.slice(start, start + shownWidth) +
    (line.length > start + shownWidth ? '…' : '')
  const out: string[] = []
  for (let n = first; n <= last; n++) {
    const shown = printable(cut(lines.lineText(n)))
    const marker = n === position.line ? '>' : ' '
    out.push(
      `${marker} ${paint.gutter(`${String(n).padStart(width)} |`)}${shown === '' ? '' : ' '}${shown}`
    )
    if (n === position.line) {
      const before = (start > 0 ? '…' : '') + target.slice(start, position.column - 1)
      const padding = before.replace(/[^\t]/g, ' ')
      out.push(`  ${paint.gutter(`${' '.repeat(width)} |`)} ${padding}${paint.caret('^')}`)
    }
  }
  return out
}
