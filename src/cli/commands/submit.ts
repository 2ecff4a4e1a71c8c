import type { Command } from 'commander';
import { readInput, writeOutput } from '../files.js';
import { callNode, nodeUrl } from '../http.js';
import { emit } from '../output.js';

export function submitCommand(program: Command): void {
  program
    .command('submit <jws-file>')
    .description('register a signed statement with a node and print (or save) its receipt')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('-o, --out <file>', 'save the receipt JSON here')
    .option('--json', 'print the receipt as JSON')
    .addHelpText('after', '\nExample:\n  $ lodestone submit statement.jws --out statement.receipt.json')
    .action(async (file: string, flags: { url?: string; out?: string; json?: boolean }) => {
      const jws = readInput(file).trim();
      const { status, body } = await callNode(`${nodeUrl(flags.url)}/v1/statements`, {
        method: 'POST',
        headers: { 'content-type': 'application/jose' },
        body: jws,
      });
      if (flags.out) writeOutput(flags.out, JSON.stringify(body, null, 2));
      const r = body as { statement: string; index: number };
      emit(flags.json, body, () =>
        [
          `${status === 201 ? 'registered' : 'already registered'}: ${r.statement}`,
          `log index  ${r.index}`,
          flags.out ? `receipt    ${flags.out}` : 'receipt    (use --out to save it, --json to print it)',
        ].join('\n'),
      );
    });
}
