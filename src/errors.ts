/**
 * Typed errors. Library code throws `RmsimError`; exactly one place (the CLI's `main`) turns it
 * into a one-line message and an exit code. `code` is stable and part of the public API; `field`,
 * `file` and `line` say where the problem is, so a caller (a sweep writing a cell's status, an
 * editor underlining a config field) need not parse the message.
 */
export type RmsimErrorCode =
  | 'INVALID_ARGUMENT' // a kernel or library function got a bad value (names the argument)
  | 'WASM_ABORT' // the WebAssembly core aborted (a bug or an unchecked bad input)
  | 'WASM_LOAD' // the .wasm could not be found, instantiated, or lacks an export
  | 'WASM_NOT_READY' // a kernel was called before `init()` finished
  | 'OUT_OF_MEMORY' // linear memory could not grow
  | 'CONFIG' // a study or sweep config failed validation (names the field)
  | 'IO'; // a file could not be read or written (names the file)

export const ERROR_CODES: readonly RmsimErrorCode[] = [
  'INVALID_ARGUMENT',
  'WASM_ABORT',
  'WASM_LOAD',
  'WASM_NOT_READY',
  'OUT_OF_MEMORY',
  'CONFIG',
  'IO',
];

/** Where an error is: a config field or argument, a file, a line (and column) in it. */
export interface ErrorPlace {
  field?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** An `RmsimError` as plain JSON (`JSON.stringify(err)`), e.g. for a failed sweep cell's status. */
export interface RmsimErrorJson extends ErrorPlace {
  name: 'RmsimError';
  code: RmsimErrorCode;
  /** the one-line message: `file:line: field: why` with the parts that are known */
  message: string;
  /** the message without the place */
  why: string;
  cause?: RmsimErrorJson | { name: string; message: string };
}

export class RmsimError extends Error {
  readonly code: RmsimErrorCode;
  /** the message without the place */
  readonly why: string;
  readonly field?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(code: RmsimErrorCode, why: string, details: ErrorPlace & { cause?: unknown } = {}) {
    super(placeMessage(why, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RmsimError';
    this.code = code;
    this.why = why;
    if (details.field !== undefined) this.field = details.field;
    if (details.file !== undefined) this.file = details.file;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
  }

  /** The same error, located in `file` (kept if it already names one): "study.yaml: world.poolSize: …". */
  inFile(file: string): RmsimError {
    if (this.file !== undefined) return this;
    return new RmsimError(this.code, this.why, { ...this.place(), file, cause: this.cause });
  }

  /** The place parts that are set. */
  place(): ErrorPlace {
    const p: ErrorPlace = {};
    if (this.field !== undefined) p.field = this.field;
    if (this.file !== undefined) p.file = this.file;
    if (this.line !== undefined) p.line = this.line;
    if (this.column !== undefined) p.column = this.column;
    return p;
  }

  toJSON(): RmsimErrorJson {
    const out: RmsimErrorJson = { name: 'RmsimError', code: this.code, message: this.message, why: this.why, ...this.place() };
    const cause = this.cause;
    if (cause instanceof RmsimError) out.cause = cause.toJSON();
    else if (cause instanceof Error) out.cause = { name: cause.name, message: cause.message };
    return out;
  }

  /** Rebuild an error from its JSON (e.g. one sent by a worker thread). */
  static fromJSON(json: RmsimErrorJson): RmsimError {
    const cause =
      json.cause === undefined ? undefined : 'code' in json.cause ? RmsimError.fromJSON(json.cause) : new Error(json.cause.message);
    const { field, file, line, column } = json;
    return new RmsimError(json.code, json.why, { field, file, line, column, cause });
  }
}

/** "file:line:column: field: why", with the parts that are known. */
function placeMessage(why: string, p: ErrorPlace): string {
  let at = p.file ?? '';
  if (p.file !== undefined && p.line !== undefined) at += `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}`;
  return [at, p.field ?? '', why].filter((s) => s !== '').join(': ');
}

/** Throw an INVALID_ARGUMENT error naming `arg`. */
export function invalid(arg: string, why: string): never {
  throw new RmsimError('INVALID_ARGUMENT', why, { field: arg });
}
