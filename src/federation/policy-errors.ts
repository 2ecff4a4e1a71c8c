import { BaseError } from '../errors.js';

/** Codes thrown while parsing a c2sp.org/tlog-policy file. Every message starts with `line N:` when a line is at fault. */
export type PolicyErrorCode =
  /** The text is larger than the parser accepts (bytes or lines). */
  | 'POLICY_TOO_LARGE'
  /** A control character other than tab and newline, DEL, or text that has no UTF-8 encoding. */
  | 'POLICY_BAD_CHARACTER'
  /** An unknown keyword, or a line with too few or too many items. */
  | 'POLICY_SYNTAX'
  /** A vkey that does not decode, or whose signature type does not fit a log (0x01) or a witness (0x04). */
  | 'POLICY_BAD_KEY'
  /** Two logs, or two witnesses, wrap the same public key. */
  | 'POLICY_DUPLICATE_KEY'
  /** A witness or group name is already defined, or is the predefined `none`. */
  | 'POLICY_DUPLICATE_NAME'
  /** A group member or the quorum names nothing defined on an earlier line (or names `none` as a member). */
  | 'POLICY_UNKNOWN_MEMBER'
  /** A group lists the same member twice. */
  | 'POLICY_DUPLICATE_MEMBER'
  /** A group threshold is not `all`, `any` or a decimal k with 1 ≤ k ≤ number of members. */
  | 'POLICY_BAD_THRESHOLD'
  /** The policy has no quorum line, or more than one. */
  | 'POLICY_NO_QUORUM';

/** A malformed policy. `line` is the 1-based line at fault, when there is one. */
export class PolicyError extends BaseError<PolicyErrorCode> {
  readonly line: number | undefined;

  constructor(code: PolicyErrorCode, message: string, options?: { cause?: unknown; line?: number }) {
    super(code, options?.line === undefined ? message : `line ${options.line}: ${message}`, options);
    this.line = options?.line;
  }
}
