import { describe, expect, it } from 'vitest';
import { binIndex, spreadByBins } from '../../src/analysis/spread.js';

describe('spreadByBins', () => {
  // hand-made table: accuracy, NDR, id
  const acc = [0.701, 0.705, 0.719, 0.7195, 0.72, 0.735, 0.76, NaN, 0.58];
  const ndr = [0.5, 0.9, 0.6, 0.7, 0.65, 0.8, 0.1, 0.4, 0.2];
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const t = spreadByBins(acc, ndr, { width: 0.02, ids });

  it('bins by width from the origin, with edges computed from the bin index', () => {
    expect(t.bins.map((b) => b.index)).toEqual([29, 35, 36, 38]);
    expect(t.bins.map((b) => b.count)).toEqual([1, 4, 2, 1]);
    expect(t.bins[1].lo).toBe(35 * 0.02);
    expect(t.bins[1].hi).toBe(36 * 0.02);
    expect(t.n).toBe(8);
    expect(t.dropped).toBe(1);
  });
  it('gives count, min, max, range and IQR of the outcome per bin (hand-computed)', () => {
    const b = t.bins[1]; // 0.70–0.72: ndr 0.5, 0.9, 0.6, 0.7
    expect(b.min).toBe(0.5);
    expect(b.max).toBe(0.9);
    expect(b.range).toBeCloseTo(0.4, 15);
    // sorted 0.5 0.6 0.7 0.9: q1 at position 0.75 → 0.575, median 0.65, q3 at 2.25 → 0.75
    expect(b.q1).toBeCloseTo(0.575, 15);
    expect(b.median).toBeCloseTo(0.65, 15);
    expect(b.q3).toBeCloseTo(0.75, 15);
    expect(b.iqr).toBeCloseTo(0.175, 15);
    expect(b.metricMin).toBe(0.701);
    expect(b.metricMax).toBe(0.7195);
    expect([b.lowId, b.highId]).toEqual(['a', 'b']);
  });
  it('reports the largest within-bin range over bins with at least two proxies', () => {
    expect(t.maxRangeBin).toBe(1);
    expect(t.maxRange).toBeCloseTo(0.4, 15);
    expect(t.totalRange).toBeCloseTo(0.8, 15);
    const single = spreadByBins([0.6, 0.7], [0.1, 0.9], { width: 0.02 });
    expect(Number.isNaN(single.maxRange)).toBe(true);
    expect(single.maxRangeBin).toBe(-1);
  });
  it('puts values on a bin edge into the upper bin despite rounding (0.58 / 0.02)', () => {
    expect(0.58 / 0.02).toBeLessThan(29); // the rounding this guards against
    expect(binIndex(0.58, 0.02)).toBe(29);
    expect(binIndex(0.5799, 0.02)).toBe(28);
    expect(binIndex(0.7, 0.05, 0.6)).toBe(2);
  });
  it('handles no rows and rejects a non-positive width, naming it', () => {
    const e = spreadByBins([], [], { width: 0.02 });
    expect(e.bins).toEqual([]);
    expect(e.n).toBe(0);
    expect(() => spreadByBins([0.5], [0.5], { width: 0 })).toThrow(/^width: /);
    expect(() => spreadByBins([0.5], [0.5], { width: 0.1, ids: [] })).toThrow(/^ids: /);
  });
});
