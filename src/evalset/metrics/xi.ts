/**
 * Chatterjee's ξ of gold on the proxy (Chatterjee 2021, "A new coefficient of correlation", JASA
 * 116:2009–2022, eq. 1.2, the form valid with ties in y), per prompt (averaged over prompts) and
 * over all the set's responses.
 *
 * Direction: x = proxy, y = gold, ξ_n(proxy, gold) as scipy.stats.chatterjeexi(proxy, gold). It
 * estimates how far gold is a function of the proxy's score (1: gold is determined by the proxy;
 * 0: independent), which is the question a reward model's user asks: does the score tell me the
 * gold? ξ is not signed: a proxy that reverses gold scores as high as one that follows it, and a
 * group of k responses cannot reach 1 (at most 1 − 3/(k + 1) without ties: 0.5 at k = 5).
 *
 * Formula: sort the responses by proxy; r_i = #{j : g_j ≤ g_(i)}, l_i = #{j : g_j ≥ g_(i)};
 * ξ = 1 − n·Σ_i |r_{i+1} − r_i| / (2·Σ_i l_i·(n − l_i)).
 *
 * Ties in x (the proxy): Chatterjee breaks them uniformly at random. Here that rule is replaced
 * by a deterministic one, its exact expectation: the denominator does not depend on the order,
 * and the numerator's expectation over independent uniform orders of each tied block is
 * Σ_blocks (2/m)·Σ_{a<b in block}|r_a − r_b| (each of its m − 1 consecutive steps is a uniform
 * pair of the block) + Σ_adjacent blocks B, B' (1/(m·m'))·Σ_{a∈B, b∈B'}|r_a − r_b|. So ξ is the
 * same under every tie policy, for any order of the responses, and a constant proxy gives
 * exactly 0 (the expected numerator then equals the denominator). Without proxy ties it is
 * scipy's value. Ties in y (gold) enter through r and l as in eq. 1.2; a prompt with constant
 * gold has no ξ and is excluded (global: NaN).
 *
 * Cost: one stable wasm argsort of the set by (proxy desc, gold desc) per proxy (the gold order is
 * cached per set), then O(n): within a tied block r is sorted, so both sums are prefix-sum walks.
 */
import { argsort } from '../../core/sort.js';
import type { MetricContext } from '../context.js';
import { Mean, type Metric } from '../metric.js';

/** r (count ≤), the denominator Σ l(n − l) per group, and the (proxy-independent) gold order. */
interface GoldRanks {
  /** groups' offsets the ranks refer to */
  offsets: Int32Array;
  /** positions in gold-descending order within each group (ties by position) */
  byGold: Int32Array;
  /** r of each position within its group */
  r: Float64Array;
  /** Σ l(n − l) of each group */
  den: Float64Array;
}

const perPromptRanks = new WeakMap<object, GoldRanks>();
const globalRanks = new WeakMap<object, GoldRanks>();

/** r and Σ l(n − l) from an order that is gold-descending within each group of `offsets`. */
function goldRanks(gold: Float64Array, byGold: Int32Array, offsets: Int32Array): GoldRanks {
  const r = new Float64Array(gold.length);
  const den = new Float64Array(offsets.length - 1);
  for (let g = 0; g + 1 < offsets.length; g++) {
    const lo = offsets[g];
    const hi = offsets[g + 1];
    const n = hi - lo;
    let d = 0;
    for (let s = lo; s < hi; ) {
      let e = s + 1;
      while (e < hi && gold[byGold[e]] === gold[byGold[s]]) e++;
      // block s..e−1 in descending order: l = #(≥) = e − lo, r = #(≤) = hi − s
      const l = e - lo;
      for (let t = s; t < e; t++) r[byGold[t]] = hi - s;
      d += (e - s) * l * (n - l);
      s = e;
    }
    den[g] = d;
  }
  return { offsets, byGold, r, den };
}

function ranksPerPrompt(c: MetricContext): GoldRanks {
  let gr = perPromptRanks.get(c.info);
  if (gr === undefined) {
    gr = goldRanks(c.info.gold, c.info.byGold, c.set.offsets);
    perPromptRanks.set(c.info, gr);
  }
  return gr;
}

function ranksGlobal(c: MetricContext): GoldRanks {
  let gr = globalRanks.get(c.info);
  if (gr === undefined) {
    const gold = c.info.gold;
    const neg = new Float64Array(gold.length);
    for (let i = 0; i < gold.length; i++) neg[i] = -gold[i];
    gr = goldRanks(gold, argsort(neg), Int32Array.of(0, gold.length));
    globalRanks.set(c.info, gr);
  }
  return gr;
}

/** Σ_{a∈A, b∈B} |a − b| for A = v[a0..a1), B = v[b0..b1), each sorted descending. O(|A| + |B|). */
function crossAbs(v: Float64Array, a0: number, a1: number, b0: number, b1: number): number {
  let total = 0;
  for (let q = b0; q < b1; q++) total += v[q];
  const m = b1 - b0;
  let cnt = 0; // #(b ≤ a) and their sum, growing as a rises
  let sum = 0;
  let q = b1 - 1;
  let s = 0;
  for (let p = a1 - 1; p >= a0; p--) {
    const a = v[p];
    while (q >= b0 && v[q] <= a) {
      cnt++;
      sum += v[q];
      q--;
    }
    s += a * cnt - sum + (total - sum) - a * (m - cnt);
  }
  return s;
}

/**
 * ξ of each group of `gr.offsets`: `order` lists positions proxy-descending within each group,
 * ties gold-descending (so r is non-increasing inside a tied block). Constant gold: NaN.
 */
function xiOfGroups(proxy: Float64Array, gr: GoldRanks, order: Int32Array, out: (g: number, xi: number) => void): void {
  const { offsets, r, den } = gr;
  const v = new Float64Array(order.length); // r along the order
  for (let t = 0; t < order.length; t++) v[t] = r[order[t]];
  for (let g = 0; g + 1 < offsets.length; g++) {
    const lo = offsets[g];
    const hi = offsets[g + 1];
    if (!(den[g] > 0)) {
      out(g, NaN);
      continue;
    }
    let num = 0;
    let prev = -1; // start of the previous tied block
    for (let s = lo; s < hi; ) {
      let e = s + 1;
      while (e < hi && proxy[order[e]] === proxy[order[s]]) e++;
      const m = e - s;
      if (m > 1) {
        // Σ_{a<b}|r_a − r_b| over the descending block: Σ_j v_j·(m − 1 − 2j)
        let inner = 0;
        for (let j = 0; j < m; j++) inner += v[s + j] * (m - 1 - 2 * j);
        num += (2 * inner) / m;
      }
      if (prev >= 0) num += crossAbs(v, prev, s, s, e) / ((s - prev) * m);
      prev = s;
      s = e;
    }
    out(g, 1 - ((hi - lo) * num) / (2 * den[g]));
  }
}

/** Positions of the set ordered by proxy descending within `gr`'s groups, ties by gold descending. */
function proxyThenGold(proxy: Float64Array, gr: GoldRanks, groupOf: (pos: number) => number): Int32Array {
  const n = proxy.length;
  const keys = new Float64Array(n);
  for (let t = 0; t < n; t++) keys[t] = -proxy[gr.byGold[t]];
  const idx = argsort(keys); // stable: equal proxy keep the gold order
  const cursor = gr.offsets.slice(0, gr.offsets.length - 1);
  const out = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const pos = gr.byGold[idx[s]];
    out[cursor[groupOf(pos)]++] = pos;
  }
  return out;
}

function xiPerPrompt(c: MetricContext): number {
  const gr = ranksPerPrompt(c);
  const proxy = c.byGroup.proxy;
  const groupOf = c.info.groupOf;
  const mean = new Mean();
  xiOfGroups(
    proxy,
    gr,
    proxyThenGold(proxy, gr, (p) => groupOf[p]),
    (_, xi) => {
      if (!Number.isNaN(xi)) mean.add(xi);
    },
  );
  return mean.value;
}

function xiGlobal(c: MetricContext): number {
  const gr = ranksGlobal(c);
  const proxy = c.byGroup.proxy;
  let value = NaN;
  xiOfGroups(
    proxy,
    gr,
    proxyThenGold(proxy, gr, () => 0),
    (_, xi) => {
      value = xi;
    },
  );
  return value;
}

const XI_TIES =
  "the same under every tie policy: proxy ties by the exact expectation of Chatterjee's uniformly random tie-break (a constant proxy gives 0); gold ties through r and l (eq. 1.2)";

export const XI: Metric[] = [
  {
    name: 'xi',
    doc: "Chatterjee's ξ(x = proxy, y = gold) within each prompt (as scipy.stats.chatterjeexi), averaged over prompts",
    minK: 3,
    tiePolicy: 'none',
    tieDoc: `${XI_TIES}; constant gold excluded`,
    compute: xiPerPrompt,
  },
  {
    name: 'global-xi',
    doc: "Chatterjee's ξ(x = proxy, y = gold) over all the set's responses (across prompts)",
    minK: 2,
    tiePolicy: 'none',
    tieDoc: `${XI_TIES}; NaN when gold is constant`,
    compute: xiGlobal,
  },
];
