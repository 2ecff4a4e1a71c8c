import type { Command } from 'commander';
import {
  type DemoServerStarter,
  FEDERATION_MEMBERS,
  type FederationDemo,
  type FederationDemoStatus,
  MAX_FEDERATION_NODES,
  type MemberStatus,
  MIN_FEDERATION_NODES,
  startFederationDemo,
} from '../../service/index.js';
import { CliError } from '../output.js';

interface DemoFlags {
  nodes: string;
  basePort: string;
  data: string;
  json?: boolean;
  crossBorder: boolean;
}

/** Seconds between status lines. */
const STATUS_EVERY_MS = 3000;

/** `lodestone federation demo`: a small federation of member-nation nodes in one process. */
export function federationDemoCommand(federation: Command, startServer: DemoServerStarter): void {
  const members = FEDERATION_MEMBERS.map((m) => m.country).join(', ');
  federation
    .command('demo')
    .description(
      `start ${MIN_FEDERATION_NODES} to ${MAX_FEDERATION_NODES} member-nation nodes (${members}) in one process on loopback, each witnessing and peering with all the others, with a little activity so checkpoints grow and cosignatures flow`,
    )
    .option('-n, --nodes <n>', `how many nodes, ${MIN_FEDERATION_NODES} to ${MAX_FEDERATION_NODES}`, '3')
    .option('--base-port <port>', "the first node's port; the others follow", '8711')
    .option(
      '-d, --data <dir>',
      'parent directory: one data directory per node under it, reused when present',
      './lodestone-federation',
    )
    .option('--json', 'print one JSON status object per line instead of status lines')
    .option('--no-cross-border', 'skip the shipment from the first member nation to the second')
    .addHelpText(
      'after',
      [
        '',
        'Each node has its own data directory (<data>/can, <data>/deu, …), log origin',
        '(lodestone.local/federation/can, …), keys and operator token (<data>/<node>/operator.token). Every',
        'two seconds each operator registers an organisation or the alliance trust list; every node pushes',
        "its checkpoint to the others' witnesses and serves the cosignatures it gets at /log/checkpoint.",
        'Once the nodes peer, a Canadian miner ships 4 t of cobalt hydroxide to a German refiner: the',
        'first node exports the shipment, and the refiner registers its receipt on the second node as soon',
        'as the witness quorum vouches for it (a few rounds). Progress lines start with "cross-border:".',
        "Open any node's dashboard at <url>/#/federation. Ctrl-C stops every node.",
        '',
        'Examples:',
        '  $ lodestone federation demo',
        '  $ lodestone federation demo --nodes 5 --base-port 9100 --data /tmp/federation',
        "  $ lodestone federation demo --json | jq -c '.members[] | {country, size, cosignatures}'",
      ].join('\n'),
    )
    .action(async (flags: DemoFlags) => {
      const nodes = parseNodes(flags.nodes);
      const basePort = parsePort(flags.basePort, nodes);
      let demo: FederationDemo;
      try {
        demo = await startFederationDemo({
          dataDir: flags.data,
          nodes,
          basePort,
          startServer,
          crossBorder: flags.crossBorder,
          onProgress: (line) => process.stderr.write(`${line}\n`),
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException | undefined)?.code;
        if (code === 'EADDRINUSE') {
          throw new CliError(
            'CLI_USAGE',
            `a port from ${basePort} to ${basePort + nodes - 1} is in use`,
            'pass --base-port with a free range, or stop the other process',
            { cause: err },
          );
        }
        throw err;
      }
      const print = (): void => {
        const status = demo.status();
        process.stdout.write(flags.json ? `${JSON.stringify(status)}\n` : human(status));
      };
      const ticker = setInterval(print, STATUS_EVERY_MS);
      const stop = async (): Promise<void> => {
        clearInterval(ticker);
        process.stderr.write('stopping the federation…\n');
        await demo.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.stderr.write(banner(demo));
    });
}

function parseNodes(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < MIN_FEDERATION_NODES || n > MAX_FEDERATION_NODES) {
    throw new CliError(
      'CLI_USAGE',
      `invalid --nodes "${text}"`,
      `pass a whole number from ${MIN_FEDERATION_NODES} to ${MAX_FEDERATION_NODES}`,
    );
  }
  return n;
}

function parsePort(text: string, nodes: number): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port + nodes - 1 > 65535) {
    throw new CliError(
      'CLI_USAGE',
      `invalid --base-port "${text}"`,
      `pass a port from 1 to ${65536 - nodes}: the nodes listen on it and the next ${nodes - 1}`,
    );
  }
  return port;
}

function banner(demo: FederationDemo): string {
  const lines = demo.members.flatMap((m) => [
    `  ${m.country}  ${m.url}/#/federation`,
    `       origin ${m.origin}`,
    `       data   ${m.dataDir}, operator token ${m.tokenSource === 'env' ? 'from LODESTONE_OPERATOR_TOKEN' : `in ${m.tokenSource}`}`,
  ]);
  return [
    `Lodestone federation demo: ${demo.members.length} member nations, every node peering with every other`,
    ...lines,
    `Status every ${STATUS_EVERY_MS / 1000} s. Ctrl-C stops every node.`,
    '',
  ].join('\n');
}

function human(status: FederationDemoStatus): string {
  return `${status.members.map(memberLine).join('\n')}\n`;
}

/** `CAN size 12 · cosigs 2 · DEU 12 (lag 0) · JPN 11 (lag 1) · alarms 0`. */
function memberLine(m: MemberStatus): string {
  const peers = m.peers.map((p) => {
    const country = p.origin.slice(p.origin.lastIndexOf('/') + 1).toUpperCase();
    const flags = `${p.trusted ? '' : ' UNTRUSTED'}${p.lastError ? ' error' : ''}`;
    return `${country} ${p.cosignedSize} (lag ${p.lag})${flags}`;
  });
  const activity = m.activityError ? ` · activity failed: ${m.activityError}` : '';
  return `${m.country} size ${m.size} · cosignatures ${m.cosignatures} · cosigned by ${peers.join(', ')} · alarms ${m.alarms}${activity}`;
}
