import type { Command } from 'commander';
import { LodestoneNode, loadOrCreateOperatorToken } from '../../service/index.js';
import { CliError } from '../output.js';

/** Starts the HTTP server; injected by the program entry so the CLI does not import the API layer. */
export type StartServer = (options: {
  node: LodestoneNode;
  operatorToken: string;
  port: number;
  host: string;
  logLevel: string | false;
}) => Promise<{ url: string; close(): Promise<void> }>;

interface ServeFlags {
  port: string;
  host: string;
  data: string;
  origin?: string;
  logLevel: string;
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
      '--log-level <level>',
      'request log level: fatal, error, warn, info, debug, or off',
      process.env.LODESTONE_LOG_LEVEL ?? 'warn',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone serve\n  $ lodestone serve --port 9000 --data /var/lib/lodestone --origin de.lodestone.example/log',
    )
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError('CLI_USAGE', `invalid port "${flags.port}"`);
      const node = LodestoneNode.open({ dataDir: flags.data, ...(flags.origin && { origin: flags.origin }) });
      const token = loadOrCreateOperatorToken(flags.data);
      const server = await startServer({
        node,
        operatorToken: token.token,
        port,
        host: flags.host,
        logLevel: flags.logLevel === 'off' ? false : flags.logLevel,
      });
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

function banner(url: string, node: LodestoneNode, dataDir: string, tokenSource: string): string {
  const token = tokenSource === 'env' ? 'from LODESTONE_OPERATOR_TOKEN' : `in ${tokenSource}`;
  return [
    `Lodestone ${node.info.version} listening on ${url}`,
    `  data        ${dataDir} (SQLite), ${node.size} entries`,
    `  log origin  ${node.info.origin}`,
    `  vkey        ${node.info.vkey}`,
    `  operator    token ${token}`,
    `  API docs    ${url}/docs   checkpoint ${url}/log/checkpoint`,
    '',
  ].join('\n');
}
