/**
 * Which pairs of a group are labelled (stages 3 and 4 of building an eval set): the chosen split
 * of 'best-vs-rest' and 'chosen-rejected' designs (the gold-best responses first), then the pairs
 * — 'all' C(k, 2), 'random' distinct pairs, or chosen × rejected.
 */
import { sampleGroups } from '../core/rng.js';
import type { Stream } from '../core/stream.js';
import type { Scores } from '../data/pools.js';
import { pairsPerGroup } from './budget.js';
import type { EvalDesign } from './schema.js';

/** Row-wise index of pair (i, j), i < j, among the C(k,2) pairs of k items → (i, j). */
function decodePair(t: number, k: number): [number, number] {
  let i = 0;
  let row = k - 1;
  while (t >= row) {
    t -= row;
    i++;
    row--;
  }
  return [i, i + 1 + t];
}

/** Positions 0..k−1 of a group sorted by gold descending, ties by position (stable). */
function goldOrder(gold: Float64Array, resp: ArrayLike<number>, lo: number, hi: number): number[] {
  const pos = Array.from({ length: hi - lo }, (_, i) => i);
  pos.sort((a, b) => {
    const ga = gold[resp[lo + a]];
    const gb = gold[resp[lo + b]];
    return ga > gb ? -1 : ga < gb ? 1 : a - b;
  });
  return pos;
}

/**
 * The chosen split, in place: for 'best-vs-rest' (1 chosen) and 'chosen-rejected' (`chosen`)
 * designs, each group of k is reordered chosen first (the top by gold), each part in its previous
 * order. Returns the chosen count per group, or null for designs without a split.
 */
export function splitChosen(design: EvalDesign, gold: Scores, responses: Int32Array, M: number): Int32Array | null {
  if (design.pairing !== 'best-vs-rest' && design.pairing !== 'chosen-rejected') return null;
  const { k } = design;
  const a = design.pairing === 'best-vs-rest' ? 1 : design.chosen;
  const chosenCount = new Int32Array(M).fill(a);
  for (let g = 0; g < M; g++) {
    const lo = g * k;
    const top = new Set(goldOrder(gold, responses, lo, lo + k).slice(0, a));
    const group = Array.from(responses.subarray(lo, lo + k));
    const reordered = [...group.filter((_, j) => top.has(j)), ...group.filter((_, j) => !top.has(j))];
    responses.set(reordered, lo);
  }
  return chosenCount;
}

/** The labelled pairs (indices into the pools' responses); 'random' pairs are drawn from `stream`. */
export function pairUp(
  design: EvalDesign,
  responses: Int32Array,
  chosenCount: Int32Array | null,
  M: number,
  stream: () => Stream,
): { pairA: Int32Array; pairB: Int32Array } {
  const { k } = design;
  const pg = pairsPerGroup(design);
  const pairA = new Int32Array(M * pg);
  const pairB = new Int32Array(M * pg);
  let q = 0;
  const push = (g: number, i: number, j: number): void => {
    pairA[q] = responses[g * k + i];
    pairB[q] = responses[g * k + j];
    q++;
  };
  if (design.pairing === 'all') {
    for (let g = 0; g < M; g++) for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) push(g, i, j);
  } else if (design.pairing === 'random') {
    const C = (k * (k - 1)) / 2;
    const off = Int32Array.from({ length: M + 1 }, (_, g) => g * C);
    const picked = sampleGroups(stream(), off, new Int32Array(M).fill(pg));
    for (let g = 0; g < M; g++) {
      for (let t = 0; t < pg; t++) {
        const [i, j] = decodePair(picked[g * pg + t], k);
        push(g, i, j);
      }
    }
  } else {
    const a = chosenCount![0];
    for (let g = 0; g < M; g++) for (let i = 0; i < a; i++) for (let j = a; j < k; j++) push(g, i, j);
  }
  return { pairA, pairB };
}
