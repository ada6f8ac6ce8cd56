/**
 * A lock on a folder being written, so that a second writer stops at once with one line instead
 * of racing the first. The lock is a directory created next to the folder (`.X.lock`): mkdir is
 * atomic on every local file system, on Linux and macOS alike, so exactly one writer creates it.
 * It holds `owner.json` (pid, host, start time). A lock whose owner is gone — same host, pid not
 * a live process — is taken over: it is renamed to a unique name first (only one contender's
 * rename succeeds), then removed, then created anew. A lock held from another host cannot be
 * checked and is never taken over.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { RmsimError } from '../errors.js';

export interface FolderLock {
  /** Remove the lock (only if it is still ours). Idempotent. */
  release(): void;
}

interface Owner {
  pid: number;
  host: string;
  started: string;
}

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

function readOwner(lock: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(join(lock, 'owner.json'), 'utf8'));
    return typeof o?.pid === 'number' && typeof o?.host === 'string' ? o : null;
  } catch {
    return null;
  }
}

/**
 * Take the lock at `lock` for writing `dir` (`what` names it in messages). Throws
 * RmsimError('IO') naming `dir` when another live writer holds it.
 */
export function acquireLock(lock: string, dir: string, what = 'folder'): FolderLock {
  const me: Owner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new RmsimError('IO', `cannot write here (${(err as NodeJS.ErrnoException).code ?? (err as Error).message} on its lock)`, {
          file: dir,
          cause: err,
        });
      }
      const owner = readOwner(lock);
      if (owner === null) {
        // being created by another writer this instant, or left unreadable: give it a moment
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        const again = readOwner(lock);
        if (again === null) {
          throw new RmsimError('IO', `is locked by another writer (${lock}; remove it if no rmsim is writing this ${what})`, { file: dir });
        }
        continue;
      }
      if (owner.host !== me.host || pidAlive(owner.pid)) {
        throw new RmsimError(
          'IO',
          `is being written by another rmsim (pid ${owner.pid} on ${owner.host}, since ${owner.started}); wait for it or choose another ${what}`,
          { file: dir },
        );
      }
      // the owner is gone: take the stale lock over (only one contender's rename succeeds)
      const stale = `${lock}.stale-${process.pid}-${Date.now()}`;
      try {
        renameSync(lock, stale);
        rmSync(stale, { recursive: true, force: true });
      } catch {
        /* another contender took it first: try again */
      }
      continue;
    }
    writeFileSync(join(lock, 'owner.json'), `${JSON.stringify(me)}\n`);
    let held = true;
    return {
      release() {
        if (!held) return;
        held = false;
        const owner = readOwner(lock);
        if (owner && owner.pid === me.pid && owner.host === me.host && owner.started === me.started)
          rmSync(lock, { recursive: true, force: true });
      },
    };
  }
  throw new RmsimError('IO', `cannot take the lock ${lock}: other writers keep taking it`, { file: dir });
}
