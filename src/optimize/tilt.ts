/**
 * Optimizer `tilt` — the KL-regularized optimum π_β ∝ π0·exp(r̂/β) over each pool
 * (src/core/tilt.ts): at matched KL (β chosen so that the prompt-mean KL(π_β ‖ π0) hits each
 * target, key tilt@kl=x) and at fixed β, the same for every proxy (where reward scale matters,
 * key tilt@beta=x).
 */
import { z } from 'zod';
import { configError, MAX_LIST, requireUnique, TOO_MANY } from '../config.js';
import { tiltAtKL, tiltSweep } from '../core/tilt.js';
import { formatOutcomeKey, type OutcomeKey, outcomeKey } from '../data/outcome-key.js';
import { defineOptimizer, type Gains } from './optimizer.js';

export const tiltSchema = z
  .object({
    kl: z
      .array(z.number().positive())
      .max(MAX_LIST, TOO_MANY)
      .default([0.5, 1, 2])
      .describe('matched KL (nats): β is chosen so the prompt-mean KL(π_β‖π0) hits each target; key tilt@kl=x'),
    beta: z
      .array(z.number().positive())
      .max(MAX_LIST, TOO_MANY)
      .default([0.5, 1])
      .describe('fixed β, the same for every proxy (reward scale matters here); key tilt@beta=x'),
  })
  .strict()
  .prefault({})
  .describe('tilt: the KL-regularized optimum π_β ∝ π0·exp(r̂/β)');

export type TiltConfig = z.output<typeof tiltSchema>;

export const tilt = defineOptimizer<'tilt', TiltConfig, z.input<typeof tiltSchema>>({
  name: 'tilt',
  doc: 'tilt: the KL-regularized optimum π_β ∝ π0·exp(r̂/β)',
  schema: tiltSchema,
  validate(cfg, sizes, at) {
    const K = sizes.poolSize;
    const maxKL = Math.log(K);
    cfg.kl.forEach((kl, i) => {
      if (kl >= maxKL)
        configError(
          `${at}.kl[${i}]`,
          `${kl} nats is not below log(world.poolSize) = ${maxKL.toFixed(3)}, the most a pool of ${K} can give`,
        );
    });
    requireUnique(cfg.kl, `${at}.kl`);
    requireUnique(cfg.beta, `${at}.beta`);
  },
  outcomeKeys: (cfg) => [...cfg.kl.map((k) => outcomeKey('tilt', 'kl', k)), ...cfg.beta.map((b) => outcomeKey('tilt', 'beta', b))],
  onTheoryLine: (key: OutcomeKey) => key.optimizer === 'tilt' && key.param === 'kl',
  gains(cfg, input) {
    const { placed } = input;
    const out: Gains = {};
    const tp = {
      offsets: placed.offsets,
      proxy: input.placedScores,
      gold: placed.gold,
      ...(placed.logPi0 ? { logPi0: placed.logPi0 } : {}),
    };
    if (cfg.kl.length > 0) {
      // A proxy with ties at the top of a pool cannot reach every KL: those outcomes are NaN.
      const maxKL = tiltSweep(tp, [1], { perPrompt: false }).meanMaxKL;
      const reachable = cfg.kl.filter((k) => k < maxKL * (1 - 1e-9));
      const r = reachable.length > 0 ? tiltAtKL(tp, reachable) : null;
      for (const k of cfg.kl) {
        const j = reachable.indexOf(k);
        out[formatOutcomeKey(outcomeKey('tilt', 'kl', k))] =
          r && j >= 0
            ? { goldGain: r.gold[j] - r.baseGold, proxyGain: r.proxy[j] - r.baseProxy, kl: r.kl[j] }
            : { goldGain: NaN, proxyGain: NaN, kl: NaN };
      }
    }
    if (cfg.beta.length > 0) {
      const r = tiltSweep(tp, cfg.beta, { perPrompt: false });
      cfg.beta.forEach((b, j) => {
        out[formatOutcomeKey(outcomeKey('tilt', 'beta', b))] = {
          goldGain: r.meanGold[j] - r.meanBaseGold,
          proxyGain: r.meanProxy[j] - r.meanBaseProxy,
          kl: r.meanKL[j],
        };
      });
    }
    return out;
  },
});
