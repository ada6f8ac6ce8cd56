/**
 * `theoryTable`: what a Gaussian gold/proxy model implies for one proxy — accuracy, Kendall,
 * Spearman, best-of-n and tilt at matched KL, from the closed forms (docs/design.md) — and, with
 * `check`, each quantity simulated with the wasm kernels beside it. `rmsim theory` prints it.
 */
import { bonKLBound } from '../core/bon.js';
import { invalid } from '../errors.js';
import { checkGaussianTheory, type GaussianCheck } from './gaussian-check.js';
import {
  accuracyFromRho,
  bonGoldGain,
  expectedMaxNormal,
  kendallFromAccuracy,
  rhoFromAccuracy,
  spearmanFromRho,
  tiltBetaForKL,
  tiltGoldGainAtKL,
} from './theory.js';

export interface TheoryTableOptions {
  /** pairwise accuracy A of the proxy, in (0.5, 1); give this or `rho` */
  accuracy?: number;
  /** correlation ρ of proxy and gold, in (0, 1) */
  rho?: number;
  /** best-of-n values */
  n: readonly number[];
  /** KL budgets (nats) for tilt */
  kl: readonly number[];
  /** sd of gold within a prompt */
  sigmaGold: number;
  /** simulate each quantity with the wasm kernels */
  check?: boolean;
  /** seed of the simulation */
  seed?: number;
}

export interface TheoryTable {
  rho: number;
  accuracy: number;
  kendall: number;
  spearman: number;
  sigmaGold: number;
  bon: { n: number; expectedMax: number; goldGain: number; goldGainWithGold: number; ndr: number; klBound: number }[];
  tilt: { kl: number; betaPerProxySd: number; goldGain: number; goldGainWithGold: number; ndr: number }[];
  check?: GaussianCheck;
}

/** The closed forms for one proxy (and the simulation beside them with `check`). */
export function theoryTable(o: TheoryTableOptions): TheoryTable {
  if ((o.accuracy === undefined) === (o.rho === undefined)) invalid('accuracy', 'give exactly one of accuracy and rho');
  const rho = o.rho ?? rhoFromAccuracy(o.accuracy!);
  const accuracy = accuracyFromRho(rho);
  return {
    rho,
    accuracy,
    kendall: kendallFromAccuracy(accuracy),
    spearman: spearmanFromRho(rho),
    sigmaGold: o.sigmaGold,
    bon: o.n.map((n) => ({
      n,
      expectedMax: expectedMaxNormal(n),
      goldGain: bonGoldGain(rho, o.sigmaGold, n),
      goldGainWithGold: bonGoldGain(1, o.sigmaGold, n),
      ndr: rho,
      klBound: bonKLBound(n),
    })),
    tilt: o.kl.map((kl) => ({
      kl,
      betaPerProxySd: tiltBetaForKL(1, kl),
      goldGain: tiltGoldGainAtKL(rho, o.sigmaGold, kl),
      goldGainWithGold: tiltGoldGainAtKL(1, o.sigmaGold, kl),
      ndr: rho,
    })),
    ...(o.check ? { check: checkGaussianTheory({ rho, sigmaGold: o.sigmaGold, n: o.n, kl: o.kl, seed: o.seed ?? 1 }) } : {}),
  };
}
