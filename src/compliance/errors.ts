import { BaseError } from '../errors.js';

/** Codes thrown by the compliance module. Evaluation itself never throws on a statement's content. */
export type ComplianceErrorCode =
  /** A rule set whose version is empty, or a threshold outside its documented range. */
  | 'COMPLIANCE_BAD_RULE_SET'
  /** A rule set that disables a rule id the catalogue does not hold (a typo would silence nothing). */
  | 'COMPLIANCE_UNKNOWN_RULE'
  /** A rule set version that is not shipped (`audit replay --rules`, `serve --rules`). */
  | 'COMPLIANCE_UNKNOWN_RULE_SET'
  /** A time in the evaluation input that is not RFC 3339. */
  | 'COMPLIANCE_BAD_TIME';

/** Thrown by the compliance module; callers branch on {@link ComplianceError.code}, never on the message. */
export class ComplianceError extends BaseError<ComplianceErrorCode> {}

/** Throw `code` with the message `message()` unless `ok`. */
export function ensure(ok: boolean, code: ComplianceErrorCode, message: () => string): asserts ok {
  if (!ok) throw new ComplianceError(code, message());
}
