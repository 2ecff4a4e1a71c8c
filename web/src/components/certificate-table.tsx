import { shortId, time } from '../format';
import type { CertificateSummary } from '../types';
import { Badge, Empty, EntityLink, TableWrap } from './ui';

/** Certificates with their verdict badge and the checks that failed. */
export function CertificateTable({
  certificates,
  empty,
}: {
  certificates: readonly CertificateSummary[];
  empty: string;
}) {
  if (certificates.length === 0) {
    return (
      <Empty testid="certificates-empty">
        <p>{empty}</p>
      </Empty>
    );
  }
  return (
    <TableWrap label="Certificates" testid="certificates-table">
      <table>
        <thead>
          <tr>
            <th scope="col">Certificate</th>
            <th scope="col">Verdict</th>
            <th scope="col">Failed checks</th>
            <th scope="col">Scheme</th>
            <th scope="col">Issuer</th>
            <th scope="col">Subjects</th>
            <th scope="col">Valid</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => (
            <tr key={c.id} data-testid="certificate-row" data-id={c.id} data-verified={String(c.verified)}>
              <th scope="row">
                <EntityLink section="certificates" id={c.id}>
                  {c.name || shortId(c.id)}
                </EntityLink>
              </th>
              <td>
                <Badge status={c.verified ? 'verified' : 'failed'} />
              </td>
              <td data-testid="failed-checks">{c.failed.length === 0 ? '—' : c.failed.join(', ')}</td>
              <td>{c.scheme.name}</td>
              <td>
                <EntityLink section="organizations" id={c.issuer}>
                  {shortId(c.issuer)}
                </EntityLink>
              </td>
              <td>
                {c.subjects.map((s, i) => (
                  <span key={s.id}>
                    {i > 0 && ', '}
                    {s.kind === 'facility' ? (
                      <EntityLink section="facilities" id={s.id}>
                        {shortId(s.id)}
                      </EntityLink>
                    ) : s.kind === 'organization' ? (
                      <EntityLink section="organizations" id={s.id}>
                        {shortId(s.id)}
                      </EntityLink>
                    ) : (
                      <EntityLink section="batches" id={s.id}>
                        {shortId(s.id)}
                      </EntityLink>
                    )}
                  </span>
                ))}
              </td>
              <td>
                {time(c.validFrom)} – {c.validUntil ? time(c.validUntil) : 'open'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
