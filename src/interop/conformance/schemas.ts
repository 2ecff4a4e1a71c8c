import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  ACCREDITATION_STATUS_TYPE,
  ACCREDITATION_TYPE,
  CASE_ACTION_TYPE,
  CROSS_BORDER_RECEIPT_TYPE,
  KEY_REVOCATION_TYPE,
  KEY_ROTATION_TYPE,
  PROVENANCE_SUMMARY_TYPE,
  TRUST_LIST_TYPE,
  UNTP_CONTEXTS,
  type UntpCredentialType,
} from '../untp/contexts.js';
import { readJsonAsset } from './assets.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

/** The UNTP 0.6.1 JSON Schema of each UNTP credential type. */
const UNTP_SCHEMAS: ReadonlyMap<string, string> = new Map(
  (Object.keys(UNTP_CONTEXTS) as UntpCredentialType[]).map((type) => [
    type,
    `schemas/untp/0.6.1/untp-${abbreviation(type)}-schema.json`,
  ]),
);

/** Lodestone's JSON Schemas of its extension credential types. */
const LODESTONE_SCHEMAS: ReadonlyMap<string, string> = new Map([
  [KEY_ROTATION_TYPE, 'schemas/lodestone/key-rotation-schema.json'],
  [KEY_REVOCATION_TYPE, 'schemas/lodestone/key-revocation-schema.json'],
  [TRUST_LIST_TYPE, 'schemas/lodestone/trust-list-schema.json'],
  [ACCREDITATION_TYPE, 'schemas/lodestone/accreditation-schema.json'],
  [ACCREDITATION_STATUS_TYPE, 'schemas/lodestone/accreditation-status-schema.json'],
  [CASE_ACTION_TYPE, 'schemas/lodestone/case-action-schema.json'],
  [PROVENANCE_SUMMARY_TYPE, 'schemas/lodestone/provenance-summary-schema.json'],
  [CROSS_BORDER_RECEIPT_TYPE, 'schemas/lodestone/cross-border-receipt-schema.json'],
]);

function abbreviation(type: UntpCredentialType): string {
  // The UNTP context URL names the type's folder: …/untp/<dpp|dcc|dte|dfr|dia>/0.6.1/.
  return UNTP_CONTEXTS[type].split('/').at(-3) ?? '';
}

interface Validators {
  readonly vc: ValidateFunction;
  readonly byType: ReadonlyMap<string, ValidateFunction>;
}

let validators: Validators | undefined;

function ajv(strict: boolean): Ajv2020 {
  const instance = new Ajv2020({ allErrors: true, strict });
  addFormats(instance);
  return instance;
}

/**
 * Compiled once per process (compiling costs far more than validating). The W3C schema and Lodestone's
 * compile under ajv's strict mode. The UNTP 0.6.1 schemas do not: they use non-standard annotation
 * keywords (`example`, `x-external-enumeration`), nest `minContains` inside `contains` (2020-12 wants
 * them siblings) and leave `@context` tuples open — strict-mode lint about the schema, not about
 * instances — so they compile with `strict: false` (assets/PROVENANCE.md, defect 1). Validation itself is
 * the same under either mode.
 */
function compiled(): Validators {
  if (validators !== undefined) return validators;
  const strict = ajv(true);
  const lenient = ajv(false);
  const byType = new Map<string, ValidateFunction>();
  for (const [type, file] of UNTP_SCHEMAS) byType.set(type, lenient.compile(readJsonAsset(file) as object));
  // The other extension schemas refer to definitions of the rotation schema by its $id: add all, then compile.
  for (const file of LODESTONE_SCHEMAS.values()) strict.addSchema(readJsonAsset(file) as object);
  for (const [type, file] of LODESTONE_SCHEMAS) {
    const { $id } = readJsonAsset(file) as { $id: string };
    const validate = strict.getSchema($id);
    if (validate !== undefined) byType.set(type, validate);
  }
  validators = {
    vc: strict.compile(readJsonAsset('schemas/w3c/verifiable-credential-schema.json') as object),
    byType,
  };
  return validators;
}

/**
 * Validate `vc` against the W3C VC 2.0 JSON Schema and against the schema of each of its types Lodestone
 * ships (UNTP 0.6.1 `DigitalIdentityAnchor`, `DigitalFacilityRecord`, `DigitalTraceabilityEvent`,
 * `DigitalProductPassport`, `DigitalConformityCredential`; Lodestone `KeyRotation`, `KeyRevocation`,
 * `TrustList`, `Accreditation`, `AccreditationStatusChange`, `ComplianceCaseAction`, `ProvenanceSummary`,
 * `CrossBorderReceipt`). A `BitstringStatusListCredential` is checked
 * against VC 2.0 only (W3C publishes no schema of it; the parser checks its shape).
 * Synchronous. Errors read `<schema name>: <JSON pointer> <message>`.
 * @throws InteropError INTEROP_ASSET_MISSING when a shipped schema cannot be read
 */
export function validateCredentialSchemas(vc: object): string[] {
  const { vc: vcSchema, byType } = compiled();
  const errors = run('VC 2.0 schema', vcSchema, vc);
  const rawTypes: unknown = (vc as { type?: unknown }).type;
  const types = Array.isArray(rawTypes) ? rawTypes : [rawTypes];
  for (const type of new Set(types)) {
    const validate = typeof type === 'string' ? byType.get(type) : undefined;
    if (validate !== undefined) errors.push(...run(`${type} schema`, validate, vc));
  }
  return errors;
}

function run(name: string, validate: ValidateFunction, vc: object): string[] {
  if (validate(vc)) return [];
  return [...new Set((validate.errors ?? []).map((e) => `${name}: ${describe(e)}`))];
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  const name = error.params['additionalProperty'] ?? error.params['missingProperty'];
  const detail = typeof name === 'string' ? ` (${JSON.stringify(name)})` : '';
  return `${where} ${error.message ?? error.keyword}${detail}`;
}
