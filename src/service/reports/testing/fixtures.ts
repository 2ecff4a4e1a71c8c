import { DEFAULT_RULE_SET, type Severity } from '../../../compliance/index.js';
import type { CaseState, FindingView } from '../../findings/types.js';
import type { ReportInput, UpstreamFacility } from '../types.js';

const AT = '2026-03-31T00:00:00Z';

function finding(
  n: number,
  rule: string,
  severity: Severity,
  subject: string,
  kase: Omit<CaseState, 'finding'>,
): FindingView {
  const id = n.toString(16).padStart(64, '0');
  return {
    id,
    rule,
    ruleSet: DEFAULT_RULE_SET.version,
    severity,
    title: `${rule} title`,
    subject: { kind: 'facility', id: subject },
    statement: 'ab'.repeat(32),
    at: '2026-02-01T00:00:00Z',
    evidence: { statements: ['ab'.repeat(32)], facts: {} },
    message: 'm',
    seq: n,
    index: n,
    issuer: 'did:web:issuer.example',
    raisedAt: `2026-02-0${n}T00:00:00Z`,
    case: { finding: id, ...kase },
  };
}

const uncertified = { certified: false, certificates: [], missing: ['social.labour', 'social.rights'] };

export const UPSTREAM: readonly UpstreamFacility[] = [
  {
    id: 'https://kolwezi.example/mine',
    name: 'Kolwezi Hill',
    kind: 'mine',
    country: 'COD',
    operator: 'did:web:kolwezi.example',
    elements: ['Co'],
    origins: ['https://kolwezi.example/mine'],
    certification: uncertified,
  },
  {
    id: 'https://murrin.example/mine',
    name: 'Murrin, East "pit"',
    kind: 'mine',
    country: 'AUS',
    operator: 'did:web:murrin.example',
    elements: ['Co', 'Ni'],
    origins: ['https://murrin.example/mine'],
    certification: uncertified,
  },
  {
    id: 'https://kokkola.example/refinery',
    name: 'Kokkola Refinery',
    kind: 'refinery',
    country: 'FIN',
    operator: 'did:web:kokkola.example',
    elements: ['Co', 'Ni'],
    origins: ['https://kolwezi.example/mine', 'https://murrin.example/mine'],
    certification: { certified: true, certificates: ['urn:cert:1', 'urn:cert:2'], missing: [] },
  },
  {
    id: 'https://evil.example/smelter',
    name: '=HYPERLINK("http://evil.example")',
    kind: 'smelter',
    country: 'CHN',
    operator: 'did:web:evil.example',
    elements: ['Co', 'Nd'],
    origins: ['https://murrin.example/mine'],
    certification: uncertified,
  },
];

/** A hand-built input: a cell maker whose cobalt comes from two mines through two smelters. */
export const INPUT: ReportInput = {
  subject: { kind: 'organization', did: 'did:web:cells.example' },
  at: AT,
  generatedAt: '2026-04-01T12:00:00Z',
  node: { origin: 'lodestone.test/log', size: 1234 },
  ruleSet: DEFAULT_RULE_SET,
  organization: {
    did: 'did:web:cells.example',
    name: 'Cells <script>alert(1)</script> & Co',
    country: 'DEU',
    roles: ['manufacturer'],
  },
  facilities: [
    {
      id: 'https://cells.example/plant',
      name: 'Cell plant',
      kind: 'cell',
      country: 'DEU',
      operator: 'did:web:cells.example',
    },
  ],
  certificates: [
    {
      id: 'urn:cert:9',
      name: 'Plant labour audit',
      scheme: 'Alliance scheme',
      issuer: 'did:web:cb.example',
      subjects: ['https://cells.example/plant'],
      topics: ['social.labour'],
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      verified: false,
      failed: ['status'],
    },
  ],
  batches: 3,
  elements: [
    {
      element: 'Co',
      micrograms: '1000',
      byOrigin: [
        { facility: 'https://kolwezi.example/mine', method: 'industrial', share: '1/2', percent: 50 },
        { facility: 'https://murrin.example/mine', method: 'industrial', share: '1/4', percent: 25 },
        { facility: 'https://kolwezi.example/mine', method: 'artisanal', share: '1/8', percent: 12.5 },
        { facility: 'https://cells.example/plant', method: 'undeclared', share: '1/8', percent: 12.5 },
      ],
      byCountry: [
        { country: 'COD', share: '5/8', percent: 62.5 },
        { country: 'AUS', share: '1/4', percent: 25 },
        { country: 'undeclared', share: '1/8', percent: 12.5 },
      ],
    },
    {
      element: 'Ni',
      micrograms: '10',
      byOrigin: [
        { facility: 'https://murrin.example/mine', method: 'industrial', share: '1/1', percent: 100 },
      ],
      byCountry: [{ country: 'AUS', share: '1/1', percent: 100 }],
    },
  ],
  upstream: UPSTREAM,
  findings: [
    finding(1, 'LS-CAHRA-ORIGIN', 'high', 'https://kolwezi.example/mine', {
      status: 'resolved',
      outcome: 'mitigated',
      history: [
        {
          action: 'resolve',
          by: 'did:web:cells.example',
          at: '2026-03-01T00:00:00Z',
          statement: 'cd'.repeat(32),
          outcome: 'mitigated',
          justification: 'Site visit <b>done</b>; supplier joined the programme',
        },
      ],
    }),
    finding(2, 'LS-CERT-MISSING', 'medium', 'https://evil.example/smelter', {
      status: 'assigned',
      assignee: 'did:web:auditor.example',
      history: [
        {
          action: 'assign',
          by: 'did:web:cells.example',
          at: '2026-03-02T00:00:00Z',
          statement: 'ef'.repeat(32),
        },
      ],
    }),
    finding(3, 'LS-CAHRA-ORIGIN', 'critical', 'https://kolwezi.example/mine', {
      status: 'open',
      history: [],
    }),
  ],
};
