import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const OPERATOR_TOKEN_FILE = 'operator.token';

/** Where the operator token came from, for the start-up banner. */
export interface OperatorToken {
  readonly token: string;
  /** `env` for LODESTONE_OPERATOR_TOKEN, else the file it is kept in. */
  readonly source: 'env' | string;
}

/**
 * The operator token: `LODESTONE_OPERATOR_TOKEN` when set, else the one in `<data>/operator.token`,
 * generated on first start and readable only by its owner (mode 0600).
 */
export function loadOrCreateOperatorToken(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): OperatorToken {
  const fromEnv = env.LODESTONE_OPERATOR_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'env' };
  const path = join(dataDir, OPERATOR_TOKEN_FILE);
  if (!existsSync(path))
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return { token: readFileSync(path, 'utf8').trim(), source: path };
}
