import { StatusBitstring } from '../../credentials/index.js';
import { trackedElements } from '../../custody/index.js';
import {
  accreditationCredential,
  accreditationStatusCredential,
  conformityCredential,
  statusListCredential,
} from '../../interop/index.js';
import {
  type AccreditationScope,
  type AccreditationStatus,
  type Assessment,
  type ConformityTopic,
  type ElementSymbol,
  getMaterial,
  type StatusPurpose,
} from '../../model/index.js';
import type { Party } from './emit.js';
import type { Site, World } from './state.js';
import type { Lot } from './stock.js';

/**
 * The trust side's mechanics: accreditations and their status, status lists, certificates about
 * facilities, and laboratory analyses of lots — each a credential built with the interop builders and
 * signed by the organisation that issues it, dated now.
 */

const SCHEME_BASE = 'https://schemes.alliance-minerals.example';

/** The conformity schemes of the world. */
export const SCHEMES = {
  mining: { id: `${SCHEME_BASE}/responsible-mining/v2`, name: 'Alliance Responsible Mining Standard' },
  refining: { id: `${SCHEME_BASE}/responsible-refining/v3`, name: 'Alliance Responsible Refiner Assurance' },
  analysis: { id: `${SCHEME_BASE}/chemical-analysis`, name: 'Accredited Chemical Analysis (ISO/IEC 17025)' },
} as const;

/** What each scheme's audits assess. */
export const SCHEME_TOPICS: Readonly<Record<keyof typeof SCHEMES, readonly ConformityTopic[]>> = {
  mining: ['social.labour', 'social.rights', 'social.community', 'environment.water'],
  refining: ['social.labour', 'social.rights', 'governance.ethics'],
  analysis: ['governance.compliance'],
};

/** `body` accredits `holder` for `scope` from now until `untilMs`; returns the accreditation's id. */
export function accredit(
  w: World,
  body: Party,
  holder: Party,
  scope: AccreditationScope,
  untilMs: number,
): string {
  const id = w.emit.nextId(body, 'accreditations');
  const statement = {
    kind: 'accreditation' as const,
    holder: holder.did,
    scope,
    validFrom: w.iso(),
    validUntil: w.iso(untilMs),
  };
  w.emit.signed(body, accreditationCredential(statement, body.issuer, { id }), w.nowMs);
  return id;
}

/** `body` suspends, reinstates or withdraws its accreditation `id`, from now. */
export function changeAccreditation(
  w: World,
  body: Party,
  id: string,
  status: AccreditationStatus,
  reason: string,
): void {
  const change = {
    kind: 'accreditation-status' as const,
    accreditation: id,
    status,
    reason,
    validFrom: w.iso(),
  };
  const credential = accreditationStatusCredential(change, body.issuer, {
    id: w.emit.nextId(body, 'credentials'),
  });
  w.emit.signed(body, credential, w.nowMs);
}

/** The URL of a certifier's status list of `purpose`. */
export function listId(certifier: Party, purpose: StatusPurpose): string {
  return `https://${certifier.slug}.example/status/${purpose}`;
}

/** Publish a new version of the certifier's list with bit `index` set to `value` (an empty list without). */
export function publishStatus(
  w: World,
  certifier: Party,
  purpose: StatusPurpose,
  index?: number,
  value = true,
): void {
  const id = listId(certifier, purpose);
  let bits = w.statusBits.get(id) ?? StatusBitstring.create();
  if (index !== undefined) bits = bits.with(index, value);
  w.statusBits.set(id, bits);
  const list = { kind: 'status-list' as const, purpose, encodedList: bits.encode(), validFrom: w.iso() };
  w.emit.signed(certifier, statusListCredential(list, certifier.issuer, { id }), w.nowMs);
}

/** A certificate as issued: its credential id, statement id and status list index. */
export interface Issued {
  readonly id: string;
  readonly statement: string;
  readonly index: number;
}

/** `certifier` audits `site` under `scheme` and issues a certificate, valid from now to `untilMs`. */
export function certifyFacility(
  w: World,
  certifier: Party,
  site: Site,
  scheme: keyof typeof SCHEMES,
  minerals: readonly ElementSymbol[],
  untilMs: number,
): Issued {
  const index = w.statusNext.get(certifier.slug) ?? 0;
  w.statusNext.set(certifier.slug, index + 1);
  const assessments: Assessment[] = SCHEME_TOPICS[scheme].map((topic, i) => ({
    id: w.emit.nextId(certifier, 'assessments'),
    topic,
    conformance: true,
    criteria: [`${SCHEMES[scheme].id}#criterion-${i + 1}`],
    subjects: [{ kind: 'facility', id: site.id }],
    minerals,
    metrics: [],
  }));
  const cert = {
    kind: 'certificate' as const,
    attestation: w.emit.nextId(certifier, 'attestations'),
    name: `${SCHEMES[scheme].name}: ${site.spec.name}`,
    attestationType: 'certification' as const,
    scheme: SCHEMES[scheme],
    issuedTo: site.party.did,
    assessments,
    validFrom: w.iso(),
    validUntil: w.iso(untilMs),
    status: (['revocation', 'suspension'] as const).map((purpose) => ({
      purpose,
      list: listId(certifier, purpose),
      index,
    })),
  };
  const id = w.emit.nextId(certifier, 'certificates');
  const statement = w.emit.signed(
    certifier,
    conformityCredential(cert, certifier.issuer, { id, nameOf: w.emit.nameOf }),
    w.nowMs,
  );
  return { id, statement, index };
}

/**
 * A laboratory assays a lot in `site`'s custody: a measured composition within a percent of the declared
 * one (and the material's range), sometimes backed by a certificate of analysis it issues first.
 */
export function issueAnalysis(w: World, lab: Party, site: Site, lot: Lot, withCertificate: boolean): void {
  const { elements: ranges } = getMaterial(lot.material);
  const measured: Partial<Record<ElementSymbol, number>> = {};
  for (const element of trackedElements(lot.material)) {
    const declared = lot.content[element] ?? 0;
    const range = ranges[element]!;
    const value = Math.round(declared * w.rng.between(0.99, 1.01));
    measured[element] = Math.min(Math.floor(range.max * 1e6), Math.max(Math.ceil(range.min * 1e6), value));
  }
  const certificate = withCertificate ? analysisCertificate(w, lab, site, lot, measured) : undefined;
  w.custody(lab, [
    {
      type: 'assay',
      id: w.emit.nextId(lab, 'events'),
      time: w.iso(),
      batch: lot.id,
      content: measured,
      ...(certificate === undefined ? {} : { certificate }),
    },
  ]);
}

function analysisCertificate(
  w: World,
  lab: Party,
  site: Site,
  lot: Lot,
  measured: Partial<Record<ElementSymbol, number>>,
): string {
  const minerals = Object.keys(measured) as ElementSymbol[];
  const cert = {
    kind: 'certificate' as const,
    attestation: w.emit.nextId(lab, 'attestations'),
    name: `Certificate of analysis: ${getMaterial(lot.material).name}`,
    attestationType: 'testing' as const,
    scheme: SCHEMES.analysis,
    issuedTo: site.party.did,
    assessments: [
      {
        id: w.emit.nextId(lab, 'assessments'),
        topic: 'governance.compliance' as const,
        conformance: true,
        criteria: [`${SCHEMES.analysis.id}#declared-content`],
        subjects: [{ kind: 'batch' as const, id: lot.id }],
        minerals,
        metrics: minerals.map((e) => ({
          name: `${e} content`,
          value: (measured[e] ?? 0) / 10_000,
          unit: 'P1',
        })),
      },
    ],
    validFrom: w.iso(),
    status: [],
  };
  const id = w.emit.nextId(lab, 'certificates');
  w.emit.signed(lab, conformityCredential(cert, lab.issuer, { id, nameOf: w.emit.nameOf }), w.nowMs);
  w.analyses += 1;
  return id;
}
