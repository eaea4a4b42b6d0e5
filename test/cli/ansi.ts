/** ANSI colour sequences in test output, without control characters in the test sources. */
const escape = String.fromCharCode(27)
const sgr = new RegExp(`${escape}\\[(\\d+)m`, 'g')

/** Shows each colour sequence as `<n>`, so snapshots stay readable. */
export const showAnsi = (s: string): string => s.replace(sgr, '<$1>')

export const stripAnsi = (s: string): string => s.replace(sgr, '')

export const hasAnsi = (s: string): boolean => s.includes(escape)
