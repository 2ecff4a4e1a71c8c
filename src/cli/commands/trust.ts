import type { Command } from 'commander';
import { writeOutput } from '../files.js';
import { callNode, nodeUrl } from '../http.js';
import { CliError, emit } from '../output.js';

/** `lodestone trust publish|export`: the alliance trust list, and the bundle for offline verification. */
export function trustCommand(program: Command): void {
  const trust = program
    .command('trust')
    .description('the alliance trust registry')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone trust publish --body did:web:dakks.example,DEU,DAkkS\n  $ lodestone trust export --out trust.json',
    );
  trust
    .command('publish')
    .description('the operator publishes the alliance trust list (replacing the previous one), effective now')
    .requiredOption(
      '--body <did,country,name...>',
      'an accreditation body: its DID, member country (ISO 3166-1 alpha-3) and name, comma-separated; repeat per body',
      collect,
      [],
    )
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--token <token>', 'operator token (env LODESTONE_OPERATOR_TOKEN)')
    .option('--json', 'print the receipt as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone trust publish --body did:web:dakks.example,DEU,DAkkS --body did:web:ukas.example,GBR,UKAS\n',
    )
    .action(async (flags: { body: string[]; url?: string; token?: string; json?: boolean }) => {
      const bodies = flags.body.map(parseBody);
      const token = flags.token ?? process.env.LODESTONE_OPERATOR_TOKEN;
      if (token === undefined) {
        throw new CliError(
          'CLI_USAGE',
          'the operator token is required',
          'pass --token or set LODESTONE_OPERATOR_TOKEN (it is in <data>/operator.token)',
        );
      }
      const { status, body } = await callNode(`${nodeUrl(flags.url)}/v1/operator/trust-list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ bodies }),
      });
      const r = body as { statement: string; index: number };
      emit(
        flags.json,
        body,
        () =>
          `${status === 201 ? 'published' : 'already published'}: ${bodies.length} accreditation bodies (statement ${r.statement}, log index ${r.index})`,
      );
    });
  trust
    .command('export')
    .description(
      "save the node's trust bundle (registry, accreditations, certificates, status lists; signed by the operator) for offline verification",
    )
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('-o, --out <file>', 'write the bundle here (default: stdout)')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone trust export --out trust.json\n  $ lodestone verify credential cert.jws --bundle trust.json --operator did:key:z6Mk…\n',
    )
    .action(async (flags: { url?: string; out?: string }) => {
      const { body } = await callNode(`${nodeUrl(flags.url)}/v1/trust/bundle`, {});
      writeOutput(flags.out, JSON.stringify(body));
      if (flags.out !== undefined) {
        const b = body as { operator: string; statements: unknown[]; logSize: number };
        process.stderr.write(
          `wrote ${flags.out}: ${b.statements.length} trust statements at log size ${b.logSize}, signed by ${b.operator}\n`,
        );
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseBody(spec: string): { did: string; country: string; name: string } {
  const [did, country, ...name] = spec.split(',');
  if (did === undefined || country === undefined || name.length === 0 || !/^[A-Z]{3}$/.test(country)) {
    throw new CliError(
      'CLI_USAGE',
      `--body ${spec} is not <did>,<country>,<name>`,
      'e.g. --body did:web:dakks.example,DEU,DAkkS',
    );
  }
  return { did, country, name: name.join(',') };
}
