import { useState } from 'preact/hooks';
import { ApiError, api, seg } from '../api';
import { CaseActions } from '../components/case-actions';
import { CaseStatusBadge, SeverityBadge, SubjectLink } from '../components/findings';
import {
  Empty,
  EntityLink,
  ErrorNotice,
  Loading,
  NeedsToken,
  Page,
  Panel,
  TableWrap,
} from '../components/ui';
import { useFindingStream } from '../findings-stream';
import { shortId, time } from '../format';
import { useLoad } from '../hooks';
import { useToken } from '../token';
import type { CaseState, Compliance, ComplianceRule, FindingView } from '../types';

const total = (c: Compliance): number => c.counts.reduce((n, x) => n + x.count, 0);

/** One finding: what it says, its rule, its evidence, and its case (with the actions on it). */
export function FindingPage({ id }: { id: string }) {
  const token = useToken();
  const load = useLoad(
    async (signal) => {
      if (token === '') return undefined;
      const [finding, compliance] = await Promise.all([
        api<FindingView>(`v1/findings/${seg(id)}`, { auth: true, signal }),
        api<Compliance>('v1/compliance', { auth: true, signal }),
      ]);
      return { finding, compliance };
    },
    [id, token],
  );
  return (
    <Page title="Finding" lead={<code class="id">{id}</code>} testid="finding">
      {token === '' ? (
        <NeedsToken what="Compliance findings are" testid="finding-locked" />
      ) : load.state === 'loading' ? (
        <Loading what="the finding" />
      ) : load.state === 'error' ? (
        load.error instanceof ApiError && load.error.status === 404 ? (
          <Empty testid="finding-not-found">
            <p>This node holds no finding with this id, or this token may not see it.</p>
          </Empty>
        ) : (
          <ErrorNotice error={load.error} />
        )
      ) : (
        load.data && <FindingDetail token={token} {...load.data} />
      )}
    </Page>
  );
}

function FindingDetail(props: { token: string; finding: FindingView; compliance: Compliance }) {
  const { finding, compliance } = props;
  const [state, setState] = useState<CaseState>(finding.case);
  // Another officer's action on this case arrives over the stream.
  useFindingStream(props.token, total(compliance), {
    onFinding: () => undefined,
    onCase: (c) => {
      if (c.finding === finding.id) setState(c);
    },
  });
  const rule = compliance.rules.find((r) => r.id === finding.rule);
  return (
    <div class="grid">
      <Panel title={finding.title} testid="finding-summary" wide>
        <p class="message" data-testid="finding-message">
          <SeverityBadge severity={finding.severity} /> {finding.message}
        </p>
        <dl class="facts">
          <dt>Subject</dt>
          <dd data-testid="finding-subject">
            {finding.subject.kind} <SubjectLink subject={finding.subject} />
          </dd>
          <dt>At</dt>
          <dd>{time(finding.at)}</dd>
          <dt>Raised</dt>
          <dd>
            {time(finding.raisedAt)}, evaluating log entry {finding.index} (finding {finding.seq} of the
            stream)
          </dd>
          <dt>Raising statement</dt>
          <dd>
            <StatementLink id={finding.statement} /> signed by{' '}
            <EntityLink section="organizations" id={finding.issuer}>
              {shortId(finding.issuer)}
            </EntityLink>
          </dd>
          <dt>Case</dt>
          <dd>
            <CaseStatusBadge status={state.status} />
          </dd>
        </dl>
      </Panel>
      <RulePanel id={finding.rule} ruleSet={finding.ruleSet} rule={rule} />
      <EvidencePanel finding={finding} />
      <Panel title="Case" testid="finding-case" wide>
        <CaseSummary state={state} />
        <CaseHistory state={state} />
        <CaseActions finding={finding.id} state={state} onChange={setState} />
      </Panel>
    </div>
  );
}

function StatementLink({ id }: { id: string }) {
  return (
    <a href={`v1/statements/${id}/receipt`} class="id" target="_blank" rel="noreferrer">
      {id}
      <span class="visually-hidden"> (its receipt, opens in a new tab)</span>
    </a>
  );
}

function RulePanel(props: { id: string; ruleSet: string; rule: ComplianceRule | undefined }) {
  const { rule } = props;
  return (
    <Panel title="Rule" testid="finding-rule">
      <dl class="facts">
        <dt>Rule</dt>
        <dd>
          <code data-testid="finding-rule-id">{props.id}</code>
          {rule && <span data-testid="finding-rule-title"> {rule.title}</span>}
        </dd>
        <dt>Rule set</dt>
        <dd>
          <code>{props.ruleSet}</code>
        </dd>
        {rule && (
          <>
            <dt>Source</dt>
            <dd data-testid="finding-rule-source">{rule.source}</dd>
            <dt>Reference</dt>
            <dd data-testid="finding-rule-reference">
              {/^https?:\/\//.test(rule.reference) ? (
                <a href={rule.reference} target="_blank" rel="noreferrer">
                  {rule.reference}
                </a>
              ) : (
                rule.reference
              )}
            </dd>
          </>
        )}
      </dl>
      {rule ? <p>{rule.description}</p> : <p class="muted">This node's rule set no longer lists the rule.</p>}
    </Panel>
  );
}

function EvidencePanel({ finding }: { finding: FindingView }) {
  const facts = Object.entries(finding.evidence.facts);
  return (
    <Panel title="Evidence" testid="finding-evidence">
      <h3>Statements</h3>
      <ol data-testid="evidence-statements">
        {finding.evidence.statements.map((s) => (
          <li key={s} data-testid="evidence-statement" data-id={s}>
            <StatementLink id={s} />
          </li>
        ))}
      </ol>
      <h3>Facts</h3>
      {facts.length === 0 ? (
        <p class="muted">The rule recorded no figures.</p>
      ) : (
        <dl class="facts" data-testid="finding-facts">
          {facts.map(([k, v]) => (
            <FactRow key={k} name={k} value={v} />
          ))}
        </dl>
      )}
    </Panel>
  );
}

function FactRow({ name, value }: { name: string; value: unknown }) {
  return (
    <>
      <dt>{name}</dt>
      <dd data-testid="fact" data-name={name}>
        {typeof value === 'object' && value !== null ? (
          <pre class="wrap">{JSON.stringify(value, null, 2)}</pre>
        ) : (
          String(value)
        )}
      </dd>
    </>
  );
}

function CaseSummary({ state }: { state: CaseState }) {
  return (
    <dl class="facts" data-testid="case-summary">
      <dt>Status</dt>
      <dd>
        <CaseStatusBadge status={state.status} />
      </dd>
      {state.assignee && (
        <>
          <dt>Assignee</dt>
          <dd class="id" data-testid="case-assignee">
            {state.assignee}
          </dd>
        </>
      )}
      {state.outcome && (
        <>
          <dt>Outcome</dt>
          <dd data-testid="case-outcome-value">{state.outcome}</dd>
        </>
      )}
    </dl>
  );
}

function CaseHistory({ state }: { state: CaseState }) {
  if (state.history.length === 0) {
    return (
      <Empty testid="case-history-empty">
        <p>No action yet: the case is open.</p>
      </Empty>
    );
  }
  return (
    <TableWrap label="Case history" testid="case-history">
      <table>
        <caption>Actions on the case, oldest first; each is a logged statement</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">When</th>
            <th scope="col">By</th>
            <th scope="col">Details</th>
            <th scope="col">Statement</th>
          </tr>
        </thead>
        <tbody>
          {state.history.map((e) => (
            <tr key={e.statement} data-testid="case-history-row" data-action={e.action}>
              <th scope="row">{e.action}</th>
              <td>{time(e.at)}</td>
              <td class="id">{e.by}</td>
              <td>
                {e.assignee && (
                  <>
                    to <span class="id">{e.assignee}</span>{' '}
                  </>
                )}
                {e.outcome && <strong>{e.outcome}</strong>}
                {e.outcome && e.justification && ': '}
                {e.justification}
              </td>
              <td>
                <a href={`v1/statements/${e.statement}/receipt`} target="_blank" rel="noreferrer">
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
