/**
 * Vega-Lite specs for the study report, built from rows and the summary (data inlined, so a spec
 * renders on its own, as SVG in Node or live in a page). Every proxy group has one color and one
 * shape in every figure (palette.ts). The figures:
 * - leaderboardSpec: a forest plot of the metrics that best predict each outcome, with the
 *   paired-bootstrap verdict against accuracy;
 * - accuracyVsNdrSpec: a metric vs NDR, a point per proxy, with the Gaussian theory line (or
 *   without it, at a fixed β, where the line does not apply);
 * - overoptimizationSpec: gold and proxy reward gained vs √KL per group, median and interquartile
 *   band over the group's proxies (Gao et al. 2022, Fig. 1), for best-of-n or for tilt;
 * - residualSpec: each proxy's distance from the theory line by group (the one measure that ranks
 *   the groups against the line is the mean residual);
 * - designTrendSpec: one metric's Spearman across the designs that vary one knob;
 * - correlationHeatmapSpec: metric × design Spearman for one outcome.
 */

import type { LeaderboardSection, Summary, Verdict } from '../analysis/summary.js';
import { errorShape } from '../analysis/summary.js';
import { ndrTheory } from '../analysis/theory.js';
import { parseOutcomeKey } from '../data/outcome-key.js';
import type { Row } from '../data/row.js';
import { invalid } from '../errors.js';
import { fmtDiff } from './format.js';
import { groupScales } from './palette.js';

/** A Vega-Lite spec as plain JSON (rendered by render.ts). */
export type VegaLiteSpec = Record<string, unknown>;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = 'Helvetica, Arial, sans-serif';
const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260 },
  title: { fontSize: 14, subtitleFontSize: 11, anchor: 'start', subtitleColor: '#555' },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

type Size = number | { step: number };

function base(title: string, subtitle: string | undefined, size?: { width?: Size; height?: Size }): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title: subtitle ? { text: title, subtitle } : { text: title },
    ...(size?.width !== undefined ? { width: size.width } : {}),
    ...(size?.height !== undefined ? { height: size.height } : {}),
    background: 'white',
    config: CONFIG,
  };
}

const r4 = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(4)) : v);
const f2 = (v: number | null | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '–');
const ci = (lo: number | null | undefined, hi: number | null | undefined): string =>
  typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi) ? `[${f2(lo)}, ${f2(hi)}]` : '–';

/** Best-of-n outcome keys without replacement ('bon@16') with their n, ascending. */
export function bonOutcomes(keys: Iterable<string>): { key: string; n: number }[] {
  const out: { key: string; n: number }[] = [];
  for (const key of keys) {
    const k = parseOutcomeKey(key);
    if (k && k.optimizer === 'bon' && k.variant === null && k.param === 'n' && k.value !== null) out.push({ key, n: k.value });
  }
  return out.sort((a, b) => a.n - b.n);
}

/** Tilt outcome keys at a matched KL ('tilt@kl=1') or a fixed β ('tilt@beta=1') with their value, ascending. */
export function tiltOutcomes(keys: Iterable<string>, param: 'kl' | 'beta'): { key: string; value: number }[] {
  const out: { key: string; value: number }[] = [];
  for (const key of keys) {
    const k = parseOutcomeKey(key);
    if (k && k.optimizer === 'tilt' && k.param === param && k.value !== null) out.push({ key, value: k.value });
  }
  return out.sort((a, b) => a.value - b.value);
}

/** What an outcome key means, in words: 'bon@16' → 'best-of-16'. */
export function outcomeWords(key: string): string {
  const k = parseOutcomeKey(key);
  if (!k) return key;
  if (k.optimizer === 'bon' && k.param === 'n') return `best-of-${k.value}${k.variant ? ' (with replacement)' : ''}`;
  if (k.optimizer === 'tilt' && k.param === 'kl') return `tilt at KL = ${k.value}`;
  if (k.optimizer === 'tilt' && k.param === 'beta') return `tilt at β = ${k.value}`;
  return key;
}

// ---------------------------------------------------------------------------------------------
// The leaderboard

export const VERDICT_STYLE: Record<Verdict, { label: string; color: string }> = {
  reference: { label: 'the reference', color: '#222222' },
  better: { label: 'beats it', color: '#2a9d49' },
  unresolved: { label: 'not distinguishable', color: '#8c8c8c' },
  worse: { label: 'worse', color: '#d1495b' },
  undefined: { label: 'no interval', color: '#cccccc' },
};

export interface LeaderboardFigureOptions {
  /** The top entries of each outcome shown (their union over outcomes, plus the reference); default 12. */
  top?: number;
}

/** The entries shown: the union of each outcome's top entries and the reference, ordered by their mean rank. */
export function leaderboardRows(lb: LeaderboardSection, top: number): string[] {
  const label = (e: { design: string; metric: string }) => `${e.metric} on ${e.design}`;
  const chosen = new Set<string>();
  for (const o of lb.outcomes) for (const e of o.entries.slice(0, top)) chosen.add(label(e));
  if (lb.reference) chosen.add(label(lb.reference));
  const meanRank = (l: string): number => {
    const ranks = lb.outcomes.map((o) => o.entries.find((e) => label(e) === l)?.rank ?? o.entries.length + 1);
    return ranks.reduce((a, b) => a + b, 0) / Math.max(1, ranks.length);
  };
  return [...chosen].sort((a, b) => meanRank(a) - meanRank(b));
}

/**
 * The leaderboard as a forest plot: one panel per outcome, a row per (metric, design) among the
 * best, its Spearman with NDR and 95% interval, colored by whether it beats accuracy on the standard
 * design by the paired bootstrap; the reference's value is a vertical rule in each panel.
 */
export function leaderboardSpec(s: Summary, o: LeaderboardFigureOptions = {}): VegaLiteSpec {
  const lb = s.leaderboard;
  if (!lb || lb.outcomes.length === 0) invalid('summary', `no leaderboard${lb?.reason ? ` (${lb.reason})` : ''}`);
  const top = o.top ?? 12;
  const shown = leaderboardRows(lb, top);
  const values: Record<string, unknown>[] = [];
  for (const out of lb.outcomes) {
    for (const e of out.entries) {
      const label = `${e.metric} on ${e.design}`;
      if (!shown.includes(label) || typeof e.spearman.value !== 'number') continue;
      values.push({
        outcome: out.outcome,
        entry: label,
        rank: e.rank,
        spearman: r4(e.spearman.value),
        lo: r4(e.spearman.lo),
        hi: r4(e.spearman.hi),
        ci: ci(e.spearman.lo, e.spearman.hi),
        difference: fmtDiff(e.difference),
        verdict: VERDICT_STYLE[e.verdict].label,
      });
    }
  }
  const verdicts = (Object.keys(VERDICT_STYLE) as Verdict[]).filter((v) => values.some((x) => x.verdict === VERDICT_STYLE[v].label));
  const ref = lb.reference ? `${lb.reference.metric} on ${lb.reference.design}` : 'none';
  const x = { field: 'spearman', type: 'quantitative', title: 'Spearman with NDR', scale: { zero: false } };
  const y = { field: 'entry', type: 'nominal', title: null, sort: shown, axis: { grid: false, labelLimit: 260 } };
  const level = Math.round(lb.level * 100);
  return {
    ...base(
      'Which measurement of an RM predicts the gold reward a policy gains?',
      `Spearman with NDR across ${s.proxies} proxies, ${level}% bootstrap intervals; the ${top} best of each outcome and the reference (${ref}, vertical rule); color: paired-bootstrap difference from the reference`,
    ),
    data: { values },
    facet: { column: { field: 'outcome', type: 'nominal', title: null, sort: lb.outcomes.map((x) => x.outcome) } },
    spec: {
      width: 190,
      height: shown.length * 17,
      layer: [
        {
          transform: [{ filter: `datum.entry === ${JSON.stringify(ref)}` }],
          mark: { type: 'rule', color: '#222', strokeDash: [4, 3] },
          encoding: { x },
        },
        {
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y, color: { field: 'verdict' } },
        },
        {
          mark: { type: 'point', filled: true, size: 50 },
          encoding: {
            x,
            y,
            color: {
              field: 'verdict',
              type: 'nominal',
              title: `against ${ref}, paired ${level}% CI of the difference`,
              scale: { domain: verdicts.map((v) => VERDICT_STYLE[v].label), range: verdicts.map((v) => VERDICT_STYLE[v].color) },
              legend: { orient: 'bottom', direction: 'horizontal', titleLimit: 500 },
            },
            tooltip: [
              { field: 'entry', title: 'metric on design' },
              { field: 'outcome' },
              { field: 'rank' },
              { field: 'spearman', title: 'Spearman', format: '.3f' },
              { field: 'ci', title: `${level}% CI` },
              { field: 'difference', title: `minus ${ref} (paired CI)` },
              { field: 'verdict' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}

// ---------------------------------------------------------------------------------------------
// Scatter of a metric vs NDR

export interface ScatterOptions {
  design: string;
  outcome: string;
  metric?: string; // default 'accuracy'
  excludeFamilies?: string[]; // default ['gold']
  groupBy?: (row: Row) => string; // default errorShape
  /** Label of the metric on the axis (default: "<metric> on <design>"). */
  metricLabel?: string;
  /** Draw the Gaussian theory line NDR = sin(π(A − ½)) (default true; it does not apply at a fixed β). */
  theoryLine?: boolean;
  title?: string;
  subtitle?: string;
}

/** Metric (accuracy) vs NDR, one point per proxy in its group's color and shape, with the theory line. */
export function accuracyVsNdrSpec(rows: readonly Row[], o: ScatterOptions): VegaLiteSpec {
  const metric = o.metric ?? 'accuracy';
  const exclude = o.excludeFamilies ?? ['gold'];
  const groupBy = o.groupBy ?? errorShape;
  const points = rows
    .filter((r) => !exclude.includes(r.family))
    .map((r) => {
      const out = r.outcomes?.[o.outcome];
      return { id: r.id, group: groupBy(r), x: r.metrics?.[o.design]?.[metric], ndr: out?.ndr, kl: out?.kl, goldGain: out?.goldGain };
    })
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.ndr)) as { id: string; group: string; x: number; ndr: number; kl: number }[];
  if (points.length === 0) invalid('rows', `no proxy has both ${metric} on '${o.design}' and the NDR of '${o.outcome}'`);
  for (const p of points) Object.assign(p, { x: r4(p.x), ndr: r4(p.ndr), kl: r4(p.kl) });
  const lo = Math.max(0, Math.min(...points.map((p) => p.x)) - 0.02);
  const hi = Math.min(1, Math.max(...points.map((p) => p.x)) + 0.02);
  const line = Array.from({ length: 41 }, (_, i) => {
    const a = lo + ((hi - lo) * i) / 40;
    return { x: r4(a), ndr: r4(ndrTheory(a)) };
  });
  const xTitle = o.metricLabel ?? `${metric} on ${o.design}`;
  const scales = groupScales(points.map((p) => p.group));
  const withLine = o.theoryLine ?? true;
  const x = { field: 'x', type: 'quantitative', title: xTitle, scale: { zero: false } };
  const y = { field: 'ndr', type: 'quantitative', title: `NDR of ${o.outcome}` };
  const layer: Record<string, unknown>[] = [];
  if (withLine)
    layer.push({ data: { values: line }, mark: { type: 'line', strokeDash: [6, 4], color: '#555', strokeWidth: 1.5 }, encoding: { x, y } });
  layer.push({
    data: { values: points },
    mark: { type: 'point', filled: true, size: 45, opacity: 0.8 },
    encoding: {
      x,
      y,
      color: { field: 'group', type: 'nominal', title: 'proxy group', scale: scales.color },
      shape: { field: 'group', type: 'nominal', title: 'proxy group', scale: scales.shape },
      tooltip: [
        { field: 'id', title: 'proxy' },
        { field: 'group' },
        { field: 'x', title: xTitle, format: '.3f' },
        { field: 'ndr', title: 'NDR', format: '.3f' },
        { field: 'kl', title: 'KL (nats)', format: '.3f' },
      ],
    },
  });
  return {
    ...base(
      o.title ?? `${metric} vs NDR of ${o.outcome}`,
      o.subtitle ?? `${points.length} proxies${withLine ? '; dashed: Gaussian theory NDR = sin(π(A − ½))' : ''}`,
      { width: 420, height: 300 },
    ),
    layer,
  };
}

// ---------------------------------------------------------------------------------------------
// Overoptimization curves

export interface OveroptimizationOptions {
  optimizer: 'bon' | 'tilt';
  groupBy?: (row: Row) => string;
  excludeFamilies?: string[];
  /** Facet columns (default 4). */
  columns?: number;
}

function quartiles(v: number[]): { q1: number; median: number; q3: number } {
  const s = [...v].sort((a, b) => a - b);
  const q = (p: number): number => {
    const pos = p * (s.length - 1);
    const i = Math.floor(pos);
    return i + 1 >= s.length ? s[s.length - 1] : s[i] + (pos - i) * (s[i + 1] - s[i]);
  };
  return { q1: q(0.25), median: q(0.5), q3: q(0.75) };
}

/** The curve points of an overoptimization figure: per group, budget and quantity, median and IQR over proxies. */
export function overoptimizationData(rows: readonly Row[], o: OveroptimizationOptions): Record<string, unknown>[] {
  const groupBy = o.groupBy ?? errorShape;
  const exclude = o.excludeFamilies ?? ['gold'];
  const allKeys = new Set(rows.flatMap((r) => Object.keys(r.outcomes ?? {})));
  const keys =
    o.optimizer === 'bon'
      ? bonOutcomes(allKeys).map((k) => ({ key: k.key, budget: `n = ${k.n}` }))
      : tiltOutcomes(allKeys, 'kl').map((k) => ({ key: k.key, budget: `KL = ${k.value}` }));
  if (keys.length === 0) invalid('rows', `no ${o.optimizer === 'bon' ? 'best-of-n (bon@n)' : 'matched-KL tilt (tilt@kl=x)'} outcomes`);
  const proxies = rows.filter((r) => !exclude.includes(r.family));
  const groups = new Map<string, Row[]>();
  for (const r of proxies) {
    const g = groupBy(r);
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(r);
  }
  const gold = rows.find((r) => r.family === 'gold');
  const values: Record<string, unknown>[] = [];
  for (const [group, members] of groups) {
    for (const quantity of ['gold', 'proxy'] as const) {
      values.push({ group, quantity: `${quantity} reward`, budget: 'start', sqrtKL: 0, median: 0, q1: 0, q3: 0, proxies: members.length });
      for (const { key, budget } of keys) {
        const outs = members.map((r) => r.outcomes?.[key]).filter((x) => x && Number.isFinite(x.kl) && Number.isFinite(x.goldGain));
        if (outs.length === 0) continue;
        const g = quartiles(outs.map((x) => (quantity === 'gold' ? x!.goldGain : x!.proxyGain)));
        const kl = quartiles(outs.map((x) => Math.sqrt(Math.max(0, x!.kl))));
        values.push({
          group,
          quantity: `${quantity} reward`,
          budget,
          sqrtKL: r4(kl.median),
          median: r4(g.median),
          q1: r4(g.q1),
          q3: r4(g.q3),
          proxies: outs.length,
        });
      }
    }
    if (gold) {
      values.push({ group, quantity: 'gold reward, optimizing gold', budget: 'start', sqrtKL: 0, median: 0, proxies: 1 });
      for (const { key, budget } of keys) {
        const x = gold.outcomes?.[key];
        if (x && Number.isFinite(x.kl)) {
          values.push({
            group,
            quantity: 'gold reward, optimizing gold',
            budget,
            sqrtKL: r4(Math.sqrt(Math.max(0, x.kl))),
            median: r4(x.goldGain),
            proxies: 1,
          });
        }
      }
    }
  }
  return values;
}

/**
 * Overoptimization as Gao et al. draw it: gold reward (solid) and proxy reward (dashed) gained
 * against √KL from the base policy, one panel per proxy group, the line the median over the
 * group's proxies and the band their interquartile range; grey: gold optimized against itself.
 * Every group and every proxy is included (no subsampling). Proxy reward is in each proxy's own
 * units (a rescaled proxy's gain is rescaled too).
 */
export function overoptimizationSpec(rows: readonly Row[], o: OveroptimizationOptions): VegaLiteSpec {
  const values = overoptimizationData(rows, o);
  const groups = [...new Set(values.map((v) => v.group as string))];
  const scales = groupScales(groups);
  const what = o.optimizer === 'bon' ? 'best-of-n' : 'tilt π ∝ π0·exp(r̂/β) at matched KL';
  const x = { field: 'sqrtKL', type: 'quantitative', title: `√KL (nats^½) of ${o.optimizer === 'bon' ? 'best-of-n' : 'tilt'}` };
  const y = { field: 'median', type: 'quantitative', title: 'reward gained over π0' };
  const budgets = [...new Set(values.map((v) => v.budget as string))].filter((b) => b !== 'start');
  return {
    ...base(
      `Overoptimization of ${what}: gold and proxy reward vs √KL`,
      `per proxy group: median over its proxies (band: interquartile range); solid gold reward, dashed proxy reward, grey gold optimizing itself; points at ${budgets.join(', ')}`,
    ),
    data: { values },
    facet: { field: 'group', type: 'nominal', title: null, sort: scales.domain },
    columns: o.columns ?? 4,
    spec: {
      width: 170,
      height: 130,
      layer: [
        {
          transform: [{ filter: "datum.quantity !== 'gold reward, optimizing gold'" }],
          mark: { type: 'area', opacity: 0.18 },
          encoding: {
            x,
            y: { field: 'q1', type: 'quantitative', title: 'reward gained over π0' },
            y2: { field: 'q3' },
            color: { field: 'group', type: 'nominal', scale: scales.color, legend: null },
            detail: { field: 'quantity' },
          },
        },
        {
          mark: { type: 'line', point: { size: 20, filled: true } },
          encoding: {
            x,
            y,
            color: {
              condition: { test: "datum.quantity === 'gold reward, optimizing gold'", value: '#999' },
              field: 'group',
              type: 'nominal',
              scale: scales.color,
              legend: null,
            },
            strokeDash: {
              field: 'quantity',
              type: 'nominal',
              title: null,
              scale: {
                domain: ['gold reward', 'proxy reward', 'gold reward, optimizing gold'],
                range: [
                  [1, 0],
                  [5, 3],
                  [2, 2],
                ],
              },
              legend: { orient: 'top', symbolType: 'stroke', symbolStrokeWidth: 2 },
            },
            tooltip: [
              { field: 'group' },
              { field: 'quantity' },
              { field: 'budget' },
              { field: 'sqrtKL', title: '√KL', format: '.3f' },
              { field: 'median', title: 'median gain', format: '.3f' },
              { field: 'q1', title: 'lower quartile', format: '.3f' },
              { field: 'q3', title: 'upper quartile', format: '.3f' },
              { field: 'proxies' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

// ---------------------------------------------------------------------------------------------
// Distance from the theory line

/** Each proxy's NDR minus sin(π(A − ½)) by group, one panel per outcome; the tick is the group's mean residual. */
export function residualSpec(s: Summary): VegaLiteSpec {
  const t = s.theory;
  if (t.reason || t.points.length === 0) invalid('summary', `no theory-line comparison${t.reason ? ` (${t.reason})` : ''}`);
  const values = t.points.map((p) => ({ id: p.id, group: p.group, outcome: p.outcome, accuracy: p.accuracy, residual: p.residual }));
  const means = t.groups.map((g) => ({ group: g.group, outcome: g.outcome, mean: g.meanResidual, rms: g.rmsResidual, n: g.n }));
  const scales = groupScales(values.map((v) => v.group));
  const outcomes = [...new Set(values.map((v) => v.outcome))];
  const y = { field: 'group', type: 'nominal', title: null, sort: scales.domain, axis: { grid: false, labelLimit: 220 } };
  return {
    ...base(
      'Distance from the Gaussian theory line, by proxy group',
      `NDR − sin(π(A − ½)), A = ${t.metric} on ${t.design}; a point per proxy, black tick: the group's mean residual (the measure the report ranks groups by)`,
    ),
    facet: { column: { field: 'outcome', type: 'nominal', title: null, sort: outcomes } },
    data: { values: [...values.map((v) => ({ ...v, kind: 'proxy' })), ...means.map((m) => ({ ...m, kind: 'mean' }))] },
    spec: {
      width: 220,
      height: scales.domain.length * 24,
      layer: [
        { mark: { type: 'rule', color: '#555', strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
        {
          transform: [{ filter: "datum.kind === 'proxy'" }],
          mark: { type: 'point', filled: true, opacity: 0.55, size: 28 },
          encoding: {
            x: { field: 'residual', type: 'quantitative', title: 'NDR − theory' },
            y,
            yOffset: { field: 'id', type: 'nominal', scale: { range: [-6, 6] }, legend: null },
            color: { field: 'group', type: 'nominal', scale: scales.color, legend: null },
            shape: { field: 'group', type: 'nominal', scale: scales.shape, legend: null },
            tooltip: [
              { field: 'id', title: 'proxy' },
              { field: 'group' },
              { field: 'accuracy', format: '.3f' },
              { field: 'residual', title: 'NDR − theory', format: '.3f' },
            ],
          },
        },
        {
          transform: [{ filter: "datum.kind === 'mean'" }],
          mark: { type: 'tick', color: 'black', thickness: 2.5, size: 18 },
          encoding: {
            x: { field: 'mean', type: 'quantitative' },
            y,
            tooltip: [
              { field: 'group' },
              { field: 'mean', title: 'mean residual', format: '.3f' },
              { field: 'rms', title: 'RMS residual', format: '.3f' },
              { field: 'n', title: 'proxies' },
            ],
          },
        },
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Design trends

export interface TrendPanel {
  title: string;
  designs: string[];
  metric: string;
  outcome: string;
  /** Label of a design on the axis (default: its name). */
  label?: (design: string) => string;
}

/** One metric's Spearman with NDR across the designs of each trend: point and CI, hollow: mean over eval-set draws. */
export function designTrendSpec(s: Summary, trends: TrendPanel[], title: string): VegaLiteSpec {
  const values: Record<string, unknown>[] = [];
  for (const t of trends) {
    t.designs.forEach((d, i) => {
      const c = s.correlations.find((e) => e.design === d && e.metric === t.metric && e.outcome === t.outcome && e.quantity === 'ndr');
      if (!c || typeof c.spearman.value !== 'number') return;
      const rep = s.resampling.find((e) => e.design === d && e.metric === t.metric && e.outcome === t.outcome && e.quantity === 'ndr');
      const m = rep?.acrossReplicates.spearman;
      values.push({
        trend: t.title,
        design: t.label ? t.label(d) : d,
        order: i,
        spearman: r4(c.spearman.value),
        lo: r4(c.spearman.lo),
        hi: r4(c.spearman.hi),
        ci: ci(c.spearman.lo, c.spearman.hi),
        mean: m && typeof m.mean === 'number' ? r4(m.mean) : null,
        sd: m && typeof m.sd === 'number' ? r4(m.sd) : null,
        draws: rep?.replicates ?? null,
        metric: t.metric,
        outcome: t.outcome,
      });
    });
  }
  if (values.length === 0) invalid('trends', 'no correlations for these designs');
  const level = Math.round(s.bootstrap.level * 100);
  const x = { field: 'spearman', type: 'quantitative', title: 'Spearman with NDR', scale: { zero: false } };
  const y = { field: 'design', type: 'nominal', title: null, sort: { field: 'order' }, axis: { grid: false } };
  const metrics = [...new Set(trends.map((t) => t.metric))].join(', ');
  const outcomes = [...new Set(trends.map((t) => t.outcome))].join(', ');
  return {
    ...base(
      title,
      `${metrics} vs NDR of ${outcomes}: filled, one eval set with its ${level}% interval; hollow, the mean over the eval-set draws`,
    ),
    data: { values },
    facet: {
      row: {
        field: 'trend',
        type: 'nominal',
        title: null,
        sort: trends.map((t) => t.title),
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' },
      },
    },
    spec: {
      width: 420,
      height: { step: 18 },
      layer: [
        { mark: { type: 'rule', color: '#4c78a8' }, encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y } },
        {
          mark: { type: 'point', filled: true, size: 50, color: '#4c78a8' },
          encoding: {
            x,
            y,
            tooltip: [
              { field: 'design' },
              { field: 'metric' },
              { field: 'outcome' },
              { field: 'spearman', title: 'Spearman, one eval set', format: '.3f' },
              { field: 'ci', title: `${level}% CI` },
              { field: 'mean', title: 'mean over eval-set draws', format: '.3f' },
              { field: 'sd', title: 'sd over draws', format: '.3f' },
            ],
          },
        },
        {
          transform: [{ filter: 'datum.mean !== null' }],
          mark: { type: 'point', filled: false, size: 60, color: '#222', strokeWidth: 1.2 },
          encoding: { x: { ...x, field: 'mean' }, y },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

// ---------------------------------------------------------------------------------------------
// The heatmap

const METHOD_NAMES = { pearson: 'Pearson', spearman: 'Spearman', kendall: 'Kendall τ_b' } as const;

export interface HeatmapOptions {
  outcome: string;
  method?: 'pearson' | 'spearman' | 'kendall'; // default spearman
  quantity?: string; // default 'ndr'
}

/** Metric × design heatmap of the correlation with an outcome's NDR, values printed in the cells; sized to fit a page. */
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
        value: v === null ? null : r4(v),
        label: v === null ? 'n/a' : v.toFixed(2),
        ci: ci(est.lo, est.hi),
      };
    });
  if (values.length === 0) invalid('outcome', `no correlations with '${o.outcome}' (${quantity}) in the summary`);
  const designs = summary.designs.filter((d) => values.some((v) => v.design === d));
  const metrics = [...new Set(values.map((v) => v.metric))];
  return {
    ...base(
      `${METHOD_NAMES[method]} of each metric with ${quantity.toUpperCase()} of ${o.outcome}, by eval design`,
      `across ${summary.proxies} proxies; blank: the metric is not computed on that design`,
      { width: { step: 34 }, height: { step: 22 } },
    ),
    data: { values },
    encoding: {
      x: {
        field: 'design',
        type: 'nominal',
        title: 'eval design',
        sort: designs,
        axis: { labelAngle: -40, grid: false, labelFontSize: 10 },
      },
      y: { field: 'metric', type: 'nominal', title: null, sort: metrics, axis: { grid: false } },
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
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'label' },
          color: { condition: { test: 'datum.value !== null && abs(datum.value) > 0.6', value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
