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
import { Stream } from '../core/stream.js';
import { RmsimError } from '../errors.js';
import { countSchema } from './draw.js';
import type { ProxyFamily } from './family.js';
import { familyOf, PROXY_FAMILIES } from './registry.js';
import { type ProxySpec, proxyEntrySchema } from './spec.js';

export { gaussianAccuracy, scaleForAccuracy } from './draw.js';

/** One random-block schema per family that has blocks: `{ family, count, ...the family's fields }`. */
function blockSchemas() {
  const withBlocks = (PROXY_FAMILIES as readonly ProxyFamily[]).filter((f) => f.block !== undefined);
  return withBlocks.map((f) =>
    z
      .object({ family: z.literal(f.name).describe('The proxy family.'), count: countSchema, ...f.block!.fields })
      .strict()
      .describe(f.block!.doc),
  ) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]];
}

export const randomBlockSchema = z.discriminatedUnion('family', blockSchemas());
export interface RandomBlock {
  family: string;
  count: number;
  [field: string]: unknown;
}

/** The most proxies one population may have (a sweep runs many studies instead). */
export const MAX_PROXIES = 100_000;

export const populationSchema = z
  .object({
    proxies: z
      .array(proxyEntrySchema)
      .max(MAX_PROXIES, `at most ${MAX_PROXIES} proxies`)
      .default([])
      .describe("Explicit proxies { id?, family, params }; an omitted id becomes '<family>-<nnn>'."),
    random: z
      .array(randomBlockSchema)
      .max(MAX_PROXIES, `at most ${MAX_PROXIES} blocks`)
      .default([])
      .describe('Random blocks: `count` proxies of one family, parameters drawn per proxy.'),
  })
  .strict()
  .superRefine((pop, ctx) => {
    if (pop.proxies.length === 0 && pop.random.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'the population is empty: list proxies or add a random block' });
    }
  })
  .describe('The proxy population: an explicit list and/or random draws of family parameters.');

export type PopulationConfig = { proxies: (Omit<ProxySpec, 'id'> & { id?: string })[]; random: RandomBlock[] };
export type PopulationConfigInput = z.input<typeof populationSchema>;

/**
 * How many proxies a resolved population has, counted without drawing any; throws
 * RmsimError('CONFIG') naming the field when it is more than MAX_PROXIES.
 */
export function populationSize(pop: PopulationConfig): number {
  let n = pop.proxies.length;
  if (n > MAX_PROXIES)
    throw new RmsimError('CONFIG', `${n} explicit proxies are more than the limit of ${MAX_PROXIES}`, { field: 'population.proxies' });
  pop.random.forEach((block, b) => {
    n += block.count;
    if (n > MAX_PROXIES) {
      throw new RmsimError('CONFIG', `the population reaches ${n} proxies here, more than the limit of ${MAX_PROXIES}`, {
        field: `population.random[${b}].count`,
      });
    }
  });
  return n;
}

/** Parameters of every proxy a block draws (validated: a drawn value out of range names the block field). */
function drawBlock(block: RandomBlock, b: number, seed: number): unknown[] {
  const family = familyOf(block.family);
  const stream = (name: string) => Stream.from(seed, 'population', 'random', b, name);
  const drawn = family.block!.draw(block as never, stream, block.count);
  return drawn.map((params) => {
    const res = family.params.safeParse(params);
    if (!res.success) {
      const issue = res.error.issues[0];
      const where = fieldPath('population', ['random', b, ...issue.path]);
      const value = issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown>)?.[k], params);
      throw new RmsimError('CONFIG', `drawn value ${String(value)} is invalid: ${issue.message}`, { field: where });
    }
    return res.data;
  });
}

/**
 * Where proxy `index` of the expanded population is written in the config: `params` is the path
 * its parameters' fields hang from (an explicit entry's `params`, or its random block, whose
 * fields are the family's), and `draw` its draw within the block.
 */
export function proxyOrigin(pop: PopulationConfig, index: number): { params: string; draw?: number } {
  if (index < pop.proxies.length) return { params: `population.proxies[${index}].params` };
  let j = index - pop.proxies.length;
  for (let b = 0; b < pop.random.length; b++) {
    if (j < pop.random[b].count) return { params: `population.random[${b}]`, draw: j };
    j -= pop.random[b].count;
  }
  return { params: 'population' };
}

/**
 * The proxies of a population (validated; a bad field throws RmsimError('CONFIG') naming it,
 * e.g. 'population: the population is empty …'). Pure function of (config, seed).
 */
export function expandPopulation(config: PopulationConfigInput | PopulationConfig, seed: number): ProxySpec[] {
  const pop = parseConfig(populationSchema, config, 'population') as PopulationConfig;
  populationSize(pop);
  const counters = new Map<string, number>();
  const nextId = (family: string) => {
    const c = counters.get(family) ?? 0;
    counters.set(family, c + 1);
    return `${family}-${String(c).padStart(3, '0')}`;
  };
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
