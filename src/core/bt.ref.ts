/**
 * Plain-TypeScript reference of the Bradley–Terry kernels (assembly/bt.ts): the same objective,
 * gradient, Hessian and Newton iteration with Math.exp / Math.log1p, one pair at a time. For
 * tests and benchmarks only (not exported by rmsim/core). No argument checks.
 */

/** Objective and gradient (and the Hessian, d × d row-major, when `hess` is given) at w. */
export function btEvalRef(
  diffs: Float64Array,
  labels: Float64Array,
  d: number,
  w: ArrayLike<number>,
  lambda: number,
  grad: Float64Array,
  hess?: Float64Array,
): number {
  const n = labels.length;
  grad.fill(0, 0, d);
  if (hess) hess.fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let z = 0;
    for (let k = 0; k < d; k++) z += diffs[o + k] * w[k];
    const e = Math.exp(-Math.abs(z));
    const y = labels[i];
    total += Math.max(z, 0) - y * z + Math.log1p(e);
    const c = (z >= 0 ? 1 : e) / (1 + e) - y;
    for (let k = 0; k < d; k++) grad[k] += c * diffs[o + k];
    if (hess) {
      const h = e / ((1 + e) * (1 + e));
      for (let j = 0; j < d; j++) {
        const a = h * diffs[o + j];
        for (let k = j; k < d; k++) hess[j * d + k] += a * diffs[o + k];
      }
    }
  }
  const inv = n > 0 ? 1 / n : 0;
  let ww = 0;
  for (let k = 0; k < d; k++) {
    ww += w[k] * w[k];
    grad[k] = grad[k] * inv + lambda * w[k];
  }
  if (hess) {
    for (let j = 0; j < d; j++) {
      for (let k = j; k < d; k++) {
        const v = hess[j * d + k] * inv + (j === k ? lambda : 0);
        hess[j * d + k] = v;
        hess[k * d + j] = v;
      }
    }
  }
  return total * inv + 0.5 * lambda * ww;
}

/** Solve (H + μI) s = −g by Cholesky; null when H + μI is not positive definite. */
function newtonStep(H: Float64Array, g: Float64Array, d: number, mu: number): Float64Array | null {
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = H[j * d + j] + mu;
    for (let k = 0; k < j; k++) s -= L[j * d + k] * L[j * d + k];
    if (!(s > 0)) return null;
    const ljj = Math.sqrt(s);
    L[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = H[i * d + j];
      for (let k = 0; k < j; k++) t -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = t / ljj;
    }
  }
  const s = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let t = -g[i];
    for (let k = 0; k < i; k++) t -= L[i * d + k] * s[k];
    s[i] = t / L[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let t = s[i];
    for (let k = i + 1; k < d; k++) t -= L[k * d + i] * s[k];
    s[i] = t / L[i * d + i];
  }
  return s;
}

/** The Newton iteration of bt_train (same stopping rules), in TypeScript. */
export function trainBTRef(
  diffs: Float64Array,
  labels: Float64Array,
  d: number,
  { lambda = 0, maxIter = 100, tol = 1e-12 }: { lambda?: number; maxIter?: number; tol?: number } = {},
): { weights: Float64Array; trainLoss: number; iterations: number; converged: boolean } {
  let w = new Float64Array(d);
  let g = new Float64Array(d);
  let H = new Float64Array(d * d);
  let f = btEvalRef(diffs, labels, d, w, lambda, g, H);
  let it = 0;
  let converged = false;
  while (it < maxIter) {
    let maxDiag = 0;
    for (let j = 0; j < d; j++) maxDiag = Math.max(maxDiag, Math.abs(H[j * d + j]));
    let mu = 0;
    let s = newtonStep(H, g, d, mu);
    while (s === null && mu <= 1e300) {
      mu = mu === 0 ? 1e-12 * (1 + maxDiag) : mu * 10;
      s = newtonStep(H, g, d, mu);
    }
    if (s === null) break;
    let dec = 0;
    for (let k = 0; k < d; k++) dec -= g[k] * s[k];
    if (!(dec > 0)) {
      converged = dec === 0;
      break;
    }
    let t = 1;
    let accepted = false;
    const wt = new Float64Array(d);
    const gt = new Float64Array(d);
    const Ht = new Float64Array(d * d);
    for (let h = 0; h < 40; h++) {
      for (let k = 0; k < d; k++) wt[k] = w[k] + t * s[k];
      const ft = btEvalRef(diffs, labels, d, wt, lambda, gt, Ht);
      if (ft <= f - 1e-4 * t * dec || (h === 0 && dec <= 1e-6 && !Number.isNaN(ft))) {
        accepted = true;
        f = ft;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    w = wt;
    g = gt;
    H = Ht;
    it++;
    if (0.5 * dec <= tol) {
      converged = true;
      break;
    }
  }
  return { weights: w, trainLoss: f, iterations: it, converged };
}
