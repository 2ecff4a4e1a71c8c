import type { ComponentChildren } from 'preact';
import { Badge, TableWrap } from './ui';

export interface CheckRow {
  readonly check: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly reason: string;
  readonly evidence?: Readonly<Record<string, unknown>>;
}

/** A verdict and every check behind it: pass, fail or skip, the reason and the evidence used. */
export function CheckList(props: {
  verified: boolean;
  kind: string;
  rows: readonly CheckRow[];
  summary?: ComponentChildren;
  testid?: string;
}) {
  return (
    <div
      class="verdict"
      data-testid={props.testid}
      data-verified={String(props.verified)}
      data-kind={props.kind}
      role="status"
    >
      <p class="verdict-line">
        <Badge status={props.verified ? 'verified' : 'failed'} /> {props.summary}
      </p>
      <TableWrap label="Checks">
        <table class="checks">
          <caption>Checks, in the order they were run</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Result</th>
              <th scope="col">Reason</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.check} data-testid="check-row" data-check={r.check} data-status={r.status}>
                <th scope="row">{r.check}</th>
                <td>
                  <Badge status={r.status} />
                </td>
                <td>{r.reason}</td>
                <td>
                  {r.evidence && Object.keys(r.evidence).length > 0 ? <Evidence value={r.evidence} /> : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

function Evidence({ value }: { value: Readonly<Record<string, unknown>> }) {
  return (
    <details>
      <summary>evidence</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
