import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { FACILITY_KINDS, ROLES, type TrustedBody } from '../../model/index.js';
import { type IdentityInput, type LodestoneNode, ServiceError } from '../../service/index.js';
import {
  jsonResponse,
  OPERATOR_RESPONSES,
  OPERATOR_SECURITY,
  PAGE_QUERY,
  pageOf,
  problemResponse,
  ROW_SCHEMA,
  UNAVAILABLE_RESPONSE,
} from '../schemas.js';

const jwk = {
  type: 'object',
  required: ['kty', 'crv', 'x'],
  properties: { kty: { const: 'OKP' }, crv: { const: 'Ed25519' }, x: { type: 'string', maxLength: 64 } },
  additionalProperties: false,
} as const;

const IDENTITY_BODY = {
  type: 'object',
  required: ['subject', 'legalName', 'registeredId', 'idScheme', 'country', 'roles', 'keys'],
  additionalProperties: false,
  properties: {
    subject: { type: 'string', maxLength: 2048, description: "the organisation's DID" },
    legalName: { type: 'string', minLength: 1, maxLength: 500 },
    registeredId: { type: 'string', minLength: 1, maxLength: 200 },
    idScheme: {
      type: 'object',
      required: ['id', 'name'],
      additionalProperties: false,
      properties: { id: { type: 'string', maxLength: 2048 }, name: { type: 'string', maxLength: 500 } },
    },
    country: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3' },
    roles: { type: 'array', maxItems: 8, uniqueItems: true, items: { enum: ROLES } },
    keys: {
      type: 'array',
      minItems: 1,
      maxItems: 16,
      items: {
        type: 'object',
        required: ['kid', 'jwk'],
        additionalProperties: false,
        properties: { kid: { type: 'string', maxLength: 2048 }, jwk },
      },
    },
    validFrom: { type: 'string', format: 'date-time' },
  },
} as const;

const keyParams = (name: string) =>
  ({
    type: 'object',
    required: [name],
    properties: { [name]: { type: 'string', minLength: 1, maxLength: 2048 } },
  }) as const;

const notFound = problemResponse('REGISTRY_NOT_FOUND');

/** The identity registry and facilities: public reads, and the operator's bootstrap of registrars. */
export function registryRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  operatorOnly: onRequestAsyncHookHandler,
): void {
  app.post(
    '/v1/operator/identities',
    {
      onRequest: operatorOnly,
      schema: {
        tags: ['registry'],
        summary:
          'The operator registers an organisation (typically a registrar): the node signs a DigitalIdentityAnchor with the operator key and registers it',
        security: OPERATOR_SECURITY,
        body: IDENTITY_BODY,
        response: {
          201: jsonResponse('Registered: the receipt', { $ref: 'Receipt#' }),
          200: jsonResponse('Already registered (the same bytes): the original receipt', {
            $ref: 'Receipt#',
          }),
          400: problemResponse('VALIDATION or MALFORMED_BODY'),
          ...OPERATOR_RESPONSES,
          409: problemResponse('IDENTITY_KEY_CONFLICT: a kid is bound to another key'),
          422: problemResponse('IDENTITY_*: the registration breaks a registry rule'),
          503: UNAVAILABLE_RESPONSE,
        },
      },
    },
    async (req, reply) => {
      const { receipt, created } = await node.registerIdentity(req.body as IdentityInput);
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/statements/${receipt.statement}`)
        .send(receipt);
    },
  );
  app.post(
    '/v1/operator/trust-list',
    {
      onRequest: operatorOnly,
      schema: {
        tags: ['certificates'],
        summary:
          "The operator publishes the alliance trust list (each member nation's accreditation bodies), effective now: the node signs a TrustList with the operator key and registers it",
        security: OPERATOR_SECURITY,
        body: {
          type: 'object',
          required: ['bodies'],
          additionalProperties: false,
          properties: {
            bodies: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              items: {
                type: 'object',
                required: ['did', 'name', 'country'],
                additionalProperties: false,
                properties: {
                  did: { type: 'string', minLength: 1, maxLength: 2048 },
                  name: { type: 'string', minLength: 1, maxLength: 500 },
                  country: { type: 'string', pattern: '^[A-Z]{3}$' },
                },
              },
            },
          },
        },
        response: {
          201: jsonResponse('Registered: the receipt', { $ref: 'Receipt#' }),
          200: jsonResponse('Already registered: the original receipt', { $ref: 'Receipt#' }),
          400: problemResponse('VALIDATION or MALFORMED_BODY'),
          ...OPERATOR_RESPONSES,
          422: problemResponse(
            'TRUST_LIST_INVALID or INTEROP_INVALID: a non-member country, a body twice, not a DID',
          ),
          503: UNAVAILABLE_RESPONSE,
        },
      },
    },
    async (req, reply) => {
      const { bodies } = req.body as { bodies: TrustedBody[] };
      const { receipt, created } = await node.publishTrustList(bodies);
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/statements/${receipt.statement}`)
        .send(receipt);
    },
  );
  app.get(
    '/v1/organizations',
    {
      schema: {
        tags: ['registry'],
        summary: 'Registered organisations',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...PAGE_QUERY, country: { type: 'string', pattern: '^[A-Z]{3}$' } },
        },
        response: { 200: jsonResponse('A page of organisations', pageOf(ROW_SCHEMA)) },
      },
    },
    async (req) => node.supply.organizations(req.query as never),
  );
  app.get(
    '/v1/organizations/:did',
    {
      schema: {
        tags: ['registry'],
        summary: 'An organisation with its keys and their lives',
        params: keyParams('did'),
        response: { 200: jsonResponse('The organisation', ROW_SCHEMA), 404: notFound },
      },
    },
    async (req) => {
      const { did } = req.params as { did: string };
      const org = node.supply.organization(did);
      if (!org) throw new ServiceError('REGISTRY_NOT_FOUND', `no organisation ${did}`);
      return org;
    },
  );
  app.get(
    '/v1/facilities',
    {
      schema: {
        tags: ['registry'],
        summary: 'Registered facilities',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...PAGE_QUERY,
            operator: { type: 'string', maxLength: 2048 },
            kind: { type: 'string', enum: FACILITY_KINDS },
            country: { type: 'string', pattern: '^[A-Z]{3}$' },
          },
        },
        response: { 200: jsonResponse('A page of facilities', pageOf(ROW_SCHEMA)) },
      },
    },
    async (req) => node.supply.facilities(req.query as never),
  );
  app.get(
    '/v1/facilities/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'A facility (its id is a URI: percent-encode it)',
        params: keyParams('id'),
        response: { 200: jsonResponse('The facility', ROW_SCHEMA), 404: notFound },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const facility = node.supply.facility(id);
      if (!facility) throw new ServiceError('REGISTRY_NOT_FOUND', `no facility ${id}`);
      return facility;
    },
  );
}
