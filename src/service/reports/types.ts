import type { RuleSet, Severity } from '../../compliance/index.js';
import type { CaseOutcome, CaseStatus, FindingView } from '../findings/types.js';

/** What a report speaks for: an organisation, or one product batch and everything upstream of it. */
export type ReportSubject =
  | { readonly kind: 'organization'; readonly did: string }
  | { readonly kind: 'batch'; readonly id: string };

/** An organisation as the report names it. */
export interface PartyFacts {
  readonly did: string;
  readonly name: string;
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  readonly roles: readonly string[];
}

/** A facility as the report names it. */
export interface FacilityFacts {
  readonly id: string;
  readonly name: string;
  /** `mine`, `refinery`, `smelter`, … (DESIGN.md §5). */
  readonly kind: string;
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  /** The operating organisation's DID. */
  readonly operator: string;
}

/** A registered certificate about the subject, with its verdict at report time. */
export interface CertificateFacts {
  readonly id: string;
  readonly name: string;
  readonly scheme: string;
  readonly issuer: string;
  /** The subject ids (DIDs, facility URIs) it assesses. */
  readonly subjects: readonly string[];
  readonly topics: readonly string[];
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly verified: boolean;
  /** The checks that failed at report time, by name. */
  readonly failed: readonly string[];
}

/** One origin's part of an element's mass. `facility` is the mine, or where undeclared material entered. */
export interface OriginPart {
  readonly facility: string;
  readonly method: 'industrial' | 'artisanal' | 'undeclared';
  /** Exact fraction `"n/d"` of the element's mass. */
  readonly share: string;
  /** For display: 100 × share, 4 decimals. */
  readonly percent: number;
}

/** An element's mass across the batches the report speaks for, by origin and by country. */
export interface ElementOrigins {
  readonly element: string;
  /** Decimal string. */
  readonly micrograms: string;
  readonly byOrigin: readonly OriginPart[];
  /** Country key (`'undeclared'`, `'unknown'` when no facts) to share. */
  readonly byCountry: readonly {
    readonly country: string;
    readonly share: string;
    readonly percent: number;
  }[];
}

/** Whether a facility held a valid responsible-sourcing certificate at report time, and which. */
export interface CertificationFacts {
  /** Every topic of the rule set's certificate threshold was certified. */
  readonly certified: boolean;
  /** Ids of the certificates that verified at report time. */
  readonly certificates: readonly string[];
  /** Topics no verifying certificate covered. */
  readonly missing: readonly string[];
}

/** A facility upstream of the subject, with what passed through it. */
export interface UpstreamFacility extends FacilityFacts {
  /** Element symbols of the batches created there. */
  readonly elements: readonly string[];
  /** Origin facilities (mines, or undeclared entry points) of the batches created there. */
  readonly origins: readonly string[];
  readonly certification?: CertificationFacts;
}

/**
 * Everything a due-diligence report is built from, as plain data: no node object, so the builder is pure
 * and testable. {@link assembleReport} gathers it from a live node.
 */
export interface ReportInput {
  readonly subject: ReportSubject;
  /** The time the report speaks for (certificates are judged then). */
  readonly at: string;
  readonly generatedAt: string;
  /** The log the report speaks for: its origin and the checkpoint size read. */
  readonly node: { readonly origin: string; readonly size: number };
  readonly ruleSet: RuleSet;
  /** The organisation (for a batch: its owner). */
  readonly organization: PartyFacts;
  /** For a batch subject: the batch itself. */
  readonly batch?: {
    readonly id: string;
    readonly material: string;
    readonly createdGrams: number;
    readonly createdAt: string;
    readonly facility: string;
  };
  /** The organisation's own facilities (for a batch: the one it is at). */
  readonly facilities: readonly FacilityFacts[];
  /** Certificates about the organisation and its facilities, judged at `at`. */
  readonly certificates: readonly CertificateFacts[];
  /** How many batches the report speaks for (an organisation's held and consumed batches; a batch: 1). */
  readonly batches: number;
  readonly elements: readonly ElementOrigins[];
  /** Every facility upstream (mines included), each once. */
  readonly upstream: readonly UpstreamFacility[];
  readonly findings: readonly FindingView[];
}

export type SeverityCounts = Readonly<Record<Severity, number>>;

/** The findings of one rule. */
export interface RuleFindings {
  readonly rule: string;
  readonly title: string;
  readonly source: string;
  readonly count: number;
  readonly bySeverity: SeverityCounts;
  /** Findings whose case is not resolved. */
  readonly open: number;
}

/** A mine upstream, with its part of each element. */
export interface MineEntry {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly operator: string;
  readonly methods: readonly ('industrial' | 'artisanal')[];
  readonly elements: readonly {
    readonly element: string;
    readonly share: string;
    readonly percent: number;
  }[];
  /** Names of the upstream smelters and refiners it fed. */
  readonly smelters: readonly string[];
}

/** A case as Step 3 lists it. */
export interface CaseEntry {
  readonly finding: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly subject: string;
  readonly title: string;
  readonly status: CaseStatus;
  readonly assignee?: string;
  readonly outcome?: CaseOutcome;
  /** The justification of the latest action that gave one. */
  readonly justification?: string;
  /** Time of the latest action (or when the finding was raised). */
  readonly updated: string;
}

/** A smelter or refiner upstream and its responsible-sourcing certification at report time. */
export interface SmelterEntry extends UpstreamFacility {
  readonly certified: boolean;
}

/** A due-diligence report structured after the five steps of the OECD Due Diligence Guidance. */
export interface DueDiligenceReport {
  readonly title: string;
  readonly subject: ReportSubject & { readonly name: string };
  readonly at: string;
  readonly generatedAt: string;
  /** Step 1: management systems. */
  readonly step1: {
    readonly organization: PartyFacts;
    readonly batch?: ReportInput['batch'];
    readonly facilities: readonly FacilityFacts[];
    readonly certificates: readonly CertificateFacts[];
    readonly ruleSet: {
      readonly version: string;
      readonly thresholds: RuleSet['thresholds'];
      readonly rules: readonly {
        readonly id: string;
        readonly title: string;
        readonly severity: Severity;
        readonly source: string;
        readonly reference: string;
        readonly enabled: boolean;
      }[];
    };
  };
  /** Step 2: risk identification. */
  readonly step2: {
    readonly elements: readonly ElementOrigins[];
    readonly countries: readonly string[];
    readonly mines: readonly MineEntry[];
    readonly facilities: readonly UpstreamFacility[];
    readonly findings: readonly RuleFindings[];
    readonly bySeverity: SeverityCounts;
  };
  /** Step 3: risk response. */
  readonly step3: {
    readonly cases: readonly CaseEntry[];
    readonly byStatus: Readonly<Record<CaseStatus, number>>;
    readonly byOutcome: Readonly<Record<CaseOutcome, number>>;
  };
  /** Step 4: independent audit of smelters and refiners. */
  readonly step4: {
    /** The topics a responsible-sourcing certificate must cover (the rule set's certificate threshold). */
    readonly topics: readonly string[];
    readonly smelters: readonly SmelterEntry[];
  };
  /** Step 5: reporting. */
  readonly step5: {
    readonly origin: string;
    readonly size: number;
    readonly at: string;
    readonly generatedAt: string;
    readonly summary: {
      readonly batches: number;
      readonly facilitiesUpstream: number;
      readonly mines: number;
      readonly countries: number;
      readonly smelters: number;
      readonly smeltersCertified: number;
      readonly findings: number;
      readonly openCases: number;
      readonly resolvedCases: number;
    };
  };
}
