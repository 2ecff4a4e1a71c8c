import type { FastifyInstance } from 'fastify';
import { CONFORMITY_TOPICS } from '../../model/index.js';
import { type LodestoneNode, ServiceError } from '../../service/index.js';
import { jsonResponse, problemResponse, ROW_SCHEMA, textResponse } from '../schemas.js';

const AT = {
  type: 'string',
  format: 'date-time',
  description: 'judge as of this time (default: now)',
} as const;
const URI = { type: 'string', minLength: 1, maxLength: 2048 } as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { ...URI, description: 'the credential id (URI), percent-encoded' } },
} as const;

const CREDENTIAL_BODY = {
  type: 'object',
  required: ['credential'],
  additionalProperties: false,
  properties: {
    credential: {
      description:
        'A compact JWS (vc+jwt), or an EnvelopedVerifiableCredential whose id is data:application/vc+jwt,<JWS>',
      oneOf: [
        { type: 'string', minLength: 1, maxLength: 1_048_576 },
        { type: 'object', additionalProperties: true },
      ],
    },
    at: AT,
  },
} as const;

const RESULT_SCHEMA = {
  type: 'object',
  required: ['verified', 'at', 'credential', 'checks'],
  additionalProperties: true,
  properties: {
    verified: { type: 'boolean' },
    at: { type: 'string' },
    credential: ROW_SCHEMA,
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['check', 'status', 'reason', 'evidence'],
        additionalProperties: false,
        properties: {
          check: {
            enum: [
              'format',
              'signature',
              'issuer',
              'accreditation',
              'scope',
              'validity',
              'status',
              'subject',
            ],
          },
          status: { enum: ['pass', 'fail', 'skip'] },
          reason: { type: 'string' },
          evidence: ROW_SCHEMA,
        },
      },
    },
  },
} as const;

const notFound = problemResponse('CREDENTIAL_NOT_FOUND');

/**
 * Certificates and the trust registry (issue 4): verification of a presented certificate, registered
 * certificates, certification as of a time, claims, status lists and the trust bundle. All public:
 * certificates are made to be shown, and the registry is what lets anyone check them.
 */
export function certificateRoutes(app: FastifyInstance, node: LodestoneNode): void {
  const at = (query: { at?: string }): string => query.at ?? node.now();
  app.post(
    '/v1/credentials/verify',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'Verify a certificate: one entry per check (signature, issuer, accreditation chain, scope, validity, status, subject), each pass/fail/skip with reason and evidence',
        body: CREDENTIAL_BODY,
        response: {
          200: jsonResponse('The verdict (verified or not: read the checks)', RESULT_SCHEMA),
          400: problemResponse('VALIDATION or MALFORMED_BODY'),
        },
      },
    },
    async (req) => {
      const body = req.body as { credential: unknown; at?: string };
      return node.certificates.verify(body.credential, body.at ?? node.now());
    },
  );
  app.get(
    '/v1/certificates',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Registered certificates with their verdict at a time',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { subject: URI, issuer: URI, scheme: URI, at: AT },
        },
        response: {
          200: jsonResponse('Certificates, in registration order', {
            type: 'object',
            properties: { items: { type: 'array', items: ROW_SCHEMA } },
          }),
        },
      },
    },
    async (req) => {
      const q = req.query as { subject?: string; issuer?: string; scheme?: string; at?: string };
      return { items: node.certificates.list(q, at(q)) };
    },
  );
  app.get(
    '/v1/certificates/:id',
    {
      schema: {
        tags: ['certificates'],
        summary: 'A registered certificate: summary, its JWS and the full verdict',
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { at: AT } },
        response: { 200: jsonResponse('The certificate', ROW_SCHEMA), 404: notFound },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const found = node.certificates.get(id, at(req.query as { at?: string }));
      if (found === undefined) throw new ServiceError('CREDENTIAL_NOT_FOUND', `no certificate ${id}`);
      return found;
    },
  );
  app.get(
    '/v1/certification',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'Whether a facility, organisation or batch held a trusted certificate at a time (of a scheme or topic), with every candidate certificate and its verdict',
        querystring: {
          type: 'object',
          required: ['subject'],
          additionalProperties: false,
          properties: { subject: URI, scheme: URI, topic: { enum: CONFORMITY_TOPICS }, at: AT },
        },
        response: { 200: jsonResponse('The certification status', ROW_SCHEMA) },
      },
    },
    async (req) => {
      const q = req.query as {
        subject: string;
        scheme?: string;
        topic?: (typeof CONFORMITY_TOPICS)[number];
        at?: string;
      };
      return node.certificates.certification(q.subject, at(q), {
        ...(q.scheme !== undefined && { scheme: q.scheme }),
        ...(q.topic !== undefined && { topic: q.topic }),
      });
    },
  );
  app.post(
    '/v1/claims/check',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'Check each conformity claim of a product passport or facility record (decoded credential JSON): verified only when a trusted certificate assesses the same subject, topic and criterion with conformance true',
        body: {
          type: 'object',
          required: ['credential'],
          additionalProperties: false,
          properties: { credential: { type: 'object', additionalProperties: true }, at: AT },
        },
        response: {
          200: jsonResponse('One result per claim', {
            type: 'object',
            properties: { claims: { type: 'array', items: ROW_SCHEMA } },
          }),
          400: problemResponse('VALIDATION or MALFORMED_BODY'),
          422: problemResponse('INTEROP_*: the credential or its claims are malformed'),
        },
      },
    },
    async (req) => {
      const body = req.body as { credential: unknown; at?: string };
      return { claims: node.certificates.claims(body.credential, at(body)) };
    },
  );
  app.get(
    '/v1/status-lists/:id',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'A W3C BitstringStatusListCredential as its issuer published it (the version in force at `at`, default the latest), as application/vc+jwt',
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { at: AT } },
        response: { 200: textResponse('The status list credential', 'application/vc+jwt'), 404: notFound },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const list = node.certificates.statusList(id, (req.query as { at?: string }).at);
      if (list === undefined) throw new ServiceError('CREDENTIAL_NOT_FOUND', `no status list ${id}`);
      return reply.type('application/vc+jwt').send(list.jws);
    },
  );
  app.get(
    '/v1/trust',
    {
      schema: {
        tags: ['certificates'],
        summary: 'The alliance trust list (every version) and the accreditations with their status history',
        response: { 200: jsonResponse('The trust registry', ROW_SCHEMA) },
      },
    },
    async () => node.certificates.registry(),
  );
  app.get(
    '/v1/trust/bundle',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'A trust bundle for offline verification (`lodestone verify credential --bundle`): the registry and every trust statement, signed by the operator',
        response: { 200: jsonResponse('The signed bundle', ROW_SCHEMA) },
      },
    },
    async () => node.trustBundle(),
  );
}
