import type { CustodyEventType, CustodyModel, ExtractionMethod, ProcessKind } from '../../model/index.js';

/**
 * How each custody event kind sits in a UNTP 0.6.1 DTE event (docs/statements.md): the UNTP event type,
 * the fixed EPCIS/CBV values it carries, and exactly which properties it may have.
 */

/** GS1 Core Business Vocabulary 2.0 namespace (https://ref.gs1.org/cbv/). */
const CBV = 'https://ref.gs1.org/cbv/';

/** CBV business steps used by the mapping (full URIs, as UNTP 0.6.1 writes them). */
export const BIZ_STEP = {
  commissioning: `${CBV}BizStep-commissioning`,
  shipping: `${CBV}BizStep-shipping`,
  receiving: `${CBV}BizStep-receiving`,
  inspecting: `${CBV}BizStep-inspecting`,
} as const;

/** CBV dispositions used by the mapping. */
export const DISPOSITION = {
  active: `${CBV}Disp-active`,
  inTransit: `${CBV}Disp-in_transit`,
  inProgress: `${CBV}Disp-in_progress`,
} as const;

/** CBV business transaction type of a trade: the invoice that records the sale. */
export const BIZ_TRANSACTION_INVOICE = `${CBV}BTT-inv`;

/** The UNTP 0.6.1 event types custody events map to. */
export type UntpEventType = 'ObjectEvent' | 'TransformationEvent' | 'TransactionEvent';

/** The fixed part of a custody event kind's UNTP form. */
export interface EventSpec {
  readonly untpType: UntpEventType;
  readonly action?: 'add' | 'observe';
  readonly bizStep?: string;
  readonly disposition?: string;
  readonly bizTransaction?: string;
  /** Every property the event may carry. */
  readonly keys: ReadonlySet<string>;
}

type Fixed = Omit<EventSpec, 'untpType' | 'keys'>;

function spec(untpType: UntpEventType, fixed: Fixed, keys: readonly string[]): EventSpec {
  const all = ['type', 'id', 'eventTime', 'custodyEvent', ...Object.keys(fixed), ...keys];
  return { untpType, ...fixed, keys: new Set(all) };
}

const NEW_BATCH = ['bizLocation', 'quantityList', 'material', 'elementContent', 'custodyModel'];
const commissioning: Fixed = {
  action: 'add',
  bizStep: BIZ_STEP.commissioning,
  disposition: DISPOSITION.active,
};

/** The UNTP form of every custody event kind. */
export const EVENT_SPECS: Readonly<Record<CustodyEventType, EventSpec>> = {
  extract: spec('ObjectEvent', commissioning, [...NEW_BATCH, 'extractionMethod']),
  commission: spec('ObjectEvent', commissioning, NEW_BATCH),
  ship: spec(
    'ObjectEvent',
    { action: 'observe', bizStep: BIZ_STEP.shipping, disposition: DISPOSITION.inTransit },
    ['quantityList', 'splitInto', 'recipient', 'recipientFacility', 'transportMode', 'expectedArrival'],
  ),
  receive: spec(
    'ObjectEvent',
    { action: 'observe', bizStep: BIZ_STEP.receiving, disposition: DISPOSITION.inProgress },
    ['bizLocation', 'quantityList'],
  ),
  transform: spec('TransformationEvent', {}, [
    'bizLocation',
    'inputQuantityList',
    'outputQuantityList',
    'material',
    'elementContent',
    'processKind',
    'tolerance',
    'custodyModel',
  ]),
  assay: spec('ObjectEvent', { action: 'observe', bizStep: BIZ_STEP.inspecting }, [
    'epcList',
    'elementContent',
    'certificate',
  ]),
  trade: spec('TransactionEvent', { action: 'add', bizTransaction: BIZ_TRANSACTION_INVOICE }, [
    'sourceParty',
    'destinationParty',
    'epcList',
    'price',
    'priceCurrency',
    'incoterm',
  ]),
};

/** The values of `custodyModel` (ISO 22095 chain-of-custody models). */
export const CUSTODY_MODELS: readonly CustodyModel[] = [
  'identity-preserved',
  'segregated',
  'controlled-blending',
  'mass-balance',
  'book-and-claim',
];
/** The values of `extractionMethod`. */
export const EXTRACTION_METHODS: readonly ExtractionMethod[] = ['industrial', 'artisanal'];
/** The values of `processKind`. */
export const PROCESS_KINDS: readonly ProcessKind[] = [
  'concentrate',
  'leach',
  'refine',
  'precipitate',
  'calcine',
  'blend',
  'split',
  'recycle',
  'manufacture',
];

/** UNTP event types Lodestone does not map (no custody meaning of their own yet). */
export const UNSUPPORTED_EVENT_TYPES: readonly string[] = ['AggregationEvent', 'AssociationEvent'];
