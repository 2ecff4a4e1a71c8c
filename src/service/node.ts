import { mkdirSync } from 'node:fs';
import { RULE_SETS, type RuleSet } from '../compliance/index.js';
import { TrustBook } from '../credentials/index.js';
import {
  type CryptoError,
  canonicalize,
  createSignatureVerifier,
  fromBase64Url,
  type SignatureVerifier,
  sha256Hex,
} from '../crypto/index.js';
import type { Ledger } from '../custody/index.js';
import { appendSignatures, checkPeer, type PeerConfig, type WitnessedLog } from '../federation/index.js';
import { identityCredential, trustListCredential } from '../interop/index.js';
import { buildConsistencyProof, buildInclusionProof, LogError, Sequencer } from '../log/index.js';
import {
  createEntry,
  decodeEntry,
  encodeEntry,
  type IdentityRegistration,
  type PublicJwk,
  type SupplyStatement,
  statementId,
  type TrustedBody,
} from '../model/index.js';
import { type Alarm, type AlarmDecision, type LedgerRecord, SqliteStore } from '../store/index.js';
import { authenticate, canReadStatement, type Viewer } from './access.js';
import { CertificateQueries } from './certificates.js';
import { type ExportBundle, exportShipment, foreignOrigins, verifyArrival } from './cross-border.js';
import { ServiceError } from './errors.js';
import {
  ComplianceMonitor,
  ComplianceQueries,
  loadReferenceLists,
  referenceFolderOf,
  WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './findings/index.js';
import { FlowIndex, type ProducedFlow } from './flow-index.js';
import { type ForeignReceiptVerification, verifyForeignReceipt } from './foreign-receipt.js';
import { type LogIdentity, loadOrCreateIdentity } from './identity.js';
import { lockDataDirectory } from './lock.js';
import { loadOrCreateOperator, type OperatorIdentity } from './operator.js';
import { parseStatement } from './parse.js';
import { Peering, type PeeringOptions, type PeerStatus } from './peering.js';
import { proofToBase64, type Receipt } from './receipt.js';
import { replayLedger } from './replay.js';
import { type DueDiligenceReport, type ReportSubject, reportFor } from './reports/index.js';
import { datasetsFolderOf, RiskQueries } from './risk.js';
import { SupplyQueries } from './supply-queries.js';
import { entryBundleBytes, tileBytes } from './tiles.js';
import {
  directoryData,
  signBundle,
  TRUST_BUNDLE_TYPE,
  type TrustBundle,
  trustStatementIds,
} from './trust-bundle.js';
import { LedgerDirectory } from './trust-directory.js';
import { UpstreamIndex } from './upstream-index.js';
import { VERSION } from './version.js';
import { loadOrCreateWitnessKey, WitnessService } from './witness.js';

export interface NodeOptions {
  /** Data directory (created if missing). */
  readonly dataDir: string;
  /** Log origin for a new data directory; must match an existing one. */
  readonly origin?: string;
  /** Largest statement accepted, in bytes. */
  readonly maxStatementBytes?: number;
  /** Sequencer tuning. */
  readonly maxBatch?: number;
  readonly maxDelayMs?: number;
  /** Most registrations in progress at once (verifying or waiting for integration); beyond: 503. */
  readonly maxPending?: number;
  /** Most statement bytes in progress at once; beyond: 503. */
  readonly maxPendingBytes?: number;
  /** Clock for registration times (tests). */
  readonly now?: () => number;
  /** Threads verifying signatures beside the event loop; 0 verifies inline. Default: cores − 1. */
  readonly verifyThreads?: number;
  /** Other logs this node witnesses (tlog-witness), beside its own. */
  readonly witnessedLogs?: readonly WitnessedLog[];
  /** Clock for witness cosignature timestamps, POSIX seconds (tests). */
  readonly witnessClock?: () => number;
  /**
   * Peer nodes (DESIGN.md §8): their logs are witnessed, and peering with them starts at open. None
   * (the default): no timers, no network.
   */
  readonly peers?: readonly PeerConfig[];
  /** Peering timings (tests). */
  readonly peering?: PeeringOptions;
  /** The compliance rule set findings are evaluated under. Default: the latest shipped. */
  readonly ruleSet?: RuleSet;
  /** Reference lists (areas, sanctions) to evaluate against. Default: `<dataDir>/compliance-data`. */
  readonly referenceFolder?: string;
  /** Webhook delivery timings (tests). */
  readonly webhooks?: Pick<WebhookDispatcherOptions, 'backoff' | 'timeoutMs' | 'random'>;
}

/** `GET /v1/federation/status`: the peers and the number of split-view alarms. */
export interface FederationStatus {
  readonly peers: readonly PeerStatus[];
  readonly alarms: number;
  /** Origins with a split-view alarm: their checkpoints are not to be trusted. */
  readonly untrusted: readonly string[];
}

/** Public facts about this node, served at `/.well-known/lodestone`. */
export interface NodeInfo {
  readonly origin: string;
  /** The checkpoint verifier key, signed-note vkey format. */
  readonly vkey: string;
  /** The node operator's DID: the root of the identity registry. */
  readonly operator: string;
  readonly version: string;
}

/** What the operator says about an organisation it registers (the operator signs the credential). */
export type IdentityInput = Omit<IdentityRegistration, 'kind' | 'validFrom'> & {
  readonly validFrom?: string;
};

export interface Registration {
  readonly receipt: Receipt;
  /** False when identical bytes were registered before: the receipt has the original entry and index. */
  readonly created: boolean;
}

export const DEFAULT_MAX_STATEMENT_BYTES = 256 * 1024;
export const DEFAULT_MAX_PENDING = 16_384;
export const DEFAULT_MAX_PENDING_BYTES = 128 * 1024 * 1024;

/**
 * One Lodestone node: the composition root that wires the store, the log and the ledger (identity
 * registry and custody) into the use-cases the API and the CLI expose.
 */
export class LodestoneNode {
  readonly info: NodeInfo;
  readonly operator: OperatorIdentity;
  /** Reads of the registry, facilities and batches (committed state only). */
  readonly supply: SupplyQueries;
  /** The node's tlog-witness: cosigns its own log's checkpoints and those of `witnessedLogs`. */
  readonly witness: WitnessService;
  /** Certificates: verification, listing, certification as of a time, claims, status lists. */
  readonly certificates: CertificateQueries;
  /** The supply-risk observatory over the shipped datasets and this node's traced flows. */
  readonly risk: RiskQueries;
  /** Continuous compliance audit: evaluates each statement right after its commit (DESIGN.md §7). */
  readonly compliance: ComplianceMonitor;
  /** Findings, cases and the audit summary, as each viewer may see them. */
  readonly findings: ComplianceQueries;
  /** Delivers findings to registered webhooks, signed, at least once. */
  readonly webhooks: WebhookDispatcher;
  readonly #directory: LedgerDirectory;
  readonly #store: SqliteStore;
  readonly #sequencer: Sequencer<LedgerRecord>;
  /** The registry and custody state every registration is checked against, including statements in flight. */
  #ledger: Ledger;
  /** The trust registry (trust lists, accreditations, certificates, status lists), in step with the ledger. */
  #trust = new TrustBook();
  /** Origin facilities on other member nations' logs, from the provenance summaries of imported batches. */
  readonly #foreign = new Map<string, { country: string; name: string }>();
  /** Committed batches and edges, for provenance graphs. */
  #graph = new UpstreamIndex();
  /** Element mass produced per stage and facility, for bottom-up concentration (committed only). */
  #flows = new FlowIndex();
  /** The commit failure the ledger was last rebuilt after. */
  #recoveredFrom: unknown;
  readonly #rawKeys = new Map<string, Uint8Array>();
  readonly #inFlight = new Map<string, Promise<Registration>>();
  #inFlightBytes = 0;
  readonly #maxInFlight: number;
  readonly #maxInFlightBytes: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  readonly #verifier: SignatureVerifier;

  readonly #unlock: () => void;
  #closed = false;
  #peering: Peering | undefined;

  private constructor(
    store: SqliteStore,
    identity: LogIdentity,
    operator: OperatorIdentity,
    unlock: () => void,
    options: NodeOptions,
  ) {
    this.#store = store;
    // First: a bad witness configuration must throw before threads and the sequencer exist.
    this.witness = openWitness(store, identity, options);
    this.operator = operator;
    this.#ledger = this.#replay();
    this.#directory = new LedgerDirectory(() => this.#ledger, operator.did);
    this.certificates = new CertificateQueries(() => this.#trust, this.#directory);
    this.supply = new SupplyQueries(
      store,
      () => this.#graph,
      (facility, at, filter) => this.certificates.certification(facility, at, filter).certified,
      () => this.#now(),
      (facility) => this.#foreign.get(facility),
    );
    this.risk = new RiskQueries(() => this.#flows.flows(), this.supply, datasetsFolderOf(options.dataDir));
    this.#unlock = unlock;
    this.#maxBytes = options.maxStatementBytes ?? DEFAULT_MAX_STATEMENT_BYTES;
    this.#maxInFlight = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.#maxInFlightBytes = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
    this.#now = options.now ?? Date.now;
    this.compliance = new ComplianceMonitor({
      store,
      operator,
      ruleSet: options.ruleSet ?? latestRuleSet(),
      reference: loadReferenceLists(options.referenceFolder ?? referenceFolderOf(options.dataDir)),
      now: () => this.#now(),
      onProblem: (index, err) => {
        process.emitWarning(`compliance: statement ${index}: ${(err as Error).message}`);
      },
    });
    this.findings = new ComplianceQueries({
      monitor: this.compliance,
      operator,
      ledger: () => this.#ledger,
      counts: () => store.findings.counts(),
      size: () => this.size,
      now: () => this.now(),
      register: (jws) => this.register(jws),
    });
    this.webhooks = new WebhookDispatcher({
      store: store.webhooks,
      source: this.compliance,
      ...options.webhooks,
    });
    this.#verifier = createSignatureVerifier(options.verifyThreads);
    this.#sequencer = new Sequencer({
      store,
      origin: identity.origin,
      signer: identity.signer,
      ...(options.maxBatch !== undefined && { maxBatch: options.maxBatch }),
      ...(options.maxDelayMs !== undefined && { maxDelayMs: options.maxDelayMs }),
    });
    this.info = { origin: identity.origin, vkey: identity.vkey, operator: operator.did, version: VERSION };
  }

  /** Open the node on a data directory, creating the log and its key on first start. */
  static open(options: NodeOptions): LodestoneNode {
    // Checked before anything opens: a bad peer entry must not leave threads or a lock behind.
    for (const peer of options.peers ?? []) checkPeer(peer);
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const unlock = lockDataDirectory(options.dataDir);
    let store: SqliteStore | undefined;
    try {
      store = SqliteStore.open(options.dataDir);
      const identity = loadOrCreateIdentity(options.dataDir, options.origin, store.latestCheckpoint());
      const operator = loadOrCreateOperator(options.dataDir, (store.latestCheckpoint()?.size ?? 0) > 0);
      const node = new LodestoneNode(store, identity, operator, unlock, options);
      // Statements committed before a stop and not yet evaluated; findings not yet delivered.
      node.compliance.wake();
      node.webhooks.start();
      if ((options.peers ?? []).length > 0) void node.startPeering(options.peers ?? [], options.peering);
      return node;
    } catch (err) {
      store?.close();
      unlock();
      throw err;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    // First: a round in flight may still call the witness and the store.
    await this.#peering?.close();
    await this.#sequencer.close();
    await this.webhooks.close();
    this.compliance.close();
    await this.#verifier.close();
    this.#store.close();
    this.#unlock();
  }

  /** The latest signed checkpoint (signed-note text). */
  checkpoint(): string {
    return this.#sequencer.latest.note;
  }

  /**
   * The latest checkpoint with the cosignatures peers' witnesses gave for exactly it appended after
   * the log's own signature (the note served at `/log/checkpoint`). Without peers: {@link checkpoint}.
   */
  cosignedCheckpoint(): string {
    const note = this.checkpoint();
    return this.#peering ? appendSignatures(note, this.#peering.cosignaturesFor(note)) : note;
  }

  /**
   * Start peering with `peers` (replacing any peering running): their origins must be witnessed
   * logs (`witnessedLogs` or `peers` at open). Used when peer URLs are known only after open.
   * @throws PeeringError PEER_CONFIG_INVALID
   */
  startPeering(peers: readonly PeerConfig[], options: PeeringOptions = {}): Promise<void> {
    if (this.#closed) return Promise.reject(new LogError('LOG_CLOSED', 'the node is shutting down'));
    // Built synchronously, so a bad entry throws here, before the running peering is touched.
    const next = new Peering(
      {
        checkpoint: () => this.checkpoint(),
        consistencyProof: (first, second) => this.consistencyProof(first, second),
        witness: this.witness,
        alarms: this.#store.alarms,
      },
      peers,
      options,
    );
    const previous = this.#peering;
    this.#peering = next;
    return (previous?.close() ?? Promise.resolve()).then(() => {
      if (this.#peering === next && !this.#closed) next.start();
    });
  }

  /** The peers and the split-view alarms. */
  federationStatus(): FederationStatus {
    const untrusted = [...this.#store.alarms.origins()].sort();
    const alarms = this.#store.alarms.list().length;
    return { peers: this.#peering?.status(this.size) ?? [], alarms, untrusted };
  }

  /**
   * Check a receipt from another member nation's log (its origin a trusted peer, the witness quorum
   * met, no split view against what this node's witness cosigned); split-view evidence raises an alarm.
   */
  verifyForeignReceipt(statement: string, receipt: unknown): ForeignReceiptVerification {
    const store = this.#store;
    return verifyForeignReceipt(
      {
        peers: () => this.#peering?.logs() ?? [],
        ownWitness: this.witness.info.vkey,
        untrusted: () => store.alarms.origins(),
        witnessed: (origin) => this.witness.latest(sha256Hex(origin)),
        raiseAlarm: (alarm) => store.alarms.raise(alarm, new Date(this.#now())),
      },
      statement,
      receipt,
    );
  }

  /** Every split-view alarm, oldest first, with its evidence. */
  alarms(): Alarm[] {
    return this.#store.alarms.list();
  }

  /**
   * The operator's decision on a split-view alarm (DESIGN.md §8): `distrust` keeps the origin's
   * checkpoints and receipts refused, `trust` lifts this alarm (others of the origin still count).
   * @throws ServiceError ALARM_NOT_FOUND
   */
  decideAlarm(id: number, decision: Omit<AlarmDecision, 'decidedAt'>): Alarm {
    if (!this.#store.alarms.decide(id, decision, new Date(this.#now()))) {
      throw new ServiceError('ALARM_NOT_FOUND', `no alarm ${id}`);
    }
    const alarm = this.#store.alarms.list().find((a) => a.id === id);
    if (alarm === undefined) throw new ServiceError('ALARM_NOT_FOUND', `no alarm ${id}`);
    return alarm;
  }

  get size(): number {
    return this.#sequencer.latest.size;
  }

  get pending(): number {
    return this.#sequencer.pending;
  }

  /**
   * Register a statement: a compact JWS signed with a key the node knows. Resolves once the entry is
   * durable. Identical bytes registered before (or in flight) get the original entry and index, with a
   * proof against the latest checkpoint.
   * @throws ServiceError STATEMENT_* codes; LogError LOG_PUSHBACK when the node is overloaded
   */
  register(jws: string): Promise<Registration> {
    if (this.#closed) return Promise.reject(new LogError('LOG_CLOSED', 'the node is shutting down'));
    if (jws.length > this.#maxBytes) {
      return Promise.reject(
        new ServiceError('STATEMENT_TOO_LARGE', `statement exceeds ${this.#maxBytes} bytes`),
      );
    }
    const id = statementId(jws);
    const existing = this.#store.hasStatement(id) ? this.receipt(id) : undefined;
    if (existing) return Promise.resolve({ receipt: existing, created: false });
    const inFlight = this.#inFlight.get(id);
    if (inFlight) return inFlight.then((r) => ({ receipt: r.receipt, created: false }));
    // Admission control before any work: registrations in progress (queued for verification or for
    // the sequencer) are bounded in number and in bytes, so overload is a 503, never a growing queue.
    if (
      this.#inFlight.size >= this.#maxInFlight ||
      this.#inFlightBytes + jws.length > this.#maxInFlightBytes
    ) {
      return Promise.reject(new LogError('LOG_PUSHBACK', 'too many registrations in progress'));
    }
    const registration = this.#admit(id, jws);
    this.#inFlight.set(id, registration);
    this.#inFlightBytes += jws.length;
    const forget = (): void => {
      this.#inFlight.delete(id);
      this.#inFlightBytes -= jws.length;
    };
    registration.then(forget, forget);
    return registration;
  }

  async #admit(id: string, jws: string): Promise<Registration> {
    const entry = createEntry(id, this.#now());
    const { registered } = entry;
    const { jws: parsed, statement } = parseStatement(jws, registered);
    const jwk = this.#ledger.signingKey(statement.kid, statement.issuer, statement.time);
    const job = { publicKey: this.#rawKey(jwk), message: parsed.signingInput, signature: parsed.signature };
    const valid = await this.#verifier.verify(job).catch((err: CryptoError) => {
      if (err.code === 'CRYPTO_VERIFIER_CLOSED')
        throw new LogError('LOG_CLOSED', 'the node is shutting down');
      throw err;
    });
    if (!valid) throw new ServiceError('STATEMENT_BAD_SIGNATURE', 'JWS signature does not verify');
    if (this.#closed) throw new LogError('LOG_CLOSED', 'the node is shutting down');
    // Check and apply, then queue, in one synchronous step: the next registration is checked against
    // this one's effects, so two submissions spending the same quantity cannot both pass.
    const ledger = this.#ledger;
    if (statement.body.kind === 'case-action') this.findings.checkCaseAction(statement, statement.body);
    if (statement.body.kind === 'provenance-summary' && statement.issuer !== this.operator.did) {
      throw new ServiceError(
        'FEDERATION_SUMMARY_FORBIDDEN',
        'only this node operator signs provenance summaries',
      );
    }
    const imported =
      statement.body.kind === 'cross-border-receipt'
        ? verifyArrival(
            (jws, receipt) => this.verifyForeignReceipt(jws, receipt),
            statement.issuer,
            statement.body,
          )
        : undefined;
    const effects = ledger.apply(statement, { id, registered, ...(imported && { imported }) });
    // Trust statements leave the ledger unchanged, so a refusal here leaves nothing behind.
    this.#trust.apply(statement, { statement: id, registered, jws }, this.#directory);
    const queued = this.#sequencer.add(encodeEntry(entry), { id, jws: Buffer.from(jws, 'ascii'), effects });
    const { index, checkpoint } = await queued.catch((err: unknown) => {
      this.#recover(err, ledger);
      throw err;
    });
    this.#graph.add(effects);
    this.#flows.add(effects);
    this.#noteForeign(statement);
    this.compliance.wake();
    const proof = proofToBase64(
      buildInclusionProof(index, checkpoint.size, this.#sequencer.hashReader, this.#memo()),
    );
    return { receipt: { statement: id, entry, index, proof, checkpoint: checkpoint.note }, created: true };
  }

  /**
   * The due-diligence report on an organisation or a batch as of `at`, if the viewer may read it.
   * @throws ServiceError ACCESS_REQUIRED, REGISTRY_NOT_FOUND, BATCH_NOT_FOUND
   */
  dueDiligence(viewer: Viewer, subject: ReportSubject, at: string): DueDiligenceReport {
    const sources = {
      supply: this.supply,
      certificates: this.certificates,
      findings: (q: { subjects: readonly string[]; limit: number }) => this.compliance.query(q),
      origin: this.info.origin,
      size: this.size,
      ruleSet: this.compliance.ruleSet,
    };
    return reportFor(sources, viewer, subject, at);
  }

  #noteForeign(statement: SupplyStatement): void {
    if (statement.body.kind !== 'cross-border-receipt') return;
    for (const o of foreignOrigins(statement.body))
      this.#foreign.set(o.facility, { country: o.country, name: o.name });
  }

  /**
   * The export bundle of a shipment abroad (issue 8 part 5), for its shipper or the operator: the ship
   * statement and the operator's provenance summary of the batch, each with a receipt against the
   * most-cosigned checkpoint.
   * @throws ServiceError ACCESS_REQUIRED, STATEMENT_NOT_FOUND, BAD_QUERY, FEDERATION_EXPORT_NEEDS_SPLIT
   */
  exportShipment(viewer: Viewer, shipment: string, event: string): Promise<ExportBundle> {
    if (viewer.kind === 'anonymous') throw new ServiceError('ACCESS_REQUIRED', 'exports need a token');
    const caller = viewer.kind === 'operator' ? 'operator' : viewer.did;
    return exportShipment(
      {
        origin: this.info.origin,
        operator: this.operator,
        stored: (id) => {
          const stored = this.#store.getStatement(id);
          return (
            stored && { jws: stored.jws.toString('latin1'), registered: decodeEntry(stored.entry).registered }
          );
        },
        batch: (id) => this.#ledger.batch(id),
        facility: (id) => this.#ledger.facility(id),
        register: (jws) => this.register(jws),
        receipt: (id) => this.receipt(id, { cosigned: true }),
      },
      caller,
      shipment,
      event,
    );
  }

  /**
   * A batch failed to commit, so the ledger holds effects that never became durable, and everything
   * queued behind them was checked against those effects. Refuse all of it and rebuild the ledger from
   * the log, once per failure.
   */
  #recover(err: unknown, failed: Ledger): void {
    if (this.#recoveredFrom === err || this.#ledger !== failed) return;
    this.#recoveredFrom = err;
    this.#sequencer.rejectPending(err);
    this.#ledger = this.#replay();
  }

  /** The ledger (and the upstream index) rebuilt from what the log holds. */
  #replay(): Ledger {
    const graph = new UpstreamIndex();
    const flows = new FlowIndex();
    const trust = new TrustBook();
    const ledger = replayLedger(this.#store.loggedStatements(), {
      operator: this.operator,
      trust,
      onEffects: (effects) => {
        graph.add(effects);
        flows.add(effects);
      },
      onApplied: ({ statement }) => this.#noteForeign(statement),
    });
    this.#graph = graph;
    this.#flows = flows;
    this.#trust = trust;
    return ledger;
  }

  // Receipts of one batch share their right-border hashes; start afresh once the log has grown well past
  // the ranges kept, so the memo stays small.
  #proofMemo = new Map<string, Buffer>();
  #memo(): Map<string, Buffer> {
    if (this.#proofMemo.size > 4096) this.#proofMemo.clear();
    return this.#proofMemo;
  }

  /** Raw public key bytes (they travel to a verification thread), decoded once per key. */
  #rawKey(jwk: PublicJwk): Uint8Array {
    let raw = this.#rawKeys.get(jwk.x);
    if (!raw) {
      raw = fromBase64Url(jwk.x);
      this.#rawKeys.set(jwk.x, raw);
    }
    return raw;
  }

  /**
   * The operator registers an organisation: the node signs a `DigitalIdentityAnchor` with the operator
   * key and registers it like any statement. This is how registrars are bootstrapped.
   */
  async registerIdentity(input: IdentityInput): Promise<Registration> {
    const registration: IdentityRegistration = {
      kind: 'identity',
      ...input,
      validFrom: input.validFrom ?? new Date(this.#now()).toISOString(),
    };
    // The credential id is a digest of what it says, and Ed25519 signatures are deterministic: the same
    // registration (same validFrom) sent twice is the same statement, answered with its first receipt.
    const id = `urn:sha256:${sha256Hex(canonicalize(registration))}`;
    const credential = identityCredential(
      registration,
      { id: this.operator.did, name: 'Node operator' },
      { id },
    );
    return this.register(this.operator.sign(credential));
  }

  /** Element mass produced per stage, from committed extractions and refining transformations. */
  producedFlows(): readonly ProducedFlow[] {
    return this.#flows.flows();
  }

  /** The node's clock, RFC 3339 (the time verifications default to). */
  now(): string {
    return new Date(this.#now()).toISOString();
  }

  /**
   * The trust bundle for offline verification (issue 4 item 4): the registry and subjects as of now,
   * every trust statement in log order, signed by the operator.
   */
  trustBundle(): TrustBundle {
    const checkpoint = this.checkpoint();
    const logSize = this.size;
    const ids = trustStatementIds(this.#trust);
    const statements = [...ids]
      .flatMap((id) => {
        const stored = this.#store.getStatement(id);
        return stored === undefined ? [] : [{ id, stored }];
      })
      .sort((a, b) => a.stored.index - b.stored.index)
      .map(({ id, stored }) => ({
        id,
        registered: decodeEntry(stored.entry).registered,
        jws: stored.jws.toString('latin1'),
      }));
    const bundle = {
      type: TRUST_BUNDLE_TYPE,
      version: 1 as const,
      operator: this.operator.did,
      origin: this.info.origin,
      logSize,
      checkpoint,
      exportedAt: this.now(),
      directory: directoryData(this.#ledger, this.operator.did),
      statements,
    };
    return signBundle(bundle, this.operator.kid, (m) => this.operator.signBytes(m));
  }

  /**
   * The operator publishes the alliance trust list (DESIGN.md §6), effective now: the node signs a
   * Lodestone `TrustList` with the operator key and registers it. It replaces the previous list.
   */
  async publishTrustList(bodies: readonly TrustedBody[]): Promise<Registration> {
    const list = { kind: 'trust-list' as const, bodies, validFrom: this.now() };
    const id = `urn:sha256:${sha256Hex(canonicalize(list))}`;
    const credential = trustListCredential(list, { id: this.operator.did, name: 'Node operator' }, { id });
    return this.register(this.operator.sign(credential));
  }

  /** A fresh receipt for a registered statement, proving inclusion in the latest checkpoint. */
  receipt(id: string, options: { readonly cosigned?: boolean } = {}): Receipt | undefined {
    const stored = this.#store.getStatement(id);
    if (!stored) return undefined;
    const cosigned = options.cosigned ? this.#peering?.bestCosigned() : undefined;
    // Against the most-cosigned checkpoint when asked and it holds the entry: what another member
    // nation's quorum policy accepts. Otherwise the latest, which peers may not have cosigned yet.
    const latest = cosigned !== undefined && stored.index < cosigned.size ? cosigned : this.#sequencer.latest;
    const proof = buildInclusionProof(stored.index, latest.size, this.#sequencer.hashReader);
    const entry = decodeEntry(stored.entry);
    return {
      statement: id,
      entry,
      index: stored.index,
      proof: proofToBase64(proof),
      checkpoint: latest.note,
    };
  }

  /** The statement's JWS bytes, or undefined. */
  statement(id: string): Buffer | undefined {
    return this.#store.getStatement(id)?.jws;
  }

  /** The statement's JWS, if it exists and the viewer may read it (else undefined, as if it did not). */
  statementFor(viewer: Viewer, id: string): Buffer | undefined {
    const stored = this.#store.getStatement(id);
    if (!stored) return undefined;
    const { statement } = parseStatement(stored.jws.toString('latin1'), decodeEntry(stored.entry).registered);
    return canReadStatement(viewer, statement) ? stored.jws : undefined;
  }

  /**
   * Who an access token speaks for.
   * @throws ServiceError ACCESS_TOKEN_INVALID
   */
  authenticate(token: string): Viewer {
    return authenticate(token, this.#ledger, this.info.origin, this.#now());
  }

  /** @throws ServiceError BAD_QUERY */
  inclusionProof(index: number, size: number = this.size): { index: number; size: number; proof: string[] } {
    checkRange(index < size && size <= this.size, `need 0 <= index < size <= ${this.size}`);
    return {
      index,
      size,
      proof: proofToBase64(buildInclusionProof(index, size, this.#sequencer.hashReader)),
    };
  }

  /** @throws ServiceError BAD_QUERY */
  consistencyProof(
    first: number,
    second: number = this.size,
  ): { first: number; second: number; proof: string[] } {
    checkRange(
      0 < first && first <= second && second <= this.size,
      `need 0 < first <= second <= ${this.size}`,
    );
    const proof = buildConsistencyProof(first, second, this.#sequencer.hashReader);
    return { first, second, proof: proofToBase64(proof) };
  }

  /** Hash tile bytes for `width` hashes, if the log has published that many. */
  tile(level: number, index: number, width: number): Buffer | undefined {
    return tileBytes(this.#store, level, index, width);
  }

  /** Entry bundle `index` (tlog-tiles encoding) with `width` entries, if all are integrated. */
  entryBundle(index: number, width: number): Buffer | undefined {
    return entryBundleBytes(this.#store, this.size, index, width);
  }
}

/** The witness: its own key file, and the node's own log first among the logs it cosigns for. */
function openWitness(store: SqliteStore, identity: LogIdentity, options: NodeOptions): WitnessService {
  const key = loadOrCreateWitnessKey(
    options.dataDir,
    `${identity.origin}/witness`,
    identity.signer.publicKey,
  );
  const logs = [{ origin: identity.origin, vkey: identity.vkey }, ...(options.witnessedLogs ?? [])];
  // Peers are witnessed too; an origin listed twice (a peer with a mirror) is witnessed once, and a
  // clash of keys is left for the witness to refuse.
  for (const peer of options.peers ?? []) {
    if (!logs.some((l) => l.origin === peer.origin && l.vkey === peer.vkey)) {
      logs.push({ origin: peer.origin, vkey: peer.vkey });
    }
  }
  return new WitnessService(store.witness, key, logs, {
    ...(options.witnessClock !== undefined && { clock: options.witnessClock }),
  });
}

function checkRange(ok: boolean, message: string): void {
  if (!ok) throw new ServiceError('BAD_QUERY', message);
}

/** The newest rule set the package ships. */
function latestRuleSet(): RuleSet {
  const latest = RULE_SETS[RULE_SETS.length - 1];
  if (latest === undefined) throw new Error('no rule set shipped');
  return latest;
}
