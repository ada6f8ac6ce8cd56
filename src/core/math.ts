/** Elementwise elementary functions of the wasm core (assembly/math.ts, assembly/vmath.ts). */
import { allocF64, type F64Input, inputF64, scoped } from './memory.js';
import { core } from './wasm.js';

/**
 * exp of every element with the core's exp (table method, ≤ 1 ulp; NaN and ±Inf handled like
 * Math.exp). `simd` (default true) selects the f64x2 kernel; the scalar twin gives identical bits.
 */
export function expArray(x: F64Input, options: { simd?: boolean } = {}): Float64Array {
  return scoped(() => {
    const src = inputF64(x, 'x');
    const dst = allocF64(src.length);
    core().exp_f64_array(src.ptr, src.length, dst.ptr, (options?.simd ?? true) ? 1 : 0);
    return dst.toArray();
  });
}

/** log |Γ(x)| of every element (Stirling + recurrence + reflection; absolute error ≤ 1e-14·max(1, |log Γ|)). */
export function logGammaArray(x: F64Input): Float64Array {
  return scoped(() => {
    const src = inputF64(x, 'x');
    const dst = allocF64(src.length);
    core().log_gamma_array(src.ptr, src.length, dst.ptr);
    return dst.toArray();
  });
}

/** exp(x) − 1 of every element by the table kernel the tilt uses near π0; for |x| ≤ 1 (≤ 4 ulp). */
export function expm1SmallArray(x: F64Input, options: { simd?: boolean } = {}): Float64Array {
  return scoped(() => {
    const src = inputF64(x, 'x');
    const dst = allocF64(src.length);
    core().expm1_small_array(src.ptr, src.length, dst.ptr, (options?.simd ?? true) ? 1 : 0);
    return dst.toArray();
  });
}
