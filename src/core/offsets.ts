/** The one validation of group offsets shared by every grouped kernel (pools, eval groups). */
import { invalid } from '../errors.js';
import { type I32Input, i32Length, WasmI32 } from './memory.js';

export interface OffsetRules {
  /** smallest allowed group size (pools need 1 response; grouped statistics allow 0) */
  minSize: number;
  /** smallest allowed number of groups */
  minGroups: number;
  /** what the n values are, for messages ('responses', 'values') */
  what: string;
}

/**
 * Check that `offsets` (length G + 1) delimits n values into groups: offsets[0] = 0, integers,
 * each group at least `minSize`, last = n. Returns the smallest and largest group size (0 and 0
 * when there are no groups). Throws INVALID_ARGUMENT naming `offsets`.
 */
export function checkOffsets(offsets: I32Input, n: number, rules: OffsetRules): { minSize: number; maxSize: number } {
  i32Length(offsets, 'offsets');
  const src: ArrayLike<number> = offsets instanceof WasmI32 ? offsets.view() : offsets;
  if (src.length < rules.minGroups + 1) invalid('offsets', `must have G + 1 ≥ ${rules.minGroups + 1} entries, got ${String(src.length)}`);
  if (src[0] !== 0) invalid('offsets', `offsets[0] must be 0, got ${String(src[0])}`);
  let minSize = src.length > 1 ? Infinity : 0;
  let maxSize = 0;
  for (let g = 1; g < src.length; g++) {
    const v = src[g];
    if (!Number.isInteger(v) || v > 2 ** 31 - 1) invalid('offsets', `offsets[${g}] = ${v} is not an int32`);
    const k = v - src[g - 1];
    if (k < 0) invalid('offsets', `must be nondecreasing: offsets[${g}] = ${v} < offsets[${g - 1}] = ${src[g - 1]}`);
    if (k < rules.minSize)
      invalid('offsets', `group ${g - 1} has ${k} ${rules.what} (offsets ${src[g - 1]} → ${v}); each needs at least ${rules.minSize}`);
    if (k < minSize) minSize = k;
    if (k > maxSize) maxSize = k;
  }
  const last = src[src.length - 1];
  if (last !== n) invalid('offsets', `last entry ${last} must equal the number of ${rules.what} ${n}`);
  return { minSize, maxSize };
}
