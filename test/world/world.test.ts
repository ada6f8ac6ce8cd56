import { describe, expect, it } from 'vitest';
import { normalRef } from '../../src/core/rng.ref.js';
import { Stream } from '../../src/core/stream.js';
import { promptCount } from '../../src/data/pools.js';
import { RmsimError } from '../../src/errors.js';
import { buildWorld, worldSchema, worldStream } from '../../src/world/world.js';
import { undocumentedFields } from '../helpers/schema.js';
import { bytes, expectWithin, mean, variance, varianceSE } from '../helpers/stats.js';

describe('buildWorld', () => {
  it('computes gold = offset + spread·z from the named streams on a tiny world', () => {
    const seed = 11;
    const w = buildWorld({ optPrompts: 2, poolSize: 3, evalPrompts: 1, evalPoolSize: 2, gold: { offsetSd: 2, spreadSigma: 0.5 } }, seed);
    // independent recomputation with the TypeScript reference sampler
    const off = normalRef(worldStream(seed, 'opt', 'offset'), 2);
    const spr = normalRef(worldStream(seed, 'opt', 'spread'), 2);
    const z = normalRef(worldStream(seed, 'opt', 'gold'), 6);
    expect(Array.from(w.opt.pools.offsets)).toEqual([0, 3, 6]);
    for (let i = 0; i < 6; i++) {
      const p = Math.floor(i / 3);
      const expected = 2 * off[p] + Math.exp(0.5 * spr[p]) * z[i];
      expectWithin(w.opt.gold[i], expected, 1e-12, `opt gold[${i}]`);
    }
    expectWithin(w.opt.promptOffset[1], 2 * off[1], 1e-15, 'promptOffset[1]');
    expectWithin(w.opt.promptSpread[0], Math.exp(0.5 * spr[0]), 1e-15, 'promptSpread[0]');
    const ze = normalRef(worldStream(seed, 'eval', 'gold'), 2);
    const oe = normalRef(worldStream(seed, 'eval', 'offset'), 1);
    const se = normalRef(worldStream(seed, 'eval', 'spread'), 1);
    expect(Array.from(w.eval.pools.offsets)).toEqual([0, 2]);
    expectWithin(w.eval.gold[1], 2 * oe[0] + Math.exp(0.5 * se[0]) * ze[1], 1e-12, 'eval gold[1]');
    expect(w.opt.pools.logPi0).toBeNull();
    expect(w.opt.pools.features).toBeNull();
    expect(w.weights).toBeNull();
    expect(w.seed).toBe(seed);
  });

  it('fills defaults and keeps the resolved config in the world', () => {
    const w = buildWorld({ optPrompts: 3, evalPrompts: 2 }, 1);
    expect(w.config).toEqual({
      optPrompts: 3,
      evalPrompts: 2,
      poolSize: 64,
      evalPoolSize: 16,
      gold: { offsetSd: 1, spreadSigma: 0 },
      features: { dim: 0 },
    });
    expect(promptCount(w.opt.pools)).toBe(3);
    expect(w.opt.gold.length).toBe(3 * 64);
    expect(w.eval.gold.length).toBe(2 * 16);
    // spreadSigma 0: every prompt has spread exactly 1
    expect(Array.from(w.opt.promptSpread)).toEqual([1, 1, 1]);
  });

  it('gives features x ~ N(0, I) and gold = offset + spread·(w·x) with one unit-norm w for both pool sets', () => {
    const dim = 4;
    const w = buildWorld({ optPrompts: 3, poolSize: 5, evalPrompts: 2, evalPoolSize: 3, features: { dim }, gold: { spreadSigma: 0.3 } }, 5);
    expect(w.weights).not.toBeNull();
    const wt = w.weights!;
    expectWithin(Math.hypot(...wt), 1, 1e-14, '|w|');
    const wRaw = normalRef(Stream.from(5, 'world', 'weights'), dim);
    const norm = Math.hypot(...wRaw);
    wRaw.forEach((v, j) => expectWithin(wt[j], v / norm, 1e-15, `w[${j}]`));
    for (const pools of [w.opt, w.eval]) {
      expect(pools.pools.dim).toBe(dim);
      const x = pools.pools.features!;
      expect(x.length).toBe(pools.gold.length * dim);
      for (let p = 0; p + 1 < pools.pools.offsets.length; p++) {
        for (let i = pools.pools.offsets[p]; i < pools.pools.offsets[p + 1]; i++) {
          let wx = 0;
          for (let j = 0; j < dim; j++) wx += wt[j] * x[i * dim + j];
          expectWithin(pools.gold[i], pools.promptOffset[p] + pools.promptSpread[p] * wx, 1e-12, `gold[${i}]`);
        }
      }
    }
    const x = normalRef(worldStream(5, 'opt', 'features'), 15 * dim);
    expect(bytes(w.opt.pools.features!)).toEqual(bytes(x));
  });

  it('draws per-prompt offsets with sd offsetSd and log-spreads with sd spreadSigma (moments within 4 SE)', () => {
    const P = 4000;
    const offsetSd = 1.5;
    const spreadSigma = 0.4;
    const w = buildWorld({ optPrompts: P, poolSize: 8, evalPrompts: P, evalPoolSize: 4, gold: { offsetSd, spreadSigma } }, 3);
    for (const [name, pools] of [
      ['opt', w.opt],
      ['eval', w.eval],
    ] as const) {
      const o = pools.promptOffset;
      expectWithin(mean(o), 0, (4 * offsetSd) / Math.sqrt(P), `${name} mean offset`);
      expectWithin(variance(o), offsetSd ** 2, 4 * varianceSE(o), `${name} offset variance`);
      const ls = Array.from(pools.promptSpread, Math.log);
      expectWithin(mean(ls), 0, (4 * spreadSigma) / Math.sqrt(P), `${name} mean log spread`);
      expectWithin(variance(ls), spreadSigma ** 2, 4 * varianceSE(ls), `${name} log-spread variance`);
      // within a prompt, (g − offset)/spread is standard normal
      const z = new Float64Array(pools.gold.length);
      for (let p = 0; p < P; p++) {
        for (let i = pools.pools.offsets[p]; i < pools.pools.offsets[p + 1]; i++)
          z[i] = (pools.gold[i] - pools.promptOffset[p]) / pools.promptSpread[p];
      }
      expectWithin(mean(z), 0, 4 / Math.sqrt(z.length), `${name} mean z`);
      expectWithin(variance(z), 1, 4 * varianceSE(z), `${name} var z`);
    }
  });

  it('draws eval prompts separately from optimization prompts (different values, same distribution)', () => {
    const w = buildWorld({ optPrompts: 50, poolSize: 4, evalPrompts: 50, evalPoolSize: 4 }, 9);
    expect(bytes(w.opt.gold)).not.toEqual(bytes(w.eval.gold));
    expect(bytes(w.opt.promptOffset)).not.toEqual(bytes(w.eval.promptOffset));
  });

  it('is a pure function of (config, seed): same seed identical bytes, different seed different', () => {
    const cfg = { optPrompts: 20, poolSize: 7, evalPrompts: 10, evalPoolSize: 5, gold: { spreadSigma: 0.2 }, features: { dim: 2 } };
    const a = buildWorld(cfg, 42);
    const b = buildWorld(cfg, 42);
    const c = buildWorld(cfg, 43);
    for (const k of ['opt', 'eval'] as const) {
      expect(bytes(a[k].gold)).toEqual(bytes(b[k].gold));
      expect(bytes(a[k].pools.features!)).toEqual(bytes(b[k].pools.features!));
      expect(bytes(a[k].gold)).not.toEqual(bytes(c[k].gold));
    }
  });

  it('keeps the optimization pools unchanged when only the eval sizes change (independent streams)', () => {
    const a = buildWorld({ optPrompts: 10, poolSize: 6, evalPrompts: 5, evalPoolSize: 4 }, 1);
    const b = buildWorld({ optPrompts: 10, poolSize: 6, evalPrompts: 30, evalPoolSize: 8 }, 1);
    expect(bytes(a.opt.gold)).toEqual(bytes(b.opt.gold));
  });

  it('handles one prompt with one response', () => {
    const w = buildWorld({ optPrompts: 1, poolSize: 1, evalPrompts: 1, evalPoolSize: 1 }, 0);
    expect(Array.from(w.opt.pools.offsets)).toEqual([0, 1]);
    expect(w.opt.gold.length).toBe(1);
    expect(Number.isFinite(w.opt.gold[0])).toBe(true);
  });
});

describe('worldSchema', () => {
  const fails = (cfg: unknown, message: RegExp) => {
    expect(() => buildWorld(cfg as never, 1)).toThrow(RmsimError);
    expect(() => buildWorld(cfg as never, 1)).toThrow(message);
    try {
      buildWorld(cfg as never, 1);
    } catch (e) {
      expect((e as RmsimError).code).toBe('CONFIG');
    }
  };

  it('rejects unknown keys, naming the field', () => {
    fails({ poolSzie: 4 }, /^world\.poolSzie: unknown key$/);
    fails({ gold: { offsetsd: 1 } }, /^world\.gold\.offsetsd: unknown key$/);
    fails({ features: { dim: 1, w: [1] } }, /^world\.features\.w: unknown key$/);
  });

  it('rejects zero, negative and fractional sizes, naming the field', () => {
    fails({ optPrompts: 0 }, /^world\.optPrompts: optPrompts must be ≥ 1$/);
    fails({ poolSize: -3 }, /^world\.poolSize: poolSize must be ≥ 1$/);
    fails({ evalPoolSize: 2.5 }, /^world\.evalPoolSize: evalPoolSize must be an integer$/);
    fails({ evalPrompts: 0 }, /^world\.evalPrompts: /);
    fails({ features: { dim: -1 } }, /^world\.features\.dim: dim must be ≥ 0$/);
    fails({ gold: { offsetSd: -1 } }, /^world\.gold\.offsetSd: /);
    fails({ gold: { spreadSigma: Number.NaN } }, /^world\.gold\.spreadSigma: /);
  });

  it('rejects worlds too large for memory, naming the size field', () => {
    fails({ optPrompts: 100_000, poolSize: 1000 }, /^world\.poolSize: prompts × poolSize/);
    fails({ evalPrompts: 10_000, evalPoolSize: 100, features: { dim: 100 } }, /^world\.evalPoolSize: /);
  });

  it('rejects a non-finite seed', () => {
    expect(() => buildWorld({}, Number.NaN)).toThrow(/^seed: /);
  });

  it('documents every field', () => {
    expect(undocumentedFields(worldSchema, 'world')).toEqual([]);
  });
});
