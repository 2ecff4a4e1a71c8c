import type { Command } from 'commander';
import { callNode, nodeUrl } from '../http.js';
import { CliError, emit } from '../output.js';
import { accessToken } from './token.js';

interface Share {
  key: string;
  micrograms: string;
  percent: number;
}
interface ElementShares {
  element: string;
  micrograms: string;
  byOrigin: Share[];
  byCountry: Share[];
  byAlliance: Share[];
  byExtraction: Share[];
  byCertification: Share[];
}
interface GraphBatch {
  id: string;
  material: string;
  facility: string;
  createdGrams: number;
}
interface Edge {
  from: string;
  to: string;
  grams: number;
  elements: Record<string, string>;
}
interface Provenance {
  batch: string;
  material: string;
  elements: ElementShares[];
  graph: { batches: GraphBatch[]; edges: Edge[] };
}

interface TraceFlags {
  key?: string;
  token?: string;
  url?: string;
  depth: string;
  at?: string;
  scheme?: string;
  json?: boolean;
}

export function traceCommand(program: Command): void {
  program
    .command('trace <batch>')
    .description(
      "a batch's provenance: per element, shares by origin mine, country, alliance, extraction and certification, then its upstream tree",
    )
    .option('--key <key-file>', 'read as this organisation (makes an access token with its key)')
    .option(
      '--token <token>',
      'read with this bearer token (operator token or access token; env LODESTONE_TOKEN)',
    )
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--depth <n>', 'levels of the upstream tree to print', '8')
    .option('--at <time>', 'judge certification as of this RFC 3339 time (default: now)')
    .option('--scheme <uri>', 'count as certified only certificates of this conformity scheme')
    .option('--json', 'print the provenance as JSON (exact micrograms and shares)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone trace https://cells.example/lot/42 --key cellmaker.key.json\n  $ lodestone trace https://cells.example/lot/42 --token "$(cat lodestone-data/operator.token)" --json\n  $ lodestone trace https://cells.example/lot/42 --key cellmaker.key.json --scheme https://schemes.example/rmap-cobalt --at 2026-03-01T00:00:00Z',
    )
    .action(async (batch: string, flags: TraceFlags) => {
      const depth = Number(flags.depth);
      if (!Number.isSafeInteger(depth) || depth < 0)
        throw new CliError('CLI_USAGE', '--depth must be a whole number');
      const url = nodeUrl(flags.url);
      const bearer = flags.key
        ? await accessToken(flags.key, { ...(flags.url !== undefined && { url: flags.url }) })
        : (flags.token ?? process.env.LODESTONE_TOKEN);
      const query = new URLSearchParams({
        ...(flags.at !== undefined && { at: flags.at }),
        ...(flags.scheme !== undefined && { scheme: flags.scheme }),
      }).toString();
      const path = `/v1/batches/${encodeURIComponent(batch)}/provenance${query === '' ? '' : `?${query}`}`;
      const { body } = await callNode(`${url}${path}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
      emit(flags.json, body as Provenance, (p) => formatTrace(p, depth));
    });
}

/** The human form of a trace: element shares, then the upstream tree with element masses on its edges. */
export function formatTrace(p: Provenance, depth: number): string {
  const lines = [`${p.batch}  ${p.material}`];
  for (const e of p.elements) {
    lines.push('', `${e.element}  ${mass(e.micrograms)}`);
    lines.push(...shareLines('origin', e.byOrigin));
    lines.push(...shareLines('country', e.byCountry));
    lines.push(...shareLines('alliance', e.byAlliance));
    lines.push(...shareLines('extraction', e.byExtraction));
    lines.push(...shareLines('certified', e.byCertification));
  }
  lines.push('', 'upstream');
  lines.push(...tree(p, depth));
  return lines.join('\n');
}

function shareLines(label: string, shares: Share[]): string[] {
  return shares.map(
    (s, i) =>
      `  ${i === 0 ? label.padEnd(11) : ' '.repeat(11)} ${s.percent.toFixed(2).padStart(6)} %  ${s.key}`,
  );
}

function tree(p: Provenance, depth: number): string[] {
  const byId = new Map(p.graph.batches.map((b) => [b.id, b]));
  const inputs = new Map<string, Edge[]>();
  for (const e of p.graph.edges) inputs.set(e.to, [...(inputs.get(e.to) ?? []), e]);
  const out: string[] = [];
  const shown = new Set<string>();
  const walk = (id: string, prefix: string, last: boolean, level: number, edge?: Edge): void => {
    const b = byId.get(id);
    const flow = edge
      ? `  ← ${Object.entries(edge.elements)
          .map(([el, ug]) => `${el} ${mass(ug)}`)
          .join(', ')}`
      : '';
    const head = level === 0 ? '' : `${prefix}${last ? '└─ ' : '├─ '}`;
    const again = shown.has(id) && (inputs.get(id)?.length ?? 0) > 0;
    out.push(
      `${head}${id}  ${b?.material ?? '?'}  ${b ? kg(b.createdGrams) : ''}${flow}${again ? '  (see above)' : ''}`,
    );
    if (again) return;
    shown.add(id);
    const children = inputs.get(id) ?? [];
    if (level >= depth) {
      if (children.length > 0)
        out.push(`${prefix}${level === 0 ? '' : last ? '   ' : '│  '}… ${children.length} more inputs`);
      return;
    }
    const next = level === 0 ? '' : `${prefix}${last ? '   ' : '│  '}`;
    for (const [i, c] of children.entries()) walk(c.from, next, i === children.length - 1, level + 1, c);
  };
  walk(p.batch, '', true, 0);
  return out;
}

function mass(micrograms: string): string {
  const grams = Number(BigInt(micrograms) / 1_000_000n);
  return grams >= 1000 ? kg(grams) : `${grams.toLocaleString('en')} g`;
}

function kg(grams: number): string {
  return `${(grams / 1000).toLocaleString('en', { maximumFractionDigits: 3 })} kg`;
}
