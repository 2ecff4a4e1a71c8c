import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type LodestoneNode, seesEverything, type Viewer } from '../../service/index.js';
import { jsonResponse, problemResponse, ROW_SCHEMA } from '../schemas.js';

const MINERAL = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: 'e.g. cobalt, lithium, rare earths',
} as const;
const STAGE = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: 'mining or refining (as the datasets name stages)',
} as const;
const YEAR = { type: 'integer', minimum: 1900, maximum: 2100 } as const;
const TIME = { type: 'string', format: 'date-time' } as const;
const OBJECT = ROW_SCHEMA;
const problems = {
  400: problemResponse('VALIDATION, RISK_BAD_PARAMETER or RISK_BAD_TIME'),
  404: problemResponse('RISK_UNKNOWN_MINERAL, RISK_NO_DATA or RISK_UNKNOWN_PRESET'),
};

/**
 * The supply-risk observatory (issue 7, DESIGN.md §9): concentration top-down from the shipped datasets
 * and bottom-up from this node's traced flows, export-restriction scenarios, the capacity pipeline.
 * Public, except the traced batches a scenario exposes (confidential: operator, auditors, regulators).
 */
export function riskRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  viewerOf: (req: FastifyRequest) => Viewer,
): void {
  app.get(
    '/v1/risk/datasets',
    {
      schema: {
        tags: ['risk'],
        summary:
          'The datasets the observatory uses: version (SHA-256 of each file), sources, licences and caveats',
        response: { 200: jsonResponse('Datasets', OBJECT) },
      },
    },
    async () => {
      const { version, provenance } = node.risk.datasets;
      return { version, provenance };
    },
  );
  app.get(
    '/v1/risk/minerals',
    {
      schema: {
        tags: ['risk'],
        summary: 'Minerals, with the stages and years the datasets cover',
        response: { 200: jsonResponse('Minerals', OBJECT) },
      },
    },
    async () => {
      const byMineral = new Map<string, { mineral: string; stages: string[]; years: number[] }>();
      for (const s of node.risk.series()) {
        const m = byMineral.get(s.mineral) ?? { mineral: s.mineral, stages: [], years: [] };
        m.stages.push(s.stage);
        m.years = [...new Set([...m.years, ...s.years])].sort();
        byMineral.set(s.mineral, m);
      }
      return { minerals: [...byMineral.values()] };
    },
  );
  app.get(
    '/v1/risk/concentration',
    {
      schema: {
        tags: ['risk'],
        summary:
          'Top-down concentration per mineral and stage from the datasets: HHI (0–10,000), top-1, top-3, alliance share, governance-weighted HHI, the EU CRMA 65 % check; every series at its latest year without a mineral',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { mineral: MINERAL, stage: STAGE, year: YEAR },
        },
        response: { 200: jsonResponse('Concentration', OBJECT), ...problems },
      },
    },
    async (req) => {
      const q = req.query as { mineral?: string; stage?: string; year?: number };
      const series = node.risk
        .series()
        .filter(
          (s) =>
            (q.mineral === undefined || s.mineral === q.mineral) &&
            (q.stage === undefined || s.stage === q.stage),
        );
      if (q.mineral !== undefined && series.length === 0) {
        // Nothing to list: answer why (an unknown mineral, or no rows for the stage and year).
        const stage = q.stage ?? 'mining';
        return {
          items: [
            node.risk.concentration({
              mineral: q.mineral,
              stage,
              ...(q.year !== undefined && { year: q.year }),
            }),
          ],
        };
      }
      return {
        items: series.flatMap((s) => {
          const year = q.year ?? s.years.at(-1);
          if (year === undefined || !s.years.includes(year)) return [];
          return [node.risk.concentration({ mineral: s.mineral, stage: s.stage, year })];
        }),
      };
    },
  );
  app.get(
    '/v1/risk/compare',
    {
      schema: {
        tags: ['risk'],
        summary:
          "Top-down (datasets) beside bottom-up (this node's traced flows, by country of production) for a mineral and stage, with the differences explained",
        querystring: {
          type: 'object',
          required: ['mineral', 'stage'],
          additionalProperties: false,
          properties: { mineral: MINERAL, stage: STAGE, year: YEAR, from: TIME, to: TIME },
        },
        response: { 200: jsonResponse('Comparison', OBJECT), ...problems },
      },
    },
    async (req) => {
      const q = req.query as { mineral: string; stage: string; year?: number; from?: string; to?: string };
      const window =
        q.from !== undefined || q.to !== undefined
          ? { from: q.from ?? '1970-01-01T00:00:00Z', to: q.to ?? node.now() }
          : undefined;
      return node.risk.compare({
        mineral: q.mineral,
        stage: q.stage,
        ...(q.year !== undefined && { year: q.year }),
        ...(window !== undefined && { window }),
      });
    },
  );
  app.get(
    '/v1/risk/scenarios',
    {
      schema: {
        tags: ['risk'],
        summary: 'Scenario presets from the export controls in the datasets',
        response: { 200: jsonResponse('Presets', OBJECT) },
      },
    },
    async () => ({ presets: node.risk.presets() }),
  );
  app.post(
    '/v1/risk/scenario',
    {
      schema: {
        tags: ['risk'],
        summary:
          "A country restricts exports of a mineral at a stage by x %: lost world supply, the alliance's shortfall, alternatives ranked, every assumption explicit; with an operator, auditor or regulator token also the traced batches exposed",
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            preset: { type: 'string', maxLength: 200 },
            country: { type: 'string', pattern: '^[A-Z]{3}$' },
            mineral: MINERAL,
            stage: STAGE,
            restrictionPct: { type: 'number', minimum: 0, maximum: 100 },
            year: YEAR,
            parameters: { type: 'object', additionalProperties: { type: 'number' }, maxProperties: 32 },
          },
        },
        response: { 200: jsonResponse('The scenario result', OBJECT), ...problems },
      },
    },
    async (req) => {
      const traced = seesEverything(viewerOf(req));
      const result = node.risk.scenario(req.body as never, traced);
      return traced
        ? result
        : {
            ...result,
            notes: [...result.notes, 'exposed traced batches need an operator, auditor or regulator token'],
          };
    },
  );
  app.get(
    '/v1/risk/pipeline',
    {
      schema: {
        tags: ['risk'],
        summary:
          "The alliance's processing capacity pipeline to 2030: status-weighted projects, projected alliance share by year against the EU CRMA benchmarks, and the gap to each",
        querystring: { type: 'object', additionalProperties: false, properties: { mineral: MINERAL } },
        response: { 200: jsonResponse('Pipeline', OBJECT), ...problems },
      },
    },
    async (req) => {
      const { mineral } = req.query as { mineral?: string };
      return node.risk.pipeline(mineral === undefined ? {} : { mineral });
    },
  );
}
