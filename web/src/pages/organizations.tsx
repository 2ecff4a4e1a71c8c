import { useState } from 'preact/hooks';
import { ApiError, api, query, seg } from '../api';
import { CertificateTable } from '../components/certificate-table';
import { FacilityTable } from '../components/facility-table';
import { Empty, EntityLink, Page, Pager, Panel, Show, TableWrap } from '../components/ui';
import { time } from '../format';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import type { Page as ApiPage, CertificateSummary, Facility, Organization } from '../types';

/** The identity registry: who may sign what. Public. */
export function OrganizationsPage({ params }: { params: URLSearchParams }) {
  const country = params.get('country') ?? '';
  const after = params.get('after') ?? '';
  const load = useLoad(
    (signal) =>
      api<ApiPage<Organization>>(`v1/organizations${query({ country, after, limit: 100 })}`, { signal }),
    [country, after],
  );
  return (
    <Page
      title="Organisations"
      lead="The identity registry: organisations, their roles and keys. Public."
      testid="organizations"
    >
      <Panel title="Registered organisations" wide>
        <CountryFilter key={country} section="organizations" country={country} />
        <Show load={load} what="organisations">
          {(page) =>
            page.items.length === 0 ? (
              <Empty testid="organizations-empty">
                <p>
                  {country
                    ? `No organisation registered in ${country}.`
                    : 'No organisations registered yet: the operator registers the first ones (lodestone keys register).'}
                </p>
              </Empty>
            ) : (
              <>
                <TableWrap label="Organisations" testid="organizations-table">
                  <table>
                    <caption>Organisations in registration order</caption>
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">DID</th>
                        <th scope="col">Country</th>
                        <th scope="col">Roles</th>
                        <th scope="col">Since</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((o) => (
                        <tr key={o.did} data-testid="organization-row" data-did={o.did}>
                          <th scope="row">
                            <EntityLink section="organizations" id={o.did}>
                              {o.legalName}
                            </EntityLink>
                          </th>
                          <td class="id">{o.did}</td>
                          <td>{o.country}</td>
                          <td>{o.roles.join(', ')}</td>
                          <td>{time(o.validFrom)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
                <Pager
                  next={page.next}
                  onNext={(next) => navigate(href('organizations', undefined, { country, after: next }))}
                  {...(after !== '' && {
                    onFirst: () => navigate(href('organizations', undefined, { country })),
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

/** A filter by ISO 3166-1 alpha-3 country code. */
export function CountryFilter({
  section,
  country,
  extra,
}: {
  section: string;
  country: string;
  extra?: Record<string, string>;
}) {
  const [value, setValue] = useState(country);
  return (
    <form
      class="inline filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(href(section, undefined, { ...extra, country: value.trim().toUpperCase() }));
      }}
    >
      <label for={`${section}-country`}>Country (ISO alpha-3)</label>
      <input
        id={`${section}-country`}
        value={value}
        maxLength={3}
        size={5}
        pattern="[A-Za-z]{3}"
        placeholder="CAN"
        onInput={(e) => setValue(e.currentTarget.value)}
        data-testid="filter-country"
      />
      <button type="submit">Apply</button>
    </form>
  );
}

interface OrganizationData {
  readonly org: Organization;
  readonly facilities: readonly Facility[];
  readonly certificates: readonly CertificateSummary[];
}

/** One organisation: its registration, keys, facilities and certificates about it. */
export function OrganizationPage({ did }: { did: string }) {
  const load = useLoad(
    async (signal): Promise<OrganizationData> => {
      const [org, facilities, certificates] = await Promise.all([
        api<Organization>(`v1/organizations/${seg(did)}`, { signal }),
        api<ApiPage<Facility>>(`v1/facilities${query({ operator: did, limit: 1000 })}`, { signal }),
        api<{ items: CertificateSummary[] }>(`v1/certificates${query({ subject: did })}`, { signal }),
      ]);
      return { org, facilities: facilities.items, certificates: certificates.items };
    },
    [did],
  );
  const notFound = load.state === 'error' && load.error instanceof ApiError && load.error.status === 404;
  return (
    <Page title={load.state === 'done' ? load.data.org.legalName : 'Organisation'} testid="organization">
      <p class="id">{did}</p>
      {notFound ? (
        <Empty testid="organization-not-found">
          <p>This node has no organisation with this DID.</p>
        </Empty>
      ) : (
        <Show load={load} what="the organisation">
          {({ org, facilities, certificates }) => (
            <div class="grid">
              <Panel title="Registration" testid="organization-facts">
                <dl class="facts">
                  <dt>Country</dt>
                  <dd>{org.country}</dd>
                  <dt>Roles</dt>
                  <dd data-testid="organization-roles">{org.roles.join(', ') || '—'}</dd>
                  <dt>Registered id</dt>
                  <dd>
                    {org.registeredId} <span class="muted">({org.idScheme.name})</span>
                  </dd>
                  <dt>Valid from</dt>
                  <dd>{time(org.validFrom)}</dd>
                  <dt>Registered by</dt>
                  <dd>
                    <EntityLink section="organizations" id={org.registeredBy} />
                  </dd>
                  <dt>Statement</dt>
                  <dd class="id">
                    <a href={`v1/statements/${org.statement}`}>{org.statement}</a>
                  </dd>
                </dl>
              </Panel>
              <Panel title="Keys" testid="organization-keys">
                {(org.keys ?? []).length === 0 ? (
                  <Empty>
                    <p>No keys.</p>
                  </Empty>
                ) : (
                  <TableWrap label="Keys">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">Key id</th>
                          <th scope="col">Active from</th>
                          <th scope="col">Retired / revoked</th>
                        </tr>
                      </thead>
                      <tbody>
                        {(org.keys ?? []).map((k) => (
                          <tr key={k.kid}>
                            <th scope="row" class="id">
                              {k.kid}
                            </th>
                            <td>{time(k.activeFrom)}</td>
                            <td>
                              {k.revokedFrom
                                ? `revoked ${time(k.revokedFrom)}`
                                : k.retiredFrom
                                  ? `retired ${time(k.retiredFrom)}`
                                  : 'active'}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </Panel>
              <Panel title="Facilities it operates" testid="organization-facilities" wide>
                <FacilityTable
                  facilities={facilities}
                  empty="This organisation has registered no facility."
                />
              </Panel>
              <Panel title="Certificates about it" testid="organization-certificates" wide>
                <CertificateTable
                  certificates={certificates}
                  empty="No certificate assesses this organisation."
                />
              </Panel>
            </div>
          )}
        </Show>
      )}
    </Page>
  );
}
