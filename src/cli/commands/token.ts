import type { Command } from 'commander';
import { signCompactJws } from '../../crypto/index.js';
import { ACCESS_TOKEN_TYPE, MAX_ACCESS_TOKEN_SECONDS } from '../../service/index.js';
import { callNode, nodeUrl } from '../http.js';
import { readKeyFile } from '../key-file.js';
import { CliError } from '../output.js';

/**
 * An organisation's access token for confidential reads: `{iss, aud, iat, exp}` signed with its key.
 * The audience is the node's log origin, read from /.well-known/lodestone unless given.
 */
export async function accessToken(
  keyFile: string,
  options: { url?: string; audience?: string; seconds?: number },
): Promise<string> {
  const key = readKeyFile(keyFile);
  const aud = options.audience ?? (await originOf(nodeUrl(options.url)));
  const iat = Math.floor(Date.now() / 1000);
  const claims = { iss: key.kid.split('#')[0], aud, iat, exp: iat + (options.seconds ?? 600) };
  return signCompactJws(JSON.stringify(claims), { kid: key.kid, typ: ACCESS_TOKEN_TYPE }, key.privateKey);
}

async function originOf(url: string): Promise<string> {
  const { body } = await callNode(`${url}/.well-known/lodestone`, {});
  const origin = (body as { origin?: unknown }).origin;
  if (typeof origin !== 'string') throw new CliError('CLI_NODE', `${url} did not say its log origin`);
  return origin;
}

export function tokenCommand(program: Command): void {
  program
    .command('token')
    .description(
      "make an organisation's access token (for confidential reads: batches, provenance, statements)",
    )
    .requiredOption('--key <key-file>', "the organisation's signing key (registered with the node)")
    .option('--url <url>', 'node URL, to read its log origin (env LODESTONE_URL)')
    .option('--audience <origin>', "the node's log origin (default: asked from the node)")
    .option('--seconds <n>', `lifetime, at most ${MAX_ACCESS_TOKEN_SECONDS}`, '600')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone token --key refiner.key.json --url http://127.0.0.1:8700\n  $ curl -H "Authorization: Bearer $(lodestone token --key refiner.key.json)" http://127.0.0.1:8700/v1/batches',
    )
    .action(async (flags: { key: string; url?: string; audience?: string; seconds: string }) => {
      const seconds = Number(flags.seconds);
      if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_ACCESS_TOKEN_SECONDS) {
        throw new CliError('CLI_USAGE', `--seconds must be 1..${MAX_ACCESS_TOKEN_SECONDS}`);
      }
      process.stdout.write(`${await accessToken(flags.key, { ...flags, seconds })}\n`);
    });
}
