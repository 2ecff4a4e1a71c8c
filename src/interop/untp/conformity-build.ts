import type { Assessment, CertificateStatement, CertificateSubject, StatusEntry } from '../../model/index.js';
import { at, invalid } from './check.js';
import type { AssessmentLevel, AssessorLevel } from './conformity.js';
import { LODESTONE_CONTEXT } from './contexts.js';
import { CONFORMITY_KIND, envelope } from './envelope.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions, JsonMap } from './wire.js';

/**
 * {@link CertificateStatement} → UNTP 0.6.1 `DigitalConformityCredential`. The canonical certificate keeps
 * what verification needs (ids, topics, conformance, subjects); the UNTP 0.6.1 schema also requires labels
 * and scheme details Lodestone does not model, so the caller supplies them as options, and the defaults
 * below keep every built certificate valid against that schema.
 */

/** UNTP `ConformityScheme` details the 0.6.1 schema requires and the canonical certificate does not keep. */
export interface ConformitySchemeDetails {
  readonly description: string;
  readonly version: string;
  /** The date the scheme version took effect, `YYYY-MM-DD`. */
  readonly validFrom: string;
  /** The scheme owner (UNTP `Party` `{id, name}`). */
  readonly owner: { readonly id: string; readonly name: string };
}

/** Options of {@link conformityJson}. */
export interface ConformityOptions extends CredentialOptions {
  /** Who assessed (UNTP `assessorLevel`); default `3rdParty` — certifiers and labs are independent. */
  readonly assessorLevel?: AssessorLevel;
  /** What stands behind the assessment (UNTP `assessmentLevel`); default `Accredited`, which Lodestone checks. */
  readonly assessmentLevel?: AssessmentLevel;
  /**
   * The scheme's details. Default: the scheme name as description, version `unspecified`, the date of the
   * certificate's `validFrom`, and the issuer as owner — pass the real ones when known.
   */
  readonly scheme?: ConformitySchemeDetails;
  /**
   * The display name of the party the certificate is issued to, an assessed facility, product or
   * organisation, or a criterion (UNTP requires one on each). Default: the id itself.
   */
  readonly nameOf?: (id: string) => string | undefined;
}

type Namer = (id: string) => string;

/**
 * The `DigitalConformityCredential` JSON of a certificate. `@context` ends with the Lodestone context only
 * when an assessment names `minerals`, so a certificate without them is plain UNTP 0.6.1. Objects are
 * typed where the UNTP context defines their terms only under a type.
 * @throws InteropError INTEROP_INVALID when the issuer is not a DID or an assessment names two
 *   organisations (UNTP has one `assessedOrganisation`)
 */
export function conformityJson(
  cert: CertificateStatement,
  issuer: CredentialIssuerInput,
  options: ConformityOptions = {},
): CredentialJson {
  const name: Namer = (id) => options.nameOf?.(id) ?? id;
  const scheme = options.scheme ?? {
    description: cert.scheme.name,
    version: 'unspecified',
    validFrom: cert.validFrom.slice(0, 10),
    owner: { id: issuer.id, name: issuer.name },
  };
  const subject: JsonMap = {
    type: ['ConformityAttestation', 'Attestation'],
    id: cert.attestation,
    ...(cert.name === '' ? {} : { name: cert.name }),
    assessorLevel: options.assessorLevel ?? '3rdParty',
    assessmentLevel: options.assessmentLevel ?? 'Accredited',
    attestationType: cert.attestationType,
    issuedToParty: { id: cert.issuedTo, name: name(cert.issuedTo) },
    scope: {
      type: ['ConformityScheme'],
      id: cert.scheme.id,
      name: cert.scheme.name,
      description: scheme.description,
      version: scheme.version,
      validFrom: scheme.validFrom,
      owner: { id: scheme.owner.id, name: scheme.owner.name },
    },
    assessment: cert.assessments.map((a, i) =>
      assessmentJson(a, at('/credentialSubject/assessment', i), name),
    ),
  };
  const { credentialSubject: _, ...head } = envelope(
    CONFORMITY_KIND,
    issuer,
    options,
    subject,
    cert.validFrom,
    cert.validUntil,
  );
  const minerals = cert.assessments.some((a) => a.minerals.length > 0);
  return {
    ...head,
    '@context': minerals ? [...CONFORMITY_KIND.contexts, LODESTONE_CONTEXT] : [...CONFORMITY_KIND.contexts],
    ...(cert.status.length === 0 ? {} : { credentialStatus: cert.status.map(statusEntryJson) }),
    credentialSubject: subject,
  };
}

function assessmentJson(a: Assessment, path: string, name: Namer): JsonMap {
  const of = (kind: CertificateSubject['kind']): string[] =>
    a.subjects.filter((s) => s.kind === kind).map((s) => s.id);
  const facilities = of('facility');
  const products = of('batch');
  const organisations = of('organization');
  if (organisations.length > 1) invalid(path, 'UNTP names at most one assessedOrganisation per assessment');
  const [organisation] = organisations;
  return {
    type: ['ConformityAssessment', 'Declaration'],
    id: a.id,
    conformityTopic: a.topic,
    conformance: a.conformance,
    ...nonEmpty(
      'assessmentCriteria',
      a.criteria.map((id) => ({
        type: ['Criterion'],
        id,
        name: name(id),
        description: name(id),
        conformityTopic: a.topic,
        status: 'active',
      })),
    ),
    ...nonEmpty(
      'assessedFacility',
      facilities.map((id) => ({ facility: { id, name: name(id) } })),
    ),
    ...nonEmpty(
      'assessedProduct',
      products.map((id) => ({ product: { id, name: name(id) } })),
    ),
    ...(organisation === undefined
      ? {}
      : { assessedOrganisation: { id: organisation, name: name(organisation) } }),
    ...nonEmpty(
      'declaredValue',
      a.metrics.map((m) => ({ metricName: m.name, metricValue: { value: m.value, unit: m.unit } })),
    ),
    ...nonEmpty('minerals', [...a.minerals]),
  };
}

/** `{[key]: list}`, or nothing for an empty list (UNTP's lists are optional; an empty one says nothing). */
function nonEmpty(key: string, list: readonly JsonMap[] | readonly string[]): JsonMap {
  return list.length === 0 ? {} : { [key]: list };
}

function statusEntryJson(entry: StatusEntry): JsonMap {
  return {
    type: 'BitstringStatusListEntry',
    statusPurpose: entry.purpose,
    statusListIndex: String(entry.index),
    statusListCredential: entry.list,
  };
}
