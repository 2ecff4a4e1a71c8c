import type { Command } from 'commander';
import { signCompactJws } from '../../crypto/index.js';
import type { StatusPurpose } from '../../model/index.js';
import { checkCertificateCredential, nextStatusList } from '../../service/index.js';
import { readJsonFile, writeOutput } from '../files.js';
import { callNode, nodeUrl } from '../http.js';
import { type KeyFile, readKeyFile } from '../key-file.js';
import { CliError, emit } from '../output.js';

/**
 * `lodestone credential`: certifiers issue certificates and change their status, signing locally
 * (private keys never go to the node); the node registers them like any statement.
 */
export function credentialCommand(program: Command): void {
  const credential = program
    .command('credential')
    .description(
      'issue certificates (UNTP DigitalConformityCredentials) and revoke, suspend or reinstate them',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone credential issue audit.json --key certifier.key.json --submit\n  $ lodestone credential revoke --list https://certifier.example/status/revocation --index 42 --key certifier.key.json',
    );
  credential
    .command('issue <file>')
    .description(
      'check a DigitalConformityCredential (UNTP 0.6.1 + W3C VC 2.0 schemas, JSON-LD offline), sign it locally as vc+jwt, and optionally register it',
    )
    .requiredOption('-k, --key <key-file>', "the certifier's key file (`lodestone keys generate`)")
    .option('-o, --out <file>', 'write the signed JWS here (default: stdout, unless --submit)')
    .option('--submit', 'register it with the node and print the receipt')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the receipt as JSON (with --submit)')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 issued · 2 not a valid certificate or bad input · 3 the node refused it',
        '',
        'Examples:',
        '  $ lodestone credential issue audit.json --key certifier.key.json --out audit.jws',
        '  $ lodestone credential issue audit.json --key certifier.key.json --submit',
      ].join('\n'),
    )
    .action(
      async (
        file: string,
        flags: { key: string; out?: string; submit?: boolean; url?: string; json?: boolean },
      ) => {
        const payload = readJsonFile(file);
        const key = readKeyFile(flags.key);
        const problems = await check(payload, key.kid, file);
        if (problems.length > 0) {
          throw new CliError(
            'CLI_INPUT',
            `${file} does not conform:\n  ${problems.join('\n  ')}`,
            'fix the credential: see docs/certificates.md for a complete example',
          );
        }
        const jws = sign(payload, key);
        if (flags.out !== undefined || !flags.submit) writeOutput(flags.out, jws);
        if (flags.submit) await submit(jws, flags.url, flags.json);
      },
    );
  for (const [name, purpose, value, what] of [
    ['revoke', 'revocation', true, 'revoke a certificate (final: a revoked entry is never cleared)'],
    ['suspend', 'suspension', true, 'suspend a certificate'],
    ['reinstate', 'suspension', false, 'lift the suspension of a certificate'],
  ] as const) {
    statusCommand(credential, name, purpose, value, what);
  }
}

function statusCommand(
  parent: Command,
  name: string,
  purpose: StatusPurpose,
  value: boolean,
  what: string,
): void {
  parent
    .command(name)
    .description(
      `${what}: publish a new version of your ${purpose} status list (BitstringStatusListCredential)`,
    )
    .requiredOption(
      '--list <url>',
      "the status list's id (the certificate's credentialStatus.statusListCredential)",
    )
    .requiredOption('--index <n>', "the certificate's statusListIndex")
    .requiredOption('-k, --key <key-file>', "the certifier's key file")
    .option('--name <name>', 'your name as the credential issuer (default: your DID)')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the receipt as JSON')
    .addHelpText(
      'after',
      `\nThe new version takes effect now and is registered like any statement.\n\nExample:\n  $ lodestone credential ${name} --list https://certifier.example/status/${purpose} --index 42 --key certifier.key.json\n`,
    )
    .action(
      async (flags: {
        list: string;
        index: string;
        key: string;
        name?: string;
        url?: string;
        json?: boolean;
      }) => {
        const index = Number(flags.index);
        if (!/^\d+$/.test(flags.index) || !Number.isSafeInteger(index)) {
          throw new CliError('CLI_USAGE', `--index ${flags.index} is not a non-negative integer`);
        }
        const key = readKeyFile(flags.key);
        const did = key.kid.split('#')[0]!;
        const base = nodeUrl(flags.url);
        const previous = await currentList(base, flags.list, purpose);
        const vc = nextStatusList(
          previous,
          { purpose, index, value },
          { id: did, name: flags.name ?? did },
          flags.list,
          new Date().toISOString(),
        );
        await submit(sign(vc, key), flags.url, flags.json);
      },
    );
}

/** The encoded list of the list's latest version on the node, or undefined when it has none yet. */
async function currentList(base: string, id: string, purpose: StatusPurpose): Promise<string | undefined> {
  const res = await fetch(`${base}/v1/status-lists/${encodeURIComponent(id)}`).catch((cause: unknown) => {
    throw new CliError(
      'CLI_NODE',
      `cannot reach ${base}`,
      'is the node running? start it with `lodestone serve`',
      { cause },
    );
  });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new CliError('CLI_NODE', `node refused to serve ${id} (HTTP ${res.status})`);
  const jws = await res.text();
  const vc = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    credentialSubject?: { statusPurpose?: string; encodedList?: string };
  };
  if (vc.credentialSubject?.statusPurpose !== purpose) {
    throw new CliError(
      'CLI_USAGE',
      `${id} is a ${vc.credentialSubject?.statusPurpose} list, not a ${purpose} list`,
    );
  }
  return vc.credentialSubject.encodedList;
}

async function check(payload: unknown, kid: string, file: string): Promise<readonly string[]> {
  try {
    return await checkCertificateCredential(payload, kid);
  } catch (cause) {
    throw new CliError(
      'CLI_INPUT',
      `${file}: ${(cause as Error).message}`,
      "it must be a UNTP 0.6.1 DigitalConformityCredential issued by your key's DID",
      { cause },
    );
  }
}

function sign(payload: unknown, key: KeyFile): string {
  return signCompactJws(JSON.stringify(payload), { kid: key.kid, typ: 'vc+jwt', cty: 'vc' }, key.privateKey);
}

async function submit(jws: string, url: string | undefined, json: boolean | undefined): Promise<void> {
  const { status, body } = await callNode(`${nodeUrl(url)}/v1/statements`, {
    method: 'POST',
    headers: { 'content-type': 'application/jose' },
    body: jws,
  });
  const r = body as { statement: string; index: number };
  emit(
    json,
    body,
    () => `${status === 201 ? 'registered' : 'already registered'}: ${r.statement} (log index ${r.index})`,
  );
}
