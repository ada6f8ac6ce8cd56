/** Reading a study config file (YAML or JSON); syntax errors name the file, line and column. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { RmsimError } from '../errors.js';

export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RmsimError('IO', `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
      file: path,
      cause: err,
    });
  }
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      const m = /position (\d+)/.exec((err as Error).message);
      const pos = m ? Number(m[1]) : -1;
      const line = pos >= 0 ? text.slice(0, pos).split('\n').length : 0;
      const what = (err as Error).message.replace(/\s+/g, ' '); // Node quotes the input, newlines included
      throw new RmsimError('CONFIG', `invalid JSON (${what})`, { file: path, line: line || undefined });
    }
  }
  try {
    return parseYaml(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0];
      const what = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new RmsimError('CONFIG', `invalid YAML (${what})`, { file: path, line: at?.line, column: at?.col });
    }
    throw err;
  }
}
