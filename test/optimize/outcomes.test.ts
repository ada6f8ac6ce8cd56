import { describe, expect, it } from 'vitest';
import { bonExactRef } from '../../src/core/bon.ref.js';
import { RmsimError } from '../../src/errors.js';
import { optimizerGains, optimizersSchema, outcomeKeys, outcomesFromGains } from '../../src/optimize/outcomes.js';
import type { Pools } from '../../src/world/world.js';

/** Two prompts of four responses with hand-picked gold. */
function pools(logPi0: Float64Array | null = null): Pools {
  return {
    offsets: Int32Array.from([0, 4, 8]),
    gold: Float64Array.from([0, 1, 2, 3, 5, 1, 0, 2]),
    logPi0,
    features: null,
    dim: 0,
    promptOffset: new Float64Array(2),
    promptSpread: Float64Array.from([1, 1]),
  };
}
const cfg = optimizersSchema.parse({ bon: { n: [1, 2, 4] }, tilt: { kl: [0.2], beta: [1] } });

describe('optimizerGains', () => {
  it('names every outcome key of the config, in order', () => {
    expect(Object.keys(optimizerGains(pools(), pools().gold, cfg))).toEqual(outcomeKeys(cfg));
    expect(outcomeKeys(cfg)).toEqual(['bon@1', 'bon@2', 'bon@4', 'bon-wr@1', 'bon-wr@2', 'bon-wr@4', 'tilt@kl=0.2', 'tilt@beta=1']);
  });

  it('measures best-of-n gains from the pool mean: the hand-computed exact values', () => {
    const g = optimizerGains(pools(), pools().gold, cfg);
    // pool means 1.5 and 2, averaged 1.75; bon@4 without replacement picks each pool's best: (3 + 5)/2
    expect(g['bon@1'].goldGain).toBeCloseTo(0, 14);
    expect(g['bon@4'].goldGain).toBeCloseTo(4 - 1.75, 14);
    const ref = bonExactRef({ offsets: [0, 4, 8], gold: Array.from(pools().gold), proxy: Array.from(pools().gold) }, [2], {
      replacement: 'without',
    });
    expect(g['bon@2'].goldGain).toBeCloseTo(ref.meanGold[0] - 1.75, 14);
    expect(g['tilt@kl=0.2'].kl).toBeCloseTo(0.2, 8);
  });

  it('gives gold NDR 1 and a proxy that reverses gold a negative NDR', () => {
    const gold = optimizerGains(pools(), pools().gold, cfg);
    const out = outcomesFromGains(gold, gold);
    for (const k of ['bon@2', 'bon@4', 'bon-wr@4', 'tilt@kl=0.2', 'tilt@beta=1']) expect(out[k].ndr).toBeCloseTo(1, 12);
    expect(out['bon@1'].ndr).toBeNaN(); // n = 1 gains nothing: NDR is undefined, not 0/0 = anything
    const reversed = outcomesFromGains(
      optimizerGains(
        pools(),
        pools().gold.map((g) => -g),
        cfg,
      ),
      gold,
    );
    expect(reversed['bon@4'].ndr).toBeLessThan(0);
    expect(reversed['bon@4'].regret).toBeCloseTo(1 - reversed['bon@4'].ndr, 14);
  });

  it('records NaN for a KL a tied proxy cannot reach, instead of failing the study', () => {
    const flat = new Float64Array(8).fill(1); // every response tied: tilt cannot move at all
    const g = optimizerGains(pools(), flat, cfg);
    expect(g['tilt@kl=0.2'].goldGain).toBeNaN();
    expect(g['tilt@beta=1'].kl).toBeCloseTo(0, 14);
  });

  it('measures gains from the π0 mean when π0 is not uniform, and refuses the uniform-only estimator', () => {
    const logPi0 = Float64Array.from([0, 0, 0, Math.log(5), 0, 0, 0, 0]);
    expect(() => optimizerGains(pools(logPi0), pools().gold, cfg)).toThrow(RmsimError);
    const withOnly = optimizersSchema.parse({ bon: { n: [1], estimators: ['with'] }, tilt: { kl: [], beta: [] } });
    const g = optimizerGains(pools(logPi0), pools().gold, withOnly);
    expect(g['bon-wr@1'].goldGain).toBeCloseTo(0, 14); // one draw from π0 gains nothing over the π0 mean
  });
});
