import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/summary.js';
import { ndrTheory } from '../../src/analysis/theory.js';
import { renderSvg } from '../../src/report/render.js';
import { accuracyVsNdrSpec, bonCurveSpec, bonOutcomes, correlationHeatmapSpec } from '../../src/report/specs.js';
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
    for (const p of line.data.values) expect(p.ndr).toBeCloseTo(ndrTheory(p.x), 12);
  });
  it('renders to SVG with the axis titles, legend entries and one symbol per proxy', async () => {
    const svg = await renderSvg(spec);
    const t = texts(svg);
    expect(t).toContain('accuracy on pool');
    expect(t).toContain('NDR (bon@16)');
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
});

describe('bonCurveSpec', () => {
  it('orders best-of-n keys by n', () => {
    expect(bonOutcomes(['bon@16', 'tilt@kl=1', 'bon@2', 'bon@4'])).toEqual([
      { key: 'bon@2', n: 2 },
      { key: 'bon@4', n: 4 },
      { key: 'bon@16', n: 16 },
    ]);
  });
  it('draws a line per proxy plus the gold reference, vs n on a log axis and vs √KL', async () => {
    const byN = bonCurveSpec(rows, { x: 'n' });
    const svg = await renderSvg(byN);
    const t = texts(svg);
    expect(t).toContain('n (best-of-n)');
    expect(t).toContain('gold gain');
    expect(t).toContain('16');
    expect(count(svg.slice(svg.indexOf('layer_0_marks')), /class="mark-line/g)).toBeGreaterThan(0);
    const layer = byN.layer as { data: { values: { id: string; x: number }[] } }[];
    expect(new Set(layer[0].data.values.map((v) => v.id)).size).toBe(24);
    expect(layer[1].data.values.map((v) => v.id)).toEqual(['gold', 'gold']);
    const byKl = bonCurveSpec(rows, { x: 'sqrtKL', maxProxies: 6 });
    const kl = byKl.layer as { data: { values: { id: string; x: number; n: number }[] } }[];
    expect(new Set(kl[0].data.values.map((v) => v.id)).size).toBe(6);
    const v = kl[0].data.values.find((p) => p.n === 16)!;
    expect(v.x).toBeCloseTo(Math.sqrt(Math.log(16) - 15 / 16), 12);
    expect(texts(await renderSvg(byKl))).toContain('√KL (nats^½) of best-of-n');
  });
});

describe('correlationHeatmapSpec', () => {
  it('renders one cell per (design, metric) with the correlation printed in it', async () => {
    const spec = correlationHeatmapSpec(summary, { outcome: 'bon@16' });
    const svg = await renderSvg(spec);
    const t = texts(svg);
    expect(t).toContain('eval design');
    expect(t).toContain('metric');
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
