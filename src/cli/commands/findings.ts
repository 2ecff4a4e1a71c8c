import type { Command } from 'commander';
import { signCompactJws } from '../../crypto/index.js';
import { CASE_ACTIONS, CASE_OUTCOMES, type CaseActionKind, type CaseOutcome } from '../../model/index.js';
import { caseActionPayload, type FindingView } from '../../service/index.js';
import { callNode, nodeUrl } from '../http.js';
import { readKeyFile } from '../key-file.js';
import { CliError, emit } from '../output.js';
import { readStream } from './findings-follow.js';
import { accessToken } from './token.js';

interface ReaderFlags {
  url?: string;
  token?: string;
  key?: string;
  json?: boolean;
}

interface ListFlags extends ReaderFlags {
  rule?: string[];
  severity?: string[];
  subject?: string[];
  after?: string;
  limit: string;
  follow?: boolean;
}

/** The bearer for a confidential read: an access token made from --key, else --token or the environment. */
export async function bearerOf(flags: ReaderFlags): Promise<string | undefined> {
  if (flags.key !== undefined)
    return accessToken(flags.key, { ...(flags.url !== undefined && { url: flags.url }) });
  return flags.token ?? process.env.LODESTONE_TOKEN ?? process.env.LODESTONE_OPERATOR_TOKEN;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `lodestone findings` and `lodestone case`: the compliance audit's findings and their cases (issue 5). */
export function findingsCommand(program: Command): void {
  program
    .command('findings')
    .description('compliance findings, oldest first, filtered; --follow streams new ones as they are raised')
    .option('--rule <id>', 'only this rule (repeatable), e.g. LS-CAHRA-ORIGIN', collect)
    .option(
      '--severity <level>',
      'only this severity (repeatable): info, low, medium, high, critical',
      collect,
    )
    .option('--subject <id>', 'only findings about this DID, facility or batch (repeatable)', collect)
    .option('--after <seq>', 'only findings after this seq (the stream position)')
    .option('--limit <n>', 'most findings listed', '100')
    .option('-f, --follow', 'then keep streaming new findings (Server-Sent Events), resuming after drops')
    .option('-k, --key <key-file>', "your organisation's key file: you see your own findings")
    .option(
      '--token <token>',
      'operator token (env LODESTONE_TOKEN or LODESTONE_OPERATOR_TOKEN): every finding',
    )
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print JSON (with --follow: one finding per line)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone findings --token "$(cat lodestone-data/operator.token)" --severity high --severity critical\n  $ lodestone findings --key refiner.key.json --rule LS-CERT-MISSING --json\n  $ lodestone findings --token "$(cat lodestone-data/operator.token)" --follow',
    )
    .action(async (flags: ListFlags) => {
      const limit = Number(flags.limit);
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
        throw new CliError('CLI_USAGE', '--limit must be a whole number from 1 to 1000');
      }
      const bearer = await bearerOf(flags);
      const base = nodeUrl(flags.url);
      const query = new URLSearchParams({
        limit: String(limit),
        ...(flags.after !== undefined && { after: flags.after }),
      });
      for (const r of flags.rule ?? []) query.append('rule', r);
      for (const s of flags.severity ?? []) query.append('severity', s);
      for (const s of flags.subject ?? []) query.append('subject', s);
      const { body } = await callNode(`${base}/v1/findings?${query}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
      const items = (body as { items: FindingView[] }).items;
      if (!flags.follow) {
        emit(flags.json, body, () => (items.length === 0 ? 'no findings' : items.map(line).join('\n')));
        return;
      }
      for (const f of items) print(f, flags.json);
      const last = items[items.length - 1]?.seq ?? Number(flags.after ?? 0);
      const wanted = (f: FindingView): boolean =>
        (flags.rule === undefined || flags.rule.includes(f.rule)) &&
        (flags.severity === undefined || flags.severity.includes(f.severity)) &&
        (flags.subject === undefined || flags.subject.includes(f.subject.id));
      await readStream(`${base}/v1/findings/stream`, bearer, last, (f) => {
        if (wanted(f)) print(f, flags.json);
      });
    });
  caseCommand(program);
}

function caseCommand(program: Command): void {
  program
    .command('case <finding> <action>')
    .description(
      `act on the case of a finding (${CASE_ACTIONS.join(', ')}): a logged statement signed with your auditor or regulator key, or by the node with the operator token`,
    )
    .option('--assignee <did>', 'who handles it (assign)')
    .option('--justification <text>', 'why (required to resolve and to reopen)')
    .option('--outcome <outcome>', `how it ended (resolve): ${CASE_OUTCOMES.join(', ')}`)
    .option('-k, --key <key-file>', 'your auditor or regulator key file: you sign the action')
    .option('--token <token>', 'operator token (env LODESTONE_OPERATOR_TOKEN): the node signs as operator')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the receipt (and case) as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone case 3f2a…c9 acknowledge --key auditor.key.json\n  $ lodestone case 3f2a…c9 resolve --outcome mitigated --justification "supplier re-audited 2026-05" --key auditor.key.json\n  $ lodestone case 3f2a…c9 assign --assignee did:web:auditor.example --token "$(cat lodestone-data/operator.token)"',
    )
    .action(
      async (
        finding: string,
        action: string,
        flags: {
          assignee?: string;
          justification?: string;
          outcome?: string;
          key?: string;
          token?: string;
          url?: string;
          json?: boolean;
        },
      ) => {
        if (!(CASE_ACTIONS as readonly string[]).includes(action)) {
          throw new CliError('CLI_USAGE', `unknown action ${action}`, `one of ${CASE_ACTIONS.join(', ')}`);
        }
        if (flags.outcome !== undefined && !(CASE_OUTCOMES as readonly string[]).includes(flags.outcome)) {
          throw new CliError(
            'CLI_USAGE',
            `unknown outcome ${flags.outcome}`,
            `one of ${CASE_OUTCOMES.join(', ')}`,
          );
        }
        const body = {
          action: action as CaseActionKind,
          ...(flags.assignee !== undefined && { assignee: flags.assignee }),
          ...(flags.justification !== undefined && { justification: flags.justification }),
          ...(flags.outcome !== undefined && { outcome: flags.outcome as CaseOutcome }),
        };
        const base = nodeUrl(flags.url);
        if (flags.key !== undefined) {
          const key = readKeyFile(flags.key);
          const did = key.kid.split('#')[0] ?? key.kid;
          const vc = caseActionPayload({ finding, ...body }, { id: did, name: did });
          const jws = signCompactJws(
            JSON.stringify(vc),
            { kid: key.kid, typ: 'vc+jwt', cty: 'vc' },
            key.privateKey,
          );
          const { body: receipt } = await callNode(`${base}/v1/statements`, {
            method: 'POST',
            headers: { 'content-type': 'application/jose' },
            body: jws,
          });
          const r = receipt as { statement: string; index: number };
          emit(
            flags.json,
            receipt,
            () => `${action} logged: statement ${r.statement} (log index ${r.index})`,
          );
          return;
        }
        const token = flags.token ?? process.env.LODESTONE_OPERATOR_TOKEN;
        if (token === undefined) {
          throw new CliError('CLI_USAGE', 'pass --key <auditor key file> or --token <operator token>');
        }
        const { body: result } = await callNode(`${base}/v1/cases/${finding}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        const r = result as { receipt: { statement: string; index: number }; case: { status: string } };
        emit(
          flags.json,
          result,
          () =>
            `${action} logged: statement ${r.receipt.statement} (log index ${r.receipt.index}); the case is ${r.case.status}`,
        );
      },
    );
}

function print(f: FindingView, json: boolean | undefined): void {
  process.stdout.write(json ? `${JSON.stringify(f)}\n` : `${line(f)}\n`);
}

/** One finding on one line: seq, severity, rule, case status, message. */
export function line(f: FindingView): string {
  return `#${f.seq} ${f.severity.toUpperCase().padEnd(8)} ${f.rule.padEnd(24)} ${f.case.status.padEnd(12)} ${f.message} [${f.id.slice(0, 12)}]`;
}
