import type { Command } from 'commander';
import { callNode, nodeUrl } from '../http.js';
import { emit } from '../output.js';

interface PeerStatus {
  origin: string;
  url: string;
  witnessVkey: string | null;
  theirSize: number | null;
  cosignedSize: number;
  lag: number;
  lastError: string | null;
  nextRetry: string | null;
  trusted: boolean;
}

interface FederationStatus {
  peers: PeerStatus[];
  alarms: number;
  untrusted: string[];
}

const EXAMPLES =
  '\nExamples:\n  $ lodestone federation status\n  $ lodestone federation status --url http://127.0.0.1:8700 --json';

export function federationCommand(program: Command): void {
  const federation = program
    .command('federation')
    .description('peering with other nodes (DESIGN.md §8)')
    .addHelpText('after', EXAMPLES);
  federation
    .command('status')
    .description(
      "a node's peers (their latest size, what they cosigned of this log, errors) and split-view alarms",
    )
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the status as JSON')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: { url?: string; json?: boolean }) => {
      const url = nodeUrl(flags.url);
      const { body } = await callNode(`${url}/v1/federation/status`, { method: 'GET' });
      emit(flags.json, body as FederationStatus, human);
    });
}

function human(status: FederationStatus): string {
  const lines = status.peers.map((p) =>
    [
      `${p.trusted ? ' ' : '!'} ${p.origin}  ${p.url}`,
      `    their size ${p.theirSize ?? '?'}, cosigned ours at ${p.cosignedSize} (lag ${p.lag})`,
      ...(p.lastError ? [`    last error: ${p.lastError}`, `    next retry: ${p.nextRetry ?? '-'}`] : []),
    ].join('\n'),
  );
  if (lines.length === 0) lines.push('no peers configured');
  const alarms =
    status.alarms === 0
      ? 'alarms: none'
      : `alarms: ${status.alarms} (untrusted: ${status.untrusted.join(', ')}; GET /v1/federation/alarms)`;
  return [...lines, alarms].join('\n');
}
