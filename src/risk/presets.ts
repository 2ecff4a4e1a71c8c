import type { ElementSymbol } from '../model/index.js';
import type { Datasets } from './datasets.js';
import { RiskError } from './errors.js';
import { elementOfEntry } from './minerals.js';
import type { ExportControlRow } from './rows.js';

/** A ready-made scenario derived from rows of `export_controls.csv`. */
export interface ScenarioPreset {
  readonly id: string;
  readonly title: string;
  /** The restricting country, ISO alpha-3. */
  readonly country: string;
  /** The series of `mine_production.csv` that stands for the restricted flow. */
  readonly mineral: string;
  readonly stage: string;
  /** 100: a full stop of the country's supply to the rest of the world, the upper bound of a licensing regime. */
  readonly restrictionPct: number;
  /** What the measure restricts, as the file names it (minerals, or `rare_earths:<element>`). */
  readonly restricts: readonly string[];
  /** Set when the measure covers some elements of the mineral only. */
  readonly elements?: readonly ElementSymbol[];
  readonly measure: string;
  readonly instrument: string;
  readonly announced: string;
  readonly effective: string;
  readonly status: string;
  /** The rows' sources, distinct, joined by ` | `. */
  readonly source: string;
  readonly notes: readonly string[];
}

interface PresetRule {
  readonly id: string;
  readonly title: string;
  readonly mineral: string;
  readonly stage: string;
  readonly matches: (row: ExportControlRow) => boolean;
  readonly notes: readonly string[];
}

const LICENSING =
  'A licensing regime, not a ban: 100 % is the upper bound (exports stopped); pass restrictionPct for partial enforcement.';

/** The measures the presets model, matched against the file's rows (a preset exists only if its rows do). */
const RULES: readonly PresetRule[] = [
  {
    id: 'cn-gallium-germanium-2023',
    title: 'China: export licensing of gallium and germanium (effective 1 Aug 2023)',
    mineral: 'gallium',
    stage: 'refining',
    matches: (r) =>
      r.iso3 === 'CHN' &&
      (r.mineral === 'gallium' || r.mineral === 'germanium') &&
      r.effective === '2023-08-01',
    notes: [
      LICENSING,
      'Modelled on primary gallium (refining stage); germanium has no country data (USGS withholds it).',
    ],
  },
  {
    id: 'cn-graphite-2023',
    title: 'China: export permits for graphite (effective 1 Dec 2023)',
    mineral: 'graphite_natural',
    stage: 'mining',
    matches: (r) => r.iso3 === 'CHN' && r.mineral === 'graphite' && r.effective === '2023-12-01',
    notes: [
      LICENSING,
      "The permits cover natural flake graphite products and high-purity synthetic graphite; the datasets hold natural graphite mine output only, so China's mine output stands for the restricted flow.",
    ],
  },
  {
    id: 'cn-heavy-rare-earths-2025',
    title: 'China: export licensing of seven medium and heavy rare earths (effective 4 Apr 2025)',
    mineral: 'rare_earths',
    stage: 'mining',
    matches: (r) =>
      r.iso3 === 'CHN' && r.mineral.startsWith('rare_earths:') && r.instrument.includes('No. 18 of 2025'),
    notes: [
      LICENSING,
      "The measure covers seven elements, a minority of rare-earth-oxide tonnage; the datasets do not split REO by element, so China's whole REO output stands for it unless coveredShare is set.",
    ],
  },
];

/** The scenario presets the export-controls file supports, in a fixed order. */
export function scenarioPresets(datasets: Datasets): ScenarioPreset[] {
  return RULES.flatMap((rule) => {
    const rows = datasets.exportControls.filter(rule.matches);
    const first = rows[0];
    if (first === undefined) return [];
    const elements = rows.flatMap((r) => elementOfEntry(r.mineral) ?? []);
    return [
      {
        id: rule.id,
        title: rule.title,
        country: first.iso3,
        mineral: rule.mineral,
        stage: rule.stage,
        restrictionPct: 100,
        restricts: rows.map((r) => r.mineral),
        ...(elements.length > 0 ? { elements } : {}),
        measure: first.measure,
        instrument: first.instrument,
        announced: first.announced,
        effective: first.effective,
        status: `${first.status} (as of ${first.statusAsOf})`,
        source: [...new Set(rows.map((r) => r.source))].join(' | '),
        notes: rule.notes,
      },
    ];
  });
}

/**
 * The preset `id`.
 * @throws RiskError RISK_UNKNOWN_PRESET
 */
export function scenarioPreset(datasets: Datasets, id: string): ScenarioPreset {
  const preset = scenarioPresets(datasets).find((p) => p.id === id);
  if (!preset) throw new RiskError('RISK_UNKNOWN_PRESET', `no scenario preset ${JSON.stringify(id)}`);
  return preset;
}
