/**
 * Writing a folder of results (a run folder) without ever leaving a half-written folder, without
 * replacing what is not ours, and with one writer at a time.
 *
 * - `checkFolder(dir)` has no side effects: it only says whether `dir` could be written. Callers
 *   run it before any work, and every config error is found before anything is created.
 * - `openFolder(dir)` starts writing: it creates missing parents (remembering which), locks the
 *   folder against a second writer (lock.ts), and tidies what a killed earlier writer left.
 * - `folder.write(files)` writes everything into a temporary sibling `.X.tmp-<pid>`, then
 *   replaces X with it: X is renamed to `.X.old-<pid>`, the new folder to X, the old one removed.
 *   The two renames are a few microseconds apart; catchable signals wait for both (the CLI
 *   handles SIGINT and SIGTERM on the event loop, which cannot run between two synchronous
 *   calls), and a failure between them puts the old folder back. Only a SIGKILL in that window
 *   can leave X absent; the old run is then intact at `.X.old-<pid>`, and the next writer puts it
 *   back before anything else. (An atomic exchange of two folders, renameat2 RENAME_EXCHANGE, is
 *   not available from Node.)
 * - `folder.close()` releases the lock; if nothing was written it removes the parents it made.
 * - Temporaries of a writer that is gone (its pid is not a live process on this host) are removed
 *   by the next `openFolder`; those of a live writer are left alone.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RmsimError } from '../errors.js';
import { acquireLock, type FolderLock, pidAlive } from './lock.js';

const ioError = (path: string, why: string, cause?: unknown) => new RmsimError('IO', why, { file: path, cause });
const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** Remove a temporary path, never hiding the error that made us clean up. */
function cleanUp(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    /* the original error is the one to report */
  }
}

/** The folders from `dir` up that do not exist, nearest the root last. */
function missingFolders(dir: string): string[] {
  const missing: string[] = [];
  let p = resolve(dir);
  while (!existsSync(p)) {
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return missing;
}

/** Create `dir` and its missing parents one level at a time (no recursive mkdir: it can spin on /proc); returns those made. */
function makeFolders(dir: string): string[] {
  const made: string[] = [];
  for (const m of missingFolders(dir).reverse()) {
    mkdirSync(m);
    made.push(m);
  }
  return made;
}

/** The names of a folder's temporaries and its lock: `.X.tmp-<pid>`, `.X.old-<pid>`, `.X.lock`. */
function siblings(dir: string) {
  const parent = dirname(resolve(dir));
  const name = basename(resolve(dir));
  return {
    parent,
    tmp: join(parent, `.${name}.tmp-${process.pid}`),
    old: join(parent, `.${name}.old-${process.pid}`),
    lock: join(parent, `.${name}.lock`),
    /** temporaries of any writer: [path, kind, pid] */
    others(): [string, 'tmp' | 'old', number][] {
      let names: string[];
      try {
        names = readdirSync(parent);
      } catch {
        return [];
      }
      const prefix = `.${name}.`;
      const out: [string, 'tmp' | 'old', number][] = [];
      for (const n of names) {
        const m = n.startsWith(prefix) ? /^(tmp|old)-(\d+)$/.exec(n.slice(prefix.length)) : null;
        if (m) out.push([join(parent, n), m[1] as 'tmp' | 'old', Number(m[2])]);
      }
      return out;
    },
  };
}

/**
 * Check that `dir` can be written as a folder, creating nothing: an existing path must be a
 * folder that is empty or that `canReplace` accepts; otherwise the nearest existing ancestor must
 * be a folder this process can write. Throws RmsimError('IO') naming the path.
 */
export function checkFolder(dir: string, canReplace: (dir: string) => boolean, what = 'folder'): void {
  if (dir.trim() === '') throw ioError(dir, `is empty; name a ${what}`);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw ioError(dir, `exists and is not a folder; choose another ${what}`);
    if (readdirSync(dir).length > 0 && !canReplace(dir)) {
      throw ioError(dir, `exists and is not an earlier ${what}; choose another or remove it`);
    }
  }
  const missing = missingFolders(dirname(resolve(dir)));
  const ancestor = missing.length ? dirname(missing[missing.length - 1]) : dirname(resolve(dir));
  try {
    if (!statSync(ancestor).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw ioError(dir, `cannot write here (${code(err)})`);
  }
}

/** A folder open for writing: locked, with its parents made; write once, then close. */
export interface OpenFolder {
  readonly dir: string;
  /** Write the files (relative paths) as the folder's whole new content, atomically. */
  write(files: Record<string, string | Uint8Array>): void;
  /** Release the lock; when nothing was written, remove the parents this open made. Idempotent. */
  close(): void;
}

/**
 * Put back a run a killed writer moved aside (X absent, `.X.old-<pid>` of a dead pid present),
 * and remove the temporaries of writers that are gone. Call under the lock.
 */
function recover(dir: string): void {
  const s = siblings(dir);
  const dead = s.others().filter(([, , pid]) => pid !== process.pid && !pidAlive(pid));
  if (!existsSync(dir)) {
    const old = dead.find(([, kind]) => kind === 'old');
    if (old) renameSync(old[0], dir);
  }
  for (const [path] of dead) if (existsSync(path)) cleanUp(path);
}

/**
 * Start writing `dir` (call `checkFolder` first, and only after every check of the work that
 * will fill it): make missing parents, take the folder's lock (a second writer gets a one-line
 * error; a lock whose holder is gone is taken over), put back or remove what a killed writer
 * left, and check again, under the lock, that `dir` may be replaced.
 */
export function openFolder(dir: string, canReplace: (dir: string) => boolean, what = 'folder'): OpenFolder {
  checkFolder(dir, canReplace, what);
  const s = siblings(dir);
  let made: string[];
  try {
    made = makeFolders(s.parent);
  } catch (err) {
    throw ioError(dir, `cannot write here (${code(err)})`);
  }
  let lock: FolderLock;
  try {
    lock = acquireLock(s.lock, dir, what);
  } catch (err) {
    removeMade(made);
    throw err;
  }
  let written = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    lock.release();
    if (!written) removeMade(made);
  };
  try {
    recover(dir);
    checkFolder(dir, canReplace, what);
  } catch (err) {
    close();
    throw err;
  }
  return {
    dir,
    write(files) {
      if (closed) throw ioError(dir, 'is closed');
      writeFolderAtomic(dir, files);
      written = true;
    },
    close,
  };
}

/** Remove the folders an open made (innermost first), if they are still empty. */
function removeMade(made: string[]): void {
  for (const m of [...made].reverse()) {
    try {
      rmdirSync(m);
    } catch {
      return; // not empty (someone else's files) or gone: leave it
    }
  }
}

/**
 * Write a folder of files atomically: all files go into a temporary sibling folder, which then
 * replaces `dir` (an existing `dir` is replaced only after the new one is complete, and put back
 * if the final rename fails). Prefer `openFolder`, which also locks and tidies.
 */
export function writeFolderAtomic(dir: string, files: Record<string, string | Uint8Array>): void {
  const { tmp, old } = siblings(dir);
  try {
    cleanUp(tmp);
    makeFolders(tmp);
    for (const [rel, content] of Object.entries(files)) {
      const p = join(tmp, rel);
      makeFolders(dirname(p));
      writeFileSync(p, content);
    }
    pauseForKillTests('before-renames');
    if (existsSync(dir)) renameSync(dir, old);
    pauseForKillTests('between-renames');
    renameSync(tmp, dir);
    cleanUp(old);
  } catch (err) {
    if (!existsSync(dir) && existsSync(old)) renameSync(old, dir); // put the previous run back
    cleanUp(tmp);
    throw ioError(dir, (err as Error).message, err);
  }
}

/**
 * The kill tests' hook: with RMSIM_TEST_PAUSE=<point>:<ms> in the environment (point
 * 'before-renames' or 'between-renames'), a write says so on stderr and waits that long there,
 * so that a test can kill it at that very point.
 */
function pauseForKillTests(point: string): void {
  const hook = process.env.RMSIM_TEST_PAUSE;
  if (!hook?.startsWith(`${point}:`)) return;
  process.stderr.write(`rmsim test hook: paused ${point}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(hook.slice(point.length + 1)) || 0);
}
