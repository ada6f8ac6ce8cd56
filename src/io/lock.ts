/**
 * A lock on a folder being written, so that a second writer stops at once with one line instead
 * of racing the first.
 *
 * The lock is a file next to the folder, `.X.lock`, holding its owner (pid, host, start time) as
 * JSON. It is created whole in one atomic step: the owner is written to a private file that is
 * then hard-linked to the lock's name, which fails if the name exists (link is atomic on every
 * local file system, on Linux and macOS alike, and on NFS). A lock never exists without its owner.
 *
 * A lock whose owner is gone (same host, pid not a live process) is taken over. Deciding that a
 * lock is stale and removing it are two steps, so takers go one at a time through a guard, the
 * folder `.X.lock.takeover` (mkdir is atomic): inside it, a taker reads the owner again and
 * removes the lock only if it is still the dead one. A guard older than GUARD_STALE_MS was left by
 * a taker that died inside it (a takeover lasts milliseconds) and is removed. A lock held from
 * another host cannot be checked and is never taken over.
 */
import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { RmsimError } from '../errors.js';

export interface FolderLock {
  /** Remove the lock (only if it is still ours). Idempotent. */
  release(): void;
}

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

const GUARD_STALE_MS = 30_000;
const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** True when `pid` is a live process on this host (EPERM: alive, another user's). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's owner; null when there is no lock; 'unreadable' for a lock file that is not one of ours. */
function readOwner(lock: string): LockOwner | null | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch (err) {
    return code(err) === 'ENOENT' ? null : 'unreadable';
  }
  try {
    const o = JSON.parse(text);
    return typeof o?.pid === 'number' && typeof o?.host === 'string' && typeof o?.started === 'string' ? o : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

const sameOwner = (a: LockOwner, b: LockOwner) => a.pid === b.pid && a.host === b.host && a.started === b.started;
const isStale = (o: LockOwner) => o.host === hostname() && !pidAlive(o.pid);

function heldError(dir: string, what: string, lock: string, owner: LockOwner | 'unreadable'): RmsimError {
  if (owner === 'unreadable') {
    return new RmsimError('IO', `is locked by ${lock}, which rmsim cannot read; remove it if no rmsim is writing this ${what}`, {
      file: dir,
    });
  }
  return new RmsimError(
    'IO',
    `is being written by another rmsim (pid ${owner.pid} on ${owner.host}, since ${owner.started}); wait for it or choose another ${what}`,
    { file: dir },
  );
}

/**
 * Throw the error a writer would get if `lock` is held by a live writer (or unreadable); no
 * change on disk. For checks before any work; the lock itself is taken by `acquireLock`.
 */
export function checkLock(lock: string, dir: string, what = 'folder'): void {
  const owner = readOwner(lock);
  if (owner !== null && (owner === 'unreadable' || !isStale(owner))) throw heldError(dir, what, lock, owner);
}

/** Remove `lock` if its owner is still `dead`, one taker at a time (see the module comment). */
function takeOver(lock: string, dead: LockOwner): void {
  const guard = `${lock}.takeover`;
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(guard);
      break;
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) rmdirSync(guard);
      } catch {
        /* gone already */
      }
      if (attempt > 200) return; // another taker is at it: let the caller look again
      sleep(10);
    }
  }
  try {
    const now = readOwner(lock);
    if (now !== null && now !== 'unreadable' && sameOwner(now, dead)) unlinkSync(lock);
  } finally {
    rmdirSync(guard);
  }
}

/**
 * Take the lock at `lock` for writing `dir` (`what` names it in messages). Throws
 * RmsimError('IO') naming `dir` when another live writer holds it.
 */
export function acquireLock(lock: string, dir: string, what = 'folder'): FolderLock {
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const mine = `${lock}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(mine, `${JSON.stringify(me)}\n`, { flag: 'wx' });
  } catch (err) {
    throw new RmsimError('IO', `cannot write here (${code(err)} on its lock)`, { file: dir, cause: err });
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mine, lock);
      } catch (err) {
        if (code(err) !== 'EEXIST') throw new RmsimError('IO', `cannot write here (${code(err)} on its lock)`, { file: dir, cause: err });
        const owner = readOwner(lock);
        if (owner === null) continue; // released this instant: try again
        if (owner === 'unreadable' || !isStale(owner)) throw heldError(dir, what, lock, owner);
        takeOver(lock, owner);
        continue;
      }
      let held = true;
      return {
        release() {
          if (!held) return;
          held = false;
          const owner = readOwner(lock);
          if (owner !== null && owner !== 'unreadable' && sameOwner(owner, me)) unlinkSync(lock);
        },
      };
    }
    throw new RmsimError('IO', `cannot take the lock ${lock}: other writers keep taking it`, { file: dir });
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      /* already gone */
    }
  }
}
