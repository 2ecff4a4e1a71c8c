import { mass, shortId, time } from '../format';
import type { HistoryEvent } from '../types';
import { Empty, EntityLink, TableWrap } from './ui';

/** A batch's custody events in log order, each with its statement and a link to its receipt. */
export function HistoryTable({ events }: { events: readonly HistoryEvent[] }) {
  if (events.length === 0) {
    return (
      <Empty testid="history-empty">
        <p>No custody events this token may see for this batch.</p>
      </Empty>
    );
  }
  return (
    <TableWrap label="Custody history" testid="history">
      <table>
        <caption>Custody events in log order</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Log entry
            </th>
            <th scope="col">Event</th>
            <th scope="col">Happened</th>
            <th scope="col">Registered</th>
            <th scope="col">By</th>
            <th scope="col">Details</th>
            <th scope="col">Receipt</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={`${e.statement}/${e.seq}`} data-testid="history-row" data-type={e.event.type}>
              <td class="num">{e.index}</td>
              <th scope="row">{e.event.type}</th>
              <td>{time(e.event.time)}</td>
              <td>{time(e.registered)}</td>
              <td>
                <EntityLink section="organizations" id={e.actor}>
                  {shortId(e.actor)}
                </EntityLink>
              </td>
              <td>{describe(e.event)}</td>
              <td>
                <a
                  href={`v1/statements/${e.statement}/receipt`}
                  title={`statement ${e.statement}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  receipt<span class="visually-hidden"> of statement {e.statement} (opens in a new tab)</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type Fields = HistoryEvent['event'];

/** One line about what an event did. */
function describe(e: Fields): string {
  const s = (k: string) => (typeof e[k] === 'string' ? shortId(e[k] as string) : '');
  const g = (k: string) => (typeof e[k] === 'number' ? mass(e[k] as number) : '');
  const newBatch = (b: unknown) => {
    const x = b as { id?: string; material?: string; grams?: number } | undefined;
    return x ? `${shortId(x.id ?? '')} (${x.material ?? ''}, ${mass(x.grams ?? 0)})` : '';
  };
  switch (e.type) {
    case 'extract':
      return `${String(e.method ?? '')} extraction at ${s('facility')}: ${newBatch(e.batch)}`;
    case 'commission':
      return `commissioned at ${s('facility')}: ${newBatch(e.batch)}`;
    case 'ship':
      return `${g('grams')} of ${s('batch')} to ${s('to')} at ${s('toFacility')}${e.splitInto ? ` (split into ${s('splitInto')})` : ''}`;
    case 'receive':
      return `${g('grams')} of ${s('batch')} received at ${s('facility')}`;
    case 'transform': {
      const inputs = (e.inputs as { batch: string; grams: number }[] | undefined) ?? [];
      const outputs = (e.outputs as unknown[] | undefined) ?? [];
      return `${String(e.process ?? '')} at ${s('facility')}: ${inputs.map((i) => `${mass(i.grams)} of ${shortId(i.batch)}`).join(', ')} → ${outputs.map(newBatch).join(', ')}`;
    }
    case 'assay':
      return `assay of ${s('batch')}`;
    case 'trade':
      return `${s('batch')} sold to ${s('buyer')}`;
    default:
      return '';
  }
}
