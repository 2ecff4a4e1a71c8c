import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { type ExportReport, exportLog, ServiceError } from '../../service/index.js';
import { CliError, emit, progress } from '../output.js';

interface ExportFlags {
  data?: string;
  out?: string;
  json?: boolean;
}

const HINTS: Record<string, string> = {
  EXPORT_NO_LOG: 'point --data at the data directory of a node that has started at least once',
  EXPORT_OTHER_LOG: "use an empty --out directory, or the one this log's earlier exports went to",
  EXPORT_CONFLICT:
    'the --out directory holds another tree or was modified: export into an empty directory, and check who else writes to it',
};

export function exportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'write the log as a static C2SP tlog-tiles tree (checkpoint, hash tiles, entry bundles) to a directory',
    )
    .option('-d, --data <dir>', "the node's data directory (read-only; the node may keep running)")
    .option(
      '-o, --out <dir>',
      'the directory to write the tree to (created if missing; updated incrementally)',
    )
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Serve the directory with any static web server or object store: readers and verifiers fetch',
        '<base>/checkpoint, <base>/tile/<L>/<N>[.p/<W>] and <base>/tile/entries/<N>[.p/<W>] from it.',
        'Run it again (e.g. from cron) to publish a newer checkpoint: files already there are kept,',
        'and the checkpoint is written last.',
        '',
        'Exit codes: 0 exported · 2 usage or input error (missing directory, another log, a conflict)',
        '',
        'Examples:',
        '  $ lodestone export --data ./lodestone-data --out ./public/log',
        '  $ lodestone export --data ./lodestone-data --out /srv/www/log --json',
      ].join('\n'),
    )
    .action((flags: ExportFlags) => {
      if (!flags.data || !flags.out) {
        throw new CliError(
          'CLI_USAGE',
          `missing ${flags.data ? '--out' : '--data'}`,
          'use --data <data-dir> --out <export-dir>',
        );
      }
      checkOutDir(flags.out);
      let report: ExportReport;
      try {
        report = exportLog(flags.data, flags.out, {
          ...(!flags.json && { progress: progress('files exported') }),
        });
      } catch (cause) {
        if (!(cause instanceof ServiceError) || !(cause.code in HINTS)) throw cause;
        throw new CliError('CLI_INPUT', `${cause.code}: ${cause.message}`, HINTS[cause.code], { cause });
      }
      emit(flags.json, report, formatReport);
    });
}

function checkOutDir(out: string): void {
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new CliError(
      'CLI_INPUT',
      `--out ${out} is not a directory`,
      'give a directory (it is created if missing)',
    );
  }
}

function formatReport(r: ExportReport): string {
  return (
    `exported ${r.origin} at size ${r.size}: ${r.written} files written (${r.bytes.toLocaleString()} bytes), ` +
    `${r.unchanged} unchanged`
  );
}
