/**
 * Distributions of proxy parameters for random population blocks: a parameter is a fixed value or
 * drawn per proxy (`{uniform: [a, b]}`, `{logUniform: [a, b]}`, `{choice: [...]}`; for an error
 * scale also `{accuracy: [a, b]}`, through the Gaussian accuracy it implies). Each parameter of a
 * block is drawn from its own stream, one uniform per proxy, and only when something is drawn.
 */
import { z } from 'zod';
import { MAX_LIST, TOO_MANY } from '../config.js';
import { uniform } from '../core/rng.js';
import type { Stream } from '../core/stream.js';

// ---------------------------------------------------------------------------------------------
// Gaussian theory: noise scale ↔ pairwise accuracy

/**
 * Pairwise accuracy of a normal-error proxy with error sd `scale` in a world with within-prompt
 * gold sd `goldSd`: ρ = 1/√(1 + scale²/goldSd²), A = ½ + arcsin(ρ)/π.
 */
export function gaussianAccuracy(scale: number, goldSd = 1): number {
  const rho = 1 / Math.sqrt(1 + (scale / goldSd) ** 2);
  return 0.5 + Math.asin(rho) / Math.PI;
}

/** The inverse of `gaussianAccuracy`: ρ = sin(π(A − ½)), scale = goldSd·√(1/ρ² − 1); A ∈ (½, 1]. */
export function scaleForAccuracy(accuracy: number, goldSd = 1): number {
  const rho = Math.sin(Math.PI * (accuracy - 0.5));
  return goldSd * Math.sqrt(Math.max(0, 1 / (rho * rho) - 1));
}

// ---------------------------------------------------------------------------------------------
// Distributions of parameters

const range = (lo: z.ZodNumber, hi: z.ZodNumber) => z.tuple([lo, hi]).refine(([a, b]) => a <= b, 'the range [min, max] needs min ≤ max');

const numberDistVariants = [
  z.number(),
  z.object({ uniform: range(z.number(), z.number()).describe('[min, max]: uniform') }).strict(),
  z.object({ logUniform: range(z.number().positive(), z.number().positive()).describe('[min, max], both > 0: log-uniform') }).strict(),
  z
    .object({
      choice: z
        .array(z.number())
        .min(1, 'choice needs at least one value')
        .max(MAX_LIST, TOO_MANY)
        .describe('values, one picked uniformly'),
    })
    .strict(),
] as const;

/** A number parameter: fixed, or drawn per proxy. */
export const numberDistSchema = z
  .union(numberDistVariants, {
    error: 'expected a number or one of { uniform: [min, max] }, { logUniform: [min, max] }, { choice: [values] }',
  })
  .describe('A number, or { uniform: [min, max] }, { logUniform: [min, max] } or { choice: [v1, v2, …] }, drawn per proxy.');

/** The noise scale may also be drawn through its nominal Gaussian accuracy. */
export const scaleDistSchema = z
  .union(
    [
      ...numberDistVariants,
      z
        .object({
          accuracy: range(z.number().gt(0.5, 'accuracy must be > 0.5'), z.number().max(1, 'accuracy must be ≤ 1')).describe(
            '[min, max] ⊂ (0.5, 1]',
          ),
        })
        .strict(),
    ],
    {
      error:
        'expected a number or one of { uniform: [min, max] }, { logUniform: [min, max] }, { choice: [values] }, { accuracy: [min, max] }',
    },
  )
  .describe(
    'Like a number distribution, or { accuracy: [min, max] }: draw a nominal accuracy A uniformly and set scale = √(1/sin²(π(A−½)) − 1), the normal-error scale with that pairwise accuracy when the within-prompt gold sd is 1.',
  );

export type NumberDist = z.output<typeof scaleDistSchema>;

/** A categorical parameter: one value, or a list to pick from uniformly per proxy. */
export function oneOrList<T extends readonly [string, ...string[]]>(values: T, what: string, dflt: T[number]) {
  return z
    .union([z.enum(values), z.array(z.enum(values)).min(1, `${what} list needs at least one value`)])
    .default(dflt)
    .describe(`One of ${values.join(', ')}, or a list to pick from uniformly per proxy (default ${dflt}).`);
}

/** `count` values of a number distribution; the stream is consumed only when something is drawn. */
export function drawNumbers(dist: NumberDist, stream: Stream, n: number): number[] {
  if (typeof dist === 'number') return new Array<number>(n).fill(dist);
  const u = uniform(stream, n);
  if ('uniform' in dist) {
    const [lo, hi] = dist.uniform;
    return Array.from(u, (x) => lo + x * (hi - lo));
  }
  if ('logUniform' in dist) {
    const [lo, hi] = dist.logUniform;
    return Array.from(u, (x) => Math.exp(Math.log(lo) + x * (Math.log(hi) - Math.log(lo))));
  }
  if ('choice' in dist) return Array.from(u, (x) => dist.choice[Math.floor(x * dist.choice.length)]);
  const [lo, hi] = dist.accuracy;
  return Array.from(u, (x) => scaleForAccuracy(lo + x * (hi - lo)));
}

export function drawChoices<T extends string>(dist: T | T[], stream: Stream, n: number): T[] {
  if (!Array.isArray(dist)) return new Array<T>(n).fill(dist);
  const u = uniform(stream, n);
  return Array.from(u, (x) => dist[Math.floor(x * dist.length)]);
}

/** The `count` field of every random block. */
export const countSchema = z
  .number()
  .int('count must be an integer')
  .positive('count must be ≥ 1')
  .describe('How many proxies this block draws.');
