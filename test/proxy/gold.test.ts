import { describe, expect, it } from 'vitest';
import { scoreProxy } from '../../src/proxy/index.js';
import { buildWorld } from '../../src/world/world.js';
import { bytes } from '../helpers/stats.js';

describe('gold proxy', () => {
  const w = buildWorld({ optPrompts: 5, poolSize: 4, evalPrompts: 3, evalPoolSize: 2 }, 2);

  it('scores every response with its gold reward, as a copy', () => {
    const { opt, eval: ev } = scoreProxy({ id: 'gold', family: 'gold', params: {} }, w, 2);
    expect(bytes(opt)).toEqual(bytes(w.opt.gold));
    expect(bytes(ev)).toEqual(bytes(w.eval.gold));
    opt[0] = 1e9;
    expect(w.opt.gold[0]).not.toBe(1e9);
  });

  it('takes no parameters', () => {
    expect(() => scoreProxy({ id: 'g', family: 'gold', params: { scale: 1 } } as never, w, 2)).toThrow(
      /^proxy\[g\]\.params\.scale: unknown key$/,
    );
    expect(() => scoreProxy({ id: 'g', family: 'golden' } as never, w, 2)).toThrow(/^proxy\[g\]\.family: /);
  });
});
