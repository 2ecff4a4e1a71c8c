import { percentOf } from './measures.js';
import { MINERALS } from './minerals.js';
import type { Concentration, ConcentrationComparison } from './types.js';

/** Micrograms per tonne. */
const MICROGRAMS_PER_TONNE = 1_000_000_000_000n;
/** How many countries an explanation names before it says "and n more". */
const NAMED = 5;

/**
 * Compare a top-down concentration (datasets) with a bottom-up one (traced flows) country by country,
 * with explanations of why they differ: how much of world production the traced mass covers, the
 * countries missing on either side, the HHI gap and basis differences.
 */
export function compareConcentration(
  topDown: Concentration,
  bottomUp: Concentration,
): ConcentrationComparison {
  const td = new Map(topDown.shares.map((s) => [s.country, s.share]));
  const bu = new Map(bottomUp.shares.map((s) => [s.country, s.share]));
  const countries = [...new Set([...td.keys(), ...bu.keys()])];
  const differences = countries
    .map((country) => {
      const a = td.get(country) ?? 0;
      const b = bu.get(country) ?? 0;
      return { country, topDown: a, bottomUp: b, delta: b - a };
    })
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.country < y.country ? -1 : 1));
  return { topDown, bottomUp, differences, explanation: explain(topDown, bottomUp, td, bu, differences) };
}

function explain(
  topDown: Concentration,
  bottomUp: Concentration,
  td: ReadonlyMap<string, number>,
  bu: ReadonlyMap<string, number>,
  differences: ConcentrationComparison['differences'],
): string[] {
  const lines: string[] = [];
  if (topDown.mineral !== bottomUp.mineral || topDown.stage !== bottomUp.stage) {
    lines.push(
      `Different series: top-down ${topDown.mineral} ${topDown.stage}, bottom-up ${bottomUp.mineral} ${bottomUp.stage}; the comparison is not like for like.`,
    );
  }
  lines.push(coverage(topDown, bottomUp));
  const absent = [...td].filter(([c]) => !bu.has(c));
  if (absent.length > 0) {
    const share = absent.reduce((a, [, s]) => a + s, 0);
    lines.push(
      `${absent.length} ${absent.length === 1 ? 'country' : 'countries'} of the datasets (${pct(share)} of world supply) have no traced flows: ${names(absent.map(([c]) => c))}.`,
    );
  }
  const extra = [...bu].filter(([c]) => !td.has(c));
  if (extra.length > 0) {
    const share = extra.reduce((a, [, s]) => a + s, 0);
    lines.push(
      `${extra.length} traced ${extra.length === 1 ? 'country is' : 'countries are'} not named in the datasets (${pct(share)} of traced mass): ${names(extra.map(([c]) => c))}; USGS counts them under "other countries" or withholds them.`,
    );
  }
  const direction = bottomUp.hhi > topDown.hhi ? 'more' : bottomUp.hhi < topDown.hhi ? 'less' : 'as';
  lines.push(
    `HHI ${Math.round(bottomUp.hhi)} bottom-up vs ${Math.round(topDown.hhi)} top-down: the traced supply is ${direction} concentrated${direction === 'as' ? ' as' : ' than'} world supply${direction === 'more' ? ' (a traced sample of few producers usually is)' : ''}.`,
  );
  const largest = differences[0];
  if (largest && largest.delta !== 0) {
    lines.push(
      `Largest difference: ${largest.country} ${pct(largest.bottomUp)} traced vs ${pct(largest.topDown)} of world supply (${largest.delta > 0 ? '+' : '−'}${(Math.abs(largest.delta) * 100).toFixed(1)} points).`,
    );
  }
  lines.push(
    `Alliance share ${pct(bottomUp.allianceShare)} traced vs ${pct(topDown.allianceShare)} of world supply.`,
  );
  const info = MINERALS.find((m) => m.mineral === topDown.mineral);
  if (info && (topDown.mineral === 'rare_earths' || topDown.mineral === 'graphite_natural')) {
    lines.push(`Bases differ: the datasets count ${info.basis}; shares compare, tonnages only roughly.`);
  }
  return lines;
}

function coverage(topDown: Concentration, bottomUp: Concentration): string {
  const micrograms = BigInt(bottomUp.total);
  const tonnes = Number(micrograms / MICROGRAMS_PER_TONNE) + Number(micrograms % MICROGRAMS_PER_TONNE) / 1e12;
  const world = Number(topDown.total);
  const share = world > 0 ? tonnes / world : 0;
  const shown = share > 0 && share < 0.0005 ? `${(share * 100).toExponential(2)} %` : pct(share);
  const period = bottomUp.window ? `from ${bottomUp.window.from} to ${bottomUp.window.to}` : 'over all time';
  const mismatch =
    bottomUp.window !== undefined &&
    topDown.year !== null &&
    !bottomUp.window.from.startsWith(`${topDown.year}-`)
      ? ' The flows’ period is not the datasets’ year.'
      : '';
  return (
    `Coverage: traced flows carry ${formatTonnes(tonnes)} t ${period}, ${shown} of world production ` +
    `(${world.toLocaleString('en-US')} t in ${topDown.year}); a bottom-up share describes the traced sample, not the world.${mismatch}`
  );
}

function pct(share: number): string {
  return `${percentOf(share).toFixed(1)} %`;
}

function names(countries: readonly string[]): string {
  const shown = countries.slice(0, NAMED).join(', ');
  return countries.length > NAMED ? `${shown} and ${countries.length - NAMED} more` : shown;
}

function formatTonnes(t: number): string {
  return t >= 1 ? t.toLocaleString('en-US', { maximumFractionDigits: 1 }) : t.toPrecision(3);
}
