import type { Command } from 'commander';
import { type RebuildReport, rebuildDataDirectory } from '../../service/index.js';
import { EXIT, emit, progress } from '../output.js';

export function rebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description(
      'replay the log alone into the registry, batches, balances and provenance; compare with the stored state and replace it',
    )
    .requiredOption('-d, --data <dir>', 'the data directory (the node must be stopped)')
    .option('--check', 'compare only: report whether the stored state equals the replay, change nothing')
    .option('--verify', 'also verify every signature against the registry at its time')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 identical (or rebuilt) · 1 --check found differences, or the log holds statements the rules refuse · 2 usage\n\nExamples:\n  $ lodestone rebuild --data ./lodestone-data --check\n  $ lodestone rebuild --data ./lodestone-data',
    )
    .action((flags: { data: string; check?: boolean; verify?: boolean; json?: boolean }) => {
      const report = rebuildDataDirectory(flags.data, {
        check: flags.check ?? false,
        verify: flags.verify ?? false,
        ...(!flags.json && { progress: progress('replayed') }),
      });
      emit(flags.json, report, formatReport);
      const failed = report.problems.length > 0 || (flags.check && !report.identical);
      if (failed) process.exitCode = EXIT.VERIFY_FAILED;
    });
}

function formatReport(r: RebuildReport): string {
  const lines = [`replayed ${r.statements.toLocaleString('en')} statements`];
  lines.push(
    r.identical
      ? 'stored state is identical to the replay of the log'
      : 'stored state differs from the replay of the log:',
  );
  for (const d of r.differences) lines.push(`  ${d.where}: ${d.detail}`);
  for (const p of r.problems)
    lines.push(`  statement ${p.id} (entry ${p.index}) refused on replay: ${p.detail}`);
  if (r.rewritten) lines.push('rebuilt: the stored state now equals the replay');
  return lines.join('\n');
}
