/** What a design costs: pairs and responses per prompt, prompts used, and the annotation budget in both accountings. */
import type { EvalDesign } from './schema.js';

/** Pairs labelled per prompt for a design. */
export function pairsPerGroup(design: EvalDesign): number {
  const k = design.k;
  switch (design.pairing) {
    case 'all':
      return (k * (k - 1)) / 2;
    case 'random':
      return design.pairsPerPrompt;
    case 'best-vs-rest':
      return k - 1;
    case 'chosen-rejected':
      return design.chosen * (k - design.chosen);
  }
}

/** Number of eval prompts a design uses when there are `evalPrompts` of them. */
export function promptsUsed(design: EvalDesign, evalPrompts: number): number {
  return design.prompts === 'all' ? evalPrompts : design.prompts;
}

/**
 * Annotation budget of a design, in both accountings (docs/design.md): labelled pairs, and annotated
 * responses — an annotator who ranks (or scores) the k responses of a prompt annotates k responses
 * and yields up to C(k, 2) pairs. Every response of a group counts, since the group metrics
 * (best-of-k, Kendall, NDCG, …) use all k even when only some pairs are labelled.
 */
export function annotationBudget(
  design: EvalDesign,
  evalPrompts: number,
): { prompts: number; pairsPerPrompt: number; responsesPerPrompt: number; labelledPairs: number; annotatedResponses: number } {
  const prompts = promptsUsed(design, evalPrompts);
  const pp = pairsPerGroup(design);
  return { prompts, pairsPerPrompt: pp, responsesPerPrompt: design.k, labelledPairs: prompts * pp, annotatedResponses: prompts * design.k };
}

/** rank-bins: how many responses come from binA and from binB. */
export function binCounts(design: EvalDesign): [number, number] {
  const nA = design.pairing === 'chosen-rejected' ? design.chosen : Math.ceil(design.k / 2);
  return [nA, design.k - nA];
}
