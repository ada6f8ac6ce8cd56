import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configReference } from '../../src/study/reference.js';

describe('configReference', () => {
  it('is what docs/config-reference.md holds (regenerate: rmsim config --reference > docs/config-reference.md)', () => {
    const doc = readFileSync(new URL('../../docs/config-reference.md', import.meta.url), 'utf8');
    expect(doc).toBe(configReference());
  });
  it('documents every field with a description', () => {
    const rows = configReference()
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(60);
    const undocumented = rows.filter((r) => r.split(' | ')[3]?.replace(/\s*\|\s*$/, '') === '');
    expect(undocumented).toEqual([]);
  });
});
