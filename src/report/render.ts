/**
 * Vega-Lite → Vega → SVG in Node or a browser, with no canvas: vega's headless View
 * (renderer 'none') writes SVG text itself and estimates label widths from font metrics
 * when no canvas package is present, so text renders as <text> elements.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { VegaLiteSpec } from './specs.js';

/** Provenance written into every file: rmsim version, .wasm hash and study seed. */
export interface Provenance {
  version: string;
  wasmHash: string | null;
  seed: number | string;
}

/** One line naming the version, .wasm hash and seed (for comments and footers). */
export function provenanceLine(p: Provenance): string {
  return `rmsim ${p.version} · wasm sha256 ${p.wasmHash ?? 'unknown'} · seed ${p.seed}`;
}

/**
 * A Vega-Lite spec compiled to a Vega spec (what a page needs only vega to show). Vega-Lite's
 * warnings are not printed: the one our faceted curves raise ("faceted independent scales that
 * union domain of the same fields from different source") is informational, and a CLI run must
 * not write lines to stderr that the user cannot act on; errors still throw.
 */
export function toVega(spec: VegaLiteSpec): Record<string, unknown> {
  const options = { logger: vega.logger(vega.Error) } as Parameters<typeof compile>[1];
  return compile(spec as unknown as Parameters<typeof compile>[0], options).spec as unknown as Record<string, unknown>;
}

/** Render a Vega-Lite spec (or an already compiled Vega spec) to SVG text; `provenance` goes into a comment after the <svg> tag. */
export async function renderSvg(spec: VegaLiteSpec, provenance?: Provenance, compiled?: Record<string, unknown>): Promise<string> {
  const vgSpec = compiled ?? toVega(spec);
  const view = new vega.View(vega.parse(vgSpec as vega.Spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    if (!provenance) return svg;
    const end = svg.indexOf('>') + 1;
    const note = `<!-- ${provenanceLine(provenance).replace(/--/g, '- -')} -->`;
    return svg.slice(0, end) + note + svg.slice(end);
  } finally {
    view.finalize();
  }
}
