/**
 * Config validation with zod: the first issue becomes one `RmsimError('CONFIG')` line naming the
 * field. A resolved config is a frozen value that every parse recognizes (`markResolved`): it is
 * parsed once, however many layers receive it.
 */
import type { z } from 'zod';
import { RmsimError } from './errors.js';

const resolved = new WeakSet<object>();

/** Freeze `value` and every object in it, and remember them as resolved (parses return them as they are). */
export function markResolved<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !resolved.has(value)) {
    resolved.add(value);
    Object.freeze(value);
    for (const v of Object.values(value)) markResolved(v);
  }
  return value;
}

/** True for a value (or part of one) that `markResolved` has seen. */
export function isResolved(value: unknown): boolean {
  return value !== null && typeof value === 'object' && resolved.has(value);
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
 * An unknown key is reported at its own path (`world.poolSzie: unknown key`). A resolved value
 * (the output of an earlier parse, see `markResolved`) is returned as it is.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  if (isResolved(input)) return input as z.output<S>;
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

/** Throw `RmsimError('CONFIG', '<field>[i]: <v> is listed twice')` for a value listed twice. */
export function requireUnique(list: readonly (number | string)[], field: string): void {
  list.forEach((v, i) => {
    if (list.indexOf(v) !== i) configError(`${field}[${i}]`, `${v} is listed twice`);
  });
}
