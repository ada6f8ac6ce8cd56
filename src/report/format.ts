/**
 * The report's signed numbers, in one place: differences and their intervals, where which side of
 * 0 a bound lies on is the point. No dependencies, so the figure specs can use it too.
 */
import type { Estimate } from '../analysis/correlation.js';

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A signed number: "+0.03", "-0.02", and "0.00" only for an exact 0. A value that would round to
 * zero at `d` decimals keeps its sign and gets the decimals that show which side of 0 it lies on
 * (one significant digit: "+0.004", "-0.0002"), so an interval "[+0.004, +0.06]" excludes 0 and
 * "[-0.002, +0.08]" contains it, as they read.
 */
export function fmtSigned(v: number | null | undefined, d = 2): string {
  if (!isNum(v)) return '–';
  if (v === 0) return (0).toFixed(d);
  const a = Math.abs(v);
  const t = a >= 0.5 * 10 ** -d ? v.toFixed(d) : a < 1e-12 ? v.toExponential(0) : v.toFixed(Math.max(d, -Math.floor(Math.log10(a))));
  return v > 0 ? `+${t}` : t;
}

/** A difference with its interval, signed: "+0.09 [+0.004, +0.12]", or "n/a (reason)". */
export function fmtDiff(e: Estimate, d = 2): string {
  if (!isNum(e.value)) return `n/a${e.reason ? ` (${e.reason})` : ''}`;
  const ci = isNum(e.lo) && isNum(e.hi) ? ` [${fmtSigned(e.lo, d)}, ${fmtSigned(e.hi, d)}]` : '';
  return `${fmtSigned(e.value, d)}${ci}`;
}
