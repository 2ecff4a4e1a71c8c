import { BaseError } from '../../errors.js';

/** Codes thrown by the EPCIS 2.0 mappers (`src/interop/epcis/`). */
export type EpcisErrorCode =
  /** Input to `importEpcis` is not an EPCISDocument / EPCISQueryDocument valid against the EPCIS JSON schema. */
  | 'EPCIS_INVALID_DOCUMENT'
  /** `exportEpcis` was given events it cannot express as a schema-valid document (e.g. a batch id that is not a URI). */
  | 'EPCIS_NOT_EXPRESSIBLE'
  /** `importEpcis` options are malformed (unknown default material, content out of range, …). */
  | 'EPCIS_BAD_OPTIONS'
  /** JSON-LD expansion failed, or the document needs a context Lodestone does not ship (it never fetches one). */
  | 'EPCIS_JSONLD_FAILED'
  /** A shipped asset (`assets/epcis/…`: JSON schema, JSON-LD context) is missing or unreadable. */
  | 'EPCIS_ASSET_MISSING';

export class EpcisError extends BaseError<EpcisErrorCode> {
  /** The schema violations behind `EPCIS_INVALID_DOCUMENT` or `EPCIS_NOT_EXPRESSIBLE`; otherwise empty. */
  readonly errors: readonly string[];

  constructor(
    code: EpcisErrorCode,
    message: string,
    options?: { readonly cause?: unknown; readonly errors?: readonly string[] },
  ) {
    super(code, message, options);
    this.errors = options?.errors ?? [];
  }
}
