import { describe, expect, it } from 'vitest';
import { correlate, correlations } from '../../src/analysis/correlation.js';
import { canonicalize, errorShape, summarize, summaryJson } from '../../src/analysis/summary.js';
import { ndrTheory } from '../../src/analysis/theory.js';
import { Stream } from '../../src/core/stream.js';
import { syntheticRows } from './synthetic.js';

const rows = syntheticRows(40);
const summary = summarize(rows, { seed: 7, resamples: 200 });

describe('summarize', () => {
  it('correlates every (design, metric) with every outcome, excluding the gold reference', () => {
    expect(summary.designs).toEqual(['pool', 'small']);
    expect(summary.metrics).toEqual({ pool: ['accuracy', 'tau'], small: ['accuracy', 'tau'] });
    expect(summary.outcomes).toEqual(['bon@4', 'bon@16', 'tilt@kl=1']);
    expect(summary.correlations.length).toBe(2 * 2 * 3);
    expect(summary.proxies).toBe(40);
    expect(summary.excluded).toEqual({ families: ['gold'], proxies: 1 });
    expect(summary.families).toEqual({ noise: 40, gold: 1 });
  });
  it('reports the correlations of the right columns, recomputed here from the rows', () => {
    const noise = rows.filter((r) => r.family === 'noise');
    for (const e of summary.correlations) {
      const x = noise.map((r) => r.metrics[e.design][e.metric]);
      const y = noise.map((r) => r.outcomes[e.outcome].ndr);
      const c = correlations(x, y);
      const where = `${e.design}/${e.metric}/${e.outcome}`;
      expect(Math.abs(e.pearson.value - c.pearson), where).toBeLessThan(1e-5);
      expect(Math.abs(e.spearman.value - c.spearman), where).toBeLessThan(1e-5);
      expect(Math.abs(e.kendall.value - c.kendall), where).toBeLessThan(1e-5);
      // the interval is the one of the named bootstrap stream
      const boot = correlate(x, y, { stream: Stream.from(7, 'bootstrap', e.design, e.metric, e.outcome, 'ndr'), resamples: 200 });
      expect(e.spearman.lo).toBe(Number(boot.spearman.lo.toPrecision(6)));
      expect(e.spearman.hi).toBe(Number(boot.spearman.hi.toPrecision(6)));
    }
  });
  it('finds the noisier design less predictive (the synthetic eval noise is 4x larger)', () => {
    const get = (d: string) => summary.correlations.find((e) => e.design === d && e.metric === 'accuracy' && e.outcome === 'bon@16')!;
    expect(get('pool').spearman.value).toBeGreaterThan(get('small').spearman.value);
  });
  it('is byte-identical for the same rows and seed, and only the intervals change with the seed', () => {
    const a = summaryJson(summarize(rows, { seed: 7, resamples: 200 }));
    expect(a).toBe(summaryJson(summary));
    const other = summarize(rows, { seed: 8, resamples: 200 });
    expect(other.correlations.map((e) => e.pearson.value)).toEqual(summary.correlations.map((e) => e.pearson.value));
    expect(other.correlations.map((e) => e.pearson.lo)).not.toEqual(summary.correlations.map((e) => e.pearson.lo));
  });
  it('rounds non-integers to 6 significant digits and writes NaN as null', () => {
    expect(canonicalize({ a: 0.123456789, b: 1234567, c: NaN, d: -0, e: [1 / 3], f: undefined })).toEqual({
      a: 0.123457,
      b: 1234567,
      c: null,
      d: 0,
      e: [0.333333],
    });
    const text = summaryJson(summary);
    for (const m of text.matchAll(/-?\d+\.\d+(e-?\d+)?/g)) {
      const digits = m[0]
        .replace(/^-?0\.0*/, '')
        .replace(/e.*$/, '')
        .replace('.', '');
      expect(digits.length, m[0]).toBeLessThanOrEqual(6);
    }
  });
  it('writes an undefined correlation as null with its reason', () => {
    const flat = rows.map((r) => ({ ...r, metrics: { pool: { accuracy: 0.75 } } }));
    const s = summarize(flat, { seed: 1, resamples: 20 });
    const json = JSON.parse(summaryJson(s));
    expect(json.correlations[0].pearson.value).toBeNull();
    expect(json.correlations[0].pearson.reason).toBe('accuracy on pool is constant (0.75)');
  });
  it('groups theory-line residuals by error shape: Gaussian on the line, heavy-tailed 0.1 below', () => {
    expect(errorShape(rows[0])).toBe('noise/normal');
    expect(errorShape(rows[1])).toBe('noise/student-t(3)');
    expect(summary.theory.design).toBe('pool');
    const g = (group: string, outcome: string) => summary.theory.groups.find((x) => x.group === group && x.outcome === outcome)!;
    for (const o of ['bon@4', 'bon@16', 'tilt@kl=1']) {
      // residual = eval noise through the sin + 0.01 NDR noise: a few hundredths at most
      expect(Math.abs(g('noise/normal', o).meanResidual), o).toBeLessThan(0.02);
      expect(Math.abs(g('noise/student-t(3)', o).meanResidual + 0.1), o).toBeLessThan(0.02);
      expect(g('noise/student-t(3)', o).n).toBe(20);
    }
    const p = summary.theory.points[0];
    expect(p.theory).toBeCloseTo(ndrTheory(p.accuracy), 5);
    expect(p.residual).toBeCloseTo(p.ndr - p.theory, 5);
  });
  it('names error shapes from the noise and transform family parameters', () => {
    const row = (family: string, params: object) => ({ ...rows[0], family, params });
    const noise = { scale: 1, error: 'laplace', nu: 3, hetero: 'rank', heteroStrength: 1.5, dispersion: 0.3 };
    expect(errorShape(row('noise', noise))).toBe('noise/laplace/hetero-rank/dispersed');
    expect(errorShape(row('noise', { ...noise, error: 'normal', heteroStrength: 0, dispersion: 0 }))).toBe('noise/normal');
    expect(errorShape(row('transform', { base: { ...noise, error: 'student-t', nu: 2, hetero: 'none' }, fn: 'exp', a: 1, b: 0 }))).toBe(
      'transform/exp/student-t(2)/dispersed',
    );
    expect(errorShape(row('gold', {}))).toBe('gold');
  });
  it('measures eval-set noise: replicate means predict better and the noise share matches the simulation', () => {
    const e = summary.resampling.find((r) => r.design === 'small' && r.metric === 'accuracy' && r.outcome === 'bon@16')!;
    expect(e.replicates).toBe(4);
    expect(e.n).toBe(40);
    expect(e.mean.pearson).toBeGreaterThan(e.single.pearson);
    // noise variance 0.08² vs accuracy variance across proxies
    const acc = rows.filter((r) => r.family === 'noise').map((r) => 0.5 + Math.asin(0.3 + (0.65 * rows.indexOf(r)) / 39) / Math.PI);
    const mean = acc.reduce((a, b) => a + b, 0) / acc.length;
    const varTrue = acc.reduce((a, b) => a + (b - mean) ** 2, 0) / (acc.length - 1);
    const expected = 0.0064 / (varTrue + 0.0064);
    // noise share estimated from 40 proxies × 4 replicates: relative SE ≈ sqrt(2/120) ≈ 0.13
    expect(Math.abs(e.noiseShare - expected), `noise share ${e.noiseShare} vs ${expected}`).toBeLessThan(3 * 0.13 * expected);
    expect(e.acrossReplicates.pearson.n).toBe(4);
    expect(e.pearsonDisattenuated).toBeGreaterThan(e.single.pearson);
  });
  it('bins the theory metric for the same-accuracy spread of NDR', () => {
    const s = summary.spread.find((x) => x.design === 'pool' && x.outcome === 'bon@16')!;
    expect(s.metric).toBe('accuracy');
    expect(s.width).toBe(0.02);
    expect(s.bins.reduce((a, b) => a + b.count, 0)).toBe(40);
    expect(s.maxRange).toBeGreaterThan(0.05); // Gaussian and t proxies side by side differ by ~0.1
  });
  it('rejects duplicate ids and a missing seed', () => {
    expect(() => summarize([rows[0], rows[0]], { seed: 1 })).toThrow(/^rows: duplicate proxy id 'noise-000'/);
    expect(() => summarize(rows, undefined as never)).toThrow(/^options.seed: /);
  });
  it('says why there is no theory line when the metric is missing', () => {
    const s = summarize(rows, { seed: 1, resamples: 0, theory: { metric: 'pairwise' } });
    expect(s.theory.reason).toBe("metric 'pairwise' is not computed on design 'pool'");
    expect(s.theory.points).toEqual([]);
  });
});

describe('summarize with flipped labels on the theory design', () => {
  it('gives the theory line a reason instead of failing when the flip rate is ≥ 0.5', () => {
    const s = summarize(syntheticRows(20), { seed: 1, resamples: 0, theory: { flip: 0.6 } });
    expect(s.theory.reason).toMatch(/flipped at rate 0.6: accuracy cannot be un-flipped/);
    expect(s.theory.points).toEqual([]);
  });
});
