/** Outcomes: a scorer's gains normalized by gold's own gains under the same optimizer and budget (NDR). */
import type { Outcome } from '../data/row.js';
import type { Gains } from './optimizer.js';

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
