import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/world/world.js';
import { scoreBoth } from '../helpers/proxies.js';
import { bytes } from '../helpers/stats.js';

describe('gold proxy', () => {
  const w = buildWorld({ optPrompts: 5, poolSize: 4, evalPrompts: 3, evalPoolSize: 2 }, 2);

  it('scores every response with its gold reward, as a copy', () => {
    const { opt, eval: ev } = scoreBoth({ id: 'gold', family: 'gold', params: {} }, w, 2);
    expect(bytes(opt)).toEqual(bytes(w.opt.gold));
    expect(bytes(ev)).toEqual(bytes(w.eval.gold));
    opt[0] = 1e9;
    expect(w.opt.gold[0]).not.toBe(1e9);
  });

  it('takes no parameters', () => {
    expect(() => scoreBoth({ id: 'g', family: 'gold', params: { scale: 1 } } as never, w, 2)).toThrow(
      /^proxy\[g\]\.params\.scale: unknown key$/,
    );
    expect(() => scoreBoth({ id: 'g', family: 'golden' } as never, w, 2)).toThrow(/^proxy\[g\]\.family: /);
  });
});
