import { describe, expect, it } from 'vitest';
import { fmtSigned } from '../../src/report/format.js';
import { standardFigures } from '../../src/report/index.js';
import { findingsReport, strength } from '../../src/study/findings.js';
import { runStudy } from '../../src/study/run.js';
import { smallStudy } from './fixtures.js';

describe('strength', () => {
  it('words |ρ| as the paper does: < 0.4 weak, < 0.7 moderate, else strong, with its sign', () => {
    expect(strength(0.39)).toBe('weak positive');
    expect(strength(0.4)).toBe('moderate positive');
    expect(strength(-0.75)).toBe('strong negative');
  });
});

describe('findingsReport', () => {
  it("writes the four findings from the run's numbers, a trend's designs in one table, and the designs table", async () => {
    const cfg = smallStudy();
    cfg.report = {
      trends: [
        { title: 'k matters', designs: ['main', 'k4'], outcome: 'bon@8', note: 'same prompts', ordered: true },
        { title: 'a budget', designs: ['main', 'k4'], outcome: 'bon@8', finding: 3 },
        { title: 'another budget', designs: ['k4', 'bins'], outcome: 'bon@8', finding: 3 },
      ],
    };
    const res = await runStudy(cfg);
    const figs = standardFigures(res.rows, res.summary);
    const { sections, figures, appendix } = findingsReport(res.config, res.summary, res.rows, figs);
    expect(sections.map((s) => s.id)).toEqual(['finding-1', 'finding-2', 'finding-3', 'finding-4']);
    expect(figures.map((f) => f.id)).toEqual(['finding-2-designs', 'finding-3-designs']);
    const e = res.summary.correlations.find(
      (c) => c.design === 'main' && c.metric === 'accuracy' && c.outcome === 'bon@8' && c.quantity === 'ndr',
    )!;
    expect(sections[0].body).toContain(`**accuracy on main vs NDR of bon@8**: Spearman ${e.spearman.value.toFixed(2)}`);
    expect(sections[0].body).toContain(strength(e.spearman.value));
    expect(sections[1].body).toContain('- **k matters.** same prompts From main to k4');
    expect(sections[1].body).toContain('![2. How accuracy is measured matters](finding-2-designs.svg)');
    // finding 3 counts the budget both ways
    expect(sections[2].body).toContain('| design | prompts × k | labelled pairs | annotated responses | Spearman |');
    expect(sections[2].body).toMatch(/\| main \| 120 × 2 \| 120 \| 240 \| [0-9.]+ \[/);
    expect(sections[2].body).toMatch(/\| k4 \| 40 × 4 \| 240 \| 160 \| [0-9.]+ \[/);
    // ... and compares within each budget against its k = 2 design, on the leaderboard's resamples:
    // k4 − bins is (k4 − main) − (bins − main) of the leaderboard, the same proxies both ways
    const lb = res.summary.leaderboard.outcomes.find((o) => o.outcome === 'bon@8' && o.quantity === 'ndr')!;
    const diff = (d: string) => lb.entries.find((e) => e.design === d && e.metric === 'accuracy')!.difference.value;
    const row = (budget: string, design: string) =>
      sections[2].body
        .split('\n')
        .find((l) => l.startsWith(`| ${budget} | ${design} |`))!
        .split(' | ')
        .pop()!
        .replace(/ \|$/, '');
    expect(sections[2].body).toContain("minus the budget's k = 2 design (paired)");
    expect(row('another budget', 'bins')).toBe('(reference)');
    expect(row('another budget', 'k4').split(' [')[0]).toBe(fmtSigned(diff('k4') - diff('bins')));
    expect(row('a budget', 'main')).toBe('(reference)');
    expect(row('a budget', 'k4').split(' [')[0]).toBe(fmtSigned(diff('k4')));
    expect(sections[2].body).toContain('By the paired bootstrap against accuracy on bins');
    // finding 4 ranks groups by mean residual: the table's rows are in that order
    const rankOutcome = res.summary.theory.groups
      .map((g) => g.outcome)
      .filter((o) => o.startsWith('bon@'))
      .pop()!;
    const means = res.summary.theory.groups.filter((g) => g.outcome === rankOutcome).sort((a, b) => b.meanResidual - a.meanResidual);
    const order = [...sections[3].body.matchAll(/^\| ((?:noise|transform)\/[^ |]+) \|/gm)].map((m) => m[1]);
    expect(order).toEqual(means.map((g) => g.group));
    expect(appendix[0].body).toContain('| design | prompts | k | source | pairing | labels | labelled pairs | annotated responses |');
    expect(appendix[0].body).toContain('| k4 | 40 | 4 | pool | all | gold | 240 | 160 |');
  });
});
