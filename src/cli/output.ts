import { BaseError } from '../errors.js';

/**
 * Exit codes (documented in docs/cli.md):
 * 0 success · 1 verification failed (a discrepancy, an invalid receipt) · 2 usage or input error ·
 * 3 the node refused the request or could not be reached.
 */
export const EXIT = { OK: 0, VERIFY_FAILED: 1, USAGE: 2, NODE: 3 } as const;

export type CliErrorCode = 'CLI_USAGE' | 'CLI_INPUT' | 'CLI_NODE' | 'CLI_VERIFY_FAILED';

/** An error the CLI reports as one line plus a hint, with a meaningful exit code. */
export class CliError extends BaseError<CliErrorCode> {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.hint = hint;
    this.exitCode =
      code === 'CLI_NODE' ? EXIT.NODE : code === 'CLI_VERIFY_FAILED' ? EXIT.VERIFY_FAILED : EXIT.USAGE;
  }
}

/** Print `data` as JSON (with --json) or with the human formatter. */
export function emit<T>(json: boolean | undefined, data: T, human: (d: T) => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human(data)}\n`);
}

/** A one-line progress report on stderr, redrawn in place on a terminal. */
export function progress(label: string): (done: number, total?: number) => void {
  const tty = process.stderr.isTTY;
  return (done, total) => {
    const text = total
      ? `${label}: ${done.toLocaleString()} / ${total.toLocaleString()}`
      : `${label}: ${done.toLocaleString()}`;
    process.stderr.write(tty ? `\r${text}` : `${text}\n`);
  };
}
