import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  emrtCsv,
  emrtRows,
  emrtXlsx,
  type LodestoneNode,
  type ReportSubject,
  renderReportHtml,
  ServiceError,
  type Viewer,
} from '../../service/index.js';
import { problemResponse, READER_RESPONSES, READER_SECURITY, ROW_SCHEMA, textResponse } from '../schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SUBJECT = {
  organization: { type: 'string', minLength: 1, maxLength: 2048, description: "the organisation's DID" },
  batch: { type: 'string', minLength: 1, maxLength: 2048, description: 'a batch URI (a product)' },
  at: { type: 'string', format: 'date-time', description: 'as of this time (default: now)' },
} as const;

interface SubjectQuery {
  organization?: string;
  batch?: string;
  at?: string;
}

/**
 * Due-diligence reports (issue 5 part 6): after the OECD five steps as JSON or a printable HTML page,
 * and the RMI EMRT smelter and mine lists as CSV (one tab) or .xlsx (both).
 */
export function reportRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  viewerOf: (req: FastifyRequest) => Viewer,
): void {
  const report = (req: FastifyRequest) => {
    const q = req.query as SubjectQuery;
    return node.dueDiligence(viewerOf(req), subjectOf(q), q.at ?? node.now());
  };
  app.get(
    '/v1/reports/due-diligence',
    {
      schema: {
        tags: ['findings'],
        summary:
          'Due-diligence report on an organisation or a product batch, structured after the OECD five steps; format=html gives a printable page',
        security: READER_SECURITY,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...SUBJECT, format: { enum: ['json', 'html'], default: 'json' } },
        },
        response: {
          200: {
            description: 'The report',
            content: {
              'application/json': { schema: ROW_SCHEMA },
              'text/html': { schema: { type: 'string' } },
            },
          },
          400: problemResponse('BAD_QUERY: name exactly one of organization and batch'),
          ...READER_RESPONSES,
          404: problemResponse('REGISTRY_NOT_FOUND or BATCH_NOT_FOUND'),
        },
      },
    },
    async (req, reply) => {
      const result = report(req);
      if ((req.query as { format?: string }).format !== 'html') return result;
      return reply.type('text/html; charset=utf-8').send(renderReportHtml(result));
    },
  );
  app.get(
    '/v1/reports/emrt',
    {
      schema: {
        tags: ['findings'],
        summary:
          'The RMI EMRT 2.1 "Smelter List" and "Mine List" of an organisation or a product: format=xlsx (both tabs) or csv with tab=smelters|mines',
        security: READER_SECURITY,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...SUBJECT,
            format: { enum: ['csv', 'xlsx'], default: 'xlsx' },
            tab: { enum: ['smelters', 'mines'], default: 'smelters', description: 'the tab, for csv' },
          },
        },
        response: {
          200: textResponse('The lists', XLSX),
          400: problemResponse('BAD_QUERY: name exactly one of organization and batch'),
          ...READER_RESPONSES,
          404: problemResponse('REGISTRY_NOT_FOUND or BATCH_NOT_FOUND'),
        },
      },
    },
    async (req, reply) => {
      const q = req.query as SubjectQuery & { format: 'csv' | 'xlsx'; tab: 'smelters' | 'mines' };
      const rows = emrtRows(report(req));
      if (q.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="emrt-${q.tab}.csv"`)
          .send(emrtCsv(rows, q.tab));
      }
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="emrt.xlsx"')
        .send(await emrtXlsx(rows));
    },
  );
}

function subjectOf(q: SubjectQuery): ReportSubject {
  if (q.organization !== undefined && q.batch === undefined)
    return { kind: 'organization', did: q.organization };
  if (q.batch !== undefined && q.organization === undefined) return { kind: 'batch', id: q.batch };
  throw new ServiceError('BAD_QUERY', 'name exactly one of organization and batch');
}
