import { describe, expect, it } from 'vitest';
import { provenanceLine, renderSvg } from '../../src/report/render.js';

const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: {
    values: [
      { a: 1, b: 2 },
      { a: 2, b: 3 },
      { a: 3, b: 1 },
    ],
  },
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'ordinal', title: 'Axis Ä' }, y: { field: 'b', type: 'quantitative', title: 'height' } },
};

describe('renderSvg', () => {
  it('renders labels as SVG text without a canvas package', async () => {
    await expect(import('canvas' as string)).rejects.toThrow(); // the environment this must work in
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>Axis Ä</text>');
    expect(svg).toContain('>height</text>');
    expect((svg.match(/class="mark-rect role-mark/g) ?? []).length).toBe(1);
  });
  it('gives the same bytes on every call and puts the provenance right after the <svg> tag', async () => {
    const prov = { version: '9.9.9', wasmHash: 'feedbeef', seed: 3 };
    const a = await renderSvg(spec, prov);
    expect(a).toBe(await renderSvg(spec, prov));
    expect(a).toMatch(/^<svg[^>]*><!-- rmsim 9\.9\.9 · wasm sha256 feedbeef · seed 3 -->/);
    expect(provenanceLine({ version: '1', wasmHash: null, seed: 'x' })).toBe('rmsim 1 · wasm sha256 unknown · seed x');
  });
});
