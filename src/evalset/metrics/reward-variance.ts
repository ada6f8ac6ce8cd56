/** Reward variance under π0 (Razin et al. 2025): a reward that does not vary gives an optimizer nothing to climb. */
import type { MetricContext } from '../context.js';
import { Mean, type Metric } from '../metric.js';

/**
 * Reward variance under π0 (Razin et al. 2025): for each eval prompt of the set, the variance of
 * the proxy over the prompt's whole eval pool weighted by π0 (uniform when log π0 is null;
 * population variance, two-pass), averaged over the set's prompts. Independent of k and pairing.
 */
function rewardVariance(c: MetricContext): number {
  const { offsets, logPi0 } = c.pools;
  const mean = new Mean();
  for (const p of c.set.prompts) {
    const lo = offsets[p];
    const hi = offsets[p + 1];
    if (hi <= lo) continue;
    const w = new Float64Array(hi - lo);
    if (logPi0 === null) w.fill(1 / (hi - lo));
    else {
      let mx = -Infinity;
      for (let i = lo; i < hi; i++) mx = Math.max(mx, logPi0[i]);
      let z = 0;
      for (let i = lo; i < hi; i++) z += w[i - lo] = Math.exp(logPi0[i] - mx);
      for (let i = 0; i < w.length; i++) w[i] /= z;
    }
    let mu = 0;
    for (let i = lo; i < hi; i++) mu += w[i - lo] * c.proxy[i];
    let v = 0;
    for (let i = lo; i < hi; i++) v += w[i - lo] * (c.proxy[i] - mu) ** 2;
    mean.add(v);
  }
  return mean.value;
}

export const REWARD_VARIANCE: Metric = {
  name: 'reward-variance',
  doc: "reward variance under π0 (Razin et al. 2025): the proxy's π0-weighted variance over each prompt's eval pool, averaged over the set's prompts",
  minK: 2,
  tiePolicy: 'none',
  tieDoc: 'ties do not enter',
  compute: rewardVariance,
};
