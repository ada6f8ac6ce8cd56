/**
 * The source tree's import graph: no cycles, and each entry point loads only what it needs
 * (`rmsim/core` neither zod nor vega; `rmsim` no vega). Read from the sources' import and export
 * statements, type-only imports included (a type cycle is still a knot in the design).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier a file imports or re-exports, statically or with import(). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)) out.push(m[1]);
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) out.push(m[1]);
  return out;
}

/** file → [local files it imports], and file → [packages it imports]. */
function graph(): { local: Map<string, string[]>; packages: Map<string, string[]> } {
  const local = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const specs = specifiers(readFileSync(file, 'utf8'));
    local.set(
      file,
      specs.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts'))),
    );
    packages.set(
      file,
      specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:')),
    );
  }
  return { local, packages };
}

const rel = (f: string) => relative(SRC, f);

/** Every file reachable from `entry`. */
function closure(local: Map<string, string[]>, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const g of local.get(f) ?? []) visit(g);
  };
  visit(entry);
  return seen;
}

describe('the import graph of src/', () => {
  const { local, packages } = graph();

  it('resolves every relative import to a source file', () => {
    const missing = [...local].flatMap(([f, deps]) => deps.filter((d) => !local.has(d)).map((d) => `${rel(f)} → ${rel(d)}`));
    expect(missing).toEqual([]);
  });

  it('has no cycle', () => {
    const state = new Map<string, 'active' | 'done'>();
    const cycles: string[] = [];
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'active');
      stack.push(f);
      for (const g of local.get(f) ?? []) {
        if (state.get(g) === 'active') cycles.push([...stack.slice(stack.indexOf(g)), g].map(rel).join(' → '));
        else if (!state.has(g)) visit(g);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of local.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  const packagesFrom = (entry: string) =>
    new Set([...closure(local, join(SRC, entry))].flatMap((f) => packages.get(f) ?? []).map((p) => p.split('/')[0]));

  it('rmsim/core loads neither zod nor vega (only seedrandom)', () => {
    expect([...packagesFrom('core/index.ts')].sort()).toEqual(['seedrandom']);
  });

  it('rmsim loads no vega, and no Node-only module', () => {
    const pkgs = packagesFrom('index.ts');
    expect(pkgs.has('vega')).toBe(false);
    expect(pkgs.has('vega-lite')).toBe(false);
    const nodeOnly = [...closure(local, join(SRC, 'index.ts'))].filter((f) =>
      /\bfrom\s+'node:(?!fs\/promises)/.test(readFileSync(f, 'utf8')),
    );
    expect(nodeOnly.map(rel)).toEqual([]);
  });
});
