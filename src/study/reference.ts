/**
 * The config reference, generated from the zod schema (z.toJSONSchema), so the documentation
 * cannot drift from what the validator accepts. docs/config-reference.md is this function's
 * output (a test keeps the two equal).
 */
import { z } from 'zod';
import { METRICS } from '../evalset/registry.js';
import { studySchema } from './schema.js';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
};

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeOf).join(' \\| ');
  if (s.type === 'array') {
    if (s.prefixItems) return `[${s.prefixItems.map(typeOf).join(', ')}]`;
    const item = s.items && !Array.isArray(s.items) ? s.items : null;
    if (!item) return 'any[]';
    return item.anyOf || item.oneOf || item.enum ? `(${typeOf(item)})[]` : `${typeOf(item)}[]`;
  }
  if (s.type === 'object') return 'object';
  let t = Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
  const lo = s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : s.minimum !== undefined ? `≥ ${s.minimum}` : '';
  const hi =
    s.exclusiveMaximum !== undefined
      ? `< ${s.exclusiveMaximum}`
      : s.maximum !== undefined && s.maximum < 2 ** 53 - 1
        ? `≤ ${s.maximum}`
        : '';
  if (lo || hi) t += ` (${[lo, hi].filter(Boolean).join(', ')})`;
  return t;
}

function rows(s: JsonSchema, path: string, out: string[][]): void {
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.every((v) => v.type === 'object' && v.properties)) {
    // a discriminated union of objects: one block of rows per variant
    for (const v of variants) {
      const tag = Object.entries(v.properties!).find(([, p]) => p.const !== undefined);
      const where = tag ? `${path} (${tag[0]} = ${JSON.stringify(tag[1].const)})` : path;
      if (v.description) out.push([`\`${where}\``, 'object', '', esc(v.description)]);
      rows({ ...v, description: undefined }, where, out);
    }
    return;
  }
  if (s.type === 'object' && s.properties) {
    for (const [key, p] of Object.entries(s.properties)) {
      const here = path ? `${path}.${key}` : key;
      const def = p.default === undefined ? '' : `\`${JSON.stringify(p.default)}\``;
      out.push([`\`${here}\``, typeOf(p), def, esc(p.description ?? '')]);
      rows(p, here, out);
    }
    return;
  }
  if (s.type === 'array' && s.items && !Array.isArray(s.items)) {
    const item = s.items;
    if ((item.type === 'object' && item.properties) || item.anyOf || item.oneOf) rows(item, `${path}[]`, out);
  }
}

/** Markdown: one table row per config field (path, type, default, description). */
export function configReference(): string {
  const schema = z.toJSONSchema(studySchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: string[][] = [];
  rows(schema, '', out);
  return [
    '# rmsim study config reference',
    '',
    'Generated from the validating schema by `rmsim config --reference` (do not edit by hand).',
    'A config is YAML or JSON; every field is optional except `population` and `designs`.',
    'Unknown keys are errors. `rmsim config --preset paper` prints a complete example.',
    '',
    '| field | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...out.map((r) => `| ${r.join(' | ')} |`),
    '',
    '## Metrics',
    '',
    'The names `designs[].metrics` may list (default: every metric a design supports), the smallest k',
    "each needs, and how it treats proxy ties: by the design's `ties` policy, or the same under every policy.",
    '',
    '| metric | what it measures | k ≥ | ties |',
    '| --- | --- | ---: | --- |',
    ...[...METRICS.values()].map(
      (m) => `| \`${m.name}\` | ${esc(m.doc)} | ${m.minK} | ${m.tiePolicy === 'design' ? "design's policy: " : ''}${esc(m.tieDoc)} |`,
    ),
    '',
  ].join('\n');
}
