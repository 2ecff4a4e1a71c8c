import type { Command } from 'commander';
import { signCompactJws } from '../../crypto/index.js';
import { crossBorderReceiptPayload, type ExportBundle } from '../../service/index.js';
import { readJsonFile, writeOutput } from '../files.js';
import { callNode, nodeUrl } from '../http.js';
import { readKeyFile } from '../key-file.js';
import { CliError, emit } from '../output.js';
import { bearerOf } from './findings.js';

/** Longest `export --wait` asks again for a bundle another nation's quorum accepts. */
const WAIT_MS = 120_000;

/**
 * `lodestone federation export|receive`: a shipment abroad travels as a bundle (issue 8 part 5). The
 * shipper exports it from its node; the recipient registers a CrossBorderReceipt carrying it on its own.
 */
export function custodyCommands(federation: Command): void {
  federation
    .command('export')
    .description(
      "the export bundle of a shipment to another member nation: the ship statement and this node operator's provenance summary, with receipts against the most-cosigned checkpoint",
    )
    .requiredOption('--shipment <id>', 'the ship statement id (its receipt names it)')
    .requiredOption('--event <uri>', 'the ship event id')
    .option(
      '--check <url>',
      'the destination node: ask again until its witness quorum accepts the bundle (up to 2 min)',
    )
    .option('-o, --out <file>', 'write the bundle here (default: stdout)')
    .option('-k, --key <key-file>', "the shipper's key file")
    .option('--token <token>', 'or the operator token')
    .option('--url <url>', 'the origin node URL (env LODESTONE_URL)')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone federation export --shipment 5e1c…9a --event urn:uuid:… --key miner.key.json --check http://de-node:8700 -o bundle.json',
    )
    .action(
      async (flags: {
        shipment: string;
        event: string;
        check?: string;
        out?: string;
        key?: string;
        token?: string;
        url?: string;
      }) => {
        const bearer = await bearerOf(flags);
        const ask = async (): Promise<ExportBundle> => {
          const { body } = await callNode(`${nodeUrl(flags.url)}/v1/federation/exports`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(bearer && { authorization: `Bearer ${bearer}` }),
            },
            body: JSON.stringify({ shipment: flags.shipment, event: flags.event }),
          });
          return body as ExportBundle;
        };
        let bundle = await ask();
        if (flags.check !== undefined) {
          const deadline = Date.now() + WAIT_MS;
          for (
            let refusal = await refusalAt(flags.check, bundle);
            refusal !== undefined;
            refusal = await refusalAt(flags.check, bundle)
          ) {
            if (Date.now() > deadline) {
              throw new CliError(
                'CLI_NODE',
                `the destination still refuses the bundle: ${refusal}`,
                'are the nodes peering? `lodestone federation status`',
              );
            }
            process.stderr.write(`waiting for the witness quorum (${refusal})\n`);
            await new Promise((r) => setTimeout(r, 1000));
            bundle = await ask();
          }
        }
        writeOutput(flags.out, JSON.stringify(bundle, null, 2));
      },
    );
  federation
    .command('receive <bundle-file>')
    .description(
      "take a batch shipped from another member nation into custody: sign a CrossBorderReceipt carrying its export bundle and register it on your node, which verifies the bundle against the origin's witnessed log first",
    )
    .requiredOption('--facility <uri>', 'your facility it arrived at (registered on this node)')
    .requiredOption('-k, --key <key-file>', "the recipient's key file (the organisation it was shipped to)")
    .option('--id <uri>', 'the arrival event id (default: a fresh urn:uuid)')
    .option('--time <time>', 'when it arrived, RFC 3339 (default: now)')
    .option('--url <url>', 'your node URL (env LODESTONE_URL)')
    .option('--json', 'print the receipt as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone federation receive bundle.json --facility https://refiner.example/facilities/hamburg --key refiner.key.json --url http://de-node:8700',
    )
    .action(
      async (
        file: string,
        flags: { facility: string; key: string; id?: string; time?: string; url?: string; json?: boolean },
      ) => {
        const bundle = readJsonFile(file) as ExportBundle;
        const key = readKeyFile(flags.key);
        const did = key.kid.split('#')[0] ?? key.kid;
        const payload = crossBorderReceiptPayload(
          bundle,
          {
            facility: flags.facility,
            ...(flags.id !== undefined && { id: flags.id }),
            ...(flags.time !== undefined && { time: flags.time }),
          },
          { id: did, name: did },
        );
        const jws = signCompactJws(
          JSON.stringify(payload),
          { kid: key.kid, typ: 'vc+jwt', cty: 'vc' },
          key.privateKey,
        );
        const { status, body } = await callNode(`${nodeUrl(flags.url)}/v1/statements`, {
          method: 'POST',
          headers: { 'content-type': 'application/jose' },
          body: jws,
        });
        const r = body as { statement: string; index: number };
        emit(
          flags.json,
          body,
          () =>
            `${status === 201 ? 'received' : 'already received'}: ${bundle.batch} (statement ${r.statement}, log index ${r.index})`,
        );
      },
    );
}

/** Why the destination refuses the bundle, or undefined when it accepts both receipts. */
async function refusalAt(url: string, bundle: ExportBundle): Promise<string | undefined> {
  for (const part of [bundle.shipment, bundle.summary]) {
    const { body } = await callNode(`${nodeUrl(url)}/v1/federation/receipts/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ statement: part.statement, receipt: part.receipt }),
    });
    const verdict = body as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    const failed = verdict.checks.find((c) => !c.ok);
    if (!verdict.ok) return `${failed?.name}: ${failed?.detail}`;
  }
  return undefined;
}
