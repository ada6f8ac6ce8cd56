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
import { printable } from '../io/config.js';
import { VERSION } from '../version.js';
import { configCommand } from './config.js';
import type { CliIo } from './io.js';
import { serveCommand } from './serve.js';
import { studyCommand } from './study.js';
import { theoryCommand } from './theory.js';

/** An error as the one line printed: control characters a user's input put in it escaped. */
const line = (message: string) => `rmsim: ${printable(message)}\n`;

/** Exit codes: 0 ok, 1 internal error (a bug), 2 bad input (arguments, config, files). */
export async function main(argv: readonly string[], io: CliIo, env: { RMSIM_DEBUG?: string } = {}): Promise<number> {
  // commander reports usage errors itself: as one 'rmsim: …' line, thrown here instead of exiting
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) =>
      write(
        line(
          s
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' '),
        ),
      ),
  };
  const program = new Command()
    .name('rmsim')
    .description('Reward-model evaluation lab: does test-set accuracy predict the gold reward a policy gains?')
    .version(VERSION)
    .exitOverride()
    .configureOutput(output);
  for (const command of [studyCommand(io), theoryCommand(io), configCommand(io), serveCommand(io)]) {
    program.addCommand(command.exitOverride().configureOutput(output)); // addCommand does not pass these on
  }
  const debug = (err: unknown) => {
    if (env.RMSIM_DEBUG) io.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  };
  try {
    // commander answers `help <anything>` with the full help; an unknown name is a usage error
    const names = program.commands.map((c) => c.name());
    if (argv[0] === 'help' && argv[1] !== undefined && !names.includes(argv[1])) {
      throw new RmsimError('INVALID_ARGUMENT', `unknown command '${argv[1]}' (commands: ${names.join(', ')})`, { field: 'help' });
    }
    await init();
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed its message (or help/version, with exit code 0)
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof RmsimError) {
      io.stderr.write(line(err.message));
      return err.code === 'WASM_ABORT' || err.code === 'WASM_LOAD' ? 1 : 2;
    }
    if (err instanceof WebAssembly.RuntimeError) {
      io.stderr.write(line(`wasm core trapped (a bug; please report it): ${err.message}`));
      debug(err);
      return 1;
    }
    io.stderr.write(line(`internal error: ${err instanceof Error ? err.message : String(err)}`));
    debug(err);
    return 1;
  }
}
