/**
 * Typed errors. Library code throws `RmsimError`; exactly one place (the CLI entry) turns it
 * into a one-line message and an exit code. `code` is stable and part of the public API.
 */
export type RmsimErrorCode =
  | 'INVALID_ARGUMENT' // a kernel or library function got a bad value (names the argument)
  | 'WASM_ABORT' // the WebAssembly core aborted (a bug or an unchecked bad input)
  | 'WASM_LOAD' // the .wasm could not be found or instantiated
  | 'OUT_OF_MEMORY' // linear memory could not grow
  | 'CONFIG' // a study or sweep config failed validation (names the field)
  | 'IO'; // a file could not be read or written (names the file)

export class RmsimError extends Error {
  readonly code: RmsimErrorCode;
  constructor(code: RmsimErrorCode, message: string) {
    super(message);
    this.name = 'RmsimError';
    this.code = code;
  }
}

/** Throw an INVALID_ARGUMENT error naming `arg`. */
export function invalid(arg: string, why: string): never {
  throw new RmsimError('INVALID_ARGUMENT', `${arg}: ${why}`);
}
