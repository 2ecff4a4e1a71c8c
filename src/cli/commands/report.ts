import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type FindingsDiff, ruleSetOf as loadRuleSet, replayFindings } from '../../service/index.js';
import { readJsonFile } from '../files.js';
import { nodeUrl } from '../http.js';
import { CliError, emit, progress } from '../output.js';
import { bearerOf } from './findings.js';

const FORMATS = ['json', 'html', 'emrt-xlsx', 'emrt-csv'] as const;

/** `lodestone report`: the due-diligence report or the EMRT lists of an organisation or a product. */
export function reportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'due-diligence report on an organisation or a product batch (OECD five steps, JSON or printable HTML), or its RMI EMRT smelter and mine lists',
    )
    .option(
      '--organization <did>',
      'the organisation (you, unless you are the operator, an auditor or a regulator)',
    )
    .option('--batch <uri>', 'a product batch you hold or made something from')
    .option('--format <format>', `${FORMATS.join(', ')}`, 'json')
    .option('--tab <tab>', 'with emrt-csv: smelters or mines', 'smelters')
    .option('--at <time>', 'as of this RFC 3339 time (default: now)')
    .option('-o, --out <file>', 'write here (required for emrt-xlsx)')
    .option('-k, --key <key-file>', "your organisation's key file")
    .option('--token <token>', 'operator, auditor or regulator token (env LODESTONE_TOKEN)')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone report --organization did:web:refiner.example --key refiner.key.json --format html -o dd-report.html\n  $ lodestone report --batch https://cells.example/lot/42 --token "$(cat lodestone-data/operator.token)" --format emrt-xlsx -o emrt.xlsx',
    )
    .action(
      async (flags: {
        organization?: string;
        batch?: string;
        format: string;
        tab: string;
        at?: string;
        out?: string;
        key?: string;
        token?: string;
        url?: string;
      }) => {
        if ((flags.organization === undefined) === (flags.batch === undefined)) {
          throw new CliError('CLI_USAGE', 'name exactly one of --organization and --batch');
        }
        if (!(FORMATS as readonly string[]).includes(flags.format)) {
          throw new CliError('CLI_USAGE', `unknown format ${flags.format}`, `one of ${FORMATS.join(', ')}`);
        }
        if (flags.format === 'emrt-xlsx' && flags.out === undefined) {
          throw new CliError('CLI_USAGE', 'emrt-xlsx is binary: name a file with --out');
        }
        const query = new URLSearchParams({
          ...(flags.organization !== undefined && { organization: flags.organization }),
          ...(flags.batch !== undefined && { batch: flags.batch }),
          ...(flags.at !== undefined && { at: flags.at }),
        });
        const emrt = flags.format.startsWith('emrt-');
        if (emrt) query.set('format', flags.format.slice(5));
        else query.set('format', flags.format);
        if (flags.format === 'emrt-csv') query.set('tab', flags.tab);
        const bearer = await bearerOf(flags);
        const url = `${nodeUrl(flags.url)}/v1/reports/${emrt ? 'emrt' : 'due-diligence'}?${query}`;
        const bytes = await fetchBytes(url, bearer);
        if (flags.out === undefined || flags.out === '-') process.stdout.write(bytes);
        else writeFileSync(flags.out, bytes);
      },
    );
}

async function fetchBytes(url: string, bearer: string | undefined): Promise<Buffer> {
  const res = await fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }).catch(
    (cause: unknown) => {
      throw new CliError(
        'CLI_NODE',
        `cannot reach ${url}`,
        'is the node running? start it with `lodestone serve`',
        {
          cause,
        },
      );
    },
  );
  const bytes = Buffer.from(await res.arrayBuffer());
  if (!res.ok) {
    let detail = `HTTP ${res.status}`;
    try {
      const p = JSON.parse(bytes.toString('utf8')) as { code?: string; detail?: string };
      detail = `${p.code}: ${p.detail}`;
    } catch {
      // not a problem document
    }
    throw new CliError('CLI_NODE', `node refused the report (${detail})`);
  }
  return bytes;
}

/** `lodestone audit replay --rules`: continuous audit of a data directory under another rule set. */
export function auditCommand(program: Command): void {
  const audit = program
    .command('audit')
    .description('continuous compliance audit of a data directory')
    .addHelpText('after', '\nExample:\n  $ lodestone audit replay --rules 2026.1 --data lodestone-data');
  audit
    .command('replay')
    .description(
      're-evaluate the whole log under a rule set and report how its findings differ from the ones the node stored',
    )
    .requiredOption(
      '--rules <version-or-file>',
      'a shipped rule set version (e.g. 2026.1) or a rule set JSON file',
    )
    .option('-d, --data <dir>', 'data directory', 'lodestone-data')
    .option('--json', 'print the full difference as JSON')
    .addHelpText(
      'after',
      '\nReads only: it may run beside the node. Exit code 0 either way; the difference is the answer.\n\nExamples:\n  $ lodestone audit replay --rules 2026.1 --data lodestone-data\n  $ lodestone audit replay --rules my-rules.json --json',
    )
    .action((flags: { rules: string; data: string; json?: boolean }) => {
      const ruleSet = ruleSetOf(flags.rules);
      const diff = replayFindings(flags.data, ruleSet, { progress: progress('statements replayed') });
      emit(flags.json, diff, human);
    });
}

function ruleSetOf(value: string): ReturnType<typeof loadRuleSet> {
  try {
    return loadRuleSet(value.endsWith('.json') ? (readJsonFile(value) as never) : value);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(
      'CLI_USAGE',
      (err as Error).message,
      'name a shipped version (e.g. 2026.1) or a rule set JSON file',
    );
  }
}

function human(d: FindingsDiff): string {
  const lines = [
    `replayed ${d.statements} statements (log index 0 to ${d.through}) under rule set ${d.ruleSet}; stored findings were raised under ${d.storedRuleSets.join(', ') || 'none'}`,
    `stored ${d.stored}, replayed ${d.replayed}: ${d.unchanged} unchanged, ${d.replayed - d.unchanged} new, ${d.stored - d.unchanged} gone`,
    '',
    `${'rule'.padEnd(26)}${'stored'.padStart(8)}${'replayed'.padStart(10)}${'new'.padStart(6)}${'gone'.padStart(6)}`,
    ...d.byRule.map(
      (r) =>
        `${r.rule.padEnd(26)}${String(r.stored).padStart(8)}${String(r.replayed).padStart(10)}${String(r.added).padStart(6)}${String(r.removed).padStart(6)}`,
    ),
  ];
  for (const [label, list] of [
    ['new', d.added],
    ['gone', d.removed],
  ] as const) {
    if (list.length === 0) continue;
    lines.push('', `${label}:`, ...list.slice(0, 20).map((f) => `  ${f.rule} ${f.message}`));
    if (list.length > 20) lines.push(`  … ${list.length - 20} more (--json lists up to 1 000)`);
  }
  return lines.join('\n');
}
