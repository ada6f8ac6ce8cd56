import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { btDiffs, btGradient, btLoss, trainBT } from '../../src/core/bt.js';
import { btEvalRef, trainBTRef } from '../../src/core/bt.ref.js';
import { MAX_BT_VALUES } from '../../src/core/limits.js';
import { memoryInUse, putF64, scoped } from '../../src/core/memory.js';
import { normal, uniform } from '../../src/core/rng.js';
import { Stream } from '../../src/core/stream.js';
import { RmsimError } from '../../src/errors.js';

interface FixtureCase {
  name: string;
  n: number;
  d: number;
  lambda: number;
  diffs: number[];
  labels: number[];
  probe: number[];
  probeLoss: number;
  probeGradient: number[];
  optimum: number[];
  optimumLoss: number;
}
const fixture: { numpy: string; scipy: string; cases: FixtureCase[] } = JSON.parse(
  readFileSync(new URL('../fixtures/bt.json', import.meta.url), 'utf8'),
);

/** Expect |actual − expected| ≤ tol, printing the context, the values and the tolerance on failure. */
function expectNear(actual: number, expected: number, tol: number, context: string): void {
  expect(Math.abs(actual - expected), `${context}: expected ${expected} ± ${tol}, got ${actual}`).toBeLessThanOrEqual(tol);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

interface Problem {
  diffs: Float64Array;
  labels: Float64Array;
  gold: Float64Array;
  wTrue: Float64Array;
}

/**
 * n pairs of standard-normal feature differences in d dimensions, true weights w (unit norm ×
 * `scale`), gold gap g = w·Δ; labels: 'hard' = 1[g > 0] flipped with probability `flip`,
 * 'bt' = Bernoulli(σ(g)), 'soft' = σ(g) itself. w comes from `wSeed` (default: `seed`).
 */
function problem(seed: string, n: number, d: number, labels: 'hard' | 'bt' | 'soft', { flip = 0, scale = 2, wSeed = seed } = {}): Problem {
  const diffs = normal(Stream.from(seed, 'diffs'), n * d);
  const wTrue = normal(Stream.from(wSeed, 'w'), d);
  const norm = Math.hypot(...wTrue);
  for (let k = 0; k < d; k++) wTrue[k] *= scale / norm;
  const u = uniform(Stream.from(seed, 'labels'), n);
  const gold = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let g = 0;
    for (let k = 0; k < d; k++) g += diffs[i * d + k] * wTrue[k];
    gold[i] = g;
    if (labels === 'hard') y[i] = +(g > 0) !== +(u[i] < flip) ? 1 : 0;
    else if (labels === 'bt') y[i] = +(u[i] < sigmoid(g));
    else y[i] = sigmoid(g);
  }
  return { diffs, labels: y, gold, wTrue };
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < a.length; k++) {
    ab += a[k] * b[k];
    aa += a[k] * a[k];
    bb += b[k] * b[k];
  }
  return ab / Math.sqrt(aa * bb);
}

function expectInvalid(fn: () => unknown, field: string, pattern?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RmsimError);
    expect((e as RmsimError).code).toBe('INVALID_ARGUMENT');
    expect((e as RmsimError).field).toBe(field);
    if (pattern) expect((e as RmsimError).message).toMatch(pattern);
    return;
  }
  throw new Error(`expected INVALID_ARGUMENT naming ${field}`);
}

describe('btLoss and btGradient', () => {
  it(`match numpy's log-loss and gradient at a probe point (fixture: numpy ${fixture.numpy})`, () => {
    for (const c of fixture.cases) {
      for (const kernel of ['simd', 'scalar'] as const) {
        const { loss, gradient } = btGradient(c.diffs, c.labels, c.probe, { lambda: c.lambda, kernel });
        expectNear(loss, c.probeLoss, 1e-13 * (1 + Math.abs(c.probeLoss)), `${c.name} loss (${kernel})`);
        expect(btLoss(c.diffs, c.labels, c.probe, { lambda: c.lambda, kernel })).toBe(loss);
        for (let k = 0; k < c.d; k++) expectNear(gradient[k], c.probeGradient[k], 1e-13, `${c.name} gradient[${k}] (${kernel})`);
      }
    }
  });

  it('the gradient matches central finite differences of the loss', () => {
    for (const [d, labels, lambda] of [
      [5, 'hard', 0.01],
      [16, 'soft', 0],
      [3, 'bt', 0.5],
    ] as const) {
      const p = problem(`fd-${d}`, 501, d, labels);
      const w = Array.from(normal(Stream.from('fd', d, 'w'), d), (v) => 0.7 * v);
      const { gradient } = btGradient(p.diffs, p.labels, w, { lambda });
      const h = 1e-5;
      for (let k = 0; k < d; k++) {
        const wp = w.slice();
        const wm = w.slice();
        wp[k] += h;
        wm[k] -= h;
        const fd = (btLoss(p.diffs, p.labels, wp, { lambda }) - btLoss(p.diffs, p.labels, wm, { lambda })) / (2 * h);
        // truncation h²·f'''/6 ~ 1e-11 plus rounding 1e-16/h ~ 1e-11
        expectNear(gradient[k], fd, 1e-9, `d=${d} ${labels} λ=${lambda} ∂f/∂w[${k}]`);
      }
    }
  });

  it('the SIMD kernel and its scalar twin give the same bits for every d from 1 to 64 and odd n', () => {
    for (const d of [1, 2, 3, 7, 8, 15, 16, 33, 63, 64]) {
      for (const n of [0, 1, 2, 3, 127]) {
        const p = problem(`twin-${d}-${n}`, n, d, 'bt');
        const w = Array.from(normal(Stream.from('twin', d), d));
        const a = btGradient(p.diffs, p.labels, w, { lambda: 0.1, kernel: 'simd' });
        const b = btGradient(p.diffs, p.labels, w, { lambda: 0.1, kernel: 'scalar' });
        expect(a.loss, `d=${d} n=${n}`).toBe(b.loss);
        expect(Array.from(a.gradient), `d=${d} n=${n}`).toEqual(Array.from(b.gradient));
      }
    }
  });

  it('agrees with the TypeScript reference, including large |w·Δ| where exp underflows', () => {
    for (const [d, scale] of [
      [16, 1],
      [9, 200],
      [64, 5],
    ] as const) {
      const p = problem(`ref-${d}`, 1001, d, 'hard', { flip: 0.1 });
      const w = Array.from(normal(Stream.from('ref', d), d), (v) => v * scale);
      const g = new Float64Array(d);
      const loss = btEvalRef(p.diffs, p.labels, d, w, 0.05, g);
      const r = btGradient(p.diffs, p.labels, w, { lambda: 0.05 });
      expectNear(r.loss, loss, 1e-13 * Math.abs(loss), `d=${d} scale=${scale} loss`);
      const gmax = Math.max(...g.map(Math.abs));
      for (let k = 0; k < d; k++) expectNear(r.gradient[k], g[k], 1e-13 * gmax, `d=${d} scale=${scale} gradient[${k}]`);
    }
  });
});

describe('trainBT', () => {
  it(`reaches scipy's optimum of the penalized log-loss (fixture: scipy ${fixture.scipy} trust-exact)`, () => {
    for (const c of fixture.cases) {
      for (const kernel of ['simd', 'scalar'] as const) {
        const r = trainBT(c.diffs, c.labels, { d: c.d, lambda: c.lambda, kernel });
        expect(r.converged, c.name).toBe(true);
        expect(r.iterations, c.name).toBeLessThanOrEqual(15);
        expectNear(r.trainLoss, c.optimumLoss, 1e-12, `${c.name} loss (${kernel})`);
        for (let k = 0; k < c.d; k++)
          expectNear(r.weights[k], c.optimum[k], 1e-7 * (1 + Math.abs(c.optimum[k])), `${c.name} w[${k}] (${kernel})`);
        expect(r.gradientMax, c.name).toBeLessThan(1e-10);
      }
    }
  });

  it('agrees with the TypeScript reference Newton iteration, step for step', () => {
    for (const [d, labels, lambda] of [
      [16, 'bt', 0],
      [5, 'hard', 0.01],
      [33, 'soft', 0.001],
    ] as const) {
      const p = problem(`train-ref-${d}`, 2001, d, labels);
      const ref = trainBTRef(p.diffs, p.labels, d, { lambda });
      const r = trainBT(p.diffs, p.labels, { d, lambda });
      expect(r.iterations, `d=${d}`).toBe(ref.iterations);
      expect(r.converged).toBe(ref.converged);
      expectNear(r.trainLoss, ref.trainLoss, 1e-13, `d=${d} loss`);
      for (let k = 0; k < d; k++) expectNear(r.weights[k], ref.weights[k], 1e-9 * (1 + Math.abs(ref.weights[k])), `d=${d} w[${k}]`);
    }
  });

  it('is deterministic, and the SIMD and scalar kernels train to the same bits', () => {
    const p = problem('det', 10_001, 16, 'bt');
    const a = trainBT(p.diffs, p.labels, { d: 16, lambda: 1e-3 });
    const b = trainBT(p.diffs, p.labels, { d: 16, lambda: 1e-3 });
    const s = trainBT(p.diffs, p.labels, { d: 16, lambda: 1e-3, kernel: 'scalar' });
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    expect(Array.from(s.weights)).toEqual(Array.from(a.weights));
    expect(s.trainLoss).toBe(a.trainLoss);
    expect(s.iterations).toBe(a.iterations);
  });

  it('recovers the true weights (cosine > 0.99) from many pairs with clean labels', () => {
    const d = 16;
    // labels drawn from the Bradley–Terry model itself: the MLE is consistent, λ = 0
    const bt = problem('recover-bt', 200_000, d, 'bt');
    const r1 = trainBT(bt.diffs, bt.labels, { d });
    expect(r1.converged).toBe(true);
    expect(cosine(r1.weights, bt.wTrue)).toBeGreaterThan(0.999);
    // deterministic labels 1[g_a > g_b]: separable, so a small penalty keeps the optimum finite
    const hard = problem('recover-hard', 200_000, d, 'hard');
    const r2 = trainBT(hard.diffs, hard.labels, { d, lambda: 1e-4 });
    expect(r2.converged).toBe(true);
    expect(cosine(r2.weights, hard.wTrue)).toBeGreaterThan(0.99);
  });

  it('held-out accuracy on labels flipped at rate ε is ε + (1 − 2ε)·(clean accuracy)', () => {
    const d = 8;
    const m = 100_000;
    for (const eps of [0, 0.1, 0.3]) {
      const train = problem(`flip-train-${eps}`, 50_000, d, 'hard', { flip: eps, wSeed: 'flip' });
      const r = trainBT(train.diffs, train.labels, { d, lambda: 1e-3 });
      // the flip model is symmetric, so the learned direction stays close to w
      expect(cosine(r.weights, train.wTrue), `ε=${eps}`).toBeGreaterThan(0.99);
      const test = problem(`flip-test-${eps}`, m, d, 'hard', { flip: eps, wSeed: 'flip' });
      const clean = problem(`flip-test-${eps}`, m, d, 'hard', { wSeed: 'flip' });
      let agreeNoisy = 0;
      let agreeClean = 0;
      for (let i = 0; i < m; i++) {
        let z = 0;
        for (let k = 0; k < d; k++) z += test.diffs[i * d + k] * r.weights[k];
        agreeNoisy += +(+(z > 0) === test.labels[i]);
        agreeClean += +(+(z > 0) === clean.labels[i]);
      }
      const A = agreeClean / m;
      const predicted = eps + (1 - 2 * eps) * A;
      // given the clean agreements, each flip (independent, rate ε) toggles one agreement: the
      // measured fraction has mean ε + (1 − 2ε)·A and standard error √(ε(1 − ε)/m)
      const se = Math.sqrt((eps * (1 - eps)) / m) + 1e-12;
      expectNear(agreeNoisy / m, predicted, 4 * se, `ε=${eps} (clean accuracy ${A})`);
    }
  });

  it('handles n = 0, n = 1, all labels equal, and λ = 0 on separable pairs', () => {
    const zero = trainBT([], [], { d: 3, lambda: 0 });
    expect(zero).toMatchObject({ trainLoss: 0, iterations: 0, converged: true });
    expect(Array.from(zero.weights)).toEqual([0, 0, 0]);
    const one = trainBT([1, -2], [1], { d: 2, lambda: 0.1 });
    expect(one.converged).toBe(true);
    expect(one.gradientMax).toBeLessThan(1e-12);
    const oneRef = trainBTRef(new Float64Array([1, -2]), new Float64Array([1]), 2, { lambda: 0.1 });
    for (let k = 0; k < 2; k++) expectNear(one.weights[k], oneRef.weights[k], 1e-12, `n=1 w[${k}]`);
    // all labels 1 with λ > 0: a finite optimum, reached
    const p = problem('same', 1000, 4, 'hard');
    const ones = new Float64Array(1000).fill(1);
    const same = trainBT(p.diffs, ones, { d: 4, lambda: 0.01 });
    expect(same.converged).toBe(true);
    expect(same.gradientMax).toBeLessThan(1e-12);
    expect(same.weights.every(Number.isFinite)).toBe(true);
    // λ = 0 on separable pairs: no finite optimum; reported as not converged, weights finite
    const sep = trainBT(p.diffs, p.labels, { d: 4, lambda: 0, maxIter: 30 });
    expect(sep.converged).toBe(false);
    expect(sep.weights.every(Number.isFinite)).toBe(true);
    // maxIter 0 evaluates the start
    const start = trainBT(p.diffs, p.labels, { d: 4, maxIter: 0, init: [0, 0, 0, 0] });
    expectNear(start.trainLoss, Math.log(2), 1e-13, 'loss at w = 0 (mean of 1000 terms)');
    expect(start.iterations).toBe(0);
  });

  it('trains in place on resident rows formed by btDiffs from a feature matrix and index pairs', () => {
    const rows = 50;
    const d = 6;
    const features = normal(Stream.from('gather', 'x'), rows * d);
    const a = Array.from({ length: 300 }, (_, i) => (i * 7) % rows);
    const b = Array.from({ length: 300 }, (_, i) => (i * 13 + 5) % rows);
    const labels = new Float64Array(300).map((_, i) => +(features[a[i] * d] > features[b[i] * d]));
    const before = memoryInUse();
    const r = scoped(() => {
      const diffs = btDiffs(features, d, a, b);
      const v = diffs.view();
      for (let i = 0; i < 300; i += 37)
        for (let k = 0; k < d; k++) expect(v[i * d + k]).toBe(features[a[i] * d + k] - features[b[i] * d + k]);
      return trainBT(diffs, putF64(labels), { d, lambda: 0.01 });
    });
    expect(memoryInUse()).toBe(before);
    expect(r.converged).toBe(true);
    expectInvalid(() => scoped(() => btDiffs(features, d, [0, 50], [1, 2])), 'a', /element 1 is 50/);
    expectInvalid(() => scoped(() => btDiffs(features, d, [0, 1], [1, -1])), 'b', /element 1 is -1/);
  });

  it('refuses bad arguments, naming them, before allocating', () => {
    const diffs = [1, 2, 3, 4];
    const labels = [1, 0];
    expectInvalid(() => trainBT([1, Number.NaN, 3, 4], labels, { d: 2 }), 'diffs', /element 1 is NaN/);
    expectInvalid(() => btLoss([1, 2, Infinity, 4], labels, [0, 0]), 'diffs', /element 2 is Infinity/);
    expectInvalid(() => trainBT(diffs, [1, 1.5], { d: 2 }), 'labels', /element 1 is 1.5/);
    expectInvalid(() => trainBT(diffs, [Number.NaN, 1], { d: 2 }), 'labels');
    expectInvalid(() => trainBT(diffs, labels, { d: 3 }), 'diffs', /labels.length × d/);
    expectInvalid(() => trainBT(diffs, labels, { d: 65 }), 'd');
    expectInvalid(() => trainBT(diffs, labels, { d: 1.5 }), 'd');
    expectInvalid(() => trainBT(diffs, labels, { d: 2, lambda: -1 }), 'lambda');
    expectInvalid(() => trainBT(diffs, labels, { d: 2, lambda: Number.NaN }), 'lambda');
    expectInvalid(() => trainBT(diffs, labels, { d: 2, maxIter: 1001 }), 'maxIter');
    expectInvalid(() => trainBT(diffs, labels, { d: 2, tol: -1 }), 'tol');
    expectInvalid(() => trainBT(diffs, labels, { d: 2, init: [0] }), 'init');
    expectInvalid(() => trainBT(diffs, labels, { d: 2, kernel: 'gpu' as 'simd' }), 'kernel');
    expectInvalid(() => btGradient(diffs, labels, [0, Number.NaN]), 'weights');
    expectInvalid(() => btGradient(diffs, labels, [0, 0, 0]), 'diffs');
    // the size limit is checked from the lengths, before the rows are read or copied
    const n = MAX_BT_VALUES / 64 + 1;
    const before = memoryInUse();
    expectInvalid(() => trainBT([], new Float64Array(n), { d: 64 }), 'labels', /exceeds the limit/);
    expect(memoryInUse()).toBe(before);
  });
});
