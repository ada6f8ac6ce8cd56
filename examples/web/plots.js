/** The demo's two figures as Vega-Lite specs, from a study's rows (vega-embed draws them, with tooltips). */
import { ndrTheory } from 'rmsim';

const WIDTH = 380;
const HEIGHT = 280;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Accuracy vs NDR of bon@n, one point per proxy, with the Gaussian theory line NDR = sin(π(A − ½)). */
export function scatterSpec(rows, n) {
  const points = rows.map((r) => ({ id: r.id, accuracy: r.metrics.main.accuracy, ndr: r.outcomes[`bon@${n}`].ndr }));
  const lo = Math.max(0.5, Math.min(...points.map((p) => p.accuracy)) - 0.02);
  const hi = Math.min(1, Math.max(...points.map((p) => p.accuracy)) + 0.02);
  const theory = Array.from({ length: 101 }, (_, i) => lo + ((hi - lo) * i) / 100).map((a) => ({ accuracy: a, ndr: ndrTheory(a) }));
  const x = { field: 'accuracy', type: 'quantitative', title: 'pairwise accuracy on the test set', scale: { domain: [lo, hi] } };
  const y = { field: 'ndr', type: 'quantitative', title: `NDR of best-of-${n}` };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    layer: [
      { data: { values: theory }, mark: { type: 'line', color: '#888', strokeDash: [4, 3] }, encoding: { x, y } },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 60, color: '#1f77b4' },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'id', title: 'proxy' },
            { field: 'accuracy', format: '.3f' },
            { field: 'ndr', title: 'NDR', format: '.3f' },
          ],
        },
      },
    ],
  };
}

const SERIES = ['proxy reward (median)', 'gold reward (median)', 'gold reward, optimizing gold'];

/**
 * Gao et al.'s overoptimization curve for best-of-n: the proxy reward the policy sees and the gold
 * reward it gets, medians over the proxies, and gold's own gain (optimizing gold), against √KL.
 */
export function curveSpec(rows, gold, ns) {
  const values = ns.flatMap((n) => {
    const key = `bon@${n}`;
    const sqrtKL = Math.sqrt(gold.outcomes[key].kl);
    return [
      { n, sqrtKL, series: SERIES[0], gain: median(rows.map((r) => r.outcomes[key].proxyGain)) },
      { n, sqrtKL, series: SERIES[1], gain: median(rows.map((r) => r.outcomes[key].goldGain)) },
      { n, sqrtKL, series: SERIES[2], gain: gold.outcomes[key].goldGain },
    ];
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'sqrtKL', type: 'quantitative', title: '√KL(best-of-n ‖ base policy)' },
      y: { field: 'gain', type: 'quantitative', title: 'reward gained over the base policy' },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: SERIES, range: ['#d62728', '#1f77b4', '#7f7f7f'] },
        legend: { orient: 'top-left' },
      },
      strokeDash: {
        field: 'series',
        type: 'nominal',
        scale: {
          domain: SERIES,
          range: [
            [1, 0],
            [1, 0],
            [4, 3],
          ],
        },
        title: null,
      },
      tooltip: [
        { field: 'series' },
        { field: 'n', title: 'n' },
        { field: 'sqrtKL', title: '√KL', format: '.3f' },
        { field: 'gain', format: '.3f' },
      ],
    },
  };
}
