/** `ProxySpec`: a proxy's id, family and that family's parameters (a discriminated union on `family`). */
import { z } from 'zod';
import { GOLD_DOC, goldParamsSchema } from './gold.js';
import { NOISE_DOC, noiseParamsSchema } from './noise.js';
import { TRANSFORM_DOC, transformParamsSchema } from './transform.js';

export const proxyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, 'id must be 1+ characters of A–Z a–z 0–9 . _ -')
  .describe("The proxy's id: names its row and its random streams (e.g. 'noise-000').");

export const PROXY_FAMILY_NAMES = ['noise', 'transform', 'gold'] as const;
export type ProxyFamily = (typeof PROXY_FAMILY_NAMES)[number];

/** The spec schemas of every family; `id` is optional where ids are assigned later (population lists). */
function specSchemas<I extends z.ZodType>(id: I) {
  return [
    z
      .object({ id, family: z.literal('noise').describe('The proxy family.'), params: noiseParamsSchema.prefault({}).describe(NOISE_DOC) })
      .strict()
      .describe(NOISE_DOC),
    z
      .object({
        id,
        family: z.literal('transform').describe('The proxy family.'),
        params: transformParamsSchema.prefault({}).describe(TRANSFORM_DOC),
      })
      .strict()
      .describe(TRANSFORM_DOC),
    z
      .object({ id, family: z.literal('gold').describe('The proxy family.'), params: goldParamsSchema.prefault({}).describe(GOLD_DOC) })
      .strict()
      .describe(GOLD_DOC),
  ] as const;
}

/** A proxy: id, family and that family's parameters. */
export const proxySpecSchema = z.discriminatedUnion('family', specSchemas(proxyIdSchema));
export type ProxySpec = z.output<typeof proxySpecSchema>;
export type ProxySpecInput = z.input<typeof proxySpecSchema>;

/** A proxy in a population's explicit list: like `ProxySpec`, but `id` may be omitted (→ '<family>-<nnn>'). */
export const proxyEntrySchema = z.discriminatedUnion(
  'family',
  specSchemas(proxyIdSchema.optional().describe("The proxy's id; omitted = '<family>-<nnn>'.")),
);
export type ProxyEntryInput = z.input<typeof proxyEntrySchema>;
