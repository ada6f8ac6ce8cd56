/**
 * Metrics of a proxy on an eval set: a registry of named entries, each with a one-line doc, the
 * smallest k it is meaningful for, how it uses the design's tie policy, and compute(set, world,
 * proxyEval) → number (NaN when the set holds nothing the metric can score).
 *
 * Conventions shared by the entries:
 * - `proxyEval` is aligned with world.eval responses (one score per response); `gold` likewise.
 * - A "group" is the k responses of one eval prompt. Averages over groups or items are
 *   unweighted means over the groups/items that count.
 * - Items with no correct answer (gold ties where the metric compares gold) never count.
 * - Tie policy (set.ties) for proxy ties that change the answer: 'strict' scores the item as
 *   wrong (0), 'half' as the expected value of a uniformly random tie-break (½ for a pair),
 *   'drop' excludes the item. A tie that cannot change the answer is not a tie for the metric.
 * - Only 'accuracy' reads the (possibly noisy) labels; the group metrics read gold directly, and
 *   for chosen/rejected designs the chosen set is the top responses by gold.
 */

import { configError } from '../config.js';
import { pairwiseAccuracy } from '../core/pairs.js';
import { type GroupStats, groupStats } from '../core/rank.js';
import { argsort } from '../core/sort.js';
import { invalid } from '../errors.js';
import { type EvalDesign, type EvalSet, type EvalWorld, sigmoid } from './design.js';

export interface MetricSpec {
  /** registry key */
  name: string;
  /** one line: what it measures */
  doc: string;
  /** smallest responses per prompt k for which it is meaningful; designs with smaller k are rejected */
  minK: number;
  /** 'design': proxy ties are scored by the design's tie policy; 'none': ties do not enter (or are handled as stated in tieDoc) */
  tiePolicy: 'design' | 'none';
  /** exactly how ties are handled */
  tieDoc: string;
  /** a structural requirement on the design (beyond k ≥ minK): the field and why, or null */
  requires?: (design: EvalDesign) => { field: string; why: string } | null;
  compute(set: EvalSet, world: EvalWorld, proxyEval: Float64Array): number;
}

// ---------------------------------------------------------------------------------------------
// Proxy-independent data of a set (cached per set object: a study scores many proxies on one
// set), and the per-(set, proxy) context of one computeMetrics call.

/** Group g is positions offsets[g] .. offsets[g+1] of the gathered arrays. */
class SetInfo {
  /** gold of the set's responses, in group order */
  readonly gold: Float64Array;
  /** group of each position */
  readonly groupOf: Int32Array;
  private goldOrder: Int32Array | null = null;
  private labels: { label: Float64Array; zero: Float64Array } | null = null;
  private goldProb: Float64Array | null = null;
  private splits: { chosen: number[]; rejected: number[] }[] | null = null;

  constructor(
    readonly set: EvalSet,
    readonly worldGold: Float64Array,
  ) {
    const r = set.responses;
    const G = set.offsets.length - 1;
    this.gold = new Float64Array(r.length);
    for (let i = 0; i < r.length; i++) {
      if (r[i] < 0 || r[i] >= worldGold.length) invalid('set', `response index ${r[i]} is outside the world's eval responses`);
      this.gold[i] = worldGold[r[i]];
    }
    this.groupOf = new Int32Array(r.length);
    for (let g = 0; g < G; g++) this.groupOf.fill(g, set.offsets[g], set.offsets[g + 1]);
  }

  /**
   * Positions ordered by `key` descending within each group (ties by position): one stable wasm
   * argsort of −key over the whole set, then a stable bucketing by group. O(n) besides the sort.
   */
  orderWithinGroups(key: Float64Array): Int32Array {
    const n = key.length;
    const neg = new Float64Array(n);
    for (let i = 0; i < n; i++) neg[i] = -key[i];
    const order = argsort(neg);
    const cursor = this.set.offsets.slice(0, this.set.offsets.length - 1);
    const out = new Int32Array(n);
    for (let t = 0; t < n; t++) {
      const i = order[t];
      out[cursor[this.groupOf[i]]++] = i;
    }
    return out;
  }

  /** the pair labels as f64 (gold's part in pairwiseAccuracy) and a zero array */
  get labelsF64(): { label: Float64Array; zero: Float64Array } {
    if (this.labels === null) {
      const m = this.set.label.length;
      this.labels = { label: Float64Array.from(this.set.label), zero: new Float64Array(m) };
    }
    return this.labels;
  }

  /** σ((g_A − g_B)/T) per pair */
  get pairGoldProb(): Float64Array {
    if (this.goldProb === null) {
      const { pairA, pairB, temperature: T } = this.set;
      this.goldProb = new Float64Array(pairA.length);
      for (let t = 0; t < pairA.length; t++) this.goldProb[t] = sigmoid((this.worldGold[pairA[t]] - this.worldGold[pairB[t]]) / T);
    }
    return this.goldProb;
  }

  /** positions in gold-descending order within each group */
  get byGold(): Int32Array {
    if (this.goldOrder === null) this.goldOrder = this.orderWithinGroups(this.gold);
    return this.goldOrder;
  }

  /**
   * The chosen/rejected split of group g: chosen = the first chosenCount[g] responses, or (no
   * split in the design) the first gold-best one; rejected = the others. Each part is sorted by
   * gold descending (ties by position). Positions into the gathered arrays; do not modify.
   */
  split(g: number): { chosen: number[]; rejected: number[] } {
    if (this.splits === null) {
      const { offsets, chosenCount } = this.set;
      const gold = this.gold;
      const byGoldDesc = (a: number, b: number): number => (gold[a] > gold[b] ? -1 : gold[a] < gold[b] ? 1 : a - b);
      this.splits = [];
      for (let h = 0; h < offsets.length - 1; h++) {
        const lo = offsets[h];
        const hi = offsets[h + 1];
        const all = Array.from({ length: hi - lo }, (_, j) => lo + j);
        let chosen: number[];
        let rejected: number[];
        if (chosenCount !== null) {
          chosen = all.slice(0, chosenCount[h]);
          rejected = all.slice(chosenCount[h]);
        } else {
          let best = lo;
          for (let i = lo + 1; i < hi; i++) if (gold[i] > gold[best]) best = i;
          chosen = [best];
          rejected = all.filter((i) => i !== best);
        }
        this.splits.push({ chosen: chosen.sort(byGoldDesc), rejected: rejected.sort(byGoldDesc) });
      }
    }
    return this.splits[g];
  }
}

const setInfos = new WeakMap<EvalSet, SetInfo>();

function setInfo(set: EvalSet, worldGold: Float64Array): SetInfo {
  let info = setInfos.get(set);
  if (info === undefined || info.worldGold !== worldGold) {
    info = new SetInfo(set, worldGold);
    setInfos.set(set, info);
  }
  return info;
}

class Ctx {
  readonly gold: Float64Array;
  readonly info: SetInfo;
  private gathered: { gold: Float64Array; proxy: Float64Array } | null = null;
  private stats: GroupStats | null = null;
  private global: GroupStats | null = null;

  constructor(
    readonly set: EvalSet,
    readonly world: EvalWorld,
    readonly proxy: Float64Array,
  ) {
    this.gold = world.eval.gold;
    if (!(proxy instanceof Float64Array)) invalid('proxyEval', 'must be a Float64Array aligned with world.eval responses');
    if (proxy.length !== this.gold.length) {
      invalid('proxyEval', `length ${proxy.length} differs from the number of eval responses ${this.gold.length}`);
    }
    for (const i of set.responses) {
      if (!Number.isFinite(proxy[i])) invalid('proxyEval', `element ${i} is ${proxy[i]}; values must be finite`);
    }
    this.info = setInfo(set, this.gold);
  }

  get groups(): number {
    return this.set.offsets.length - 1;
  }

  /** gold and proxy of the set's responses, in group order */
  get byGroup(): { gold: Float64Array; proxy: Float64Array } {
    if (this.gathered === null) {
      const r = this.set.responses;
      const proxy = new Float64Array(r.length);
      for (let i = 0; i < r.length; i++) proxy[i] = this.proxy[r[i]];
      this.gathered = { gold: this.info.gold, proxy };
    }
    return this.gathered;
  }

  /** per-group statistics (x = gold, y = proxy) from the wasm kernel */
  get groupStats(): GroupStats {
    if (this.stats === null) this.stats = groupStats(this.byGroup.gold, this.byGroup.proxy, this.set.offsets);
    return this.stats;
  }

  /** statistics of all the set's responses as one group */
  get globalStats(): GroupStats {
    if (this.global === null) {
      const n = this.set.responses.length;
      this.global = groupStats(this.byGroup.gold, this.byGroup.proxy, Int32Array.of(0, n));
    }
    return this.global;
  }

  split(g: number): { chosen: number[]; rejected: number[] } {
    return this.info.split(g);
  }
}

/** Mean of the values that count; NaN when none does. */
class Mean {
  sum = 0;
  n = 0;
  add(x: number): void {
    this.sum += x;
    this.n++;
  }
  get value(): number {
    return this.n === 0 ? NaN : this.sum / this.n;
  }
}

type Ties = EvalSet['ties'];

/** Score of an item decided by a tie that matters: strict 0, half `expected`, drop → skip (null). */
function tieScore(ties: Ties, expected: number): number | null {
  return ties === 'strict' ? 0 : ties === 'half' ? expected : null;
}

// ---------------------------------------------------------------------------------------------
// Metric implementations (each takes the shared context).

function accuracy(c: Ctx): number {
  const { pairA, pairB, label } = c.set;
  const m = pairA.length;
  if (label.length !== m || pairB.length !== m)
    invalid('set', `pairA, pairB and label lengths differ (${m}, ${pairB.length}, ${label.length})`);
  const pa = new Float64Array(m);
  const pb = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    pa[t] = c.proxy[pairA[t]];
    pb[t] = c.proxy[pairB[t]];
  }
  // the label plays gold's part: label 0 (a labelled tie) is a gold tie, excluded
  const { label: la, zero } = c.info.labelsF64;
  return pairwiseAccuracy(la, zero, pa, pb, c.set.ties).accuracy;
}

function bestOfK(c: Ctx): number {
  const { gold, proxy } = c.byGroup;
  const off = c.set.offsets;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    const lo = off[g];
    const hi = off[g + 1];
    let maxG = -Infinity;
    let minG = Infinity;
    let maxP = -Infinity;
    for (let i = lo; i < hi; i++) {
      maxG = Math.max(maxG, gold[i]);
      minG = Math.min(minG, gold[i]);
      maxP = Math.max(maxP, proxy[i]);
    }
    if (!(maxG > minG)) continue; // every response is gold-best: no wrong answer
    let t = 0;
    let right = 0;
    for (let i = lo; i < hi; i++) {
      if (proxy[i] === maxP) {
        t++;
        if (gold[i] === maxG) right++;
      }
    }
    if (right === 0 || right === t) mean.add(right === t ? 1 : 0);
    else {
      const s = tieScore(c.set.ties, right / t);
      if (s !== null) mean.add(s);
    }
  }
  return mean.value;
}

/** 1:k accuracy (which = 'acc') or MRR (which = 'mrr') over (group, chosen) items. */
function chosenVsRejected(c: Ctx, which: 'acc' | 'mrr'): number {
  const { gold, proxy } = c.byGroup;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    const { chosen, rejected } = c.split(g);
    for (const ci of chosen) {
      let above = 0;
      let tied = 0;
      let n = 0;
      for (const ri of rejected) {
        if (!(gold[ri] < gold[ci])) continue; // only strictly worse responses count as rejected
        n++;
        if (proxy[ri] > proxy[ci]) above++;
        else if (proxy[ri] === proxy[ci]) tied++;
      }
      if (n === 0) continue;
      if (which === 'acc') {
        if (above > 0 || tied === 0) mean.add(above > 0 ? 0 : 1);
        else {
          const s = tieScore(c.set.ties, 1 / (tied + 1));
          if (s !== null) mean.add(s);
        }
      } else if (tied === 0) {
        mean.add(1 / (1 + above));
      } else if (c.set.ties === 'strict') {
        mean.add(1 / (1 + above + tied));
      } else if (c.set.ties === 'half') {
        // expected reciprocal rank when the tied block is ordered uniformly at random
        let s = 0;
        for (let u = 0; u <= tied; u++) s += 1 / (1 + above + u);
        mean.add(s / (tied + 1));
      }
    }
  }
  return mean.value;
}

/**
 * k×k matrix accuracy (RM-Bench style) over the chosen × rejected cells of each group. Chosen and
 * rejected are each sorted by gold descending (ties by position); cell (i, j) compares chosen
 * rank i with rejected rank j and is right when the proxy scores the chosen higher. Triangles
 * (square designs): 'normal' i = j (like against like), 'hard' i > j (a weaker chosen against a
 * stronger rejected: the smallest gold gaps), 'easy' i < j. Cells are pooled over groups.
 */
function matrix(c: Ctx, part: 'all' | 'easy' | 'normal' | 'hard'): number {
  const { gold, proxy } = c.byGroup;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    const { chosen, rejected } = c.split(g); // each sorted by gold descending
    for (let i = 0; i < chosen.length; i++) {
      for (let j = 0; j < rejected.length; j++) {
        if (part === 'easy' ? !(i < j) : part === 'normal' ? i !== j : part === 'hard' ? !(i > j) : false) continue;
        const ci = chosen[i];
        const rj = rejected[j];
        if (!(gold[ci] > gold[rj])) continue; // a gold tie has no correct answer
        if (proxy[ci] !== proxy[rj]) mean.add(proxy[ci] > proxy[rj] ? 1 : 0);
        else {
          const s = tieScore(c.set.ties, 0.5);
          if (s !== null) mean.add(s);
        }
      }
    }
  }
  return mean.value;
}

/** Mean over groups of a per-group correlation from the kernel. */
function perPrompt(c: Ctx, key: 'tauB' | 'spearman' | 'pearson'): number {
  const st = c.groupStats;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    if (st.tiesX[g] === st.pairs[g]) continue; // gold constant: nothing to rank
    const v = st[key][g];
    if (Number.isNaN(v)) {
      // the proxy is constant in the group: a random tie-break has expected correlation 0
      if (c.set.ties !== 'drop') mean.add(0);
    } else mean.add(v);
  }
  return mean.value;
}

/**
 * NDCG@k over each whole group (Järvelin & Kekäläinen 2002): relevance = gold − the group's
 * minimum gold (linear gain), discount 1/log2(1 + rank), rank 1 = the proxy's top; divided by the
 * DCG of the gold order. Proxy ties: 'half' gives each tied response the mean discount of the
 * ranks its block spans (the expected DCG under a random tie-break; McSherry & Najork 2008, as
 * sklearn's ndcg_score), 'strict' orders a block worst-first (ascending gold), 'drop' skips a
 * group with a tie between responses of different gold. Groups with constant gold are skipped.
 */
function ndcg(c: Ctx): number {
  const { gold, proxy } = c.byGroup;
  const off = c.set.offsets;
  const G = c.groups;
  // one stable argsort each of −proxy and −gold over the whole set, bucketed by group: each
  // group's slice is then in proxy-descending (resp. gold-descending) order, ties by position
  const byProxy = c.info.orderWithinGroups(proxy);
  const byGold = c.info.byGold;
  let kmax = 0;
  for (let g = 0; g < G; g++) kmax = Math.max(kmax, off[g + 1] - off[g]);
  const disc = new Float64Array(kmax); // r = 0-based rank
  for (let r = 0; r < kmax; r++) disc[r] = 1 / Math.log2(r + 2);
  const mean = new Mean();
  const ties = c.set.ties;
  for (let g = 0; g < G; g++) {
    const lo = off[g];
    const hi = off[g + 1];
    const minG = gold[byGold[hi - 1]];
    let idcg = 0;
    for (let r = 0; r < hi - lo; r++) idcg += (gold[byGold[lo + r]] - minG) * disc[r];
    if (!(idcg > 0)) continue;
    let dcg = 0;
    let skip = false;
    for (let s = lo; s < hi; ) {
      let e = s + 1;
      while (e < hi && proxy[byProxy[e]] === proxy[byProxy[s]]) e++;
      if (e - s === 1) {
        dcg += (gold[byProxy[s]] - minG) * disc[s - lo];
      } else if (ties === 'strict') {
        // worst-first inside the tied block: ascending gold
        const block = Array.from(byProxy.subarray(s, e)).sort((a, b) => gold[a] - gold[b]);
        for (let r = 0; r < block.length; r++) dcg += (gold[block[r]] - minG) * disc[s - lo + r];
      } else {
        let d = 0;
        let sr = 0;
        let gmin = Infinity;
        let gmax = -Infinity;
        for (let r = s; r < e; r++) {
          const x = gold[byProxy[r]];
          d += disc[r - lo];
          sr += x - minG;
          gmin = Math.min(gmin, x);
          gmax = Math.max(gmax, x);
        }
        if (ties === 'drop' && gmin !== gmax) skip = true;
        dcg += (sr * d) / (e - s);
      }
      s = e;
    }
    if (!skip) mean.add(dcg / idcg);
  }
  return mean.value;
}

/**
 * Reward variance under π0 (Razin et al. 2025): for each eval prompt of the set, the variance of
 * the proxy over the prompt's whole eval pool weighted by π0 (uniform when log π0 is null;
 * population variance, two-pass), averaged over the set's prompts. Independent of k and pairing.
 */
function rewardVariance(c: Ctx): number {
  const { offsets, logPi0 } = c.world.eval;
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
function ece(c: Ctx): number {
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

// ---------------------------------------------------------------------------------------------
// The registry.

const needsSplit = (d: EvalDesign): { field: string; why: string } | null =>
  d.pairing === 'chosen-rejected' || d.pairing === 'best-vs-rest'
    ? null
    : { field: 'pairing', why: `needs pairing 'chosen-rejected' or 'best-vs-rest', got '${d.pairing}'` };

const needsSquare = (d: EvalDesign): { field: string; why: string } | null => {
  if (d.pairing !== 'chosen-rejected') return { field: 'pairing', why: `needs pairing 'chosen-rejected', got '${d.pairing}'` };
  if (2 * d.chosen !== d.k)
    return { field: 'chosen', why: `needs as many chosen as rejected (chosen = k/2), got ${d.chosen} of k = ${d.k}` };
  return null;
};

type Compute = (c: Ctx) => number;

function entry(spec: Omit<MetricSpec, 'compute'>, fn: Compute): MetricSpec & { fromCtx: Compute } {
  return { ...spec, fromCtx: fn, compute: (set, world, proxyEval) => fn(new Ctx(set, world, proxyEval)) };
}

const PAIR_TIES = "a proxy tie on a pair gold (or the label) orders: 0 / ½ / excluded for 'strict' / 'half' / 'drop'";

const ENTRIES = [
  entry(
    {
      name: 'accuracy',
      doc: 'pairwise accuracy: fraction of labelled pairs the proxy orders as the label does (labelled ties excluded)',
      minK: 2,
      tiePolicy: 'design',
      tieDoc: `${PAIR_TIES} (via pairwiseAccuracy)`,
    },
    accuracy,
  ),
  entry(
    {
      name: 'best-of-k',
      doc: "best-of-k accuracy: fraction of prompts where the proxy's top response has the group's maximal gold",
      minK: 2,
      tiePolicy: 'design',
      tieDoc:
        "proxy tie at the top with c of t gold-best: 1 if c = t, 0 if c = 0, else 0 / c/t / group excluded ('strict' / 'half' / 'drop'); groups of constant gold excluded",
    },
    bestOfK,
  ),
  entry(
    {
      name: 'one-vs-rest',
      doc: '1:k accuracy (RewardMATH): fraction of chosen responses the proxy scores above every rejected one of lower gold',
      minK: 2,
      tiePolicy: 'design',
      tieDoc:
        "no rejected above and t tied with the chosen: 0 / 1/(t+1) / excluded ('strict' / 'half' / 'drop'); chosen = the gold-best when the design has no chosen set",
    },
    (c) => chosenVsRejected(c, 'acc'),
  ),
  entry(
    {
      name: 'mrr',
      doc: 'mean reciprocal rank of each chosen response among itself and the rejected ones of lower gold, ranked by the proxy',
      minK: 2,
      tiePolicy: 'design',
      tieDoc:
        "t rejected tied with the chosen: rank below all of them / the expected reciprocal rank of a random order / item excluded ('strict' / 'half' / 'drop')",
    },
    (c) => chosenVsRejected(c, 'mrr'),
  ),
  entry(
    {
      name: 'matrix',
      doc: 'k×k matrix accuracy (RM-Bench): fraction of chosen × rejected cells where the proxy scores the chosen higher, pooled over prompts',
      minK: 2,
      tiePolicy: 'design',
      tieDoc: PAIR_TIES,
      requires: needsSplit,
    },
    (c) => matrix(c, 'all'),
  ),
  entry(
    {
      name: 'matrix-easy',
      doc: 'matrix accuracy on the easy triangle: chosen of gold rank i vs rejected of gold rank j > i (larger gold gaps)',
      minK: 4,
      tiePolicy: 'design',
      tieDoc: PAIR_TIES,
      requires: needsSquare,
    },
    (c) => matrix(c, 'easy'),
  ),
  entry(
    {
      name: 'matrix-normal',
      doc: 'matrix accuracy on the diagonal: chosen of gold rank i vs rejected of gold rank i',
      minK: 2,
      tiePolicy: 'design',
      tieDoc: PAIR_TIES,
      requires: needsSquare,
    },
    (c) => matrix(c, 'normal'),
  ),
  entry(
    {
      name: 'matrix-hard',
      doc: 'matrix accuracy on the hard triangle: chosen of gold rank i vs rejected of gold rank j < i (smaller gold gaps)',
      minK: 4,
      tiePolicy: 'design',
      tieDoc: PAIR_TIES,
      requires: needsSquare,
    },
    (c) => matrix(c, 'hard'),
  ),
  entry(
    {
      name: 'kendall',
      doc: 'Kendall τ_b of proxy vs gold within each prompt (Knight, as scipy), averaged over prompts',
      minK: 3,
      tiePolicy: 'design',
      tieDoc:
        "partial ties: τ_b's tie correction; a prompt with constant proxy counts 0 ('strict', 'half') or is excluded ('drop'); constant gold excluded",
    },
    (c) => perPrompt(c, 'tauB'),
  ),
  entry(
    {
      name: 'spearman',
      doc: 'Spearman ρ (average ranks) of proxy vs gold within each prompt, averaged over prompts',
      minK: 3,
      tiePolicy: 'design',
      tieDoc:
        "partial ties: average ranks; a prompt with constant proxy counts 0 ('strict', 'half') or is excluded ('drop'); constant gold excluded",
    },
    (c) => perPrompt(c, 'spearman'),
  ),
  entry(
    {
      name: 'pearson',
      doc: 'Pearson r of proxy vs gold within each prompt, averaged over prompts',
      minK: 3,
      tiePolicy: 'design',
      tieDoc: "a prompt with constant proxy counts 0 ('strict', 'half') or is excluded ('drop'); constant gold excluded",
    },
    (c) => perPrompt(c, 'pearson'),
  ),
  entry(
    {
      name: 'global-pearson',
      doc: "Pearson r of proxy vs gold over all the set's responses (across prompts)",
      minK: 2,
      tiePolicy: 'none',
      tieDoc: 'ties do not enter; NaN when proxy or gold is constant',
    },
    (c) => c.globalStats.pearson[0],
  ),
  entry(
    {
      name: 'global-spearman',
      doc: "Spearman ρ of proxy vs gold over all the set's responses (across prompts)",
      minK: 2,
      tiePolicy: 'none',
      tieDoc: 'average ranks for ties; NaN when proxy or gold is constant',
    },
    (c) => c.globalStats.spearman[0],
  ),
  entry(
    {
      name: 'ndcg',
      doc: 'NDCG@k per prompt (gain = gold − the prompt minimum, discount 1/log2(1 + rank)), averaged over prompts',
      minK: 2,
      tiePolicy: 'design',
      tieDoc: "a tied block: ordered worst-first / mean discount of its ranks (as sklearn) / prompt excluded ('strict' / 'half' / 'drop')",
    },
    ndcg,
  ),
  entry(
    {
      name: 'reward-variance',
      doc: "reward variance under π0 (Razin et al. 2025): the proxy's π0-weighted variance over each prompt's eval pool, averaged over the set's prompts",
      minK: 2,
      tiePolicy: 'none',
      tieDoc: 'ties do not enter',
    },
    rewardVariance,
  ),
  entry(
    {
      name: 'ece',
      doc: 'expected calibration error of σ(r̂_A − r̂_B) against σ((g_A − g_B)/T), 10 equal bins of the oriented p̂ ∈ [½, 1]',
      minK: 2,
      tiePolicy: 'design',
      tieDoc: "a proxy tie (p̂ = ½) counts half in each orientation ('strict', 'half') or is excluded ('drop')",
    },
    ece,
  ),
];

/** The metric registry, by name, in a stable order. */
export const METRICS: ReadonlyMap<string, MetricSpec> = new Map(ENTRIES.map((e) => [e.name, e]));
export const METRIC_NAMES: readonly string[] = ENTRIES.map((e) => e.name);

/** The metrics a design computes: its explicit list, or every registered metric it supports. */
export function metricsForDesign(design: EvalDesign): string[] {
  if (design.metrics !== undefined) return [...design.metrics];
  return ENTRIES.filter((e) => e.minK <= design.k && !e.requires?.(design)).map((e) => e.name);
}

/**
 * Check the design's explicit metric list against the registry: unknown names, k below a
 * metric's minK, unmet structural requirements. Throws RmsimError('CONFIG', '<at>.<field>: …')
 * naming the design and the metric. `at` is the design's path, e.g. 'designs[2]'.
 */
export function checkDesignMetrics(design: EvalDesign, at: string): void {
  if (design.metrics === undefined) return;
  const seen = new Set<string>();
  design.metrics.forEach((name, i) => {
    const spec = METRICS.get(name);
    if (spec === undefined) {
      configError(`${at}.metrics[${i}]`, `unknown metric '${name}' (known: ${METRIC_NAMES.join(', ')})`);
    }
    if (seen.has(name)) configError(`${at}.metrics[${i}]`, `'${name}' is listed twice`);
    seen.add(name);
    if (design.k < spec.minK) {
      configError(`${at}.k`, `metric '${name}' needs k ≥ ${spec.minK}, but design '${design.name}' has k = ${design.k}`);
    }
    const req = spec.requires?.(design);
    if (req) configError(`${at}.${req.field}`, `metric '${name}' on design '${design.name}' ${req.why}`);
  });
}

/**
 * Compute the named metrics of a proxy (scores aligned with world.eval responses) on one eval
 * set. Shared work (gathering, the grouped rank kernel) is done once.
 */
export function computeMetrics(set: EvalSet, world: EvalWorld, proxyEval: Float64Array, names: readonly string[]): Record<string, number> {
  const ctx = new Ctx(set, world, proxyEval);
  const out: Record<string, number> = {};
  for (const name of names) {
    const e = ENTRIES.find((x) => x.name === name);
    if (e === undefined) invalid('names', `unknown metric '${name}' (known: ${METRIC_NAMES.join(', ')})`);
    out[name] = e.fromCtx(ctx);
  }
  return out;
}
