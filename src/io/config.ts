/**
 * Reading a study config file (YAML or JSON). Only a regular file of at most MAX_CONFIG_BYTES is
 * read; syntax errors name the file, line and column; a byte-order mark is accepted; whatever of
 * the file an error quotes is printed with its control characters escaped.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { type Document, parseDocument, type YAMLError } from 'yaml';
import { RmsimError } from '../errors.js';

/** The largest config file read: 16 MiB (a config is a page; a bigger file is not one). */
export const MAX_CONFIG_BYTES = 16 * 2 ** 20;

/** `text` with control characters (other than tab) shown as \u escapes, so an error line stays one line. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The file's text: refused unless it is a regular file of at most MAX_CONFIG_BYTES. */
function readText(path: string): string {
  const ioError = (why: string, cause?: unknown) => new RmsimError('IO', why, { file: path, cause });
  let fd: number;
  try {
    // checked before opening too: opening a named pipe waits for a writer
    if (!statSync(path).isFile()) throw ioError('is not a regular file (a config is read from a file)');
    fd = openSync(path, 'r');
  } catch (err) {
    if (err instanceof RmsimError) throw err;
    throw ioError(`cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw ioError('is not a regular file (a config is read from a file)');
    if (st.size > MAX_CONFIG_BYTES) throw ioError(`is ${st.size} bytes; a config file may have at most ${MAX_CONFIG_BYTES}`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got).toString('utf8');
  } catch (err) {
    if (err instanceof RmsimError) throw err;
    throw ioError(`cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, err);
  } finally {
    closeSync(fd);
  }
}

export function readConfigFile(path: string): unknown {
  let text = readText(path);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark, as editors on Windows write
  const configError = (why: string, line?: number, column?: number) =>
    new RmsimError('CONFIG', printable(why), { file: path, line: line || undefined, column });
  if (text.trim() === '') throw configError('is empty; a study config is a mapping of fields (name, world, population, designs, …)');
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw jsonError(text, err as Error, configError);
    }
  }
  let doc: Document;
  try {
    // warnings (an unknown tag) are errors here, and are not printed by the library
    doc = parseDocument(text, { logLevel: 'silent', prettyErrors: true });
  } catch (err) {
    throw configError(`invalid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw yamlError(problem, configError);
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    // e.g. an alias bomb: "Excessive alias count indicates a resource exhaustion attack"
    throw configError(`invalid YAML (${(err as Error).message.split('\n')[0]})`);
  }
}

/**
 * Where JSON.parse failed: its messages rarely give a position, so the text is scanned again by
 * jsonc-parser (strict: no comments, no trailing commas) for the line, column and what was wrong.
 */
function jsonError(text: string, err: Error, make: (why: string, line?: number, column?: number) => RmsimError): RmsimError {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return make(`invalid JSON (${err.message.replace(/\s+/g, ' ')})`);
  const { offset, error } = errors[0];
  const before = text.slice(0, offset).split('\n');
  const what = printParseErrorCode(error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return make(`invalid JSON (${what})`, before.length, before[before.length - 1].length + 1);
}

function yamlError(e: YAMLError, make: (why: string, line?: number, column?: number) => RmsimError): RmsimError {
  const at = e.linePos?.[0];
  const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return make(`invalid YAML (${what})`, at?.line, at?.col);
}
