import type { Command } from 'commander';
import {
  type CertificateVerification,
  CredentialsError,
  type LoadedBundle,
  loadTrustBundle,
  verifyPresented,
} from '../../service/index.js';
import { readInput, readJsonFile } from '../files.js';
import { callNode, nodeUrl } from '../http.js';
import { CliError, EXIT, emit } from '../output.js';

interface Flags {
  bundle?: string;
  operator?: string;
  at?: string;
  url?: string;
  json?: boolean;
}

/** `lodestone verify credential <file>`: a certificate's structured verdict, online or offline. */
export function verifyCredentialCommand(verify: Command): void {
  verify
    .command('credential <file>')
    .description(
      'verify a certificate (vc+jwt, or an EnvelopedVerifiableCredential JSON): signature, issuer, accreditation chain, scope, validity, status, subject',
    )
    .option('--bundle <file>', 'verify offline against a trust bundle (`lodestone trust export`)')
    .option('--operator <did>', 'the operator DID you trust to have signed the bundle (its did:key)')
    .option('--at <time>', 'judge as of this RFC 3339 time (default: now)')
    .option('--url <url>', 'without --bundle: ask this node (env LODESTONE_URL)')
    .option('--json', 'print the structured result as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 verified · 1 a check failed · 2 usage or input error · 3 node unreachable or refused',
        '',
        'Examples:',
        '  $ lodestone verify credential cert.jws --url http://127.0.0.1:8700',
        '  $ lodestone trust export --out trust.json',
        '  $ lodestone verify credential cert.jws --bundle trust.json --operator did:key:z6Mk…',
      ].join('\n'),
    )
    .action(async (file: string, _own: Flags, command: Command) => {
      // `--json` is also an option of `verify` itself, which parses it first: read both levels.
      const flags = command.optsWithGlobals<Flags>();
      const credential = readCredential(file);
      const at = checkTime(flags.at) ?? new Date().toISOString();
      const result =
        flags.bundle === undefined
          ? await online(credential, at, flags.url)
          : verifyPresented(credential, bundleOf(flags.bundle, flags.operator).view, at);
      emit(flags.json, result, formatVerdict);
      if (!result.verified) process.exitCode = EXIT.VERIFY_FAILED;
    });
}

/** A compact JWS as text, or a JSON credential envelope. */
function readCredential(file: string): unknown {
  const text = readInput(file).trim();
  return text.startsWith('{') ? readJsonFile(file) : text;
}

function checkTime(at: string | undefined): string | undefined {
  if (at === undefined) return undefined;
  if (!/^\d{4}-\d\d-\d\dT/.test(at) || Number.isNaN(Date.parse(at))) {
    throw new CliError('CLI_USAGE', `--at ${at} is not an RFC 3339 time`, 'e.g. --at 2026-03-01T00:00:00Z');
  }
  return new Date(at).toISOString();
}

async function online(
  credential: unknown,
  at: string,
  url: string | undefined,
): Promise<CertificateVerification> {
  const { body } = await callNode(`${nodeUrl(url)}/v1/credentials/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credential, at }),
  });
  return body as CertificateVerification;
}

function bundleOf(file: string, operator: string | undefined): LoadedBundle {
  try {
    const loaded = loadTrustBundle(readJsonFile(file), operator);
    if (operator === undefined) {
      process.stderr.write(
        `warning: trusting the bundle's own operator ${loaded.bundle.operator}; pin it with --operator\n`,
      );
    }
    return loaded;
  } catch (cause) {
    if (!(cause instanceof CredentialsError)) throw cause;
    throw new CliError(
      'CLI_INPUT',
      `${file}: ${cause.message}`,
      'export a fresh one with `lodestone trust export`',
      {
        cause,
      },
    );
  }
}

/** One line per check: what passed, what failed and why. */
export function formatVerdict(r: CertificateVerification): string {
  const head = r.verified ? `verified (as of ${r.at})` : `NOT verified (as of ${r.at})`;
  const id = r.credential.id === '' ? [] : [`  ${r.credential.id} issued by ${r.credential.issuer}`];
  const lines = r.checks.map((c) => `  ${c.status === 'fail' ? 'FAIL' : c.status}  ${c.check}: ${c.reason}`);
  return [head, ...id, ...lines].join('\n');
}
