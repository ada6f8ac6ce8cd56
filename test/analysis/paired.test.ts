import { describe, expect, it } from 'vitest';
import { bootstrapIndices } from '../../src/analysis/correlation.js';
import { pairedSpearman } from '../../src/analysis/paired.js';
import { containsZero, verdictOf } from '../../src/analysis/sections/leaderboard.js';
import { summarize } from '../../src/analysis/summary.js';
import { normal } from '../../src/core/rng.js';
import { Stream } from '../../src/core/stream.js';
import { corr } from '../helpers/stats.js';
import { syntheticRows } from './synthetic.js';

// An independent reference: materialize each resample, rank it by sorting (average ranks of
// ties), take the Pearson correlation of the ranks, and the numpy 'linear' percentile by hand.
function ranks(v: number[]): number[] {
  const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Array<number>(v.length);
  for (let p = 0; p < v.length; ) {
    let q = p;
    while (q + 1 < v.length && v[order[q + 1]] === v[order[p]]) q++;
    for (let t = p; t <= q; t++) r[order[t]] = (p + q) / 2 + 1;
    p = q + 1;
  }
  return r;
}
const spearman = (x: number[], y: number[]): number => corr(ranks(x), ranks(y));
function percentile(values: number[], q: number): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  const pos = q * (v.length - 1);
  const i = Math.floor(pos);
  return i + 1 >= v.length ? v[v.length - 1] : v[i] + (pos - i) * (v[i + 1] - v[i]);
}

/** Brute force over the same indices: per resample, both Spearmans on the proxies finite for both. */
function bruteForce(x: number[], ref: number[], y: number[], idx: Int32Array, B: number) {
  const keep = y.map((_v, i) => i).filter((i) => Number.isFinite(y[i]));
  const n = keep.length;
  const both = (i: number) => Number.isFinite(x[i]) && Number.isFinite(ref[i]);
  const point = keep.filter(both);
  const value = spearman(
    point.map((i) => x[i]),
    point.map((i) => y[i]),
  );
  const refValue = spearman(
    point.map((i) => ref[i]),
    point.map((i) => y[i]),
  );
  const draws: number[] = [];
  const diffs: number[] = [];
  for (let b = 0; b < B; b++) {
    const s = Array.from(idx.slice(b * n, (b + 1) * n), (p) => keep[p]).filter(both);
    const rx = spearman(
      s.map((i) => x[i]),
      s.map((i) => y[i]),
    );
    const rr = spearman(
      s.map((i) => ref[i]),
      s.map((i) => y[i]),
    );
    draws.push(rx);
    diffs.push(rx - rr);
  }
  return {
    value,
    lo: percentile(draws, 0.025),
    hi: percentile(draws, 0.975),
    diff: value - refValue,
    diffLo: percentile(diffs, 0.025),
    diffHi: percentile(diffs, 0.975),
  };
}

function close(actual: number, expected: number, tol: number, what: string): void {
  expect(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual}, tol ${tol}`).toBe(true);
}

/** 60 proxies: y, a reference predicting it, and entries of other strengths (with ties and NaNs). */
function data() {
  const n = 60;
  const z = normal(Stream.from(5, 'paired-test'), 4 * n);
  const y = Array.from({ length: n }, (_, i) => z[i]);
  const ref = y.map((v, i) => v + 0.8 * z[n + i]);
  const better = y.map((v, i) => v + 0.3 * z[2 * n + i]);
  const tied = better.map((v) => Math.round(v * 2) / 2); // many ties
  const holes = ref.map((v, i) => (i % 7 === 3 ? NaN : v + 0.5 * z[3 * n + i]));
  y[11] = NaN; // one proxy without an outcome
  return { n, y, ref, entries: { better, tied, holes, same: ref.slice() } };
}

describe('pairedSpearman', () => {
  it('matches a brute-force paired bootstrap on materialized resamples, with ties and missing values', () => {
    const { y, ref, entries } = data();
    const B = 300;
    const res = pairedSpearman(Object.values(entries), ref, y, { stream: Stream.from(5, 'idx'), resamples: B });
    const idx = bootstrapIndices(Stream.from(5, 'idx'), res.n, B);
    expect(res.n).toBe(59);
    Object.values(entries).forEach((x, j) => {
      const bf = bruteForce(x, ref, y, idx, B);
      const got = res.entries[j];
      const name = Object.keys(entries)[j];
      close(got.spearman.value, bf.value, 1e-12, `${name} spearman`);
      close(got.spearman.lo, bf.lo, 1e-12, `${name} lo`);
      close(got.spearman.hi, bf.hi, 1e-12, `${name} hi`);
      close(got.difference.value, bf.diff, 1e-12, `${name} difference`);
      close(got.difference.lo, bf.diffLo, 1e-12, `${name} difference lo`);
      close(got.difference.hi, bf.diffHi, 1e-12, `${name} difference hi`);
    });
    expect(res.entries[2].n).toBe(59 - 9); // holes at i % 7 === 3: 9 proxies, none of them the one without an outcome (11)
  });

  it("gives each entry's distance below the top entry on the same resamples, matching brute force on the proxies both have", () => {
    const { y, ref, entries } = data();
    const xs = Object.values(entries);
    const B = 300;
    const res = pairedSpearman(xs, ref, y, { stream: Stream.from(5, 'idx'), resamples: B });
    const idx = bootstrapIndices(Stream.from(5, 'idx'), res.n, B);
    const values = res.entries.map((e) => e.spearman.value);
    expect(res.top).toBe(values.indexOf(Math.max(...values)));
    const top = xs[res.top!];
    xs.forEach((x, j) => {
      // (top − x) is (x − ref) of the brute force with the roles swapped: top as the entry, x as the reference
      const bf = bruteForce(top, x, y, idx, B);
      const got = res.entries[j].belowTop;
      const name = Object.keys(entries)[j];
      close(got.value, bf.diff, 1e-12, `${name} below top`);
      close(got.lo, bf.diffLo, 1e-12, `${name} below top lo`);
      close(got.hi, bf.diffHi, 1e-12, `${name} below top hi`);
    });
    expect([res.entries[res.top!].belowTop.value, res.entries[res.top!].belowTop.lo, res.entries[res.top!].belowTop.hi]).toEqual([0, 0, 0]);
    // 'tied' is 'better' rounded: the top is not distinguishable from it; the weak reference copy is
    expect(containsZero(res.entries[1].belowTop)).toBe(true);
    expect(res.entries[3].belowTop.lo).toBeGreaterThan(0);
  });

  it('gives a difference of exactly 0 for the reference itself, and a narrower interval than unpaired ones would', () => {
    const { y, ref, entries } = data();
    const res = pairedSpearman([entries.same, entries.better], ref, y, { stream: Stream.from(5, 'idx'), resamples: 400 });
    const same = res.entries[0].difference;
    expect([same.value, same.lo, same.hi]).toEqual([0, 0, 0]);
    const b = res.entries[1];
    // the paired interval of the difference is narrower than the gap between the two separate intervals' far ends
    expect(b.difference.hi - b.difference.lo).toBeLessThan(b.spearman.hi - b.spearman.lo + (res.reference.hi - res.reference.lo));
    expect(b.difference.lo).toBeGreaterThan(0); // y + 0.3 noise predicts y better than y + 0.8 noise
    expect(verdictOf(b.difference, false)).toBe('better');
  });

  it('is unchanged by a monotone transform of an entry and NaN with a reason for a constant one', () => {
    const { y, ref, entries } = data();
    const opts = () => ({ stream: Stream.from(5, 'idx'), resamples: 200 }); // a stream is consumed: a fresh one each call
    const a = pairedSpearman([entries.better], ref, y, opts()).entries[0];
    const t = pairedSpearman([entries.better.map((v) => Math.exp(3 * v))], ref, y, opts()).entries[0];
    expect(t).toEqual(a);
    const flat = pairedSpearman([y.map(() => 0.5)], ref, y, opts()).entries[0];
    expect(Number.isNaN(flat.spearman.value)).toBe(true);
    expect(flat.spearman.reason).toBe('the metric is constant (0.5)');
    expect(flat.spearman.undefinedResamples).toBe(200);
    expect(verdictOf(flat.difference, false)).toBe('undefined');
  });

  it('has no intervals without a stream, and refuses bad arguments', () => {
    const { y, ref, entries } = data();
    const r = pairedSpearman([entries.better], ref, y);
    expect(Number.isNaN(r.entries[0].difference.lo)).toBe(true);
    expect(Number.isFinite(r.entries[0].difference.value)).toBe(true);
    expect(() => pairedSpearman([[1, 2]], ref, y)).toThrow(/entries\[0\]/);
    expect(() => pairedSpearman([], ref, y, { level: 1 })).toThrow(/level/);
  });
});

describe('the leaderboard section of a summary', () => {
  it('ranks every (design, metric) per outcome, marks the reference, and uses one resample set per outcome', () => {
    const rows = syntheticRows(40);
    const s = summarize(rows, { seed: 3, resamples: 200, theory: { design: 'pool' } });
    const lb = s.leaderboard;
    expect(lb.reference).toEqual({ design: 'pool', metric: 'accuracy' });
    expect(lb.outcomes.map((o) => o.outcome)).toEqual(s.outcomes);
    for (const o of lb.outcomes) {
      expect(o.entries.length).toBe(4);
      const values = o.entries.map((e) => e.spearman.value);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
      expect(o.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4]);
      expect(o.entries.filter((e) => e.verdict === 'reference').map((e) => `${e.design}/${e.metric}`)).toEqual(['pool/accuracy']);
      // tau = 2·accuracy − 1 on every replicate: a monotone transform, so the same resamples give a zero difference
      const tau = o.entries.find((e) => e.design === 'pool' && e.metric === 'tau')!;
      expect([tau.difference.value, tau.difference.lo, tau.difference.hi]).toEqual([0, 0, 0]);
      // the point estimate agrees with the correlations section (a different, WASM, code path)
      const c = s.correlations.find((e) => e.design === 'small' && e.metric === 'accuracy' && e.outcome === o.outcome)!;
      const l = o.entries.find((e) => e.design === 'small' && e.metric === 'accuracy')!;
      close(l.spearman.value, c.spearman.value, 1e-5, 'spearman vs correlations section');
      // the entries the top is not distinguishable from are those whose (top − entry) interval holds 0
      expect(o.entries[0].belowTop.value).toBe(0);
      expect(o.tiedWithTop).toEqual(
        o.entries
          .slice(1)
          .filter((e) => e.belowTop.lo <= 0 && e.belowTop.hi >= 0)
          .map((e) => ({ design: e.design, metric: e.metric })),
      );
      for (const e of o.entries.slice(1)) expect(e.belowTop.value).toBeCloseTo(o.entries[0].spearman.value - e.spearman.value, 12);
    }
    // tau on pool is accuracy on pool, a monotone transform: it and accuracy are tied wherever one of them is the top
    for (const o of lb.outcomes)
      if (o.entries[0].design === 'pool')
        expect(o.tiedWithTop.map((e) => `${e.design}/${e.metric}`)).toContain(o.entries[0].metric === 'tau' ? 'pool/accuracy' : 'pool/tau');
  });
});
