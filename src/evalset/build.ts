/**
 * Building an eval set, stage by stage: prompts (all, or a uniformly random M-subset), responses
 * (sources.ts), the chosen split and pairs (pairing.ts), labels (labels.ts). A pure function of
 * (design, pools, gold, seed, replicate), independent of any proxy; its randomness comes from the
 * streams Stream.from(seed, 'eval', design.name, replicate, 'prompts' | 'responses' | 'pairs' | 'labels').
 */
import { configError } from '../config.js';
import { sampleWithoutReplacement } from '../core/rng.js';
import { Stream } from '../core/stream.js';
import type { EvalSet } from '../data/evalset.js';
import { checkScores, type Pools, type Scores } from '../data/pools.js';
import { promptsUsed } from './budget.js';
import { labelPairs } from './labels.js';
import { pairUp, splitChosen } from './pairing.js';
import type { EvalDesign } from './schema.js';
import { pickResponses } from './sources.js';

/**
 * The eval set of `design` on `pools` with truth `gold`, for `replicate` (0..R−1). Throws CONFIG
 * naming the design when the pools are too small for it (call validateDesigns first for
 * index-named messages).
 */
export function buildEvalSet(design: EvalDesign, pools: Pools, gold: Scores, seed: number, replicate: number): EvalSet {
  const at = `design '${design.name}'`;
  if (!Number.isInteger(replicate) || replicate < 0) configError(`${at}.replicate`, `must be a non-negative integer, got ${replicate}`);
  checkScores(pools, gold, 'gold');
  const Gw = pools.offsets.length - 1;
  const M = promptsUsed(design, Gw);
  if (M > Gw) configError(`${at}.prompts`, `${M} exceeds the world's eval prompts (${Gw})`);
  const { k } = design;
  const stream = (part: string): Stream => Stream.from(seed, 'eval', design.name, replicate, part);

  const prompts = M === Gw ? Int32Array.from({ length: Gw }, (_, p) => p) : sampleWithoutReplacement(stream('prompts'), Gw, M);
  for (let g = 0; g < M; g++) {
    const size = pools.offsets[prompts[g] + 1] - pools.offsets[prompts[g]];
    if (size < k) configError(`${at}.k`, `${k} exceeds the eval pool size ${size} of eval prompt ${prompts[g]}`);
  }
  const responses = pickResponses(design, pools, gold, prompts, stream('responses'), at);
  const chosenCount = splitChosen(design, gold, responses, M);
  const { pairA, pairB } = pairUp(design, responses, chosenCount, M, () => stream('pairs'));
  const label = labelPairs(design, gold, pairA, pairB, () => stream('labels'));
  return {
    design: design.name,
    replicate,
    offsets: Int32Array.from({ length: M + 1 }, (_, g) => g * k),
    prompts,
    responses,
    chosenCount,
    pairA,
    pairB,
    label,
    ties: design.ties,
    temperature: design.temperature,
  };
}
