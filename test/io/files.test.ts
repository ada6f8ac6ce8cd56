import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RmsimError } from '../../src/errors.js';
import { checkFolder, openFolder, writeFolderAtomic } from '../../src/io/files.js';
import { acquireLock, HEARTBEAT_MS, pidAlive, pidNamespace, STALE_MS } from '../../src/io/lock.js';
import { tempDir } from '../helpers/folders.js';

const tmp = () => tempDir('rmsim-files-');
const never = () => false;
const always = () => true;

/** A lock file's owner, as a process on this host and in this pid namespace writes it. */
const here = (pid: number) => JSON.stringify({ pid, host: hostname(), started: 'then', ns: pidNamespace() });
/** Set a path's mtime `ms` into the past. */
function age(path: string, ms: number): void {
  const t = new Date(Date.now() - ms);
  utimesSync(path, t, t);
}

/** A pid that was alive a moment ago and is not now (a finished child). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(r.stdout);
  expect(pidAlive(pid)).toBe(false);
  return pid;
}

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

describe('checkFolder', () => {
  it('accepts a new path and an empty folder, and creates nothing', () => {
    const root = tmp();
    expect(() => checkFolder(join(root, 'a', 'b', 'run'), never)).not.toThrow();
    expect(readdirSync(root)).toEqual([]);
    mkdirSync(join(root, 'empty'));
    expect(() => checkFolder(join(root, 'empty'), never)).not.toThrow();
  });

  it('refuses a folder of other files, a regular file and an empty name, naming the path', () => {
    const root = tmp();
    mkdirSync(join(root, 'mine'));
    writeFileSync(join(root, 'mine', 'keep.txt'), 'keep');
    expect(() => checkFolder(join(root, 'mine'), never)).toThrow(/mine: exists and is not an earlier folder/);
    expect(() => checkFolder(join(root, 'mine'), always)).not.toThrow();
    writeFileSync(join(root, 'afile'), 'x');
    expect(() => checkFolder(join(root, 'afile'), always)).toThrow(/afile: exists and is not a folder/);
    expect(() => checkFolder(join(root, 'afile', 'deeper', 'run'), always)).toThrow(/cannot write here \(ENOTDIR\)/);
    expect(() => checkFolder('  ', always)).toThrow(/is empty; name a folder/);
    expect(readFileSync(join(root, 'mine', 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a place it cannot write', () => {
    expect(() => checkFolder('/dev/null/x', never)).toThrow(/^\/dev\/null\/x: cannot write here \(ENOTDIR\)/);
    // as root, /proc passes the permission check; opening it for writing fails at once
    expect(() => openFolder('/proc/rmsim-x', never).close()).toThrow(/^\/proc\/rmsim-x: cannot write here/);
  });
});

describe('openFolder', () => {
  it('makes the missing parents, and removes them again when nothing was written', () => {
    const root = tmp();
    const dir = join(root, 'new', 'deeper', 'run');
    const f = openFolder(dir, never);
    expect(existsSync(join(root, 'new', 'deeper'))).toBe(true);
    f.close();
    expect(readdirSync(root)).toEqual([]);
  });

  it('keeps the parents once the folder is written, and leaves only the folder', () => {
    const root = tmp();
    const dir = join(root, 'new', 'run');
    const f = openFolder(dir, never);
    f.write({ 'a.txt': 'A' });
    f.close();
    f.close(); // idempotent
    expect(readdirSync(join(root, 'new'))).toEqual(['run']);
    expect(() => f.write({})).toThrow(/is closed/);
  });

  it('refuses a second writer at once, naming the holder, until the first closes', () => {
    const root = tmp();
    const dir = join(root, 'run');
    const first = openFolder(dir, never);
    expect(() => openFolder(dir, never)).toThrow(new RegExp(`run: is being written by another rmsim \\(pid ${process.pid} on `));
    first.close();
    const second = openFolder(dir, never);
    second.close();
    expect(readdirSync(root)).toEqual([]);
  });

  it('takes over a lock whose holder is gone', () => {
    const root = tmp();
    const lock = join(root, '.run.lock');
    writeFileSync(lock, here(deadPid()));
    expect(() => checkFolder(join(root, 'run'), never)).not.toThrow();
    const f = openFolder(join(root, 'run'), never);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    f.close();
    expect(readdirSync(root)).toEqual([]);
  });

  it("takes over a lock with this process's pid that this process does not hold (a restarted container)", () => {
    const root = tmp();
    writeFileSync(join(root, '.run.lock'), here(process.pid));
    const f = openFolder(join(root, 'run'), never);
    expect(JSON.parse(readFileSync(join(root, '.run.lock'), 'utf8')).started).not.toBe('then');
    f.close();
  });

  it('takes over a lock from another host or pid namespace only once it is not renewed, never one it cannot read', () => {
    const root = tmp();
    const lock = join(root, '.run.lock');
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere', started: 'then' }));
    expect(() => acquireLock(lock, join(root, 'run'))).toThrow(/pid 1 on elsewhere.*\(a lock not renewed for 30 s is taken over\)$/);
    expect(() => checkFolder(join(root, 'run'), never)).toThrow(/pid 1 on elsewhere/);
    age(lock, STALE_MS + 1000);
    openFolder(join(root, 'run'), never).close();
    expect(readdirSync(root)).toEqual([]);
    writeFileSync(lock, 'garbage');
    age(lock, 10 * STALE_MS);
    expect(() => openFolder(join(root, 'run'), never)).toThrow(
      /is locked by .*\.run\.lock, which rmsim cannot read; remove it if no rmsim is writing/,
    );
  });

  it('renews a held lock, and refuses to write once it was taken over', async () => {
    const root = tmp();
    const lock = join(root, '.run.lock');
    const f = openFolder(join(root, 'run'), never);
    age(lock, STALE_MS / 2);
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS + 1000));
    expect(Date.now() - statSync(lock).mtimeMs).toBeLessThan(HEARTBEAT_MS + 1000);
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere', started: 'now' })); // as after a SIGSTOP of STALE_MS
    expect(() => f.write({ 'a.txt': 'A' })).toThrow(
      /run: lost its lock .*\.run\.lock to another rmsim while this one was stopped; nothing was written/,
    );
    f.close();
    expect(readdirSync(root)).toEqual(['.run.lock']); // the other writer's lock is left alone
  }, 20_000);

  it('takes a stale lock over one taker at a time, and clears a guard a dead taker left', () => {
    const root = tmp();
    const lock = join(root, '.run.lock');
    writeFileSync(lock, here(deadPid()));
    // a taker that died inside the guard long ago
    mkdirSync(`${lock}.takeover`);
    age(`${lock}.takeover`, 60_000);
    const f = openFolder(join(root, 'run'), never);
    expect(readdirSync(root).sort()).toEqual(['.run.lock']);
    f.close();
  });

  it('puts back a run a killed writer moved aside, and removes what earlier writers left', () => {
    const root = tmp();
    const dead = deadPid();
    mkdirSync(join(root, `.run.old-${dead}`));
    writeFileSync(join(root, `.run.old-${dead}`, 'config.json'), 'old');
    mkdirSync(join(root, `.run.tmp-${dead}`));
    writeFileSync(join(root, `.run.tmp-${dead}`, 'half'), 'x');
    // under the lock no one else writes run: a temporary named by a live pid (this process's
    // own, as after a restart in a container, or another's) is an earlier writer's too
    mkdirSync(join(root, `.run.tmp-${process.pid}`));
    mkdirSync(join(root, `.run.tmp-${process.ppid}`));
    // a lock being created by a live process is not touched; a dead one's is
    writeFileSync(join(root, `.run.lock.${process.ppid}-abc`), '{}');
    writeFileSync(join(root, `.run.lock.${dead}-abc`), '{}');
    // ... unless it is a minute old (its maker died and the pid came back); and a stale guard goes too
    writeFileSync(join(root, `.run.lock.${process.ppid}-old`), '{}');
    age(join(root, `.run.lock.${process.ppid}-old`), 120_000);
    mkdirSync(join(root, '.run.lock.takeover'));
    age(join(root, '.run.lock.takeover'), 120_000);
    const f = openFolder(join(root, 'run'), always);
    expect(readFileSync(join(root, 'run', 'config.json'), 'utf8')).toBe('old');
    expect(readdirSync(root).sort()).toEqual(['.run.lock', `.run.lock.${process.ppid}-abc`, 'run']);
    f.close();
  });

  it('writes the folder a symbolic link points to, also one that points to nothing yet', () => {
    const root = tmp();
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'link'));
    const f = openFolder(join(root, 'link'), always);
    expect(f.dir).toBe(join(root, 'real'));
    f.write({ 'a.txt': 'A' });
    f.close();
    expect(lstatSync(join(root, 'link')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'link', 'a.txt'), 'utf8')).toBe('A');
    expect(readdirSync(root).sort()).toEqual(['link', 'real']);
    symlinkSync(join('not', 'yet'), join(root, 'dangling')); // relative to the link's folder
    const g = openFolder(join(root, 'dangling'), always);
    expect(g.dir).toBe(join(root, 'not', 'yet'));
    g.write({ 'b.txt': 'B' });
    g.close();
    expect(readFileSync(join(root, 'dangling', 'b.txt'), 'utf8')).toBe('B');
    expect(readdirSync(join(root, 'not'))).toEqual(['yet']);
    symlinkSync('loop', join(root, 'loop'));
    expect(() => checkFolder(join(root, 'loop'), always)).toThrow(/loop: is a loop of symbolic links/);
  });

  it('uses the folder a path names: run/. is run', () => {
    const root = tmp();
    const f = openFolder(join(root, 'run', '.'), always);
    expect(f.dir).toBe(join(root, 'run'));
    f.write({ 'a.txt': 'A' });
    f.close();
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('refuses a name too long for its temporaries or for the file system before making anything', () => {
    const root = tmp();
    expect(() => checkFolder(join(root, 'x'.repeat(201)), always)).toThrow(/has a name of 201 bytes; at most 200/);
    const deep = join(root, 'a', 'b'.repeat(250), 'c'.repeat(300), 'run');
    expect(() => openFolder(deep, always)).toThrow(/has a folder name of 300 bytes; at most 255/);
    const long = join(root, ...Array.from({ length: 20 }, () => 'd'.repeat(250)), 'run');
    expect(() => openFolder(long, always)).toThrow(/is a path of \d+ bytes; at most 4000/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('shares a parent another writer made meanwhile', () => {
    const root = tmp();
    const a = openFolder(join(root, 'sweep', 'a'), never);
    const b = openFolder(join(root, 'sweep', 'b'), never); // sweep exists now: b did not make it
    b.write({ 'x.txt': 'x' });
    b.close();
    a.close(); // a made sweep, but it is not empty: it stays
    expect(readdirSync(join(root, 'sweep'))).toEqual(['b']);
  });

  it('drops a dead writer’s moved-aside run when the folder is there', () => {
    const root = tmp();
    const dead = deadPid();
    mkdirSync(join(root, 'run'));
    writeFileSync(join(root, 'run', 'config.json'), 'new');
    mkdirSync(join(root, `.run.old-${dead}`));
    const f = openFolder(join(root, 'run'), always);
    f.close();
    expect(readdirSync(root)).toEqual(['run']);
    expect(readFileSync(join(root, 'run', 'config.json'), 'utf8')).toBe('new');
  });
});
