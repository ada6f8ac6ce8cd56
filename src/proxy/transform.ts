/**
 * Proxy family `transform` — a strictly increasing function of a base noise proxy r:
 *
 *   r̂ = b + f(a·r),  a > 0,  f ∈ { identity (affine), exp, tanh, signed power |x|^power·sign(x) }
 *
 * Within every pool the ranking is that of r (so accuracy, τ, best-of-n cannot tell them apart),
 * but the scale differs, which a KL-regularized policy at fixed β does see.
 * The base proxy's error draws come from the streams of `baseId` (default: this proxy's own id):
 * with `baseId` = 'noise-003' and the same base params, the transform ranks exactly like noise-003.
 */
import { z } from 'zod';
import type { Scores } from '../data/pools.js';
import { RmsimError } from '../errors.js';
import { drawChoices, drawNumbers, numberDistSchema, oneOrList } from './draw.js';
import { defineFamily, type ScoreInput } from './family.js';
import { drawNoiseParams, type NoiseDraws, noiseDrawFields, noiseParamsSchema, noiseScores, noiseShape } from './noise.js';

export const TRANSFORM_DOC =
  'transform: proxy = b + f(a·r) for a base noise proxy r and f ∈ {affine, exp, tanh, power} — same ranking as r, different scale (invisible to accuracy, visible to tilt at fixed β).';

export const TRANSFORM_FNS = ['affine', 'exp', 'tanh', 'power'] as const;
export type TransformFn = (typeof TRANSFORM_FNS)[number];

export const transformParamsSchema = z
  .object({
    base: noiseParamsSchema.prefault({}).describe('The base proxy r: noise-family parameters (scale 0 = gold).'),
    baseId: z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe("Draw the base proxy's errors from the streams of this proxy id (e.g. 'noise-003'); null = this proxy's own id."),
    fn: z
      .enum(TRANSFORM_FNS)
      .default('affine')
      .describe(
        "f in b + f(a·r): 'affine' f(x) = x; 'exp' f(x) = eˣ; 'tanh' f(x) = tanh x (saturates: values with |a·r| > ~19 tie in f64); 'power' f(x) = sign(x)·|x|^power.",
      ),
    a: z.number().positive('a must be > 0 (the transform must be increasing)').default(1).describe('Inner scale a > 0.'),
    b: z.number().default(0).describe('Shift b added after f.'),
    power: z.number().positive('power must be > 0').default(1).describe("Exponent of fn = 'power' (> 0)."),
  })
  .strict()
  .describe(TRANSFORM_DOC);

export type TransformParams = z.output<typeof transformParamsSchema>;

/** The increasing map x ↦ b + f(a·x) of `params`. */
export function transformFunction(params: Pick<TransformParams, 'fn' | 'a' | 'b' | 'power'>): (x: number) => number {
  const { a, b, power } = params;
  switch (params.fn) {
    case 'affine':
      return (x) => b + a * x;
    case 'exp':
      return (x) => b + Math.exp(a * x);
    case 'tanh':
      return (x) => b + Math.tanh(a * x);
    case 'power':
      return (x) => {
        const y = a * x;
        return b + Math.sign(y) * Math.abs(y) ** power;
      };
  }
}

/**
 * Transform-proxy scores of every response of `pools`. Throws CONFIG when f leaves the range
 * where it is strictly increasing in f64: exp overflowing to ∞ or underflowing to 0, tanh
 * saturating at ±1 (|a·r| ≳ 19), either of which would tie responses the base ranks apart.
 * (A huge shift b can still round small differences away; keep b moderate.)
 */
export function transformScores(params: TransformParams, input: ScoreInput): Scores {
  const { id } = input;
  const r = noiseScores(params.base, { ...input, id: params.baseId ?? id });
  const f = transformFunction(params);
  const { fn, a } = params;
  for (let i = 0; i < r.length; i++) {
    const y = f(r[i]);
    const inner = fn === 'exp' ? Math.exp(a * r[i]) : fn === 'tanh' ? Math.abs(Math.tanh(a * r[i])) : 0.5;
    if (!Number.isFinite(y) || inner === 0 || inner === 1 || !Number.isFinite(inner)) {
      throw new RmsimError(
        'CONFIG',
        `${fn}(a·r) with a = ${a} is ${Number.isFinite(y) ? 'saturated' : 'not finite'} at r = ${r[i]}, which would tie responses; lower a`,
        { field: `proxy[${id}].params.a` },
      );
    }
    r[i] = y;
  }
  return r;
}

/** The distributions a random transform block draws from: the base noise proxy's and the transform's. */
const transformDrawFields = {
  base: z.object(noiseDrawFields).strict().prefault({}).describe('Distributions of the base noise proxy parameters.'),
  fn: oneOrList(TRANSFORM_FNS, 'fn', 'affine'),
  a: numberDistSchema.default(1).describe('Inner scale a > 0.'),
  b: numberDistSchema.default(0).describe('Shift b.'),
  power: numberDistSchema.default(1).describe("Exponent for fn = 'power' (> 0)."),
};

type TransformDraws = z.output<z.ZodObject<typeof transformDrawFields>>;

export const transform = defineFamily({
  name: 'transform',
  doc: TRANSFORM_DOC,
  params: transformParamsSchema,
  block: {
    doc: 'Random transform proxies: base noise parameters and transform parameters drawn per proxy.',
    fields: transformDrawFields,
    draw(block: TransformDraws, stream, n) {
      const base = drawNoiseParams(block.base as NoiseDraws, (name) => stream(`base.${name}`), n);
      const fn = drawChoices(block.fn, stream('fn'), n);
      const a = drawNumbers(block.a, stream('a'), n);
      const b = drawNumbers(block.b, stream('b'), n);
      const power = drawNumbers(block.power, stream('power'), n);
      return base.map((p, j) => ({ base: p, baseId: null, fn: fn[j], a: a[j], b: b[j], power: power[j] }));
    },
  },
  score: transformScores,
  check: (params, input) => void transformScores(params, input),
  shape(p) {
    const base = typeof p.base === 'object' && p.base !== null ? (p.base as Record<string, unknown>) : {};
    return `transform/${typeof p.fn === 'string' ? p.fn : 'affine'}/${noiseShape(base)}`;
  },
});
