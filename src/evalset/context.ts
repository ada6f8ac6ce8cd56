/**
 * What the metrics of one (eval set, proxy) share: the proxy-independent data of the set under a
 * gold (cached per set and gold, since a study scores many proxies on one set), and the
 * per-proxy gathers and kernel calls, each done once however many metrics use it.
 */
import { type GroupStats, groupStats } from '../core/rank.js';
import { argsort } from '../core/sort.js';
import type { EvalSet } from '../data/evalset.js';
import { checkScores, type Pools, type Scores } from '../data/pools.js';
import { invalid } from '../errors.js';
import { sigmoid } from './labels.js';

/** A set's data under one gold. Group g is positions offsets[g] .. offsets[g+1] of the gathered arrays. */
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
    readonly poolGold: Scores,
  ) {
    const r = set.responses;
    const G = set.offsets.length - 1;
    this.gold = new Float64Array(r.length);
    for (let i = 0; i < r.length; i++) {
      if (r[i] < 0 || r[i] >= poolGold.length) invalid('set', `response index ${r[i]} is outside the pools' responses`);
      this.gold[i] = poolGold[r[i]];
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
      for (let t = 0; t < pairA.length; t++) this.goldProb[t] = sigmoid((this.poolGold[pairA[t]] - this.poolGold[pairB[t]]) / T);
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

function setInfo(set: EvalSet, gold: Scores): SetInfo {
  let info = setInfos.get(set);
  if (info === undefined || info.poolGold !== gold) {
    info = new SetInfo(set, gold);
    setInfos.set(set, info);
  }
  return info;
}

/** What a metric computes from: one eval set, its pools and gold, and one proxy's scores. */
export class MetricContext {
  readonly info: SetInfo;
  private gathered: { gold: Float64Array; proxy: Float64Array } | null = null;
  private stats: GroupStats | null = null;
  private global: GroupStats | null = null;

  constructor(
    readonly set: EvalSet,
    readonly pools: Pools,
    readonly gold: Scores,
    readonly proxy: Scores,
  ) {
    checkScores(pools, gold, 'gold');
    checkScores(pools, proxy, 'proxy');
    for (const i of set.responses) {
      if (!Number.isFinite(proxy[i])) invalid('proxy', `element ${i} is ${proxy[i]}; values must be finite`);
    }
    this.info = setInfo(set, gold);
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
