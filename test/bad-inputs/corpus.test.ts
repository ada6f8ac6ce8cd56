// Every case of cases.yaml through the in-process CLI: the exact first line of its error, its exit
// code, one line only, nothing on stdout, and nothing written or left behind, in the case's
// folder (which holds the output's parent) or in the temp folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listing, tempDir } from '../helpers/folders.js';
import { CASES, runCase } from './corpus.js';

const root = tempDir('rmsim-bad-inputs-');
// this test file's own temp folder: whatever rmsim would put in os.tmpdir() lands here
const tmp = join(root, 'tmp');
mkdirSync(tmp);
process.env.TMPDIR = tmp;

describe('the bad-input corpus', () => {
  it('has at least 60 cases with distinct names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const dir = join(root, `case-${i}`);
      mkdirSync(dir);
      const tmpBefore = listing(tmp);
      const o = await runCase(c, dir);
      expect(o.stderr.split('\n')[0]).toBe(o.expected);
      expect(o.status).toBe(c.exit ?? 2);
      expect(o.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(o.stderr).not.toMatch(/\n\s+at /);
      expect(o.stdout).toBe('');
      expect(o.after).toEqual(o.before);
      expect(listing(tmp)).toEqual(tmpBefore);
      if (c.huge) {
        // refused before anything is allocated: at once, and without growing the process
        expect(o.ms).toBeLessThan(1000);
        expect(o.peakGrowthMB).toBeLessThan(200);
      }
    });
  });
});
