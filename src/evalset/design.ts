/**
 * Eval designs: how a preference test set is built from the world's eval prompts, independent of
 * any proxy. A design fixes the prompts (M), the responses per prompt (k) and where they come from
 * (`pool`, `shifted`, `rank-bins`), how they are paired (`all`, `random`, `best-vs-rest`,
 * `chosen-rejected`), how pairs are labelled (`gold`, `flip`, `bt`) and the tie policy the
 * metrics apply. `buildEvalSet(design, world, seed, replicate)` is a pure function of its
 * arguments; its randomness comes from the streams Stream.from(seed, 'eval', design.name,
 * replicate, 'prompts' | 'responses' | 'pairs' | 'labels').
 */
import { z } from 'zod';
import { configError, parseConfig } from '../config.js';
import { TIE_POLICIES, type TiePolicy } from '../core/pairs.js';
import { sampleGroups, sampleWithoutReplacement, uniform } from '../core/rng.js';
import { argsort } from '../core/sort.js';
import { Stream } from '../core/stream.js';
import type { Pools, World } from '../world/world.js';
import { checkDesignMetrics } from './metrics.js';

export type { TiePolicy };

export const SOURCES = ['pool', 'shifted', 'rank-bins'] as const;
export const PAIRINGS = ['all', 'random', 'best-vs-rest', 'chosen-rejected'] as const;
export const LABELS = ['gold', 'flip', 'bt'] as const;

export const designSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9_.:@=+-]+$/, 'letters, digits and _ . : @ = + - only')
      .default('main')
      .describe('Name of the design: a key in results and a part of its random streams; unique within a study.'),
    prompts: z
      .union([z.number().int().positive(), z.literal('all')])
      .default('all')
      .describe(
        "Eval prompts M in the set (≤ the world's eval prompts); a uniformly random subset, redrawn per replicate. 'all' uses every eval prompt.",
      ),
    k: z
      .number()
      .int()
      .min(2)
      .default(2)
      .describe('Responses per prompt (≤ the eval pool size). Group metrics (best-of-k, Kendall, NDCG, …) rank these k.'),
    source: z
      .enum(SOURCES)
      .default('pool')
      .describe(
        "Where the k responses come from. 'pool': k of the prompt's eval pool, uniformly without replacement (weighted by π0 when the pool has log π0: successive sampling). 'shifted': another model's samples: successive sampling from the pool with weight π0·exp(shift·z), z the gold standardized within the prompt's pool. 'rank-bins': the pool sorted by gold is cut into `bins` equal rank bins; responses come from bins `binA` and `binB` (Wen et al. 2025, Table 3).",
      ),
    shift: z
      .number()
      .finite()
      .default(1)
      .describe(
        "source 'shifted': tilt towards higher gold (> 0) or lower gold (< 0), in within-prompt standard deviations of gold; 0 is the pool.",
      ),
    bins: z
      .number()
      .int()
      .min(2)
      .default(4)
      .describe("source 'rank-bins': number B of gold-rank bins; bin b holds gold ranks ⌊bK/B⌋ … ⌊(b+1)K/B⌋ − 1 (rank 0 = highest gold)."),
    binA: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe(
        "source 'rank-bins': the bin of the first responses: ⌈k/2⌉ of them (with pairing 'chosen-rejected': `chosen` of them); 0 = highest gold.",
      ),
    binB: z
      .number()
      .int()
      .min(0)
      .default(3)
      .describe("source 'rank-bins': the bin of the remaining responses; must differ from binA and be < bins."),
    pairing: z
      .enum(PAIRINGS)
      .default('all')
      .describe(
        "Which pairs of a group are labelled. 'all': all C(k,2). 'random': `pairsPerPrompt` distinct pairs, uniformly. 'best-vs-rest': the gold-best response against each other one (1:(k−1)). 'chosen-rejected': the top `chosen` by gold against the other k − chosen (RewardMATH 1:9, RM-Bench 3×3).",
      ),
    pairsPerPrompt: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe("pairing 'random': pairs per prompt p (≤ C(k,2)), distinct, uniformly among the C(k,2)."),
    chosen: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe("pairing 'chosen-rejected': number a of chosen responses per prompt (< k); the other k − a are rejected."),
    labels: z
      .enum(LABELS)
      .default('gold')
      .describe(
        "How a pair is labelled. 'gold': by gold order (a gold tie is a labelled tie). 'flip': gold order, each label reversed with probability `flipRate` (Coste et al. 2024). 'bt': Bradley–Terry annotator, A preferred with probability σ((g_A − g_B)/temperature).",
      ),
    flipRate: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe("labels 'flip': the probability ε that a label is reversed; measured accuracy becomes ε + (1 − 2ε)·A."),
    temperature: z
      .number()
      .finite()
      .positive()
      .default(1)
      .describe("T of the gold preference probability σ((g_A − g_B)/T): used by labels 'bt' and by the metric 'ece'."),
    ties: z
      .enum(TIE_POLICIES as unknown as [TiePolicy, ...TiePolicy[]])
      .default('half')
      .describe(
        "Tie policy of the metrics when the proxy ties responses: 'strict' counts a tie as wrong, 'half' as the expected value of a uniformly random tie-break (½ for a pair), 'drop' excludes the item from the denominator.",
      ),
    metrics: z
      .array(z.string())
      .optional()
      .describe('Metrics computed on this design (names from the metric registry); default: every registered metric this design supports.'),
  })
  .strict()
  .describe('An eval design: how a preference test set is built from the eval prompts.');

export type EvalDesign = z.output<typeof designSchema>;
export type EvalDesignInput = z.input<typeof designSchema>;

/** A built preference test set (one replicate of one design). Indices refer to world.eval responses. */
export interface EvalSet {
  /** design name */
  design: string;
  /** 0..R−1 resample index */
  replicate: number;
  /** groups: one per eval prompt used, length G + 1 */
  offsets: Int32Array;
  /** the eval prompt (pool index of world.eval) of each group, length G, ascending */
  prompts: Int32Array;
  /** indices into world.eval responses, grouped by offsets (k per group) */
  responses: Int32Array;
  /** chosen-rejected / best-vs-rest designs: the first chosenCount[g] of group g are "chosen"; else null */
  chosenCount: Int32Array | null;
  /** pairs as indices into world.eval responses */
  pairA: Int32Array;
  pairB: Int32Array;
  /** +1 = A labelled preferred, −1 = B preferred, 0 = labelled tie */
  label: Int8Array;
  /** tie policy the metrics apply (the design's `ties`) */
  ties: TiePolicy;
  /** T of the gold preference probability σ((g_A − g_B)/T) (the design's `temperature`) */
  temperature: number;
}

/** The world as eval designs see it: only the eval pools are read. */
export type EvalWorld = Pick<World, 'eval'>;

/** The sizes a design is checked against (a WorldConfig has both). */
export interface EvalSizes {
  evalPrompts: number;
  evalPoolSize: number;
}

/**
 * Parse one raw design (designs[index] of a config): zod defaults and strictness, then errors as
 * RmsimError('CONFIG', 'designs[i].field: why'). Unknown keys are named as fields.
 */
export function parseDesign(raw: unknown, index: number, prefix = 'designs'): EvalDesign {
  return parseConfig(designSchema, raw, `${prefix}[${index}]`);
}

/** Pairs labelled per prompt for a design. */
export function pairsPerGroup(design: EvalDesign): number {
  const k = design.k;
  switch (design.pairing) {
    case 'all':
      return (k * (k - 1)) / 2;
    case 'random':
      return design.pairsPerPrompt;
    case 'best-vs-rest':
      return k - 1;
    case 'chosen-rejected':
      return design.chosen * (k - design.chosen);
  }
}

/** Number of eval prompts a design uses in a world with `evalPrompts` of them. */
export function promptsUsed(design: EvalDesign, evalPrompts: number): number {
  return design.prompts === 'all' ? evalPrompts : design.prompts;
}

/**
 * Annotation budget of a design, in both accountings (DESIGN.md): labelled pairs, and annotated
 * responses — an annotator who ranks (or scores) the k responses of a prompt annotates k responses
 * and yields up to C(k, 2) pairs. Every response of a group counts, since the group metrics
 * (best-of-k, Kendall, NDCG, …) use all k even when only some pairs are labelled.
 */
export function annotationBudget(
  design: EvalDesign,
  evalPrompts: number,
): { prompts: number; pairsPerPrompt: number; responsesPerPrompt: number; labelledPairs: number; annotatedResponses: number } {
  const prompts = promptsUsed(design, evalPrompts);
  const pp = pairsPerGroup(design);
  return { prompts, pairsPerPrompt: pp, responsesPerPrompt: design.k, labelledPairs: prompts * pp, annotatedResponses: prompts * design.k };
}

/**
 * Check a parsed design against the world's sizes and the metric registry; throws
 * RmsimError('CONFIG', '<prefix>[index].<field>: why'). `sizes` may be a WorldConfig.
 */
export function validateDesign(design: EvalDesign, index: number, sizes: EvalSizes, prefix = 'designs'): void {
  const at = `${prefix}[${index}]`;
  const { k } = design;
  if (design.prompts !== 'all' && design.prompts > sizes.evalPrompts) {
    configError(`${at}.prompts`, `${design.prompts} exceeds the world's eval prompts (${sizes.evalPrompts})`);
  }
  if (k > sizes.evalPoolSize) configError(`${at}.k`, `${k} exceeds the eval pool size (${sizes.evalPoolSize})`);
  if (design.source === 'rank-bins') {
    const { bins, binA, binB } = design;
    if (bins > sizes.evalPoolSize) configError(`${at}.bins`, `${bins} bins exceed the eval pool size (${sizes.evalPoolSize})`);
    if (binA >= bins) configError(`${at}.binA`, `${binA} must be < bins (${bins})`);
    if (binB >= bins) configError(`${at}.binB`, `${binB} must be < bins (${bins})`);
    if (binA === binB) configError(`${at}.binB`, `must differ from binA (${binA})`);
    if (design.pairing === 'chosen-rejected' && binA > binB) {
      configError(
        `${at}.binA`,
        `with pairing 'chosen-rejected' binA (the chosen) must be the higher-gold bin (smaller index than binB = ${binB}), got ${binA}`,
      );
    }
    const [nA, nB] = binCounts(design);
    const smallest = Math.floor(sizes.evalPoolSize / bins);
    if (Math.max(nA, nB) > smallest) {
      configError(
        `${at}.k`,
        `needs ${Math.max(nA, nB)} responses from one bin, but a bin of a pool of ${sizes.evalPoolSize} in ${bins} bins holds ${smallest}`,
      );
    }
  }
  if (design.pairing === 'random' && design.pairsPerPrompt > (k * (k - 1)) / 2) {
    configError(`${at}.pairsPerPrompt`, `${design.pairsPerPrompt} exceeds C(k, 2) = ${(k * (k - 1)) / 2}`);
  }
  if (design.pairing === 'chosen-rejected' && design.chosen >= k) {
    configError(`${at}.chosen`, `${design.chosen} must be < k (${k}) so that some response is rejected`);
  }
  checkDesignMetrics(design, at);
}

/** Parse and validate a list of raw designs; names must be unique. */
export function parseDesigns(raw: unknown, sizes: EvalSizes, prefix = 'designs'): EvalDesign[] {
  if (!Array.isArray(raw)) configError(prefix, 'must be a list of designs');
  if (raw.length === 0) configError(prefix, 'must contain at least one design');
  const out = raw.map((d, i) => parseDesign(d, i, prefix));
  validateDesigns(out, sizes, prefix);
  return out;
}

/** Validate parsed designs (each one, and that names are unique). */
export function validateDesigns(designs: EvalDesign[], sizes: EvalSizes, prefix = 'designs'): void {
  const seen = new Map<string, number>();
  designs.forEach((d, i) => {
    const prev = seen.get(d.name);
    if (prev !== undefined) configError(`${prefix}[${i}].name`, `'${d.name}' is already the name of ${prefix}[${prev}]`);
    seen.set(d.name, i);
    validateDesign(d, i, sizes, prefix);
  });
}

/** rank-bins: how many responses come from binA and from binB. */
function binCounts(design: EvalDesign): [number, number] {
  const nA = design.pairing === 'chosen-rejected' ? design.chosen : Math.ceil(design.k / 2);
  return [nA, design.k - nA];
}

// ---------------------------------------------------------------------------------------------
// Building a set.

/** Row-wise index of pair (i, j), i < j, among the C(k,2) pairs of k items → (i, j). */
function decodePair(t: number, k: number): [number, number] {
  let i = 0;
  let row = k - 1;
  while (t >= row) {
    t -= row;
    i++;
    row--;
  }
  return [i, i + 1 + t];
}

/**
 * Successive sampling without replacement of k of the items [lo, hi) with weights exp(logW[i])
 * by the Gumbel-top-k trick (Vieira 2014; Kool et al. 2019): the k largest logW[i] + Gumbel are
 * an exact draw. `u` holds one uniform per item. Returns local indices, ascending.
 */
function gumbelTopK(logW: Float64Array, u: Float64Array, lo: number, hi: number, k: number): number[] {
  const n = hi - lo;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // −log(−log U) is Gumbel(0, 1); U = 0 gives −∞ (never preferred to a finite key)
    keys[i] = logW[lo + i] - Math.log(-Math.log(u[lo + i]));
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  // descending key, ties by index (only −∞ keys can tie in practice)
  idx.sort((a, b) => (keys[b] > keys[a] ? 1 : keys[b] < keys[a] ? -1 : a - b));
  return idx.slice(0, k).sort((a, b) => a - b);
}

/** Within-pool standardized gold z (population sd; z = 0 when the pool's gold is constant). */
function standardizedGold(gold: Float64Array, lo: number, hi: number): Float64Array {
  const n = hi - lo;
  const out = new Float64Array(n);
  let mean = 0;
  for (let i = lo; i < hi; i++) mean += gold[i];
  mean /= n;
  let ss = 0;
  for (let i = lo; i < hi; i++) ss += (gold[i] - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  for (let i = lo; i < hi; i++) out[i - lo] = sd > 0 ? (gold[i] - mean) / sd : 0;
  return out;
}

/** Positions 0..k−1 of a group sorted by gold descending, ties by position (stable). */
function goldOrder(gold: Float64Array, resp: ArrayLike<number>, lo: number, hi: number): number[] {
  const pos = Array.from({ length: hi - lo }, (_, i) => i);
  pos.sort((a, b) => {
    const ga = gold[resp[lo + a]];
    const gb = gold[resp[lo + b]];
    return ga > gb ? -1 : ga < gb ? 1 : a - b;
  });
  return pos;
}

/** The logistic function σ(x) = 1/(1 + e^−x), computed without overflow for either sign. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * Build the eval set of `design` in `world` for `replicate` (0..R−1): a pure function of
 * (design, world, seed, replicate), independent of any proxy. Throws CONFIG naming the design
 * when the world is too small for it (call validateDesigns first for index-named messages).
 */
export function buildEvalSet(design: EvalDesign, world: EvalWorld, seed: number, replicate: number): EvalSet {
  const pools: Pools = world.eval;
  const at = `design '${design.name}'`;
  if (!Number.isInteger(replicate) || replicate < 0) configError(`${at}.replicate`, `must be a non-negative integer, got ${replicate}`);
  const Gw = pools.offsets.length - 1;
  const M = promptsUsed(design, Gw);
  if (M > Gw) configError(`${at}.prompts`, `${M} exceeds the world's eval prompts (${Gw})`);
  const { k } = design;
  const stream = (part: string): Stream => Stream.from(seed, 'eval', design.name, replicate, part);

  // 1. prompts: all, or a uniformly random M-subset (ascending)
  const prompts = M === Gw ? Int32Array.from({ length: Gw }, (_, p) => p) : sampleWithoutReplacement(stream('prompts'), Gw, M);
  const poolLo = (g: number): number => pools.offsets[prompts[g]];
  const poolSize = (g: number): number => pools.offsets[prompts[g] + 1] - pools.offsets[prompts[g]];
  for (let g = 0; g < M; g++) {
    if (poolSize(g) < k) configError(`${at}.k`, `${k} exceeds the eval pool size ${poolSize(g)} of eval prompt ${prompts[g]}`);
  }

  // 2. responses: local pool indices per group
  const offsets = Int32Array.from({ length: M + 1 }, (_, g) => g * k);
  const responses = new Int32Array(M * k);
  const gold = pools.gold;
  if (design.source === 'pool' && pools.logPi0 === null) {
    const off = new Int32Array(M + 1);
    for (let g = 0; g < M; g++) off[g + 1] = off[g] + poolSize(g);
    const local = sampleGroups(stream('responses'), off, new Int32Array(M).fill(k));
    for (let g = 0; g < M; g++) for (let j = 0; j < k; j++) responses[g * k + j] = poolLo(g) + local[g * k + j];
  } else if (design.source === 'pool' || design.source === 'shifted') {
    // successive sampling with weights π0 · exp(shift · z) by Gumbel-top-k; uniforms for every
    // response of the chosen pools, in group order
    let total = 0;
    for (let g = 0; g < M; g++) total += poolSize(g);
    const u = uniform(stream('responses'), total);
    const logW = new Float64Array(total);
    let base = 0;
    for (let g = 0; g < M; g++) {
      const lo = poolLo(g);
      const n = poolSize(g);
      if (design.source === 'shifted') {
        const z = standardizedGold(gold, lo, lo + n);
        for (let i = 0; i < n; i++) logW[base + i] = design.shift * z[i];
      }
      if (pools.logPi0 !== null) for (let i = 0; i < n; i++) logW[base + i] += pools.logPi0[lo + i];
      const picked = gumbelTopK(logW, u, base, base + n, k);
      for (let j = 0; j < k; j++) responses[g * k + j] = lo + picked[j];
      base += n;
    }
  } else {
    // rank-bins: sort each pool by gold (descending, ties by index), cut into B bins, draw nA
    // from binA and nB from binB uniformly without replacement (one sampleGroups call, two
    // virtual groups per prompt)
    const { bins: B, binA, binB } = design;
    if (binA >= B || binB >= B || binA === binB) configError(`${at}.binB`, `bins ${binA} and ${binB} must differ and be < ${B}`);
    const [nA, nB] = binCounts(design);
    const order: Int32Array[] = [];
    const off = new Int32Array(2 * M + 1);
    const ks = new Int32Array(2 * M);
    const binStart = (K: number, b: number): number => Math.floor((b * K) / B);
    for (let g = 0; g < M; g++) {
      const lo = poolLo(g);
      const K = poolSize(g);
      const neg = new Float64Array(K);
      for (let i = 0; i < K; i++) neg[i] = -gold[lo + i];
      order.push(argsort(neg));
      const sizeA = binStart(K, binA + 1) - binStart(K, binA);
      const sizeB = binStart(K, binB + 1) - binStart(K, binB);
      if (sizeA < nA || sizeB < nB) {
        configError(`${at}.k`, `needs ${nA} + ${nB} responses from bins of ${sizeA} and ${sizeB} (eval prompt ${prompts[g]}, pool ${K})`);
      }
      off[2 * g + 1] = off[2 * g] + sizeA;
      off[2 * g + 2] = off[2 * g + 1] + sizeB;
      ks[2 * g] = nA;
      ks[2 * g + 1] = nB;
    }
    const local = sampleGroups(stream('responses'), off, ks);
    let t = 0;
    for (let g = 0; g < M; g++) {
      const lo = poolLo(g);
      const K = poolSize(g);
      const sA = binStart(K, binA);
      const sB = binStart(K, binB);
      const ranked: number[] = [];
      for (let j = 0; j < nA; j++) ranked.push(order[g][sA + local[t++]]);
      for (let j = 0; j < nB; j++) ranked.push(order[g][sB + local[t++]]);
      // keep the binA responses first only where the pairing needs the split; otherwise pool order
      if (design.pairing !== 'chosen-rejected') ranked.sort((a, b) => a - b);
      for (let j = 0; j < k; j++) responses[g * k + j] = lo + ranked[j];
    }
  }

  // 3. chosen split (reorders a group: chosen first, each part in its previous order)
  let chosenCount: Int32Array | null = null;
  if (design.pairing === 'best-vs-rest' || design.pairing === 'chosen-rejected') {
    const a = design.pairing === 'best-vs-rest' ? 1 : design.chosen;
    chosenCount = new Int32Array(M).fill(a);
    for (let g = 0; g < M; g++) {
      const lo = g * k;
      const top = new Set(goldOrder(gold, responses, lo, lo + k).slice(0, a));
      const group = Array.from(responses.subarray(lo, lo + k));
      const reordered = [...group.filter((_, j) => top.has(j)), ...group.filter((_, j) => !top.has(j))];
      responses.set(reordered, lo);
    }
  }

  // 4. pairs
  const pg = pairsPerGroup(design);
  const pairA = new Int32Array(M * pg);
  const pairB = new Int32Array(M * pg);
  let q = 0;
  const push = (g: number, i: number, j: number): void => {
    pairA[q] = responses[g * k + i];
    pairB[q] = responses[g * k + j];
    q++;
  };
  if (design.pairing === 'all') {
    for (let g = 0; g < M; g++) for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) push(g, i, j);
  } else if (design.pairing === 'random') {
    const C = (k * (k - 1)) / 2;
    const off = Int32Array.from({ length: M + 1 }, (_, g) => g * C);
    const picked = sampleGroups(stream('pairs'), off, new Int32Array(M).fill(pg));
    for (let g = 0; g < M; g++) {
      for (let t = 0; t < pg; t++) {
        const [i, j] = decodePair(picked[g * pg + t], k);
        push(g, i, j);
      }
    }
  } else {
    const a = chosenCount![0];
    for (let g = 0; g < M; g++) for (let i = 0; i < a; i++) for (let j = a; j < k; j++) push(g, i, j);
  }

  // 5. labels
  const m = pairA.length;
  const label = new Int8Array(m);
  const u = design.labels === 'gold' ? null : uniform(stream('labels'), m);
  for (let t = 0; t < m; t++) {
    const d = gold[pairA[t]] - gold[pairB[t]];
    const byGold = gold[pairA[t]] > gold[pairB[t]] ? 1 : gold[pairA[t]] < gold[pairB[t]] ? -1 : 0;
    if (design.labels === 'gold') label[t] = byGold;
    else if (design.labels === 'flip') label[t] = u![t] < design.flipRate ? -byGold : byGold;
    else label[t] = u![t] < sigmoid(d / design.temperature) ? 1 : -1;
  }

  return {
    design: design.name,
    replicate,
    offsets,
    prompts,
    responses,
    chosenCount,
    pairA,
    pairB,
    label,
    ties: design.ties,
    temperature: design.temperature,
  };
}
