import { describe, expect, it } from 'vitest';
import { bonExactRef } from '../../src/core/bon.ref.js';
import { formatOutcomeKey } from '../../src/data/outcome-key.js';
import type { Pools } from '../../src/data/pools.js';
import { RmsimError } from '../../src/errors.js';
import { type OptimizersConfig, optimizerGains, optimizersSchema, outcomeKeys, outcomesFromGains } from '../../src/optimize/index.js';

/** Two prompts of four responses with hand-picked gold (the gold is `GOLD`). */
function pools(logPi0: Float64Array | null = null): Pools {
  return { offsets: Int32Array.from([0, 4, 8]), logPi0, features: null, dim: 0 };
}
const GOLD = Float64Array.from([0, 1, 2, 3, 5, 1, 0, 2]);
const cfg = optimizersSchema.parse({ bon: { n: [1, 2, 4] }, tilt: { kl: [0.2], beta: [1] } });
const gains = (p: Pools, scores: Float64Array, c: OptimizersConfig = cfg) => optimizerGains(p, GOLD, scores, c);

describe('optimizerGains', () => {
  it('names every outcome key of the config, in order', () => {
    expect(Object.keys(gains(pools(), GOLD))).toEqual(outcomeKeys(cfg).map(formatOutcomeKey));
    expect(outcomeKeys(cfg).map(formatOutcomeKey)).toEqual([
      'bon@1',
      'bon@2',
      'bon@4',
      'bon-wr@1',
      'bon-wr@2',
      'bon-wr@4',
      'tilt@kl=0.2',
      'tilt@beta=1',
    ]);
  });

  it('measures best-of-n gains from the pool mean: the hand-computed exact values', () => {
    const g = gains(pools(), GOLD);
    // pool means 1.5 and 2, averaged 1.75; bon@4 without replacement picks each pool's best: (3 + 5)/2
    expect(g['bon@1'].goldGain).toBeCloseTo(0, 14);
    expect(g['bon@4'].goldGain).toBeCloseTo(4 - 1.75, 14);
    const ref = bonExactRef({ offsets: [0, 4, 8], gold: Array.from(GOLD), proxy: Array.from(GOLD) }, [2], {
      replacement: 'without',
    });
    expect(g['bon@2'].goldGain).toBeCloseTo(ref.meanGold[0] - 1.75, 14);
    expect(g['tilt@kl=0.2'].kl).toBeCloseTo(0.2, 8);
  });

  it('gives gold NDR 1 and a proxy that reverses gold a negative NDR', () => {
    const gold = gains(pools(), GOLD);
    const out = outcomesFromGains(gold, gold);
    for (const k of ['bon@2', 'bon@4', 'bon-wr@4', 'tilt@kl=0.2', 'tilt@beta=1']) expect(out[k].ndr).toBeCloseTo(1, 12);
    expect(out['bon@1'].ndr).toBeNaN(); // n = 1 gains nothing: NDR is undefined, not 0/0 = anything
    const reversed = outcomesFromGains(
      gains(
        pools(),
        GOLD.map((g) => -g),
      ),
      gold,
    );
    expect(reversed['bon@4'].ndr).toBeLessThan(0);
    expect(reversed['bon@4'].regret).toBeCloseTo(1 - reversed['bon@4'].ndr, 14);
  });

  it('records NaN for a KL a tied proxy cannot reach, instead of failing the study', () => {
    const flat = new Float64Array(8).fill(1); // every response tied: tilt cannot move at all
    const g = gains(pools(), flat);
    expect(g['tilt@kl=0.2'].goldGain).toBeNaN();
    expect(g['tilt@beta=1'].kl).toBeCloseTo(0, 14);
  });

  it('measures gains from the π0 mean when π0 is not uniform, and refuses the uniform-only estimator', () => {
    const logPi0 = Float64Array.from([0, 0, 0, Math.log(5), 0, 0, 0, 0]);
    expect(() => gains(pools(logPi0), GOLD)).toThrow(RmsimError);
    const withOnly = optimizersSchema.parse({ bon: { n: [1], estimators: ['with'] }, tilt: { kl: [], beta: [] } });
    const g = gains(pools(logPi0), GOLD, withOnly);
    expect(g['bon-wr@1'].goldGain).toBeCloseTo(0, 14); // one draw from π0 gains nothing over the π0 mean
  });
});
