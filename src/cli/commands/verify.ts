import type { Command } from 'commander';
import { parseVerifierKey } from '../../log/index.js';
import {
  type AuditReport,
  auditDataDirectory,
  type Policy,
  PolicyError,
  parsePolicy,
  type ReceiptVerification,
  verifyReceipt,
} from '../../service/index.js';
import { readInput, readJsonFile } from '../files.js';
import { CliError, EXIT, emit, progress } from '../output.js';
import { verifyCredentialCommand } from './verify-credential.js';

interface VerifyFlags {
  data?: string;
  statement?: string;
  receipt?: string;
  vkey?: string;
  policy?: string;
  json?: boolean;
}

export function verifyCommand(program: Command): void {
  const verify = program
    .command('verify')
    .description("audit a node's data directory, or verify a statement and its receipt offline")
    .option('-d, --data <dir>', 'audit this data directory: every entry, tile, checkpoint and statement')
    .option('--statement <file>', 'statement (compact JWS) to verify offline')
    .option('--receipt <file>', 'its receipt (JSON, from `lodestone submit --out`)')
    .option('--vkey <vkey>', "the log's verifier key (from /.well-known/lodestone); required offline")
    .option(
      '--policy <file>',
      'a C2SP tlog-policy: the checkpoint must also carry the witness cosignatures its quorum asks for (its log line may stand in for --vkey)',
    )
    .option('--json', 'print the structured result as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 verified · 1 a discrepancy or an invalid receipt · 2 usage or input error',
        '',
        'Examples:',
        '  $ lodestone verify --data ./lodestone-data',
        '  $ lodestone verify --statement s.jws --receipt s.receipt.json --vkey "lodestone.local/ab12cd34/log+…"',
        '  $ lodestone verify credential cert.jws --bundle trust.json --operator did:key:z6Mk…',
      ].join('\n'),
    )
    .action((flags: VerifyFlags) => {
      if (flags.data) return auditCommand(flags.data, flags);
      const policy = flags.policy === undefined ? undefined : readPolicy(flags.policy);
      const vkey = flags.vkey ?? (policy?.logs.length === 1 ? policy.logs[0]!.vkey : undefined);
      if (flags.statement && flags.receipt && vkey)
        return receiptCommand(flags.statement, flags.receipt, vkey, flags, policy);
      throw new CliError(
        'CLI_USAGE',
        'say what to verify',
        'use --data <dir>, or --statement <file> --receipt <file> --vkey <vkey> [--policy <file>], or `verify credential <file>`',
      );
    });
  verifyCredentialCommand(verify);
}

function auditCommand(dir: string, flags: VerifyFlags): void {
  const report = auditDataDirectory(dir, {
    ...(flags.vkey && { vkey: flags.vkey }),
    ...(!flags.json && { progress: progress('entries checked') }),
  });
  emit(flags.json, report, formatAudit);
  if (!report.ok) process.exitCode = EXIT.VERIFY_FAILED;
}

function formatAudit(r: AuditReport): string {
  const { entries, tiles, checkpoints, statements } = r.counts;
  const counted = `${entries} entries, ${tiles} tiles, ${checkpoints} checkpoints, ${statements} statements`;
  if (r.ok) return `verified: ${counted}; every tile, root, signature and statement matches`;
  const lines = r.problems.map((p) => `  ${p.code}  ${p.where}: ${p.detail}`);
  return [`FAILED: ${r.problems.length} discrepancies in ${counted}`, ...lines].join('\n');
}

function receiptCommand(
  statementFile: string,
  receiptFile: string,
  vkey: string,
  flags: VerifyFlags,
  policy: Policy | undefined,
): void {
  checkVkey(vkey);
  const statement = readInput(statementFile).trim();
  const result = verifyReceipt(statement, readJsonFile(receiptFile), vkey, policy);
  emit(flags.json, result, formatReceipt);
  if (!result.ok) process.exitCode = EXIT.VERIFY_FAILED;
}

/** A C2SP tlog-policy file; a malformed one is a usage error, with the line it fails on. */
function readPolicy(file: string): Policy {
  try {
    return parsePolicy(readInput(file));
  } catch (cause) {
    if (!(cause instanceof PolicyError)) throw cause;
    throw new CliError('CLI_USAGE', `${file}: ${cause.message}`, 'see c2sp.org/tlog-policy', { cause });
  }
}

// A key that does not parse is a usage error (exit 2), not a receipt that failed to verify (exit 1).
function checkVkey(vkey: string): void {
  try {
    parseVerifierKey(vkey);
  } catch (cause) {
    throw new CliError(
      'CLI_USAGE',
      `--vkey is not a verifier key: ${(cause as Error).message}`,
      'copy the vkey from /.well-known/lodestone or the serve banner',
      { cause },
    );
  }
}

function formatReceipt(r: ReceiptVerification): string {
  const lines = r.checks.map((c) => `  ${c.ok ? 'pass' : 'FAIL'}  ${c.name}: ${c.detail}`);
  return [r.ok ? 'verified' : 'NOT verified', ...lines].join('\n');
}
