import type { FractionRange, Material } from './materials-types.js';

/** Markers around the generated part of `docs/materials.md`. */
export const MATERIALS_DOC_BEGIN =
  '<!-- BEGIN GENERATED materials table: edit src/model/materials-data/, not this -->';
export const MATERIALS_DOC_END = '<!-- END GENERATED materials table -->';

/**
 * The generated part of `docs/materials.md`: a table of every material with its element ranges (in percent),
 * then each material's source and notes. Pure, so a test can check the page against the data.
 */
export function renderMaterialsDoc(materials: readonly Material[]): string {
  const rows = materials.map(
    (m) =>
      `| \`${m.code}\` | ${escapePipes(m.name)} | ${m.stage} | ${m.chains.join(', ')} | ${m.formula === undefined ? '' : `\`${m.formula}\``} | ${formatElements(m)} |`,
  );
  const sources = materials.map(
    (m) =>
      `- \`${m.code}\`: ${escapePipes(m.source)}.${m.notes === undefined ? '' : ` ${escapePipes(m.notes)}`}`,
  );
  return [
    MATERIALS_DOC_BEGIN,
    '',
    `${materials.length} materials. Ranges are mass percent of the element (not of its oxide).`,
    '',
    '| code | name | stage | chains | formula | element ranges, % |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '### Sources and notes',
    '',
    ...sources,
    '',
    MATERIALS_DOC_END,
  ].join('\n');
}

function formatElements(material: Material): string {
  return Object.entries(material.elements)
    .map(([symbol, range]) => `${symbol} ${formatRange(range as FractionRange)}`)
    .join('; ');
}

function formatRange(range: FractionRange): string {
  return range.min === 0 ? `≤ ${percent(range.max)}` : `${percent(range.min)}–${percent(range.max)}`;
}

function percent(fraction: number): string {
  return (fraction * 100).toFixed(4).replace(/\.?0+$/, '');
}

function escapePipes(text: string): string {
  return text.replaceAll('|', '\\|');
}
