/**
 * Checking eval designs: zod parsing, then the checks that need the eval world's sizes and the
 * metric registry (k ≤ the eval pool, bins that can hold their responses, metrics the design
 * supports). Every error is one RmsimError('CONFIG') naming the design's field.
 */
import { configError, parseConfig } from '../config.js';
import { binCounts } from './budget.js';
import { checkDesignMetrics } from './registry.js';
import { designSchema, type EvalDesign } from './schema.js';

export interface EvalSizes {
  evalPrompts: number;
  evalPoolSize: number;
}

/**
 * Parse one raw design (designs[index] of a config): zod defaults and strictness, then errors as
 * RmsimError('CONFIG', 'designs[i].field: why'). Unknown keys are named as fields.
 */
export function parseDesign(raw: unknown, index: number, prefix = 'designs'): EvalDesign {
  return parseConfig(designSchema, raw, `${prefix}[${index}]`);
}

/**
 * Check a parsed design against the world's sizes and the metric registry; throws
 * RmsimError('CONFIG', '<prefix>[index].<field>: why'). `sizes` may be a WorldConfig.
 */
export function validateDesign(design: EvalDesign, index: number, sizes: EvalSizes, prefix = 'designs'): void {
  const at = `${prefix}[${index}]`;
  const { k } = design;
  if (design.prompts !== 'all' && design.prompts > sizes.evalPrompts) {
    configError(`${at}.prompts`, `${design.prompts} exceeds the world's eval prompts (${sizes.evalPrompts})`);
  }
  if (k > sizes.evalPoolSize) configError(`${at}.k`, `${k} exceeds the eval pool size (${sizes.evalPoolSize})`);
  if (design.source === 'rank-bins') {
    const { bins, binA, binB } = design;
    if (bins > sizes.evalPoolSize) configError(`${at}.bins`, `${bins} bins exceed the eval pool size (${sizes.evalPoolSize})`);
    if (binA >= bins) configError(`${at}.binA`, `${binA} must be < bins (${bins})`);
    if (binB >= bins) configError(`${at}.binB`, `${binB} must be < bins (${bins})`);
    if (binA === binB) configError(`${at}.binB`, `must differ from binA (${binA})`);
    if (design.pairing === 'chosen-rejected' && binA > binB) {
      configError(
        `${at}.binA`,
        `with pairing 'chosen-rejected' binA (the chosen) must be the higher-gold bin (smaller index than binB = ${binB}), got ${binA}`,
      );
    }
    const [nA, nB] = binCounts(design);
    const smallest = Math.floor(sizes.evalPoolSize / bins);
    if (Math.max(nA, nB) > smallest) {
      configError(
        `${at}.k`,
        `needs ${Math.max(nA, nB)} responses from one bin, but a bin of a pool of ${sizes.evalPoolSize} in ${bins} bins holds ${smallest}`,
      );
    }
  }
  if (design.pairing === 'random' && design.pairsPerPrompt > (k * (k - 1)) / 2) {
    configError(`${at}.pairsPerPrompt`, `${design.pairsPerPrompt} exceeds C(k, 2) = ${(k * (k - 1)) / 2}`);
  }
  if (design.pairing === 'chosen-rejected' && design.chosen >= k) {
    configError(`${at}.chosen`, `${design.chosen} must be < k (${k}) so that some response is rejected`);
  }
  checkDesignMetrics(design, at);
}

/** Parse and validate a list of raw designs; names must be unique. */
export function parseDesigns(raw: unknown, sizes: EvalSizes, prefix = 'designs'): EvalDesign[] {
  if (!Array.isArray(raw)) configError(prefix, 'must be a list of designs');
  if (raw.length === 0) configError(prefix, 'must contain at least one design');
  const out = raw.map((d, i) => parseDesign(d, i, prefix));
  validateDesigns(out, sizes, prefix);
  return out;
}

/** Validate parsed designs (each one, and that names are unique). */
export function validateDesigns(designs: EvalDesign[], sizes: EvalSizes, prefix = 'designs'): void {
  const seen = new Map<string, number>();
  designs.forEach((d, i) => {
    const prev = seen.get(d.name);
    if (prev !== undefined) configError(`${prefix}[${i}].name`, `'${d.name}' is already the name of ${prefix}[${prev}]`);
    seen.set(d.name, i);
    validateDesign(d, i, sizes, prefix);
  });
}
