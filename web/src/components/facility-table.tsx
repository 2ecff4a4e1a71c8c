import { mass } from '../format';
import type { Facility } from '../types';
import { Empty, EntityLink, TableWrap } from './ui';

export function FacilityTable({ facilities, empty }: { facilities: readonly Facility[]; empty: string }) {
  if (facilities.length === 0) {
    return (
      <Empty testid="facilities-empty">
        <p>{empty}</p>
      </Empty>
    );
  }
  return (
    <TableWrap label="Facilities" testid="facilities-table">
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Country</th>
            <th scope="col">Location (lon, lat)</th>
            <th scope="col" class="num">
              Capacity / year
            </th>
            <th scope="col">Operator</th>
          </tr>
        </thead>
        <tbody>
          {facilities.map((f) => (
            <tr key={f.id} data-testid="facility-row" data-id={f.id}>
              <th scope="row">
                <EntityLink section="facilities" id={f.id}>
                  {f.name}
                </EntityLink>
              </th>
              <td>{f.facilityKind}</td>
              <td>{f.country}</td>
              <td>{f.location.coordinates.map((c) => c.toFixed(3)).join(', ')}</td>
              <td class="num">{f.capacityGramsPerYear === undefined ? '—' : mass(f.capacityGramsPerYear)}</td>
              <td class="id">
                <EntityLink section="organizations" id={f.operator} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
