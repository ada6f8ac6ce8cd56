/**
 * The rmsim command line as a function: `main(argv, io)` parses the arguments (without the node
 * and script path), runs one command and returns its exit code. Importing it does nothing; the
 * bin (bin.ts) is the only place that touches `process`. This file only assembles commands; each
 * lives in its own file and calls library functions. Errors become one line on stderr and an
 * exit code here, and only here.
 */
import { Command, CommanderError } from 'commander';
import { init } from '../core/wasm.js';
import { RmsimError } from '../errors.js';
import { VERSION } from '../version.js';
import { configCommand } from './config.js';
import type { CliIo } from './io.js';
import { studyCommand } from './study.js';
import { theoryCommand } from './theory.js';

/** Exit codes: 0 ok, 1 internal error (a bug), 2 bad input (arguments, config, files). */
export async function main(argv: readonly string[], io: CliIo, env: { RMSIM_DEBUG?: string } = {}): Promise<number> {
  // commander reports usage errors itself: as one 'rmsim: …' line, thrown here instead of exiting
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(`rmsim: ${s.replace(/^error: /, '')}`),
  };
  const program = new Command()
    .name('rmsim')
    .description('Reward-model evaluation lab: does test-set accuracy predict the gold reward a policy gains?')
    .version(VERSION)
    .exitOverride()
    .configureOutput(output);
  for (const command of [studyCommand(io), theoryCommand(io), configCommand(io)]) {
    program.addCommand(command.exitOverride().configureOutput(output)); // addCommand does not pass these on
  }
  const debug = (err: unknown) => {
    if (env.RMSIM_DEBUG) io.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  };
  try {
    await init();
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed its message (or help/version, with exit code 0)
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof RmsimError) {
      io.stderr.write(`rmsim: ${err.message}\n`);
      return err.code === 'WASM_ABORT' || err.code === 'WASM_LOAD' ? 1 : 2;
    }
    if (err instanceof WebAssembly.RuntimeError) {
      io.stderr.write(`rmsim: wasm core trapped (a bug; please report it): ${err.message}\n`);
      debug(err);
      return 1;
    }
    io.stderr.write(`rmsim: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    debug(err);
    return 1;
  }
}
