/**
 * The default grouping of proxies in the analysis and the report: the family plus the error's
 * shape as the family itself describes it (src/proxy/, `shape`) — e.g. 'noise/normal',
 * 'noise/student-t(3)/hetero-rank', 'transform/exp/normal', 'gold'. A row of a family this rmsim
 * does not know is grouped by its family name.
 */
import type { Row } from '../data/row.js';
import { findFamily } from '../proxy/registry.js';

export function errorShape(row: Row): string {
  const family = findFamily(row.family);
  return family ? family.shape((row.params ?? {}) as Record<string, unknown>) : row.family;
}
