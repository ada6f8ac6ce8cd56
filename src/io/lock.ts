/**
 * A lock on a folder being written, so that a second writer stops at once with one line instead
 * of racing the first.
 *
 * The lock is a file next to the folder, `.X.lock`, holding its owner (pid, host, start time, and
 * on Linux the boot and pid namespace the pid belongs to) as JSON. It is created whole in one
 * atomic step: the owner is written to a private file that is then hard-linked to the lock's name,
 * which fails if the name exists (link is atomic on every local file system, on Linux and macOS
 * alike, and on NFS). A lock never exists without its owner.
 *
 * It is a lease: while held, a heartbeat thread renews the file's mtime every HEARTBEAT_MS, even
 * while the main thread is busy. A lock is stale, and taken over, when it has not been renewed for
 * STALE_MS (its holder was killed, whatever its pid names now: pids come back, pid 1 in every
 * container), or sooner when its owner can be checked and is gone: same host, boot and pid
 * namespace, pid not running. Deciding that a lock is stale and removing it are two steps, so
 * takers go one at a time through a guard, the folder `.X.lock.takeover` (mkdir is atomic): inside
 * it, a taker reads the owner again and removes the lock only if it is still the stale one. A guard
 * older than GUARD_STALE_MS was left by a taker that died inside it (a takeover lasts
 * milliseconds) and is removed. Before writing, a holder checks that the lock is still its own (a
 * holder stopped for longer than STALE_MS, e.g. by SIGSTOP, has lost it).
 */
import { linkSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RmsimError } from '../errors.js';

export interface FolderLock {
  /** Throw RmsimError('IO') if the lock is no longer ours (taken over while this process was stopped). */
  check(): void;
  /** Remove the lock (only if it is still ours) and stop its heartbeat. Idempotent. */
  release(): void;
}

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
  /** Linux: the boot id and pid namespace the pid lives in (a pid means nothing outside them) */
  ns?: string;
}

/** How often a held lock is renewed, and after how long without renewal it is stale. */
export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 30_000;
/** A takeover guard older than this was left by a taker that died inside it. */
export const GUARD_STALE_MS = 30_000;

const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
/** Locks this process holds (so that its own pid in a lock file is told apart from an earlier process's). */
const heldHere = new Set<string>();

/** The boot and pid namespace of this process (Linux), so that a pid is only checked where it means something. */
export function pidNamespace(): string | undefined {
  try {
    return `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return undefined;
  }
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

type Read = { owner: LockOwner; ageMs: number } | null | 'unreadable';

/** The lock's owner and how long ago it was renewed; null when there is no lock; 'unreadable' for a file that is not one of ours. */
function readLock(lock: string): Read {
  let text: string;
  let mtime: number;
  try {
    mtime = statSync(lock).mtimeMs;
    text = readFileSync(lock, 'utf8');
  } catch (err) {
    return code(err) === 'ENOENT' ? null : 'unreadable';
  }
  try {
    const o = JSON.parse(text);
    if (typeof o?.pid === 'number' && typeof o?.host === 'string' && typeof o?.started === 'string') {
      return { owner: o, ageMs: Date.now() - mtime };
    }
  } catch {
    /* not JSON */
  }
  return 'unreadable';
}

const sameOwner = (a: LockOwner, b: LockOwner) => a.pid === b.pid && a.host === b.host && a.started === b.started;

/** Stale: not renewed for STALE_MS, or an owner this process can check and that is gone. */
function isStale(lock: string, r: { owner: LockOwner; ageMs: number }): boolean {
  if (r.ageMs > STALE_MS) return true;
  const o = r.owner;
  if (o.host !== hostname() || o.ns !== pidNamespace()) return false;
  return o.pid === process.pid ? !heldHere.has(lock) : !pidAlive(o.pid);
}

function heldError(dir: string, what: string, lock: string, r: Exclude<Read, null>): RmsimError {
  if (r === 'unreadable') {
    return new RmsimError('IO', `is locked by ${lock}, which rmsim cannot read; remove it if no rmsim is writing this ${what}`, {
      file: dir,
    });
  }
  const o = r.owner;
  return new RmsimError(
    'IO',
    `is being written by another rmsim (pid ${o.pid} on ${o.host}, since ${o.started}); wait for it or choose another ${what} (a lock not renewed for ${STALE_MS / 1000} s is taken over)`,
    { file: dir },
  );
}

/**
 * Throw the error a writer would get if `lock` is held by a live writer (or unreadable); no
 * change on disk. For checks before any work; the lock itself is taken by `acquireLock`.
 */
export function checkLock(lock: string, dir: string, what = 'folder'): void {
  const r = readLock(lock);
  if (r !== null && (r === 'unreadable' || !isStale(lock, r))) throw heldError(dir, what, lock, r);
}

/** Remove `lock` if its owner is still the stale `dead`, one taker at a time (see the module comment). */
function takeOver(lock: string, dead: LockOwner, dir: string): void {
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
      if (attempt >= 100) {
        throw new RmsimError('IO', `is being taken over by another rmsim (${guard}); try again in ${GUARD_STALE_MS / 1000} s`, {
          file: dir,
        });
      }
      sleep(10);
    }
  }
  try {
    const now = readLock(lock);
    if (now !== null && now !== 'unreadable' && sameOwner(now.owner, dead)) unlinkSync(lock);
  } finally {
    try {
      rmdirSync(guard);
    } catch {
      /* removed as stale by another taker */
    }
  }
}

/**
 * A thread that renews the lock's mtime while it is held and still ours (it runs even while the
 * main thread is busy; a lock taken over while this process was stopped is not renewed).
 */
function heartbeat(lock: string, me: string): Worker {
  const w = new Worker(
    `const { workerData: d } = require('node:worker_threads');
     const { readFileSync, utimesSync } = require('node:fs');
     setInterval(() => {
       try { if (readFileSync(d.lock, 'utf8') === d.me) { const t = new Date(); utimesSync(d.lock, t, t); } } catch {}
     }, d.ms);`,
    { eval: true, workerData: { lock, me, ms: HEARTBEAT_MS } },
  );
  w.unref();
  return w;
}

/**
 * Take the lock at `lock` for writing `dir` (`what` names it in messages). Throws
 * RmsimError('IO') naming `dir` when another live writer holds it, or when the lock cannot be made.
 */
export function acquireLock(lock: string, dir: string, what = 'folder'): FolderLock {
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), ns: pidNamespace() };
  const fail = (err: unknown) =>
    err instanceof RmsimError ? err : new RmsimError('IO', `cannot write here (${code(err)} on its lock)`, { file: dir, cause: err });
  const aside = `${lock}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    const body = `${JSON.stringify(me)}\n`;
    writeFileSync(aside, body, { flag: 'wx' });
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(aside, lock);
      } catch (err) {
        if (code(err) !== 'EEXIST') throw err;
        const r = readLock(lock);
        if (r === null) continue; // released this instant: try again
        if (r === 'unreadable' || !isStale(lock, r)) throw heldError(dir, what, lock, r);
        takeOver(lock, r.owner, dir);
        continue;
      }
      heldHere.add(lock);
      const beat = heartbeat(lock, body);
      let held = true;
      const ours = () => {
        const r = readLock(lock);
        return r !== null && r !== 'unreadable' && sameOwner(r.owner, me);
      };
      return {
        check() {
          if (held && !ours()) {
            throw new RmsimError('IO', `lost its lock ${lock} to another rmsim while this one was stopped; nothing was written`, {
              file: dir,
            });
          }
        },
        release() {
          if (!held) return;
          held = false;
          heldHere.delete(lock);
          void beat.terminate();
          try {
            if (ours()) unlinkSync(lock);
          } catch {
            /* a lock we cannot remove is stale for the next writer: it is no longer renewed */
          }
        },
      };
    }
    throw new RmsimError('IO', `cannot take the lock ${lock}: other writers keep taking it`, { file: dir });
  } catch (err) {
    throw fail(err);
  } finally {
    try {
      unlinkSync(aside);
    } catch {
      /* not made, or already gone */
    }
  }
}
