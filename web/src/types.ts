/*
 * The shapes of the node's API answers the dashboard reads (docs/api.md). Written from the API's
 * documentation: the dashboard never imports the node's sources, it only talks to it over HTTP.
 */

export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

export interface Overview {
  readonly node: { readonly origin: string; readonly version: string; readonly operator: string };
  readonly log: {
    readonly size: number;
    readonly pending: number;
    readonly root: string;
    readonly checkpoint: string;
  };
  readonly counts: {
    readonly organizations: number;
    readonly facilities: number;
    readonly batches: number;
    readonly certificates: number;
  };
  readonly federation: { readonly peers: number; readonly alarms: number };
  readonly access: 'public' | 'full';
  readonly volumes?: {
    readonly byMaterial: readonly MaterialVolume[];
    readonly byStage: readonly StageVolume[];
  };
}

export interface StageVolume {
  readonly stage: string;
  readonly batches: number;
  readonly createdGrams: number;
  readonly remainingGrams: number;
}

export interface MaterialVolume extends StageVolume {
  readonly material: string;
  readonly name: string;
  readonly chains: readonly string[];
}

export interface Organization {
  readonly did: string;
  readonly legalName: string;
  readonly registeredId: string;
  readonly idScheme: { readonly id: string; readonly name: string };
  readonly country: string;
  readonly roles: readonly string[];
  readonly registeredBy: string;
  readonly statement: string;
  readonly validFrom: string;
  readonly keys?: readonly OrgKey[];
}

export interface OrgKey {
  readonly kid: string;
  readonly activeFrom: string;
  readonly retiredFrom?: string;
  readonly revokedFrom?: string;
}

export interface Facility {
  readonly id: string;
  readonly name: string;
  readonly operator: string;
  readonly facilityKind: string;
  readonly country: string;
  readonly location: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
  readonly processCategories: readonly string[];
  readonly capacityGramsPerYear?: number;
  readonly validFrom: string;
  readonly statement: string;
}

export interface Batch {
  readonly id: string;
  readonly material: string;
  readonly createdGrams: number;
  readonly remainingGrams: number;
  readonly content: Readonly<Record<string, number>>;
  readonly status: 'active' | 'in-transit' | 'consumed';
  readonly custodian: string;
  readonly owner: string;
  readonly facility: string;
  readonly inTransit?: { readonly to: string; readonly toFacility: string; readonly grams: number };
  readonly custodyModel: string;
  readonly createdBy: string;
  readonly createdAt: string;
  /** Per element: micrograms by origin key (`industrial <facility>`), fixed at creation. */
  readonly composition: Composition;
}

export type Composition = Readonly<
  Record<string, readonly (readonly [origin: string, micrograms: string])[]>
>;

export interface Share {
  readonly key: string;
  readonly micrograms: string;
  readonly share: string;
  readonly percent: number;
}

export interface ElementProvenance {
  readonly element: string;
  readonly micrograms: string;
  readonly byOrigin: readonly Share[];
  readonly byCountry: readonly Share[];
  readonly byAlliance: readonly Share[];
  readonly byExtraction: readonly Share[];
  readonly byCertification: readonly Share[];
}

export interface GraphBatch {
  readonly id: string;
  readonly material: string;
  readonly facility: string;
  readonly createdGrams: number;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly statement: string;
  readonly grams: number;
  /** Micrograms per element, decimal strings. */
  readonly elements: Readonly<Record<string, string>>;
}

export interface Provenance {
  readonly batch: string;
  readonly material: string;
  readonly at?: string;
  readonly elements: readonly ElementProvenance[];
  readonly graph: { readonly batches: readonly GraphBatch[]; readonly edges: readonly GraphEdge[] };
}

export interface HistoryEvent {
  readonly statement: string;
  readonly seq: number;
  readonly index: number;
  readonly registered: string;
  readonly actor: string;
  readonly batches: readonly string[];
  readonly event: { readonly type: string; readonly time?: string; readonly [field: string]: unknown };
}

export interface CertificateSummary {
  readonly id: string;
  readonly issuer: string;
  readonly name: string;
  readonly scheme: { readonly id: string; readonly name: string };
  readonly subjects: readonly { readonly kind: string; readonly id: string }[];
  readonly topics: readonly string[];
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly statement: string;
  readonly registered: string;
  readonly verified: boolean;
  readonly failed: readonly string[];
}

export interface CredentialCheck {
  readonly check: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly reason: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}

export interface CredentialVerification {
  readonly verified: boolean;
  readonly at: string;
  readonly credential: Readonly<Record<string, unknown>>;
  readonly checks: readonly CredentialCheck[];
}

export interface CertificateDetail {
  readonly summary: CertificateSummary;
  readonly jws: string;
  readonly result: CredentialVerification;
}

export interface Certification {
  readonly subject: string;
  readonly at: string;
  readonly certified: boolean;
  readonly certificates: readonly {
    readonly id: string;
    readonly scheme: string;
    readonly result: CredentialVerification;
  }[];
}

export interface ReceiptVerification {
  readonly ok: boolean;
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly detail: string }[];
  readonly origin?: string;
  readonly size?: number;
  readonly index?: number;
}

/*
 * Supply risk (DESIGN.md §9): concentration, scenarios, the capacity pipeline. Shares (`share`) are
 * fractions 0..1; `percent` is 0..100; HHI is on percent shares (0..10,000).
 */

export interface CountryShare {
  readonly country: string;
  readonly amount: number | string;
  readonly share: number;
  readonly percent: number;
}

export interface Concentration {
  readonly mineral: string;
  readonly stage: string;
  readonly year: number | null;
  /** Bottom-up figures: the ledger's time window (RFC 3339). */
  readonly window?: { readonly from: string; readonly to: string };
  readonly method: 'top-down' | 'bottom-up';
  /** Tonnes (datasets) or micrograms (the ledger, a decimal string beyond 2^53). */
  readonly unit: 't' | 'µg';
  readonly total: number | string;
  readonly shares: readonly CountryShare[];
  readonly hhi: number;
  readonly top1: { readonly country: string; readonly share: number };
  readonly top3: { readonly countries: readonly string[]; readonly share: number };
  readonly allianceShare: number;
  readonly governanceWeighted: {
    readonly value: number;
    readonly formula: string;
    readonly source: string;
    readonly coverage: number;
  };
  readonly crma: {
    readonly largestThirdCountry: { readonly country: string; readonly share: number } | null;
    readonly exceeds65: boolean;
  };
  readonly notes: readonly string[];
}

export interface RiskMineral {
  readonly mineral: string;
  readonly stages: readonly string[];
  readonly years: readonly number[];
}

export interface Comparison {
  readonly topDown: Concentration;
  readonly bottomUp: Concentration;
  readonly differences: readonly {
    readonly country: string;
    readonly topDown: number;
    readonly bottomUp: number;
    readonly delta: number;
  }[];
  readonly explanation: readonly string[];
}

export interface ScenarioPreset {
  readonly id: string;
  readonly title: string;
  readonly country: string;
  readonly mineral: string;
  readonly stage: string;
  readonly restrictionPct: number;
  readonly effective: string;
  readonly source: string;
  /** What the measure is (as the export-controls dataset words it). */
  readonly measure?: string;
}

export interface Assumption {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** True when the value is the model's default (not overridden by the request). */
  readonly default: boolean;
  readonly source: string;
}

export interface ScenarioRequest {
  readonly preset?: string;
  readonly country?: string;
  readonly mineral?: string;
  readonly stage?: string;
  readonly restrictionPct?: number;
  readonly parameters?: Readonly<Record<string, number>>;
}

export interface ExposedBatch {
  readonly batch: string;
  readonly material: string;
  readonly element: string;
  readonly exposedMicrograms: string;
  readonly share: number;
}

export interface ScenarioResult {
  readonly scenario: {
    readonly country: string;
    readonly mineral: string;
    readonly stage: string;
    readonly restrictionPct: number;
    readonly year?: number;
    readonly preset?: string;
    readonly elements?: readonly string[];
  };
  readonly assumptions: readonly Assumption[];
  readonly lostWorldSupply: { readonly tonnes: number; readonly share: number };
  readonly allianceShortfall: { readonly tonnes: number; readonly shareOfDemand: number };
  /** Every term of the supply balance, tonnes. */
  readonly balance?: Readonly<Record<string, number>>;
  readonly alternatives: readonly {
    readonly country: string;
    readonly tonnes: number;
    readonly share: number;
    readonly wgi: number | null;
    readonly alliance?: boolean;
    readonly score?: number;
    readonly rank: number;
  }[];
  readonly notes: readonly string[];
  /** Traced batches exposed to the restriction; null without a token that may see them. */
  readonly exposure: { readonly batches: readonly ExposedBatch[] } | null;
}

export interface PipelineYear {
  readonly year: number;
  readonly capacityTonnes: number;
  readonly weightedTonnes: number;
  readonly allianceShare: number;
  readonly benchmarks: readonly {
    /** `extraction`, `processing`, `recycling`, `single-third-country` (CRMA Art. 5). */
    readonly name: string;
    /** A fraction (0.10, 0.40, 0.25, 0.65). */
    readonly target: number;
    /** The projected share the target is checked against (the cap: the largest third country's). */
    readonly share?: number;
    readonly met: boolean;
    readonly gapTonnes: number;
  }[];
}

export interface PipelineProject {
  readonly name: string;
  readonly company?: string;
  readonly country: string;
  readonly mineral: string;
  readonly status: string;
  readonly stages?: readonly string[];
  readonly capacityTonnes: number | null;
  readonly start: string | null;
  readonly weight: number;
}

export interface Pipeline {
  readonly mineral: string;
  readonly assumptions: readonly Assumption[];
  readonly years: readonly PipelineYear[];
  readonly projects: readonly PipelineProject[];
  readonly notes: readonly string[];
}

/* Compliance findings and cases (issue 5; src/service/findings/types.ts, docs/compliance.md). */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export type CaseStatus = 'open' | 'acknowledged' | 'assigned' | 'resolved';
export type CaseOutcome = 'false-positive' | 'mitigated' | 'suspended' | 'disengaged';
export type CaseAction = 'acknowledge' | 'assign' | 'resolve' | 'reopen';

/** One logged action on a case, oldest first in `history`. */
export interface CaseEvent {
  readonly action: CaseAction;
  /** The DID that signed the case-action statement. */
  readonly by: string;
  readonly at: string;
  /** The case-action statement's id. */
  readonly statement: string;
  readonly assignee?: string;
  readonly justification?: string;
  readonly outcome?: CaseOutcome;
}

/** A finding's case: the SSE `case` event's data. */
export interface CaseState {
  readonly finding: string;
  readonly status: CaseStatus;
  readonly assignee?: string;
  readonly outcome?: CaseOutcome;
  readonly history: readonly CaseEvent[];
}

/** A stored finding with its case (`GET /v1/findings`, the SSE `finding` event's data). */
export interface FindingView {
  /** 64 lowercase hex. */
  readonly id: string;
  /** Position in the node's finding stream (the SSE event id). */
  readonly seq: number;
  /** Log index of the raising statement. */
  readonly index: number;
  readonly issuer: string;
  readonly rule: string;
  readonly ruleSet: string;
  readonly severity: Severity;
  readonly title: string;
  readonly subject: { readonly kind: 'organization' | 'facility' | 'batch'; readonly id: string };
  /** The raising statement's id. */
  readonly statement: string;
  /** The time the finding speaks for (the event's). */
  readonly at: string;
  /** When the node evaluated it. */
  readonly raisedAt: string;
  readonly evidence: {
    readonly statements: readonly string[];
    readonly facts: Readonly<Record<string, unknown>>;
  };
  readonly message: string;
  readonly case: CaseState;
}

export interface ComplianceRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly source: string;
  readonly reference: string;
  readonly description: string;
}

/** `GET /v1/compliance`. */
export interface Compliance {
  readonly ruleSet: { readonly version: string; readonly thresholds?: Readonly<Record<string, unknown>> };
  readonly rules: readonly ComplianceRule[];
  readonly reference?: { readonly sources?: readonly unknown[] };
  readonly evaluatedThrough: number;
  readonly counts: readonly { readonly rule: string; readonly severity: Severity; readonly count: number }[];
  readonly cases: Readonly<Record<CaseStatus, number>>;
}

/** `POST /v1/cases/{findingId}` answer. */
export interface CaseActionResult {
  readonly receipt: unknown;
  readonly case: CaseState;
}

/** One peer in `GET /v1/federation/status` (docs/federation.md). */
export interface PeerStatus {
  readonly origin: string;
  readonly url: string;
  readonly witnessVkey: string | null;
  readonly theirSize: number | null;
  /** The size of this node's log the peer's witness last cosigned. */
  readonly cosignedSize: number;
  readonly lag: number;
  readonly lastError: string | null;
  readonly nextRetry: string | null;
  readonly trusted: boolean;
}

export interface FederationStatus {
  readonly peers: readonly PeerStatus[];
  readonly alarms: number;
  readonly untrusted: readonly string[];
}

export type AlarmDecisionKind = 'distrust' | 'trust';

export interface AlarmDecision {
  readonly decision: AlarmDecisionKind;
  readonly justification: string;
  readonly decidedAt: string;
}

/** A split-view alarm (`GET /v1/federation/alarms`): two inconsistent signed checkpoints of one origin. */
export interface Alarm {
  readonly id: number;
  readonly origin: string;
  readonly kind: string;
  readonly detectedAt: string;
  readonly evidence: { readonly first: string; readonly second: string; readonly proof?: readonly string[] };
  readonly decision?: AlarmDecision;
}
