import type { Command } from 'commander';
import { didKeyFromEd25519, generateEd25519, jwkFromPublicKey, toBase64Url } from '../../crypto/index.js';
import { writeOutput } from '../files.js';
import { callNode, nodeUrl } from '../http.js';
import { readKeyFile } from '../key-file.js';
import { emit } from '../output.js';

export function keysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('signing keys for statements')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone keys generate --out refiner.key.json\n  $ lodestone keys register refiner.key.json --token "$(cat lodestone-data/operator.token)"',
    );

  keys
    .command('generate')
    .description(
      'generate an Ed25519 signing key; writes the private key file (mode 0600) and prints the public key',
    )
    .option('--kid <kid>', 'key id to sign with (default: its did:key URL)')
    .option('-o, --out <file>', 'private key file to create (default: print to stdout)')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone keys generate --out refiner.key.json\n  $ lodestone keys generate --kid did:web:refiner.example#key-1 --out refiner.key.json',
    )
    .action((flags: { kid?: string; out?: string; json?: boolean }) => {
      const pair = generateEd25519();
      const did = didKeyFromEd25519(pair.publicRaw);
      const kid = flags.kid ?? `${did}#${did.slice('did:key:'.length)}`;
      const jwk = jwkFromPublicKey(pair.publicKey);
      const file = JSON.stringify({ kid, jwk: { ...jwk, d: toBase64Url(pair.seed) } }, null, 2);
      if (!flags.out) {
        writeOutput(undefined, file);
        return;
      }
      writeOutput(flags.out, file, true);
      emit(
        flags.json,
        { kid, jwk, file: flags.out },
        (d) => `wrote ${d.file}\nkid  ${d.kid}\njwk  ${JSON.stringify(d.jwk)}`,
      );
    });

  keys
    .command('register <key-file>')
    .description("register a key's public half with a node (operator only)")
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--token <token>', 'operator token (env LODESTONE_OPERATOR_TOKEN)')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone keys register refiner.key.json --token "$(cat lodestone-data/operator.token)"',
    )
    .action(async (file: string, flags: { url?: string; token?: string; json?: boolean }) => {
      const key = readKeyFile(file);
      const token = flags.token ?? process.env.LODESTONE_OPERATOR_TOKEN ?? '';
      const { body } = await callNode(`${nodeUrl(flags.url)}/v1/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ kid: key.kid, jwk: key.publicJwk }),
      });
      emit(flags.json, body, () => `registered ${key.kid}`);
    });
}
