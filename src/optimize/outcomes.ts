/**
 * Optimizers on the optimization prompts and what they gain: best-of-n (`bon`, exact, both
 * estimators) and the KL-regularized tilt π_β ∝ π0·exp(r̂/β) at matched KL and at fixed β.
 * Gains are measured from the π0 mean of each pool and averaged over prompts; NDR divides the
 * gold gain with a proxy by the gold gain with gold itself under the same optimizer and budget.
 */
import { z } from 'zod';
import type { Outcome } from '../analysis/row.js';
import { bonExact } from '../core/bon.js';
import { putF64, putI32, scoped } from '../core/memory.js';
import { tiltAtKL, tiltSweep } from '../core/tilt.js';
import { invalid } from '../errors.js';
import type { Pools } from '../world/world.js';

export const optimizersSchema = z
  .object({
    bon: z
      .object({
        n: z
          .array(z.number().int().min(1))
          .min(1)
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
      .describe('best-of-n: sample n responses from π0, keep the one the proxy scores highest'),
    tilt: z
      .object({
        kl: z
          .array(z.number().positive())
          .default([0.5, 1, 2])
          .describe('matched KL (nats): β is chosen so the prompt-mean KL(π_β‖π0) hits each target; key tilt@kl=x'),
        beta: z
          .array(z.number().positive())
          .default([0.5, 1])
          .describe('fixed β, the same for every proxy (reward scale matters here); key tilt@beta=x'),
      })
      .strict()
      .prefault({})
      .describe('tilt: the KL-regularized optimum π_β ∝ π0·exp(r̂/β)'),
  })
  .strict()
  .describe('What a policy does with a proxy.');

export type OptimizersConfig = z.output<typeof optimizersSchema>;

/** The outcome keys a config produces, in the order rows list them. */
export function outcomeKeys(cfg: OptimizersConfig): string[] {
  const keys: string[] = [];
  for (const est of cfg.bon.estimators) for (const n of cfg.bon.n) keys.push(`${est === 'without' ? 'bon' : 'bon-wr'}@${n}`);
  for (const k of cfg.tilt.kl) keys.push(`tilt@kl=${k}`);
  for (const b of cfg.tilt.beta) keys.push(`tilt@beta=${b}`);
  return keys;
}

/** Raw gains of one scorer (a proxy, or gold itself) under every configured optimizer. */
export type Gains = Record<string, { goldGain: number; proxyGain: number; kl: number }>;

/** The π0 mean of `values` in each pool, averaged over prompts: where every gain is measured from. */
function baseMean(pools: Pools, values: Float64Array): number {
  const P = pools.offsets.length - 1;
  const lp = pools.logPi0;
  let total = 0;
  for (let p = 0; p < P; p++) {
    const a = pools.offsets[p];
    const b = pools.offsets[p + 1];
    let m = -Infinity;
    if (lp) for (let i = a; i < b; i++) m = Math.max(m, lp[i]);
    let sw = 0;
    let s = 0;
    for (let i = a; i < b; i++) {
      const w = lp ? Math.exp(lp[i] - m) : 1;
      sw += w;
      s += w * values[i];
    }
    total += s / sw;
  }
  return total / P;
}

/** Gains of the scorer `score` (aligned with `pools`) under every optimizer in `cfg`. */
export function optimizerGains(pools: Pools, score: Float64Array, cfg: OptimizersConfig): Gains {
  const out: Gains = {};
  scoped(() => {
    const offsets = putI32(pools.offsets);
    const gold = putF64(pools.gold);
    const proxy = putF64(score);
    const logPi0 = pools.logPi0 ? putF64(pools.logPi0) : undefined;
    const baseGold = baseMean(pools, pools.gold);
    const baseProxy = baseMean(pools, score);
    const ns = Int32Array.from(cfg.bon.n);
    for (const est of cfg.bon.estimators) {
      if (est === 'without' && logPi0)
        invalid('optimizers.bon.estimators', "'without' (the unbiased pool estimator) needs uniform π0; use 'with'");
      const r = bonExact({ offsets, gold, proxy }, ns, { replacement: est, ...(est === 'with' && logPi0 ? { logPi0 } : {}) });
      cfg.bon.n.forEach((n, j) => {
        out[`${est === 'without' ? 'bon' : 'bon-wr'}@${n}`] = {
          goldGain: r.meanGold[j] - baseGold,
          proxyGain: r.meanProxy[j] - baseProxy,
          kl: r.meanKL[j],
        };
      });
    }
    const tp = { offsets, proxy, gold, ...(logPi0 ? { logPi0 } : {}) };
    if (cfg.tilt.kl.length > 0) {
      // A proxy with ties at the top of a pool cannot reach every KL: those outcomes are NaN.
      const maxKL = tiltSweep(tp, [1], { perPrompt: false }).meanMaxKL;
      const reachable = cfg.tilt.kl.filter((k) => k < maxKL * (1 - 1e-9));
      const r = reachable.length > 0 ? tiltAtKL(tp, reachable) : null;
      for (const k of cfg.tilt.kl) {
        const j = reachable.indexOf(k);
        out[`tilt@kl=${k}`] =
          r && j >= 0
            ? { goldGain: r.gold[j] - r.baseGold, proxyGain: r.proxy[j] - r.baseProxy, kl: r.kl[j] }
            : { goldGain: NaN, proxyGain: NaN, kl: NaN };
      }
    }
    if (cfg.tilt.beta.length > 0) {
      const r = tiltSweep(tp, cfg.tilt.beta, { perPrompt: false });
      cfg.tilt.beta.forEach((b, j) => {
        out[`tilt@beta=${b}`] = {
          goldGain: r.meanGold[j] - r.meanBaseGold,
          proxyGain: r.meanProxy[j] - r.meanBaseProxy,
          kl: r.meanKL[j],
        };
      });
    }
  });
  return out;
}

/** Outcomes of a proxy: its gains, with NDR against the gains of gold under the same optimizer. */
export function outcomesFromGains(proxy: Gains, gold: Gains): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  for (const [key, g] of Object.entries(proxy)) {
    const ref = gold[key]?.goldGain ?? NaN;
    const ndr = ref > 0 ? g.goldGain / ref : NaN;
    out[key] = { goldGain: g.goldGain, proxyGain: g.proxyGain, kl: g.kl, ndr, regret: 1 - ndr };
  }
  return out;
}
