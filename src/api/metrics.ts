import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LodestoneNode } from '../service/index.js';

export interface ApiMetrics {
  readonly registry: Registry;
  readonly requests: Histogram<'route' | 'status'>;
  readonly registrations: Counter<'result'>;
}

/** Metrics of one app instance (its own registry, so several nodes can live in one process). */
export function createMetrics(node: LodestoneNode): ApiMetrics {
  const registry = new Registry();
  const requests = new Histogram({
    name: 'lodestone_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const registrations = new Counter({
    name: 'lodestone_registrations_total',
    help: 'Statement registrations by result: created, duplicate, rejected (4xx), overloaded (503), failed (other 5xx)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'lodestone_log_size',
    help: 'Entries in the latest checkpoint',
    registers: [registry],
    collect() {
      this.set(node.size);
    },
  });
  new Gauge({
    name: 'lodestone_sequencer_pending',
    help: 'Entries waiting for integration',
    registers: [registry],
    collect() {
      this.set(node.pending);
    },
  });
  federationMetrics(node, registry);
  return { registry, requests, registrations };
}

/** Per peer (DESIGN.md §8): how far its cosignatures lag, whether it answers, whether it is trusted. */
function federationMetrics(node: LodestoneNode, registry: Registry): void {
  new Gauge({
    name: 'lodestone_peer_cosignature_lag',
    help: "Entries of this node's log the peer's witness has not cosigned yet",
    labelNames: ['origin'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of node.federationStatus().peers) this.set({ origin: p.origin }, p.lag);
    },
  });
  new Gauge({
    name: 'lodestone_peer_up',
    help: 'Whether the last exchange with the peer succeeded (1) or failed (0)',
    labelNames: ['origin'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of node.federationStatus().peers) this.set({ origin: p.origin }, p.lastError ? 0 : 1);
    },
  });
  new Gauge({
    name: 'lodestone_federation_alarms',
    help: 'Split-view alarms stored (two inconsistent checkpoints of one origin)',
    registers: [registry],
    collect() {
      this.set(node.federationStatus().alarms);
    },
  });
}
