import type { JsonLdDocument, Options } from 'jsonld';
import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { EpcisError } from './errors.js';
import { readEpcisAsset } from './schema.js';

const ROOT_CONTEXT = 'context/epcis-context-root.json';

/** Shipped context file for each address a document or the EPCIS root context may name. */
const CONTEXTS: ReadonlyMap<string, string> = new Map([
  ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', ROOT_CONTEXT],
  ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', ROOT_CONTEXT],
  ['https://gs1.github.io/EPCIS/epcis-context.jsonld', ROOT_CONTEXT],
  ...[
    'cbv-context-bizstep',
    'cbv-context-biztransaction-type',
    'cbv-context-component',
    'cbv-context-disposition',
    'cbv-context-error-reason',
    'cbv-context-sourcedest-type',
    'gs1-context-measurement-type',
    'gs1-context-sensor-alert-type',
  ].map((name): [string, string] => [`https://gs1.github.io/EPCIS/${name}.jsonld`, `context/${name}.json`]),
]);

const loaded = new Map<string, unknown>();

/**
 * Serves only the shipped EPCIS contexts. Fetching whatever a document names would let a hostile
 * document make Lodestone issue network requests (and make expansion depend on someone else's server).
 */
async function documentLoader(url: string): Promise<RemoteDocument> {
  const asset = CONTEXTS.get(url);
  if (asset === undefined) {
    throw new EpcisError('EPCIS_JSONLD_FAILED', `context ${url} is not one Lodestone ships; it fetches none`);
  }
  let document = loaded.get(asset);
  if (document === undefined) {
    document = readEpcisAsset(asset);
    loaded.set(asset, document);
  }
  return { contextUrl: undefined, documentUrl: url, document: document as RemoteDocument['document'] };
}

/**
 * JSON-LD expansion of an EPCIS document, offline, in safe mode: a term that does not expand to an IRI
 * (an undeclared extension field, say) is an error instead of being silently dropped.
 * @throws EpcisError EPCIS_JSONLD_FAILED
 */
export async function expandEpcis(doc: unknown): Promise<unknown[]> {
  // `safe` is a jsonld.js option the type definitions do not list yet.
  const options: Options.Expand & { readonly safe: boolean } = { documentLoader, safe: true };
  try {
    return await jsonld.expand(doc as JsonLdDocument, options);
  } catch (cause) {
    if (cause instanceof EpcisError) throw cause;
    const inner = (cause as { details?: { cause?: unknown } }).details?.cause;
    if (inner instanceof EpcisError) throw inner;
    throw new EpcisError('EPCIS_JSONLD_FAILED', `JSON-LD expansion failed: ${messageOf(cause)}`, { cause });
  }
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
