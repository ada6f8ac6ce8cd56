/**
 * Outcome keys — `bon@16`, `bon-wr@16`, `tilt@kl=1`, `tilt@beta=0.5` — spelled and parsed here and
 * nowhere else. A key names an optimizer (and a variant of it), and the budget it ran at: a
 * parameter and its value. The parameter `n` is written bare (`bon@16`); others as `param=value`;
 * a parameter without a value as `@param` (e.g. a checkpoint chosen by a rule).
 */
import { invalid } from '../errors.js';

export interface OutcomeKey {
  /** the optimizer's registry name, e.g. 'bon', 'tilt' */
  optimizer: string;
  /** a variant of it, e.g. 'wr' (with replacement) in 'bon-wr@16'; null for none */
  variant: string | null;
  /** the budget parameter, e.g. 'n', 'kl', 'beta' */
  param: string;
  /** its value; null for a named budget without a number */
  value: number | null;
}

const NAME = /^[a-z][a-z0-9]*$/;
const KEY = /^([a-z][a-z0-9]*)(?:-([a-z][a-z0-9]*))?@(?:([a-z][a-zA-Z0-9]*)(?:=(.+))?|([^=]+))$/;

/** The key's text. Numbers are written as JavaScript writes them (String(1) = '1', String(0.5) = '0.5'). */
export function formatOutcomeKey(k: OutcomeKey): string {
  const name = k.variant === null ? k.optimizer : `${k.optimizer}-${k.variant}`;
  if (k.value === null) return `${name}@${k.param}`;
  return k.param === 'n' ? `${name}@${k.value}` : `${name}@${k.param}=${k.value}`;
}

/** Build a key, checking its parts. */
export function outcomeKey(optimizer: string, param: string, value: number | null, variant: string | null = null): OutcomeKey {
  if (!NAME.test(optimizer)) invalid('optimizer', `'${optimizer}' is not a lowercase name`);
  if (variant !== null && !NAME.test(variant)) invalid('variant', `'${variant}' is not a lowercase name`);
  if (!/^[a-z][a-zA-Z0-9]*$/.test(param)) invalid('param', `'${param}' is not a name`);
  if (value !== null && !Number.isFinite(value)) invalid('value', `must be finite, got ${value}`);
  return { optimizer, variant, param, value };
}

/** Parse a key's text; null when it is not one (numbers must be written as formatOutcomeKey writes them). */
export function parseOutcomeKey(text: string): OutcomeKey | null {
  const m = KEY.exec(text);
  if (!m) return null;
  const [, optimizer, variant, param, valueText, bare] = m;
  if (bare !== undefined) {
    const value = Number(bare);
    return Number.isFinite(value) && String(value) === bare ? { optimizer, variant: variant ?? null, param: 'n', value } : null;
  }
  if (valueText === undefined) return { optimizer, variant: variant ?? null, param, value: null };
  const value = Number(valueText);
  return Number.isFinite(value) && String(value) === valueText ? { optimizer, variant: variant ?? null, param, value } : null;
}

/** Parse a key's text; throws INVALID_ARGUMENT naming `field` when it is not one. */
export function requireOutcomeKey(text: string, field = 'outcome'): OutcomeKey {
  const k = parseOutcomeKey(text);
  if (k === null) invalid(field, `'${text}' is not an outcome key (like bon@16, tilt@kl=1)`);
  return k;
}
