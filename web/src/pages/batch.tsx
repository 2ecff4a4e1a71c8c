import { useMemo, useState } from 'preact/hooks';
import { ApiError, api, seg } from '../api';
import { mapOption, SANKEY_MAX_BATCHES, sankeyOption } from '../charts/options';
import { Chart } from '../components/chart';
import { HistoryTable } from '../components/history';
import { Empty, EntityLink, NeedsToken, Page, Panel, ShareBar, Show } from '../components/ui';
import { facilities } from '../facilities-cache';
import { mass, micrograms, parseOrigin, percent, shortId, time } from '../format';
import { useLoad, useNarrow } from '../hooks';
import { useToken } from '../token';
import type {
  Batch,
  Composition,
  ElementProvenance,
  Facility,
  HistoryEvent,
  Provenance,
  Share,
} from '../types';

interface BatchData {
  readonly batch: Batch;
  readonly provenance: Provenance;
  readonly history: readonly HistoryEvent[];
  readonly facilities: ReadonlyMap<string, Facility>;
  /** The compositions of the first batches upstream (those with no inputs), when there are few. */
  readonly roots: ReadonlyMap<string, Composition>;
}

/** Above this many first batches upstream, the Sankey starts at them rather than at their origins. */
const MAX_ROOTS = 100;

async function loadBatch(id: string, signal: AbortSignal): Promise<BatchData> {
  const path = `v1/batches/${seg(id)}`;
  // The batch first: an unknown one is then one 404, not three.
  const batch = await api<Batch>(path, { auth: true, signal });
  const [provenance, history] = await Promise.all([
    api<Provenance>(`${path}/provenance`, { auth: true, signal }),
    api<{ items: HistoryEvent[] }>(`${path}/history`, { auth: true, signal }),
  ]);
  const roots = await rootCompositions(batch, provenance, signal);
  const ids = new Set<string>([batch.facility]);
  for (const e of provenance.elements) for (const s of e.byOrigin) ids.add(parseOrigin(s.key).facility);
  for (const c of roots.values())
    for (const list of Object.values(c)) for (const [key] of list) ids.add(parseOrigin(key).facility);
  return { batch, provenance, history: history.items, facilities: await facilities(ids), roots };
}

/** Whoever may read a batch's provenance may read the batches upstream of it (it holds what they made). */
async function rootCompositions(
  batch: Batch,
  provenance: Provenance,
  signal: AbortSignal,
): Promise<Map<string, Composition>> {
  const fed = new Set(provenance.graph.edges.map((e) => e.to));
  const roots = provenance.graph.batches.map((b) => b.id).filter((b) => !fed.has(b));
  const out = new Map<string, Composition>();
  if (roots.length > MAX_ROOTS) return out;
  const queue = [...roots];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const row = id === batch.id ? batch : await api<Batch>(`v1/batches/${seg(id)}`, { auth: true, signal });
      out.set(id, row.composition);
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, roots.length) }, worker));
  return out;
}

/** One batch: its facts, element flows (Sankey), origin mines (map and list), shares, history. */
export function BatchPage({ id }: { id: string }) {
  const token = useToken();
  if (token === '') {
    return (
      <Page title={`Batch ${shortId(id)}`} testid="batch">
        <p class="id">{id}</p>
        <NeedsToken what="A batch, its provenance and history are" testid="batch-locked" />
      </Page>
    );
  }
  return <LoadedBatch id={id} token={token} />;
}

function LoadedBatch({ id, token }: { id: string; token: string }) {
  const load = useLoad((signal) => loadBatch(id, signal), [id, token]);
  return (
    <Page title={`Batch ${shortId(id)}`} testid="batch">
      <p class="id" data-testid="batch-id">
        {id}
      </p>
      {load.state === 'error' && load.error instanceof ApiError && load.error.code === 'BATCH_NOT_FOUND' ? (
        <Empty testid="batch-not-found">
          <p>No such batch, or not one this token may see (the node answers both the same way).</p>
        </Empty>
      ) : (
        <Show load={load} what="the batch">
          {(data) => <BatchBody data={data} />}
        </Show>
      )}
    </Page>
  );
}

function BatchBody({ data }: { data: BatchData }) {
  const { batch, provenance } = data;
  const elements = provenance.elements;
  const [chosen, setChosen] = useState(() => heaviest(elements)?.element ?? '');
  const element = elements.find((e) => e.element === chosen) ?? elements[0];
  return (
    <div class="grid">
      <Facts batch={batch} facility={data.facilities.get(batch.facility)} />
      <Panel title="Element flows" testid="flows" wide>
        {element === undefined ? (
          <Empty>
            <p>This material carries no tracked element, so there are no element flows to show.</p>
          </Empty>
        ) : (
          <>
            <div class="inline">
              <label for="element">Element</label>
              <select
                id="element"
                value={element.element}
                onChange={(e) => setChosen(e.currentTarget.value)}
                data-testid="element-select"
              >
                {elements.map((e) => (
                  <option key={e.element} value={e.element}>
                    {e.element} ({micrograms(e.micrograms)})
                  </option>
                ))}
              </select>
            </div>
            <Flows data={data} element={element} />
          </>
        )}
      </Panel>
      <Origins element={element} facilities={data.facilities} />
      <Shares element={element} />
      <Panel title="History" testid="history-panel" wide>
        <HistoryTable events={data.history} />
      </Panel>
    </div>
  );
}

function heaviest(elements: readonly ElementProvenance[]): ElementProvenance | undefined {
  return elements.reduce<ElementProvenance | undefined>(
    (best, e) => (best === undefined || BigInt(e.micrograms) > BigInt(best.micrograms) ? e : best),
    undefined,
  );
}

function Facts({ batch, facility }: { batch: Batch; facility: Facility | undefined }) {
  return (
    <Panel title="Batch" testid="batch-facts" wide>
      <dl class="facts">
        <dt>Material</dt>
        <dd data-testid="batch-material">
          <code>{batch.material}</code>
        </dd>
        <dt>Status</dt>
        <dd data-testid="batch-status">{batch.status}</dd>
        <dt>Created</dt>
        <dd>
          {mass(batch.createdGrams)} on {time(batch.createdAt)}
        </dd>
        <dt>Remaining</dt>
        <dd>{mass(batch.remainingGrams)}</dd>
        <dt>Element content</dt>
        <dd>
          {Object.entries(batch.content)
            .map(([el, ppm]) => `${el} ${(ppm / 1e4).toLocaleString('en', { maximumFractionDigits: 3 })} %`)
            .join(', ') || '—'}
        </dd>
        <dt>Facility</dt>
        <dd>
          <EntityLink section="facilities" id={batch.facility}>
            {facility ? `${facility.name} (${facility.country})` : batch.facility}
          </EntityLink>
        </dd>
        <dt>Custodian</dt>
        <dd>
          <EntityLink section="organizations" id={batch.custodian} />
        </dd>
        <dt>Owner</dt>
        <dd>
          <EntityLink section="organizations" id={batch.owner} />
        </dd>
        {batch.inTransit && (
          <>
            <dt>In transit</dt>
            <dd>
              {mass(batch.inTransit.grams)} to <EntityLink section="organizations" id={batch.inTransit.to} />{' '}
              at <EntityLink section="facilities" id={batch.inTransit.toFacility} />
            </dd>
          </>
        )}
        <dt>Chain of custody</dt>
        <dd>{batch.custodyModel}</dd>
      </dl>
    </Panel>
  );
}

function Flows({ data, element }: { data: BatchData; element: ElementProvenance }) {
  const { provenance } = data;
  const narrow = useNarrow();
  const option = useMemo(
    () =>
      sankeyOption({
        target: provenance.batch,
        element: element.element,
        targetMicrograms: element.micrograms,
        batches: provenance.graph.batches,
        edges: provenance.graph.edges,
        facilities: data.facilities,
        roots: data.roots,
        vertical: narrow,
      }),
    [provenance, element, data.facilities, data.roots, narrow],
  );
  const upstream = provenance.graph.batches.length - 1;
  return (
    <>
      <p class="help" data-testid="flows-summary">
        {upstream === 0
          ? `No upstream batches: this batch was created from its origins (${narrow ? 'top' : 'left'}).`
          : `${element.element} from its origins (${narrow ? 'top' : 'left'}) through ${upstream} upstream batch${upstream === 1 ? '' : 'es'} and ${provenance.graph.edges.length} custody edges to this batch (${narrow ? 'bottom' : 'right'}).`}
        {option.truncated &&
          ` The graph is large: the ${SANKEY_MAX_BATCHES} batches nearest to this one are drawn.`}
      </p>
      <Chart
        option={option.option}
        label={`Sankey diagram of ${element.element} flows from origin facilities through upstream batches to this batch`}
        height={narrow ? 520 : Math.min(720, Math.max(260, option.nodes * 24 + 60))}
        testid="sankey"
      />
    </>
  );
}

function Origins({
  element,
  facilities,
}: {
  element: ElementProvenance | undefined;
  facilities: ReadonlyMap<string, Facility>;
}) {
  const origins = (element?.byOrigin ?? []).map((s) => ({ share: s, ...parseOrigin(s.key) }));
  const option = useMemo(() => {
    const points = origins.flatMap((o) => {
      const f = facilities.get(o.facility);
      if (f === undefined) return [];
      const [lon, lat] = f.location.coordinates;
      const detail = `${f.facilityKind}, ${o.method}: ${percent(o.share.percent)} of ${element?.element}`;
      return [{ id: f.id, name: f.name, lon, lat, weight: o.share.percent, detail }];
    });
    return mapOption(points);
  }, [element, facilities]);
  return (
    <Panel title={`Origins${element ? ` of ${element.element}` : ''}`} testid="origins-panel" wide>
      {origins.length === 0 ? (
        <Empty testid="origins-empty">
          <p>No origins recorded for this element.</p>
        </Empty>
      ) : (
        <div class="two">
          <Chart
            option={option}
            map
            label="World map of the origin mines; they are listed beside it"
            height={340}
            testid="origins-map"
          />
          <ol class="origins" data-testid="origins">
            {origins.map((o) => {
              const f = facilities.get(o.facility);
              return (
                <li key={o.share.key} data-testid="origin-row" data-facility={o.facility}>
                  <ShareBar percent={o.share.percent} />
                  <div>
                    <EntityLink section="facilities" id={o.facility}>
                      {f ? f.name : o.facility}
                    </EntityLink>{' '}
                    <strong class="num">{percent(o.share.percent)}</strong>
                    <div class="muted">
                      {f ? `${f.facilityKind}, ${f.country}` : 'unknown facility'} · {o.method} ·{' '}
                      {micrograms(o.share.micrograms)}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </Panel>
  );
}

const DIMENSIONS: readonly { key: keyof ElementProvenance; title: string; testid: string }[] = [
  { key: 'byCountry', title: 'By country', testid: 'shares-country' },
  { key: 'byAlliance', title: 'By alliance membership', testid: 'shares-alliance' },
  { key: 'byCertification', title: 'By certification', testid: 'shares-certification' },
  { key: 'byExtraction', title: 'By extraction', testid: 'shares-extraction' },
];

function Shares({ element }: { element: ElementProvenance | undefined }) {
  if (element === undefined) return null;
  return (
    <Panel title={`Shares of ${element.element}`} testid="shares" wide>
      <div class="quad">
        {DIMENSIONS.map((d) => (
          <ShareTable
            key={d.key}
            title={d.title}
            shares={element[d.key] as readonly Share[]}
            testid={d.testid}
          />
        ))}
      </div>
      <p class="help">Exact shares of the element's mass; percentages are rounded for display.</p>
    </Panel>
  );
}

function ShareTable({ title, shares, testid }: { title: string; shares: readonly Share[]; testid: string }) {
  return (
    <table class="shares" data-testid={testid}>
      <caption>{title}</caption>
      <tbody>
        {shares.map((s) => (
          <tr key={s.key} data-testid="share-row" data-key={s.key}>
            <th scope="row">{s.key}</th>
            <td class="bar">
              <ShareBar percent={s.percent} />
            </td>
            <td class="num" title={`exactly ${s.share}`}>
              {percent(s.percent)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
