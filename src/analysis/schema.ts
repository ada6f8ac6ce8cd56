/** The `analysis` section of a study config: how well each metric predicts each outcome across proxies. */
import { z } from 'zod';
import { MAX_LIST, TOO_MANY } from '../config.js';

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
      .max(MAX_LIST, TOO_MANY)
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

export type AnalysisConfig = z.output<typeof analysisSchema>;
