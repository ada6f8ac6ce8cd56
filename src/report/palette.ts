/**
 * One color and one point shape per proxy group (error shape, src/analysis/error-shape.ts), the same
 * in every figure and every run. The groups a family can produce are enumerated from the registry
 * (src/proxy/registry.ts and each family's parameter lists), in a fixed order: the groups the
 * presets use first (`FIRST`), so they get the ten most distinct colors, then every other group. A group's style depends
 * only on its place in that enumeration, never on which other groups a run has; a group the
 * registry cannot produce (a foreign family) gets a style from a hash of its name.
 */
import { ERROR_KINDS, HETERO_MODES } from '../proxy/noise.js';
import { FAMILY_NAMES } from '../proxy/registry.js';
import { TRANSFORM_FNS } from '../proxy/transform.js';

/** Tableau 10 in the order of `FIRST`: blue for Gaussian error, red → yellow for lighter tails, … */
const COLORS = ['#4c78a8', '#e45756', '#f58518', '#d6a916', '#54a24b', '#b279a2', '#ff9da6', '#9d755d', '#72b7b2', '#bab0ac'];

/** The groups the presets use, first in the enumeration (each must be one the registry produces). */
export const FIRST = [
  'noise/normal',
  'noise/student-t(ν≤2)',
  'noise/student-t(2<ν≤3)',
  'noise/student-t(ν>3)',
  'noise/laplace',
  'noise/normal/hetero-rank',
  'noise/laplace/dispersed',
  'transform/affine/normal',
  'noise/normal/hetero-value',
  'noise/normal/dispersed',
];
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross', 'triangle-right', 'triangle-left'];
const GOLD = { color: '#222222', shape: 'stroke' } as const;

/** Student-t tail classes as noise.ts names drawn ν (an integer ν is named as itself: see `tailClassOf`). */
const TAILS = ['ν≤2', '2<ν≤3', 'ν>3'];

function noiseShapes(): string[] {
  const bases = ERROR_KINDS.flatMap((e) => (e === 'student-t' ? TAILS.map((t) => `student-t(${t})`) : [e]));
  const hetero = HETERO_MODES.filter((h) => h !== 'none').map((h) => `hetero-${h}`);
  const mods = ['', ...hetero, 'dispersed', ...hetero.map((h) => `${h}/dispersed`)];
  return mods.flatMap((m) => bases.map((b) => (m ? `${b}/${m}` : b)));
}

/** Every group the registry's families produce, in the palette's order (gold is styled apart). */
export function knownGroups(): string[] {
  const noise = noiseShapes();
  const out: string[] = [];
  for (const f of FAMILY_NAMES) {
    if (f === 'noise') out.push(...noise.map((s) => `noise/${s}`));
    else if (f === 'transform') for (const fn of TRANSFORM_FNS) out.push(...noise.map((s) => `transform/${fn}/${s}`));
    else out.push(f);
  }
  const rest = out.filter((g) => !FIRST.includes(g));
  return [...(out.includes('gold') ? ['gold'] : []), ...FIRST.filter((g) => out.includes(g)), ...rest.filter((g) => g !== 'gold')];
}

let INDEX: Map<string, number> | undefined;

/** 'student-t(2)' → 'student-t(ν≤2)': an integer ν takes the style of its tail class. */
function tailClassOf(group: string): string {
  return group.replace(/student-t\((\d+(?:\.\d+)?)\)/g, (_, v: string) => {
    const nu = Number(v);
    return `student-t(${nu <= 2 ? 'ν≤2' : nu <= 3 ? '2<ν≤3' : 'ν>3'})`;
  });
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The color and point shape of a group. */
export function groupStyle(group: string): { color: string; shape: string } {
  if (group === 'gold') return GOLD;
  INDEX ??= new Map(
    knownGroups()
      .filter((g) => g !== 'gold')
      .map((g, i) => [g, i]),
  );
  const i = INDEX.get(group) ?? INDEX.get(tailClassOf(group)) ?? INDEX.size + (hash(group) % (COLORS.length * SHAPES.length));
  // colors and shapes cycle independently: the first 40 groups each get their own pair
  return { color: COLORS[i % COLORS.length], shape: SHAPES[i % SHAPES.length] };
}

/** Sort groups in the palette's order (unknown ones last, by name). */
export function sortGroups(groups: Iterable<string>): string[] {
  const order = new Map(knownGroups().map((g, i) => [g, i]));
  const rank = (g: string) => order.get(g) ?? order.get(tailClassOf(g)) ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(groups)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Vega-Lite color and shape scales with an explicit domain (the groups present) and their fixed styles. */
export function groupScales(groups: Iterable<string>): {
  color: Record<string, unknown>;
  shape: Record<string, unknown>;
  domain: string[];
} {
  const domain = sortGroups(groups);
  return {
    domain,
    color: { domain, range: domain.map((g) => groupStyle(g).color) },
    shape: { domain, range: domain.map((g) => groupStyle(g).shape) },
  };
}
