import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { CASE_ACTIONS, CASE_OUTCOMES, type CaseActionKind, type CaseOutcome } from '../../model/index.js';
import type { LodestoneNode, Viewer } from '../../service/index.js';
import {
  jsonResponse,
  OPERATOR_RESPONSES,
  OPERATOR_SECURITY,
  pageOf,
  problemResponse,
  READER_RESPONSES,
  READER_SECURITY,
  RECEIPT_SCHEMA,
  ROW_SCHEMA,
} from '../schemas.js';
import { findingStream } from './findings-stream.js';

const SEVERITY = { enum: ['info', 'low', 'medium', 'high', 'critical'] } as const;
const FINDING_ID = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'the finding id (hex SHA-256)' };
const LIST = (description: string) => ({
  description,
  anyOf: [
    { type: 'string', minLength: 1, maxLength: 2048 },
    { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 2048 } },
  ],
});

const FINDINGS_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rule: LIST('rule id(s), e.g. LS-CAHRA-ORIGIN; repeat for several'),
    severity: { anyOf: [SEVERITY, { type: 'array', maxItems: 5, items: SEVERITY }] },
    subject: LIST('subject id(s): a DID, facility URI or batch URI'),
    statement: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'the raising statement' },
    after: {
      type: 'string',
      pattern: '^[0-9]{1,15}$',
      description: 'only findings with seq greater than this (the `next` cursor)',
    },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
} as const;

const CASE_BODY = {
  type: 'object',
  required: ['action'],
  additionalProperties: false,
  properties: {
    action: { enum: CASE_ACTIONS },
    assignee: { type: 'string', minLength: 1, maxLength: 2048, description: "the assignee's DID (assign)" },
    justification: {
      type: 'string',
      minLength: 1,
      maxLength: 4000,
      description: 'required to resolve and reopen',
    },
    outcome: { enum: CASE_OUTCOMES, description: 'required to resolve' },
  },
} as const;

interface FindingsQuery {
  rule?: string | string[];
  severity?: string | string[];
  subject?: string | string[];
  statement?: string;
  after?: string;
  limit: number;
}

/**
 * Compliance findings and cases (issue 5 parts 3, 4 and 7): the rule catalogue in force, findings with
 * filters, the live stream, and case actions. Findings need a token: the operator, auditors and
 * regulators see all, an organisation its own.
 */
export function findingRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  viewerOf: (req: FastifyRequest) => Viewer,
  operatorOnly: onRequestAsyncHookHandler,
): void {
  app.get(
    '/v1/compliance',
    {
      schema: {
        tags: ['findings'],
        summary:
          'The rule set in force (version, thresholds), the rule catalogue, the reference lists read, how far evaluation got, finding counts by rule and severity, and cases by status',
        response: { 200: jsonResponse('The compliance state', ROW_SCHEMA) },
      },
    },
    async () => node.findings.summary(),
  );
  app.get(
    '/v1/findings',
    {
      schema: {
        tags: ['findings'],
        summary: 'Findings, oldest first, filtered; each with its case',
        security: READER_SECURITY,
        querystring: FINDINGS_QUERY,
        response: { 200: jsonResponse('A page of findings', pageOf(ROW_SCHEMA)), ...READER_RESPONSES },
      },
    },
    async (req) => {
      const q = req.query as FindingsQuery;
      const items = node.findings.findingsFor(viewerOf(req), {
        ...(q.rule !== undefined && { rules: listOf(q.rule) }),
        ...(q.severity !== undefined && { severities: listOf(q.severity) }),
        ...(q.subject !== undefined && { subjects: listOf(q.subject) }),
        ...(q.statement !== undefined && { statement: q.statement }),
        after: q.after === undefined ? 0 : Number(q.after),
        limit: q.limit,
      });
      const last = items[items.length - 1];
      return { items, ...(items.length === q.limit && last !== undefined && { next: String(last.seq) }) };
    },
  );
  findingStream(app, node, viewerOf);
  app.get(
    '/v1/findings/:id',
    {
      schema: {
        tags: ['findings'],
        summary: 'One finding with its evidence and case',
        security: READER_SECURITY,
        params: { type: 'object', required: ['id'], properties: { id: FINDING_ID } },
        response: {
          200: jsonResponse('The finding', ROW_SCHEMA),
          ...READER_RESPONSES,
          404: problemResponse('FINDING_NOT_FOUND'),
        },
      },
    },
    async (req) => node.findings.findingFor(viewerOf(req), (req.params as { id: string }).id),
  );
  app.get(
    '/v1/cases',
    {
      schema: {
        tags: ['findings'],
        summary: 'Findings by case status (default: every case someone acted on), oldest first',
        security: READER_SECURITY,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { enum: ['open', 'acknowledged', 'assigned', 'resolved'] },
            after: FINDINGS_QUERY.properties.after,
            limit: FINDINGS_QUERY.properties.limit,
          },
        },
        response: { 200: jsonResponse('A page of findings', pageOf(ROW_SCHEMA)), ...READER_RESPONSES },
      },
    },
    async (req) => {
      const q = req.query as { status?: string; after?: string; limit: number };
      const items = node.findings.casesFor(viewerOf(req), {
        ...(q.status !== undefined && { status: q.status as never }),
        after: q.after === undefined ? 0 : Number(q.after),
        limit: q.limit,
      });
      const last = items[items.length - 1];
      return { items, ...(items.length === q.limit && last !== undefined && { next: String(last.seq) }) };
    },
  );
  app.post(
    '/v1/cases/:id',
    {
      onRequest: operatorOnly,
      schema: {
        tags: ['findings'],
        summary:
          'Act on the case of a finding as the operator: the node signs and logs a ComplianceCaseAction. Auditors and regulators sign their own and register them at /v1/statements',
        security: OPERATOR_SECURITY,
        params: { type: 'object', required: ['id'], properties: { id: FINDING_ID } },
        body: CASE_BODY,
        response: {
          201: jsonResponse('The logged action: its receipt and the case after it', {
            type: 'object',
            required: ['receipt', 'case'],
            properties: { receipt: RECEIPT_SCHEMA, case: ROW_SCHEMA },
          }),
          400: problemResponse('VALIDATION: a body that does not match the schema'),
          ...OPERATOR_RESPONSES,
          404: problemResponse('FINDING_NOT_FOUND'),
          409: problemResponse('CASE_TRANSITION_INVALID'),
          422: problemResponse(
            'INTEROP_INVALID: an action without what it needs (assignee, outcome, justification)',
          ),
        },
      },
    },
    async (req, reply) => {
      const finding = (req.params as { id: string }).id;
      const body = req.body as {
        action: CaseActionKind;
        assignee?: string;
        justification?: string;
        outcome?: CaseOutcome;
      };
      const result = await node.findings.actOnCase({ finding, ...body });
      return reply.code(201).send(result);
    },
  );
}

function listOf(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}
