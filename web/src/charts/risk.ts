/*
 * ECharts options of the supply-risk pages: a choropleth of country shares, concentration by year, the
 * capacity pipeline against its benchmarks. Pure functions with type-only imports from ECharts.
 */
import { countryName, ISO3_PROPERTY } from '../countries';
import { type ChartOption, escapeHtml, FONT, PALETTE, TEXT } from './options';

/** The choropleth's bands, in percent of the total, lightest first (each ≥ 3:1 against the next but one). */
export const SHARE_BANDS: readonly { min: number; max: number; label: string; color: string }[] = [
  { min: 0, max: 1, label: 'under 1 %', color: '#d6e4f0' },
  { min: 1, max: 5, label: '1–5 %', color: '#9ec3e0' },
  { min: 5, max: 10, label: '5–10 %', color: '#5b9bd0' },
  { min: 10, max: 25, label: '10–25 %', color: '#2f73b3' },
  { min: 25, max: 50, label: '25–50 %', color: '#1f4e79' },
  { min: 50, max: 100.0001, label: '50 % and more', color: '#0b2540' },
];

/** Countries without a share. */
export const NO_DATA = '#f2f3f5';

/** Countries shaded by their share (percent); countries without a share stay pale. */
export function choroplethOption(
  shares: readonly { country: string; percent: number; amount: string }[],
): ChartOption {
  const byCode = new Map(shares.map((s) => [s.country, s]));
  return {
    textStyle: FONT,
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        const code = String(p?.name ?? '');
        const s = byCode.get(code);
        const name = escapeHtml(code.startsWith('-') ? code.slice(1) : countryName(code));
        return s === undefined
          ? `${name}: no share`
          : `${name} (${escapeHtml(code)})<br>${fmtPercent(s.percent)} · ${escapeHtml(s.amount)}`;
      },
    },
    // The bands' legend is HTML beside the chart (it wraps on narrow screens); this only colours.
    visualMap: {
      type: 'piecewise',
      show: false,
      seriesIndex: 0,
      pieces: SHARE_BANDS.map((b) => ({ gte: b.min, lt: b.max, label: b.label, color: b.color })),
    },
    series: [
      {
        type: 'map',
        map: 'world',
        nameProperty: ISO3_PROPERTY,
        roam: true,
        scaleLimit: { min: 1, max: 12 },
        left: 4,
        right: 4,
        top: 4,
        bottom: 4,
        itemStyle: { areaColor: NO_DATA, borderColor: '#8b98a5', borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { borderColor: TEXT, borderWidth: 1.2 } },
        select: { disabled: true },
        label: { show: false },
        data: shares.map((s) => ({ name: s.country, value: s.percent })),
      },
    ],
  };
}

/** One year of concentration: HHI (0–10,000) and shares in percent. */
export interface YearFigures {
  readonly year: number;
  readonly hhi: number;
  readonly top1: number;
  readonly top3: number;
  readonly alliance: number;
}

/** HHI bars by year against the 1,500 and 2,500 band limits, and the top-1, top-3 and alliance shares. */
export function yearsOption(rows: readonly YearFigures[]): ChartOption {
  const years = rows.map((r) => String(r.year));
  const line = (
    name: string,
    values: number[],
    symbol: string,
    type: 'solid' | 'dashed' | 'dotted',
    i: number,
  ) => ({
    type: 'line' as const,
    name,
    yAxisIndex: 1,
    data: values,
    symbol,
    symbolSize: 9,
    lineStyle: { type, width: 2 },
    itemStyle: { color: PALETTE[i] },
  });
  return {
    textStyle: FONT,
    animation: false,
    legend: { top: 0, textStyle: { color: TEXT }, selectedMode: false },
    grid: { left: 8, right: 8, top: 72, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(Number(v)) },
    xAxis: { type: 'category', data: years, axisLabel: { color: TEXT } },
    yAxis: [
      { type: 'value', name: 'HHI', min: 0, max: 10_000, axisLabel: { color: TEXT } },
      {
        type: 'value',
        name: '%',
        min: 0,
        max: 100,
        splitLine: { show: false },
        axisLabel: { color: TEXT },
      },
    ],
    series: [
      {
        type: 'bar',
        name: 'HHI',
        data: rows.map((r) => r.hhi),
        barMaxWidth: 48,
        itemStyle: { color: PALETTE[7] },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: PALETTE[1] },
          label: { color: TEXT, formatter: '{b}', position: 'insideStartTop' },
          data: [
            { yAxis: 1500, name: 'moderate from 1,500' },
            { yAxis: 2500, name: 'high above 2,500' },
          ],
        },
      },
      line(
        'Top-1 share',
        rows.map((r) => r.top1),
        'circle',
        'solid',
        0,
      ),
      line(
        'Top-3 share',
        rows.map((r) => r.top3),
        'triangle',
        'dashed',
        5,
      ),
      line(
        'Alliance share',
        rows.map((r) => r.alliance),
        'diamond',
        'dotted',
        2,
      ),
    ],
  };
}

/** A benchmark's target per year, on the share axis (percent) or the tonnes axis. */
export interface BenchmarkLine {
  readonly name: string;
  readonly axis: 'percent' | 'tonnes';
  readonly values: readonly (number | null)[];
}

/** Benchmark lines: the palette without the capacity and share colours. */
const BENCHMARK_COLOURS = [PALETTE[1], PALETTE[3], PALETTE[6], PALETTE[4], PALETTE[5]];

/** Projected alliance capacity (bars, tonnes) and share (line, %) by year, with benchmark lines. */
export function pipelineOption(input: {
  years: readonly number[];
  capacity: readonly number[];
  weighted: readonly number[];
  sharePercent: readonly number[];
  benchmarks: readonly BenchmarkLine[];
}): ChartOption {
  const dashes = ['dashed', 'dotted'] as const;
  return {
    textStyle: FONT,
    animation: false,
    legend: { top: 0, textStyle: { color: TEXT }, selectedMode: false },
    grid: { left: 8, right: 8, top: 88, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? '—' : fmt(Number(v))),
    },
    xAxis: { type: 'category', data: input.years.map(String), axisLabel: { color: TEXT } },
    yAxis: [
      { type: 'value', name: 't / year', min: 0, axisLabel: { color: TEXT } },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false }, axisLabel: { color: TEXT } },
    ],
    series: [
      {
        type: 'bar',
        name: 'Capacity (t)',
        data: [...input.capacity],
        barMaxWidth: 36,
        itemStyle: { color: '#9ec3e0' },
      },
      {
        type: 'bar',
        name: 'Weighted capacity (t)',
        data: [...input.weighted],
        barMaxWidth: 36,
        itemStyle: { color: PALETTE[0] },
      },
      {
        type: 'line',
        name: 'Alliance share (%)',
        yAxisIndex: 1,
        data: [...input.sharePercent],
        symbol: 'circle',
        symbolSize: 9,
        lineStyle: { width: 2.5 },
        itemStyle: { color: PALETTE[2] },
      },
      ...input.benchmarks.map((b, i) => ({
        type: 'line' as const,
        name: `${b.name}${b.axis === 'percent' ? ' (%)' : ' (t)'}`,
        yAxisIndex: b.axis === 'percent' ? 1 : 0,
        data: [...b.values],
        symbol: 'rect',
        symbolSize: 6,
        connectNulls: true,
        lineStyle: { type: dashes[i % 2], width: 2 },
        itemStyle: { color: BENCHMARK_COLOURS[i % BENCHMARK_COLOURS.length] },
      })),
    ],
  };
}

function fmt(v: number): string {
  return v.toLocaleString('en', { maximumSignificantDigits: 4 });
}

function fmtPercent(p: number): string {
  return `${p.toLocaleString('en', { maximumFractionDigits: 2 })} %`;
}
