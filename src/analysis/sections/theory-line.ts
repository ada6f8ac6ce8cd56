/**
 * Section `theory`: each proxy's distance from the Gaussian line NDR = sin(π(A − ½)) (docs/design.md:
 * the whole relation in a Gaussian world whose test pairs match the policy's samples), grouped by
 * error shape — what the error's shape and scale did that accuracy cannot see.
 */
import type { Row } from '../../data/row.js';
import { ndrTheory, unflippedAccuracy } from '../theory.js';
import { metricValue, orderedKeys, outcomeValue, type SummaryInput } from './input.js';

export interface TheoryPoint {
  id: string;
  family: string;
  group: string;
  outcome: string;
  accuracy: number;
  ndr: number;
  theory: number;
  residual: number; // ndr − theory
}

export interface TheoryGroup {
  group: string;
  outcome: string;
  n: number;
  accuracyMin: number;
  accuracyMax: number;
  meanResidual: number;
  meanAbsResidual: number;
  rmsResidual: number;
  maxAbsResidual: number;
}

export interface TheorySection {
  metric: string;
  design: string | null;
  flip: number;
  line: string;
  points: TheoryPoint[];
  groups: TheoryGroup[];
  reason?: string;
}

export interface TheoryOptions {
  /** the metric that plays pairwise accuracy */
  metric: string;
  /** the design whose pairs match the optimizer's distribution (null: there is none) */
  design: string | null;
  /** the label flip rate of that design (accuracy is un-flipped before the comparison) */
  flip: number;
  /** which outcome keys the line applies to */
  outcomes: (key: string) => boolean;
  /** the group of a proxy's residuals */
  groupBy: (row: Row) => string;
}

export function theorySection(input: SummaryInput, o: TheoryOptions): TheorySection {
  const { rows } = input;
  const theoryMetric = o.metric;
  const theoryDesign = o.design;
  const flip = o.flip;
  const groupBy = o.groupBy;
  const metricsOf = input.metrics;
  const theoryOutcomes = input.outcomes.filter(o.outcomes);
  const theory: TheorySection = {
    metric: theoryMetric,
    design: theoryDesign,
    flip,
    line: 'ndr = sin(pi * (accuracy - 0.5))',
    points: [],
    groups: [],
  };
  if (theoryDesign === null || !metricsOf[theoryDesign]) {
    theory.reason = theoryDesign === null ? 'no eval designs in the rows' : `design '${theoryDesign}' is not in the rows`;
  } else if (!metricsOf[theoryDesign].includes(theoryMetric)) {
    theory.reason = `metric '${theoryMetric}' is not computed on design '${theoryDesign}'`;
  } else if (theoryOutcomes.length === 0) {
    theory.reason = 'no best-of-n or matched-KL tilt outcomes in the rows';
  } else if (!(flip >= 0 && flip < 0.5)) {
    theory.reason = `labels of design '${theoryDesign}' are flipped at rate ${flip}: accuracy cannot be un-flipped at a rate ≥ 0.5`;
  } else {
    const groupOrder = orderedKeys(rows, (r) => [groupBy(r)]);
    for (const outcome of theoryOutcomes) {
      const byGroup = new Map<string, TheoryPoint[]>();
      for (const r of rows) {
        const measured = metricValue(r, theoryDesign, theoryMetric);
        const ndr = outcomeValue(r, outcome, 'ndr');
        if (!Number.isFinite(measured) || !Number.isFinite(ndr) || measured < 0 || measured > 1) continue;
        const accuracy = flip > 0 ? Math.min(1, Math.max(0, unflippedAccuracy(measured, flip))) : measured;
        const t = ndrTheory(accuracy);
        const group = groupBy(r);
        const p: TheoryPoint = { id: r.id, family: r.family, group, outcome, accuracy, ndr, theory: t, residual: ndr - t };
        theory.points.push(p);
        let g = byGroup.get(group);
        if (!g) byGroup.set(group, (g = []));
        g.push(p);
      }
      for (const group of groupOrder) {
        const pts = byGroup.get(group);
        if (!pts) continue;
        const res = pts.map((p) => p.residual);
        const n = res.length;
        theory.groups.push({
          group,
          outcome,
          n,
          accuracyMin: Math.min(...pts.map((p) => p.accuracy)),
          accuracyMax: Math.max(...pts.map((p) => p.accuracy)),
          meanResidual: res.reduce((a, b) => a + b, 0) / n,
          meanAbsResidual: res.reduce((a, b) => a + Math.abs(b), 0) / n,
          rmsResidual: Math.sqrt(res.reduce((a, b) => a + b * b, 0) / n),
          maxAbsResidual: Math.max(...res.map(Math.abs)),
        });
      }
    }
  }
  return theory;
}
