import type { Command } from 'commander';
import { signCompactJws } from '../../crypto/index.js';
import { readInput, writeOutput } from '../files.js';
import { readKeyFile } from '../key-file.js';
import { CliError } from '../output.js';

export function signCommand(program: Command): void {
  program
    .command('sign <payload-file>')
    .description('sign a JSON payload (e.g. a verifiable credential) as a compact JWS statement, locally')
    .requiredOption('-k, --key <key-file>', 'private key file from `lodestone keys generate`')
    .option('--typ <typ>', 'JWS typ header', 'vc+jwt')
    .option('--cty <cty>', 'JWS cty header', 'vc')
    .option('-o, --out <file>', 'write the JWS here (default: stdout)')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone sign credential.json --key refiner.key.json --out statement.jws',
    )
    .action((file: string, flags: { key: string; typ: string; cty: string; out?: string }) => {
      const text = readInput(file);
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch (cause) {
        throw new CliError('CLI_INPUT', `${file} is not JSON`, undefined, { cause });
      }
      const key = readKeyFile(flags.key);
      // Re-serialise compactly: the statement id is the digest of the exact bytes, so keep them minimal.
      const jws = signCompactJws(
        JSON.stringify(payload),
        { kid: key.kid, typ: flags.typ, cty: flags.cty },
        key.privateKey,
      );
      writeOutput(flags.out, jws);
    });
}
