import { describe, expect, it } from 'vitest';
import { errorShape } from '../../src/analysis/summary.js';
import { FIRST, groupScales, groupStyle, knownGroups, sortGroups } from '../../src/report/palette.js';

describe('the proxy-group palette', () => {
  it('enumerates what the registry produces, the preset groups first, each once', () => {
    const k = knownGroups();
    expect(new Set(k).size).toBe(k.length);
    expect(k.slice(0, 1 + FIRST.length)).toEqual(['gold', ...FIRST]);
    // a shape the noise family names from its parameters is in the enumeration
    const row = (params: object) => ({ id: 'x', family: 'noise', params, metrics: {}, resampled: {}, outcomes: {} });
    expect(k).toContain(errorShape(row({ error: 'laplace', hetero: 'value', heteroStrength: 1, dispersion: 0.3, scale: 1 })));
    expect(k).toContain('transform/tanh/student-t(ν>3)/hetero-rank/dispersed');
  });
  it('gives the first 40 groups 40 different (color, shape) pairs, and gold its own', () => {
    const styles = knownGroups()
      .slice(1, 41)
      .map((g) => JSON.stringify(groupStyle(g)));
    expect(new Set(styles).size).toBe(40);
    expect(styles).not.toContain(JSON.stringify(groupStyle('gold')));
  });
  it('styles a group by its name alone: an integer ν as its tail class, a foreign group by a hash', () => {
    expect(groupStyle('noise/student-t(2)')).toEqual(groupStyle('noise/student-t(ν≤2)'));
    expect(groupStyle('noise/student-t(3)')).toEqual(groupStyle('noise/student-t(2<ν≤3)'));
    expect(groupStyle('elsewhere/mine')).toEqual(groupStyle('elsewhere/mine'));
    const a = groupScales(['noise/student-t(ν≤2)', 'noise/normal']);
    const b = groupScales(['noise/normal', 'transform/affine/normal', 'noise/student-t(ν≤2)']);
    expect(a.domain).toEqual(['noise/normal', 'noise/student-t(ν≤2)']);
    expect(b.color.range).toEqual(['#4c78a8', groupStyle('noise/student-t(ν≤2)').color, groupStyle('transform/affine/normal').color]);
    expect(sortGroups(['zz', 'noise/normal', 'aa'])).toEqual(['noise/normal', 'aa', 'zz']);
  });
});
