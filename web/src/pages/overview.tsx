import { ApiError, api } from '../api';
import { barOption } from '../charts/options';
import { Chart } from '../components/chart';
import { FindingsTable, RuleCounts, SeverityCounts, StreamStatus } from '../components/findings';
import { Empty, NeedsToken, Page, Panel, Show, Stat, TableWrap } from '../components/ui';
import { NO_FILTERS, useLiveFindings } from '../findings';
import { count, mass, tonnes } from '../format';
import { useLoad } from '../hooks';
import { href } from '../router';
import { useToken } from '../token';
import type { Overview } from '../types';

/** The overview with the token if one is set; if the node refuses the token, the public overview. */
async function loadOverview(
  token: string,
  signal: AbortSignal,
): Promise<{ overview: Overview; refused?: ApiError }> {
  if (token === '') return { overview: await api<Overview>('v1/overview', { signal }) };
  try {
    return { overview: await api<Overview>('v1/overview', { auth: true, signal }) };
  } catch (err) {
    if (!(err instanceof ApiError) || !err.isAuth) throw err;
    return { overview: await api<Overview>('v1/overview', { signal }), refused: err };
  }
}

export function OverviewPage() {
  const token = useToken();
  const load = useLoad((signal) => loadOverview(token, signal), [token]);
  return (
    <Page
      title="Overview"
      lead="What this node holds, and the state of its verifiable log."
      testid="overview"
    >
      <Show load={load} what="the overview">
        {({ overview, refused }) => (
          <>
            {refused && (
              <div class="notice error" role="alert" data-testid="token-refused">
                <p>
                  The node refused the token ({refused.code}: {refused.message}). Showing public data only.
                </p>
              </div>
            )}
            <div class="grid">
              <Counts overview={overview} />
              <LogState overview={overview} />
              <Volumes overview={overview} hasToken={token !== '' && refused === undefined} />
              <Findings token={token} usable={token !== '' && refused === undefined} />
            </div>
          </>
        )}
      </Show>
    </Page>
  );
}

function Counts({ overview }: { overview: Overview }) {
  const c = overview.counts;
  return (
    <Panel title="Registry and custody" testid="counts">
      <dl class="stats">
        <Stat
          label="Organisations"
          value={<a href={href('organizations')}>{count(c.organizations)}</a>}
          testid="count-organizations"
          raw={c.organizations}
        />
        <Stat
          label="Facilities"
          value={<a href={href('facilities')}>{count(c.facilities)}</a>}
          testid="count-facilities"
          raw={c.facilities}
        />
        <Stat
          label="Batches"
          value={<a href={href('batches')}>{count(c.batches)}</a>}
          testid="count-batches"
          raw={c.batches}
        />
        <Stat
          label="Certificates"
          value={<a href={href('certificates')}>{count(c.certificates)}</a>}
          testid="count-certificates"
          raw={c.certificates}
        />
      </dl>
      {c.organizations + c.facilities + c.batches === 0 && (
        <Empty testid="overview-empty">
          <p>
            This node holds no registrations yet. Organisations are registered by the operator (
            <code>lodestone keys register</code>), then facilities and custody events are submitted as signed
            statements (<code>lodestone submit</code>, <code>lodestone import</code>), or try{' '}
            <code>lodestone demo</code>.
          </p>
        </Empty>
      )}
    </Panel>
  );
}

function LogState({ overview }: { overview: Overview }) {
  const { log, node, federation } = overview;
  return (
    <Panel title="Verifiable log" testid="log">
      <dl class="stats">
        <Stat label="Entries" value={count(log.size)} testid="log-size" raw={log.size} />
        <Stat
          label="Waiting for integration"
          value={count(log.pending)}
          testid="log-pending"
          raw={log.pending}
        />
        <Stat label="Peers" value={count(federation.peers)} testid="peers" raw={federation.peers} />
        <Stat
          label="Split-view alarms"
          value={<span class={federation.alarms > 0 ? 'alarm' : undefined}>{count(federation.alarms)}</span>}
          testid="alarms"
          raw={federation.alarms}
        />
      </dl>
      <dl class="facts">
        <dt>Origin</dt>
        <dd class="id" data-testid="log-origin">
          {node.origin}
        </dd>
        <dt>Root hash</dt>
        <dd class="id" data-testid="log-root">
          {log.root}
        </dd>
        <dt>Version</dt>
        <dd>{node.version}</dd>
      </dl>
      <details>
        <summary>Latest checkpoint (signed note)</summary>
        <pre data-testid="log-checkpoint">{log.checkpoint}</pre>
      </details>
    </Panel>
  );
}

function Volumes({ overview, hasToken }: { overview: Overview; hasToken: boolean }) {
  const volumes = overview.volumes;
  if (volumes === undefined) {
    return (
      <Panel title="Volumes" testid="volumes" wide>
        {hasToken ? (
          <div class="notice" data-testid="volumes-locked">
            <p>
              This token sees only its own organisation's batches: volumes across every batch need the
              operator token or the token of an auditor or regulator.
            </p>
          </div>
        ) : (
          <NeedsToken what="Volumes by material and stage are" testid="volumes-locked" />
        )}
        <p class="help">Only the operator, auditors and regulators see volumes across every batch.</p>
      </Panel>
    );
  }
  if (volumes.byMaterial.length === 0) {
    return (
      <Panel title="Volumes" testid="volumes" wide>
        <Empty testid="volumes-empty">
          <p>No batches yet: volumes appear here once batches are extracted or commissioned.</p>
        </Empty>
      </Panel>
    );
  }
  const materials = volumes.byMaterial.map((m) => ({ label: m.name, value: tonnes(m.createdGrams) }));
  const stages = volumes.byStage.map((s) => ({ label: s.stage, value: tonnes(s.createdGrams) }));
  return (
    <Panel title="Volumes (created mass, tonnes)" testid="volumes" wide>
      <div class="two">
        <figure>
          <figcaption>By material</figcaption>
          <Chart
            option={barOption(materials, 't')}
            label="Bar chart of created mass by material; the same figures are in the table below"
            height={Math.max(160, materials.length * 32 + 40)}
            testid="chart-volumes-material"
          />
        </figure>
        <figure>
          <figcaption>By stage</figcaption>
          <Chart
            option={barOption(stages, 't')}
            label="Bar chart of created mass by processing stage; the same figures are in the table below"
            height={Math.max(160, stages.length * 32 + 40)}
            testid="chart-volumes-stage"
          />
        </figure>
      </div>
      <TableWrap label="Volumes by material" testid="volumes-table">
        <table>
          <caption>
            Batches by material: created mass and what remains (not yet shipped on or consumed)
          </caption>
          <thead>
            <tr>
              <th scope="col">Material</th>
              <th scope="col">Stage</th>
              <th scope="col" class="num">
                Batches
              </th>
              <th scope="col" class="num">
                Created
              </th>
              <th scope="col" class="num">
                Remaining
              </th>
            </tr>
          </thead>
          <tbody>
            {volumes.byMaterial.map((m) => (
              <tr key={m.material} data-testid="volume-row" data-material={m.material}>
                <th scope="row">
                  <a href={href('batches', undefined, { material: m.material })}>{m.name}</a>{' '}
                  <code class="muted">{m.material}</code>
                </th>
                <td>{m.stage}</td>
                <td class="num">{count(m.batches)}</td>
                <td class="num">{mass(m.createdGrams)}</td>
                <td class="num">{mass(m.remainingGrams)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Panel>
  );
}

/** Counts by severity and the latest findings, newest first, as the node raises them. */
function Findings({ token, usable }: { token: string; usable: boolean }) {
  return (
    <Panel title="Compliance findings" testid="findings" wide>
      {usable ? (
        <LiveFindingsFeed token={token} />
      ) : (
        <NeedsToken what="Compliance findings are" testid="findings-locked" />
      )}
    </Panel>
  );
}

const FEED_SIZE = 20;

function LiveFindingsFeed({ token }: { token: string }) {
  const live = useLiveFindings(token, NO_FILTERS, FEED_SIZE);
  return (
    <Show load={live.load} what="findings">
      {({ compliance }) => (
        <>
          {live.bySeverity && <SeverityCounts counts={live.bySeverity} />}
          <details>
            <summary>By rule</summary>
            <RuleCounts compliance={compliance} />
          </details>
          <StreamStatus state={live.stream} />
          {live.items.length === 0 ? (
            <Empty testid="findings-empty">
              <p>No findings: every statement registered so far passed the compliance rules.</p>
            </Empty>
          ) : (
            <FindingsTable
              items={live.items}
              arrived={live.arrived}
              caption={`The latest ${FEED_SIZE} findings, newest first`}
              testid="findings-feed"
              compact
            />
          )}
          <p>
            <a href={href('findings')} data-testid="findings-all">
              All findings
            </a>{' '}
            · <a href={href('cases')}>Cases</a>
          </p>
        </>
      )}
    </Show>
  );
}
