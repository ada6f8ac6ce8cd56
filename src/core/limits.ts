/**
 * The work one kernel call may be asked for. Each is refused before anything is allocated, with
 * an INVALID_ARGUMENT naming the argument: past these, a call would run for many minutes or
 * exhaust memory, and the same result is better had another way (an exact estimator, a smaller
 * grid, several calls).
 */
import { invalid } from '../errors.js';

/**
 * Value evaluations in one call of bonExact (responses × n values) or of a tilt sweep
 * (responses × β values): 2^36, a few minutes at the rates of bench/RESULTS.md. The largest
 * world a study allows (2^26 responses) with 1000 values of n or β fits.
 */
export const MAX_WORK = 2 ** 36;

/** Draws in one bonMonteCarlo call (prompts × Σn × trials): 2^32, about 9 s at 2 ns a draw. */
export const MAX_MC_DRAWS = 2 ** 32;

/** β values (or KL targets) in one tilt call or grid. */
export const MAX_BETAS = 1_000_000;

/** Refuse `responses × values` past MAX_WORK, naming `name` (the list that multiplies the work). */
export function requireWork(responses: number, values: number, name: string, what: string): void {
  if (responses * values > MAX_WORK) {
    invalid(
      name,
      `${responses} responses × ${values} ${what} = ${(responses * values).toExponential(2)} evaluations exceeds the limit ${MAX_WORK.toExponential(2)} (2^36) of one call; split it`,
    );
  }
}

/** Values (pairs × features) of one Bradley–Terry call: 2^27 doubles, 1 GiB (8M pairs × 16 features). */
export const MAX_BT_VALUES = 2 ** 27;

/** Newton iterations one trainBT call may be asked for. */
export const MAX_BT_ITERATIONS = 1000;
