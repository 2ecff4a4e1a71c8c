/** Offline conformance checks of credentials: JSON Schemas and safe-mode JSON-LD over shipped contexts. */

export { validateCredentialJsonLd } from './jsonld.js';
export { createDocumentLoader, type LoadedDocument, shippedContexts } from './loader.js';
export { validateCredentialSchemas } from './schemas.js';
export { type ConformanceResult, validateCredential } from './validate.js';
