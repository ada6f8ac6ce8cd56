import { describe, expect, it } from 'vitest';
import { invalid, RmsimError } from '../src/errors.js';
import { parseStudy } from '../src/study/schema.js';

describe('RmsimError', () => {
  it('composes a one-line message from file, line, column, field and why', () => {
    expect(new RmsimError('CONFIG', 'must be ≥ 1').message).toBe('must be ≥ 1');
    expect(new RmsimError('CONFIG', 'must be ≥ 1', { field: 'world.poolSize' }).message).toBe('world.poolSize: must be ≥ 1');
    expect(new RmsimError('CONFIG', 'bad', { file: 'a.yaml', line: 3, column: 7, field: 'x' }).message).toBe('a.yaml:3:7: x: bad');
    expect(new RmsimError('IO', 'cannot read', { file: 'a.yaml' }).message).toBe('a.yaml: cannot read');
  });

  it('names the file of a config error without losing the field', () => {
    let err: unknown;
    try {
      parseStudy({ population: { proxies: [{ family: 'gold' }] }, designs: [{ k: 1 }] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RmsimError);
    const located = (err as RmsimError).inFile('study.yaml');
    expect(located.field).toBe('designs[0].k');
    expect(located.file).toBe('study.yaml');
    expect(located.message).toBe(`study.yaml: ${(err as RmsimError).message}`);
    expect(located.inFile('other.yaml')).toBe(located);
  });

  it('serializes to JSON and back, cause included', () => {
    const cause = new RmsimError('IO', 'disk full', { file: 'out/x' });
    const err = new RmsimError('CONFIG', 'bad value', { field: 'seed', cause });
    const json = JSON.parse(JSON.stringify(err));
    expect(json).toEqual({
      name: 'RmsimError',
      code: 'CONFIG',
      message: 'seed: bad value',
      why: 'bad value',
      field: 'seed',
      cause: { name: 'RmsimError', code: 'IO', message: 'out/x: disk full', why: 'disk full', file: 'out/x' },
    });
    const back = RmsimError.fromJSON(json);
    expect(back).toBeInstanceOf(RmsimError);
    expect(back.message).toBe(err.message);
    expect((back.cause as RmsimError).file).toBe('out/x');
    expect(JSON.parse(JSON.stringify(new RmsimError('IO', 'x', { cause: new TypeError('boom') }))).cause).toEqual({
      name: 'TypeError',
      message: 'boom',
    });
  });

  it('invalid() names the argument as the field', () => {
    expect(() => invalid('ns', 'must not be empty')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'ns', message: 'ns: must not be empty' }),
    );
  });
});
