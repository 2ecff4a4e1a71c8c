import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './durable-file.js';
import { ServiceError } from './errors.js';

export const OPERATOR_TOKEN_FILE = 'operator.token';

/** Shortest operator token accepted: an empty or guessable token would open the operator API to all. */
export const MIN_OPERATOR_TOKEN_LENGTH = 16;

/** Where the operator token came from, for the start-up banner. */
export interface OperatorToken {
  readonly token: string;
  /** `env` for LODESTONE_OPERATOR_TOKEN, else the file it is kept in. */
  readonly source: 'env' | string;
}

/**
 * The operator token: `LODESTONE_OPERATOR_TOKEN` when set, else the one in `<data>/operator.token`,
 * generated on first start (durably, readable only by its owner: mode 0600).
 * @throws ServiceError NODE_CONFIG_INVALID for a token shorter than 16 characters
 */
export function loadOrCreateOperatorToken(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): OperatorToken {
  const fromEnv = env.LODESTONE_OPERATOR_TOKEN;
  if (fromEnv !== undefined && fromEnv !== '')
    return { token: checked(fromEnv, 'LODESTONE_OPERATOR_TOKEN'), source: 'env' };
  const path = join(dataDir, OPERATOR_TOKEN_FILE);
  if (!existsSync(path)) writeFileDurably(path, `${randomBytes(32).toString('base64url')}\n`, 0o600);
  return { token: checked(readFileSync(path, 'utf8').replace(/\r?\n$/, ''), path), source: path };
}

function checked(token: string, where: string): string {
  // Printable ASCII without spaces: exactly what an Authorization header carries unaltered.
  if (token.length < MIN_OPERATOR_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) {
    throw new ServiceError(
      'NODE_CONFIG_INVALID',
      `the operator token in ${where} must be at least ${MIN_OPERATOR_TOKEN_LENGTH} printable characters without spaces (delete ${OPERATOR_TOKEN_FILE} to generate one)`,
    );
  }
  return token;
}
