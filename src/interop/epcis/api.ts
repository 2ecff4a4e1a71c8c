/**
 * GS1 EPCIS 2.0 / CBV 2.0 JSON-LD mappers: Lodestone's custody events out to an `EPCISDocument`, and EPCIS
 * documents in to canonical events. The public surface of `src/interop/epcis/`.
 * @module interop/epcis
 */

export { EpcisError, type EpcisErrorCode } from './errors.js';
export { exportEpcis } from './export.js';
export { importEpcis } from './import.js';
export { expandEpcis } from './jsonld.js';
export { type EpcisValidation, validateEpcis } from './schema.js';
export type {
  EpcisDocument,
  EpcisEvent,
  ExportedEvent,
  ExportOptions,
  ImportDefaults,
  ImportOptions,
  ImportResult,
  SkipCode,
  SkippedEvent,
} from './types.js';
export { EPCIS_CONTEXT_URL, LODESTONE_VOCAB } from './vocab.js';
