// Random sampling: 1e7 standard normals (Marsaglia's polar method) and 1e7 Student-t(5) draws
// (Bailey's polar method), written into resident wasm memory; vs the bit-exact TypeScript
// reference and numpy's Generator (default_rng(): PCG64, ziggurat normals, standard_t).

import { allocF64, fillNormal, fillStudentT, normal, Stream, scoped } from '../dist/core/index.js';
import { normalRef, studentTRef } from '../dist/core/rng.ref.js';
import { measure, runNumpy, saveInputs } from './harness.js';

const n = 10_000_000;

/** Mean within 6 SE of 0 and every value finite: the samples are real. */
function check(x, sd) {
  let s = 0;
  for (let i = 0; i < x.length; i += 16) {
    if (!Number.isFinite(x[i])) return false;
    s += x[i];
  }
  const m = s / Math.ceil(x.length / 16);
  return Math.abs(m) < (6 * sd) / Math.sqrt(x.length / 16);
}

function one(kind) {
  const results = {};
  const stream = Stream.from(2024, 'bench', 'rng', kind);
  saveInputs(`rng_${kind}`, { n: new Int32Array([n]) }, { n, kind });
  scoped(() => {
    const out = allocF64(n);
    if (kind === 'normal') {
      results.wasm = measure(
        'wasm fillNormal (resident)',
        () => fillNormal(stream, out),
        (r) => check(r.view(), 1),
      );
      results['wasm normal() (copy out)'] = measure(
        'wasm normal()',
        () => normal(stream, n),
        (r) => check(r, 1),
      );
    } else {
      results.wasm = measure(
        'wasm fillStudentT(5) (resident)',
        () => fillStudentT(stream, out, 5),
        (r) => check(r.view(), Math.sqrt(5 / 3)),
      );
    }
  });
  results['ts reference'] =
    kind === 'normal'
      ? measure(
          'ts reference normalRef',
          () => normalRef(stream, n),
          (r) => check(r, 1),
        )
      : measure(
          'ts reference studentTRef(5)',
          () => studentTRef(stream, 5, n),
          (r) => check(r, Math.sqrt(5 / 3)),
        );
  const np = runNumpy('rng_numpy.py', `rng_${kind}`);
  if (np) Object.assign(results, np);
  return {
    kernel: kind === 'normal' ? 'normal sampling' : 'Student-t(5) sampling',
    size: `1e7 draws`,
    results,
    notes:
      kind === 'normal'
        ? 'wasm and ts: xoshiro256** + Marsaglia polar (exact, both values of each pair; identical bits). numpy: default_rng().standard_normal(n) (PCG64 + ziggurat) — a different, table-based exact method.'
        : 'wasm and ts: xoshiro256** + Bailey polar (exact, any real ν; identical bits). numpy: default_rng().standard_t(5, n) (normal / sqrt(chi-square / ν)).',
  };
}

export default async function () {
  return [one('normal'), one('t')];
}
