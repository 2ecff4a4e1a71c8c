import type { Command } from 'commander';
import type { DemoServerStarter } from '../../service/index.js';
import { callNode, nodeUrl } from '../http.js';
import { CliError, emit } from '../output.js';
import { custodyCommands } from './federation-custody.js';
import { federationDemoCommand } from './federation-demo.js';

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
  '\nExamples:\n  $ lodestone federation demo --nodes 3\n  $ lodestone federation status\n  $ lodestone federation status --url http://127.0.0.1:8700 --json';

export function federationCommand(program: Command, startServer: DemoServerStarter): void {
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
  alarmCommands(federation);
  custodyCommands(federation);
  federationDemoCommand(federation, startServer);
}

interface Alarm {
  id: number;
  origin: string;
  kind: string;
  detectedAt: string;
  decision?: { decision: string; justification: string; decidedAt: string };
}

function alarmCommands(federation: Command): void {
  federation
    .command('alarms')
    .description('split-view alarms with their evidence and the operator decision on each')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the alarms with both signed checkpoints as JSON')
    .addHelpText('after', '\nExample:\n  $ lodestone federation alarms --json')
    .action(async (flags: { url?: string; json?: boolean }) => {
      const { body } = await callNode(`${nodeUrl(flags.url)}/v1/federation/alarms`, { method: 'GET' });
      emit(flags.json, body as { alarms: Alarm[] }, ({ alarms }) =>
        alarms.length === 0
          ? 'no alarms'
          : alarms
              .map(
                (a) =>
                  `#${a.id} ${a.origin} ${a.kind} at ${a.detectedAt}: ${a.decision ? `${a.decision.decision} (${a.decision.justification})` : 'undecided: the origin is not trusted'}`,
              )
              .join('\n'),
      );
    });
  federation
    .command('decide <alarm-id>')
    .description(
      'the operator decides on a split-view alarm: --distrust keeps the origin refused, --trust lifts the alarm',
    )
    .option('--trust', 'trust the origin again (for this alarm)')
    .option('--distrust', 'keep distrusting the origin')
    .requiredOption('--justification <text>', 'why: kept with the decision')
    .option('--token <token>', 'operator token (env LODESTONE_OPERATOR_TOKEN)')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the alarm as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone federation decide 3 --trust --justification "peer restored from backup; second note was its pre-restore copy" --token "$(cat lodestone-data/operator.token)"',
    )
    .action(
      async (
        id: string,
        flags: {
          trust?: boolean;
          distrust?: boolean;
          justification: string;
          token?: string;
          url?: string;
          json?: boolean;
        },
      ) => {
        if (flags.trust === flags.distrust)
          throw new CliError('CLI_USAGE', 'pass exactly one of --trust and --distrust');
        if (!/^[1-9]\d{0,14}$/.test(id)) throw new CliError('CLI_USAGE', `${id} is not an alarm id`);
        const token = flags.token ?? process.env.LODESTONE_OPERATOR_TOKEN;
        if (token === undefined) throw new CliError('CLI_USAGE', 'pass --token <operator token>');
        const { body } = await callNode(`${nodeUrl(flags.url)}/v1/federation/alarms/${id}/decision`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            decision: flags.trust ? 'trust' : 'distrust',
            justification: flags.justification,
          }),
        });
        const a = body as Alarm;
        emit(flags.json, a, () => `alarm #${a.id} (${a.origin}): ${a.decision?.decision}`);
      },
    );
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
