/** Shared option parsing for commands: comma lists, and zod errors turned into one line. */
import type { z } from 'zod';
import { RmsimError } from '../errors.js';

/** "1,4,16" → [1, 4, 16]; a non-number names the option. */
export function numberList(option: string) {
  return (value: string): number[] =>
    value.split(',').map((s) => {
      const v = Number(s.trim());
      if (s.trim() === '' || !Number.isFinite(v)) throw new RmsimError('INVALID_ARGUMENT', `${option}: '${s}' is not a number`);
      return v;
    });
}

/**
 * Parse `input` with `schema`; the first issue becomes `RmsimError(code, "<where>.<path>: message")`.
 * With `where` = '--' the path is shown as a command-line option (`--sigma-gold: ...`).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: string,
  code: 'INVALID_ARGUMENT' | 'CONFIG' = 'INVALID_ARGUMENT',
): z.infer<S> {
  const res = schema.safeParse(input);
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  const path = issue.path.map(String).join('.');
  const [option, ...rest] = issue.path;
  const field =
    where === '--' // command-line options: --kebab-case, list elements as [i]
      ? `--${String(option).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}${rest.map((p) => `[${String(p)}]`).join('')}`
      : [where, path].filter(Boolean).join('.');
  throw new RmsimError(code, `${field}: ${issue.message}`);
}
