import { describe, expect, it } from 'vitest';
import { findingsSections, strength } from '../../src/study/findings.js';
import { runStudy } from '../../src/study/run.js';
import { smallStudy } from './fixtures.js';

describe('strength', () => {
  it('words |ρ| as the paper does: < 0.4 weak, < 0.7 moderate, else strong, with its sign', () => {
    expect(strength(0.39)).toBe('weak positive');
    expect(strength(0.4)).toBe('moderate positive');
    expect(strength(-0.75)).toBe('strong negative');
  });
});

describe('findingsSections', () => {
  it("writes each headline sentence from the run's numbers and one section per configured trend", async () => {
    const cfg = smallStudy();
    cfg.report = { trends: [{ title: 'k matters', designs: ['main', 'k4'], outcome: 'bon@8', note: 'same prompts' }] };
    const res = await runStudy(cfg);
    const sections = findingsSections(res.config, res.summary, res.rows);
    expect(sections.map((s) => s.title)).toEqual(['What this study shows', 'k matters']);
    const e = res.summary.correlations.find(
      (c) => c.design === 'main' && c.metric === 'accuracy' && c.outcome === 'bon@8' && c.quantity === 'ndr',
    )!;
    expect(sections[0].body).toContain(`**accuracy on main vs NDR of bon@8**: Spearman ${e.spearman.value.toFixed(2)}`);
    expect(sections[0].body).toContain(strength(e.spearman.value));
    expect(sections[1].body).toMatch(/^same prompts\n\n\| design \| prompts × k \| labelled pairs \| annotated responses \|/);
    expect(sections[1].body).toContain('| main | 120 × 2 | 120 | 240 |');
    expect(sections[1].body).toContain('| k4 | 40 × 4 | 240 | 160 |');
  });
});
