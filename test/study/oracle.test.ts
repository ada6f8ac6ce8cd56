/**
 * The results contract (README "Reproducibility"): rows.jsonl and summary.json of the `quick`
 * preset are pinned by their SHA-256. A refactor keeps these bytes; a commit that changes results
 * on purpose updates the hashes here and says why. The .wasm's own hash is written into both files
 * as provenance, so it is blanked before hashing: rebuilding the core with the same results is not
 * a change of results.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { summaryJson } from '../../src/analysis/summary.js';
import { preset } from '../../src/study/presets.js';
import { rowsJsonl, runStudy } from '../../src/study/run.js';

const PINNED = {
  rows: '12ef49bb11e90482da39250e4807a147f085e4463f6c2066275b31528cd277ea',
  summary: 'a801ff9be40bd912ad5a2b2b0f0ee5a7032553c6c152032935f86ae3f179663c',
};

/** SHA-256 of the text with the provenance field `"wasmHash": "<64 hex>"` replaced by `"wasmHash":"-"`. */
function resultHash(text: string): string {
  return createHash('sha256')
    .update(text.replace(/"wasmHash": ?"[0-9a-f]{64}"/g, '"wasmHash":"-"'))
    .digest('hex');
}

describe('the quick preset', () => {
  it('writes the pinned rows.jsonl and summary.json bytes', async () => {
    const res = await runStudy(preset('quick'));
    expect({ rows: resultHash(rowsJsonl(res)), summary: resultHash(summaryJson(res.summary)) }).toEqual(PINNED);
  });
});
