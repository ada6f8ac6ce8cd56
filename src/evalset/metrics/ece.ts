/** Calibration of the proxy's Bradley–Terry preference against gold's. */
import type { MetricContext } from '../context.js';
import type { Metric } from '../metric.js';

/** ECE bins over p̂ ∈ [½, 1]. */
export const ECE_BINS = 10;

/**
 * Expected calibration error of the proxy's Bradley–Terry preference p̂ = σ(r̂_A − r̂_B) against
 * the gold preference probability p = σ((g_A − g_B)/T), T = set.temperature, over the set's
 * pairs. Each pair is oriented so that p̂ ≥ ½; ECE_BINS equal-width bins on [½, 1] (bin
 * ⌊2·ECE_BINS·(p̂ − ½)⌋, the last bin closed); ECE = Σ_bins (n_b / n)·|mean p̂ − mean p|.
 * A proxy tie (p̂ = ½) has no orientation: it counts half in each (p and 1 − p), or not at all
 * under 'drop'. Pair labels are not used.
 */
function ece(c: MetricContext): number {
  const { pairA, pairB, ties } = c.set;
  const goldProb = c.info.pairGoldProb;
  const w = new Float64Array(ECE_BINS);
  const sp = new Float64Array(ECE_BINS);
  const sg = new Float64Array(ECE_BINS);
  let total = 0;
  for (let t = 0; t < pairA.length; t++) {
    const a = pairA[t];
    const b = pairB[t];
    const dr = c.proxy[a] - c.proxy[b];
    if (dr === 0) {
      if (ties === 'drop') continue;
      // both orientations, half weight each: p̂ = ½, mean gold probability ½
      w[0] += 1;
      sp[0] += 0.5;
      sg[0] += 0.5;
      total += 1;
      continue;
    }
    const ph = 1 / (1 + Math.exp(-Math.abs(dr)));
    const pg = dr > 0 ? goldProb[t] : 1 - goldProb[t];
    const bin = Math.min(ECE_BINS - 1, Math.floor(2 * ECE_BINS * (ph - 0.5)));
    w[bin] += 1;
    sp[bin] += ph;
    sg[bin] += pg;
    total += 1;
  }
  if (total === 0) return NaN;
  let e = 0;
  for (let b = 0; b < ECE_BINS; b++) if (w[b] > 0) e += (w[b] / total) * Math.abs(sp[b] / w[b] - sg[b] / w[b]);
  return e;
}

export const ECE: Metric = {
  name: 'ece',
  doc: 'expected calibration error of σ(r̂_A − r̂_B) against σ((g_A − g_B)/T), 10 equal bins of the oriented p̂ ∈ [½, 1]',
  minK: 2,
  tiePolicy: 'design',
  tieDoc: "a proxy tie (p̂ = ½) counts half in each orientation ('strict', 'half') or is excluded ('drop')",
  compute: ece,
};
