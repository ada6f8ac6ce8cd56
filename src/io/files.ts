/**
 * Writing results without ever leaving a half-written file: everything goes to a temporary
 * sibling first and is renamed into place only when complete.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RmsimError } from '../errors.js';

/** Write `text` to `path` atomically (temp file in the same folder, then rename). */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new RmsimError('IO', `${path}: ${(err as Error).message}`);
  }
}

/**
 * Write a folder of files atomically: all files go into a temporary sibling folder, which then
 * replaces `dir` (an existing `dir` is replaced only after the new one is complete).
 */
export function writeFolderAtomic(dir: string, files: Record<string, string | Uint8Array>): void {
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(dirname(dir), `.${basename(dir)}.old-${process.pid}`);
  try {
    rmSync(tmp, { recursive: true, force: true });
    for (const [rel, content] of Object.entries(files)) {
      const p = join(tmp, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
    }
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } catch (err) {
    if (!existsSync(dir) && existsSync(old)) renameSync(old, dir); // put the previous run back
    rmSync(tmp, { recursive: true, force: true });
    throw new RmsimError('IO', `${dir}: ${(err as Error).message}`);
  }
}
