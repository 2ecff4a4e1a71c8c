import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { EpcisError } from './errors.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

/** The outcome of {@link validateEpcis}. */
export interface EpcisValidation {
  readonly ok: boolean;
  /** One line per schema violation: `<JSON pointer> <message>`; empty when `ok`. */
  readonly errors: string[];
}

/**
 * The URL of a file in `assets/epcis/`. This module sits three folders below the package root both as
 * source (`src/interop/epcis/`) and built (`dist/interop/epcis/`), so one relative path serves both.
 */
export function epcisAssetUrl(name: string, from: string = import.meta.url): URL {
  return new URL(`../../../assets/epcis/${name}`, from);
}

/**
 * Read and parse a shipped JSON asset.
 * @throws EpcisError EPCIS_ASSET_MISSING
 */
export function readEpcisAsset(name: string): unknown {
  const url = epcisAssetUrl(name);
  try {
    return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
  } catch (cause) {
    throw new EpcisError('EPCIS_ASSET_MISSING', `cannot read EPCIS asset ${url.href}`, { cause });
  }
}

interface Validators {
  readonly document: ValidateFunction;
  readonly uri: ValidateFunction;
}

let validators: Validators | undefined;

/** Compiled once per process: compiling the 55 kB schema costs far more than validating a document. */
function compiled(): Validators {
  if (validators === undefined) {
    // The GS1 schema lists `required` names its own subschema does not declare (they are declared in a
    // sibling of an `allOf`), which ajv's strictRequired rejects; it is normative and shipped unmodified.
    const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: false });
    addFormats(ajv);
    validators = {
      document: ajv.compile(readEpcisAsset('EPCIS-JSON-Schema.json') as object),
      uri: ajv.compile({ type: 'string', format: 'uri' }),
    };
  }
  return validators;
}

/**
 * Validate against the EPCIS 2.0 JSON schema (GS1, draft-07, with its `uri` and `date-time` formats).
 * The schema accepts an EPCISDocument, an EPCISQueryDocument or a single event.
 * @throws EpcisError EPCIS_ASSET_MISSING when the shipped schema cannot be read
 */
export function validateEpcis(doc: unknown): EpcisValidation {
  const validate = compiled().document;
  if (validate(doc)) return { ok: true, errors: [] };
  return { ok: false, errors: [...new Set((validate.errors ?? []).map(describeError))] };
}

/** True when `value` is a URI by the same rule the EPCIS schema applies (`format: uri`, RFC 3986). */
export function isEpcisUri(value: unknown): value is string {
  return compiled().uri(value) === true;
}

/** The first few errors of a validation: a document with a thousand bad events makes no megabyte message. */
export function summarizeErrors(errors: readonly string[]): string {
  const shown = errors.slice(0, 5).join('; ');
  return errors.length > 5 ? `${shown}; and ${errors.length - 5} more` : shown;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  const name = error.params['propertyName'];
  const detail = typeof name === 'string' ? ` (property ${JSON.stringify(name)})` : '';
  return `${where} ${error.message ?? error.keyword}${detail}`;
}
