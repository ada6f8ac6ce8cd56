import { beforeAll, describe, expect, it } from 'vitest';
import { correlationsCsv, outcomesCsv, rowsCsv } from '../../src/study/csv.js';
import { runStudy, type StudyResults } from '../../src/study/run.js';
import { smallStudy } from './fixtures.js';

/** Split CSV text whose fields hold no quotes, commas or line breaks (as these files' do) into objects. */
function records(text: string): Record<string, string>[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const [head, ...lines] = text.slice(0, -2).split('\r\n');
  const header = head.split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    expect(fields).toHaveLength(header.length);
    return Object.fromEntries(header.map((h, i) => [h, fields[i]]));
  });
}

const close = (field: string, value: number) => {
  if (Number.isNaN(value)) expect(field).toBe('NaN');
  else expect(Math.abs(Number(field) - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value))); // CSV_DIGITS = 10
};

let res: StudyResults;
beforeAll(async () => {
  res = await runStudy(smallStudy());
});

describe('rows.csv', () => {
  it('has one record per proxy × design × metric, with the NDR of every outcome', () => {
    const recs = records(rowsCsv(res.rows));
    const expected = res.rows.flatMap((r) =>
      Object.entries(r.metrics).flatMap(([design, ms]) => Object.entries(ms).map(([metric, value]) => ({ r, design, metric, value }))),
    );
    expect(recs).toHaveLength(expected.length);
    const outcomes = Object.keys(res.rows[0].outcomes);
    expect(Object.keys(recs[0])).toEqual(['proxy', 'family', 'design', 'metric', 'value', ...outcomes.map((o) => `${o}.ndr`)]);
    expected.forEach(({ r, design, metric, value }, i) => {
      expect([recs[i].proxy, recs[i].family, recs[i].design, recs[i].metric]).toEqual([r.id, r.family, design, metric]);
      close(recs[i].value, value);
      for (const o of outcomes) close(recs[i][`${o}.ndr`], r.outcomes[o].ndr);
    });
  });
});

describe('outcomes.csv', () => {
  it('has one record per proxy × outcome, with gains, KL, NDR, regret and the parameters', () => {
    const recs = records(outcomesCsv(res.rows));
    const outcomes = Object.keys(res.rows[0].outcomes);
    expect(recs).toHaveLength(res.rows.length * outcomes.length);
    const header = Object.keys(recs[0]);
    expect(header.slice(0, 2)).toEqual(['proxy', 'family']);
    expect(header.slice(-6)).toEqual(['outcome', 'goldGain', 'proxyGain', 'kl', 'ndr', 'regret']);
    expect(header).toContain('param.scale');
    expect(header).toContain('param.base.scale');
    const wide = res.rows.findIndex((r) => r.id === 'wide');
    const rec = recs[wide * outcomes.length + 1];
    expect([rec.proxy, rec.outcome]).toEqual(['wide', outcomes[1]]);
    close(rec.goldGain, res.rows[wide].outcomes[outcomes[1]].goldGain);
    close(rec.kl, res.rows[wide].outcomes[outcomes[1]].kl);
    expect(rec['param.fn']).toBe('affine');
    expect(recs[0]['param.fn']).toBe(''); // gold has no such parameter
  });
});

describe('correlations.csv', () => {
  it('has one record per correlation entry of summary.json, nested fields flattened with dots', () => {
    const recs = records(correlationsCsv(res.summary));
    expect(recs).toHaveLength(res.summary.correlations.length);
    const c = res.summary.correlations[3];
    expect(recs[3]).toMatchObject({
      design: c.design,
      metric: c.metric,
      outcome: c.outcome,
      quantity: c.quantity,
      n: String(c.n),
      'spearman.value': c.spearman.value === null ? '' : String(c.spearman.value),
      'spearman.lo': String(c.spearman.lo ?? ''),
      'kendall.hi': String(c.kendall.hi ?? ''),
    });
  });
});
