import { describe, expect, it } from 'vitest';
import type { EvalSet } from '../../src/data/evalset.js';
import { RmsimError } from '../../src/errors.js';
import {
  annotationBudget,
  buildEvalSet,
  designSchema,
  type EvalDesignInput,
  parseDesign,
  parseDesigns,
  validateDesigns,
} from '../../src/evalset/index.js';
import { buildWorld } from '../../src/world/world.js';
import { buildOn, handWorld, near } from './helpers.js';

const design = (d: EvalDesignInput = {}) => designSchema.parse(d);
const repeat = (pool: number[], n: number) => Array.from({ length: n }, () => pool);
const pairsOf = (s: EvalSet) => Array.from(s.pairA, (a, t) => [a, s.pairB[t]]);
const groupsOf = (s: EvalSet) =>
  Array.from({ length: s.offsets.length - 1 }, (_, g) => Array.from(s.responses.subarray(s.offsets[g], s.offsets[g + 1])));

/** Expect a frequency `hits / n` within 4 binomial standard errors of p. */
function freq(hits: number, n: number, p: number, what: string): void {
  near(hits / n, p, 4 * Math.sqrt((p * (1 - p)) / n) + 1e-12, what);
}

function configError(fn: () => unknown, message: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected a CONFIG error matching ${message}`).toBeInstanceOf(RmsimError);
  expect((err as RmsimError).code).toBe('CONFIG');
  expect((err as RmsimError).message).toMatch(message);
}

describe('designSchema', () => {
  it('fills every default and describes every field', () => {
    const d = design();
    expect(d).toMatchObject({
      name: 'main',
      prompts: 'all',
      k: 2,
      source: 'pool',
      pairing: 'all',
      labels: 'gold',
      ties: 'half',
      temperature: 1,
    });
    for (const [key, field] of Object.entries(designSchema.shape)) {
      expect((field as { description?: string }).description, `field ${key}`).toMatch(/\w{3}/);
    }
  });
  it('rejects an unknown key naming it as a field of designs[i]', () => {
    configError(() => parseDesign({ k: 4, kk: 3 }, 2), /^designs\[2\]\.kk: unknown key/);
  });
  it('rejects bad values naming the field', () => {
    configError(() => parseDesign({ k: 1 }, 0), /^designs\[0\]\.k: /);
    configError(() => parseDesign({ prompts: 0 }, 1), /^designs\[1\]\.prompts: /);
    configError(() => parseDesign({ source: 'other' }, 0), /^designs\[0\]\.source: /);
    configError(() => parseDesign({ temperature: 0 }, 0), /^designs\[0\]\.temperature: /);
    configError(() => parseDesign({ flipRate: 1.5 }, 0), /^designs\[0\]\.flipRate: /);
  });
});

describe('validateDesigns', () => {
  const sizes = { evalPrompts: 50, evalPoolSize: 16 };
  it('rejects k above the eval pool size naming designs[i].k', () => {
    configError(() => parseDesigns([{ name: 'a' }, { name: 'b', k: 17 }], sizes), /^designs\[1\]\.k: 17 exceeds the eval pool size \(16\)/);
  });
  it('rejects more prompts than the world has naming designs[i].prompts', () => {
    configError(() => parseDesigns([{ prompts: 51 }], sizes), /^designs\[0\]\.prompts: 51 exceeds the world's eval prompts \(50\)/);
  });
  it('rejects a k ≥ 3 metric on a k = 2 design naming the design and the metric', () => {
    configError(
      () => parseDesigns([{ name: 'pairs', k: 2, metrics: ['accuracy', 'kendall'] }], sizes),
      /^designs\[0\]\.k: metric 'kendall' needs k ≥ 3, but design 'pairs' has k = 2/,
    );
  });
  it('rejects unknown metrics, metrics whose structure is missing, and duplicate names', () => {
    configError(() => parseDesigns([{ k: 4, metrics: ['accuracy', 'acc'] }], sizes), /^designs\[0\]\.metrics\[1\]: unknown metric 'acc'/);
    configError(() => parseDesigns([{ k: 4, metrics: ['matrix'] }], sizes), /^designs\[0\]\.pairing: metric 'matrix'/);
    configError(
      () => parseDesigns([{ k: 6, pairing: 'chosen-rejected', chosen: 1, metrics: ['matrix-hard'] }], sizes),
      /^designs\[0\]\.chosen: metric 'matrix-hard'/,
    );
    configError(() => parseDesigns([{ name: 'x' }, { name: 'x', k: 4 }], sizes), /^designs\[1\]\.name: 'x' is already/);
  });
  it('rejects impossible pairings and bins naming the field', () => {
    configError(
      () => parseDesigns([{ k: 3, pairing: 'random', pairsPerPrompt: 4 }], sizes),
      /^designs\[0\]\.pairsPerPrompt: 4 exceeds C\(k, 2\) = 3/,
    );
    configError(() => parseDesigns([{ k: 4, pairing: 'chosen-rejected', chosen: 4 }], sizes), /^designs\[0\]\.chosen: 4 must be < k/);
    configError(() => parseDesigns([{ source: 'rank-bins', bins: 4, binA: 2, binB: 2 }], sizes), /^designs\[0\]\.binB: must differ/);
    configError(() => parseDesigns([{ source: 'rank-bins', bins: 4, binB: 4 }], sizes), /^designs\[0\]\.binB: 4 must be < bins/);
    configError(() => parseDesigns([{ source: 'rank-bins', bins: 8, k: 6 }], sizes), /^designs\[0\]\.k: needs 3 responses from one bin/);
    configError(
      () => parseDesigns([{ source: 'rank-bins', binA: 3, binB: 0, pairing: 'chosen-rejected' }], sizes),
      /^designs\[0\]\.binA: .*higher-gold bin/,
    );
  });
  it('accepts the designs of the paper and of the benchmarks', () => {
    expect(() =>
      validateDesigns(
        [
          design({ name: 'k2' }),
          design({ name: 'k8', k: 8 }),
          design({ name: 'rewardmath', k: 10, pairing: 'chosen-rejected', chosen: 1 }),
          design({
            name: 'rmbench',
            k: 6,
            pairing: 'chosen-rejected',
            chosen: 3,
            metrics: ['matrix', 'matrix-easy', 'matrix-normal', 'matrix-hard'],
          }),
          design({ name: 'bins', source: 'rank-bins', bins: 4, binA: 0, binB: 3 }),
        ],
        sizes,
      ),
    ).not.toThrow();
  });
});

describe('annotationBudget', () => {
  it('counts labelled pairs and annotated responses for each pairing', () => {
    expect(annotationBudget(design({ k: 2, prompts: 10 }), 50)).toMatchObject({ labelledPairs: 10, annotatedResponses: 20 });
    expect(annotationBudget(design({ k: 4, prompts: 10 }), 50)).toMatchObject({
      labelledPairs: 60,
      annotatedResponses: 40,
      pairsPerPrompt: 6,
    });
    expect(annotationBudget(design({ k: 4, prompts: 10, pairing: 'random', pairsPerPrompt: 2 }), 50)).toMatchObject({
      labelledPairs: 20,
      annotatedResponses: 40,
    });
    expect(annotationBudget(design({ k: 4, pairing: 'best-vs-rest' }), 50)).toMatchObject({
      prompts: 50,
      labelledPairs: 150,
      annotatedResponses: 200,
    });
    expect(annotationBudget(design({ k: 6, prompts: 10, pairing: 'chosen-rejected', chosen: 3 }), 50)).toMatchObject({
      labelledPairs: 90,
      annotatedResponses: 60,
    });
    expect(annotationBudget(design({ k: 10, prompts: 10, pairing: 'chosen-rejected', chosen: 1 }), 50)).toMatchObject({
      labelledPairs: 90,
      annotatedResponses: 100,
    });
  });
  it('matches the pairs a built set actually holds', () => {
    const w = handWorld(repeat([5, 1, 4, 2, 3, 0], 7));
    for (const d of [
      design({ k: 5 }),
      design({ k: 6, pairing: 'chosen-rejected', chosen: 2 }),
      design({ k: 4, pairing: 'random', pairsPerPrompt: 5 }),
    ]) {
      const set = buildEvalSet(d, w.pools, w.gold, 1, 0);
      expect(set.pairA.length).toBe(annotationBudget(d, 7).labelledPairs);
      expect(set.responses.length).toBe(annotationBudget(d, 7).annotatedResponses);
    }
  });
});

describe('buildEvalSet: pairing and labels by hand', () => {
  it("'all' with k = K labels all C(k,2) pairs by gold order", () => {
    const w = handWorld([[3, 1, 2]]);
    const set = buildEvalSet(design({ k: 3 }), w.pools, w.gold, 1, 0);
    expect(Array.from(set.responses)).toEqual([0, 1, 2]);
    expect(pairsOf(set)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(Array.from(set.label)).toEqual([1, 1, -1]);
    expect(set.chosenCount).toBeNull();
    expect(Array.from(set.offsets)).toEqual([0, 3]);
    expect(Array.from(set.prompts)).toEqual([0]);
  });
  it('labels a gold tie 0', () => {
    const set = buildOn(design({ k: 2 }), handWorld([[2, 2]]), 1, 0);
    expect(Array.from(set.label)).toEqual([0]);
  });
  it("'best-vs-rest' puts the gold-best first and pairs it with each other response", () => {
    const set = buildOn(design({ k: 4, pairing: 'best-vs-rest' }), handWorld([[1, 5, 3, 2]]), 1, 0);
    expect(Array.from(set.responses)).toEqual([1, 0, 2, 3]);
    expect(Array.from(set.chosenCount!)).toEqual([1]);
    expect(pairsOf(set)).toEqual([
      [1, 0],
      [1, 2],
      [1, 3],
    ]);
    expect(Array.from(set.label)).toEqual([1, 1, 1]);
  });
  it("'chosen-rejected' 3×3 (RM-Bench) pairs the top 3 by gold with the other 3", () => {
    const set = buildOn(design({ k: 6, pairing: 'chosen-rejected', chosen: 3 }), handWorld([[0.1, 0.9, 0.5, 0.7, 0.2, 0.3]]), 1, 0);
    expect(Array.from(set.responses)).toEqual([1, 2, 3, 0, 4, 5]);
    expect(Array.from(set.chosenCount!)).toEqual([3]);
    expect(pairsOf(set)).toEqual([1, 2, 3].flatMap((c) => [0, 4, 5].map((r) => [c, r])));
    expect(Array.from(set.label)).toEqual(new Array(9).fill(1));
  });
  it("'chosen-rejected' 1:9 (RewardMATH) has 9 pairs per prompt", () => {
    const pool = [3, 1, 4, 1.5, 9, 2, 6, 5, 3.5, 8];
    const set = buildOn(design({ k: 10, pairing: 'chosen-rejected', chosen: 1 }), handWorld(repeat(pool, 3)), 1, 0);
    expect(set.pairA.length).toBe(27);
    for (let g = 0; g < 3; g++) expect(set.responses[g * 10]).toBe(g * 10 + 4);
  });
  it("'random' draws p distinct pairs a prompt, each of the C(k,2) equally often", () => {
    const n = 3000;
    const set = buildOn(design({ k: 4, pairing: 'random', pairsPerPrompt: 2 }), handWorld(repeat([0, 1, 2, 3], n)), 5, 0);
    const counts = new Map<string, number>();
    for (let g = 0; g < n; g++) {
      const keys = [0, 1].map((t) => `${set.pairA[2 * g + t] - 4 * g},${set.pairB[2 * g + t] - 4 * g}`);
      expect(keys[0]).not.toBe(keys[1]);
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['0,1', '0,2', '0,3', '1,2', '1,3', '2,3']);
    for (const [key, c] of counts) freq(c, n, 1 / 3, `pair ${key}`);
  });
  it("'flip' reverses labels at rate ε and leaves gold ties at 0", () => {
    const n = 20000;
    const set = buildOn(design({ labels: 'flip', flipRate: 0.3 }), handWorld([...repeat([1, 0], n), [4, 4]]), 2, 0);
    const flipped = Array.from(set.label.subarray(0, n)).filter((l) => l === -1).length;
    freq(flipped, n, 0.3, 'flip rate');
    expect(set.label[n]).toBe(0);
  });
  it("'bt' labels A preferred with probability σ((g_A − g_B)/T)", () => {
    const n = 20000;
    const set = buildOn(design({ labels: 'bt', temperature: 0.5 }), handWorld(repeat([0.7, 0], n)), 3, 0);
    const wins = Array.from(set.label).filter((l) => l === 1).length;
    expect(Array.from(set.label).every((l) => l === 1 || l === -1)).toBe(true);
    freq(wins, n, 1 / (1 + Math.exp(-1.4)), 'P(A preferred)');
  });
});

describe('buildEvalSet: response sources', () => {
  it("'pool' draws k distinct responses of the prompt's pool, each with probability k/K", () => {
    const n = 3000;
    const set = buildOn(design({ k: 3 }), handWorld(repeat([0, 1, 2, 3, 4, 5, 6, 7], n)), 9, 0);
    const counts = new Array(8).fill(0);
    groupsOf(set).forEach((grp, g) => {
      expect(new Set(grp).size).toBe(3);
      for (const r of grp) {
        expect(r).toBeGreaterThanOrEqual(8 * g);
        expect(r).toBeLessThan(8 * g + 8);
        counts[r - 8 * g]++;
      }
    });
    counts.forEach((c, i) => freq(c, n, 3 / 8, `inclusion of pool index ${i}`));
  });
  it("'pool' with log π0 draws k = 2 by successive sampling with probability π0", () => {
    const n = 6000;
    const pi0 = [0.1, 0.2, 0.3, 0.4];
    const w = handWorld(repeat([0, 1, 2, 3], n), repeat(pi0.map(Math.log), n));
    const set = buildEvalSet(design({ k: 2 }), w.pools, w.gold, 4, 0);
    const counts = new Array(4).fill(0);
    groupsOf(set).forEach((grp, g) => grp.forEach((r) => counts[r - 4 * g]++));
    // successive sampling of 2: P(i included) = p_i + Σ_{j≠i} p_j p_i / (1 − p_j)
    pi0.forEach((p, i) => {
      const incl = p + pi0.reduce((s, q, j) => (j === i ? s : s + (q * p) / (1 - q)), 0);
      freq(counts[i], n, incl, `inclusion of response ${i}`);
    });
  });
  it("'shifted' samples k = 2 successively with probability ∝ exp(shift·z)", () => {
    const n = 8000;
    const gold = [0, 1, 2, 3];
    const sd = Math.sqrt(1.25);
    for (const shift of [1, -0.5]) {
      const set = buildOn(design({ k: 2, source: 'shifted', shift }), handWorld(repeat(gold, n)), 6, 0);
      const w = gold.map((g) => Math.exp((shift * (g - 1.5)) / sd));
      const W = w.reduce((a, b) => a + b);
      const p = w.map((x) => x / W);
      // k = 2 by successive sampling: P({i, j}) = p_i p_j (1/(1 − p_i) + 1/(1 − p_j))
      const counts = new Map<string, number>();
      groupsOf(set).forEach((grp, g) => {
        const key = grp.map((r) => r - 4 * g).join(',');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      });
      for (let i = 0; i < 4; i++) {
        for (let j = i + 1; j < 4; j++) {
          const pij = p[i] * p[j] * (1 / (1 - p[i]) + 1 / (1 - p[j]));
          freq(counts.get(`${i},${j}`) ?? 0, n, pij, `shift ${shift}: pair {${i},${j}}`);
        }
      }
    }
  });
  it("'shifted' with a large shift takes the top (or bottom) k by gold", () => {
    const w = handWorld(repeat([0.3, 2.0, -1.0, 1.1, 0.0, -0.4], 50));
    const up = buildEvalSet(design({ k: 2, source: 'shifted', shift: 60 }), w.pools, w.gold, 1, 0);
    const down = buildEvalSet(design({ k: 2, source: 'shifted', shift: -60 }), w.pools, w.gold, 1, 0);
    groupsOf(up).forEach((grp, g) => expect(grp.map((r) => r - 6 * g)).toEqual([1, 3]));
    groupsOf(down).forEach((grp, g) => expect(grp.map((r) => r - 6 * g)).toEqual([2, 5]));
  });
  it("'rank-bins' draws from gold-rank bins binA and binB", () => {
    const n = 4000;
    // sorted by gold: 80(5) 70(1) | 60(7) 50(3) | 40(6) 30(2) | 20(4) 10(0)
    const w = handWorld(repeat([10, 70, 30, 50, 20, 80, 40, 60], n));
    const set = buildEvalSet(design({ k: 2, source: 'rank-bins', bins: 4, binA: 0, binB: 3 }), w.pools, w.gold, 8, 0);
    const counts = new Map<number, number>();
    groupsOf(set).forEach((grp, g) => {
      const local = grp.map((r) => r - 8 * g);
      expect(local.filter((r) => r === 5 || r === 1).length).toBe(1);
      expect(local.filter((r) => r === 4 || r === 0).length).toBe(1);
      for (const r of local) counts.set(r, (counts.get(r) ?? 0) + 1);
    });
    for (const r of [5, 1, 4, 0]) freq(counts.get(r)!, n, 0.5, `response ${r}`);
    // uneven bins (K = 10, B = 4: sizes 2, 3, 2, 3) and ⌈k/2⌉ from binA with chosen-rejected split
    const w10 = handWorld([[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]);
    const s2 = buildOn(design({ k: 4, source: 'rank-bins', bins: 4, binA: 1, binB: 3, pairing: 'chosen-rejected', chosen: 2 }), w10, 1, 0);
    for (const r of s2.responses.subarray(0, 2)) expect([2, 3, 4]).toContain(r);
    for (const r of s2.responses.subarray(2, 4)) expect([7, 8, 9]).toContain(r);
  });
  it('uses a uniformly random subset of M prompts per replicate', () => {
    const w = handWorld(repeat([1, 0], 10));
    const d = design({ prompts: 3 });
    const counts = new Array(10).fill(0);
    const R = 1500;
    for (let r = 0; r < R; r++) {
      const set = buildEvalSet(d, w.pools, w.gold, 11, r);
      const ps = Array.from(set.prompts);
      expect(ps).toEqual([...new Set(ps)].sort((a, b) => a - b));
      expect(ps.length).toBe(3);
      groupsOf(set).forEach((grp, g) => expect(grp.every((x) => x >= 2 * ps[g] && x < 2 * ps[g] + 2)).toBe(true));
      for (const p of ps) counts[p]++;
    }
    counts.forEach((c, p) => freq(c, R, 0.3, `prompt ${p}`));
  });
});

describe('buildEvalSet: reproducibility and errors', () => {
  const world = buildWorld({ evalPrompts: 40, evalPoolSize: 12, optPrompts: 2, poolSize: 2 }, 5);
  const d = design({ name: 'r', k: 4, prompts: 20, labels: 'flip', flipRate: 0.2, pairing: 'random', pairsPerPrompt: 3 });
  it('is a pure function of (design, world, seed, replicate)', () => {
    const a = buildEvalSet(d, world.eval.pools, world.eval.gold, 3, 0);
    buildEvalSet(design({ name: 'other', k: 6 }), world.eval.pools, world.eval.gold, 3, 0);
    expect(buildEvalSet(d, world.eval.pools, world.eval.gold, 3, 0)).toEqual(a);
    expect(buildEvalSet(d, world.eval.pools, world.eval.gold, 3, 1).prompts).not.toEqual(a.prompts);
    expect(buildEvalSet(d, world.eval.pools, world.eval.gold, 4, 0).prompts).not.toEqual(a.prompts);
    expect(buildOn({ ...d, name: 'r2' }, world, 3, 0).prompts).not.toEqual(a.prompts);
    expect(a.design).toBe('r');
    expect(a.replicate).toBe(0);
  });
  it('rejects a world too small for the design, naming the design and field', () => {
    configError(
      () => buildEvalSet(design({ name: 'big', k: 13 }), world.eval.pools, world.eval.gold, 1, 0),
      /^design 'big'\.k: 13 exceeds the eval pool size 12/,
    );
    configError(
      () => buildEvalSet(design({ name: 'many', prompts: 41 }), world.eval.pools, world.eval.gold, 1, 0),
      /^design 'many'\.prompts: 41 exceeds/,
    );
    configError(() => buildEvalSet(d, world.eval.pools, world.eval.gold, 1, -1), /replicate/);
  });
  it('handles k = K and M = all prompts (the whole eval pool)', () => {
    const set = buildEvalSet(design({ k: 12 }), world.eval.pools, world.eval.gold, 1, 0);
    expect(Array.from(set.responses)).toEqual(Array.from({ length: 480 }, (_, i) => i));
    expect(set.pairA.length).toBe(40 * 66);
  });
});
