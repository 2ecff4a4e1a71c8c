import { toBase64 } from '../crypto/index.js';
import { parseCheckpoint } from '../log/index.js';
import { getMaterial, isMaterialCode, type MaterialStage, type MineralChain } from '../model/index.js';
import type { DerivedTotals } from '../store/index.js';
import { seesEverything, type Viewer } from './access.js';
import type { LodestoneNode } from './node.js';

/** Batches of one material, with what the vocabulary says of it. */
export interface MaterialVolume {
  readonly material: string;
  /** From the materials vocabulary; the code itself for a code it does not know. */
  readonly name: string;
  readonly stage: MaterialStage | 'unknown';
  readonly chains: readonly MineralChain[];
  readonly batches: number;
  /** Sum of the batches' created mass, grams. */
  readonly createdGrams: number;
  /** Sum of what remains of them, grams. */
  readonly remainingGrams: number;
}

/** Batches of one processing stage (the stage of their material). */
export interface StageVolume {
  readonly stage: MaterialStage | 'unknown';
  readonly batches: number;
  readonly createdGrams: number;
  readonly remainingGrams: number;
}

/** `GET /v1/overview`: what a dashboard shows first. */
export interface Overview {
  readonly node: { readonly origin: string; readonly version: string; readonly operator: string };
  readonly log: {
    /** Entries in the latest checkpoint. */
    readonly size: number;
    /** Entries waiting for integration. */
    readonly pending: number;
    /** The root hash of the latest checkpoint, base64. */
    readonly root: string;
    /** The latest checkpoint with its cosignatures (the note served at /log/checkpoint). */
    readonly checkpoint: string;
  };
  readonly counts: {
    readonly organizations: number;
    readonly facilities: number;
    readonly batches: number;
    readonly certificates: number;
  };
  readonly federation: { readonly peers: number; readonly alarms: number };
  /** `full` when the viewer reads everything confidential (operator, auditor, regulator), else `public`. */
  readonly access: 'public' | 'full';
  /** Only with `access: full`: batch mass by material and by stage. */
  readonly volumes?: {
    readonly byMaterial: readonly MaterialVolume[];
    readonly byStage: readonly StageVolume[];
  };
}

/**
 * The dashboard's overview (DESIGN.md §10): public counts and log state for anyone; batch volumes by
 * material and stage only for a viewer who may read every batch. Volumes aggregate every batch ever
 * created, so they are not given to an organisation that sees only its own (nor computed for it).
 * The store's totals are recomputed only when the log has grown: they cannot change otherwise.
 */
export class OverviewQueries {
  readonly #node: LodestoneNode;
  #cached: { size: number; totals: DerivedTotals } | undefined;

  constructor(node: LodestoneNode) {
    this.#node = node;
  }

  overview(viewer: Viewer): Overview {
    const node = this.#node;
    const totals = this.#totals();
    const checkpoint = node.cosignedCheckpoint();
    // The note is the node's own latest checkpoint: its first three lines are origin, size and root.
    const parsed = parseCheckpoint(checkpoint.slice(0, checkpoint.indexOf('\n\n') + 1));
    const federation = node.federationStatus();
    const full = seesEverything(viewer);
    return {
      node: { origin: node.info.origin, version: node.info.version, operator: node.info.operator },
      log: { size: parsed.size, pending: node.pending, root: toBase64(parsed.rootHash), checkpoint },
      counts: {
        organizations: totals.organizations,
        facilities: totals.facilities,
        batches: totals.batches,
        certificates: node.certificates.book.certificates().length,
      },
      federation: { peers: federation.peers.length, alarms: federation.alarms },
      access: full ? 'full' : 'public',
      ...(full && { volumes: volumesOf(totals) }),
    };
  }

  #totals(): DerivedTotals {
    const size = this.#node.size;
    if (this.#cached?.size !== size) this.#cached = { size, totals: this.#node.supply.totals() };
    return this.#cached.totals;
  }
}

/** Per material (largest created mass first), and per stage in supply-chain order. */
export function volumesOf(totals: DerivedTotals): {
  byMaterial: MaterialVolume[];
  byStage: StageVolume[];
} {
  const byMaterial = totals.materials
    .map((t): MaterialVolume => {
      const m = isMaterialCode(t.material) ? getMaterial(t.material) : undefined;
      return {
        material: t.material,
        name: m?.name ?? t.material,
        stage: m?.stage ?? 'unknown',
        chains: m?.chains ?? [],
        batches: t.batches,
        createdGrams: t.createdGrams,
        remainingGrams: t.remainingGrams,
      };
    })
    .sort((a, b) => b.createdGrams - a.createdGrams || (a.material < b.material ? -1 : 1));
  const stages = new Map<
    StageVolume['stage'],
    { batches: number; createdGrams: number; remainingGrams: number }
  >();
  for (const v of byMaterial) {
    const s = stages.get(v.stage) ?? { batches: 0, createdGrams: 0, remainingGrams: 0 };
    stages.set(v.stage, {
      batches: s.batches + v.batches,
      createdGrams: s.createdGrams + v.createdGrams,
      remainingGrams: s.remainingGrams + v.remainingGrams,
    });
  }
  const byStage = STAGE_ORDER.flatMap((stage) => {
    const s = stages.get(stage);
    return s === undefined ? [] : [{ stage, ...s }];
  });
  return { byMaterial, byStage };
}

const STAGE_ORDER: readonly StageVolume['stage'][] = [
  'ore',
  'concentrate',
  'intermediate',
  'refined',
  'metal',
  'precursor',
  'component',
  'product',
  'scrap',
  'unknown',
];
