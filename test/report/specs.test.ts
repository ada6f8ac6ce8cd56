import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/summary.js';
import { ndrTheory } from '../../src/analysis/theory.js';
import { groupStyle } from '../../src/report/palette.js';
import { renderSvg } from '../../src/report/render.js';
import {
  accuracyVsNdrSpec,
  bonOutcomes,
  correlationHeatmapSpec,
  leaderboardSpec,
  overoptimizationData,
  overoptimizationSpec,
  residualSpec,
} from '../../src/report/specs.js';
import { syntheticRows } from '../analysis/synthetic.js';

const rows = syntheticRows(24);
const summary = summarize(rows, { seed: 3, resamples: 100 });

/** Text content of every <text> element of an SVG. */
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const count = (svg: string, re: RegExp): number => (svg.match(re) ?? []).length;

describe('accuracyVsNdrSpec', () => {
  const spec = accuracyVsNdrSpec(rows, { design: 'pool', outcome: 'bon@16' });
  it('has one point per non-gold proxy and a theory line on sin(π(A − ½))', () => {
    const [line, points] = spec.layer as { data: { values: { x: number; ndr: number }[] } }[];
    expect(points.data.values.length).toBe(24);
    // figure data are rounded to 4 significant digits (a page embeds every figure's data)
    for (const p of line.data.values) expect(Math.abs(p.ndr - ndrTheory(p.x))).toBeLessThan(5e-4);
  });
  it('renders to SVG with the axis titles, legend entries and one symbol per proxy', async () => {
    const svg = await renderSvg(spec);
    const t = texts(svg);
    expect(t).toContain('accuracy on pool');
    expect(t).toContain('NDR of bon@16');
    expect(t).toContain('noise/normal');
    expect(t).toContain('noise/student-t(3)');
    expect(svg).toMatch(/class="mark-symbol role-mark layer_1_marks"/);
    // 24 proxies + 2 legend symbols
    const marks = svg.slice(svg.indexOf('layer_1_marks'));
    expect(count(marks.slice(0, marks.indexOf('</g>')), /<path /g)).toBe(24);
    expect(svg).toMatch(/class="mark-line role-mark layer_0_marks"/);
  });
  it('refuses a design or outcome no row has, naming it', () => {
    expect(() => accuracyVsNdrSpec(rows, { design: 'nope', outcome: 'bon@16' })).toThrow(/'nope'/);
  });
  it("colors each group from the palette with an explicit domain, whatever the rows' order", () => {
    const enc = (sp: typeof spec) =>
      ((sp.layer as { encoding: { color?: { scale: unknown } } }[])[1].encoding.color as { scale: unknown }).scale;
    const reversed = accuracyVsNdrSpec([...rows].reverse(), { design: 'pool', outcome: 'bon@16' });
    expect(enc(reversed)).toEqual(enc(spec));
    expect(enc(spec)).toEqual({
      domain: ['noise/normal', 'noise/student-t(3)'],
      range: [groupStyle('noise/normal').color, groupStyle('noise/student-t(3)').color],
    });
  });
  it('draws no theory line at a fixed β', () => {
    const fixed = accuracyVsNdrSpec(rows, { design: 'pool', outcome: 'bon@16', theoryLine: false });
    expect((fixed.layer as unknown[]).length).toBe(1);
  });
});

describe('overoptimizationSpec', () => {
  it('orders best-of-n keys by n', () => {
    expect(bonOutcomes(['bon@16', 'tilt@kl=1', 'bon@2', 'bon@4'])).toEqual([
      { key: 'bon@2', n: 2 },
      { key: 'bon@4', n: 4 },
      { key: 'bon@16', n: 16 },
    ]);
  });
  it('keeps every group and takes the median and quartiles over all its proxies, from the origin', () => {
    const data = overoptimizationData(rows, { optimizer: 'bon' }) as {
      group: string;
      quantity: string;
      budget: string;
      median: number;
      q1: number;
      q3: number;
      sqrtKL: number;
      proxies: number;
    }[];
    expect(new Set(data.map((d) => d.group))).toEqual(new Set(['noise/normal', 'noise/student-t(3)']));
    const heavy = rows.filter((r) => r.family !== 'gold' && r.id !== 'gold' && (r.params as { error?: string }).error === 'student-t');
    const gains = heavy.map((r) => r.outcomes['bon@16'].goldGain).sort((a, b) => a - b);
    const d = data.find((x) => x.group === 'noise/student-t(3)' && x.quantity === 'gold reward' && x.budget === 'n = 16')!;
    expect(d.proxies).toBe(heavy.length);
    const mid = (gains.length - 1) / 2;
    expect(d.median).toBeCloseTo((gains[Math.floor(mid)] + gains[Math.ceil(mid)]) / 2, 3);
    expect(d.sqrtKL).toBeCloseTo(Math.sqrt(Math.log(16) - 15 / 16), 3);
    expect(data.filter((x) => x.budget === 'start').every((x) => x.median === 0 && x.sqrtKL === 0)).toBe(true);
    // gold optimizing itself is the reference line in every panel
    expect(data.filter((x) => x.quantity === 'gold reward, optimizing gold').length).toBe(2 * 3);
  });
  it('renders a panel per group for best-of-n and for tilt at matched KL', async () => {
    const t = texts(await renderSvg(overoptimizationSpec(rows, { optimizer: 'bon' })));
    expect(t).toContain('noise/student-t(3)');
    expect(t).toContain('√KL (nats^½) of best-of-n');
    expect(texts(await renderSvg(overoptimizationSpec(rows, { optimizer: 'tilt' })))).toContain('√KL (nats^½) of tilt');
    const noTilt = rows.map((r) => ({ ...r, outcomes: { 'bon@4': r.outcomes['bon@4'] } }));
    expect(() => overoptimizationSpec(noTilt, { optimizer: 'tilt' })).toThrow(/matched-KL tilt/);
  });
});

describe('leaderboardSpec and residualSpec', () => {
  it('shows the reference and the top entries of each outcome, colored by the paired verdict', async () => {
    const s = summarize(rows, { seed: 3, resamples: 100, theory: { design: 'pool' } });
    const spec = leaderboardSpec(s, { top: 2 });
    const values = (spec.data as { values: { entry: string; outcome: string; verdict: string; ci: string }[] }).values;
    expect(values.some((v) => v.entry === 'accuracy on pool' && v.verdict === 'the reference')).toBe(true);
    expect(new Set(values.map((v) => v.outcome))).toEqual(new Set(s.outcomes));
    const t = texts(await renderSvg(spec));
    expect(t).toContain('Spearman with NDR');
    expect(t).toContain('accuracy on pool');
    const r = texts(await renderSvg(residualSpec(s)));
    expect(r).toContain('NDR − theory');
    expect(r).toContain('noise/student-t(3)');
  });
});

describe('correlationHeatmapSpec', () => {
  it('renders one cell per (design, metric) with the correlation printed in it', async () => {
    const spec = correlationHeatmapSpec(summary, { outcome: 'bon@16' });
    const svg = await renderSvg(spec);
    const t = texts(svg);
    expect(t).toContain('eval design');
    expect(t).toContain('pool');
    expect(t).toContain('small');
    const e = summary.correlations.find((c) => c.design === 'small' && c.metric === 'accuracy' && c.outcome === 'bon@16')!;
    expect(t).toContain(e.spearman.value.toFixed(2));
    const rects = svg.slice(svg.indexOf('mark-rect role-mark'));
    expect(count(rects.slice(0, rects.indexOf('</g>')), /<path /g)).toBe(4);
  });
  it('prints n/a for an undefined correlation instead of failing', async () => {
    const flat = rows.map((r) => ({ ...r, metrics: { pool: { accuracy: 0.7 } } }));
    const s = summarize(flat, { seed: 1, resamples: 0 });
    expect(texts(await renderSvg(correlationHeatmapSpec(s, { outcome: 'bon@4' })))).toContain('n/a');
  });
});
