import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built `lodestone` binary (bin/lodestone.js imports dist/main.js: run `npm run build` first). */
export const BIN = fileURLToPath(new URL('../../bin/lodestone.js', import.meta.url));
const DIST_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Throws a clear message when the CLI has not been built. */
export function assertBuilt(): void {
  if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` first`);
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Added to a copy of the environment from which every LODESTONE_* variable was removed. */
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
}

/** The test's environment without LODESTONE_* settings, so the developer's shell cannot leak in. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('LODESTONE_')) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

const running = new Set<ChildProcess>();

function spawnCli(args: readonly string[], options: CliOptions): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

function collect(child: ChildProcess): { out: () => string; err: () => string } {
  let [out, err] = ['', ''];
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  return { out: () => out, err: () => err };
}

/** Run `lodestone <args>` to completion and capture its exit code, stdout and stderr. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, options);
  const io = collect(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lodestone ${args.join(' ')} timed out\n${io.err()}`));
    }, options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: io.out(), stderr: io.err() });
    });
  });
}

/** A running `lodestone serve`, with what its start-up banner announced. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly origin: string;
  readonly vkey: string;
  /** The banner's "operator" line. */
  readonly tokenLine: string;
  readonly banner: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Send `signal` and wait for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

/** Start `lodestone serve <args>` and resolve once the banner (which ends with the API docs line) is out. */
export function startServe(args: readonly string[], options: CliOptions = {}): Promise<ServeProcess> {
  const child = spawnCli(['serve', ...args], options);
  const io = collect(child);
  const closed = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout: io.out(), stderr: io.err() })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lodestone serve did not start\n${io.err()}`));
    }, options.timeoutMs ?? 15_000);
    void closed.then((r) => {
      clearTimeout(timer);
      reject(new Error(`lodestone serve exited early (code ${r.code})\n${r.stderr}`));
    });
    const onData = (): void => {
      const banner = io.err();
      if (!/API docs.*\n/.test(banner)) return;
      child.stderr?.off('data', onData);
      clearTimeout(timer);
      const field = (re: RegExp): string => re.exec(banner)?.[1] ?? '';
      resolve({
        child,
        banner,
        url: field(/listening on (\S+)/),
        origin: field(/log origin\s+(\S+)/),
        vkey: field(/vkey\s+(\S+)/),
        tokenLine: field(/operator\s+(.+)/),
        stderr: io.err,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return closed;
        },
      });
    };
    child.stderr?.on('data', onData);
  });
}

/** Kill (by pid, via its handle) any CLI process a test started and left running. */
export function killStarted(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
