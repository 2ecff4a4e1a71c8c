import {
  type CredentialJson,
  type EpcisImportOptions,
  type EpcisSkippedEvent,
  importEpcis,
  traceabilityCredential,
} from '../interop/index.js';
import type { CustodyEvent } from '../model/index.js';

/** One credential to sign and register per imported event, and what could not be imported. */
export interface EpcisImportPlan {
  readonly credentials: readonly { readonly event: CustodyEvent; readonly credential: CredentialJson }[];
  readonly skipped: readonly EpcisSkippedEvent[];
}

/**
 * `lodestone import epcis`: map an EPCIS 2.0 document to custody events, each in its own
 * `DigitalTraceabilityEvent` credential issued by `issuer`, so one refused event does not take the
 * others down with it. Events with no canonical counterpart are listed with the reason.
 * @throws EpcisError EPCIS_INVALID_DOCUMENT for a document that is not EPCIS 2.0
 */
export function planEpcisImport(
  doc: unknown,
  issuer: { readonly id: string; readonly name: string },
  options: EpcisImportOptions,
): EpcisImportPlan {
  const { events, skipped } = importEpcis(doc, options);
  return {
    credentials: events.map((event) => ({ event, credential: traceabilityCredential([event], issuer) })),
    skipped,
  };
}
