import jsonld from 'jsonld';
import { InteropError } from '../errors.js';
import { createDocumentLoader } from './loader.js';

/**
 * Expand `vc` as JSON-LD in safe mode with the offline loader (only shipped contexts). Safe mode turns
 * every lossy step into an error: a property or type that no context defines (it would be dropped, or
 * become a relative IRI), a relative `@id`, an empty node. Expansion also fails on a redefined protected
 * term and on any context the loader does not serve. jsonld.js stops at the first such problem, so at
 * most one error is reported. Never throws.
 */
export async function validateCredentialJsonLd(vc: object): Promise<string[]> {
  try {
    // jsonld's typings want its own document types; a parsed credential is one at run time.
    await jsonld.expand(
      vc as Parameters<typeof jsonld.expand>[0],
      {
        documentLoader: createDocumentLoader() as never,
        safe: true,
      } as Parameters<typeof jsonld.expand>[1],
    );
    return [];
  } catch (error) {
    return [`JSON-LD: ${describe(error)}`];
  }
}

/**
 * jsonld.js errors carry the triggering event (safe mode), a JSON-LD error code and term (syntax errors
 * such as a protected-term redefinition), or the loader's error as `cause`, in `details`.
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (
    error as { details?: { event?: unknown; cause?: unknown; code?: unknown; term?: unknown } }
  ).details;
  const event = details?.event as { code?: unknown; details?: unknown } | undefined;
  if (event !== undefined) return `${String(event.code)} ${JSON.stringify(event.details)}`;
  const code = typeof details?.code === 'string' ? details.code : 'error';
  // Our own loader's refusal says more than jsonld.js's generic "could not dereference" text.
  if (details?.cause instanceof InteropError) return `${code}: ${details.cause.message}`;
  const term = typeof details?.term === 'string' ? ` ${JSON.stringify(details.term)}` : '';
  return `${code}${term}: ${error.message}`;
}
