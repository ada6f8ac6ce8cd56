/** Where the CLI writes: stdout and stderr as plain writers, so `main` runs in-process in tests and apps. */

export interface CliIo {
  /** results: tables, JSON, YAML */
  stdout: { write(text: string): unknown };
  /** progress and error lines; `isTTY` decides whether a progress bar is drawn */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /**
   * While a command writes files: on SIGINT, SIGTERM or SIGHUP run `cleanup` (release the run
   * folder's lock, remove what was made) and end the process with 128 + the signal's number.
   * Returns the function that removes the handlers. Absent in-process (tests, embedding).
   */
  trapSignals?(cleanup: () => void): () => void;
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/** The process's own streams and signals. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    trapSignals(cleanup) {
      const handlers = Object.entries(SIGNALS).map(([name, n]) => {
        const h = () => {
          try {
            cleanup();
          } finally {
            process.stderr.write(`rmsim: stopped by ${name}\n`);
            process.exit(128 + n);
          }
        };
        process.on(name, h);
        return [name, h] as const;
      });
      return () => {
        for (const [name, h] of handlers) process.off(name, h);
      };
    },
  };
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
