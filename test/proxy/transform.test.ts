import { describe, expect, it } from 'vitest';
import { RmsimError } from '../../src/errors.js';
import { TRANSFORM_FNS, transformFunction, transformParamsSchema } from '../../src/proxy/index.js';
import { buildWorld } from '../../src/world/world.js';
import { scoreBoth } from '../helpers/proxies.js';
import { bytes, expectWithin, variance } from '../helpers/stats.js';

const w = buildWorld({ optPrompts: 40, poolSize: 12, evalPrompts: 30, evalPoolSize: 6 }, 3);
const baseParams = { scale: 0.7, error: 'laplace' as const, dispersion: 0.2 };
const base = scoreBoth({ id: 'noise-003', family: 'noise', params: baseParams }, w, 3);

/** Within-pool order (stable argsort) of every pool. */
function poolOrders(x: Float64Array, offsets: Int32Array): number[][] {
  const out: number[][] = [];
  for (let p = 0; p + 1 < offsets.length; p++) {
    const idx = Array.from({ length: offsets[p + 1] - offsets[p] }, (_, j) => offsets[p] + j);
    out.push(idx.sort((a, b) => x[a] - x[b] || a - b));
  }
  return out;
}

describe('transform proxy', () => {
  it('evaluates b + f(a·x) by hand for each f', () => {
    expect(transformFunction({ fn: 'affine', a: 2, b: 1, power: 1 })(0.25)).toBe(1.5);
    expectWithin(transformFunction({ fn: 'exp', a: 2, b: -1, power: 1 })(0.5), Math.E - 1, 1e-15, 'exp');
    expectWithin(transformFunction({ fn: 'tanh', a: 0.5, b: 0, power: 1 })(2), Math.tanh(1), 1e-15, 'tanh');
    expect(transformFunction({ fn: 'power', a: 2, b: 1, power: 3 })(-0.5)).toBe(0); // 1 + sign(−1)·1³
    expect(transformFunction({ fn: 'power', a: 1, b: 0, power: 0.5 })(4)).toBe(2);
    expect(transformFunction({ fn: 'power', a: 1, b: 0, power: 0.5 })(-4)).toBe(-2);
  });

  it('applies the transform to the base proxy drawn from baseId streams (affine: exactly a·r + b)', () => {
    const t = scoreBoth(
      { id: 't', family: 'transform', params: { base: baseParams, baseId: 'noise-003', fn: 'affine', a: 3, b: -2 } },
      w,
      3,
    );
    for (let i = 0; i < t.opt.length; i++) expectWithin(t.opt[i], 3 * base.opt[i] - 2, 1e-12, `opt[${i}]`);
    for (let i = 0; i < t.eval.length; i++) expectWithin(t.eval[i], 3 * base.eval[i] - 2, 1e-12, `eval[${i}]`);
    // the scale changes by a (sd ratio exactly 3 up to rounding)
    expectWithin(Math.sqrt(variance(t.opt) / variance(base.opt)), 3, 1e-9, 'sd ratio');
  });

  it('leaves the within-pool ranking identical to the base for every f', () => {
    for (const fn of TRANSFORM_FNS) {
      const t = scoreBoth(
        { id: `t-${fn}`, family: 'transform', params: { base: baseParams, baseId: 'noise-003', fn, a: 0.8, b: 5, power: 2.5 } },
        w,
        3,
      );
      expect(poolOrders(t.opt, w.opt.pools.offsets), `${fn} opt`).toEqual(poolOrders(base.opt, w.opt.pools.offsets));
      expect(poolOrders(t.eval, w.eval.pools.offsets), `${fn} eval`).toEqual(poolOrders(base.eval, w.eval.pools.offsets));
      expect(bytes(t.opt)).not.toEqual(bytes(base.opt));
    }
  });

  it('draws its own base errors when baseId is null', () => {
    const own = scoreBoth({ id: 't-own', family: 'transform', params: { base: baseParams } }, w, 3);
    expect(bytes(own.opt)).not.toEqual(bytes(base.opt));
    const again = scoreBoth({ id: 't-own', family: 'transform', params: { base: baseParams } }, w, 3);
    expect(bytes(own.opt)).toEqual(bytes(again.opt));
  });

  it('turns an overflowing or saturating f into a config error naming the field (it would create ties)', () => {
    const run = (fn: 'exp' | 'tanh') => () => scoreBoth({ id: 'big', family: 'transform', params: { fn, a: 1000 } }, w, 3);
    expect(run('exp')).toThrow(RmsimError);
    expect(run('exp')).toThrow(/^proxy\[big\]\.params\.a: exp\(a·r\) with a = 1000 is (not finite|saturated) at r = /);
    expect(run('tanh')).toThrow(
      /^proxy\[big\]\.params\.a: tanh\(a·r\) with a = 1000 is saturated at r = .*, which would tie responses; lower a$/,
    );
  });

  it('rejects a non-increasing transform and unknown keys, naming the field', () => {
    expect(() => scoreBoth({ id: 'n', family: 'transform', params: { a: 0 } }, w, 3)).toThrow(/^proxy\[n\]\.params\.a: a must be > 0/);
    expect(() => scoreBoth({ id: 'n', family: 'transform', params: { power: -1 } }, w, 3)).toThrow(/^proxy\[n\]\.params\.power: /);
    expect(() => scoreBoth({ id: 'n', family: 'transform', params: { base: { scal: 1 } } } as never, w, 3)).toThrow(
      /^proxy\[n\]\.params\.base\.scal: unknown key$/,
    );
    expect(() => scoreBoth({ id: 'n', family: 'transform', params: { fn: 'log' } } as never, w, 3)).toThrow(/^proxy\[n\]\.params\.fn: /);
  });

  it('documents every parameter', () => {
    for (const [k, v] of Object.entries(transformParamsSchema.shape)) expect(v.description, k).toBeTruthy();
  });
});
