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
    .description(
      "register an organisation with the key's public half (operator only): the node signs a DigitalIdentityAnchor for it",
    )
    .requiredOption('--name <legal-name>', "the organisation's legal name")
    .requiredOption('--country <alpha-3>', 'ISO 3166-1 alpha-3 country of registration, e.g. CAN')
    .option('--did <did>', "the organisation's DID (default: the DID of the key's kid)")
    .option('--registered-id <id>', 'its id in a business register (default: the DID)')
    .option('--scheme <name>', 'the register that id comes from', 'self-declared')
    .option(
      '--role <role>',
      'a role to grant (repeatable): producer, registrar, certifier, accreditor, auditor, regulator, witness',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option(
      '--valid-from <time>',
      'RFC 3339 time from which the key may sign (default: now); statements dated earlier are refused',
    )
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--token <token>', 'operator token (env LODESTONE_OPERATOR_TOKEN)')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone keys register refiner.key.json --name "Example Refining Ltd" --country CAN --role producer --token "$(cat lodestone-data/operator.token)"',
    )
    .action(async (file: string, flags: RegisterFlags) => {
      const key = readKeyFile(file);
      const did = flags.did ?? key.kid.split('#')[0]!;
      const token = flags.token ?? process.env.LODESTONE_OPERATOR_TOKEN ?? '';
      const identity = {
        subject: did,
        legalName: flags.name,
        registeredId: flags.registeredId ?? did,
        idScheme: { id: `urn:lodestone:scheme:${encodeURIComponent(flags.scheme)}`, name: flags.scheme },
        country: flags.country,
        roles: flags.role.length > 0 ? flags.role : ['producer'],
        keys: [{ kid: key.kid, jwk: key.publicJwk }],
        ...(flags.validFrom !== undefined && { validFrom: flags.validFrom }),
      };
      const { body } = await callNode(`${nodeUrl(flags.url)}/v1/operator/identities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(identity),
      });
      emit(flags.json, body, () => `registered ${did} (${identity.roles.join(', ')}) with key ${key.kid}`);
    });
}

interface RegisterFlags {
  name: string;
  country: string;
  did?: string;
  registeredId?: string;
  scheme: string;
  role: string[];
  validFrom?: string;
  url?: string;
  token?: string;
  json?: boolean;
}
