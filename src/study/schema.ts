/**
 * The study config: world × proxy population × eval designs × optimizers × analysis. Validated
 * with zod (unknown keys rejected, defaults filled in), then across sections (n ≤ K, metrics that
 * need k ≥ 3 on k = 2 designs, …). Every error is one RmsimError('CONFIG') naming the field.
 */
import { z } from 'zod';
import { configError, parseConfig } from '../config.js';
import { designSchema, validateDesigns } from '../evalset/design.js';
import { metricsForDesign } from '../evalset/metrics.js';
import { optimizersSchema, outcomeKeys } from '../optimize/outcomes.js';
import { populationSchema } from '../proxy/population.js';
import { worldSchema } from '../world/world.js';

export const analysisSchema = z
  .object({
    bootstrap: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(1000)
      .describe('bootstrap resamples over proxies for every confidence interval (0: none)'),
    level: z.number().gt(0).lt(1).default(0.95).describe('coverage of the confidence intervals'),
    binWidth: z.number().positive().max(1).default(0.02).describe('width of the metric bins for the same-metric spread of NDR'),
    outcomes: z
      .array(z.string())
      .min(1)
      .optional()
      .describe(
        "the outcome keys every metric is correlated with (e.g. ['bon@16', 'tilt@kl=1']); default: all. Each key costs a bootstrap per (design, metric)",
      ),
    theoryDesign: z
      .string()
      .optional()
      .describe(
        'the design whose pairwise accuracy is set against the Gaussian theory line NDR = sin(π(A − ½)) (default: the first design)',
      ),
  })
  .strict()
  .describe('Meta-evaluation: how well each metric predicts each outcome across proxies.');

export const reportSchema = z
  .object({
    trends: z
      .array(
        z
          .object({
            title: z.string().min(1).describe('section title'),
            designs: z.array(z.string()).min(2).describe('designs in the order of the knob they vary'),
            metric: z.string().default('accuracy').describe('the metric whose correlation is followed'),
            outcome: z.string().optional().describe('the outcome key (default: the first analysed outcome)'),
            note: z.string().optional().describe('a sentence on what the designs hold fixed'),
          })
          .strict(),
      )
      .default([])
      .describe('tables that follow one correlation across designs (e.g. k = 2, 4, 8, 16), each with a sentence on its trend'),
  })
  .strict()
  .describe('What the report shows beyond the standard tables.');

export type ReportConfigInput = z.input<typeof reportSchema>;

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
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1)
      .describe('the study seed: every random stream is named by it and a path'),
    world: worldSchema.prefault({}).describe('the synthetic world: prompts, pools of responses from π0, gold rewards'),
    population: populationSchema,
    designs: z.array(designSchema).min(1).describe('eval designs: how preference test sets are built from the eval prompts'),
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

export type StudyConfig = z.output<typeof studySchema>;
export type StudyConfigInput = z.input<typeof studySchema>;

/** Validate and resolve a study config (defaults filled in); throws RmsimError('CONFIG') naming the field. */
export function parseStudy(input: unknown): StudyConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    configError(
      'config',
      `must be a mapping of fields (name, world, population, designs, …), got ${input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input}`,
    );
  }
  const cfg = parseConfig(studySchema, input, '');
  validateDesigns(cfg.designs, cfg.world, 'designs');
  const K = cfg.world.poolSize;
  if (cfg.optimizers.bon.estimators.includes('without')) {
    cfg.optimizers.bon.n.forEach((n, i) => {
      if (n > K) configError(`optimizers.bon.n[${i}]`, `${n} exceeds world.poolSize (${K}); the without-replacement estimator needs n ≤ K`);
    });
  }
  const maxKL = Math.log(K);
  cfg.optimizers.tilt.kl.forEach((kl, i) => {
    if (kl >= maxKL)
      configError(
        `optimizers.tilt.kl[${i}]`,
        `${kl} nats is not below log(world.poolSize) = ${maxKL.toFixed(3)}, the most a pool of ${K} can give`,
      );
  });
  const names = cfg.designs.map((d) => d.name);
  if (cfg.analysis.theoryDesign !== undefined && !names.includes(cfg.analysis.theoryDesign)) {
    configError('analysis.theoryDesign', `'${cfg.analysis.theoryDesign}' is not a design (designs: ${names.join(', ')})`);
  }
  const unique = (list: readonly (number | string)[], field: string) =>
    list.forEach((v, i) => {
      if (list.indexOf(v) !== i) configError(`${field}[${i}]`, `${v} is listed twice`);
    });
  unique(cfg.optimizers.bon.n, 'optimizers.bon.n');
  unique(cfg.optimizers.bon.estimators, 'optimizers.bon.estimators');
  unique(cfg.optimizers.tilt.kl, 'optimizers.tilt.kl');
  unique(cfg.optimizers.tilt.beta, 'optimizers.tilt.beta');
  if (cfg.analysis.outcomes) unique(cfg.analysis.outcomes, 'analysis.outcomes');
  const keys = outcomeKeys(cfg.optimizers);
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
  return cfg;
}
