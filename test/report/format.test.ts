import { describe, expect, it } from 'vitest';
import { fmtDiff, fmtSigned } from '../../src/report/format.js';

const est = (value: number, lo: number, hi: number) => ({ value, lo, hi, undefinedResamples: 0 });

describe('fmtSigned', () => {
  it('prints a value that rounds to zero with its sign and the digits that show its side of 0', () => {
    expect(fmtSigned(0.004)).toBe('+0.004');
    expect(fmtSigned(-0.002)).toBe('-0.002');
    expect(fmtSigned(0.0004)).toBe('+0.0004');
    expect(fmtSigned(-0.00049)).toBe('-0.0005');
    expect(fmtSigned(0.00499)).toBe('+0.005');
    expect(fmtSigned(3e-17)).toBe('+3e-17');
    expect(fmtSigned(-Number.MIN_VALUE)).toBe('-5e-324');
  });
  it('prints other values at the given decimals, signed, exact 0 unsigned, and – for a missing one', () => {
    expect(fmtSigned(0.03)).toBe('+0.03');
    expect(fmtSigned(0.005)).toBe('+0.01');
    expect(fmtSigned(-0.125, 1)).toBe('-0.1');
    expect(fmtSigned(0)).toBe('0.00');
    expect(fmtSigned(-0)).toBe('0.00');
    expect(fmtSigned(NaN)).toBe('–');
    expect(fmtSigned(Number.POSITIVE_INFINITY)).toBe('–');
    expect(fmtSigned(null)).toBe('–');
  });
});

describe('fmtDiff', () => {
  it('reads as its interval does: a bound just above 0 excludes 0, one just below contains it', () => {
    expect(fmtDiff(est(0.03, 0.003, 0.06))).toBe('+0.03 [+0.003, +0.06]');
    expect(fmtDiff(est(0.04, -0.002, 0.08))).toBe('+0.04 [-0.002, +0.08]');
    expect(fmtDiff(est(0, 0, 0))).toBe('0.00 [0.00, 0.00]');
    expect(fmtDiff(est(0.1, NaN, NaN))).toBe('+0.10');
    expect(fmtDiff({ value: NaN, lo: NaN, hi: NaN, undefinedResamples: 9, reason: 'the metric is constant (1)' })).toBe(
      'n/a (the metric is constant (1))',
    );
  });
});
