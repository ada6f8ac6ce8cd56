/**
 * Writing a folder of results (a run folder) without ever leaving a half-written folder, without
 * replacing what is not ours, and with one writer at a time.
 *
 * - `checkFolder(dir)` has no side effects: it only says whether `dir` could be written (and is
 *   not being written by a live rmsim). Callers run it before any work, so that every config
 *   error is found before anything is created.
 * - `openFolder(dir)` starts writing: it creates missing parents (remembering which), locks the
 *   folder against a second writer (lock.ts), and tidies what an earlier writer left.
 * - `folder.write(files)` writes everything, each file flushed to disk, into a temporary sibling
 *   `.X.tmp-<pid>`, then replaces X with it: X is renamed to `.X.old-<pid>`, the new folder to X,
 *   the old one removed, the parent flushed. The two renames are microseconds apart, and the write
 *   is synchronous, so a catchable signal is handled only after it; a failure between them puts
 *   the old folder back. Only a SIGKILL (or a crash) in that window can leave X absent; the old
 *   run is then whole at `.X.old-<pid>`, and the next `openFolder` puts it back before anything
 *   else. (An atomic exchange of two folders, renameat2 RENAME_EXCHANGE, is not available from
 *   Node.)
 * - `folder.close()` releases the lock; if nothing was written it removes the parents it made.
 * - Under the lock no other rmsim writes X, so the temporaries of X found by `openFolder` are an
 *   earlier writer's (killed, whatever its pid now names) and are removed.
 *
 * X is used by its absolute path; if X is a symbolic link, the folder it points to is written
 * (made, if the link points to nothing yet).
 */
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RmsimError } from '../errors.js';
import { acquireLock, checkLock, type FolderLock, GUARD_STALE_MS, pidAlive } from './lock.js';

const ioError = (path: string, why: string, cause?: unknown) => new RmsimError('IO', why, { file: path, cause });
const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** The longest folder name accepted: room for `.X.tmp-<pid>` and `.X.lock.<pid>-<random>` within 255 bytes. */
const MAX_NAME_BYTES = 200;
/** The longest name of a parent folder, and of a whole path, that Linux and macOS file systems take. */
const MAX_PART_BYTES = 255;
const MAX_PATH_BYTES = 4000;
/** An aside lock file (`.X.lock.<pid>-…`) older than this was left by a writer that died making it. */
const ASIDE_STALE_MS = 60_000;

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

/**
 * Create `dir` and its missing parents one level at a time (no recursive mkdir: it can spin on
 * /proc); returns those made. One made meanwhile by someone else is fine (and not ours); on a
 * failure the folders made so far are removed again.
 */
function makeFolders(dir: string): string[] {
  const made: string[] = [];
  for (const m of missingFolders(dir).reverse()) {
    try {
      mkdirSync(m);
      made.push(m);
    } catch (err) {
      if (code(err) === 'EEXIST' && statSync(m).isDirectory()) continue;
      removeMade(made);
      throw err;
    }
  }
  return made;
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
 * The folder a path names, absolute: a symbolic link is followed to the folder it points to (the
 * link is left as it is), also one that points to nothing yet: that folder is then written.
 */
function target(dir: string, what: string): string {
  if (dir.trim() === '') throw ioError(dir, `is empty; name a ${what}`);
  let abs = resolve(dir);
  for (let hops = 0; ; hops++) {
    let link = false;
    try {
      link = lstatSync(abs).isSymbolicLink();
    } catch {
      /* absent */
    }
    if (!link) return abs;
    try {
      return realpathSync(abs);
    } catch {
      /* points to nothing (yet): follow it by hand */
    }
    if (hops >= 40) throw ioError(dir, 'is a loop of symbolic links; name a folder');
    abs = resolve(dirname(abs), readlinkSync(abs));
  }
}

/** The names of a folder's temporaries and its lock: `.X.tmp-<pid>`, `.X.old-<pid>`, `.X.lock`. */
function siblings(abs: string) {
  const parent = dirname(abs);
  const name = basename(abs);
  return {
    parent,
    tmp: join(parent, `.${name}.tmp-${process.pid}`),
    old: join(parent, `.${name}.old-${process.pid}`),
    lock: join(parent, `.${name}.lock`),
    /** every writer's temporaries: [path, kind, pid] (`lock` for a lock being created) */
    others(): [string, 'tmp' | 'old' | 'lock', number][] {
      let names: string[];
      try {
        names = readdirSync(parent);
      } catch {
        return [];
      }
      const prefix = `.${name}.`;
      const out: [string, 'tmp' | 'old' | 'lock', number][] = [];
      for (const n of names) {
        const m = n.startsWith(prefix) ? /^(?:(tmp|old)-(\d+)|lock\.(\d+)-[a-z0-9]+)$/.exec(n.slice(prefix.length)) : null;
        if (m) out.push([join(parent, n), m[1] ? (m[1] as 'tmp' | 'old') : 'lock', Number(m[2] ?? m[3])]);
      }
      return out;
    },
  };
}

/**
 * Check that `dir` can be written as a folder, creating nothing: an existing path must be a
 * folder that is empty or that `canReplace` accepts, not being written by a live rmsim;
 * otherwise the nearest existing ancestor must be a folder this process can write. Throws
 * RmsimError('IO') naming the path.
 */
export function checkFolder(dir: string, canReplace: (dir: string) => boolean, what = 'folder'): void {
  try {
    const abs = target(dir, what);
    checkPlace(abs, dir, canReplace, what);
    checkLock(siblings(abs).lock, dir, what);
  } catch (err) {
    throw err instanceof RmsimError ? err : ioError(dir, `cannot be checked (${code(err)})`, err);
  }
}

/** checkFolder without the lock: `abs` is the folder, `dir` as the user named it. */
function checkPlace(abs: string, dir: string, canReplace: (dir: string) => boolean, what: string): void {
  const name = basename(abs);
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw ioError(dir, `has a name of ${Buffer.byteLength(name)} bytes; at most ${MAX_NAME_BYTES}`);
  }
  const long = abs.split('/').find((part) => Buffer.byteLength(part) > MAX_PART_BYTES);
  if (long !== undefined) throw ioError(dir, `has a folder name of ${Buffer.byteLength(long)} bytes; at most ${MAX_PART_BYTES}`);
  if (Buffer.byteLength(abs) > MAX_PATH_BYTES)
    throw ioError(dir, `is a path of ${Buffer.byteLength(abs)} bytes; at most ${MAX_PATH_BYTES}`);
  if (existsSync(abs)) {
    if (!statSync(abs).isDirectory()) throw ioError(dir, `exists and is not a folder; choose another ${what}`);
    if (readdirSync(abs).length > 0 && !canReplace(abs)) {
      throw ioError(dir, `exists and is not an earlier ${what} (or holds files rmsim did not write); choose another or remove it`);
    }
  }
  const missing = missingFolders(dirname(abs));
  const ancestor = missing.length ? dirname(missing[missing.length - 1]) : dirname(abs);
  try {
    if (!statSync(ancestor).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw ioError(dir, `cannot write here (${code(err)})`);
  }
}

/** A folder open for writing: locked, with its parents made; write once, then close. */
export interface OpenFolder {
  /** the folder written: absolute, a symbolic link followed */
  readonly dir: string;
  /** Write the files (relative paths) as the folder's whole new content, atomically. */
  write(files: Record<string, string | Uint8Array>): void;
  /** Release the lock; when nothing was written, remove the parents this open made. Idempotent. */
  close(): void;
}

/**
 * Put back a run a killed writer moved aside (X absent, a `.X.old-<pid>` present: the newest),
 * and remove what earlier writers left. Call under the lock: no other rmsim writes X, so every
 * temporary of X is an earlier writer's, whatever process its pid names now. A lock file still
 * being created (`.X.lock.<pid>-…`) is removed once its pid is gone or it is a minute old, and a
 * takeover guard once it is stale.
 */
function recover(abs: string): void {
  const s = siblings(abs);
  const left = s.others();
  if (!existsSync(abs)) {
    const olds = left.filter(([, kind]) => kind === 'old').sort((a, b) => statSync(b[0]).mtimeMs - statSync(a[0]).mtimeMs);
    if (olds.length > 0) renameSync(olds[0][0], abs);
  }
  const age = (path: string) => {
    try {
      return Date.now() - lstatSync(path).mtimeMs;
    } catch {
      return 0;
    }
  };
  for (const [path, kind, pid] of left) {
    if (kind !== 'lock' || !pidAlive(pid) || age(path) > ASIDE_STALE_MS) cleanUp(path);
  }
  const guard = `${s.lock}.takeover`;
  if (age(guard) > GUARD_STALE_MS) cleanUp(guard);
}

/**
 * Start writing `dir` (call `checkFolder` first, and only after every check of the work that
 * will fill it): make missing parents, take the folder's lock (a second writer gets a one-line
 * error; a lock whose holder is gone is taken over), put back or remove what a killed writer
 * left, and check again, under the lock, that `dir` may be replaced.
 */
export function openFolder(dir: string, canReplace: (dir: string) => boolean, what = 'folder'): OpenFolder {
  checkFolder(dir, canReplace, what);
  let abs: string;
  try {
    abs = target(dir, what);
  } catch (err) {
    throw err instanceof RmsimError ? err : ioError(dir, `cannot be opened (${code(err)})`, err);
  }
  const s = siblings(abs);
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
    recover(abs);
    checkPlace(abs, dir, canReplace, what);
  } catch (err) {
    close();
    throw err instanceof RmsimError ? err : ioError(dir, `cannot tidy what an earlier writer left (${code(err)})`, err);
  }
  return {
    dir: abs,
    write(files) {
      if (closed) throw ioError(dir, 'is closed');
      lock.check();
      writeFolderAtomic(abs, files);
      written = true;
    },
    close,
  };
}

/** Write `content` to a new file at `path` and flush it to disk. */
function writeDurable(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flush a folder's entries (new names, renames) to disk; where a platform cannot, skip it. */
function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    /* some file systems refuse fsync on a folder */
  } finally {
    closeSync(fd);
  }
}

/**
 * Write a folder of files atomically: all files go into a temporary sibling folder, each flushed
 * to disk, which then replaces `dir` (an existing `dir` is replaced only after the new one is
 * complete, and put back if the final rename fails). Takes no lock: prefer `openFolder`, which
 * also locks and tidies.
 */
export function writeFolderAtomic(dir: string, files: Record<string, string | Uint8Array>): void {
  const abs = resolve(dir);
  const { parent, tmp, old } = siblings(abs);
  try {
    cleanUp(tmp);
    makeFolders(tmp);
    const folders = new Set([tmp]);
    for (const [rel, content] of Object.entries(files)) {
      const p = join(tmp, rel);
      for (const m of makeFolders(dirname(p))) folders.add(m);
      writeDurable(p, content);
    }
    for (const f of folders) syncFolder(f);
    pauseForKillTests('before-renames');
    if (existsSync(abs)) renameSync(abs, old);
    pauseForKillTests('between-renames');
    renameSync(tmp, abs);
    syncFolder(parent);
    cleanUp(old);
  } catch (err) {
    if (!existsSync(abs) && existsSync(old)) renameSync(old, abs); // put the previous run back
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
