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
  rows: '68f4e899c5d4e65739aa55899e2771de20a3db4956f889ee39eb98b3170128db',
  summary: '292e93462a93dc0249fbdd6947fdd6750f06802f9b4ceee89dec35ae129188bf',
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
