/** A property test shared by the Lodestone extension credentials' parsers (test support, not product code). */
import fc from 'fast-check';
import { expect } from 'vitest';
import { InteropError } from '../errors.js';

type Json = { credentialSubject: Record<string, unknown> };

export interface SubjectMutations<S> {
  /** Valid statements to start from. */
  readonly statements: readonly S[];
  /** The credential of a statement, as a fresh, mutable JSON object. */
  readonly build: (statement: S) => Json;
  /** Parse a credential back to its statement body. */
  readonly parse: (vc: unknown) => { readonly body: unknown };
  /** The subject keys to drop or set (include an unknown one and `__proto__`). */
  readonly keys: readonly string[];
  /** Values a key is set to. */
  readonly field: fc.Arbitrary<unknown>;
}

/**
 * Random drops and settings of subject keys give either a statement the builder writes back
 * identically, or an InteropError with no cause: never another error, never a silent change.
 */
export function assertSubjectMutationsSafe<S>(spec: SubjectMutations<S>): void {
  // A set key is defined, never assigned, so `__proto__` is an own key.
  const mutation = fc.tuple(fc.constantFrom(...spec.keys), fc.option(spec.field, { nil: undefined }));
  fc.assert(
    fc.property(
      fc.constantFrom(...spec.statements),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (statement, mutations) => {
        const vc = spec.build(statement);
        for (const [key, value] of mutations) {
          if (value === undefined) delete vc.credentialSubject[key];
          else
            Object.defineProperty(vc.credentialSubject, key, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
        }
        let body: unknown;
        try {
          body = spec.parse(vc).body;
        } catch (error) {
          expect(error).toBeInstanceOf(InteropError);
          expect((error as InteropError).cause).toBeUndefined();
          return;
        }
        expect(spec.build(body as S).credentialSubject).toEqual(vc.credentialSubject);
      },
    ),
    { numRuns: 1000 },
  );
}
