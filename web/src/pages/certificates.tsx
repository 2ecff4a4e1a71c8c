import { useState } from 'preact/hooks';
import { ApiError, api, query, seg } from '../api';
import { CertificateTable } from '../components/certificate-table';
import { CheckList } from '../components/checks';
import { Empty, EntityLink, Page, Panel, Show } from '../components/ui';
import { time } from '../format';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import type { CertificateDetail, CertificateSummary } from '../types';

/** Registered certificates with their verdict now. Public. */
export function CertificatesPage({ params }: { params: URLSearchParams }) {
  const subject = params.get('subject') ?? '';
  const issuer = params.get('issuer') ?? '';
  const scheme = params.get('scheme') ?? '';
  const load = useLoad(
    (signal) =>
      api<{ items: CertificateSummary[] }>(`v1/certificates${query({ subject, issuer, scheme })}`, {
        signal,
      }),
    [subject, issuer, scheme],
  );
  const filtered = subject !== '' || issuer !== '' || scheme !== '';
  return (
    <Page
      title="Certificates"
      lead="Conformity certificates registered on this node, each verified now: signature, issuer, accreditation chain, scope, validity, status, subject."
      testid="certificates"
    >
      <Panel title="Registered certificates" wide>
        <CertificateFilters
          key={`${subject}|${issuer}|${scheme}`}
          subject={subject}
          issuer={issuer}
          scheme={scheme}
        />
        <Show load={load} what="certificates">
          {(list) => (
            <CertificateTable
              certificates={list.items}
              empty={
                filtered
                  ? 'No certificate matches these filters.'
                  : 'No certificates registered yet: certifiers issue them with lodestone credential issue --submit.'
              }
            />
          )}
        </Show>
      </Panel>
    </Page>
  );
}

function CertificateFilters(props: { subject: string; issuer: string; scheme: string }) {
  const [v, setV] = useState(props);
  const field = (name: keyof typeof props, label: string) => (
    <>
      <label for={`cert-${name}`}>{label}</label>
      <input
        id={`cert-${name}`}
        value={v[name]}
        onInput={(e) => setV({ ...v, [name]: e.currentTarget.value.trim() })}
        data-testid={`filter-${name}`}
      />
    </>
  );
  return (
    <form
      class="inline filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(href('certificates', undefined, v));
      }}
    >
      {field('subject', 'Subject (facility, organisation or batch id)')}
      {field('issuer', 'Issuer DID')}
      {field('scheme', 'Scheme id')}
      <button type="submit">Apply</button>
    </form>
  );
}

/** One certificate: what it says and each check of its verification now. */
export function CertificatePage({ id }: { id: string }) {
  const load = useLoad((signal) => api<CertificateDetail>(`v1/certificates/${seg(id)}`, { signal }), [id]);
  const notFound = load.state === 'error' && load.error instanceof ApiError && load.error.status === 404;
  return (
    <Page
      title={load.state === 'done' ? load.data.summary.name || 'Certificate' : 'Certificate'}
      testid="certificate"
    >
      <p class="id">{id}</p>
      {notFound ? (
        <Empty testid="certificate-not-found">
          <p>No certificate with this id is registered on this node.</p>
        </Empty>
      ) : (
        <Show load={load} what="the certificate">
          {({ summary: c, jws, result }) => (
            <div class="grid">
              <Panel title="Certificate" testid="certificate-facts">
                <dl class="facts">
                  <dt>Scheme</dt>
                  <dd>
                    {c.scheme.name} <span class="id muted">{c.scheme.id}</span>
                  </dd>
                  <dt>Issuer</dt>
                  <dd>
                    <EntityLink section="organizations" id={c.issuer} />
                  </dd>
                  <dt>Topics</dt>
                  <dd>{c.topics.join(', ') || '—'}</dd>
                  <dt>Subjects</dt>
                  <dd>
                    {c.subjects.map((s) => (
                      <div key={s.id}>
                        {s.kind}:{' '}
                        <EntityLink
                          section={
                            s.kind === 'organization'
                              ? 'organizations'
                              : s.kind === 'facility'
                                ? 'facilities'
                                : 'batches'
                          }
                          id={s.id}
                        />
                      </div>
                    ))}
                  </dd>
                  <dt>Valid</dt>
                  <dd>
                    {time(c.validFrom)} – {c.validUntil ? time(c.validUntil) : 'open-ended'}
                  </dd>
                  <dt>Registered</dt>
                  <dd>
                    {time(c.registered)} ·{' '}
                    <a href={`v1/statements/${c.statement}/receipt`} target="_blank" rel="noreferrer">
                      receipt<span class="visually-hidden"> (opens in a new tab)</span>
                    </a>
                  </dd>
                </dl>
                <details>
                  <summary>The certificate as registered (compact JWS)</summary>
                  <pre class="wrap" data-testid="certificate-jws">
                    {jws}
                  </pre>
                </details>
              </Panel>
              <Panel title={`Verification at ${time(result.at)}`} testid="certificate-verification" wide>
                <CheckList
                  verified={result.verified}
                  kind="certificate"
                  rows={result.checks}
                  testid="certificate-result"
                  summary={result.verified ? 'Every check passed.' : `Failed: ${c.failed.join(', ')}.`}
                />
              </Panel>
            </div>
          )}
        </Show>
      )}
    </Page>
  );
}
