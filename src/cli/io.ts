/** Where the CLI writes: stdout and stderr as plain writers, so `main` runs in-process in tests and apps. */

export interface CliIo {
  /** results: tables, JSON, YAML */
  stdout: { write(text: string): unknown };
  /** progress and error lines; `isTTY` decides whether a progress bar is drawn */
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}

/** An io that collects what is written (for tests and embedding). */
export function bufferIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    out: () => out,
    err: () => err,
  };
}
