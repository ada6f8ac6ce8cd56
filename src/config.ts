/** Config validation with zod: the first issue becomes one `RmsimError('CONFIG')` line naming the field. */
import type { z } from 'zod';
import { RmsimError } from './errors.js';

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
 * An unknown key is reported at its own path (`world.poolSzie: unknown key`).
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const res = schema.safeParse(input);
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    const where = fieldPath(root, [...issue.path, keys[0]]);
    const more = keys.length > 1 ? ` (also: ${keys.slice(1).join(', ')})` : '';
    throw new RmsimError('CONFIG', `unknown key${more}`, { field: where });
  }
  throw new RmsimError('CONFIG', issue.message, { field: fieldPath(root, issue.path) || undefined });
}

/** Throw `RmsimError('CONFIG', '<field>: <why>')`. */
export function configError(field: string, why: string): never {
  throw new RmsimError('CONFIG', why, { field });
}
