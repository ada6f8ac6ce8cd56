/**
 * The proxy families, one line each. A new family is one module exporting a `ProxyFamily`
 * (family.ts) plus one line here; the config schema, random blocks, scoring and the analysis'
 * error shapes all follow from this list.
 */
import { invalid } from '../errors.js';
import type { ProxyFamily } from './family.js';
import { gold } from './gold.js';
import { noise } from './noise.js';
import { transform } from './transform.js';

export const PROXY_FAMILIES = [noise, transform, gold] as const;

export type FamilyName = (typeof PROXY_FAMILIES)[number]['name'];

export const FAMILY_NAMES = PROXY_FAMILIES.map((f) => f.name) as readonly FamilyName[];

/** The family named `name`, or undefined. */
export function findFamily(name: string): ProxyFamily | undefined {
  return (PROXY_FAMILIES as readonly ProxyFamily[]).find((f) => f.name === name);
}

/** The family named `name`; throws INVALID_ARGUMENT when there is none. */
export function familyOf(name: string): ProxyFamily {
  const f = findFamily(name);
  if (f === undefined) invalid('family', `unknown proxy family '${name}' (known: ${FAMILY_NAMES.join(', ')})`);
  return f;
}
