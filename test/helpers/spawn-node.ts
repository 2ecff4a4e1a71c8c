/**
 * Real `lodestone` processes for process-level tests (crash, CLI): `bin/lodestone.js` runs `dist/`, so
 * run `npm run build` first. Every process started here is remembered; call {@link killAllNodes} in
 * `afterAll` so that a failing test leaves nothing running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jwkFromPublicKey } from '../../src/crypto/index.js';
import { didOf, type TestSigner } from './node.js';

/** The CLI entry point of this checkout. */
export const CLI = fileURLToPath(new URL('../../bin/lodestone.js', import.meta.url));
const DIST_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SpawnedNode {
  /** Base URL from the start-up banner, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly proc: ChildProcess;
  /** The operator token the node was started with. */
  readonly token: string;
  /** Everything the process wrote to stderr so far (banner, logs), for failure messages. */
  stderr(): string;
  /** Send `signal` (default SIGTERM) and wait for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
  /** Resolves when the process has ended, however it ended. */
  readonly stopped: Promise<Exit>;
}

export interface SpawnNodeOptions {
  readonly dataDir: string;
  readonly origin?: string;
  /** LODESTONE_OPERATOR_TOKEN; a fixed test token by default. */
  readonly token?: string;
  /** Extra `serve` arguments. */
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for the banner. */
  readonly startTimeoutMs?: number;
}

export const TEST_OPERATOR_TOKEN = 'test-operator-token-0123456789abcdef';

const live = new Set<ChildProcess>();
const BANNER = /listening on (https?:\/\/\S+)/;

function assertBuilt(): void {
  if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` first`);
}

/** Environment for a child: no inherited LODESTONE_* settings, so a developer's shell cannot leak in. */
function childEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('LODESTONE_')) env[k] = v;
  return { ...env, ...extra };
}

function track(proc: ChildProcess): Promise<Exit> {
  live.add(proc);
  return new Promise((resolve) => {
    proc.once('exit', (code, signal) => {
      live.delete(proc);
      resolve({ code, signal });
    });
    proc.once('error', () => {
      live.delete(proc);
      resolve({ code: null, signal: null });
    });
  });
}

/**
 * Start `lodestone serve --port 0` on `dataDir` and resolve once its banner names the URL it listens on.
 * Rejects (with the process's stderr) if it exits or stays silent first.
 */
export async function spawnNode(options: SpawnNodeOptions): Promise<SpawnedNode> {
  assertBuilt();
  const token = options.token ?? TEST_OPERATOR_TOKEN;
  const args = [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', options.dataDir];
  if (options.origin) args.push('--origin', options.origin);
  args.push(...(options.args ?? []));
  const proc = spawn(process.execPath, args, {
    env: childEnv({ ...options.env, LODESTONE_OPERATOR_TOKEN: token }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stopped = track(proc);
  let err = '';
  proc.stderr!.setEncoding('utf8');
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`lodestone serve printed no banner within ${timeoutMs} ms; stderr:\n${err}`));
    }, timeoutMs);
    proc.stderr!.on('data', (chunk: string) => {
      err += chunk;
      const m = BANNER.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void stopped.then((exit) => {
      clearTimeout(timer);
      reject(
        new Error(`lodestone serve exited (${exit.code ?? exit.signal}) before listening; stderr:\n${err}`),
      );
    });
  });
  return {
    url,
    proc,
    token,
    stderr: () => err,
    kill: (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return stopped;
    },
    stopped,
  };
}

/**
 * The operator registers `signer`'s organisation (a producer) with a running node over HTTP: the node logs
 * its identity statement. Resolves to the receipt; rejects unless the node answers 201.
 */
export async function registerOrganisation(
  node: Pick<SpawnedNode, 'url' | 'token'>,
  signer: TestSigner,
  validFrom = '2020-01-01T00:00:00.000Z',
): Promise<{ statement: string; index: number; entry: unknown; proof: string[]; checkpoint: string }> {
  const res = await fetch(`${node.url}/v1/operator/identities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${node.token}` },
    body: JSON.stringify({
      subject: didOf(signer),
      legalName: `Organisation ${didOf(signer)}`,
      registeredId: didOf(signer),
      idScheme: { id: 'urn:lodestone:scheme:test', name: 'test register' },
      country: 'FIN',
      roles: ['producer'],
      keys: [{ kid: signer.kid, jwk: jwkFromPublicKey(signer.keys.publicKey) }],
      validFrom,
    }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`POST /v1/operator/identities: HTTP ${res.status} ${body}`);
  return JSON.parse(body);
}

export interface CliResult extends Exit {
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `lodestone <args>` to completion and collect its output. */
export async function runCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  assertBuilt();
  const proc = spawn(process.execPath, [CLI, ...args], {
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stopped = track(proc);
  let stdout = '';
  let stderr = '';
  proc.stdout!.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const exit = await stopped;
  clearTimeout(timer);
  // 'exit' can precede the end of the pipes; wait for both to drain.
  await Promise.all(
    [proc.stdout!, proc.stderr!].map((s) => (s.closed ? undefined : new Promise((r) => s.once('close', r)))),
  );
  return { ...exit, stdout, stderr };
}

/** SIGKILL every process started here that is still running, and wait for them to end. */
export async function killAllNodes(): Promise<void> {
  const procs = [...live];
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null || p.signalCode !== null) return resolve();
          p.once('exit', () => resolve());
          p.kill('SIGKILL');
        }),
    ),
  );
}

// Last resort if a test runner exits without afterAll: do not leave servers behind.
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});
