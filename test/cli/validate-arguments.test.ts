import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseValidateArguments } from '../../src/cli/validate-arguments.js'

describe('parseValidateArguments', () => {
  it('has defaults', () => {
    expect(parseValidateArguments(['a.json'])).toStrictEqual(
      E.right({
        _tag: 'Run',
        arguments: { kind: 'auto', profile: 'strict', operands: ['a.json'] }
      })
    )
  })

  it('reads every option in both spellings, operands anywhere, - as an operand', () => {
    expect(
      parseValidateArguments([
        '--kind',
        'call-v2',
        'a.json',
        '--profile=lenient',
        '-',
        '--format',
        'sarif',
        '--max-warnings=0',
        'dir'
      ])
    ).toStrictEqual(
      E.right({
        _tag: 'Run',
        arguments: {
          kind: 'call-v2',
          profile: 'lenient',
          format: 'sarif',
          maxWarnings: 0,
          operands: ['a.json', '-', 'dir']
        }
      })
    )
  })

  it('keeps the last of a repeated option', () => {
    expect(parseValidateArguments(['--format', 'json', '--format', 'github', 'x'])).toMatchObject(
      E.right({ arguments: { format: 'github' } })
    )
  })

  it('takes everything after -- as operands', () => {
    expect(parseValidateArguments(['--', '--help', '-x'])).toMatchObject(
      E.right({ _tag: 'Run', arguments: { operands: ['--help', '-x'] } })
    )
  })

  it('answers --help and -h before anything else', () => {
    expect(parseValidateArguments(['--bogus', '-h'])).toStrictEqual(E.right({ _tag: 'Help' }))
    expect(parseValidateArguments(['--help'])).toStrictEqual(E.right({ _tag: 'Help' }))
  })

  it.each([
    [[], 'nothing to validate: name files, directories, patterns, or - for standard input'],
    [
      ['--formt', 'json', 'a'],
      'unknown option --formt: did you mean --format? (options: --kind, --profile, --format, --max-warnings, --max-findings, --help)'
    ],
    [
      ['-q', 'a'],
      'unknown option -q (options: --kind, --profile, --format, --max-warnings, --max-findings, --help)'
    ],
    [
      ['--toString', 'a'],
      'unknown option --toString (options: --kind, --profile, --format, --max-warnings, --max-findings, --help)'
    ],
    [['a', '--kind'], '--kind needs a value'],
    [['--kind', 'v3', 'a'], '--kind must be one of auto, ncco, call-v1, call-v2; got "v3"'],
    [['--profile=loose', 'a'], '--profile must be one of strict, lenient; got "loose"'],
    [['--format', 'xml', 'a'], '--format must be one of pretty, json, github, sarif; got "xml"'],
    [['--max-warnings', '-1', 'a'], '--max-warnings must be a whole number of 0 or more; got "-1"'],
    [
      ['--max-warnings', '1.5', 'a'],
      '--max-warnings must be a whole number of 0 or more; got "1.5"'
    ],
    [['--max-warnings=', 'a'], '--max-warnings must be a whole number of 0 or more; got ""']
  ])('refuses %j: %s', (argv, message) => {
    expect(parseValidateArguments(argv)).toStrictEqual(E.left(message))
  })
})
