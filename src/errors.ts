/**
 * The root of every error Lodestone throws on purpose.
 *
 * Each module declares a closed union of string codes and a subclass of {@link BaseError} over it, so
 * callers branch on `err.code`, never on `err.message` (the sigstore-js and jose pattern).
 * This file imports nothing, so every layer may depend on it.
 */
export class BaseError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** True when `err` is a {@link BaseError} (of any module). */
export function isCodedError(err: unknown): err is BaseError {
  return err instanceof BaseError;
}
