/**
 * Optimizer `bon` — best-of-n: sample n responses from π0, keep the one the scorer rates highest.
 * Exact over each pool (src/core/bon.ts): 'without' is the unbiased estimator of Gao et al. 2022
 * (the maximum of a uniformly random n-subset of the pool), key bon@n; 'with' is n i.i.d. draws
 * from π0 restricted to the pool, key bon-wr@n.
 */
import { z } from 'zod';
import { configError, MAX_LIST, requireUnique, TOO_MANY } from '../config.js';
import { bonExact } from '../core/bon.js';
import { argsortWithinGroups } from '../core/sort.js';
import { formatOutcomeKey, type OutcomeKey, outcomeKey } from '../data/outcome-key.js';
import { invalid } from '../errors.js';
import { defineOptimizer, type Gains } from './optimizer.js';
import { baseMean } from './placed.js';

export const bonSchema = z
  .object({
    n: z
      .array(z.number().int().min(1))
      .min(1)
      .max(MAX_LIST, TOO_MANY)
      .default([2, 4, 8, 16, 32, 64])
      .describe('best-of-n sample sizes (each ≤ world.poolSize for the without-replacement estimator)'),
    estimators: z
      .array(z.enum(['without', 'with']))
      .min(1)
      .default(['without', 'with'])
      .describe(
        "'without': the unbiased estimator over the pool (Gao et al. 2022), outcome key bon@n; " +
          "'with': n i.i.d. draws from π0 restricted to the pool, key bon-wr@n",
      ),
  })
  .strict()
  .prefault({})
  .describe('best-of-n: sample n responses from π0, keep the one the proxy scores highest');

export type BonConfig = z.output<typeof bonSchema>;

const variantOf = (est: 'without' | 'with'): string | null => (est === 'without' ? null : 'wr');

export const bon = defineOptimizer<'bon', BonConfig, z.input<typeof bonSchema>>({
  name: 'bon',
  doc: 'best-of-n: sample n responses from π0, keep the one the proxy scores highest',
  schema: bonSchema,
  validate(cfg, sizes, at) {
    const K = sizes.poolSize;
    if (cfg.estimators.includes('without')) {
      cfg.n.forEach((n, i) => {
        if (n > K) configError(`${at}.n[${i}]`, `${n} exceeds world.poolSize (${K}); the without-replacement estimator needs n ≤ K`);
      });
    }
    requireUnique(cfg.n, `${at}.n`);
    requireUnique(cfg.estimators, `${at}.estimators`);
  },
  outcomeKeys: (cfg) => cfg.estimators.flatMap((est) => cfg.n.map((n) => outcomeKey('bon', 'n', n, variantOf(est)))),
  onTheoryLine: (key: OutcomeKey) => key.optimizer === 'bon',
  gains(cfg, input) {
    const { placed, placedScores } = input;
    const out: Gains = {};
    const baseProxy = baseMean(input.pools, input.scores);
    const ns = Int32Array.from(cfg.n);
    const pools = { offsets: placed.offsets, gold: placed.gold, proxy: placedScores };
    // one sort for both estimators (with one, bonExact sorts inside at the same cost)
    const order = cfg.estimators.length > 1 ? argsortWithinGroups(placedScores, placed.offsets) : undefined;
    for (const est of cfg.estimators) {
      if (est === 'without' && placed.logPi0)
        invalid('optimizers.bon.estimators', "'without' (the unbiased pool estimator) needs uniform π0; use 'with'");
      const r = bonExact(pools, ns, { replacement: est, order, ...(est === 'with' && placed.logPi0 ? { logPi0: placed.logPi0 } : {}) });
      cfg.n.forEach((n, j) => {
        out[formatOutcomeKey(outcomeKey('bon', 'n', n, variantOf(est)))] = {
          goldGain: r.meanGold[j] - placed.baseGold,
          proxyGain: r.meanProxy[j] - baseProxy,
          kl: r.meanKL[j],
        };
      });
    }
    return out;
  },
});
