/**
 * A small federation in one process (issue 8): one node per member nation, each with its own data
 * directory, listening on loopback, witnessing and peering with every other (full mesh, DESIGN.md §8).
 * The operators register a little activity now and then, so checkpoints grow and cosignatures flow,
 * and whoever runs it can watch the federation on each node's dashboard (`#/federation`). Optionally, a
 * lot of cobalt hydroxide crosses from the first member to the second (see `cross-border.ts`).
 */
import { join } from 'node:path';
import { generateEd25519, jwkFromPublicKey } from '../../crypto/index.js';
import type { PeerConfig, WitnessedLog } from '../../federation/index.js';
import type { TrustedBody } from '../../model/index.js';
import { LodestoneNode } from '../node.js';
import { loadOrCreateOperatorToken } from '../operator-token.js';
import type { PeeringOptions } from '../peering.js';
import { CrossBorderShipment, type CrossBorderStatus } from './cross-border.js';

export type { CrossBorderStatus } from './cross-border.js';

/** The alliance members, in the order the demo starts them (alpha-3, English name). */
export const FEDERATION_MEMBERS: readonly { readonly country: string; readonly name: string }[] = [
  { country: 'CAN', name: 'Canada' },
  { country: 'DEU', name: 'Germany' },
  { country: 'JPN', name: 'Japan' },
  { country: 'USA', name: 'United States' },
  { country: 'FRA', name: 'France' },
  { country: 'GBR', name: 'United Kingdom' },
  { country: 'ITA', name: 'Italy' },
];

export const MIN_FEDERATION_NODES = 2;
export const MAX_FEDERATION_NODES = FEDERATION_MEMBERS.length;

/** Rounds every second: a newcomer sees cosignatures arrive while watching. */
export const DEMO_PEERING: PeeringOptions = { intervalMs: 1000, maxBackoffMs: 5000, timeoutMs: 2000 };

/** Starts a node's HTTP server (the API layer's `startServer`, injected: the service never imports it). */
export type DemoServerStarter = (options: {
  node: LodestoneNode;
  operatorToken: string;
  port: number;
  host: string;
  logLevel: string | false;
}) => Promise<{ url: string; close(): Promise<void> }>;

export interface FederationDemoOptions {
  /** Parent directory: one data directory per member under it (`<dataDir>/can`, …), reused when present. */
  readonly dataDir: string;
  /** How many members, 2 to 7 (default 3). */
  readonly nodes?: number;
  /** The first member's port; the others follow. 0: ephemeral ports (tests). Default 8711. */
  readonly basePort?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly startServer: DemoServerStarter;
  /** Milliseconds between each operator's registrations; 0 registers nothing. Default 2000. */
  readonly activityMs?: number;
  /** Default {@link DEMO_PEERING}. */
  readonly peering?: PeeringOptions;
  /**
   * Once the nodes peer, ship a lot from the first member to the second and receive it there against
   * the first's witnessed receipts. Default false.
   */
  readonly crossBorder?: boolean;
  /** Progress of the cross-border shipment, one line at a time (`cross-border: …`). */
  readonly onProgress?: (line: string) => void;
}

export interface FederationMember {
  readonly country: string;
  readonly name: string;
  readonly origin: string;
  readonly vkey: string;
  readonly witnessVkey: string;
  readonly dataDir: string;
  readonly url: string;
  /** Where the operator token is: its file, or `env` (LODESTONE_OPERATOR_TOKEN). */
  readonly tokenSource: string;
  readonly node: LodestoneNode;
}

/** One member's state, as the demo prints it. */
export interface MemberStatus {
  readonly country: string;
  readonly origin: string;
  readonly url: string;
  readonly size: number;
  /** Cosignatures on the checkpoint the node serves (beyond the log's own signature). */
  readonly cosignatures: number;
  readonly peers: readonly {
    readonly origin: string;
    readonly cosignedSize: number;
    readonly lag: number;
    readonly trusted: boolean;
    readonly lastError: string | null;
  }[];
  readonly alarms: number;
  /** The last registration of the demo's activity that failed, if the latest did. */
  readonly activityError: string | null;
}

export interface FederationDemoStatus {
  readonly time: string;
  readonly members: readonly MemberStatus[];
  /** Null without a cross-border shipment, or until it is shipped. */
  readonly crossBorder: CrossBorderStatus | null;
}

export interface FederationDemo {
  readonly members: readonly FederationMember[];
  status(): FederationDemoStatus;
  /** Stop the activity, then close every server and node (in parallel). */
  close(): Promise<void>;
}

/** `lodestone.local/federation/can`. */
export function federationOrigin(country: string): string {
  return `lodestone.local/federation/${country.toLowerCase()}`;
}

/**
 * Start the federation: open each member's node (a first open creates its log and witness keys, which
 * the others need to witness it), listen, then peer everyone with everyone.
 * @throws whatever opening a node or listening throws (a port in use…), after closing what was started
 */
export async function startFederationDemo(options: FederationDemoOptions): Promise<FederationDemo> {
  const count = options.nodes ?? 3;
  if (!Number.isInteger(count) || count < MIN_FEDERATION_NODES || count > MAX_FEDERATION_NODES) {
    throw new RangeError(`a federation demo has ${MIN_FEDERATION_NODES} to ${MAX_FEDERATION_NODES} nodes`);
  }
  const host = options.host ?? '127.0.0.1';
  const basePort = options.basePort ?? 8711;
  const ids = await Promise.all(FEDERATION_MEMBERS.slice(0, count).map((m) => identify(options.dataDir, m)));
  const started: { member: FederationMember; close(): Promise<void> }[] = [];
  try {
    for (const [i, id] of ids.entries()) {
      const witnessedLogs: WitnessedLog[] = ids
        .filter((o) => o !== id)
        .map((o) => ({ origin: o.origin, vkey: o.vkey }));
      const node = LodestoneNode.open({ dataDir: id.dataDir, verifyThreads: 0, witnessedLogs });
      let server: Awaited<ReturnType<DemoServerStarter>>;
      let token: ReturnType<typeof loadOrCreateOperatorToken>;
      try {
        token = loadOrCreateOperatorToken(id.dataDir);
        server = await options.startServer({
          node,
          operatorToken: token.token,
          port: basePort === 0 ? 0 : basePort + i,
          host,
          logLevel: false,
        });
      } catch (err) {
        await node.close();
        throw err;
      }
      started.push({
        member: { ...id, url: server.url, tokenSource: token.source, node },
        close: () => server.close(),
      });
    }
    const members = started.map((s) => s.member);
    await Promise.all(
      members.map((m) => m.node.startPeering(peersOf(m, members), options.peering ?? DEMO_PEERING)),
    );
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
  const members = started.map((s) => s.member);
  const activity = members.map((m) => new Activity(m, members, options.activityMs ?? 2000));
  const [from, to] = members;
  const shipment =
    options.crossBorder && from && to
      ? new CrossBorderShipment({ from, to }, options.onProgress ?? (() => {}))
      : undefined;
  return {
    members,
    status: () => ({
      time: new Date().toISOString(),
      members: members.map((m, i) => memberStatus(m, activity[i]?.error)),
      crossBorder: shipment?.status() ?? null,
    }),
    close: async () => {
      await Promise.all([shipment?.stop(), ...activity.map((a) => a.stop())]);
      await Promise.all(started.map((s) => s.close()));
    },
  };
}

type MemberId = Omit<FederationMember, 'url' | 'tokenSource' | 'node'>;

/** Open the member's node once to learn (or create) its log and witness keys, then close it. */
async function identify(parent: string, member: { country: string; name: string }): Promise<MemberId> {
  const dataDir = join(parent, member.country.toLowerCase());
  const origin = federationOrigin(member.country);
  const node = LodestoneNode.open({ dataDir, origin, verifyThreads: 0 });
  const id = { ...member, origin, vkey: node.info.vkey, witnessVkey: node.witness.info.vkey, dataDir };
  await node.close();
  return id;
}

function peersOf(m: FederationMember, all: readonly FederationMember[]): PeerConfig[] {
  return all
    .filter((o) => o !== m)
    .map((o) => ({ origin: o.origin, vkey: o.vkey, url: o.url, witnessVkey: o.witnessVkey }));
}

function memberStatus(m: FederationMember, activityError: string | undefined): MemberStatus {
  const federation = m.node.federationStatus();
  return {
    country: m.country,
    origin: m.origin,
    url: m.url,
    size: m.node.size,
    cosignatures: cosignatureCount(m.node.cosignedCheckpoint()),
    peers: federation.peers.map((p) => ({
      origin: p.origin,
      cosignedSize: p.cosignedSize,
      lag: p.lag,
      trusted: p.trusted,
      lastError: p.lastError,
    })),
    alarms: federation.alarms,
    activityError: activityError ?? null,
  };
}

/** Signature lines of a signed note beyond the first (the log's own). */
function cosignatureCount(note: string): number {
  const signatures = note.slice(note.indexOf('\n\n') + 2);
  return Math.max(0, signatures.split('\n').filter((l) => l.startsWith('— ')).length - 1);
}

/**
 * A member's operator at work: every `ms`, one registration — mostly a new organisation (with a fresh
 * key), every third time the alliance trust list (naming each member's accreditation body). One at a
 * time: a tick while the previous registration is in flight is skipped.
 */
class Activity {
  readonly #member: FederationMember;
  readonly #bodies: readonly TrustedBody[];
  readonly #timer: NodeJS.Timeout | undefined;
  #ticks = 0;
  #running: Promise<void> | undefined;
  error: string | undefined;

  constructor(member: FederationMember, all: readonly FederationMember[], ms: number) {
    this.#member = member;
    this.#bodies = all.map((m) => ({
      did: `did:web:accreditation.${m.country.toLowerCase()}.federation.example`,
      name: `${m.name} accreditation body`,
      country: m.country,
    }));
    this.#timer = ms > 0 ? setInterval(() => this.#tick(), ms) : undefined;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  #tick(): void {
    if (this.#running) return;
    const n = this.#ticks++;
    this.#running = this.#register(n)
      .then(
        () => {
          this.error = undefined;
        },
        (err: unknown) => {
          this.error = err instanceof Error ? err.message : String(err);
        },
      )
      .finally(() => {
        this.#running = undefined;
      });
  }

  async #register(n: number): Promise<void> {
    const { node, country, name } = this.#member;
    if (n % 3 === 2) {
      await node.publishTrustList(this.#bodies);
      return;
    }
    const cc = country.toLowerCase();
    // Named after the log size: unique across restarts of the demo on the same directory.
    const slug = `org-${node.size}`;
    const did = `did:web:${slug}.${cc}.federation.example`;
    const { publicKey } = generateEd25519();
    await node.registerIdentity({
      subject: did,
      legalName: `${name} demo organisation ${node.size}`,
      registeredId: `${country}-${node.size}`,
      idScheme: { id: `urn:lodestone:federation-demo:${cc}`, name: `${name} demo register` },
      country,
      roles: ['producer'],
      keys: [{ kid: `${did}#key-1`, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwkFromPublicKey(publicKey).x } }],
    });
  }
}
