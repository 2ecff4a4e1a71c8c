import { useMemo, useState } from 'preact/hooks';
import { ApiError, api, query, seg } from '../api';
import { mapOption } from '../charts/options';
import { CertificateTable } from '../components/certificate-table';
import { Chart } from '../components/chart';
import { FacilityTable } from '../components/facility-table';
import { Badge, Empty, EntityLink, Page, Pager, Panel, Show } from '../components/ui';
import { mass, time } from '../format';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import type { Page as ApiPage, CertificateSummary, Certification, Facility } from '../types';

const KINDS = [
  'mine',
  'concentrator',
  'refinery',
  'smelter',
  'recycler',
  'precursor',
  'cathode',
  'anode',
  'magnet',
  'cell',
  'pack',
  'oem',
  'warehouse',
  'trader',
] as const;

function facilityPoints(facilities: readonly Facility[]) {
  return facilities.map((f) => ({
    id: f.id,
    name: f.name,
    lon: f.location.coordinates[0],
    lat: f.location.coordinates[1],
    detail: `${f.facilityKind}, ${f.country}`,
  }));
}

/** Registered facilities, with a map of the listed page. Public. */
export function FacilitiesPage({ params }: { params: URLSearchParams }) {
  const kind = params.get('kind') ?? '';
  const country = params.get('country') ?? '';
  const after = params.get('after') ?? '';
  const load = useLoad(
    (signal) =>
      api<ApiPage<Facility>>(`v1/facilities${query({ kind, country, after, limit: 200 })}`, { signal }),
    [kind, country, after],
  );
  return (
    <Page
      title="Facilities"
      lead="Mines, refineries, plants and warehouses, as their operators registered them. Public."
      testid="facilities"
    >
      <Panel title="Registered facilities" wide>
        <FacilityFilters key={`${kind}|${country}`} kind={kind} country={country} />
        <Show load={load} what="facilities">
          {(page) =>
            page.items.length === 0 ? (
              <Empty testid="facilities-empty">
                <p>
                  {kind || country
                    ? 'No facility matches these filters.'
                    : 'No facilities registered yet: an operator registers each of its facilities with a signed facility record.'}
                </p>
              </Empty>
            ) : (
              <>
                <FacilityMap facilities={page.items} />
                <FacilityTable facilities={page.items} empty="" />
                <Pager
                  next={page.next}
                  onNext={(next) => navigate(href('facilities', undefined, { kind, country, after: next }))}
                  {...(after !== '' && {
                    onFirst: () => navigate(href('facilities', undefined, { kind, country })),
                  })}
                />
              </>
            )
          }
        </Show>
      </Panel>
    </Page>
  );
}

function FacilityMap({ facilities }: { facilities: readonly Facility[] }) {
  const option = useMemo(() => mapOption(facilityPoints(facilities)), [facilities]);
  return (
    <Chart
      option={option}
      map
      label={`World map of ${facilities.length} facilities; they are listed in the table below`}
      height={380}
      testid="facilities-map"
    />
  );
}

function FacilityFilters({ kind, country }: { kind: string; country: string }) {
  const [k, setK] = useState(kind);
  const [c, setC] = useState(country);
  return (
    <form
      class="inline filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(href('facilities', undefined, { kind: k, country: c.trim().toUpperCase() }));
      }}
    >
      <label for="filter-kind">Kind</label>
      <select
        id="filter-kind"
        value={k}
        onChange={(e) => setK(e.currentTarget.value)}
        data-testid="filter-kind"
      >
        <option value="">any</option>
        {KINDS.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <label for="facilities-country">Country (ISO alpha-3)</label>
      <input
        id="facilities-country"
        value={c}
        maxLength={3}
        size={5}
        placeholder="CAN"
        onInput={(e) => setC(e.currentTarget.value)}
        data-testid="filter-country"
      />
      <button type="submit">Apply</button>
    </form>
  );
}

interface FacilityData {
  readonly facility: Facility;
  readonly certification: Certification;
  readonly certificates: readonly CertificateSummary[];
}

/** One facility: its record, location and certification now. */
export function FacilityPage({ id }: { id: string }) {
  const load = useLoad(
    async (signal): Promise<FacilityData> => {
      const [facility, certification, certificates] = await Promise.all([
        api<Facility>(`v1/facilities/${seg(id)}`, { signal }),
        api<Certification>(`v1/certification${query({ subject: id })}`, { signal }),
        api<{ items: CertificateSummary[] }>(`v1/certificates${query({ subject: id })}`, { signal }),
      ]);
      return { facility, certification, certificates: certificates.items };
    },
    [id],
  );
  const notFound = load.state === 'error' && load.error instanceof ApiError && load.error.status === 404;
  return (
    <Page title={load.state === 'done' ? load.data.facility.name : 'Facility'} testid="facility">
      <p class="id">{id}</p>
      {notFound ? (
        <Empty testid="facility-not-found">
          <p>This node has no facility with this id.</p>
        </Empty>
      ) : (
        <Show load={load} what="the facility">
          {({ facility: f, certification, certificates }) => (
            <div class="grid">
              <Panel title="Record" testid="facility-facts">
                <dl class="facts">
                  <dt>Kind</dt>
                  <dd data-testid="facility-kind">{f.facilityKind}</dd>
                  <dt>Country</dt>
                  <dd>{f.country}</dd>
                  <dt>Location</dt>
                  <dd>
                    {f.location.coordinates[1].toFixed(4)}° lat, {f.location.coordinates[0].toFixed(4)}° lon
                  </dd>
                  <dt>Operator</dt>
                  <dd>
                    <EntityLink section="organizations" id={f.operator} />
                  </dd>
                  <dt>Capacity</dt>
                  <dd>
                    {f.capacityGramsPerYear === undefined ? '—' : `${mass(f.capacityGramsPerYear)} a year`}
                  </dd>
                  <dt>Processes</dt>
                  <dd>{f.processCategories.join(', ') || '—'}</dd>
                  <dt>Valid from</dt>
                  <dd>{time(f.validFrom)}</dd>
                  <dt>Certified now</dt>
                  <dd data-testid="facility-certified">
                    <Badge
                      status={certification.certified ? 'verified' : 'failed'}
                      label={certification.certified ? 'certified' : 'not certified'}
                    />
                  </dd>
                </dl>
              </Panel>
              <Panel title="Map" testid="facility-map-panel">
                <FacilityMap facilities={[f]} />
              </Panel>
              <Panel title="Certificates about it" testid="facility-certificates" wide>
                <CertificateTable
                  certificates={certificates}
                  empty="No certificate assesses this facility."
                />
              </Panel>
            </div>
          )}
        </Show>
      )}
    </Page>
  );
}
