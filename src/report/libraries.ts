/**
 * The scripts report.html inlines so its figures are live Vega views with no network: vega's and
 * vega-embed's UMD builds, read from the installed packages (Node only; the rest of src/report
 * runs in a browser too, so nothing else here touches the file system). Vega-Lite is compiled to
 * Vega in Node, so the page needs only these two: vega-embed's UMD build reads the globals `vega`
 * and `vegaLite` and works without the latter when given Vega specs (`mode: 'vega'`); its
 * tooltip handler (vega-tooltip) is bundled in it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface InlineLibraries {
  /** name and version, for the page's provenance */
  names: string[];
  /** the scripts' text, in load order */
  scripts: string[];
}

function read(pkg: string, file: string): { text: string; version: string } {
  // the package's entry point lives in its build/ folder, beside the UMD build
  const entry = createRequire(import.meta.url).resolve(pkg);
  const build = dirname(entry);
  const version = JSON.parse(readFileSync(join(build, '..', 'package.json'), 'utf8')).version as string;
  const text = readFileSync(join(build, file), 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  return { text, version };
}

let cached: InlineLibraries | undefined;

/** vega.min.js and vega-embed.min.js from node_modules (read once). */
export function inlineLibraries(): InlineLibraries {
  if (!cached) {
    const vega = read('vega', 'vega.min.js');
    const embed = read('vega-embed', 'vega-embed.min.js');
    cached = { names: [`vega ${vega.version}`, `vega-embed ${embed.version}`], scripts: [vega.text, embed.text] };
  }
  return cached;
}
