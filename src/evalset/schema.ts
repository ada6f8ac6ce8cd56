/**
 * Eval designs: how a preference test set is built from a set of eval prompts, independent of any
 * proxy. A design fixes the prompts (M), the responses per prompt (k) and where they come from
 * (`pool`, `shifted`, `rank-bins`), how they are paired (`all`, `random`, `best-vs-rest`,
 * `chosen-rejected`), how pairs are labelled (`gold`, `flip`, `bt`) and the tie policy the
 * metrics apply.
 */
import { z } from 'zod';
import { MAX_LIST, TOO_MANY } from '../config.js';
import { TIE_POLICIES, type TiePolicy } from '../core/pairs.js';

export type { TiePolicy };

export const SOURCES = ['pool', 'shifted', 'rank-bins'] as const;
export const PAIRINGS = ['all', 'random', 'best-vs-rest', 'chosen-rejected'] as const;
export const LABELS = ['gold', 'flip', 'bt'] as const;

export const designSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9_.:@=+-]+$/, 'letters, digits and _ . : @ = + - only')
      .default('main')
      .describe('Name of the design: a key in results and a part of its random streams; unique within a study.'),
    prompts: z
      .union([z.number().int().positive(), z.literal('all')])
      .default('all')
      .describe(
        "Eval prompts M in the set (≤ the world's eval prompts); a uniformly random subset, redrawn per replicate. 'all' uses every eval prompt.",
      ),
    k: z
      .number()
      .int()
      .min(2)
      .default(2)
      .describe('Responses per prompt (≤ the eval pool size). Group metrics (best-of-k, Kendall, NDCG, …) rank these k.'),
    source: z
      .enum(SOURCES)
      .default('pool')
      .describe(
        "Where the k responses come from. 'pool': k of the prompt's eval pool, uniformly without replacement (weighted by π0 when the pool has log π0: successive sampling). 'shifted': another model's samples: successive sampling from the pool with weight π0·exp(shift·z), z the gold standardized within the prompt's pool. 'rank-bins': the pool sorted by gold is cut into `bins` equal rank bins; responses come from bins `binA` and `binB` (Wen et al. 2025, Table 3).",
      ),
    shift: z
      .number()
      .finite()
      .default(1)
      .describe(
        "source 'shifted': tilt towards higher gold (> 0) or lower gold (< 0), in within-prompt standard deviations of gold; 0 is the pool.",
      ),
    bins: z
      .number()
      .int()
      .min(2)
      .default(4)
      .describe("source 'rank-bins': number B of gold-rank bins; bin b holds gold ranks ⌊bK/B⌋ … ⌊(b+1)K/B⌋ − 1 (rank 0 = highest gold)."),
    binA: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe(
        "source 'rank-bins': the bin of the first responses: ⌈k/2⌉ of them (with pairing 'chosen-rejected': `chosen` of them); 0 = highest gold.",
      ),
    binB: z
      .number()
      .int()
      .min(0)
      .default(3)
      .describe("source 'rank-bins': the bin of the remaining responses; must differ from binA and be < bins."),
    pairing: z
      .enum(PAIRINGS)
      .default('all')
      .describe(
        "Which pairs of a group are labelled. 'all': all C(k,2). 'random': `pairsPerPrompt` distinct pairs, uniformly. 'best-vs-rest': the gold-best response against each other one (1:(k−1)). 'chosen-rejected': the top `chosen` by gold against the other k − chosen (RewardMATH 1:9, RM-Bench 3×3).",
      ),
    pairsPerPrompt: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe("pairing 'random': pairs per prompt p (≤ C(k,2)), distinct, uniformly among the C(k,2)."),
    chosen: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe("pairing 'chosen-rejected': number a of chosen responses per prompt (< k); the other k − a are rejected."),
    labels: z
      .enum(LABELS)
      .default('gold')
      .describe(
        "How a pair is labelled. 'gold': by gold order (a gold tie is a labelled tie). 'flip': gold order, each label reversed with probability `flipRate` (Coste et al. 2024). 'bt': Bradley–Terry annotator, A preferred with probability σ((g_A − g_B)/temperature).",
      ),
    flipRate: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe("labels 'flip': the probability ε that a label is reversed; measured accuracy becomes ε + (1 − 2ε)·A."),
    temperature: z
      .number()
      .finite()
      .positive()
      .default(1)
      .describe("T of the gold preference probability σ((g_A − g_B)/T): used by labels 'bt' and by the metric 'ece'."),
    ties: z
      .enum(TIE_POLICIES as unknown as [TiePolicy, ...TiePolicy[]])
      .default('half')
      .describe(
        "Tie policy of the metrics that follow one (each metric's tie rule: the metrics table of the config reference) when the proxy ties responses: 'strict' counts a tie as wrong, 'half' as the expected value of a uniformly random tie-break (½ for a pair), 'drop' excludes the item from the denominator. The per-prompt and global correlations and reward-variance do not depend on it.",
      ),
    metrics: z
      .array(z.string())
      .max(MAX_LIST, TOO_MANY)
      .optional()
      .describe('Metrics computed on this design (names from the metric registry); default: every registered metric this design supports.'),
  })
  .strict()
  .describe('An eval design: how a preference test set is built from the eval prompts.');

export type EvalDesign = z.output<typeof designSchema>;
export type EvalDesignInput = z.input<typeof designSchema>;
