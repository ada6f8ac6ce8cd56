/**
 * Bradley–Terry (logistic) reward models r(x) = w·x in the wasm core (assembly/bt.ts): training by
 * full-batch Newton (IRLS), and the loss and gradient on their own for tests and benchmarks.
 *
 * Data: `diffs` holds one row Δ_i = x_a − x_b per pair (row-major, n × d), `labels` one
 * y_i ∈ [0, 1] per pair: the probability that response a is preferred (0/1 labels, flipped
 * labels and labels sampled from σ((g_a − g_b)/T) alike). `btDiffs` forms the rows from a
 * feature matrix and index pairs, once, so that every training pass streams memory in order.
 *
 * Objective: f(w) = (1/n) Σ_i [log(1 + e^{z_i}) − y_i·z_i] + (λ/2)‖w‖², z_i = w·Δ_i.
 */
import { invalid } from '../errors.js';
import { MAX_BT_ITERATIONS, MAX_BT_VALUES } from './limits.js';
import {
  alloc,
  allocF64,
  type F64Input,
  f64Length,
  type I32Input,
  i32Length,
  inputF64,
  inputI32,
  requireFinite,
  requireObject,
  scoped,
  type WasmF64,
} from './memory.js';
import { core } from './wasm.js';

/** Most features a Bradley–Terry model may have. */
export const BT_MAX_FEATURES = 64;

export interface BTOptions {
  /** L2 penalty λ ≥ 0 (default 0) */
  lambda?: number;
  /** the f64x2 kernel (default) or its scalar twin (identical bits; for differential tests) */
  kernel?: 'simd' | 'scalar';
}

export interface TrainBTOptions extends BTOptions {
  /** features per row of `diffs` (1 ≤ d ≤ 64) */
  d: number;
  /** most Newton iterations (default 100, at most 1000); 0 evaluates the start only */
  maxIter?: number;
  /** stop when the last step's Newton decrement δ²/2 ≤ tol, in mean-loss units (default 1e-12) */
  tol?: number;
  /** starting weights (default 0) */
  init?: ArrayLike<number>;
}

export interface TrainBTResult {
  weights: Float64Array;
  /** the penalized objective f at `weights` */
  trainLoss: number;
  /** Newton steps taken */
  iterations: number;
  /**
   * true when the last step's decrement fell below tol (or the gradient is exactly 0); false
   * after maxIter steps, or when no step decreases f (λ = 0 on separable pairs: no finite optimum)
   */
  converged: boolean;
  /** the last Newton decrement δ² = gᵀH⁻¹g (≈ 2·(f − f*) before that step) */
  decrement: number;
  /** max |∇f| at `weights` */
  gradientMax: number;
}

interface Checked {
  n: number;
  d: number;
  lambda: number;
  simd: number;
}

function checkKernel(kernel: unknown): number {
  const k = kernel ?? 'simd';
  if (k !== 'simd' && k !== 'scalar') invalid('kernel', `must be 'simd' or 'scalar', got ${String(k)}`);
  return k === 'simd' ? 1 : 0;
}

function checkD(d: unknown): number {
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > BT_MAX_FEATURES) {
    invalid('d', `must be an integer in [1, ${BT_MAX_FEATURES}], got ${String(d)}`);
  }
  return d;
}

/** Sizes and scalars, checked before anything is allocated. */
function checkArgs(diffs: F64Input, labels: F64Input, d: number, options: BTOptions): Checked {
  requireObject(options, 'options');
  const n = f64Length(labels, 'labels');
  if (n * d > MAX_BT_VALUES) {
    invalid('labels', `${n} pairs × ${d} features = ${n * d} values exceeds the limit ${MAX_BT_VALUES} (2^27) of one call`);
  }
  const len = f64Length(diffs, 'diffs');
  if (len !== n * d) invalid('diffs', `length ${len} is not labels.length × d = ${n} × ${d}`);
  const lambda = options.lambda ?? 0;
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0)
    invalid('lambda', `must be finite and ≥ 0, got ${String(lambda)}`);
  return { n, d, lambda, simd: checkKernel(options.kernel) };
}

/** Labels must lie in [0, 1] (a NaN fails too); checked on the resident copy. */
function requireLabels(buf: WasmF64): void {
  const y = buf.view();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!(v >= 0 && v <= 1)) invalid('labels', `element ${i} is ${v}; a label is P(a preferred), in [0, 1]`);
  }
}

/** Weights: an array of d finite numbers, copied into a new resident buffer. */
function inputWeights(w: ArrayLike<number>, d: number, name: string): WasmF64 {
  const buf = inputF64(w as F64Input, name);
  if (buf.length !== d) invalid(name, `length ${buf.length} differs from d = ${d}`);
  requireFinite(buf, name);
  return buf;
}

function evaluate(
  diffs: F64Input,
  labels: F64Input,
  weights: ArrayLike<number>,
  options: BTOptions,
): { loss: number; gradient: Float64Array } {
  requireObject(options, 'options');
  const d = checkD(arrayLikeLength(weights));
  const c = checkArgs(diffs, labels, d, options);
  return scoped(() => {
    const x = inputF64(diffs, 'diffs');
    const y = inputF64(labels, 'labels');
    requireLabels(y);
    const w = inputWeights(weights, d, 'weights');
    const g = allocF64(d + 2);
    const loss = core().bt_eval(x.ptr, y.ptr, c.n, d, w.ptr, c.lambda, g.ptr, 0, c.simd);
    if (!Number.isFinite(loss)) {
      requireFinite(x, 'diffs');
      invalid('diffs', `the loss is ${loss}: features too large for finite scores w·Δ`);
    }
    return { loss, gradient: g.view().slice(0, d) };
  });
}

function arrayLikeLength(w: ArrayLike<number>): number {
  if (w === null || typeof w !== 'object' || typeof (w as ArrayLike<number>).length !== 'number') {
    invalid('weights', `must be an array of numbers, got ${String(w)}`);
  }
  return w.length;
}

/** The penalized mean log-loss f(w) on pairs (one streaming pass). */
export function btLoss(diffs: F64Input, labels: F64Input, weights: ArrayLike<number>, options: BTOptions = {}): number {
  return evaluate(diffs, labels, weights, options).loss;
}

/** f(w) and ∇f(w) = (1/n) Σ (σ(z_i) − y_i)·Δ_i + λw in one streaming pass (one "epoch"). */
export function btGradient(
  diffs: F64Input,
  labels: F64Input,
  weights: ArrayLike<number>,
  options: BTOptions = {},
): { loss: number; gradient: Float64Array } {
  return evaluate(diffs, labels, weights, options);
}

/**
 * Train a linear Bradley–Terry model on pairs by full-batch Newton's method with a backtracking
 * line search (assembly/bt.ts: bt_train). Each iteration costs one pass over the pairs computing
 * loss, gradient and Hessian, O(n·d²/2), and a d × d Cholesky solve; a few iterations (5–10 on
 * typical data) reach the optimum to rounding. Deterministic: the same inputs give the same bits.
 * `diffs` and `labels` may be resident buffers (used in place, e.g. from `btDiffs`).
 */
export function trainBT(diffs: F64Input, labels: F64Input, options: TrainBTOptions): TrainBTResult {
  requireObject(options, 'options');
  const d = checkD(options.d);
  const c = checkArgs(diffs, labels, d, options);
  const maxIter = options.maxIter ?? 100;
  if (typeof maxIter !== 'number' || !Number.isInteger(maxIter) || maxIter < 0 || maxIter > MAX_BT_ITERATIONS) {
    invalid('maxIter', `must be an integer in [0, ${MAX_BT_ITERATIONS}], got ${String(maxIter)}`);
  }
  const tol = options.tol ?? 1e-12;
  if (typeof tol !== 'number' || !Number.isFinite(tol) || tol < 0) invalid('tol', `must be finite and ≥ 0, got ${String(tol)}`);
  return scoped(() => {
    const x = inputF64(diffs, 'diffs');
    requireFinite(x, 'diffs');
    const y = inputF64(labels, 'labels');
    requireLabels(y);
    const w = options.init === undefined ? allocF64(d) : inputWeights(options.init, d, 'init');
    if (options.init === undefined) w.view().fill(0);
    const k = core();
    const scratch = alloc(k.btTrainScratchBytes(d));
    const out = allocF64(5);
    k.bt_train(x.ptr, y.ptr, c.n, d, c.lambda, maxIter, tol, w.ptr, scratch, out.ptr, c.simd);
    const r = out.view();
    return {
      weights: w.toArray(),
      trainLoss: r[0],
      iterations: r[1],
      converged: r[2] === 1,
      decrement: r[3],
      gradientMax: r[4],
    };
  });
}

/**
 * Difference rows Δ_i = features[a_i] − features[b_i] (features: row-major, rows × d) as a
 * resident buffer of a.length × d values, allocated in the caller's scope: call it inside
 * `scoped()` and pass the result to `trainBT` (used in place). Indices outside [0, rows) are
 * refused, naming the first.
 */
export function btDiffs(features: F64Input, d: number, a: I32Input, b: I32Input): WasmF64 {
  checkD(d);
  const len = f64Length(features, 'features');
  if (len % d !== 0) invalid('features', `length ${len} is not a multiple of d = ${d}`);
  const n = i32Length(a, 'a');
  const nb = i32Length(b, 'b');
  if (nb !== n) invalid('b', `length ${nb} differs from a.length ${n}`);
  if (n * d > MAX_BT_VALUES) invalid('a', `${n} pairs × ${d} features exceeds the limit ${MAX_BT_VALUES} (2^27) values of one call`);
  const out = allocF64(n * d);
  scoped(() => {
    const f = inputF64(features, 'features');
    const ia = inputI32(a, 'a');
    const ib = inputI32(b, 'b');
    const bad = core().bt_diffs(f.ptr, len / d, d, ia.ptr, ib.ptr, n, out.ptr);
    if (bad >= 0) {
      const va = ia.view()[bad];
      const vb = ib.view()[bad];
      const rows = len / d;
      if (va < 0 || va >= rows) invalid('a', `element ${bad} is ${va}; indices must be in [0, ${rows})`);
      invalid('b', `element ${bad} is ${vb}; indices must be in [0, ${rows})`);
    }
  });
  return out;
}
