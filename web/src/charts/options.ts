/*
 * ECharts options the dashboard draws, built from API answers. Pure functions with type-only imports
 * from ECharts, so they cost nothing until a chart is drawn.
 */
import type {
  BarSeriesOption,
  LineSeriesOption,
  MapSeriesOption,
  SankeySeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { micrograms, parseOrigin, shortId } from '../format';
import type { Composition, Facility, GraphBatch, GraphEdge } from '../types';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | SankeySeriesOption
  | ScatterSeriesOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11 for graphics). */
export const PALETTE = [
  '#1f4e79',
  '#b2471b',
  '#2e7d32',
  '#6a3d9a',
  '#8a6d00',
  '#00707a',
  '#a1245b',
  '#4d5b6a',
];

export const TEXT = '#1b1f24';
export const FONT = { color: TEXT, fontFamily: 'system-ui, sans-serif' };

/** A horizontal bar chart of values by category, largest first as given. */
export function barOption(rows: readonly { label: string; value: number }[], unit: string): ChartOption {
  const shown = [...rows].reverse();
  return {
    color: PALETTE,
    textStyle: FONT,
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => `${fmt(Number(v))} ${unit}`,
    },
    xAxis: { type: 'value', name: unit, axisLabel: { color: TEXT } },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.label),
      axisLabel: { color: TEXT, width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: shown.map((r) => r.value),
        label: { show: true, position: 'right', color: TEXT, formatter: (p) => fmt(Number(p.value)) },
      },
    ],
  };
}

function fmt(v: number): string {
  return v.toLocaleString('en', { maximumSignificantDigits: 4 });
}

/** The most batches a Sankey draws: beyond, the nearest to the batch asked about. */
export const SANKEY_MAX_BATCHES = 300;

/**
 * The flows of one element through a batch's upstream: origins → first batches → … → the batch. Link
 * widths are the element's micrograms on each edge (parallel edges summed). A first batch (no inputs) is
 * fed by its origins, in the proportions of its composition, with what it passed on (or, for the batch
 * itself, its element mass); without its composition it starts the flow itself.
 */
export function sankeyOption(input: {
  target: string;
  element: string;
  /** The element's mass in the target batch, micrograms. */
  targetMicrograms: string;
  batches: readonly GraphBatch[];
  edges: readonly GraphEdge[];
  facilities: ReadonlyMap<string, Facility>;
  /** Compositions of the first batches, by batch id. */
  roots: ReadonlyMap<string, Composition>;
  /** Top to bottom (narrow screens) rather than left to right. */
  vertical?: boolean;
}): { option: ChartOption; nodes: number; truncated: boolean } {
  const { element, facilities } = input;
  const carrying = input.edges.filter((e) => Number(e.elements[element] ?? 0) > 0);
  const { kept, truncated } = nearest(input.target, carrying, SANKEY_MAX_BATCHES);
  const flows = new Map<string, { source: string; target: string; value: number }>();
  const add = (source: string, target: string, value: number) => {
    if (!(value > 0)) return;
    const key = `${source}\u0000${target}`;
    const f = flows.get(key);
    if (f) f.value += value;
    else flows.set(key, { source, target, value });
  };
  const fed = new Set<string>();
  const out = new Map<string, number>();
  for (const e of carrying) {
    if (!kept.has(e.from) || !kept.has(e.to)) continue;
    const ug = Number(e.elements[element]);
    add(e.from, e.to, ug);
    fed.add(e.to);
    out.set(e.from, (out.get(e.from) ?? 0) + ug);
  }
  for (const id of kept) {
    if (fed.has(id)) continue;
    const value = id === input.target ? Number(input.targetMicrograms) : (out.get(id) ?? 0);
    const origins = input.roots.get(id)?.[element] ?? [];
    const total = origins.reduce((sum, [, ug]) => sum + Number(ug), 0);
    for (const [origin, ug] of origins)
      if (total > 0) add(`origin ${origin}`, id, (value * Number(ug)) / total);
  }
  const byId = new Map(input.batches.map((b) => [b.id, b]));
  const names = new Set<string>([input.target]);
  for (const f of flows.values()) names.add(f.source).add(f.target);
  const labels = new Map<string, string>();
  const nodes = [...names].map((name) => {
    const batch = byId.get(name);
    labels.set(
      name,
      batch
        ? `${batch.material} · ${shortId(batch.id)}`
        : originLabel(name.slice('origin '.length), facilities),
    );
    const color = batch ? (name === input.target ? PALETTE[1] : PALETTE[0]) : PALETTE[2];
    return { name, itemStyle: { color } };
  });
  const label = (n: string | undefined) => escapeHtml(labels.get(n ?? '') ?? n ?? '');
  const option: ChartOption = {
    textStyle: FONT,
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const d = (Array.isArray(params) ? params[0]?.data : params.data) as {
          source?: string;
          target?: string;
          value?: number;
          name?: string;
        };
        if (d.source === undefined) return label(d.name);
        return `${label(d.source)} → ${label(d.target)}<br>${micrograms(d.value ?? 0)} ${element}`;
      },
    },
    series: [
      {
        type: 'sankey',
        orient: input.vertical ? 'vertical' : 'horizontal',
        left: 8,
        right: input.vertical ? 8 : 180,
        top: 8,
        bottom: input.vertical ? 24 : 8,
        nodeGap: 10,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.45 },
        label: {
          color: TEXT,
          fontSize: input.vertical ? 10 : 12,
          ...(input.vertical && { position: 'bottom', width: 90, overflow: 'break' }),
          formatter: (p) => labels.get(p.name) ?? p.name,
        },
        data: nodes,
        links: [...flows.values()],
      },
    ],
  };
  return { option, nodes: nodes.length, truncated };
}

/** `industrial <facility>` as `Kamoto mine (COD) · industrial`. */
function originLabel(key: string, facilities: ReadonlyMap<string, Facility>): string {
  const { method, facility } = parseOrigin(key);
  const f = facilities.get(facility);
  return `${f ? `${f.name} (${f.country})` : shortId(facility)} · ${method}`;
}

/** The batch and up to `max - 1` batches upstream of it, nearest first (breadth-first over inputs). */
function nearest(
  target: string,
  edges: readonly GraphEdge[],
  max: number,
): { kept: Set<string>; truncated: boolean } {
  const inputs = new Map<string, string[]>();
  for (const e of edges) {
    const list = inputs.get(e.to);
    if (list) list.push(e.from);
    else inputs.set(e.to, [e.from]);
  }
  const kept = new Set([target]);
  const queue = [target];
  let truncated = false;
  for (let i = 0; i < queue.length; i++) {
    for (const from of inputs.get(queue[i] as string) ?? []) {
      if (kept.has(from)) continue;
      if (kept.size >= max) truncated = true;
      else {
        kept.add(from);
        queue.push(from);
      }
    }
  }
  return { kept, truncated };
}

/** Facilities as points on the world map, sized by `weight` (0–100) when given. */
export function mapOption(
  points: readonly { id: string; name: string; lon: number; lat: number; weight?: number; detail: string }[],
): ChartOption {
  return {
    textStyle: FONT,
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const d = (Array.isArray(params) ? params[0]?.data : params.data) as { name: string; detail: string };
        return `${escapeHtml(d.name)}<br>${escapeHtml(d.detail)}`;
      },
    },
    geo: {
      map: 'world',
      roam: true,
      scaleLimit: { min: 1, max: 12 },
      itemStyle: { areaColor: '#e8edf2', borderColor: '#8b98a5', borderWidth: 0.5 },
      emphasis: { disabled: true },
      select: { disabled: true },
      label: { show: false },
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        data: points.map((p) => ({ name: p.name, value: [p.lon, p.lat, p.weight ?? 10], detail: p.detail })),
        symbolSize: (v: number[]) => 8 + Math.sqrt(Math.max(0, v[2] ?? 0)) * 2.4,
        itemStyle: { color: PALETTE[1], borderColor: '#fff', borderWidth: 1 },
        emphasis: { scale: 1.3 },
      },
    ],
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
