import { useMemo } from 'preact/hooks';
import { api, query } from '../api';
import { type BenchmarkLine, pipelineOption } from '../charts/risk';
import { Chart } from '../components/chart';
import {
  AssumptionsTable,
  CountryLabel,
  mineralLabel,
  Notes,
  numberText,
  RiskNav,
  sharePercent,
  shareText,
  tonnesText,
} from '../components/risk';
import { Badge, Empty, Page, Panel, Show, Stat, TableWrap } from '../components/ui';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import type { Pipeline, PipelineYear, RiskMineral } from '../types';

/** Capacity projects and the projected alliance capacity and share by year against the benchmarks. Public. */
export function PipelinePage({ params }: { params: URLSearchParams }) {
  const load = useLoad((signal) => api<{ minerals: RiskMineral[] }>('v1/risk/minerals', { signal }), []);
  return (
    <Page
      title="Capacity pipeline"
      lead="Projects that add alliance capacity, with their status, capacity and start: the projected alliance capacity and share by year, against the EU CRMA 2030 benchmarks. Public."
      testid="pipeline"
    >
      <RiskNav current="pipeline" />
      <Show load={load} what="the minerals">
        {({ minerals }) => {
          if (minerals.length === 0) {
            return (
              <Empty testid="pipeline-empty">
                <p>This node holds no supply data yet, so there is no pipeline to project.</p>
              </Empty>
            );
          }
          const asked = params.get('mineral') ?? '';
          const mineral =
            minerals.find((m) => m.mineral === asked)?.mineral ?? (minerals[0] as RiskMineral).mineral;
          return <PipelineBody minerals={minerals} mineral={mineral} />;
        }}
      </Show>
    </Page>
  );
}

function PipelineBody({ minerals, mineral }: { minerals: readonly RiskMineral[]; mineral: string }) {
  const load = useLoad(
    (signal) => api<Pipeline>(`v1/risk/pipeline${query({ mineral })}`, { signal }),
    [mineral],
  );
  return (
    <>
      <div class="inline picker">
        <label for="pipeline-mineral">Mineral</label>
        <select
          id="pipeline-mineral"
          value={mineral}
          onChange={(e) => navigate(href('risk', 'pipeline', { mineral: e.currentTarget.value }))}
          data-testid="pipeline-mineral"
        >
          {minerals.map((m) => (
            <option key={m.mineral} value={m.mineral}>
              {mineralLabel(m.mineral)}
            </option>
          ))}
        </select>
      </div>
      <Show load={load} what="the pipeline">
        {(p) =>
          p.years.length === 0 && p.projects.length === 0 ? (
            <>
              <Empty testid="pipeline-empty">
                <p>No capacity projects of {mineralLabel(mineral)} are on record.</p>
              </Empty>
              <Notes notes={p.notes} testid="pipeline-notes" />
            </>
          ) : (
            <PipelineView p={p} />
          )
        }
      </Show>
    </>
  );
}

/**
 * A benchmark's target on the chart's axes: a fraction (≤ 1, like `allianceShare`) or a percentage
 * (≤ 100) on the share axis, anything larger in tonnes.
 */
function targetOf(target: number): { axis: 'percent' | 'tonnes'; value: number } {
  if (target <= 1) return { axis: 'percent', value: sharePercent(target) };
  if (target <= 100) return { axis: 'percent', value: target };
  return { axis: 'tonnes', value: target };
}

/** The CRMA Art. 5 benchmarks by the names the node gives them. */
const BENCHMARK_LABELS: Readonly<Record<string, string>> = {
  extraction: 'Extraction ≥ target',
  processing: 'Processing ≥ target',
  recycling: 'Recycling ≥ target',
  'single-third-country': 'Largest third country ≤ cap',
};

function benchmarkLabel(name: string): string {
  return BENCHMARK_LABELS[name] ?? name;
}

function targetText(target: number): string {
  const t = targetOf(target);
  return t.axis === 'percent' ? `${numberText(t.value)} %` : tonnesText(t.value);
}

function benchmarkLines(years: readonly PipelineYear[]): BenchmarkLine[] {
  const names = [...new Set(years.flatMap((y) => y.benchmarks.map((b) => b.name)))];
  return names.map((name) => {
    const first = years.flatMap((y) => y.benchmarks).find((b) => b.name === name);
    const axis = targetOf(first?.target ?? 0).axis;
    return {
      name: benchmarkLabel(name),
      axis,
      values: years.map((y) => {
        const b = y.benchmarks.find((x) => x.name === name);
        return b === undefined ? null : targetOf(b.target).value;
      }),
    };
  });
}

function PipelineView({ p }: { p: Pipeline }) {
  const years = useMemo(() => [...p.years].sort((a, b) => a.year - b.year), [p]);
  const option = useMemo(
    () =>
      pipelineOption({
        years: years.map((y) => y.year),
        capacity: years.map((y) => y.capacityTonnes),
        weighted: years.map((y) => y.weightedTonnes),
        sharePercent: years.map((y) => sharePercent(y.allianceShare)),
        benchmarks: benchmarkLines(years),
      }),
    [years],
  );
  const last = years.at(-1);
  const subject = mineralLabel(p.mineral);
  return (
    <div class="grid">
      {years.length > 0 && (
        <Panel title={`Projected alliance capacity: ${subject}`} testid="pipeline-projection" wide>
          <Chart
            option={option}
            label={`Chart of projected alliance ${subject} capacity by year (bars, tonnes) and alliance share (line, %), with the benchmark targets as dashed lines; the same figures are in the tables below`}
            height={340}
            testid="pipeline-chart"
          />
          <TableWrap label="Projected capacity by year" testid="pipeline-years">
            <table>
              <caption>
                Projected alliance capacity by year: nameplate, weighted by project status, and share
              </caption>
              <thead>
                <tr>
                  <th scope="col">Year</th>
                  <th scope="col" class="num">
                    Capacity
                  </th>
                  <th scope="col" class="num">
                    Weighted capacity
                  </th>
                  <th scope="col" class="num">
                    Alliance share
                  </th>
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr key={y.year} data-testid="pipeline-year-row" data-year={y.year}>
                    <th scope="row">{y.year}</th>
                    <td class="num">{tonnesText(y.capacityTonnes)}</td>
                    <td class="num">{tonnesText(y.weightedTonnes)}</td>
                    <td class="num">{shareText(y.allianceShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </Panel>
      )}
      {last !== undefined && last.benchmarks.length > 0 && (
        <Panel title={`Benchmarks in ${last.year}`} testid="pipeline-gaps" wide>
          <dl class="stats">
            {last.benchmarks.map((b) => (
              <Stat
                key={b.name}
                label={benchmarkLabel(b.name)}
                value={b.met ? <Badge status="pass" label="met" /> : tonnesText(b.gapTonnes)}
                note={`${b.met ? 'target' : 'capacity still needed for the target'} ${targetText(b.target)}${b.share === undefined ? '' : `; projected ${shareText(b.share)}`}`}
                testid="pipeline-gap"
                raw={b.gapTonnes}
                data={{ 'data-name': b.name, 'data-met': String(b.met) }}
              />
            ))}
          </dl>
        </Panel>
      )}
      {years.some((y) => y.benchmarks.length > 0) && (
        <Panel title="Gap per benchmark" testid="pipeline-benchmarks-panel" wide>
          <TableWrap label="Gap per benchmark and year" testid="pipeline-benchmarks">
            <table>
              <caption>
                Each benchmark by year: its target, the projected share it is checked against (for the cap,
                the largest third country's), and the weighted capacity still needed, in tonnes
              </caption>
              <thead>
                <tr>
                  <th scope="col">Year</th>
                  <th scope="col">Benchmark</th>
                  <th scope="col" class="num">
                    Target
                  </th>
                  <th scope="col" class="num">
                    Projected share
                  </th>
                  <th scope="col">Met</th>
                  <th scope="col" class="num">
                    Gap
                  </th>
                </tr>
              </thead>
              <tbody>
                {years.flatMap((y) =>
                  y.benchmarks.map((b) => (
                    <tr
                      key={`${y.year} ${b.name}`}
                      data-testid="pipeline-benchmark-row"
                      data-year={y.year}
                      data-name={b.name}
                      data-met={String(b.met)}
                      data-gap={b.gapTonnes}
                    >
                      <th scope="row">{y.year}</th>
                      <td>{benchmarkLabel(b.name)}</td>
                      <td class="num">{targetText(b.target)}</td>
                      <td class="num">{shareText(b.share ?? y.allianceShare)}</td>
                      <td>
                        <Badge status={b.met ? 'pass' : 'fail'} label={b.met ? 'met' : 'not met'} />
                      </td>
                      <td class="num">{b.met ? '—' : tonnesText(b.gapTonnes)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </TableWrap>
        </Panel>
      )}
      <Panel title="Projects" testid="pipeline-projects-panel" wide>
        {p.projects.length === 0 ? (
          <Empty testid="pipeline-projects-empty">
            <p>No capacity projects of {subject} are on record.</p>
          </Empty>
        ) : (
          <TableWrap label="Capacity projects" testid="pipeline-projects">
            <table>
              <caption>
                Capacity projects: status, stages, added capacity (tonnes of the mineral's basis a year),
                expected start, and the weight the projection gives their status
              </caption>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Country</th>
                  <th scope="col">Status</th>
                  <th scope="col">Stages</th>
                  <th scope="col" class="num">
                    Capacity
                  </th>
                  <th scope="col">Start</th>
                  <th scope="col" class="num">
                    Weight
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.projects.map((x) => (
                  <tr
                    key={`${x.name} ${x.country}`}
                    data-testid="pipeline-project-row"
                    data-country={x.country}
                  >
                    <th scope="row">
                      {x.name}
                      {x.company && <div class="muted">{x.company}</div>}
                    </th>
                    <td>
                      <CountryLabel code={x.country} />
                    </td>
                    <td>{x.status}</td>
                    <td>{x.stages?.join(', ') || '—'}</td>
                    <td class="num">{tonnesText(x.capacityTonnes)}</td>
                    <td>{x.start ?? '—'}</td>
                    <td class="num">{numberText(x.weight)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Panel>
      <Panel title="Assumptions" testid="pipeline-assumptions-panel" wide>
        {p.assumptions.length === 0 ? (
          <p class="muted">The projection states no assumptions.</p>
        ) : (
          <AssumptionsTable
            assumptions={p.assumptions}
            caption="Assumptions of the projection"
            testid="pipeline-assumptions"
          />
        )}
        <Notes notes={p.notes} testid="pipeline-notes" title="Notes" />
      </Panel>
    </div>
  );
}
