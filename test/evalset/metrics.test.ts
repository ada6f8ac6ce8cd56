import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TiePolicy } from '../../src/core/pairs.js';
import { normal } from '../../src/core/rng.js';
import { Stream } from '../../src/core/stream.js';
import type { EvalSet } from '../../src/data/evalset.js';
import { RmsimError } from '../../src/errors.js';
import {
  buildEvalSet,
  computeMetrics,
  designSchema,
  type EvalDesignInput,
  METRIC_NAMES,
  METRICS,
  MetricContext,
  metricsForDesign,
} from '../../src/evalset/index.js';
import { buildWorld } from '../../src/world/world.js';
import { buildOn, handWorld, near, type Truth, wholePoolSet } from './helpers.js';

const POLICIES: TiePolicy[] = ['strict', 'half', 'drop'];
const metric = (name: string, set: EvalSet, t: Truth, proxy: number[] | Float64Array) =>
  METRICS.get(name)!.compute(new MetricContext(set, t.pools, t.gold, Float64Array.from(proxy)));
const design = (d: EvalDesignInput) => designSchema.parse(d);

/** value of `name` under each tie policy on a hand world with all-pairs gold labels */
function byPolicy(name: string, gold: number[][], proxy: number[], opts: { chosenCount?: number[] } = {}) {
  const w = handWorld(gold);
  return Object.fromEntries(POLICIES.map((ties) => [ties, metric(name, wholePoolSet(w, { ...opts, ties }), w, proxy)]));
}

function expectPolicies(actual: Record<string, number>, expected: Record<string, number>, what: string): void {
  for (const p of POLICIES) {
    if (Number.isNaN(expected[p])) expect(actual[p], `${what} (${p})`).toBeNaN();
    else near(actual[p], expected[p], 1e-12, `${what} (${p})`);
  }
}

describe('metric registry', () => {
  it('has unique names, a doc line, minK ≥ 2 and a tie rule for every entry', () => {
    expect(new Set(METRIC_NAMES).size).toBe(METRIC_NAMES.length);
    for (const name of METRIC_NAMES) {
      const m = METRICS.get(name)!;
      expect(m.name).toBe(name);
      expect(m.doc.length, name).toBeGreaterThan(20);
      expect(m.tieDoc.length, name).toBeGreaterThan(10);
      expect(m.minK, name).toBeGreaterThanOrEqual(2);
      expect(['design', 'none']).toContain(m.tiePolicy);
    }
    for (const name of ['kendall', 'spearman', 'pearson']) expect(METRICS.get(name)!.minK).toBe(3);
  });
  it('defaults a design to the metrics it supports', () => {
    const k2 = metricsForDesign(design({ k: 2 }));
    expect(k2).toContain('accuracy');
    expect(k2).not.toContain('kendall');
    expect(k2).not.toContain('matrix');
    const rm = metricsForDesign(design({ k: 6, pairing: 'chosen-rejected', chosen: 3 }));
    for (const n of ['matrix', 'matrix-easy', 'matrix-normal', 'matrix-hard', 'kendall', 'mrr']) expect(rm).toContain(n);
    expect(metricsForDesign(design({ k: 10, pairing: 'chosen-rejected', chosen: 1 }))).not.toContain('matrix-hard');
    expect(metricsForDesign(design({ k: 4, metrics: ['ndcg'] }))).toEqual(['ndcg']);
  });
  it('rejects unknown metric names, misaligned or non-finite proxies naming the argument', () => {
    const w = handWorld([[1, 2, 3]]);
    const set = wholePoolSet(w);
    expect(() => computeMetrics(set, w.pools, w.gold, Float64Array.of(1, 2, 3), ['acc'])).toThrow(/names: unknown metric 'acc'/);
    expect(() => computeMetrics(set, w.pools, w.gold, Float64Array.of(1, 2), ['accuracy'])).toThrow(/proxy: length 2 differs/);
    expect(() => computeMetrics(set, w.pools, w.gold, Float64Array.of(1, NaN, 3), ['kendall'])).toThrow(RmsimError);
    expect(() => computeMetrics(set, w.pools, w.gold, Float64Array.of(1, Infinity, 3), ['ndcg'])).toThrow(/proxy: element 1 is Infinity/);
  });
});

describe('metrics by hand on tiny sets', () => {
  it('accuracy: concordant pairs over labelled pairs, proxy ties by policy, labelled ties excluded', () => {
    expectPolicies(byPolicy('accuracy', [[3, 2, 1]], [1, 2, 0.5]), { strict: 2 / 3, half: 2 / 3, drop: 2 / 3 }, 'no ties');
    expectPolicies(byPolicy('accuracy', [[3, 2, 1]], [1, 1, 0]), { strict: 2 / 3, half: 2.5 / 3, drop: 1 }, 'one proxy tie');
    const w = handWorld([[3, 2, 1]]);
    // labels as given (not gold): (0,1) labelled B, (0,2) labelled tie, (1,2) labelled A
    const set = wholePoolSet(w, { label: [-1, 0, 1] });
    near(metric('accuracy', set, w, [1, 2, 0.5]), 1, 0, 'labels read, labelled tie excluded');
    expect(metric('accuracy', wholePoolSet(w, { pairs: [], label: [] }), w, [1, 2, 3])).toBeNaN();
  });
  it("best-of-k: the proxy's top has maximal gold; a tie at the top counts only when it matters", () => {
    // right; wrong; tie at top with 1 of 2 gold-best; constant gold (excluded); tie at top, both gold-best
    const gold = [
      [1, 3, 2],
      [1, 3, 2],
      [1, 3, 2],
      [2, 2, 2],
      [3, 3, 1],
    ];
    const proxy = [0, 5, 1, 0, 1, 5, 0, 5, 5, 1, 2, 3, 4, 4, 0];
    expectPolicies(byPolicy('best-of-k', gold, proxy), { strict: 0.5, half: 0.625, drop: 2 / 3 }, 'best-of-k');
  });
  it('one-vs-rest and mrr without a chosen set use the gold-best as the chosen', () => {
    const gold = [
      [1, 3, 2],
      [1, 3, 2],
      [1, 3, 2],
      [2, 2, 2],
      [3, 3, 1],
    ];
    const proxy = [0, 5, 1, 0, 1, 5, 0, 5, 5, 1, 2, 3, 4, 4, 0];
    expectPolicies(byPolicy('one-vs-rest', gold, proxy), { strict: 0.5, half: 0.625, drop: 2 / 3 }, '1:k accuracy');
    expectPolicies(byPolicy('mrr', gold, proxy), { strict: 0.75, half: 0.8125, drop: 5 / 6 }, 'MRR');
  });
  it('one-vs-rest and mrr with chosen sets (RewardMATH 1:3, and 2 chosen)', () => {
    expectPolicies(byPolicy('one-vs-rest', [[5, 1, 2, 3]], [2, 1, 3, 0], { chosenCount: [1] }), { strict: 0, half: 0, drop: 0 }, '1:3');
    expectPolicies(byPolicy('mrr', [[5, 1, 2, 3]], [2, 1, 3, 0], { chosenCount: [1] }), { strict: 0.5, half: 0.5, drop: 0.5 }, 'MRR 1:3');
    expectPolicies(
      byPolicy('one-vs-rest', [[5, 4, 1, 2]], [3, 1, 2, 0], { chosenCount: [2] }),
      { strict: 0.5, half: 0.5, drop: 0.5 },
      '2:2',
    );
    expectPolicies(
      byPolicy('mrr', [[5, 4, 1, 2]], [3, 1, 2, 0], { chosenCount: [2] }),
      { strict: 0.75, half: 0.75, drop: 0.75 },
      'MRR 2:2',
    );
  });
  it('matrix accuracy and its easy / normal / hard triangles (3×3)', () => {
    // chosen gold [8, 9, 7] proxy [5, 2, 6]; rejected gold [1, 3, 2] proxy [1, 4, 3]
    const gold = [[8, 9, 7, 1, 3, 2]];
    const proxy = [5, 2, 6, 1, 4, 3];
    const opts = { chosenCount: [3] };
    expectPolicies(byPolicy('matrix', gold, proxy, opts), { strict: 7 / 9, half: 7 / 9, drop: 7 / 9 }, 'matrix');
    expectPolicies(byPolicy('matrix-normal', gold, proxy, opts), { strict: 2 / 3, half: 2 / 3, drop: 2 / 3 }, 'normal');
    expectPolicies(byPolicy('matrix-easy', gold, proxy, opts), { strict: 2 / 3, half: 2 / 3, drop: 2 / 3 }, 'easy');
    expectPolicies(byPolicy('matrix-hard', gold, proxy, opts), { strict: 1, half: 1, drop: 1 }, 'hard');
    // the best chosen now ties the middle rejected: cell (0, 1), in the easy triangle
    const tied = [5, 3, 6, 1, 4, 3];
    expectPolicies(byPolicy('matrix', gold, tied, opts), { strict: 7 / 9, half: 7.5 / 9, drop: 7 / 8 }, 'matrix with a tie');
    expectPolicies(byPolicy('matrix-easy', gold, tied, opts), { strict: 2 / 3, half: 2.5 / 3, drop: 1 }, 'easy with a tie');
  });
  it('per-prompt kendall, spearman and pearson by hand, the same under every tie policy', () => {
    expectPolicies(byPolicy('kendall', [[1, 2, 3]], [1, 3, 2]), { strict: 1 / 3, half: 1 / 3, drop: 1 / 3 }, 'τ_b');
    expectPolicies(byPolicy('spearman', [[1, 2, 3]], [1, 3, 2]), { strict: 0.5, half: 0.5, drop: 0.5 }, 'Spearman');
    expectPolicies(byPolicy('pearson', [[1, 2, 3]], [1, 3, 2]), { strict: 0.5, half: 0.5, drop: 0.5 }, 'Pearson');
    // second group: constant proxy (counts 0 under every policy); third: constant gold (excluded)
    const gold = [
      [1, 2, 3],
      [1, 2, 3],
      [4, 4, 4],
    ];
    const proxy = [1, 3, 2, 7, 7, 7, 1, 2, 3];
    expectPolicies(byPolicy('kendall', gold, proxy), { strict: 1 / 6, half: 1 / 6, drop: 1 / 6 }, 'τ_b mean');
    // a partial tie: τ_b's own correction, (C − D)/√((n0 − n1)(n0 − n2)) = (2 − 0)/√(3·2), whatever the policy
    expectPolicies(
      byPolicy('kendall', [[1, 2, 3]], [1, 2, 2]),
      { strict: 2 / Math.sqrt(6), half: 2 / Math.sqrt(6), drop: 2 / Math.sqrt(6) },
      'τ_b, a tie',
    );
    for (const name of ['kendall', 'spearman', 'pearson']) expect(METRICS.get(name)!.tiePolicy, name).toBe('none');
    expectPolicies(byPolicy('pearson', [[4, 4, 4]], [1, 2, 3]), { strict: NaN, half: NaN, drop: NaN }, 'constant gold only');
  });
  it('ndcg by hand: linear gain over the minimum, log2 discount, and tied blocks', () => {
    const l3 = 1 / Math.log2(3);
    const idcg = 2 + l3;
    expectPolicies(
      byPolicy('ndcg', [[3, 1, 2]], [0.1, 0.3, 0.2]),
      { strict: (l3 + 1) / idcg, half: (l3 + 1) / idcg, drop: (l3 + 1) / idcg },
      'no ties',
    );
    // proxy ties responses 0 (rel 2) and 1 (rel 0) behind response 2 (rel 1)
    expectPolicies(
      byPolicy('ndcg', [[3, 1, 2]], [0.1, 0.1, 0.2]),
      { strict: 2 / idcg, half: (1 + (l3 + 0.5)) / idcg, drop: NaN },
      'tied block',
    );
    expectPolicies(byPolicy('ndcg', [[5, 5, 5]], [1, 2, 3]), { strict: NaN, half: NaN, drop: NaN }, 'constant gold');
  });
  it('global pearson and spearman pool every response of the set', () => {
    const w = handWorld([
      [0, 1],
      [2, 3],
    ]);
    const set = wholePoolSet(w);
    near(metric('global-pearson', set, w, [0, 1, 2, 3.5]), 0.994376712684369, 1e-12, 'global Pearson'); // numpy.corrcoef([0,1,2,3],[0,1,2,3.5])
    near(metric('global-spearman', set, w, [0, 1, 3.5, 2]), 0.8, 1e-12, 'global Spearman');
  });
  it('reward variance: π0-weighted variance over each used prompt’s whole pool, averaged', () => {
    const w = handWorld([
      [0, 0, 0, 0],
      [9, 9],
      [0, 0, 0],
    ]);
    const proxy = [1, 2, 3, 4, 5, 5, 0, 0, 2];
    // prompts 0 and 2 used (prompt 1 not in the set): (1.25 + 24/27) / 2
    near(metric('reward-variance', wholePoolSet(w, { prompts: [0, 2] }), w, proxy), (1.25 + 24 / 27) / 2, 1e-12, 'uniform π0');
    const wp = handWorld([[0, 0]], [[Math.log(1), Math.log(3)]]);
    near(metric('reward-variance', wholePoolSet(wp), wp, [0, 4]), 3, 1e-12, 'π0 = (¼, ¾)');
  });
  it('ece: oriented p̂ in 10 bins on [½, 1] against σ(Δg/T); ties split both ways', () => {
    const w = handWorld([
      [0, 0],
      [0, Math.log(3) * 2],
    ]);
    const T = 2;
    // pair 1: p̂ = ¾, gold ½. pair 2 (reversed proxy): oriented p̂ = ¾, gold σ(−ln 3) = ¼
    const set = wholePoolSet(w, { temperature: T });
    near(metric('ece', set, w, [Math.log(3), 0, Math.log(3), 0]), Math.abs(0.75 - (0.5 + 0.25) / 2), 1e-12, 'two pairs in bin 5');
    const swapped = wholePoolSet(w, {
      temperature: T,
      pairs: [
        [1, 0],
        [3, 2],
      ],
      label: [0, 1],
    });
    near(metric('ece', swapped, w, [Math.log(3), 0, Math.log(3), 0]), 0.375, 1e-12, 'orientation does not matter');
    const tie = handWorld([[1, 0]]);
    near(metric('ece', wholePoolSet(tie, { ties: 'half' }), tie, [2, 2]), 0, 1e-15, 'a tie: p̂ = ½ against ½ on average');
    expect(metric('ece', wholePoolSet(tie, { ties: 'drop' }), tie, [2, 2])).toBeNaN();
  });
});

interface FixtureGroup {
  gold: number[];
  proxy: number[];
}
interface Fixture {
  sets: { description: string; groups: FixtureGroup[]; expected: Record<string, number | null> }[];
  ece: { T: number; goldA: number[]; goldB: number[]; proxyA: number[]; proxyB: number[]; ece: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics.json', import.meta.url), 'utf8')) as Fixture;

describe('metrics against scipy / numpy fixtures (test/fixtures/gen_metrics.py)', () => {
  for (const fx of fixture.sets) {
    it(`per-prompt Kendall/Spearman/Pearson, NDCG and global correlations match on ${fx.description}`, () => {
      const w = handWorld(fx.groups.map((g) => g.gold));
      const proxy = Float64Array.from(fx.groups.flatMap((g) => g.proxy));
      const half = computeMetrics(wholePoolSet(w, { ties: 'half' }), w.pools, w.gold, proxy, [
        ...METRIC_NAMES.filter((n) => !n.startsWith('matrix')),
      ]);
      const strict = computeMetrics(wholePoolSet(w, { ties: 'strict' }), w.pools, w.gold, proxy, ['ndcg']);
      const pairs: [string, number, number | null][] = [
        ['kendall', half.kendall, fx.expected.kendall],
        ['spearman', half.spearman, fx.expected.spearman],
        ['pearson', half.pearson, fx.expected.pearson],
        ['ndcg (half: tie-averaged)', half.ndcg, fx.expected.ndcgHalf],
        ['ndcg (strict: worst-first)', strict.ndcg, fx.expected.ndcgStrict],
        ['global-pearson', half['global-pearson'], fx.expected.globalPearson],
        ['global-spearman', half['global-spearman'], fx.expected.globalSpearman],
      ];
      for (const [what, actual, expected] of pairs) near(actual, expected!, 1e-12, `${fx.description}: ${what}`);
    });
  }
  it('ece matches the numpy implementation', () => {
    for (const c of fixture.ece) {
      const m = c.goldA.length;
      const w = handWorld([[...c.goldA, ...c.goldB]]);
      const proxy = Float64Array.from([...c.proxyA, ...c.proxyB]);
      const pairs = Array.from({ length: m }, (_, t) => [t, m + t] as [number, number]);
      const set = wholePoolSet(w, { temperature: c.T, pairs, label: new Array(m).fill(1) });
      near(metric('ece', set, w, proxy), c.ece, 1e-12, `ECE m=${m} T=${c.T}`);
    }
  });
});

describe('invariances', () => {
  const world = buildWorld({ evalPrompts: 60, evalPoolSize: 12, optPrompts: 2, poolSize: 2, gold: { offsetSd: 1, spreadSigma: 0.5 } }, 21);
  const noise = normal(Stream.from(21, 'test', 'noise'), world.eval.gold.length);
  const proxy = world.eval.gold.map((g, i) => g + 0.8 * noise[i]);
  const designs = [
    design({ name: 'all8', k: 8 }),
    design({ name: 'rmb', k: 6, pairing: 'chosen-rejected', chosen: 3 }),
    design({ name: 'math', k: 10, pairing: 'chosen-rejected', chosen: 1, source: 'shifted', shift: -0.5 }),
    design({ name: 'bvr', k: 5, pairing: 'best-vs-rest', labels: 'flip', flipRate: 0.1 }),
    design({ name: 'rnd', k: 4, pairing: 'random', pairsPerPrompt: 3, labels: 'bt', prompts: 40 }),
  ];
  const rankMetrics = [
    'accuracy',
    'best-of-k',
    'one-vs-rest',
    'mrr',
    'matrix',
    'matrix-easy',
    'matrix-normal',
    'matrix-hard',
    'kendall',
    'spearman',
    'global-spearman',
    'ndcg',
  ];

  it('a strictly increasing transform of the proxy leaves every rank metric unchanged', () => {
    const f = proxy.map((x) => 2 * x * x * x + x + 5);
    for (const d of designs) {
      const set = buildEvalSet(d, world.eval.pools, world.eval.gold, 1, 0);
      const names = metricsForDesign(d).filter((n) => rankMetrics.includes(n));
      expect(computeMetrics(set, world.eval.pools, world.eval.gold, f, names), d.name).toEqual(
        computeMetrics(set, world.eval.pools, world.eval.gold, proxy, names),
      );
      // and the scale-sensitive ones do move
      const before = computeMetrics(set, world.eval.pools, world.eval.gold, proxy, ['pearson', 'reward-variance', 'ece']);
      const after = computeMetrics(set, world.eval.pools, world.eval.gold, f, ['pearson', 'reward-variance', 'ece']);
      for (const n of ['pearson', 'reward-variance', 'ece']) expect(after[n], n).not.toBeCloseTo(before[n], 6);
    }
  });
  it('permuting the responses of a group (within chosen and within rejected) and the pairs leaves every metric unchanged', () => {
    for (const d of designs) {
      const set = buildEvalSet(d, world.eval.pools, world.eval.gold, 2, 0);
      const names = metricsForDesign(d);
      const perm: EvalSet = { ...set, responses: set.responses.slice() };
      for (let g = 0; g < set.offsets.length - 1; g++) {
        const lo = set.offsets[g];
        const hi = set.offsets[g + 1];
        const a = set.chosenCount ? set.chosenCount[g] : 0;
        perm.responses.set(Array.from(set.responses.subarray(lo, lo + a)).reverse(), lo);
        const rest = Array.from(set.responses.subarray(lo + a, hi));
        perm.responses.set([...rest.slice(g % rest.length), ...rest.slice(0, g % rest.length)].reverse(), lo + a);
      }
      const order = Array.from(set.pairA, (_, t) => t).reverse();
      perm.pairA = Int32Array.from(order, (t) => set.pairA[t]);
      perm.pairB = Int32Array.from(order, (t) => set.pairB[t]);
      perm.label = Int8Array.from(order, (t) => set.label[t]);
      const x = computeMetrics(set, world.eval.pools, world.eval.gold, proxy, names);
      const y = computeMetrics(perm, world.eval.pools, world.eval.gold, proxy, names);
      for (const n of names) near(y[n], x[n], 1e-12, `${d.name}: ${n}`);
    }
  });
});

describe('closed forms (Monte Carlo, fixed seeds, tolerances of a few standard errors)', () => {
  // Gaussian world with unit within-prompt spread: proxy = gold + σ·noise has within-prompt correlation ρ = 1/√(1+σ²)
  const world = buildWorld({ evalPrompts: 400, evalPoolSize: 10, optPrompts: 2, poolSize: 2 }, 33);
  const sigma = 0.75;
  const rho = 1 / Math.sqrt(1 + sigma * sigma);
  const noise = normal(Stream.from(33, 'test', 'noise'), world.eval.gold.length);
  const proxy = world.eval.gold.map((g, i) => g + sigma * noise[i]);
  const all = design({ name: 'all', k: 10 });
  const set = buildEvalSet(all, world.eval.pools, world.eval.gold, 1, 0);

  /** standard error of a mean of per-prompt values */
  const seOf = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length);
  };
  const perPrompt = (name: string) =>
    Array.from({ length: 400 }, (_, p) => {
      const w = handWorld([Array.from(world.eval.gold.subarray(10 * p, 10 * p + 10))]);
      return metric(name, wholePoolSet(w), w, proxy.subarray(10 * p, 10 * p + 10));
    });

  it('pairwise accuracy = ½ + arcsin(ρ)/π and mean Kendall τ = (2/π)·arcsin(ρ)', () => {
    const m = computeMetrics(set, world.eval.pools, world.eval.gold, proxy, ['accuracy', 'kendall']);
    near(m.accuracy, 0.5 + Math.asin(rho) / Math.PI, 4 * seOf(perPrompt('accuracy')), 'accuracy');
    near(m.kendall, (2 / Math.PI) * Math.asin(rho), 4 * seOf(perPrompt('kendall')), 'Kendall τ');
  });
  it('labels flipped at rate ε give ε + (1 − 2ε)·A', () => {
    const eps = 0.2;
    const A = computeMetrics(set, world.eval.pools, world.eval.gold, proxy, ['accuracy']).accuracy;
    const flip = design({ name: 'flip', k: 10, labels: 'flip', flipRate: eps });
    const R = 10;
    let sum = 0;
    for (let r = 0; r < R; r++)
      sum += computeMetrics(buildOn(flip, world, 1, r), world.eval.pools, world.eval.gold, proxy, ['accuracy']).accuracy;
    const N = R * set.pairA.length;
    near(sum / R, eps + (1 - 2 * eps) * A, 4 * Math.sqrt((eps * (1 - eps)) / N), `flipped accuracy (A = ${A})`);
  });
  it('Bradley–Terry labels give the mean of σ(Δg/T) or 1 − σ(Δg/T) by whether the proxy agrees with gold', () => {
    const T = 0.5;
    const bt = design({ name: 'bt', k: 10, labels: 'bt', temperature: T });
    const g = world.eval.gold;
    let expected = 0;
    let variance = 0;
    for (let t = 0; t < set.pairA.length; t++) {
      const a = set.pairA[t];
      const b = set.pairB[t];
      const s = 1 / (1 + Math.exp(-(g[a] - g[b]) / T));
      expected += proxy[a] > proxy[b] ? s : 1 - s;
      variance += s * (1 - s);
    }
    const N = set.pairA.length;
    const acc = computeMetrics(buildOn(bt, world, 1, 0), world.eval.pools, world.eval.gold, proxy, ['accuracy']).accuracy;
    near(acc, expected / N, (4 * Math.sqrt(variance)) / N, 'accuracy against BT labels');
  });
  it('the gold proxy scores perfectly on every rank metric, ECE 0 at T = 1', () => {
    const gold = world.eval.gold;
    const rm = design({ name: 'rm', k: 6, pairing: 'chosen-rejected', chosen: 3 });
    const m = computeMetrics(buildOn(rm, world, 1, 0), world.eval.pools, world.eval.gold, gold, metricsForDesign(rm));
    for (const n of [
      'accuracy',
      'best-of-k',
      'one-vs-rest',
      'mrr',
      'matrix',
      'matrix-easy',
      'matrix-normal',
      'matrix-hard',
      'kendall',
      'spearman',
      'pearson',
      'global-pearson',
      'global-spearman',
      'ndcg',
    ]) {
      near(m[n], 1, 1e-12, n);
    }
    near(m.ece, 0, 1e-15, 'ece');
  });
});
