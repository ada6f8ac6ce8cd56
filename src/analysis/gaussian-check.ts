/**
 * Simulates the Gaussian world with the wasm kernels and sets each simulated quantity, with its
 * standard error, beside the closed form it should match (what `rmsim theory --check` prints).
 * Gold g ~ N(0, σ_g²) and proxy r̂ = ρ·z + √(1−ρ²)·e (unit sd) are drawn fresh from named streams.
 */
import { bonExact } from '../core/bon.js';
import { allocF64, scoped, type WasmF64 } from '../core/memory.js';
import { pairwiseAccuracy } from '../core/pairs.js';
import { groupStats, uniformOffsets } from '../core/rank.js';
import { fillNormal } from '../core/rng.js';
import { Stream } from '../core/stream.js';
import { tiltAtKL, tiltSweep } from '../core/tilt.js';
import { invalid } from '../errors.js';
import { accuracyFromRho, bonKLBound, expectedMaxNormal, kendallFromAccuracy, spearmanFromRho, tiltGoldGainAtKL } from './theory.js';

/** A simulated value, its standard error, and the closed form it is checked against. */
export interface Checked {
  theory: number;
  simulated: number;
  se: number;
  /** (simulated − theory) / se */
  z: number;
  note?: string;
}

export interface GaussianCheck {
  rho: number;
  sigmaGold: number;
  accuracy: Checked;
  kendall: Checked;
  spearman: Checked;
  bon: { n: number; goldGain: Checked; ndr: Checked; kl: Checked }[];
  tilt: { kl: number; goldGain: Checked; ndr: Checked }[];
  /** target KLs beyond what the simulated pools can reach */
  tiltSkipped: number[];
  sizes: {
    pairs: number;
    groups: number;
    groupSize: number;
    bonPrompts: number;
    bonPool: number;
    tiltPrompts: number;
    tiltPool: number;
    tiltProposalSds: number[];
  };
}

export interface GaussianCheckOptions {
  rho: number;
  sigmaGold?: number;
  n?: readonly number[];
  kl?: readonly number[];
  seed?: number;
}

const checked = (theory: number, simulated: number, se: number, note?: string): Checked => ({
  theory,
  simulated,
  se,
  z: se > 1e-12 ? (simulated - theory) / se : NaN, // an exact (zero-variance) value has no z
  ...(note ? { note } : {}),
});

function meanSE(x: ArrayLike<number>): [number, number] {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const m = s / x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
  return [m, Math.sqrt(v / (x.length - 1) / x.length)];
}

/** Ratio of means Σa/Σb over paired samples with its delta-method standard error. */
function ratioSE(a: ArrayLike<number>, b: ArrayLike<number>): [number, number] {
  const [ma] = meanSE(a);
  const [mb] = meanSE(b);
  const r = ma / mb;
  const resid = Array.from(a, (ai, i) => ai - r * b[i]);
  const [, se] = meanSE(resid);
  return [r, se / Math.abs(mb)];
}

/** Fill gold (sd σ_g) and a proxy with correlation ρ to it (unit sd) into resident buffers. */
function gaussianPair(stream: Stream, n: number, rho: number, sigmaGold: number): { gold: WasmF64; proxy: WasmF64 } {
  const gold = fillNormal(stream.child('gold'), allocF64(n));
  const proxy = fillNormal(stream.child('error'), allocF64(n));
  const g = gold.view();
  const p = proxy.view();
  const s = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) {
    p[i] = rho * g[i] + s * p[i];
    g[i] *= sigmaGold;
  }
  return { gold, proxy };
}

/** Simulate every closed form of docs/design.md for a Gaussian proxy of correlation ρ. */
export function checkGaussianTheory(options: GaussianCheckOptions): GaussianCheck {
  const { rho } = options;
  if (!(rho > -1 && rho < 1)) invalid('rho', `must be in (−1, 1), got ${rho}`);
  const sigmaGold = options.sigmaGold ?? 1;
  const ns = options.n ?? [1, 4, 16, 64, 256];
  const kls = options.kl ?? [0.5, 2, 8];
  const root = Stream.from(options.seed ?? 1, 'theory-check');
  const maxN = Math.max(...ns);
  if (maxN > 8192) invalid('n', `at most 8192 with --check (pools must hold n responses), got ${maxN}`);

  const pairs = 1_000_000;
  const groups = 500;
  const groupSize = 100;
  const bonPool = Math.max(1024, 2 * maxN);
  const bonPrompts = Math.max(200, Math.round(2_000_000 / bonPool));
  const tiltPool = 8192;
  const tiltPrompts = 200;

  return scoped(() => {
    // Pairwise accuracy on independent pairs: each pair compares two fresh responses.
    const A = gaussianPair(root.child('pairs', 'a'), pairs, rho, sigmaGold);
    const B = gaussianPair(root.child('pairs', 'b'), pairs, rho, sigmaGold);
    const acc = pairwiseAccuracy(A.gold, B.gold, A.proxy, B.proxy, 'strict').accuracy;
    const accTheory = accuracyFromRho(rho);
    const accuracy = checked(accTheory, acc, Math.sqrt((acc * (1 - acc)) / pairs));

    // Kendall τ_b and Spearman inside groups (as per-prompt metrics are computed).
    const G = gaussianPair(root.child('groups'), groups * groupSize, rho, sigmaGold);
    const stats = groupStats(G.gold, G.proxy, uniformOffsets(groups, groupSize));
    const [tau, tauSE] = meanSE(stats.tauB);
    const [rs, rsSE] = meanSE(stats.spearman);
    const k = groupSize;
    // E[sample Spearman] at k responses (Moran 1948): 6/(π(k+1))·(arcsin ρ + (k−2)·arcsin(ρ/2)).
    const rsFinite = (6 / (Math.PI * (k + 1))) * (Math.asin(rho) + (k - 2) * Math.asin(rho / 2));
    const kendall = checked(kendallFromAccuracy(accTheory), tau, tauSE);
    const spearman = checked(
      rsFinite,
      rs,
      rsSE,
      `E[sample Spearman] of groups of ${k} (population value ${spearmanFromRho(rho).toFixed(4)})`,
    );

    // Best-of-n: the unbiased estimator over pools (a random n-subset of an i.i.d. pool is i.i.d.).
    const pools = gaussianPair(root.child('bon'), bonPrompts * bonPool, rho, sigmaGold);
    const offsets = uniformOffsets(bonPrompts, bonPool);
    const nsI = Int32Array.from(ns);
    const withProxy = bonExact({ offsets, gold: pools.gold, proxy: pools.proxy }, nsI, { replacement: 'without' });
    const withGold = bonExact({ offsets, gold: pools.gold, proxy: pools.gold }, nsI, { replacement: 'without' });
    const base = new Float64Array(bonPrompts);
    const gv = pools.gold.view();
    for (let p = 0; p < bonPrompts; p++) {
      let s = 0;
      for (let i = p * bonPool; i < (p + 1) * bonPool; i++) s += gv[i];
      base[p] = s / bonPool;
    }
    const bon = ns.map((n, j) => {
      const gain = Float64Array.from(base, (b, p) => withProxy.gold[p * ns.length + j] - b);
      const gainGold = Float64Array.from(base, (b, p) => withGold.gold[p * ns.length + j] - b);
      const [g, gSE] = meanSE(gain);
      const [r, rSE] = n === 1 ? [NaN, NaN] : ratioSE(gain, gainGold);
      // the KL a study reports for bon@n: best-of-n's from the π0 the pools stand in for
      const [kl, klSE] = meanSE(Float64Array.from(base, (_, p) => withProxy.kl[p * ns.length + j]));
      return {
        n,
        goldGain: checked(rho * sigmaGold * expectedMaxNormal(n), g, gSE),
        ndr: checked(n === 1 ? NaN : rho, r, rSE, n === 1 ? 'n = 1 gains nothing: NDR is undefined' : undefined),
        kl: checked(
          bonKLBound(n),
          kl,
          klSE,
          `the KL bon@n reports, from pools of ${bonPool}: best-of-n's from π0, exact for an untied proxy`,
        ),
      };
    });

    // Tilt at matched KL. K draws from π0 reach at most log K nats and thin out long before, so for
    // each target the tilt pools are drawn from a wider proposal q = N(0, s²) of the tilted score
    // and carry log π0 − log q as base log-probabilities (self-normalized importance sampling; the
    // kernel normalizes log π0 per pool). s puts the tilted mean √(2·KL) within 1.5 proposal sd;
    // π0/q is bounded, so the weights are well behaved.
    const tOffsets = uniformOffsets(tiltPrompts, tiltPool);
    const importancePools = (stream: Stream, scorer: 'proxy' | 'gold', sd: number) => {
      const n = tiltPrompts * tiltPool;
      const z = fillNormal(stream.child('z'), allocF64(n));
      const e = fillNormal(stream.child('e'), allocF64(n));
      const logPi0 = allocF64(n);
      const zv = z.view();
      const ev = e.view();
      const lp = logPi0.view();
      const c = Math.sqrt(1 - rho * rho);
      const k = 0.5 * (1 - 1 / (sd * sd));
      for (let i = 0; i < n; i++) {
        const t = sd * zv[i]; // the tilted score, unit sd under π0
        lp[i] = -k * t * t; // log φ(t) − log q(t) up to a constant
        zv[i] = scorer === 'proxy' ? t : sigmaGold * t; // the scorer
        ev[i] = scorer === 'proxy' ? sigmaGold * (rho * t + c * ev[i]) : zv[i]; // its gold
      }
      return { offsets: tOffsets, proxy: z, gold: e, logPi0 };
    };
    const tiltRows: GaussianCheck['tilt'] = [];
    const tiltSkipped: number[] = [];
    const proposalSds: number[] = [];
    for (const kl of kls) {
      const sd = Math.max(2, Math.sqrt(2 * kl) / 1.5);
      const gains = scoped(() => {
        const one = (scorer: 'proxy' | 'gold') => {
          const pools = importancePools(root.child('tilt', scorer, kl), scorer, sd);
          if (!(kl < 0.9 * tiltSweep(pools, [1], { perPrompt: false }).meanMaxKL)) return null;
          // β for the target, then the per-prompt gains at that β for standard errors
          const r = tiltSweep(pools, tiltAtKL(pools, [kl]).beta);
          return Float64Array.from(r.baseGold, (b, p) => r.gold[p] - b);
        };
        const proxy = one('proxy');
        const gold = one('gold');
        return proxy && gold ? { proxy, gold } : null;
      });
      if (!gains) {
        tiltSkipped.push(kl);
        continue;
      }
      proposalSds.push(sd);
      const [g, gSE] = meanSE(gains.proxy);
      const [r, rSE] = ratioSE(gains.proxy, gains.gold);
      tiltRows.push({ kl, goldGain: checked(tiltGoldGainAtKL(rho, sigmaGold, kl), g, gSE), ndr: checked(rho, r, rSE) });
    }
    return {
      rho,
      sigmaGold,
      accuracy,
      kendall,
      spearman,
      bon,
      tilt: tiltRows,
      tiltSkipped,
      sizes: { pairs, groups, groupSize, bonPrompts, bonPool, tiltPrompts, tiltPool, tiltProposalSds: proposalSds },
    };
  });
}
