// Bradley–Terry training over 1M pairs × 16 features: one epoch (penalized log-loss and its
// gradient over all pairs, one pass) and one full training (Newton to convergence), by the
// wasm kernel (f64x2), its scalar twin, the TypeScript reference and numpy, on the same data.

import { btEvalRef, trainBTRef } from '../dist/core/bt.ref.js';
import { allocF64, btGradient, fillNormal, fillUniform, Stream, trainBT } from '../dist/core/index.js';
import { measure, runNumpy, saveInputs } from './harness.js';

const N = 1_000_000;
const D = 16;
const LAMBDA = 1e-3;

export default async function () {
  // inputs (outside timed regions): Δ ~ N(0, I), w_true ~ N(0, I)/2, labels ~ Bernoulli(σ(w_true·Δ));
  // resident in wasm memory, used in place
  const diffs = fillNormal(Stream.from('bench', 'bt', 'diffs'), allocF64(N * D));
  const labels = fillUniform(Stream.from('bench', 'bt', 'labels'), allocF64(N));
  const wTrue = Array.from({ length: D }, (_, k) => Math.sin(k + 1));
  const xv = diffs.view();
  const yv = labels.view();
  for (let i = 0; i < N; i++) {
    let z = 0;
    for (let k = 0; k < D; k++) z += xv[i * D + k] * wTrue[k];
    yv[i] = +(yv[i] < 1 / (1 + Math.exp(-z)));
  }
  const probe = wTrue.map((v) => 0.5 * v);
  const x = diffs.toArray();
  const y = labels.toArray();
  const g = new Float64Array(D);
  const refLoss = btEvalRef(x, y, D, probe, LAMBDA, g);
  const trained = trainBT(diffs, labels, { d: D, lambda: LAMBDA });
  saveInputs('bt', { diffs: x, labels: y }, { n: N, d: D, lambda: LAMBDA, probe, loss: refLoss, optimumLoss: trained.trainLoss });
  const near = (a, b) => Math.abs(a - b) <= 1e-12 * Math.abs(b);
  const epochOk = (r) => near(r.loss, refLoss);
  const trainOk = (r) => r.converged && near(r.trainLoss, trained.trainLoss);

  const results = {};
  results['wasm epoch'] = measure('wasm epoch', () => btGradient(diffs, labels, probe, { lambda: LAMBDA }), epochOk);
  results['wasm scalar twin epoch'] = measure(
    'wasm scalar twin epoch',
    () => btGradient(diffs, labels, probe, { lambda: LAMBDA, kernel: 'scalar' }),
    epochOk,
  );
  results['ts reference epoch'] = measure('ts reference epoch', () => ({ loss: btEvalRef(x, y, D, probe, LAMBDA, g) }), epochOk);
  results['wasm training'] = measure('wasm training', () => trainBT(diffs, labels, { d: D, lambda: LAMBDA }), trainOk);
  results['ts reference training'] = measure('ts reference training', () => trainBTRef(x, y, D, { lambda: LAMBDA }), trainOk, {
    minSamples: 2,
    maxTime: 1,
  });
  const np = runNumpy('bt_numpy.py', 'bt');
  if (np) Object.assign(results, np);

  const r = (a, b) => (results[a] && results[b] ? `${(results[a] / results[b]).toFixed(2)}×` : 'n/a');
  return {
    kernel: 'Bradley–Terry training',
    base: 'wasm epoch',
    size: `${N / 1e6}M pairs × d = ${D} (Δ rows, ${((N * D * 8) / 2 ** 20).toFixed(0)} MiB, resident in wasm memory), labels ~ Bernoulli(σ(w·Δ)), λ = ${LAMBDA}; training converged in ${trained.iterations} Newton iterations`,
    results,
    notes: [
      'epoch = penalized mean log-loss and its gradient over all pairs (btGradient: one f64x2 pass, including the label check on the host);',
      'training = trainBT to convergence (Newton/IRLS: each iteration one pass computing loss, gradient and Hessian, then a 16 × 16 Cholesky solve).',
      'numpy epoch = X @ w, logaddexp, expit, X.T @ (p − y) (BLAS matrix-vector products); numpy training = the same Newton iteration with the Hessian as (X.T * h) @ X (BLAS matrix product) and numpy.linalg.solve.',
      `Target: numpy epoch ÷ wasm epoch ≥ 2 (got ${r('numpy epoch', 'wasm epoch')}); numpy training ÷ wasm training: ${r('numpy training', 'wasm training')}; ts ÷ wasm epoch ${r('ts reference epoch', 'wasm epoch')}.`,
    ].join(' '),
  };
}
