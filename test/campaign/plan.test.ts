/**
 * Reading recipients files and planning a campaign: no Redis, no network.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  parseRecipients,
  planCampaign,
  recipientId,
  recipientsFormatOf
} from '../../src/campaign.js'

const template = {
  from: { type: 'phone', number: '447700900000' },
  ncco: [{ action: 'talk', text: 'Hello {{name}}, your appointment is at {{time}}.' }]
}

describe('parseRecipients', () => {
  it('reads CSV with quoted cells, doubled quotes, line breaks in quotes, CRLF, a BOM and blank lines', () => {
    const text =
      '\uFEFFnumber,name,time\r\n447700900001,"Smith, Ann","9:00"\r\n\r\n447700900002,"Bob ""the"" Builder","10\n30"\r\n447700900003,Cy,11:00'
    expect(parseRecipients(text, 'csv')).toEqual({
      rows: [
        { line: 2, to: '447700900001', fields: { name: 'Smith, Ann', time: '9:00' } },
        { line: 4, to: '447700900002', fields: { name: 'Bob "the" Builder', time: '10\n30' } },
        { line: 6, to: '447700900003', fields: { name: 'Cy', time: '11:00' } }
      ],
      findings: []
    })
  })

  it('takes an endpoint as a JSON cell and custom_data as JSON', () => {
    const text =
      'to,custom_data\n"{""type"":""sip"",""uri"":""sip:ann@example.com""}","{""ref"":7}"\n'
    expect(parseRecipients(text, 'csv').rows).toEqual([
      {
        line: 2,
        to: { type: 'sip', uri: 'sip:ann@example.com' },
        fields: { custom_data: { ref: 7 } }
      }
    ])
  })

  it('reports file problems with their lines', () => {
    expect(parseRecipients('name\nAnn\n', 'csv').findings).toEqual([
      {
        code: 'recipients-no-to-column',
        severity: 'error',
        line: 1,
        message: 'The header row ("name") has no "number" or "to" column.'
      }
    ])
    expect(parseRecipients('number,name\n447700900001,"Ann\n', 'csv').findings).toEqual([
      {
        code: 'recipients-unclosed-quote',
        severity: 'error',
        line: 2,
        message: 'A quoted cell is not closed: every line after this one would be part of it.'
      }
    ])
    expect(parseRecipients('number,name\n447700900001,An"n\n', 'csv').findings).toMatchObject([
      { code: 'recipients-syntax', line: 2 }
    ])
    expect(parseRecipients('', 'csv').findings).toEqual([
      { code: 'recipients-empty', severity: 'error', message: 'The recipients file has no rows.' }
    ])
    expect(parseRecipients('\n\n', 'jsonl').findings).toEqual([
      { code: 'recipients-empty', severity: 'error', message: 'The recipients file has no rows.' }
    ])
  })

  it('reads JSON lines: a number, or an object with to or number and fields', () => {
    const text =
      '"447700900001"\n{"number":"447700900002","name":"Bob"}\n\n{"to":{"type":"app","user":"ann"},"custom_data":{"id":1}}\n{"name":"nobody"}\n[1]\n{oops\n'
    expect(parseRecipients(text, 'jsonl')).toEqual({
      rows: [
        { line: 1, to: '447700900001', fields: {} },
        { line: 2, to: '447700900002', fields: { name: 'Bob' } },
        { line: 4, to: { type: 'app', user: 'ann' }, fields: { custom_data: { id: 1 } } }
      ],
      findings: [
        {
          code: 'recipients-no-to',
          severity: 'error',
          line: 5,
          message: 'This row has no "to" (or "number").'
        },
        {
          code: 'recipients-syntax',
          severity: 'error',
          line: 6,
          message: 'A line must be a JSON object ({"to": …}) or a phone number.'
        },
        expect.objectContaining({ code: 'recipients-syntax', line: 7 })
      ]
    })
  })

  it('knows the formats by file name', () => {
    expect(
      ['a.csv', 'B.CSV', 'a.jsonl', 'a.ndjson', 'a.json', 'a.txt'].map(recipientsFormatOf)
    ).toEqual(['csv', 'csv', 'jsonl', 'jsonl', 'jsonl', undefined])
  })

  it('gives back every CSV row it was given (property)', () => {
    const cell = fc.string({ maxLength: 12 })
    const quoteCell = (s: string): string =>
      /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[1-9][0-9]{6,14}$/), cell), {
          minLength: 1,
          maxLength: 20
        }),
        (rows) => {
          const text = `number,note\n${rows.map(([n, note]) => `${n},${quoteCell(note)}`).join('\r\n')}\n`
          const parsed = parseRecipients(text, 'csv')
          expect(parsed.findings).toEqual([])
          expect(parsed.rows.map((r) => [r.to, r.fields['note']])).toEqual(rows)
        }
      )
    )
  })
})

describe('planCampaign', () => {
  it('fills the placeholders, sets to, and validates each request', () => {
    const plan = planCampaign(
      template,
      parseRecipients('number,name,time\n447700900001,Ann,9:00\n', 'csv')
    )
    expect(plan.findings).toEqual([])
    expect(plan.blocked).toBe(false)
    expect(plan.recipients).toEqual([
      {
        id: recipientId([{ type: 'phone', number: '447700900001' }]),
        line: 2,
        label: '447700900001',
        request: {
          from: { type: 'phone', number: '447700900000' },
          ncco: [{ action: 'talk', text: 'Hello Ann, your appointment is at 9:00.' }],
          to: [{ type: 'phone', number: '447700900001' }]
        }
      }
    ])
  })

  it('reports a row error at its line, a template error once, and a duplicate as a warning', () => {
    const broken = { ...template, length_timer: 0 }
    const plan = planCampaign(
      broken,
      parseRecipients(
        'number,name,time\n447700900001,Ann,9\n+447700900002,Bob,10\n447700900001,Ann,9\n',
        'csv'
      )
    )
    expect(plan.blocked).toBe(true)
    expect(plan.findings.map((f) => [f.line, f.severity, f.code, f.path])).toEqual([
      [undefined, 'error', 'out-of-range', '/length_timer'],
      [3, 'error', 'invalid-phone-number', '/to/0/number']
    ])
    expect(plan.invalid).toEqual([
      { line: 3, label: '+447700900002', reason: expect.stringContaining('E.164') }
    ])
  })

  it('names a placeholder with no value in the row', () => {
    const plan = planCampaign(template, parseRecipients('number,name\n447700900001,Ann\n', 'csv'))
    expect(plan.findings).toEqual([
      {
        code: 'missing-field',
        severity: 'error',
        line: 2,
        path: '/ncco/0/text',
        message: "The template's {{time}} has no value in this row.",
        hint: 'add a "time" column (or key) to the recipients file'
      }
    ])
    expect(plan.blocked).toBe(false)
    expect(plan.recipients).toEqual([])
  })

  it('refuses a template with a fixed to, and takes one with a placeholder', () => {
    const fixed = planCampaign(
      { ...template, to: [{ type: 'phone', number: '447700900009' }] },
      parseRecipients('number\n447700900001\n', 'csv')
    )
    expect(fixed.findings.map((f) => f.code)).toEqual(['template-has-to'])
    expect(fixed.blocked).toBe(true)
    const placeholder = planCampaign(
      {
        from: template.from,
        ncco: [{ action: 'talk', text: 'Hi' }],
        to: [{ type: 'phone', number: '{{number}}' }]
      },
      parseRecipients('number\n447700900001\n', 'csv')
    )
    expect(placeholder.findings).toEqual([])
    expect(placeholder.recipients[0]?.request['to']).toEqual([
      { type: 'phone', number: '447700900001' }
    ])
    expect(
      planCampaign([1], parseRecipients('number\n447700900001\n', 'csv')).findings.map(
        (f) => f.code
      )
    ).toEqual(['template-not-object'])
  })

  it('plans v2 requests with the v2 rules', () => {
    const v2 = {
      from: { type: 'phone', number: '447700900000' },
      ncco: [{ action: 'talk', text: 'Hi' }]
    }
    const rows = parseRecipients('number\n447700900001\n', 'csv')
    const plan = planCampaign(v2, rows, { api: 'v2' })
    expect([plan.api, plan.findings, plan.recipients.length]).toEqual(['v2', [], 1])
    // v1 takes random_from_number instead of from; v2 requires from.
    const random = { random_from_number: true, ncco: v2.ncco }
    expect(planCampaign(random, rows, { api: 'v1' }).findings).toEqual([])
    const refused = planCampaign(random, rows, { api: 'v2' })
    expect([refused.blocked, refused.findings.map((f) => [f.line, f.code, f.path])]).toEqual([
      true,
      [
        [undefined, 'unknown-key', '/random_from_number'],
        [undefined, 'missing-required', '/from']
      ]
    ])
  })

  it('gives the same id to the same endpoints in any key order (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 5 }),
        (endpoint) => {
          const reversed = Object.fromEntries(Object.entries(endpoint).reverse())
          expect(recipientId([reversed])).toBe(recipientId([endpoint]))
        }
      )
    )
    expect(recipientId([{ type: 'phone', number: '447700900001' }])).not.toBe(
      recipientId([{ type: 'phone', number: '447700900002' }])
    )
  })

  it('leaves the template and the rows unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9]{7,15}$/), { minLength: 1, maxLength: 10 }),
        (list) => {
          const given = structuredClone(template)
          const parsed = parseRecipients(
            `number,name,time\n${list.map((n) => `${n},A,1`).join('\n')}\n`,
            'csv'
          )
          const rows = structuredClone(parsed.rows)
          const plan = planCampaign(given, parsed)
          expect(given).toEqual(template)
          expect(parsed.rows).toEqual(rows)
          expect(
            plan.recipients.length +
              plan.invalid.length +
              plan.findings.filter((f) => f.code === 'duplicate-recipient').length
          ).toBe(list.length)
        }
      )
    )
  })
})
