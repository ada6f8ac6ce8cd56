/**
 * The study config: world × proxy population × eval designs × optimizers × analysis × report.
 * Each layer owns its section's schema; this module composes them and checks across sections
 * (n ≤ K, metrics that need k ≥ 3 on k = 2 designs, outcome keys that exist, …). Every error is
 * one RmsimError('CONFIG') naming the field.
 *
 * A config is parsed once: `parseStudy` returns a frozen value that every later parse (runStudy,
 * buildWorld, expandPopulation, …) recognizes, so passing it on costs nothing.
 */
import { z } from 'zod';
import { analysisSchema } from '../analysis/schema.js';
import { configError, isResolved, MAX_LIST, markResolved, parseConfig, requireUnique, TOO_MANY } from '../config.js';
import { formatOutcomeKey } from '../data/outcome-key.js';
import { metricsForDesign } from '../evalset/registry.js';
import { designSchema } from '../evalset/schema.js';
import { validateDesigns } from '../evalset/validate.js';
import { optimizersSchema, outcomeKeys, validateOptimizers } from '../optimize/registry.js';
import { expandPopulation, populationSchema } from '../proxy/population.js';
import { reportSchema } from '../report/schema.js';
import { worldSchema } from '../world/world.js';

export const studySchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only (it names the run folder)')
      .refine((s) => s !== '.' && s !== '..', 'must not be . or ..')
      .default('study')
      .describe('a name for the study: shown in the report, and the default run folder runs/<name>'),
    seed: z
      .number()
      .min(0)
      .max(2 ** 32 - 1)
      .int()
      .default(1)
      .describe('the study seed: every random stream is named by it and a path'),
    world: worldSchema.prefault({}).describe('the synthetic world: prompts, pools of responses from π0, gold rewards'),
    population: populationSchema,
    designs: z
      .array(designSchema)
      .min(1)
      .max(MAX_LIST, TOO_MANY)
      .describe('eval designs: how preference test sets are built from the eval prompts'),
    replicates: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1)
      .describe(
        'R: each eval set is drawn R times, each from an independent draw of eval prompts and responses (and new labels), to show test-set sampling noise',
      ),
    optimizers: optimizersSchema.prefault({}).describe('what a policy does with a proxy'),
    analysis: analysisSchema.prefault({}).describe('meta-evaluation: how well each metric predicts each outcome across proxies'),
    report: reportSchema.prefault({}).describe('what the report shows beyond the standard tables'),
  })
  .strict()
  .describe('One configured experiment.');

type Parsed = z.output<typeof studySchema>;
/** A resolved study config: every default filled in, frozen. */
export type StudyConfig = Omit<Parsed, 'optimizers' | 'population'> & {
  optimizers: import('../optimize/registry.js').OptimizersConfig;
  population: import('../proxy/population.js').PopulationConfig;
};
export type StudyConfigInput = z.input<typeof studySchema>;

/** Checks across sections, on a config zod has resolved. */
function validateStudy(cfg: StudyConfig): void {
  // duplicate ids and drawn values out of range (after the count is checked against MAX_PROXIES)
  const proxies = expandPopulation(cfg.population, cfg.seed);
  if (proxies.every((p) => p.family === 'gold')) {
    configError('population', 'has only the gold reference: add proxies to evaluate (a noise block, say)');
  }
  validateDesigns(cfg.designs, cfg.world, 'designs');
  validateOptimizers(cfg.optimizers, { poolSize: cfg.world.poolSize });
  const names = cfg.designs.map((d) => d.name);
  if (cfg.analysis.theoryDesign !== undefined && !names.includes(cfg.analysis.theoryDesign)) {
    configError('analysis.theoryDesign', `'${cfg.analysis.theoryDesign}' is not a design (designs: ${names.join(', ')})`);
  }
  if (cfg.analysis.outcomes) requireUnique(cfg.analysis.outcomes, 'analysis.outcomes');
  const keys = outcomeKeys(cfg.optimizers).map(formatOutcomeKey);
  cfg.analysis.outcomes?.forEach((k, i) => {
    if (!keys.includes(k)) configError(`analysis.outcomes[${i}]`, `'${k}' is not an outcome of this study (outcomes: ${keys.join(', ')})`);
  });
  const analysed = cfg.analysis.outcomes ?? keys;
  cfg.report.trends.forEach((t, i) => {
    t.designs.forEach((d, j) => {
      const design = cfg.designs.find((x) => x.name === d);
      if (!design) configError(`report.trends[${i}].designs[${j}]`, `'${d}' is not a design (designs: ${names.join(', ')})`);
      if (!metricsForDesign(design).includes(t.metric)) {
        configError(`report.trends[${i}].metric`, `'${t.metric}' is not computed on design '${d}'`);
      }
    });
    if (t.outcome !== undefined && !analysed.includes(t.outcome)) {
      configError(`report.trends[${i}].outcome`, `'${t.outcome}' is not an analysed outcome (${analysed.join(', ')})`);
    }
  });
}

/**
 * Validate and resolve a study config (defaults filled in); throws RmsimError('CONFIG') naming the
 * field. A config this function returned is returned as it is.
 */
export function parseStudy(input: unknown): StudyConfig {
  if (isResolved(input, studySchema)) return input as StudyConfig;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    configError(
      'config',
      `must be a mapping of fields (name, world, population, designs, …), got ${input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input}`,
    );
  }
  const cfg = parseConfig(studySchema, input, '') as unknown as StudyConfig;
  validateStudy(cfg);
  return markResolved(cfg, studySchema, [
    [cfg.world, worldSchema],
    [cfg.population, populationSchema],
  ]);
}
