/**
 * Writing results without ever leaving a half-written file, and without ever replacing what is
 * not ours: a run folder is written to a temporary sibling and renamed into place only when
 * complete, and an existing folder is replaced only when `canReplace` says it is an earlier run.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RmsimError } from '../errors.js';

const ioError = (path: string, why: string, cause?: unknown) => new RmsimError('IO', why, { file: path, cause });

/** Remove a temporary path, never hiding the error that made us clean up. */
function cleanUp(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    /* the original error is the one to report */
  }
}

/** Create `dir` and its missing parents one level at a time (no recursive mkdir: it can spin on /proc). */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  let p = resolve(dir);
  while (!existsSync(p)) {
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  for (const m of missing.reverse()) mkdirSync(m);
}

/**
 * Check, before any work, that `dir` can be written as a folder: an existing path must be a
 * folder that is empty or that `canReplace` accepts; otherwise its parent is created and a probe
 * folder is made and removed there. Throws RmsimError('IO') naming the path.
 */
export function prepareFolder(dir: string, canReplace: (dir: string) => boolean, what = 'folder'): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw ioError(dir, `exists and is not a folder; choose another ${what}`);
    if (readdirSync(dir).length > 0 && !canReplace(dir)) {
      throw ioError(dir, `exists and is not an earlier ${what}; choose another or remove it`);
    }
  }
  const parent = dirname(resolve(dir));
  const probe = join(parent, `.${basename(dir)}.probe-${process.pid}`);
  try {
    makeFolders(parent);
    accessSync(parent, constants.W_OK);
    mkdirSync(probe);
  } catch (err) {
    throw ioError(dir, `cannot write here (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    cleanUp(probe);
  }
}

/**
 * Write a folder of files atomically: all files go into a temporary sibling folder, which then
 * replaces `dir` (an existing `dir` is replaced only after the new one is complete, and put back
 * if the final rename fails). Call `prepareFolder` first to decide whether `dir` may be replaced.
 */
export function writeFolderAtomic(dir: string, files: Record<string, string | Uint8Array>): void {
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(dirname(dir), `.${basename(dir)}.old-${process.pid}`);
  try {
    cleanUp(tmp);
    makeFolders(tmp);
    for (const [rel, content] of Object.entries(files)) {
      const p = join(tmp, rel);
      makeFolders(dirname(p));
      writeFileSync(p, content);
    }
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    cleanUp(old);
  } catch (err) {
    if (!existsSync(dir) && existsSync(old)) renameSync(old, dir); // put the previous run back
    cleanUp(tmp);
    throw ioError(dir, (err as Error).message);
  }
}
