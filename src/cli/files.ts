import { readFileSync, writeFileSync } from 'node:fs';
import { CliError } from './output.js';

/** Read a file (or stdin for "-") as UTF-8, turning IO errors into a CLI input error. */
export function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (cause) {
    throw new CliError('CLI_INPUT', `cannot read ${path}: ${(cause as Error).message}`, 'check the path', {
      cause,
    });
  }
}

export function readJsonFile(path: string): unknown {
  const text = readInput(path);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CliError('CLI_INPUT', `${path} is not JSON`, undefined, { cause });
  }
}

/** Write `text` to `path`, or to stdout when no path is given. Secret files get mode 0600. */
export function writeOutput(path: string | undefined, text: string, secret = false): void {
  if (path === undefined || path === '-') {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  try {
    writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`, {
      mode: secret ? 0o600 : 0o644,
      flag: secret ? 'wx' : 'w',
    });
  } catch (cause) {
    const hint = secret ? 'key files are never overwritten: choose a new path' : undefined;
    throw new CliError('CLI_INPUT', `cannot write ${path}: ${(cause as Error).message}`, hint, { cause });
  }
}
