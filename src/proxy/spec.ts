/** `ProxySpec`: a proxy's id, family and that family's parameters (a discriminated union over the registry). */
import { z } from 'zod';
import type { ProxyFamily } from './family.js';
import { PROXY_FAMILIES } from './registry.js';

export const proxyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, 'id must be 1+ characters of A–Z a–z 0–9 . _ -')
  .describe("The proxy's id: names its row and its random streams (e.g. 'noise-000').");

type Families = typeof PROXY_FAMILIES;
type SpecOf<F> = F extends ProxyFamily<infer N, infer P> ? { id: string; family: N; params: P } : never;

/** A proxy: id, family and that family's parameters (defaults filled in). */
export type ProxySpec = SpecOf<Families[number]>;
/** What a user may write: `params` may be partial or omitted. */
export type ProxySpecInput = { id: string; family: Families[number]['name']; params?: Record<string, unknown> };

/** One spec schema per family; `id` is optional where ids are assigned later (population lists). */
function specSchemas(id: z.ZodType) {
  const options = PROXY_FAMILIES.map((f) =>
    z
      .object({
        id,
        family: z.literal(f.name).describe('The proxy family.'),
        params: (f.params as unknown as z.ZodObject).prefault({}).describe(f.doc),
      })
      .strict()
      .describe(f.doc),
  );
  return options as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]];
}

export const proxySpecSchema = z.discriminatedUnion('family', specSchemas(proxyIdSchema)) as unknown as z.ZodType<
  ProxySpec,
  ProxySpecInput
>;

/** A proxy in a population's explicit list: like `ProxySpec`, but `id` may be omitted (→ '<family>-<nnn>'). */
export const proxyEntrySchema = z.discriminatedUnion(
  'family',
  specSchemas(proxyIdSchema.optional().describe("The proxy's id; omitted = '<family>-<nnn>'.")),
) as unknown as z.ZodType<Omit<ProxySpec, 'id'> & { id?: string }, Omit<ProxySpecInput, 'id'> & { id?: string }>;
