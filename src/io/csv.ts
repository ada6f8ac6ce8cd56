/**
 * CSV text as RFC 4180 defines it: records end in CRLF; a field holding a comma, a double quote,
 * CR or LF (or starting or ending with a space, which some readers trim) is enclosed in double
 * quotes, and a double quote inside it is doubled. Every record has the header's number of fields.
 * Numbers are written in their shortest round-trip form, optionally rounded to `digits` significant
 * digits; NaN, Infinity and -Infinity as `NaN`, `Inf`, `-Inf` (read as such by pandas, R and
 * numpy); null and undefined as an empty field.
 */
import { RmsimError } from '../errors.js';

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^ | $/;

/** One field, quoted where RFC 4180 needs it. */
export function csvField(value: CsvValue, digits?: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
    return String(digits === undefined ? value : Number(value.toPrecision(digits)));
  }
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole CSV document: the header, then one record per row. Throws RmsimError('INVALID') if a
 * row has a different number of fields than the header.
 */
export function csvText(header: readonly string[], rows: Iterable<readonly CsvValue[]>, opts: { digits?: number } = {}): string {
  const lines = [header.map((h) => csvField(h)).join(',')];
  let at = 0;
  for (const row of rows) {
    at++;
    if (row.length !== header.length) {
      throw new RmsimError('INVALID_ARGUMENT', `has ${row.length} fields, the header ${header.length}`, { field: `csv record ${at}` });
    }
    lines.push(row.map((v) => csvField(v, opts.digits)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
