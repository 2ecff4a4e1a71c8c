import { useMemo, useState } from 'preact/hooks';
import { api, query } from '../api';
import { barOption } from '../charts/options';
import { choroplethOption, NO_DATA, SHARE_BANDS, yearsOption } from '../charts/risk';
import { Chart } from '../components/chart';
import {
  amountText,
  CountryLabel,
  type HhiBand,
  hhiBand,
  mineralLabel,
  Notes,
  numberText,
  RiskNav,
  sharePercent,
  shareText,
} from '../components/risk';
import { Badge, Empty, Page, Panel, Show, Stat, TableWrap } from '../components/ui';
import { countryName, onMap } from '../countries';
import { count } from '../format';
import { useLoad, useNarrow } from '../hooks';
import { href, navigate } from '../router';
import type { Comparison, Concentration, RiskMineral } from '../types';

/** What the page shows, from the hash route (`#/risk?mineral=&stage=&year=&from=&to=`). */
interface Selection {
  readonly mineral: RiskMineral;
  readonly stage: string;
  /** Undefined when the node has no yearly figures for the mineral. */
  readonly year: number | undefined;
  readonly years: readonly number[];
  /** Ledger window of the bottom-up figures (dates, `YYYY-MM-DD`), optional. */
  readonly from: string;
  readonly to: string;
  /** A mineral asked for in the route that the node does not know. */
  readonly unknown?: string;
}

function select(minerals: readonly RiskMineral[], params: URLSearchParams): Selection {
  const asked = params.get('mineral') ?? '';
  const mineral = minerals.find((m) => m.mineral === asked) ?? (minerals[0] as RiskMineral);
  const askedStage = params.get('stage') ?? '';
  const stage = mineral.stages.includes(askedStage) ? askedStage : (mineral.stages[0] ?? '');
  const years = [...mineral.years].sort((a, b) => a - b);
  const askedYear = Number(params.get('year') ?? Number.NaN);
  const year = years.includes(askedYear) ? askedYear : years.at(-1);
  return {
    mineral,
    stage,
    year,
    years,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    ...(asked !== '' && asked !== mineral.mineral && { unknown: asked }),
  };
}

function routeOf(s: {
  mineral: string;
  stage: string;
  year?: number | undefined;
  from?: string;
  to?: string;
}): string {
  return href('risk', undefined, {
    mineral: s.mineral,
    stage: s.stage,
    year: s.year === undefined ? undefined : String(s.year),
    from: s.from,
    to: s.to,
  });
}

/** Supply concentration by country for a mineral and stage: map, figures, years, top-down vs bottom-up. */
export function RiskPage({ params }: { params: URLSearchParams }) {
  const load = useLoad((signal) => api<{ minerals: RiskMineral[] }>('v1/risk/minerals', { signal }), []);
  return (
    <Page
      title="Supply risk"
      lead="How concentrated the supply of each mineral is, country by country: top-down from public datasets and bottom-up from the flows traced in this ledger. Public."
      testid="risk"
    >
      <RiskNav current="concentration" />
      <Show load={load} what="the minerals">
        {({ minerals }) =>
          minerals.length === 0 ? (
            <Empty testid="risk-empty">
              <p>
                This node holds no supply data yet: concentration figures come from the packaged public
                datasets (USGS, IEA) and from traced batches.
              </p>
            </Empty>
          ) : (
            <Concentrations minerals={minerals} selection={select(minerals, params)} />
          )
        }
      </Show>
    </Page>
  );
}

async function loadConcentrations(
  mineral: string,
  stage: string,
  years: readonly number[],
  signal: AbortSignal,
): Promise<Concentration[]> {
  const path = (year?: number) => `v1/risk/concentration${query({ mineral, stage, year })}`;
  // The years the node lists, one request each (there are few): no year is guessed.
  const answers = await Promise.all(
    (years.length === 0 ? [undefined] : years).map((y) =>
      api<{ items: Concentration[] }>(path(y), { signal }),
    ),
  );
  const byYear = new Map<string, Concentration>();
  for (const answer of answers) {
    for (const c of answer.items) {
      const key = String(c.year);
      const had = byYear.get(key);
      if (had === undefined || (had.method !== 'top-down' && c.method === 'top-down')) byYear.set(key, c);
    }
  }
  return [...byYear.values()].sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
}

function Concentrations({ minerals, selection }: { minerals: readonly RiskMineral[]; selection: Selection }) {
  const { mineral, stage, years } = selection;
  const load = useLoad(
    (signal) => loadConcentrations(mineral.mineral, stage, years, signal),
    [mineral.mineral, stage, years.join(',')],
  );
  return (
    <div class="stack">
      <Picker minerals={minerals} selection={selection} />
      {selection.unknown !== undefined && (
        <div class="notice" data-testid="risk-unknown">
          <p>
            The node has no supply data for <code>{selection.unknown}</code>: showing{' '}
            {mineralLabel(mineral.mineral)}.
          </p>
        </div>
      )}
      <Show load={load} what="concentration figures">
        {(items) => {
          const c = items.find((i) => i.year === selection.year) ?? items.at(-1);
          if (c === undefined) {
            return (
              <Empty testid="risk-empty">
                <p>
                  No concentration figures for {mineralLabel(mineral.mineral)} at the {stage} stage
                  {selection.year === undefined ? '' : ` in ${selection.year}`}.
                </p>
              </Empty>
            );
          }
          return <ConcentrationBody c={c} items={items} />;
        }}
      </Show>
      <ComparePanel selection={selection} />
    </div>
  );
}

function Picker({ minerals, selection }: { minerals: readonly RiskMineral[]; selection: Selection }) {
  const { mineral, stage, year, years, from, to } = selection;
  const onMineral = (name: string) => {
    const next = minerals.find((m) => m.mineral === name) ?? mineral;
    navigate(
      routeOf({
        mineral: next.mineral,
        stage: next.stages.includes(stage) ? stage : (next.stages[0] ?? ''),
        year: year !== undefined && next.years.includes(year) ? year : undefined,
        from,
        to,
      }),
    );
  };
  return (
    <fieldset class="inline picker" data-testid="risk-picker">
      <legend class="visually-hidden">Mineral, stage and year</legend>
      <span class="pair">
        <label for="risk-mineral">Mineral</label>
        <select
          id="risk-mineral"
          value={mineral.mineral}
          onChange={(e) => onMineral(e.currentTarget.value)}
          data-testid="risk-mineral"
        >
          {minerals.map((m) => (
            <option key={m.mineral} value={m.mineral}>
              {mineralLabel(m.mineral)}
            </option>
          ))}
        </select>
      </span>
      <span class="pair">
        <label for="risk-stage">Stage</label>
        <select
          id="risk-stage"
          value={stage}
          onChange={(e) =>
            navigate(routeOf({ mineral: mineral.mineral, stage: e.currentTarget.value, year, from, to }))
          }
          data-testid="risk-stage"
        >
          {mineral.stages.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </span>
      {years.length > 0 && (
        <span class="pair">
          <label for="risk-year">Year</label>
          <select
            id="risk-year"
            value={String(year)}
            onChange={(e) =>
              navigate(
                routeOf({ mineral: mineral.mineral, stage, year: Number(e.currentTarget.value), from, to }),
              )
            }
            data-testid="risk-year"
          >
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </span>
      )}
    </fieldset>
  );
}

const BAND_STATUS: Record<HhiBand, 'pass' | 'warn' | 'fail'> = {
  low: 'pass',
  moderate: 'warn',
  high: 'fail',
};

/** The HHI's band in words and colour. */
function BandBadge({ hhi, testid }: { hhi: number; testid?: string }) {
  const band = hhiBand(hhi);
  return (
    <span class={`band band-${BAND_STATUS[band]}`} data-testid={testid} data-band={band}>
      {band}
    </span>
  );
}

/** When the figures are for: the dataset's year, or the ledger's window. */
function period(c: Concentration): string {
  if (c.year !== null) return String(c.year);
  if (c.window) return `${c.window.from.slice(0, 10)} to ${c.window.to.slice(0, 10)}`;
  return 'all traced flows';
}

function ConcentrationBody({ c, items }: { c: Concentration; items: readonly Concentration[] }) {
  const subject = `${mineralLabel(c.mineral)}, ${c.stage}, ${period(c)}`;
  return (
    <div class="grid">
      <Figures c={c} subject={subject} />
      <SharesMap c={c} subject={subject} />
      <SharesPanel c={c} subject={subject} />
      <YearsPanel items={items} subject={`${mineralLabel(c.mineral)}, ${c.stage}`} />
    </div>
  );
}

function Figures({ c, subject }: { c: Concentration; subject: string }) {
  const third = c.crma.largestThirdCountry;
  const gw = c.governanceWeighted;
  return (
    <Panel title={`Concentration: ${subject}`} testid="risk-figures" wide>
      <dl class="stats">
        <Stat
          label="HHI (0–10,000)"
          value={
            <>
              {count(c.hhi)} <BandBadge hhi={c.hhi} testid="risk-hhi-band" />
            </>
          }
          note="under 1,500 low · 1,500–2,500 moderate · above 2,500 high"
          testid="risk-hhi"
          raw={c.hhi}
          data={{ 'data-band': hhiBand(c.hhi) }}
        />
        <Stat
          label="Largest supplier"
          value={c.top1.country === '' ? '—' : shareText(c.top1.share)}
          note={c.top1.country === '' ? 'nothing attributed to a country' : countryName(c.top1.country)}
          testid="risk-top1"
          raw={sharePercent(c.top1.share)}
          data={{ 'data-country': c.top1.country }}
        />
        <Stat
          label="Top three suppliers"
          value={shareText(c.top3.share)}
          note={c.top3.countries.map(countryName).join(', ')}
          testid="risk-top3"
          raw={sharePercent(c.top3.share)}
          data={{ 'data-countries': c.top3.countries.join(',') }}
        />
        <Stat
          label="Alliance share"
          value={shareText(c.allianceShare)}
          note="supplied by alliance members"
          testid="risk-alliance"
          raw={sharePercent(c.allianceShare)}
        />
        <Stat
          label="Governance-weighted HHI"
          value={numberText(gw.value)}
          note={`WGI known for ${shareText(gw.coverage)} of supply`}
          testid="risk-governance"
          raw={gw.value}
        />
        <Stat
          label="CRMA: one third country over 65 %"
          value={
            <Badge
              status={c.crma.exceeds65 ? 'fail' : 'pass'}
              label={c.crma.exceeds65 ? 'exceeds 65 %' : 'within 65 %'}
            />
          }
          note={
            third === null
              ? 'no third-country supplier'
              : `largest third country: ${countryName(third.country)} ${shareText(third.share)}`
          }
          testid="risk-crma"
          data={{ 'data-exceeds': String(c.crma.exceeds65), 'data-country': third?.country ?? '' }}
        />
      </dl>
      <dl class="facts">
        <dt>Total supply</dt>
        <dd data-testid="risk-total">{amountText(c.total, c.unit)}</dd>
        <dt>Method</dt>
        <dd data-testid="risk-method">
          {c.method === 'top-down' ? 'top-down, from public datasets' : 'bottom-up, from traced flows'}
        </dd>
        <dt>Governance weighting</dt>
        <dd>
          <code>{gw.formula}</code>
          <div class="muted">{gw.source}</div>
        </dd>
        <dt>EU CRMA benchmark</dt>
        <dd>
          Regulation (EU) 2024/1252, Art. 5(1)(b): no single third country above 65 % of Union consumption at
          any stage of processing.
        </dd>
      </dl>
      <Notes notes={c.notes} testid="risk-notes" title="Notes" />
    </Panel>
  );
}

function SharesMap({ c, subject }: { c: Concentration; subject: string }) {
  const option = useMemo(
    () =>
      choroplethOption(
        c.shares.map((s) => ({
          country: s.country,
          percent: s.percent,
          amount: amountText(s.amount, c.unit),
        })),
      ),
    [c],
  );
  const missing = c.shares.filter((s) => !onMap(s.country));
  const narrow = useNarrow();
  return (
    <Panel title="Shares on the map" testid="risk-map-panel" wide>
      <Chart
        option={option}
        map
        label={`World map shading each country by its share of ${subject}; the shares are in the table below`}
        height={narrow ? 240 : 440}
        testid="risk-map"
      />
      <ul class="legend" aria-label="Map shading: share of the total" data-testid="risk-map-legend">
        {SHARE_BANDS.map((b) => (
          <li key={b.label}>
            <span class="swatch" style={{ background: b.color }} aria-hidden="true" />
            {b.label}
          </li>
        ))}
        <li>
          <span class="swatch" style={{ background: NO_DATA }} aria-hidden="true" />
          no share
        </li>
      </ul>
      {missing.length > 0 && (
        <p class="help" data-testid="risk-map-missing">
          Not on the map: {missing.map((s) => `${countryName(s.country)} (${shareText(s.share)})`).join(', ')}
          .
        </p>
      )}
    </Panel>
  );
}

/** The bar chart shows this many countries; the table shows them all. */
const BAR_COUNTRIES = 15;

function SharesPanel({ c, subject }: { c: Concentration; subject: string }) {
  const sorted = useMemo(() => [...c.shares].sort((a, b) => b.percent - a.percent), [c]);
  const bars = useMemo(
    () =>
      barOption(
        sorted.slice(0, BAR_COUNTRIES).map((s) => ({ label: countryName(s.country), value: s.percent })),
        '%',
      ),
    [sorted],
  );
  if (sorted.length === 0) {
    return (
      <Panel title="Shares by country" testid="risk-shares-panel" wide>
        <Empty testid="risk-shares-empty">
          <p>No country shares for {subject}.</p>
        </Empty>
      </Panel>
    );
  }
  return (
    <Panel title="Shares by country" testid="risk-shares-panel" wide>
      <div class="two">
        <figure>
          <figcaption>
            {sorted.length > BAR_COUNTRIES ? `The ${BAR_COUNTRIES} largest suppliers` : 'Suppliers'}, % of
            total
          </figcaption>
          <Chart
            option={bars}
            label={`Bar chart of each country's share of ${subject}; the same figures are in the table`}
            height={Math.max(160, Math.min(sorted.length, BAR_COUNTRIES) * 28 + 40)}
            testid="risk-shares-chart"
          />
        </figure>
        <TableWrap label="Shares by country" testid="risk-shares">
          <table>
            <caption>Supply by country: {subject}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  #
                </th>
                <th scope="col">Country</th>
                <th scope="col" class="num">
                  Amount
                </th>
                <th scope="col" class="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((s, i) => (
                <tr
                  key={s.country}
                  data-testid="risk-share-row"
                  data-country={s.country}
                  data-percent={s.percent}
                >
                  <td class="num">{i + 1}</td>
                  <th scope="row">
                    <CountryLabel code={s.country} />
                  </th>
                  <td class="num">{amountText(s.amount, c.unit)}</td>
                  <td class="num">{shareText(s.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
    </Panel>
  );
}

function YearsPanel({ items, subject }: { items: readonly Concentration[]; subject: string }) {
  const rows = items.flatMap((c) =>
    c.year === null
      ? []
      : [
          {
            year: c.year,
            hhi: c.hhi,
            top1: sharePercent(c.top1.share),
            top3: sharePercent(c.top3.share),
            alliance: sharePercent(c.allianceShare),
            c,
          },
        ],
  );
  const option = useMemo(() => yearsOption(rows), [items]);
  if (rows.length === 0) return null;
  return (
    <Panel title="Concentration by year" testid="risk-years" wide>
      <div class="two">
        <Chart
          option={option}
          label={`Chart of ${subject} by year: HHI as bars, top-1, top-3 and alliance shares as lines; the same figures are in the table`}
          height={300}
          testid="risk-years-chart"
        />
        <TableWrap label="Concentration by year" testid="risk-years-table">
          <table>
            <caption>Concentration by year: {subject}</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col" class="num">
                  HHI
                </th>
                <th scope="col">Band</th>
                <th scope="col" class="num">
                  Top 1
                </th>
                <th scope="col" class="num">
                  Top 3
                </th>
                <th scope="col" class="num">
                  Alliance
                </th>
                <th scope="col">CRMA 65 %</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.year} data-testid="risk-year-row" data-year={r.year} data-hhi={r.hhi}>
                  <th scope="row">{r.year}</th>
                  <td class="num">{count(r.hhi)}</td>
                  <td>
                    <BandBadge hhi={r.hhi} />
                  </td>
                  <td class="num">
                    {shareText(r.c.top1.share)} <span class="muted">{r.c.top1.country}</span>
                  </td>
                  <td class="num">{shareText(r.c.top3.share)}</td>
                  <td class="num">{shareText(r.c.allianceShare)}</td>
                  <td>{r.c.crma.exceeds65 ? 'exceeded' : 'within'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
    </Panel>
  );
}

/**
 * A date (`YYYY-MM-DD`) as a bound of the ledger window, RFC 3339 UTC: the window is `from ≤ t < to`, so
 * its end is the start of the day after the last date.
 */
function dayBound(date: string, end: boolean): string | undefined {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms + (end ? 86_400_000 : 0)).toISOString().slice(0, 10)}T00:00:00Z`;
}

function ComparePanel({ selection }: { selection: Selection }) {
  const { mineral, stage, year, from, to } = selection;
  const load = useLoad(
    (signal) =>
      api<Comparison>(
        `v1/risk/compare${query({
          mineral: mineral.mineral,
          stage,
          year,
          from: dayBound(from, false),
          to: dayBound(to, true),
        })}`,
        { signal },
      ),
    [mineral.mineral, stage, year, from, to],
  );
  return (
    <Panel title="Top-down and bottom-up" testid="risk-compare" wide>
      <p class="help">
        Top-down: the shares in the public datasets. Bottom-up: the shares of the flows traced in this ledger,
        by the country of their origin mines. The ledger holds what its members recorded, so the two differ.
      </p>
      <WindowForm key={`${from}|${to}`} selection={selection} />
      <Show load={load} what="the comparison">
        {(cmp) => <CompareBody cmp={cmp} />}
      </Show>
    </Panel>
  );
}

function WindowForm({ selection }: { selection: Selection }) {
  const [from, setFrom] = useState(selection.from);
  const [to, setTo] = useState(selection.to);
  return (
    <form
      class="inline filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(
          routeOf({
            mineral: selection.mineral.mineral,
            stage: selection.stage,
            year: selection.year,
            from,
            to,
          }),
        );
      }}
    >
      <label for="risk-from">Ledger window from</label>
      <input
        id="risk-from"
        type="date"
        value={from}
        onInput={(e) => setFrom(e.currentTarget.value)}
        data-testid="risk-from"
      />
      <label for="risk-to">to</label>
      <input
        id="risk-to"
        type="date"
        value={to}
        onInput={(e) => setTo(e.currentTarget.value)}
        data-testid="risk-to"
      />
      <button type="submit" data-testid="risk-compare-apply">
        Compare
      </button>
    </form>
  );
}

function CompareBody({ cmp }: { cmp: Comparison }) {
  const { topDown: td, bottomUp: bu } = cmp;
  const rows: readonly { label: string; td: string; bu: string }[] = [
    { label: 'Period', td: period(td), bu: period(bu) },
    { label: 'Total', td: amountText(td.total, td.unit), bu: amountText(bu.total, bu.unit) },
    {
      label: 'HHI',
      td: `${count(td.hhi)} (${hhiBand(td.hhi)})`,
      bu: `${count(bu.hhi)} (${hhiBand(bu.hhi)})`,
    },
    {
      label: 'Largest supplier',
      td: `${countryName(td.top1.country)} ${shareText(td.top1.share)}`,
      bu: bu.shares.length === 0 ? '—' : `${countryName(bu.top1.country)} ${shareText(bu.top1.share)}`,
    },
    { label: 'Top three', td: shareText(td.top3.share), bu: shareText(bu.top3.share) },
    { label: 'Alliance share', td: shareText(td.allianceShare), bu: shareText(bu.allianceShare) },
    {
      label: 'CRMA 65 %',
      td: td.crma.exceeds65 ? 'exceeded' : 'within',
      bu: bu.crma.exceeds65 ? 'exceeded' : 'within',
    },
  ];
  const scale = differenceScale(cmp);
  return (
    <>
      {bu.shares.length === 0 && (
        <Empty testid="risk-compare-empty">
          <p>
            The ledger holds no traced flows of {mineralLabel(bu.mineral)} at the {bu.stage} stage in this
            window.
          </p>
        </Empty>
      )}
      <div class="two">
        <TableWrap label="Top-down and bottom-up figures" testid="risk-compare-summary">
          <table>
            <caption>Both methods side by side</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col" class="num">
                  Top-down
                </th>
                <th scope="col" class="num">
                  Bottom-up
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td class="num">{r.td}</td>
                  <td class="num">{r.bu}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <TableWrap label="Differences by country" testid="risk-compare-table">
          <table>
            <caption>
              Share by country in each method; difference in percentage points (bottom-up − top-down)
            </caption>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col" class="num">
                  Top-down
                </th>
                <th scope="col" class="num">
                  Bottom-up
                </th>
                <th scope="col" class="num">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody>
              {cmp.differences.map((d) => {
                const delta = (d.bottomUp - d.topDown) * scale;
                return (
                  <tr key={d.country} data-testid="risk-compare-row" data-country={d.country}>
                    <th scope="row">
                      <CountryLabel code={d.country} />
                    </th>
                    <td class="num">{pointText(d.topDown * scale)} %</td>
                    <td class="num">{pointText(d.bottomUp * scale)} %</td>
                    <td class="num">
                      {delta > 0 ? '+' : delta < 0 ? '−' : ''}
                      {pointText(Math.abs(delta))} pp
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      </div>
      <Notes notes={cmp.explanation} testid="risk-compare-explanation" title="Why they differ" />
    </>
  );
}

/**
 * Differences come as fractions (like `share`) or percentages (like `percent`): whichever matches the
 * top-down share of a country listed in both gives the factor to percent.
 */
function differenceScale(cmp: Comparison): number {
  for (const d of cmp.differences) {
    const s = cmp.topDown.shares.find((x) => x.country === d.country);
    if (s === undefined || s.percent === 0) continue;
    return Math.abs(d.topDown - s.share) <= Math.abs(d.topDown - s.percent) ? 100 : 1;
  }
  return cmp.differences.every((d) => Math.abs(d.topDown) <= 1 && Math.abs(d.bottomUp) <= 1) ? 100 : 1;
}

function pointText(p: number): string {
  return p.toLocaleString('en', { maximumFractionDigits: 2 });
}
