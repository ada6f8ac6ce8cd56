/**
 * Vega-Lite specs for the study report, built from rows and the summary (data inlined, so a spec
 * renders on its own): accuracy vs NDR with the Gaussian theory line, best-of-n gold gain vs n and
 * vs √KL, and a metric × design correlation heatmap.
 */

import { errorShape, type Summary } from '../analysis/summary.js';
import { ndrTheory } from '../analysis/theory.js';
import { parseOutcomeKey } from '../data/outcome-key.js';
import type { Row } from '../data/row.js';
import { invalid } from '../errors.js';

/** A Vega-Lite spec as plain JSON (rendered by render.ts). */
export type VegaLiteSpec = Record<string, unknown>;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = 'Helvetica, Arial, sans-serif';
const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 220 },
  title: { fontSize: 14, subtitleFontSize: 11, anchor: 'start' },
};

function base(title: string, subtitle: string | undefined, width = 460, height = 320): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title: subtitle ? { text: title, subtitle } : { text: title },
    width,
    height,
    background: 'white',
    config: CONFIG,
  };
}

/** Best-of-n outcome keys without replacement ('bon@16') with their n, ascending. */
export function bonOutcomes(keys: Iterable<string>): { key: string; n: number }[] {
  const out: { key: string; n: number }[] = [];
  for (const key of keys) {
    const k = parseOutcomeKey(key);
    if (k && k.optimizer === 'bon' && k.variant === null && k.param === 'n' && k.value !== null) out.push({ key, n: k.value });
  }
  return out.sort((a, b) => a.n - b.n);
}

export interface ScatterOptions {
  design: string;
  outcome: string;
  metric?: string; // default 'accuracy'
  excludeFamilies?: string[]; // default ['gold']
  groupBy?: (row: Row) => string; // default errorShape
  /** Label of the metric on the axis (default: "<metric> on <design>"). */
  metricLabel?: string;
}

/** Metric (accuracy) vs NDR, one point per proxy colored by error shape, with the theory line. */
export function accuracyVsNdrSpec(rows: readonly Row[], o: ScatterOptions): VegaLiteSpec {
  const metric = o.metric ?? 'accuracy';
  const exclude = o.excludeFamilies ?? ['gold'];
  const groupBy = o.groupBy ?? errorShape;
  const points = rows
    .filter((r) => !exclude.includes(r.family))
    .map((r) => ({ id: r.id, group: groupBy(r), x: r.metrics?.[o.design]?.[metric], ndr: r.outcomes?.[o.outcome]?.ndr }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.ndr)) as { id: string; group: string; x: number; ndr: number }[];
  if (points.length === 0) invalid('rows', `no proxy has both ${metric} on '${o.design}' and the NDR of '${o.outcome}'`);
  const lo = Math.max(0, Math.min(...points.map((p) => p.x)) - 0.02);
  const hi = Math.min(1, Math.max(...points.map((p) => p.x)) + 0.02);
  const line = Array.from({ length: 101 }, (_, i) => {
    const a = lo + ((hi - lo) * i) / 100;
    return { x: a, ndr: ndrTheory(a), series: 'theory: sin(π(A − ½))' };
  });
  const xTitle = o.metricLabel ?? `${metric} on ${o.design}`;
  return {
    ...base(`${metric} vs NDR of ${o.outcome}`, `${points.length} proxies; dashed line: Gaussian theory NDR = sin(π(A − ½))`),
    layer: [
      {
        data: { values: line },
        mark: { type: 'line', strokeDash: [6, 4], color: '#555', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: xTitle, scale: { zero: false } },
          y: { field: 'ndr', type: 'quantitative', title: `NDR (${o.outcome})` },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 45, opacity: 0.8 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: xTitle, scale: { zero: false } },
          y: { field: 'ndr', type: 'quantitative', title: `NDR (${o.outcome})` },
          color: { field: 'group', type: 'nominal', title: 'proxy' },
          shape: { field: 'group', type: 'nominal', title: 'proxy' },
          tooltip: [{ field: 'id' }, { field: 'x', format: '.3f' }, { field: 'ndr', format: '.3f' }],
        },
      },
    ],
  };
}

export interface BonCurveOptions {
  /** x axis: n (log scale) or √KL of best-of-n (KL of the proxy's best-of-n policy). */
  x: 'n' | 'sqrtKL';
  groupBy?: (row: Row) => string;
  /** At most this many proxies are drawn (evenly spaced in row order; gold always), default 60. */
  maxProxies?: number;
}

/** Best-of-n gold gain vs n (log scale) or vs √KL: one line per proxy, gold as the reference. */
export function bonCurveSpec(rows: readonly Row[], o: BonCurveOptions): VegaLiteSpec {
  const groupBy = o.groupBy ?? errorShape;
  const keys = bonOutcomes(new Set(rows.flatMap((r) => Object.keys(r.outcomes ?? {}))));
  if (keys.length === 0) invalid('rows', 'no best-of-n outcomes (keys like bon@16)');
  const max = o.maxProxies ?? 60;
  const gold = rows.filter((r) => r.family === 'gold');
  const proxies = rows.filter((r) => r.family !== 'gold');
  const step = Math.max(1, Math.ceil(proxies.length / max));
  const shown = proxies.filter((_, i) => i % step === 0);
  const curve = (set: readonly Row[], group: (r: Row) => string): Record<string, unknown>[] => {
    const values: Record<string, unknown>[] = [];
    for (const r of set) {
      for (const { key, n } of keys) {
        const out = r.outcomes?.[key];
        if (!out || !Number.isFinite(out.goldGain)) continue;
        const x = o.x === 'n' ? n : Math.sqrt(Math.max(0, out.kl));
        if (!Number.isFinite(x)) continue;
        values.push({ id: r.id, group: group(r), x, goldGain: out.goldGain, n });
      }
    }
    return values;
  };
  const xEnc =
    o.x === 'n'
      ? {
          field: 'x',
          type: 'quantitative',
          title: 'n (best-of-n)',
          scale: { type: 'log', base: 2 },
          axis: { values: keys.map((k) => k.n) },
        }
      : { field: 'x', type: 'quantitative', title: '√KL (nats^½) of best-of-n' };
  const yEnc = { field: 'goldGain', type: 'quantitative', title: 'gold gain' };
  const tooltip = [{ field: 'id' }, { field: 'n' }, { field: 'goldGain', format: '.3f' }];
  const title = o.x === 'n' ? 'best-of-n gold gain vs n' : 'best-of-n gold gain vs √KL';
  const sub =
    `${shown.length} of ${proxies.length} proxies${step > 1 ? ` (one in ${step})` : ''}` +
    `${gold.length ? '; black: gold reward as its own proxy' : ''}; n = ${keys.map((k) => k.n).join(', ')}`;
  const layer: Record<string, unknown>[] = [
    {
      data: { values: curve(shown, groupBy) },
      mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.2, opacity: 0.7 },
      encoding: {
        x: xEnc,
        y: yEnc,
        color: { field: 'group', type: 'nominal', title: 'proxy' },
        detail: { field: 'id', type: 'nominal' },
        tooltip,
      },
    },
  ];
  if (gold.length) {
    layer.push({
      data: { values: curve(gold, () => 'gold') },
      mark: { type: 'line', point: { size: 30, color: 'black' }, strokeWidth: 2.5, color: 'black' },
      encoding: { x: xEnc, y: yEnc, detail: { field: 'id', type: 'nominal' }, tooltip },
    });
  }
  return { ...base(title, sub), layer };
}

const METHOD_NAMES = { pearson: 'Pearson', spearman: 'Spearman', kendall: 'Kendall τ_b' } as const;

export interface HeatmapOptions {
  outcome: string;
  method?: 'pearson' | 'spearman' | 'kendall'; // default spearman
  quantity?: string; // default 'ndr'
}

/** Metric × design heatmap of the correlation with an outcome's NDR, values printed in the cells. */
export function correlationHeatmapSpec(summary: Summary, o: HeatmapOptions): VegaLiteSpec {
  const method = o.method ?? 'spearman';
  const quantity = o.quantity ?? 'ndr';
  const values = summary.correlations
    .filter((e) => e.outcome === o.outcome && e.quantity === quantity)
    .map((e) => {
      const est = e[method];
      const v = est.value as number | null;
      return {
        design: e.design,
        metric: e.metric,
        value: v,
        label: v === null ? 'n/a' : v.toFixed(2),
        ci: est.lo === null || est.hi === null ? '' : `[${(est.lo as number).toFixed(2)}, ${(est.hi as number).toFixed(2)}]`,
      };
    });
  if (values.length === 0) invalid('outcome', `no correlations with '${o.outcome}' (${quantity}) in the summary`);
  const designs = summary.designs.filter((d) => values.some((v) => v.design === d));
  const metrics = [...new Set(values.map((v) => v.metric))];
  const cell = 46;
  return {
    ...base(
      `${METHOD_NAMES[method]} correlation of each metric with ${quantity.toUpperCase()} of ${o.outcome}`,
      `across ${summary.proxies} proxies; ${Math.round(summary.bootstrap.level * 100)}% bootstrap intervals in the tooltips`,
      Math.max(200, designs.length * 70),
      Math.max(120, metrics.length * cell * 0.6),
    ),
    data: { values },
    encoding: {
      x: { field: 'design', type: 'nominal', title: 'eval design', sort: designs, axis: { labelAngle: -30, grid: false } },
      y: { field: 'metric', type: 'nominal', title: 'metric', sort: metrics, axis: { grid: false } },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: METHOD_NAMES[method],
            scale: { domain: [-1, 1], scheme: 'redblue', reverse: true },
          },
          tooltip: [
            { field: 'design' },
            { field: 'metric' },
            { field: 'label', title: METHOD_NAMES[method] },
            { field: 'ci', title: 'CI' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'label' },
          color: { condition: { test: 'datum.value !== null && abs(datum.value) > 0.6', value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
