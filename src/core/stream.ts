/**
 * Random streams on the host side. A stream is named by the study seed and a path of names
 * (`Stream.from(seed, 'proxy', 17, 'noise')`); the path is hashed by seedrandom (ARC4 keyed by
 * the JSON of [seed, ...path]) into the 256-bit xoshiro256** state the kernels advance. Results
 * therefore depend only on names, never on worker count, shard or call order.
 */
import seedrandom from 'seedrandom';
import { invalid } from '../errors.js';
import { alloc } from './memory.js';
import { core } from './wasm.js';

export type PathPart = string | number;

export class Stream {
  /** xoshiro256** state: 4 little-endian u64 words as 8 u32 (low word first). */
  readonly state: Uint32Array;
  private constructor(
    readonly seed: number | string,
    readonly path: readonly PathPart[],
    state: Uint32Array,
  ) {
    this.state = state;
  }

  /** The stream named by `seed` and `path`. */
  static from(seed: number | string, ...path: PathPart[]): Stream {
    if (!(typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed)))) {
      invalid('seed', `must be a finite number or a string, got ${String(seed)}`);
    }
    for (const p of path) {
      if (!(typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p)))) {
        invalid('path', `parts must be finite numbers or strings, got ${String(p)}`);
      }
    }
    const arc4 = seedrandom(JSON.stringify([seed, ...path]));
    const state = new Uint32Array(8);
    for (let i = 0; i < 8; i++) state[i] = arc4.int32() >>> 0;
    if (state.every((w) => w === 0)) state[0] = 1; // the all-zero state is xoshiro's fixed point
    return new Stream(seed, path, state);
  }

  /** The stream at this one's path extended by `more` (independent of this stream's position). */
  child(...more: PathPart[]): Stream {
    return Stream.from(this.seed, ...this.path, ...more);
  }

  /** A copy at the same position. */
  clone(): Stream {
    return new Stream(this.seed, this.path, this.state.slice());
  }
}

/** Throw INVALID_ARGUMENT naming `stream` unless it is a Stream (internal: every sampler's first check). */
export function requireStream(stream: Stream): void {
  if (!stream || !(stream.state instanceof Uint32Array) || stream.state.length !== 8) {
    invalid('stream', 'must be a Stream (Stream.from(seed, ...path))');
  }
}

/**
 * Copy the stream's state into wasm memory (caller's arena scope), run `fn` with the state
 * pointer, then copy the advanced state back.
 */
export function withStream<T>(stream: Stream, fn: (statePtr: number) => T): T {
  const ptr = alloc(32);
  new Uint32Array(core().memory.buffer, ptr, 8).set(stream.state);
  const out = fn(ptr);
  stream.state.set(new Uint32Array(core().memory.buffer, ptr, 8));
  return out;
}
