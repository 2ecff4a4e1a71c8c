import { InteropError } from '../errors.js';
import { LODESTONE_CONTEXT, UNTP_CONTEXTS, VC_V2_CONTEXT } from '../untp/contexts.js';
import { readJsonAsset } from './assets.js';

/** Where each context Lodestone ships lives under `assets/` (see assets/PROVENANCE.md). */
const CONTEXT_FILES: ReadonlyMap<string, string> = new Map([
  [VC_V2_CONTEXT, 'contexts/credentials-v2.jsonld'],
  [LODESTONE_CONTEXT, 'contexts/lodestone-v1.jsonld'],
  [UNTP_CONTEXTS.DigitalIdentityAnchor, 'contexts/untp/0.6.1/untp-dia/context.jsonld'],
  [UNTP_CONTEXTS.DigitalFacilityRecord, 'contexts/untp/0.6.1/untp-dfr/context.jsonld'],
  [UNTP_CONTEXTS.DigitalTraceabilityEvent, 'contexts/untp/0.6.1/untp-dte/context.jsonld'],
  [UNTP_CONTEXTS.DigitalProductPassport, 'contexts/untp/0.6.1/untp-dpp/context.jsonld'],
  [UNTP_CONTEXTS.DigitalConformityCredential, 'contexts/untp/0.6.1/untp-dcc/context.jsonld'],
]);

/** A document as a JSON-LD document loader returns it (the jsonld.js `RemoteDocument` shape). */
export interface LoadedDocument {
  readonly contextUrl: undefined;
  readonly documentUrl: string;
  readonly document: unknown;
}

/** The context URLs the loader serves. */
export function shippedContexts(): readonly string[] {
  return [...CONTEXT_FILES.keys()];
}

/**
 * A JSON-LD document loader that serves only the contexts shipped in `assets/contexts/` and refuses any
 * other URL: validation never touches the network, so it is reproducible, offline and cannot be steered
 * by whoever controls a context URL.
 * @throws InteropError INTEROP_UNKNOWN_CONTEXT (from the returned loader) for a URL not shipped;
 *   INTEROP_ASSET_MISSING when a shipped file cannot be read
 */
export function createDocumentLoader(): (url: string) => Promise<LoadedDocument> {
  return async (url) => {
    const file = CONTEXT_FILES.get(url);
    if (file === undefined) {
      throw new InteropError(
        'INTEROP_UNKNOWN_CONTEXT',
        `context ${url} is not shipped with Lodestone (never fetched)`,
      );
    }
    // A copy: the parsed asset is shared, and what jsonld.js does with a document is its own business.
    return { contextUrl: undefined, documentUrl: url, document: structuredClone(readJsonAsset(file)) };
  };
}
