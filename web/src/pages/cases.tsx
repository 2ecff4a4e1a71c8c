import { api, query } from '../api';
import { FindingsTable } from '../components/findings';
import { Empty, NeedsToken, Page, Pager, Panel, Show } from '../components/ui';
import { count } from '../format';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import { useToken } from '../token';
import type { Page as ApiPage, CaseStatus, Compliance, FindingView } from '../types';

const STATUSES: readonly { status: CaseStatus; label: string }[] = [
  { status: 'open', label: 'Open' },
  { status: 'acknowledged', label: 'Acknowledged' },
  { status: 'assigned', label: 'Assigned' },
  { status: 'resolved', label: 'Resolved' },
];

const EMPTY_WORDS: Record<CaseStatus, string> = {
  open: 'No open case: every finding has been acknowledged, assigned or resolved.',
  acknowledged: 'No case is acknowledged and waiting for an assignee or a resolution.',
  assigned: 'No case is assigned.',
  resolved: 'No case is resolved yet.',
};

/** Cases: the findings by the status of their case, one tab per status. */
export function CasesPage({ params }: { params: URLSearchParams }) {
  const token = useToken();
  const raw = params.get('status');
  const status = STATUSES.find((s) => s.status === raw)?.status ?? 'open';
  const after = params.get('after') ?? '';
  return (
    <Page
      title="Cases"
      lead="Each finding is a case: acknowledged, assigned and resolved by logged, signed actions."
      testid="cases"
    >
      {token === '' ? (
        <Panel title="Cases" testid="cases-list" wide>
          <NeedsToken what="Cases are" testid="cases-locked" />
        </Panel>
      ) : (
        <CaseTabs token={token} status={status} after={after} />
      )}
    </Page>
  );
}

function CaseTabs(props: { token: string; status: CaseStatus; after: string }) {
  const { token, status, after } = props;
  const counts = useLoad((signal) => api<Compliance>('v1/compliance', { auth: true, signal }), [token]);
  const totals = counts.state === 'done' ? counts.data.cases : undefined;
  return (
    <>
      <nav aria-label="Case status" class="subnav">
        <ul>
          {STATUSES.map((s) => (
            <li key={s.status}>
              <a
                href={href('cases', undefined, { status: s.status })}
                aria-current={s.status === status ? 'page' : undefined}
                data-testid={`cases-tab-${s.status}`}
                data-count={totals?.[s.status]}
              >
                {s.label}
                {totals && ` (${count(totals[s.status] ?? 0)})`}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Panel title={`${STATUSES.find((s) => s.status === status)?.label} cases`} testid="cases-list" wide>
        <CaseTable token={token} status={status} after={after} />
      </Panel>
    </>
  );
}

function CaseTable(props: { token: string; status: CaseStatus; after: string }) {
  const { token, status, after } = props;
  const load = useLoad(
    (signal) =>
      api<ApiPage<FindingView>>(`v1/cases${query({ status, after, limit: 50 })}`, { auth: true, signal }),
    [token, status, after],
  );
  return (
    <Show load={load} what="cases">
      {(page) =>
        page.items.length === 0 ? (
          <Empty testid="cases-empty">
            <p>{after ? 'No more cases with this status.' : EMPTY_WORDS[status]}</p>
          </Empty>
        ) : (
          <>
            <FindingsTable
              items={page.items}
              caption={`Findings whose case is ${status}, oldest first${after ? ' (later page)' : ''}`}
              testid="cases-table"
            />
            <Pager
              next={page.next}
              testid="cases-next"
              onNext={(next) => navigate(href('cases', undefined, { status, after: next }))}
              {...(after !== '' && { onFirst: () => navigate(href('cases', undefined, { status })) })}
            />
          </>
        )
      }
    </Show>
  );
}
