import { useState } from 'preact/hooks';
import { FindingsTable, SeverityCounts, StreamStatus } from '../components/findings';
import { Empty, NeedsToken, Page, Panel, Show } from '../components/ui';
import { type FindingFilters, SEVERITIES, useLiveFindings } from '../findings';
import { href, navigate } from '../router';
import { useToken } from '../token';
import type { ComplianceRule } from '../types';

/** How many of the latest matching findings the page keeps (newest first). */
const KEEP = 100;

/** Findings: filter by rule, severity and subject; the latest first, new ones arriving live. */
export function FindingsPage({ params }: { params: URLSearchParams }) {
  const token = useToken();
  const filters: FindingFilters = {
    rule: params.get('rule') ?? '',
    severity: params.get('severity') ?? '',
    subject: params.get('subject') ?? '',
  };
  return (
    <Page
      title="Compliance findings"
      lead="What the compliance rules found in the statements this node registered, newest first, live."
      testid="findings-page"
    >
      {token === '' ? (
        <Panel title="Findings" testid="findings-list" wide>
          <NeedsToken what="Compliance findings are" testid="findings-locked" />
        </Panel>
      ) : (
        <LiveList token={token} filters={filters} />
      )}
    </Page>
  );
}

function LiveList({ token, filters }: { token: string; filters: FindingFilters }) {
  const live = useLiveFindings(token, filters, KEEP);
  const filtered = filters.rule !== '' || filters.severity !== '' || filters.subject !== '';
  return (
    <Show load={live.load} what="findings">
      {({ compliance }) => (
        <div class="grid">
          <Panel title="By severity" testid="findings-summary" wide>
            {live.bySeverity && <SeverityCounts counts={live.bySeverity} />}
            <p class="help">
              Rule set <code>{compliance.ruleSet.version}</code>; statements evaluated through log entry{' '}
              {compliance.evaluatedThrough}. <a href={href('cases')}>Cases by status</a>.
            </p>
          </Panel>
          <Panel title="Findings" testid="findings-list" wide>
            <Filters
              key={`${filters.rule} ${filters.severity} ${filters.subject}`}
              filters={filters}
              rules={compliance.rules}
            />
            <StreamStatus state={live.stream} />
            {live.items.length === 0 ? (
              <Empty testid="findings-empty">
                <p>
                  {filtered
                    ? 'No finding matches these filters yet: new ones appear here as they are raised.'
                    : 'No findings yet: every statement registered so far passed the rules.'}
                </p>
              </Empty>
            ) : (
              <FindingsTable
                items={live.items}
                arrived={live.arrived}
                caption={`The latest ${live.items.length < KEEP ? '' : `${KEEP} `}findings${filtered ? ' matching the filters' : ''}, newest first`}
                testid="findings-table"
              />
            )}
          </Panel>
        </div>
      )}
    </Show>
  );
}

function Filters({ filters, rules }: { filters: FindingFilters; rules: readonly ComplianceRule[] }) {
  const [rule, setRule] = useState(filters.rule);
  const [severity, setSeverity] = useState(filters.severity);
  const [subject, setSubject] = useState(filters.subject);
  return (
    <form
      class="inline filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(href('findings', undefined, { rule, severity, subject: subject.trim() }));
      }}
    >
      <label for="filter-rule">Rule</label>
      <select
        id="filter-rule"
        value={rule}
        onChange={(e) => setRule(e.currentTarget.value)}
        data-testid="filter-rule"
      >
        <option value="">any</option>
        {rules.map((r) => (
          <option key={r.id} value={r.id}>
            {r.id}: {r.title}
          </option>
        ))}
      </select>
      <label for="filter-severity">Severity</label>
      <select
        id="filter-severity"
        value={severity}
        onChange={(e) => setSeverity(e.currentTarget.value)}
        data-testid="filter-severity"
      >
        <option value="">any</option>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label for="filter-subject">Subject</label>
      <input
        id="filter-subject"
        value={subject}
        placeholder="DID, facility or batch id"
        onInput={(e) => setSubject(e.currentTarget.value)}
        data-testid="filter-subject"
      />
      <button type="submit" data-testid="filter-apply">
        Apply
      </button>
    </form>
  );
}
