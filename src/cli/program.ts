import { Command, CommanderError } from 'commander';
import { isCodedError } from '../errors.js';
import { VERSION } from '../service/index.js';
import { credentialCommand } from './commands/credential.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { federationCommand } from './commands/federation.js';
import { findingsCommand } from './commands/findings.js';
import { importCommand } from './commands/import.js';
import { keysCommand } from './commands/keys.js';
import { rebuildCommand } from './commands/rebuild.js';
import { auditCommand, reportCommand } from './commands/report.js';
import { riskCommand } from './commands/risk.js';
import { type StartServer, serveCommand } from './commands/serve.js';
import { signCommand } from './commands/sign.js';
import { submitCommand } from './commands/submit.js';
import { tokenCommand } from './commands/token.js';
import { traceCommand } from './commands/trace.js';
import { trustCommand } from './commands/trust.js';
import { verifyCommand } from './commands/verify.js';
import { CliError, EXIT } from './output.js';

export interface CliDeps {
  readonly startServer: StartServer;
}

/** Build the `lodestone` command tree. */
export function buildProgram(deps: CliDeps): Command {
  const program = new Command('lodestone')
    .description('Lodestone: verifiable provenance for critical minerals')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone serve\n  $ lodestone keys generate --out refiner.key.json\n  $ lodestone verify --data ./lodestone-data',
    )
    .exitOverride();
  serveCommand(program, deps.startServer);
  demoCommand(program);
  keysCommand(program);
  signCommand(program);
  submitCommand(program);
  verifyCommand(program);
  exportCommand(program);
  tokenCommand(program);
  traceCommand(program);
  importCommand(program);
  rebuildCommand(program);
  federationCommand(program, deps.startServer);
  credentialCommand(program);
  trustCommand(program);
  riskCommand(program);
  findingsCommand(program);
  reportCommand(program);
  auditCommand(program);
  return program;
}

/** Run the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    await buildProgram(deps).parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (err instanceof CliError) {
    process.stderr.write(`error: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
    return err.exitCode;
  }
  if (isCodedError(err)) {
    process.stderr.write(`error: ${err.code}: ${err.message}\n`);
    return EXIT.USAGE;
  }
  process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return 70;
}
