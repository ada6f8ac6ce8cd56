/** Shared option parsing for commands: comma lists, and zod errors turned into one line. */
import type { z } from 'zod';
import { RmsimError } from '../errors.js';

/** A numeric option's value: an empty or non-numeric argument names the option (Number('') would be 0). */
export function numberOption(option: string) {
  return (value: string): number => {
    const t = value.trim();
    if (t === '') throw new RmsimError('INVALID_ARGUMENT', 'is empty; give a number', { field: option });
    const v = Number(t);
    if (!Number.isFinite(v)) throw new RmsimError('INVALID_ARGUMENT', `'${value}' is not a number`, { field: option });
    return v;
  };
}

/** "1,4,16" → [1, 4, 16]; a non-number names the option. */
export function numberList(option: string) {
  return (value: string): number[] =>
    value.split(',').map((s) => {
      const v = Number(s.trim());
      if (s.trim() === '' || !Number.isFinite(v)) throw new RmsimError('INVALID_ARGUMENT', `'${s}' is not a number`, { field: option });
      return v;
    });
}

/**
 * Parse a command's options with `schema` (config files go through src/config.ts instead); the
 * first issue becomes `RmsimError('INVALID_ARGUMENT', '--sigma-gold: …')`, list elements as `--n[0]`.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const res = schema.safeParse(input);
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  const [option, ...rest] = issue.path;
  const field = `--${String(option).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}${rest.map((p) => `[${String(p)}]`).join('')}`;
  throw new RmsimError('INVALID_ARGUMENT', issue.message, { field });
}
