/**
 * A proxy population: an explicit list of proxies and/or random blocks that draw `count` proxies
 * of one family with parameters from given distributions — e.g. noise scales drawn so that the
 * nominal Gaussian accuracies cover 0.55–0.95 uniformly.
 *
 * `expandPopulation(config, seed)` is pure. Ids: an explicit proxy keeps its id; every other
 * proxy gets '<family>-<nnn>' from a per-family counter, explicit list first, then the blocks in
 * order (so ids, and the streams named by them, follow the config). Parameter draws come from
 * streams (seed, 'population', 'random', blockIndex, parameter), one uniform per proxy each.
 */
import { z } from 'zod';
import { fieldPath, parseConfig } from '../config.js';
import { uniform } from '../core/rng.js';
import { Stream } from '../core/stream.js';
import { RmsimError } from '../errors.js';
import { ERROR_KINDS, HETERO_MODES, noiseParamsSchema } from './noise.js';
import { type ProxyFamily, type ProxySpec, proxyEntrySchema } from './spec.js';
import { TRANSFORM_FNS, transformParamsSchema } from './transform.js';

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
  z.object({ choice: z.array(z.number()).min(1, 'choice needs at least one value').describe('values, one picked uniformly') }).strict(),
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

type NumberDist = z.output<typeof scaleDistSchema>;

/** A categorical parameter: one value, or a list to pick from uniformly per proxy. */
function oneOrList<T extends readonly [string, ...string[]]>(values: T, what: string, dflt: T[number]) {
  return z
    .union([z.enum(values), z.array(z.enum(values)).min(1, `${what} list needs at least one value`)])
    .default(dflt)
    .describe(`One of ${values.join(', ')}, or a list to pick from uniformly per proxy (default ${dflt}).`);
}

const count = z.number().int('count must be an integer').positive('count must be ≥ 1').describe('How many proxies this block draws.');

const noiseDrawFields = {
  scale: scaleDistSchema
    .default({ accuracy: [0.55, 0.95] })
    .describe('Error scale (see the noise family); default: nominal accuracy uniform on [0.55, 0.95].'),
  error: oneOrList(ERROR_KINDS, 'error', 'normal'),
  nu: numberDistSchema.default(3).describe('Student-t degrees of freedom (≥ 1).'),
  hetero: oneOrList(HETERO_MODES, 'hetero', 'none'),
  heteroStrength: numberDistSchema.default(0).describe('Heteroscedastic strength.'),
  dispersion: numberDistSchema.default(0).describe('Per-prompt error-scale dispersion (log-normal sigma ≥ 0).'),
};

export const noiseBlockSchema = z
  .object({ family: z.literal('noise').describe('The proxy family.'), count, ...noiseDrawFields })
  .strict()
  .describe('Random noise proxies: each parameter fixed or drawn per proxy.');

export const transformBlockSchema = z
  .object({
    family: z.literal('transform').describe('The proxy family.'),
    count,
    base: z.object(noiseDrawFields).strict().prefault({}).describe('Distributions of the base noise proxy parameters.'),
    fn: oneOrList(TRANSFORM_FNS, 'fn', 'affine'),
    a: numberDistSchema.default(1).describe('Inner scale a > 0.'),
    b: numberDistSchema.default(0).describe('Shift b.'),
    power: numberDistSchema.default(1).describe("Exponent for fn = 'power' (> 0)."),
  })
  .strict()
  .describe('Random transform proxies: base noise parameters and transform parameters drawn per proxy.');

export const randomBlockSchema = z.discriminatedUnion('family', [noiseBlockSchema, transformBlockSchema]);
export type RandomBlock = z.output<typeof randomBlockSchema>;

export const populationSchema = z
  .object({
    proxies: z
      .array(proxyEntrySchema)
      .default([])
      .describe("Explicit proxies { id?, family, params }; an omitted id becomes '<family>-<nnn>'."),
    random: z.array(randomBlockSchema).default([]).describe('Random blocks: `count` proxies of one family, parameters drawn per proxy.'),
  })
  .strict()
  .superRefine((pop, ctx) => {
    if (pop.proxies.length === 0 && pop.random.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'the population is empty: list proxies or add a random block' });
    }
  })
  .describe('The proxy population: an explicit list and/or random draws of family parameters.');

export type PopulationConfig = z.output<typeof populationSchema>;
export type PopulationConfigInput = z.input<typeof populationSchema>;

// ---------------------------------------------------------------------------------------------
// Expansion

/** `count` values of a number distribution; the stream is consumed only when something is drawn. */
function drawNumbers(dist: NumberDist, stream: Stream, n: number): number[] {
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

function drawChoices<T extends string>(dist: T | T[], stream: Stream, n: number): T[] {
  if (!Array.isArray(dist)) return new Array<T>(n).fill(dist);
  const u = uniform(stream, n);
  return Array.from(u, (x) => dist[Math.floor(x * dist.length)]);
}

type NoiseDraws = z.output<z.ZodObject<typeof noiseDrawFields>>;

function drawNoiseParams(d: NoiseDraws, stream: (name: string) => Stream, n: number): Record<string, unknown>[] {
  const scale = drawNumbers(d.scale, stream('scale'), n);
  const error = drawChoices(d.error, stream('error'), n);
  const nu = drawNumbers(d.nu, stream('nu'), n);
  const hetero = drawChoices(d.hetero, stream('hetero'), n);
  const heteroStrength = drawNumbers(d.heteroStrength, stream('heteroStrength'), n);
  const dispersion = drawNumbers(d.dispersion, stream('dispersion'), n);
  return Array.from({ length: n }, (_, j) => ({
    scale: scale[j],
    error: error[j],
    nu: nu[j],
    hetero: hetero[j],
    heteroStrength: heteroStrength[j],
    dispersion: dispersion[j],
  }));
}

/** Parameters of every proxy a block draws (validated: a drawn value out of range names the block field). */
function drawBlock(block: RandomBlock, b: number, seed: number): ProxySpec['params'][] {
  const stream = (name: string) => Stream.from(seed, 'population', 'random', b, name);
  const n = block.count;
  let drawn: Record<string, unknown>[];
  let schema: z.ZodType;
  if (block.family === 'noise') {
    drawn = drawNoiseParams(block, stream, n);
    schema = noiseParamsSchema;
  } else {
    const base = drawNoiseParams(block.base, (name) => stream(`base.${name}`), n);
    const fn = drawChoices(block.fn, stream('fn'), n);
    const a = drawNumbers(block.a, stream('a'), n);
    const bb = drawNumbers(block.b, stream('b'), n);
    const power = drawNumbers(block.power, stream('power'), n);
    drawn = base.map((p, j) => ({ base: p, baseId: null, fn: fn[j], a: a[j], b: bb[j], power: power[j] }));
    schema = transformParamsSchema;
  }
  return drawn.map((params) => {
    const res = schema.safeParse(params);
    if (!res.success) {
      const issue = res.error.issues[0];
      const where = fieldPath('population', ['random', b, ...issue.path]);
      const value = issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown>)?.[k], params);
      throw new RmsimError('CONFIG', `drawn value ${String(value)} is invalid: ${issue.message}`, { field: where });
    }
    return res.data as ProxySpec['params'];
  });
}

/**
 * The proxies of a population (validated; a bad field throws RmsimError('CONFIG') naming it,
 * e.g. 'population: the population is empty …'). Pure function of (config, seed).
 */
export function expandPopulation(config: PopulationConfigInput | PopulationConfig, seed: number): ProxySpec[] {
  const pop = parseConfig(populationSchema, config, 'population');
  const counters: Record<ProxyFamily, number> = { noise: 0, transform: 0, gold: 0 };
  const nextId = (family: ProxyFamily) => `${family}-${String(counters[family]++).padStart(3, '0')}`;
  const out: ProxySpec[] = [];
  const where = new Map<string, string>();
  const add = (spec: ProxySpec, field: string) => {
    const prev = where.get(spec.id);
    if (prev !== undefined) throw new RmsimError('CONFIG', `duplicate proxy id '${spec.id}' (also ${prev})`, { field });
    where.set(spec.id, field);
    out.push(spec);
  };
  pop.proxies.forEach((p, i) => {
    add({ ...p, id: p.id ?? nextId(p.family) } as ProxySpec, `population.proxies[${i}]`);
  });
  pop.random.forEach((block, b) => {
    drawBlock(block, b, seed).forEach((params, j) => {
      add({ id: nextId(block.family), family: block.family, params } as ProxySpec, `population.random[${b}] draw ${j}`);
    });
  });
  return out;
}
