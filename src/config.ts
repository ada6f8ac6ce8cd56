/**
 * Config validation with zod: the first issue becomes one `RmsimError('CONFIG')` line naming the
 * field. A resolved config is a frozen value that a parse with the same schema recognizes
 * (`markResolved`): it is parsed once, however many layers receive it.
 */
import type { z } from 'zod';
import { RmsimError } from './errors.js';

/** Resolved values and the schema that resolved each (a part of a config may be marked with its section's schema). */
const resolvedBy = new WeakMap<object, z.ZodType>();

/**
 * Freeze `value` and everything in it, and remember that `schema` resolved it: a later parse of
 * this value with the same schema returns it as it is. `sections` marks parts of it the same way
 * with their own schemas (e.g. a study config's world with the world's schema).
 */
export function markResolved<T>(value: T, schema: z.ZodType, sections: [object, z.ZodType][] = []): T {
  deepFreeze(value);
  if (value !== null && typeof value === 'object') resolvedBy.set(value, schema);
  for (const [part, partSchema] of sections) resolvedBy.set(part, partSchema);
  return value;
}

function deepFreeze(value: unknown): void {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
}

/** True for a value that `schema` resolved (see `markResolved`). */
export function isResolved(value: unknown, schema: z.ZodType): boolean {
  return value !== null && typeof value === 'object' && resolvedBy.get(value) === schema;
}

/** `['random', 0, 'count']` under `population` → `population.random[0].count`. */
export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/**
 * Parse `input` with `schema`; on failure throw `RmsimError('CONFIG', '<root>.<field>: <message>')`.
 * An unknown key is reported at its own path (`world.poolSzie: unknown key`). A value this schema
 * resolved before (see `markResolved`) is returned as it is.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  if (isResolved(input, schema)) return input as z.output<S>;
  const res = schema.safeParse(input);
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    const where = fieldPath(root, [...issue.path, keys[0]]);
    const more = keys.length > 1 ? ` (also: ${keys.slice(1).join(', ')})` : '';
    throw new RmsimError('CONFIG', `unknown key${more}`, { field: where });
  }
  // zod says "Invalid input: expected array, received undefined" for a field left out
  const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
  const why = missing ? `is missing (expected ${issue.expected})` : issue.message;
  throw new RmsimError('CONFIG', why, { field: fieldPath(root, issue.path) || undefined });
}

/** Throw `RmsimError('CONFIG', '<field>: <why>')`. */
export function configError(field: string, why: string): never {
  throw new RmsimError('CONFIG', why, { field });
}

/** Throw `RmsimError('CONFIG', '<field>[i]: <v> is listed twice')` for a value listed twice. O(n). */
export function requireUnique(list: readonly (number | string)[], field: string): void {
  const seen = new Set<number | string>();
  list.forEach((v, i) => {
    if (seen.has(v)) configError(`${field}[${i}]`, `${v} is listed twice`);
    seen.add(v);
  });
}

/**
 * The most values a config list may hold (best-of-n sizes, KL targets, β values, designs,
 * outcome keys, metrics, choices): every value costs work for every proxy, and a list longer
 * than this is a mistake, not a study.
 */
export const MAX_LIST = 1000;
export const TOO_MANY = `at most ${MAX_LIST} values`;
