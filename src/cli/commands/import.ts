import type { Command } from 'commander';
import { signCompactJws } from '../../crypto/index.js';
import { type ElementContent, type ElementSymbol, isElementSymbol } from '../../model/index.js';
import { type EpcisImportPlan, planEpcisImport } from '../../service/index.js';
import { readJsonFile } from '../files.js';
import { callNode, nodeUrl } from '../http.js';
import { readKeyFile } from '../key-file.js';
import { CliError, EXIT, emit, progress } from '../output.js';

interface ImportFlags {
  key: string;
  name?: string;
  mine: string[];
  material?: string;
  content?: string;
  facility?: string;
  custodyModel?: string;
  method?: string;
  url?: string;
  dryRun?: boolean;
  json?: boolean;
}

interface ImportReport {
  file: string;
  registered: { event: string; statement: string; index: number }[];
  refused: { event: string; code: string; detail: string }[];
  skipped: { index: number; eventID?: string; type: string; code: string; reason: string }[];
}

export function importCommand(program: Command): void {
  const cmd = program
    .command('import')
    .description('import supply-chain data from other systems')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone import epcis shipments.jsonld --key refiner.key.json --material co.hydroxide --content Co=0.3',
    );
  cmd
    .command('epcis <file>')
    .description(
      'map a GS1 EPCIS 2.0 JSON-LD document to custody events, sign each as a DigitalTraceabilityEvent and register it',
    )
    .requiredOption(
      '--key <key-file>',
      'the signing key of the organisation the events are about (it must be registered)',
    )
    .option('--name <name>', 'issuer name in the credentials (default: its DID)')
    .option(
      '--mine <facility>',
      'a facility that is a mine: commissioning there is an extraction (repeatable)',
      collect,
      [],
    )
    .option(
      '--material <code>',
      'material of new batches when the document does not say (materials vocabulary code)',
    )
    .option(
      '--content <El=fraction,…>',
      'element content of new batches when the document does not say, e.g. Co=0.3',
    )
    .option('--facility <uri>', 'facility of events without bizLocation')
    .option('--custody-model <model>', 'chain-of-custody model of new batches (e.g. segregated)')
    .option('--method <industrial|artisanal>', 'extraction method of extractions')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--dry-run', 'map and report, register nothing')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 every mapped event registered · 1 the node refused some · 2 usage or a document that is not EPCIS 2.0 · 3 node unreachable',
        '',
        'Example:',
        '  $ lodestone import epcis shipments.jsonld --key refiner.key.json --material co.hydroxide --content Co=0.3',
      ].join('\n'),
    )
    .action(async (file: string, flags: ImportFlags) => {
      const key = readKeyFile(flags.key);
      const did = key.kid.split('#')[0]!;
      const plan = plan_(file, flags, { id: did, name: flags.name ?? did });
      const report: ImportReport = { file, registered: [], refused: [], skipped: [...plan.skipped] };
      const tick = flags.json ? undefined : progress('registered');
      for (const [i, { event, credential }] of plan.credentials.entries()) {
        if (flags.dryRun) continue;
        const jws = signCompactJws(
          JSON.stringify(credential),
          { kid: key.kid, typ: 'vc+jwt', cty: 'vc' },
          key.privateKey,
        );
        try {
          const { body } = await callNode(`${nodeUrl(flags.url)}/v1/statements`, {
            method: 'POST',
            headers: { 'content-type': 'application/jose' },
            body: jws,
          });
          const receipt = body as { statement: string; index: number };
          report.registered.push({ event: event.id, statement: receipt.statement, index: receipt.index });
        } catch (err) {
          if (!(err instanceof CliError) || !/refused/.test(err.message)) throw err;
          const [, code = 'UNKNOWN', detail = err.message] = /\(([A-Z_]+): (.*)\)$/.exec(err.message) ?? [];
          report.refused.push({ event: event.id, code, detail });
        }
        tick?.(i + 1, plan.credentials.length);
      }
      if (tick) process.stderr.write('\n');
      emit(flags.json, report, (r) => formatReport(r, plan, flags.dryRun ?? false));
      if (report.refused.length > 0) process.exitCode = EXIT.VERIFY_FAILED;
    });
}

function plan_(file: string, flags: ImportFlags, issuer: { id: string; name: string }): EpcisImportPlan {
  const doc = readJsonFile(file);
  const content = flags.content === undefined ? undefined : parseContent(flags.content);
  try {
    return planEpcisImport(doc, issuer, {
      mines: new Set(flags.mine),
      defaults: {
        ...(flags.material !== undefined && { material: flags.material }),
        ...(content !== undefined && { content }),
        ...(flags.facility !== undefined && { facility: flags.facility }),
        ...(flags.custodyModel !== undefined && { custodyModel: flags.custodyModel as never }),
        ...(flags.method !== undefined && { extractionMethod: flags.method as never }),
      },
    });
  } catch (cause) {
    const e = cause as { code?: string; message: string; errors?: string[] };
    if (!e.code?.startsWith('EPCIS_')) throw cause;
    const detail = e.errors?.length ? `: ${e.errors.slice(0, 3).join('; ')}` : '';
    throw new CliError(
      'CLI_INPUT',
      `${file}: ${e.message}${detail}`,
      'is it an EPCIS 2.0 JSON-LD document?',
      { cause },
    );
  }
}

/** `Co=0.3,Ni=0.01` → ppm per element. */
function parseContent(text: string): ElementContent {
  const content: Partial<Record<ElementSymbol, number>> = {};
  for (const part of text.split(',')) {
    const [el = '', value = ''] = part.split('=').map((s) => s.trim());
    const fraction = Number(value);
    if (!isElementSymbol(el) || !(fraction >= 0 && fraction <= 1) || value === '') {
      throw new CliError('CLI_USAGE', `--content: "${part}" is not Element=fraction (e.g. Co=0.3)`);
    }
    content[el] = Math.round(fraction * 1_000_000);
  }
  return content;
}

function collect(value: string, all: string[]): string[] {
  return [...all, value];
}

function formatReport(r: ImportReport, plan: EpcisImportPlan, dryRun: boolean): string {
  const lines = [
    dryRun
      ? `${r.file}: ${plan.credentials.length} events map to custody statements (dry run: nothing registered)`
      : `${r.file}: registered ${r.registered.length}, refused ${r.refused.length}, skipped ${r.skipped.length}`,
  ];
  for (const x of r.refused) lines.push(`  refused  ${x.event}: ${x.code}: ${x.detail}`);
  for (const s of r.skipped) {
    lines.push(
      `  skipped  event ${s.index}${s.eventID ? ` (${s.eventID})` : ''} ${s.type}: ${s.code}: ${s.reason}`,
    );
  }
  return lines.join('\n');
}
