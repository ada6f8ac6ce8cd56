import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../src/io/csv.js';

/** An RFC 4180 reader, written from the grammar (records, quoted fields with "" escapes, CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field === '' && record.length === 0, 'the text ends with CRLF').toBe(true);
  return records;
}

describe('csvField', () => {
  it('quotes a field holding a comma, a quote, CR or LF, or an edge space, doubling quotes (RFC 4180 §2.5–2.7)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField('trail ')).toBe('"trail "');
    expect(csvField('inner space')).toBe('inner space');
    expect(csvField('')).toBe('');
  });

  it('writes numbers in shortest round-trip form, rounded when asked, and non-finite values as pandas and R read them', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(0.1 + 0.2, 10)).toBe('0.3');
    expect(csvField(1e-300, 3)).toBe('1e-300');
    expect(csvField(-0)).toBe('0');
    expect(csvField(42)).toBe('42');
    expect(csvField(Number.NaN)).toBe('NaN');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('Inf');
    expect(csvField(Number.NEGATIVE_INFINITY)).toBe('-Inf');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});

describe('csvText', () => {
  it('ends every record, the last too, with CRLF', () => {
    expect(
      csvText(
        ['a', 'b'],
        [
          [1, 'x'],
          [2, 'y,z'],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n2,"y,z"\r\n');
    expect(csvText(['only'], [])).toBe('only\r\n');
  });

  it('refuses a record with the wrong number of fields, naming it', () => {
    expect(() => csvText(['a', 'b'], [[1, 2], [3]])).toThrow(/^csv record 2: has 1 fields, the header 2$/);
  });

  it('reads back, field for field, whatever the strings hold', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', 'é', '1') });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text), { maxLength: 20 }), (rows) => {
        expect(parseCsv(csvText(['x', 'y', 'z'], rows))).toEqual([['x', 'y', 'z'], ...rows]);
      }),
    );
  });
});
