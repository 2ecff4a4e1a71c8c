import type { Command } from 'commander';
import {
  canSeedDemoWorld,
  LodestoneNode,
  loadOrCreateOperatorToken,
  parsePeerSpec,
  ruleSetOf,
} from '../../service/index.js';
import { readJsonFile } from '../files.js';
import { CliError } from '../output.js';
import { seedWithProgress } from './demo.js';

/** Starts the HTTP server; injected by the program entry so the CLI does not import the API layer. */
export type StartServer = (options: {
  node: LodestoneNode;
  operatorToken: string;
  port: number;
  host: string;
  logLevel: string | false;
}) => Promise<{ url: string; close(): Promise<void> }>;

/** Pino's levels, plus `off` for no request log. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent', 'off'] as const;

interface ServeFlags {
  port: string;
  host: string;
  data: string;
  origin?: string;
  logLevel: string;
  verifyThreads?: string;
  peer: string[];
  witness: string[];
  rules?: string;
  demoIfEmpty?: boolean;
}

export function serveCommand(program: Command, startServer: StartServer): void {
  program
    .command('serve')
    .description(
      'run a node: HTTP API, tiled log and (later) dashboard, on an embedded SQLite data directory',
    )
    .option('-p, --port <n>', 'TCP port (env LODESTONE_PORT)', process.env.LODESTONE_PORT ?? '8700')
    .option(
      '--host <addr>',
      'address to listen on (env LODESTONE_HOST)',
      process.env.LODESTONE_HOST ?? '127.0.0.1',
    )
    .option(
      '-d, --data <dir>',
      'data directory (env LODESTONE_DATA)',
      process.env.LODESTONE_DATA ?? './lodestone-data',
    )
    .option(
      '--origin <origin>',
      'log origin for a new data directory, e.g. ca.lodestone.example/log (env LODESTONE_ORIGIN)',
      process.env.LODESTONE_ORIGIN,
    )
    .option(
      '--verify-threads <n>',
      'threads verifying signatures beside the event loop; 0 = inline (env LODESTONE_VERIFY_THREADS; default: cores − 1)',
      process.env.LODESTONE_VERIFY_THREADS,
    )
    .option(
      '--peer <origin=vkey@url>',
      'peer node to exchange checkpoints and cosignatures with (repeatable): its log origin, its log vkey, its base URL',
      (spec: string, all: string[]) => [...all, spec],
      [] as string[],
    )
    .option(
      '--witness <origin=vkey>',
      "another log this node's witness cosigns without peering with it (repeatable): its origin and log vkey",
      (spec: string, all: string[]) => [...all, spec],
      [] as string[],
    )
    .option(
      '--rules <version-or-file>',
      'the compliance rule set findings are evaluated under: a shipped version (e.g. 2026.1) or a rule set JSON file (default: the newest shipped)',
    )
    .option(
      '--demo-if-empty',
      'when the data directory holds no log yet, seed the demo world into it first, as `lodestone demo` does (scale: env LODESTONE_DEMO_SCALE, default 1)',
    )
    .option(
      '--log-level <level>',
      `request log level: ${LOG_LEVELS.join(', ')} (env LODESTONE_LOG_LEVEL)`,
      process.env.LODESTONE_LOG_LEVEL ?? 'warn',
    )
    .addHelpText(
      'after',
      [
        '',
        'Operator token:',
        '  POST /v1/operator/identities needs "Authorization: Bearer <operator token>"; with it, the operator',
        '  also reads every batch and statement (organisations use access tokens: `lodestone token`).',
        '  The token is LODESTONE_OPERATOR_TOKEN when set; otherwise it is generated on first start into',
        '  <data>/operator.token (mode 0600). The banner says which.',
        '',
        'Examples:',
        '  $ lodestone serve',
        '  $ lodestone serve --port 9000 --data /var/lib/lodestone --origin de.lodestone.example/log',
        '  $ lodestone serve --demo-if-empty          # a fresh directory starts with the demo world (npm start)',
        '  $ LODESTONE_OPERATOR_TOKEN=$(openssl rand -hex 32) lodestone serve',
        '  $ lodestone serve --peer de.lodestone.example/log=de.lodestone.example/log+1a2b3c4d+AW…@https://de.lodestone.example',
      ].join('\n'),
    )
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError('CLI_USAGE', `invalid port "${flags.port}"`, 'pass --port with 0 to 65535');
      const logLevel = parseLogLevel(flags.logLevel);
      const verifyThreads = parseThreads(flags.verifyThreads);
      const peers = flags.peer.map(parsePeerSpec);
      const witnessedLogs = flags.witness.map(parseWitnessSpec);
      const ruleSet = flags.rules === undefined ? undefined : parseRules(flags.rules);
      if (flags.demoIfEmpty && canSeedDemoWorld(flags.data)) {
        const seeded = await seedWithProgress(flags.data, flags.origin ? { origin: flags.origin } : {}, true);
        process.stderr.write(
          `seeded the demo world (${seeded.counts.statements} statements) into ${flags.data}: see demo.json there\n`,
        );
      }
      const node = LodestoneNode.open({
        dataDir: flags.data,
        ...(flags.origin && { origin: flags.origin }),
        ...(verifyThreads !== undefined && { verifyThreads }),
        ...(peers.length > 0 && { peers }),
        ...(witnessedLogs.length > 0 && { witnessedLogs }),
        ...(ruleSet !== undefined && { ruleSet }),
      });
      let server: Awaited<ReturnType<StartServer>>;
      let token: ReturnType<typeof loadOrCreateOperatorToken>;
      try {
        token = loadOrCreateOperatorToken(flags.data);
        server = await startServer({ node, operatorToken: token.token, port, host: flags.host, logLevel });
      } catch (err) {
        // Release the data directory (its lock, the sequencer, the verify threads) so the process can exit.
        await node.close();
        throw listenError(err, port, flags.host) ?? err;
      }
      const stop = async (): Promise<void> => {
        process.stderr.write('stopping: finishing in-flight registrations…\n');
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // Only once the handlers are in place: whoever reads the banner may signal at once.
      process.stderr.write(banner(server.url, node, flags.data, token.source));
    });
}

function parseLogLevel(level: string): string | false {
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new CliError(
      'CLI_USAGE',
      `invalid --log-level "${level}"`,
      `pass --log-level (or LODESTONE_LOG_LEVEL) as one of: ${LOG_LEVELS.join(', ')}`,
    );
  }
  return level === 'off' ? false : level;
}

/** A usage error for the ways listening fails because of what was asked for; undefined for anything else. */
function listenError(err: unknown, port: number, host: string): CliError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const options = { cause: err };
  switch (code) {
    case 'EADDRINUSE':
      return new CliError(
        'CLI_USAGE',
        `cannot listen on ${where}: the address is in use`,
        `port ${port} is in use: pass --port or stop the other process`,
        options,
      );
    case 'EACCES':
      return new CliError(
        'CLI_USAGE',
        `cannot listen on ${where}: permission denied`,
        `port ${port} needs privileges: pass --port with a port above 1023`,
        options,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new CliError(
        'CLI_USAGE',
        `cannot listen on ${where}: no such address on this machine (${code})`,
        'pass --host with an address of this machine, e.g. 127.0.0.1 or 0.0.0.0',
        options,
      );
    default:
      return undefined;
  }
}

function banner(url: string, node: LodestoneNode, dataDir: string, tokenSource: string): string {
  const token = tokenSource === 'env' ? 'from LODESTONE_OPERATOR_TOKEN' : `in ${tokenSource}`;
  return [
    `Lodestone ${node.info.version} listening on ${url}`,
    `  data        ${dataDir} (SQLite), ${node.size} entries`,
    `  log origin  ${node.info.origin}`,
    `  vkey        ${node.info.vkey}`,
    `  operator    ${node.info.operator} (registry root), token ${token}`,
    `  dashboard   ${url}/   (paste the operator token in its Token field to see batches)`,
    `  API docs    ${url}/docs   checkpoint ${url}/log/checkpoint`,
    '',
  ].join('\n');
}

function parseThreads(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 64) {
    throw new CliError('CLI_USAGE', `invalid --verify-threads "${text}"`, 'pass a whole number from 0 to 64');
  }
  return n;
}

/** `--witness origin=vkey`: a log to cosign (its checkpoints arrive at POST /witness/add-checkpoint). */
function parseWitnessSpec(spec: string): { origin: string; vkey: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new CliError('CLI_USAGE', `invalid --witness "${spec}"`, 'pass --witness <origin>=<log vkey>');
  }
  return { origin: spec.slice(0, eq), vkey: spec.slice(eq + 1) };
}

function parseRules(value: string): ReturnType<typeof ruleSetOf> {
  try {
    return ruleSetOf(value.endsWith('.json') ? (readJsonFile(value) as never) : value);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(
      'CLI_USAGE',
      (err as Error).message,
      'name a shipped version (e.g. 2026.1) or a rule set JSON file',
    );
  }
}
