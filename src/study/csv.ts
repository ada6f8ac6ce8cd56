/**
 * The run folder's data as CSV (src/io/csv.ts), for pandas, R and spreadsheets; rows.jsonl and
 * summary.json stay the exact record. README "Data out" documents the columns.
 *   rows.csv          one record per proxy × design × metric: the metric's value on eval-set
 *                     replicate 0, then the NDR of every outcome (one column each, `<outcome>.ndr`)
 *   outcomes.csv      one record per proxy × outcome: gold and proxy gain, KL, NDR, regret, and the
 *                     proxy's parameters (`param.<name>`, nested ones `param.base.scale`; empty where a
 *                     family has no such parameter)
 *   correlations.csv  one record per summary.json correlation entry, nested fields flattened with
 *                     dots (`spearman.lo`)
 */
import type { Summary } from '../analysis/summary.js';
import type { Row } from '../data/row.js';
import { type CsvValue, csvText } from '../io/csv.js';

/** Significant digits of rows.csv and outcomes.csv (rows.jsonl holds every digit). */
export const CSV_DIGITS = 10;

const QUANTITIES = ['goldGain', 'proxyGain', 'kl', 'ndr', 'regret'] as const;

/** Keys in first-seen order over all records. */
function union(records: Iterable<Iterable<string>>): string[] {
  const seen = new Set<string>();
  for (const keys of records) for (const k of keys) seen.add(k);
  return [...seen];
}

/** rows.csv: proxy × design × metric, with the NDR of every outcome. */
export function rowsCsv(rows: readonly Row[]): string {
  const outcomes = union(rows.map((r) => Object.keys(r.outcomes)));
  const header = ['proxy', 'family', 'design', 'metric', 'value', ...outcomes.map((o) => `${o}.ndr`)];
  function* records(): Generator<CsvValue[]> {
    for (const r of rows) {
      const ndr = outcomes.map((o) => r.outcomes[o]?.ndr);
      for (const [design, metrics] of Object.entries(r.metrics)) {
        for (const [metric, value] of Object.entries(metrics)) yield [r.id, r.family, design, metric, value, ...ndr];
      }
    }
  }
  return csvText(header, records(), { digits: CSV_DIGITS });
}

/** outcomes.csv: proxy × outcome, with the proxy's parameters. */
export function outcomesCsv(rows: readonly Row[]): string {
  const flat = rows.map((r) => new Map(flatten(r.params, 'param.')));
  const params = union(flat.map((m) => m.keys()));
  const header = ['proxy', 'family', ...params, 'outcome', ...QUANTITIES];
  function* records(): Generator<CsvValue[]> {
    for (const [i, r] of rows.entries()) {
      const values = params.map((k) => flat[i].get(k));
      for (const [outcome, o] of Object.entries(r.outcomes)) yield [r.id, r.family, ...values, outcome, ...QUANTITIES.map((q) => o[q])];
    }
  }
  return csvText(header, records(), { digits: CSV_DIGITS });
}

/** A CSV value for a parameter: numbers and strings as they are, anything else as JSON. */
function scalar(v: unknown): CsvValue {
  if (v === undefined || v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** Flatten nested objects into `a.b` keys; arrays become JSON text. */
function flatten(value: object, prefix = '', out: [string, CsvValue][] = []): [string, CsvValue][] {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix + k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, `${key}.`, out);
    else out.push([key, scalar(v)]);
  }
  return out;
}

/** correlations.csv: every correlation entry of the summary, as summary.json holds it. */
export function correlationsCsv(s: Summary): string {
  const flat = s.correlations.map((c) => new Map(flatten(c)));
  const header = union(flat.map((m) => m.keys()));
  return csvText(
    header,
    flat.map((m) => header.map((h) => m.get(h))),
  );
}
