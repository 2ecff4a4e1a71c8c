import type { ConformityTopic, MaterialStage, ProcessKind } from '../model/index.js';
import { ALLIANCE_MEMBERS } from '../model/index.js';
import { ComplianceError, ensure } from './errors.js';
import type { RuleSource, Severity } from './types.js';

/** A rule as data: what it checks, how bad a hit is, where the duty comes from. */
export interface Rule {
  /** Stable forever: findings, cases and replays refer to it. */
  readonly id: RuleId;
  readonly title: string;
  readonly severity: Severity;
  readonly source: RuleSource;
  /** The clause or passage of the source, for the report. */
  readonly reference: string;
  readonly description: string;
  /** The key of {@link Thresholds} the rule reads, when it has any. */
  readonly thresholds?: keyof Thresholds;
}

export type RuleId =
  | 'LS-CAHRA-ORIGIN'
  | 'LS-CAHRA-TRANSIT'
  | 'LS-SANCTIONS-MATCH'
  | 'LS-CERT-MISSING'
  | 'LS-YIELD-IMPLAUSIBLE'
  | 'LS-ASSAY-MISMATCH'
  | 'LS-TRANSPORT-IMPLAUSIBLE'
  | 'LS-UNKNOWN-ORIGIN'
  | 'LS-SINGLE-COUNTRY'
  | 'LS-STRUCTURING'
  | 'LS-REVOKED-UPSTREAM';

/** The catalogue, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  {
    id: 'LS-CAHRA-ORIGIN',
    title: 'Origin in a conflict-affected or high-risk area',
    severity: 'high',
    source: 'OECD DDG red flags',
    reference: 'Red flag locations of mineral origin; Annex II (i)–(ii)',
    description:
      'An extraction at a mine whose country or region is on the CAHRA list at the event time. Enhanced due diligence applies to everything downstream.',
  },
  {
    id: 'LS-CAHRA-TRANSIT',
    title: 'Transit through a conflict-affected or high-risk area',
    severity: 'medium',
    source: 'OECD DDG red flags',
    reference: 'Red flag locations of mineral transit',
    description:
      'A shipment to, or a receipt at, a facility whose country or region is on the CAHRA list at the event time.',
  },
  {
    id: 'LS-SANCTIONS-MATCH',
    title: 'Party or facility matches a sanctions list',
    severity: 'critical',
    source: 'OECD DDG Annex II',
    reference: 'Annex II (ii), (v): support to armed groups, money laundering',
    description:
      'The issuer, a recipient, a buyer, a facility or its operator matches a sanctions-list entry with a score at or above the threshold.',
    thresholds: 'sanctions',
  },
  {
    id: 'LS-CERT-MISSING',
    title: 'Facility without a valid responsible-sourcing certificate',
    severity: 'medium',
    source: 'OECD DDG Annex II',
    reference: 'Step 4: independent third-party audit of smelters and refiners',
    description:
      'An extraction, or a transform of a listed process kind, at a facility that held no valid certificate for a required topic at the event time.',
    thresholds: 'certificate',
  },
  {
    id: 'LS-YIELD-IMPLAUSIBLE',
    title: 'Element yield implausible for the process',
    severity: 'medium',
    source: 'ISO 22095',
    reference: '§3.3.4 mass balance: conversion factors',
    description:
      'A transform recovers less of a tracked element than the minimum recovery for its process kind: material is leaving the accounted chain. (Conservation already rejects more out than in.)',
    thresholds: 'yield',
  },
  {
    id: 'LS-ASSAY-MISMATCH',
    title: 'Assay inconsistent with the declared content',
    severity: 'medium',
    source: 'OECD DDG Annex II',
    reference: 'Annex II (iv): fraudulent misrepresentation of origin or content',
    description:
      'A measured element content differs from the content the batch was declared with by more than the relative tolerance.',
    thresholds: 'assay',
  },
  {
    id: 'LS-TRANSPORT-IMPLAUSIBLE',
    title: 'Transport time implausible for distance and mode',
    severity: 'medium',
    source: 'OECD DDG red flags',
    reference: 'Red-flag circumstances: anomalies in the chain-of-custody information',
    description:
      'A receipt whose great-circle distance from the shipping facility, over the hours since shipping, exceeds the maximum speed of the transport mode.',
    thresholds: 'transport',
  },
  {
    id: 'LS-UNKNOWN-ORIGIN',
    title: 'Unknown-origin share above threshold',
    severity: 'low',
    source: 'ISO 22095',
    reference: '§3.3.3 controlled blending: known proportion in the output',
    description:
      'A transform output whose composition has more than the threshold share of a tracked element from undeclared origins.',
    thresholds: 'unknownOrigin',
  },
  {
    id: 'LS-SINGLE-COUNTRY',
    title: 'Dependency on one non-alliance country above the cap',
    severity: 'medium',
    source: 'EU CRMA',
    reference: 'Regulation (EU) 2024/1252 Art. 5(1)(d): no more than 65 % from a single third country',
    description:
      'A new batch at a watched stage with more than the cap of an element from one country outside the alliance.',
    thresholds: 'singleCountry',
  },
  {
    id: 'LS-STRUCTURING',
    title: 'Repeated near-threshold quantities',
    severity: 'high',
    source: 'OECD DDG Annex II',
    reference: 'Annex II (v): money laundering',
    description:
      'A shipper ships, within the window, the given number of shipments each just under the reporting threshold.',
    thresholds: 'structuring',
  },
  {
    id: 'LS-REVOKED-UPSTREAM',
    title: 'Certificate revoked upstream of a sold batch',
    severity: 'high',
    source: 'alliance',
    reference: 'Recall: a revocation reaches every downstream sale',
    description:
      'A trade of a batch one of whose origin facilities has a certificate revoked at the trade time.',
  },
];

/** Every threshold, by the rule family that reads it. Fractions are 0–1. */
export interface Thresholds {
  readonly sanctions: {
    /** Lowest matcher score that raises a finding. */
    readonly minScore: number;
  };
  readonly certificate: {
    /** Every one of these topics must be certified. */
    readonly topics: readonly ConformityTopic[];
    /** Transform process kinds whose facility is checked; extractions are always checked. */
    readonly processes: readonly ProcessKind[];
  };
  readonly yield: {
    /** Least element mass out / in per process kind; kinds not listed are not checked. */
    readonly minRecovery: Readonly<Partial<Record<ProcessKind, number>>>;
  };
  readonly assay: {
    /** Largest |measured − declared| / declared that passes. */
    readonly relativeTolerance: number;
  };
  readonly transport: {
    /** Largest plausible average speed per transport mode (after alias normalisation). */
    readonly maxKmPerHour: Readonly<Record<string, number>>;
    /** For a mode not listed or not given. */
    readonly defaultKmPerHour: number;
    /** Distances below this are the same site: not checked. */
    readonly minKm: number;
  };
  readonly unknownOrigin: {
    /** Largest undeclared share of an element that passes. */
    readonly maxShare: number;
  };
  readonly singleCountry: {
    /** Largest share of one non-alliance country that passes. */
    readonly maxShare: number;
    readonly stages: readonly MaterialStage[];
    /** ISO 3166-1 alpha-3 countries that never count against the cap. */
    readonly alliance: readonly string[];
  };
  readonly structuring: {
    /** The reporting threshold being kept under, in grams. */
    readonly thresholdGrams: number;
    /** Near means within this fraction below the threshold. */
    readonly margin: number;
    /** Near-threshold shipments (this one included) that raise a finding. */
    readonly count: number;
    readonly windowDays: number;
  };
}

/** A versioned configuration of the catalogue: replays name the version they ran under. */
export interface RuleSet {
  readonly version: string;
  readonly thresholds: Thresholds;
  /** Rules not evaluated under this set. */
  readonly disabled?: readonly RuleId[];
}

/** The documented defaults (docs/compliance.md). */
export const DEFAULT_RULE_SET: RuleSet = {
  version: '2026.1',
  thresholds: {
    sanctions: { minScore: 0.85 },
    certificate: { topics: ['social.labour', 'social.rights'], processes: ['refine'] },
    yield: {
      minRecovery: {
        concentrate: 0.5,
        leach: 0.7,
        refine: 0.8,
        precipitate: 0.85,
        calcine: 0.9,
        blend: 0.98,
        split: 0.98,
        recycle: 0.5,
        manufacture: 0.9,
      },
    },
    assay: { relativeTolerance: 0.1 },
    transport: {
      maxKmPerHour: { sea: 50, 'inland-water': 30, rail: 120, road: 100, air: 1000, pipeline: 20 },
      defaultKmPerHour: 1000,
      minKm: 1,
    },
    unknownOrigin: { maxShare: 0.25 },
    singleCountry: { maxShare: 0.65, stages: ['component', 'product'], alliance: ALLIANCE_MEMBERS },
    structuring: { thresholdGrams: 100_000_000, margin: 0.05, count: 3, windowDays: 30 },
  },
};

/**
 * 2026.2: structuring is judged against a 10 t consignment threshold within 2 %, the alliance's own
 * reporting line for battery-mineral intermediates (a policy choice, not a legal figure), instead of
 * the 100 t of 2026.1, over a quarter (90 days) rather than a month, so monthly splitting shows too; least recoveries for `refine` (0.5: graphite purification and spheronisation
 * keeps about half the flake) and `precipitate` (0.75: lithium carbonate from brine concentrate) follow
 * what plants achieve; and hydrometallurgical plants (`leach`: cobalt hydroxide, nickel MHP) count as
 * refiners whose certificate is checked, as the RMI cobalt refiner list treats them. Everything else
 * as 2026.1.
 */
export const RULE_SET_2026_2: RuleSet = {
  version: '2026.2',
  thresholds: {
    ...DEFAULT_RULE_SET.thresholds,
    certificate: { ...DEFAULT_RULE_SET.thresholds.certificate, processes: ['refine', 'leach'] },
    yield: {
      minRecovery: { ...DEFAULT_RULE_SET.thresholds.yield.minRecovery, refine: 0.5, precipitate: 0.75 },
    },
    structuring: { thresholdGrams: 10_000_000, margin: 0.02, count: 3, windowDays: 90 },
  },
};

/** Every rule set shipped, by version, oldest first; the last is what a node runs unless told otherwise. */
export const RULE_SETS: readonly RuleSet[] = [DEFAULT_RULE_SET, RULE_SET_2026_2];

/** The shipped rule set of a version. @throws ComplianceError COMPLIANCE_UNKNOWN_RULE_SET */
export function ruleSetByVersion(version: string): RuleSet {
  const found = RULE_SETS.find((r) => r.version === version);
  if (found === undefined) {
    throw new ComplianceError(
      'COMPLIANCE_UNKNOWN_RULE_SET',
      `no shipped rule set ${version}; shipped: ${RULE_SETS.map((r) => r.version).join(', ')}`,
    );
  }
  return found;
}

/** The catalogue entry of a rule id. */
export function ruleById(id: RuleId): Rule {
  const rule = RULES.find((r) => r.id === id);
  if (rule === undefined) throw new ComplianceError('COMPLIANCE_UNKNOWN_RULE', `no rule ${id}`);
  return rule;
}

/**
 * Check a rule set before it is used: a fraction outside 0–1 or a negative speed would silence a rule
 * without anyone noticing, which is worse than refusing the set.
 * @throws ComplianceError COMPLIANCE_BAD_RULE_SET, COMPLIANCE_UNKNOWN_RULE
 */
export function checkRuleSet(ruleSet: RuleSet): RuleSet {
  const { thresholds: t } = ruleSet;
  ensure(ruleSet.version.length > 0, 'COMPLIANCE_BAD_RULE_SET', () => 'rule set version is empty');
  const fraction = (name: string, v: number) =>
    ensure(v >= 0 && v <= 1, 'COMPLIANCE_BAD_RULE_SET', () => `${name} must be in [0, 1], got ${v}`);
  const positive = (name: string, v: number) =>
    ensure(v > 0 && Number.isFinite(v), 'COMPLIANCE_BAD_RULE_SET', () => `${name} must be > 0, got ${v}`);
  fraction('sanctions.minScore', t.sanctions.minScore);
  for (const [kind, v] of Object.entries(t.yield.minRecovery)) fraction(`yield.minRecovery.${kind}`, v);
  positive('assay.relativeTolerance', t.assay.relativeTolerance);
  for (const [mode, v] of Object.entries(t.transport.maxKmPerHour)) positive(`transport.${mode}`, v);
  positive('transport.defaultKmPerHour', t.transport.defaultKmPerHour);
  ensure(t.transport.minKm >= 0, 'COMPLIANCE_BAD_RULE_SET', () => 'transport.minKm must be >= 0');
  fraction('unknownOrigin.maxShare', t.unknownOrigin.maxShare);
  fraction('singleCountry.maxShare', t.singleCountry.maxShare);
  positive('structuring.thresholdGrams', t.structuring.thresholdGrams);
  fraction('structuring.margin', t.structuring.margin);
  ensure(
    Number.isInteger(t.structuring.count) && t.structuring.count >= 1,
    'COMPLIANCE_BAD_RULE_SET',
    () => `structuring.count must be an integer >= 1, got ${t.structuring.count}`,
  );
  positive('structuring.windowDays', t.structuring.windowDays);
  for (const id of ruleSet.disabled ?? []) ruleById(id);
  return ruleSet;
}
