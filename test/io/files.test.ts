import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RmsimError } from '../../src/errors.js';
import { prepareFolder, writeFolderAtomic } from '../../src/io/files.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'rmsim-files-'));
const never = () => false;

describe('writeFolderAtomic', () => {
  it('writes every file, in nested folders, and leaves no temporary sibling', () => {
    const root = tmp();
    writeFolderAtomic(join(root, 'run'), { 'a.txt': 'A', 'plots/b.svg': '<svg/>' });
    expect(readFileSync(join(root, 'run', 'plots', 'b.svg'), 'utf8')).toBe('<svg/>');
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('replaces an earlier folder only once the new one is complete', () => {
    const root = tmp();
    const dir = join(root, 'run');
    writeFolderAtomic(dir, { 'old.txt': 'old' });
    writeFolderAtomic(dir, { 'new.txt': 'new' });
    expect(readdirSync(dir)).toEqual(['new.txt']);
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('keeps the previous folder and names the path when writing fails', () => {
    const root = tmp();
    const dir = join(root, 'run');
    writeFolderAtomic(dir, { 'old.txt': 'old' });
    // a file where a folder is needed makes the write fail half way
    expect(() => writeFolderAtomic(dir, { 'x.txt': 'x', 'x.txt/y': 'y' })).toThrow(RmsimError);
    expect(readFileSync(join(dir, 'old.txt'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['run']);
  });
});

describe('prepareFolder', () => {
  it('accepts a new path (creating its parents) and an empty folder', () => {
    const root = tmp();
    expect(() => prepareFolder(join(root, 'a', 'b', 'run'), never)).not.toThrow();
    expect(existsSync(join(root, 'a', 'b'))).toBe(true);
    mkdirSync(join(root, 'empty'));
    expect(() => prepareFolder(join(root, 'empty'), never)).not.toThrow();
  });

  it('refuses a folder of other files and a regular file, naming the path', () => {
    const root = tmp();
    mkdirSync(join(root, 'mine'));
    writeFileSync(join(root, 'mine', 'keep.txt'), 'keep');
    expect(() => prepareFolder(join(root, 'mine'), never)).toThrow(/mine: exists and is not an earlier folder/);
    expect(() => prepareFolder(join(root, 'mine'), () => true)).not.toThrow();
    writeFileSync(join(root, 'afile'), 'x');
    expect(() => prepareFolder(join(root, 'afile'), () => true)).toThrow(/afile: exists and is not a folder/);
    expect(readFileSync(join(root, 'mine', 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a place it cannot write, before any work', () => {
    expect(() => prepareFolder('/proc/rmsim-x', never)).toThrow(/^\/proc\/rmsim-x: cannot write here/);
    expect(() => prepareFolder('/dev/null/x', never)).toThrow(/^\/dev\/null\/x: cannot write here \(ENOTDIR\)/);
  });
});
