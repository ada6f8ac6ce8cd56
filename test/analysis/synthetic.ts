// Synthetic Row[] for analysis and report tests: a Gaussian world in closed form, no pipeline.

import { accuracyFromRho, expectedMaxNormal } from '../../src/analysis/theory.js';
import { normal } from '../../src/core/rng.js';
import { Stream } from '../../src/core/stream.js';
import type { Row } from '../../src/data/row.js';

/**
 * `n` noise proxies with ρ spread over [0.3, 0.95]: half Gaussian error (NDR on the theory line
 * plus small noise), half Student-t error (NDR 0.1 below it); two designs ('pool', 'small'),
 * accuracy measured with eval-set noise of sd `evalSd` on R replicates; outcomes bon@n and
 * tilt@kl=1; plus one gold row.
 */
export function syntheticRows(n = 40, options: { R?: number; evalSd?: number; seed?: number } = {}): Row[] {
  const R = options.R ?? 4;
  const evalSd = options.evalSd ?? 0.02;
  const seed = options.seed ?? 99;
  const rows: Row[] = [];
  const rhoU = normal(Stream.from(seed, 'rho'), n);
  for (let i = 0; i < n; i++) {
    const rho = 0.3 + (0.65 * i) / (n - 1);
    const heavy = i % 2 === 1;
    const acc = accuracyFromRho(rho);
    const z = normal(Stream.from(seed, 'proxy', i), 2 * R + 4);
    const ndr = rho - (heavy ? 0.1 : 0) + 0.01 * rhoU[i];
    const designs = { pool: evalSd, small: 4 * evalSd };
    const metrics: Row['metrics'] = {};
    const resampled: Row['resampled'] = {};
    let j = 0;
    for (const [d, sd] of Object.entries(designs)) {
      const reps = Array.from({ length: R }, () => acc + sd * z[j++]);
      metrics[d] = { accuracy: reps[0], tau: 2 * reps[0] - 1 };
      resampled[d] = { accuracy: reps.slice(1), tau: reps.slice(1).map((a) => 2 * a - 1) };
    }
    const outcomes: Row['outcomes'] = {};
    for (const m of [4, 16]) {
      const gold = expectedMaxNormal(m);
      const nd = ndr + 0.005 * z[j++];
      outcomes[`bon@${m}`] = { goldGain: nd * gold, proxyGain: gold, kl: Math.log(m) - (m - 1) / m, ndr: nd, regret: 1 - nd };
    }
    const nd = ndr + 0.005 * z[j++];
    outcomes['tilt@kl=1'] = { goldGain: nd * Math.SQRT2, proxyGain: 1.5, kl: 1, ndr: nd, regret: 1 - nd };
    rows.push({
      id: `noise-${String(i).padStart(3, '0')}`,
      family: 'noise',
      params: { scale: 1, error: heavy ? 'student-t' : 'normal', nu: 3, hetero: 'none', heteroStrength: 0, dispersion: 0 },
      metrics,
      resampled,
      outcomes,
    });
  }
  const one = { goldGain: 1, proxyGain: 1, kl: 1, ndr: 1, regret: 0 };
  rows.push({
    id: 'gold',
    family: 'gold',
    params: {},
    metrics: { pool: { accuracy: 1, tau: 1 }, small: { accuracy: 1, tau: 1 } },
    resampled: { pool: { accuracy: [1, 1, 1] }, small: { accuracy: [1, 1, 1] } },
    outcomes: { 'bon@4': one, 'bon@16': one, 'tilt@kl=1': one },
  });
  return rows;
}
