import type { LedgerEffects } from '../custody/index.js';
import { type ElementSymbol, getMaterial, type NewBatch } from '../model/index.js';

/** The processing stage a flow counts at, as the supply datasets name stages. */
export type FlowStage = 'mining' | 'refining';

/** Element mass produced at a facility at a time: what bottom-up concentration sums by country. */
export interface ProducedFlow {
  readonly element: ElementSymbol;
  readonly stage: FlowStage;
  /** Where it was produced: the mine (extraction) or the plant (transformation). */
  readonly facility: string;
  readonly micrograms: bigint;
  readonly time: string;
}

/** Material stages that count as refining output (DESIGN.md §9: mining vs processing). */
const REFINED: ReadonlySet<string> = new Set(['refined', 'metal']);

/**
 * Element mass produced per stage, from committed custody events (issue 7 item 2, bottom-up): every
 * extraction at a mine counts as mining where the mine is; every transformation output of refined
 * material or metal counts as refining where the plant is. Splits, shipments and trades move mass and
 * produce none, so they are not counted. Fed like the upstream index, after each commit.
 */
export class FlowIndex {
  readonly #flows: ProducedFlow[] = [];

  add(effects: LedgerEffects): void {
    for (const { event } of effects.events) {
      if (event.type === 'extract') this.#produce(event.batch, 'mining', event.facility, event.time);
      if (event.type === 'transform') {
        for (const out of event.outputs) {
          if (REFINED.has(getMaterial(out.material).stage)) {
            this.#produce(out, 'refining', event.facility, event.time);
          }
        }
      }
    }
  }

  /** Every produced flow, in log order. */
  flows(): readonly ProducedFlow[] {
    return this.#flows;
  }

  #produce(batch: NewBatch, stage: FlowStage, facility: string, time: string): void {
    for (const [element, ppm] of Object.entries(batch.content) as [ElementSymbol, number][]) {
      if (ppm > 0) {
        this.#flows.push({ element, stage, facility, micrograms: BigInt(batch.grams) * BigInt(ppm), time });
      }
    }
  }
}
