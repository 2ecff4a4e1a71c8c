import { SEVERITIES } from '../findings';
import type { StreamState } from '../findings-stream';
import { count, shortId, time } from '../format';
import { href } from '../router';
import type { CaseStatus, Compliance, FindingView, Severity } from '../types';
import { EntityLink, TableWrap } from './ui';

/** A severity in words and colour (`data-severity`). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span class={`sev sev-${severity}`} data-testid="severity" data-severity={severity}>
      {severity}
    </span>
  );
}

/** A case status in words (`data-status`). */
export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span class={`case case-${status}`} data-testid="case-status" data-status={status}>
      {status}
    </span>
  );
}

/** Counts by severity, most severe first; each links to the findings of that severity. */
export function SeverityCounts(props: { counts: Readonly<Record<Severity, number>> }) {
  return (
    <dl class="stats sev-counts" data-testid="findings-counts">
      {SEVERITIES.map((s) => (
        <div class="stat" key={s}>
          <dt>
            <SeverityBadge severity={s} />
          </dt>
          <dd data-testid={`findings-count-${s}`} data-value={props.counts[s]}>
            <a href={href('findings', undefined, { severity: s })}>{count(props.counts[s])}</a>
          </dd>
        </div>
      ))}
    </dl>
  );
}

const STREAM_WORDS: Record<StreamState, string> = {
  connecting: 'connecting to the live feed…',
  live: 'live: new findings appear as the node raises them',
  retrying: 'the live feed dropped: reconnecting…',
  refused: 'the node refused the token for the live feed',
};

/** Whether the live feed is connected (`data-state`), in words. */
export function StreamStatus({ state }: { state: StreamState }) {
  return (
    <p class={`stream stream-${state}`} role="status" data-testid="findings-stream" data-state={state}>
      <span aria-hidden="true" class="dot" /> {STREAM_WORDS[state]}
    </p>
  );
}

const SUBJECT_SECTION = { organization: 'organizations', facility: 'facilities', batch: 'batches' } as const;

/** The finding's subject, linked to its page. */
export function SubjectLink({ subject }: { subject: FindingView['subject'] }) {
  return (
    <EntityLink section={SUBJECT_SECTION[subject.kind]} id={subject.id}>
      {shortId(subject.id)}
    </EntityLink>
  );
}

/** Findings, one row each (`finding-row`), linking to the finding. `arrived` marks those that came live. */
export function FindingsTable(props: {
  items: readonly FindingView[];
  caption: string;
  testid: string;
  arrived?: ReadonlySet<string>;
  compact?: boolean;
}) {
  return (
    <TableWrap label={props.caption} testid={props.testid}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Finding</th>
            <th scope="col">Severity</th>
            <th scope="col">Rule</th>
            <th scope="col">Subject</th>
            {!props.compact && <th scope="col">At</th>}
            <th scope="col">Case</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((f) => (
            <tr
              key={f.id}
              class={props.arrived?.has(f.id) ? 'arrived' : undefined}
              data-testid="finding-row"
              data-id={f.id}
              data-rule={f.rule}
              data-severity={f.severity}
              data-status={f.case.status}
              data-live={props.arrived?.has(f.id) ? 'true' : undefined}
            >
              <th scope="row">
                <a href={href('findings', f.id)} data-testid="finding-link">
                  {f.title}
                </a>
                {props.arrived?.has(f.id) && <span class="new"> new</span>}
              </th>
              <td>
                <SeverityBadge severity={f.severity} />
              </td>
              <td>
                <code>{f.rule}</code>
              </td>
              <td>
                <SubjectLink subject={f.subject} />
              </td>
              {!props.compact && <td>{time(f.at)}</td>}
              <td>
                <CaseStatusBadge status={f.case.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Findings per rule, most first (`findings-rule`: `data-rule`, `data-value`), linking to each rule's list. */
export function RuleCounts({ compliance }: { compliance: Compliance }) {
  const byRule = new Map<string, number>();
  for (const c of compliance.counts) byRule.set(c.rule, (byRule.get(c.rule) ?? 0) + c.count);
  const rows = [...byRule].sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return null;
  const titles = new Map(compliance.rules.map((r) => [r.id, r.title]));
  return (
    <ul class="rule-counts" aria-label="Findings by rule" data-testid="findings-by-rule">
      {rows.map(([rule, n]) => (
        <li key={rule} data-testid="findings-rule" data-rule={rule} data-value={n}>
          <a href={href('findings', undefined, { rule })}>
            <code>{rule}</code>
          </a>{' '}
          <span class="muted">{titles.get(rule) ?? ''}</span> <strong>{count(n)}</strong>
        </li>
      ))}
    </ul>
  );
}
