import type { FastifyInstance } from 'fastify';
import {
  MAX_WEBHOOK_URL_LENGTH,
  ServiceError,
  WEBHOOK_SEVERITIES,
  type WebhookDispatcher,
  type WebhookRegistration,
} from '../../service/index.js';
import { requireOperator } from '../auth.js';
import {
  jsonResponse,
  OPERATOR_RESPONSES,
  OPERATOR_SECURITY,
  problemResponse,
  ROW_SCHEMA,
} from '../schemas.js';

export interface WebhookRouteDeps {
  readonly dispatcher: WebhookDispatcher;
  readonly operatorToken: string;
}

const WEBHOOK_BODY = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: {
      type: 'string',
      maxLength: MAX_WEBHOOK_URL_LENGTH,
      description: 'the receiver: an absolute http(s) URL without credentials',
    },
    minSeverity: { enum: WEBHOOK_SEVERITIES, description: 'only findings of this severity or above' },
    rules: {
      type: 'array',
      maxItems: 100,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 200 },
      description: 'only findings of these rule ids',
    },
    since: {
      type: 'integer',
      minimum: 0,
      description: 'replay findings with seq above this (default: only findings raised from now on)',
    },
  },
} as const;

const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

const notFound = problemResponse('WEBHOOK_NOT_FOUND');

/**
 * Webhook subscriptions to compliance findings (Standard Webhooks, signed): operator only. The secret is
 * shown once, in the answer to the POST.
 */
export function webhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): void {
  const { dispatcher } = deps;
  const onRequest = requireOperator(deps.operatorToken);
  const common = { tags: ['findings'], security: OPERATOR_SECURITY };
  app.post(
    '/v1/webhooks',
    {
      onRequest,
      schema: {
        ...common,
        summary:
          'Register a webhook: each finding raised from now on (or after `since`) is POSTed to it, signed',
        body: WEBHOOK_BODY,
        response: {
          201: jsonResponse('The webhook, with its `whsec_` signing secret (shown only here)', ROW_SCHEMA),
          400: problemResponse('VALIDATION, WEBHOOK_URL_INVALID or WEBHOOK_SINCE_INVALID'),
          ...OPERATOR_RESPONSES,
        },
      },
    },
    async (req, reply) => {
      const webhook = dispatcher.register(req.body as WebhookRegistration);
      return reply.code(201).header('location', `/v1/webhooks/${webhook.id}`).send(webhook);
    },
  );
  app.get(
    '/v1/webhooks',
    {
      onRequest,
      schema: {
        ...common,
        summary: 'The webhooks and their delivery state (no secrets)',
        response: {
          200: jsonResponse('The webhooks, oldest first', {
            type: 'object',
            properties: { items: { type: 'array', items: ROW_SCHEMA } },
          }),
          ...OPERATOR_RESPONSES,
        },
      },
    },
    async () => ({ items: dispatcher.status() }),
  );
  app.get(
    '/v1/webhooks/:id',
    {
      onRequest,
      schema: {
        ...common,
        summary: 'One webhook and its delivery state (no secret)',
        params: ID_PARAMS,
        response: { 200: jsonResponse('The webhook', ROW_SCHEMA), ...OPERATOR_RESPONSES, 404: notFound },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const status = dispatcher.statusOf(id);
      if (status === undefined) throw notFoundError(id);
      return status;
    },
  );
  app.delete(
    '/v1/webhooks/:id',
    {
      onRequest,
      schema: {
        ...common,
        summary: 'Delete a webhook: nothing more is delivered to it',
        params: ID_PARAMS,
        response: { 204: { description: 'Deleted' }, ...OPERATOR_RESPONSES, 404: notFound },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      if (!dispatcher.remove(id)) throw notFoundError(id);
      return reply.code(204).send();
    },
  );
}

function notFoundError(id: string): ServiceError {
  return new ServiceError('WEBHOOK_NOT_FOUND', `no webhook ${id}`);
}
